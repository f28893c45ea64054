//! Attendance of a record (SPEC §4): who was expected, present, excused
//! (请假) and absent without excuse (无故缺席), and the key that tells
//! members apart whatever spaces their names are written with.

use crate::frontmatter::Fields;

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
    pub excused: Vec<Excused>,
    pub absent: Vec<String>,
}

/// The key that tells people apart: a name without its spaces, half- or
/// full-width (`王 建华`, `王　建华` and `王建华` are one member). Every rule
/// that compares names uses it: the absence rule, the lecture duty, the
/// check for a member named twice.
pub(crate) fn person_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

impl Attendance {
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
            format!("`{key}` is too large ({n}): no branch has more than {MAX_MEMBERS} members; check the number"),
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
                if let Some(name) = e.required_string("name", "the member's name") {
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
            (None, None) => a.diags.error(
                a.path,
                entry.pos,
                "an excused member is `{name: 李四, reason: 出差}`",
            ),
        }
    }
    Attendance {
        expected: member_count(a, "expected"),
        present,
        excused,
        absent: a.string_list("absent"),
    }
}
