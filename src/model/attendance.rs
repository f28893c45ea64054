//! Attendance of a record (SPEC §4): who was expected, present, excused
//! (请假) and absent without excuse (无故缺席), and the key that tells
//! members apart whatever spaces their names are written with.

use crate::frontmatter::Fields;
use crate::msg::Content;

/// Present members: a count or the list of names.
#[derive(Debug, Clone)]
pub enum Present {
    Count(u64),
    Names(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Excused {
    pub name: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Attendance {
    pub expected: Option<u64>,
    pub present: Option<Present>,
    pub excused: Members<Excused>,
    pub absent: Members<String>,
    /// Who was absent, told apart without their names: a hash of each
    /// `person_key`, kept when the names are withheld, so that a public
    /// build can count the members at the absence rule.
    pub absent_keys: Vec<u64>,
}

/// A member told apart from the others without the name: the hash of
/// `person_key`.
pub(crate) fn person_hash(name: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(person_key(name).as_bytes())
}

/// The members of one list of a record's attendance: their names, or only
/// how many they were. A public build holds no member's name: its site
/// keeps the counts alone (`Attendance::withhold_names`), so no page,
/// feed or index of it can show one.
#[derive(Debug, Clone)]
pub enum Members<T> {
    Named(Vec<T>),
    Counted(usize),
}

impl<T> Members<T> {
    pub fn len(&self) -> usize {
        match self {
            Members::Named(v) => v.len(),
            Members::Counted(n) => *n,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The members by name; none once names are withheld.
    pub fn named(&self) -> &[T] {
        match self {
            Members::Named(v) => v,
            Members::Counted(_) => &[],
        }
    }

    fn withhold_names(&mut self) {
        *self = Members::Counted(self.len());
    }
}

/// The key that tells people apart: a name without its spaces, half- or
/// full-width (`王 建华`, `王　建华` and `王建华` are one member). Every rule
/// that compares names uses it: the absence rule, the lecture duty, the
/// check for a member named twice.
pub(crate) fn person_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

impl Attendance {
    /// Forgets every name and keeps the counts: what a public build holds.
    pub(crate) fn withhold_names(&mut self) {
        if let Some(Present::Names(v)) = &self.present {
            self.present = Some(Present::Count(v.len() as u64));
        }
        self.excused.withhold_names();
        self.absent.withhold_names();
    }

    pub fn present_count(&self) -> Option<u64> {
        match &self.present {
            Some(Present::Count(n)) => Some(*n),
            Some(Present::Names(v)) => Some(v.len() as u64),
            None => None,
        }
    }
}

/// More members than any branch has: a count above it is a typo, and
/// keeping counts this small keeps every sum and percentage of them exact.
const MAX_MEMBERS: u64 = 100_000;

/// An attendance count, at most `MAX_MEMBERS`.
fn member_count(a: &Fields, key: &str) -> Option<u64> {
    let n = a.uint(key)?;
    if n > MAX_MEMBERS {
        a.error(
            key,
            Content::TooManyMembers {
                key: key.into(),
                n,
                max: MAX_MEMBERS,
            },
        );
        return None;
    }
    Some(n)
}

pub(super) fn attendance(a: &Fields) -> Attendance {
    a.deny_unknown(&["expected", "present", "excused", "absent"]);
    let present = match a.get("present") {
        None => None,
        Some(serde_yaml::Value::Sequence(_)) => Some(Present::Names(a.string_list("present"))),
        Some(_) => member_count(a, "present").map(Present::Count),
    };
    let mut excused = Vec::new();
    for entry in a.list("excused") {
        match (&entry.fields, entry.as_string()) {
            (Some(e), _) => {
                e.deny_unknown(&["name", "reason"]);
                if let Some(name) = e.required_string("name", crate::msg::What::MemberName) {
                    excused.push(Excused {
                        name,
                        reason: e.string("reason").unwrap_or_default(),
                    });
                }
            }
            (None, Some(name)) => excused.push(Excused {
                name,
                reason: String::new(),
            }),
            (None, None) => a.diags.error(a.path, entry.pos, Content::ExcusedShape),
        }
    }
    let absent = a.string_list("absent");
    let expected = member_count(a, "expected");
    // Everyone due is present, excused or absent: a warning in `build` and
    // `check` alike (the lists are as long as the file makes them: add
    // without overflow).
    let present_n = match &present {
        Some(Present::Count(n)) => Some(*n),
        Some(Present::Names(v)) => Some(v.len() as u64),
        None => None,
    };
    if let (Some(expected), Some(p)) = (expected, present_n) {
        let (e, ab) = (excused.len() as u64, absent.len() as u64);
        let sum = p.saturating_add(e).saturating_add(ab);
        if sum != expected {
            a.warning(
                "expected",
                Content::AttendanceSum {
                    present: p,
                    excused: e,
                    absent: ab,
                    sum,
                    expected,
                },
            );
        }
    }
    Attendance {
        expected,
        present,
        excused: Members::Named(excused),
        absent_keys: absent
            .iter()
            .filter(|n| !person_key(n).is_empty())
            .map(|n| person_hash(n))
            .collect(),
        absent: Members::Named(absent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::Fixture;

    #[test]
    fn a_name_is_one_person_whatever_spaces_it_is_written_with() {
        for written in ["王建华", "王 建华", "王　建华", " 王建华\t", "王 　建 华"]
        {
            assert_eq!(person_key(written), "王建华", "{written:?}");
        }
        assert_ne!(person_key("王建"), person_key("王建华"));
        assert_ne!(person_key("Wang Jianhua"), person_key("wangjianhua"));
    }

    /// The attendance of the one record of a site with this block.
    fn attendance_of(block: &str) -> (Option<Attendance>, Vec<String>) {
        let front =
            format!("title: 党员大会\ndate: 2026-05-10\nkind: meeting\nattendance:\n{block}");
        let (site, problems) = Fixture::new()
            .plain_branch("b")
            .record("b", "2026-05", "r", &front)
            .load(true);
        let a = site
            .records
            .all()
            .first()
            .and_then(|r| r.attendance.clone());
        (a, problems)
    }

    #[test]
    fn a_public_build_holds_the_counts_and_no_name() {
        let (a, _) = attendance_of(
            "  expected: 5\n  present: [甲, 乙]\n  excused: [{name: 丙, reason: 出差}, 丁]\n  absent: [戊]",
        );
        let mut a = a.unwrap();
        a.withhold_names();
        assert!(matches!(a.present, Some(Present::Count(2))));
        assert_eq!((a.excused.len(), a.absent.len()), (2, 1));
        assert!(a.excused.named().is_empty() && a.absent.named().is_empty());
        let (site, _) = Fixture::new()
            .plain_branch("b")
            .record(
                "b",
                "2026-05",
                "r",
                "title: 会\ndate: 2026-05-10\nkind: meeting\nattendance:\n  present: [甲]\n  absent: [戊]",
            )
            .load(false);
        let a = site.records[0].attendance.as_ref().unwrap();
        assert!(matches!(a.present, Some(Present::Count(1))));
        assert!(a.absent.named().is_empty() && a.absent.len() == 1);
    }

    #[test]
    fn present_is_a_count_or_names_and_excused_a_name_or_name_and_reason() {
        let (a, problems) = attendance_of(
            "  expected: 5\n  present: [甲, 乙]\n  excused: [{name: 丙, reason: 出差}, 丁]\n  absent: [戊]",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let a = a.unwrap();
        assert_eq!(a.expected, Some(5));
        assert!(matches!(&a.present, Some(Present::Names(v)) if v == &["甲", "乙"]));
        assert_eq!(a.present_count(), Some(2));
        let excused: Vec<(&str, &str)> = a
            .excused
            .named()
            .iter()
            .map(|e| (e.name.as_str(), e.reason.as_str()))
            .collect();
        assert_eq!(excused, vec![("丙", "出差"), ("丁", "")]);
        assert_eq!(a.absent.named(), ["戊"]);

        let (a, _) = attendance_of("  present: 29");
        assert!(matches!(a.unwrap().present, Some(Present::Count(29))));
    }

    #[test]
    fn a_count_above_any_branch_is_an_error_at_its_key() {
        let (a, problems) = attendance_of("  expected: 100001\n  present: 100000");
        let a = a.unwrap();
        assert_eq!(a.expected, None);
        assert_eq!(a.present_count(), Some(MAX_MEMBERS));
        assert_eq!(
            problems,
            vec![
                "content/branches/b/2026-05/r.md:6:3: error: `expected` is too large (100001): no branch has more than 100000 members; check the number"
            ]
        );
    }

    #[test]
    fn an_excused_member_that_is_not_a_name_is_an_error() {
        let (a, problems) = attendance_of("  excused: [[李四]]");
        assert!(a.unwrap().excused.is_empty());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].ends_with("error: an excused member is `{name: 李四, reason: 出差}`"),
            "{problems:?}"
        );
    }
}
