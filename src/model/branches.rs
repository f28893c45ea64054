//! A branch folder: its `_index.md` (name, committee, category, liaison)
//! and its month folders, each with its theme and its records, sorted.

use std::collections::HashMap;

use super::document::{date_field, document};
use super::records::record;
use super::{Branch, CATEGORIES, Liaison, LiaisonLevel, Month, Record};
use crate::diag::{Diagnostics, Pos};
use crate::kind::KindSet;
use crate::load::{self, TextFile};
use crate::msg::Content;

const BRANCH_FIELDS: &[&str] = &[
    "name",
    "committee",
    "category",
    "secretary",
    "members",
    "liaison",
    "founded",
    "visibility",
    "extra",
];

const MONTH_FIELDS: &[&str] = &["title", "theme", "summary", "visibility", "extra"];

pub(super) fn branch(
    src: load::BranchSource,
    speakers: &HashMap<&str, usize>,
    unsafe_html: bool,
    diags: &Diagnostics,
) -> Option<(Branch, Vec<Record>)> {
    let Some(index) = &src.index else {
        diags.error(
            &format!("{}/_index.md", src.rel),
            Pos::START,
            Content::NoBranchIndex,
        );
        return None;
    };
    let doc = document(index, unsafe_html, diags)?;
    let f = doc.front.fields(&index.rel, diags);
    f.deny_unknown(BRANCH_FIELDS);
    f.always_public(crate::msg::Public::Branch);
    let name = f.required_string("name", crate::msg::What::BranchName);
    let committee = f.required_string("committee", crate::msg::What::Committee);
    let category = f.string("category").and_then(|c| {
        let found = CATEGORIES
            .iter()
            .find(|(_, w)| *w == c.trim())
            .map(|(c, _)| *c);
        if found.is_none() {
            let all: Vec<&str> = CATEGORIES.iter().map(|(_, w)| *w).collect();
            f.error(
                "category",
                Content::UnknownCategory {
                    value: c.clone(),
                    all: all.join(", "),
                },
            );
        }
        found
    });
    let liaison = f.map("liaison").and_then(|l| {
        l.deny_unknown(&["unit", "leader", "level"]);
        let unit = l.required_string("unit", crate::msg::What::LiaisonUnit);
        let leader = l.required_string("leader", crate::msg::What::LeaderName);
        let level = match l.string("level").as_deref().map(str::trim) {
            Some("district") => Some(LiaisonLevel::District),
            Some("cadre") | None => Some(LiaisonLevel::Cadre),
            Some(other) => {
                l.error(
                    "level",
                    Content::UnknownLiaisonLevel {
                        value: other.to_string(),
                    },
                );
                None
            }
        };
        Some(Liaison {
            unit: unit?,
            leader: leader?,
            level: level?,
        })
    });
    let founded = date_field(&f, "founded");
    let secretary = f.string("secretary");
    let members = f.uint("members");

    let mut months = Vec::new();
    let mut records = Vec::new();
    for m in src.months {
        let Some(ym) = m.ym else { continue };
        let (title, theme, body) = match &m.index {
            Some(file) => month_index(file, unsafe_html, diags),
            None => (None, None, String::new()),
        };
        let mut month = Month {
            ym,
            src: m.rel.clone(),
            title,
            theme,
            body,
            html: String::new(),
            records: Vec::new(),
            withheld: Vec::new(),
            done: KindSet::default(),
            photos: m.photos.clone(),
        };
        let mut recs: Vec<Record> = m
            .records
            .iter()
            .filter_map(|file| record(file, ym, &m.photos, speakers, unsafe_html, diags))
            .collect();
        recs.sort_by(|a, b| (a.date, a.kind, &a.id).cmp(&(b.date, b.kind, &b.id)));
        for r in recs {
            month.done.insert(r.kind);
            month.records.push(records.len());
            records.push(r);
        }
        months.push(month);
    }
    let branch = Branch {
        id: src.id,
        src: index.rel.clone(),
        name: name?,
        committee: committee?,
        category,
        secretary,
        members,
        liaison,
        founded,
        body: doc.body,
        html: String::new(),
        months,
    };
    Some((branch, records))
}

fn month_index(
    file: &TextFile,
    unsafe_html: bool,
    diags: &Diagnostics,
) -> (Option<String>, Option<String>, String) {
    let Some(doc) = document(file, unsafe_html, diags) else {
        return (None, None, String::new());
    };
    let f = doc.front.fields(&file.rel, diags);
    f.warn_unknown(MONTH_FIELDS);
    f.always_public(crate::msg::Public::MonthTheme);
    (f.string("title"), f.string("theme"), doc.body)
}

#[cfg(test)]
mod tests {
    use crate::date::YearMonth;
    use crate::kind::{Kind, KindSet};
    use crate::model::fixture::Fixture;
    use crate::model::{Category, LiaisonLevel, Site};

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap()
    }

    fn done(site: &Site, b: usize, month: &str) -> KindSet {
        site.done(b, ym(month)).map(|m| m.done).unwrap_or_default()
    }

    #[test]
    fn a_month_marks_the_kinds_of_its_records_internal_ones_included() {
        let site = Fixture::new()
            .plain_branch("b")
            .activity("b", "2026-05", "a", 10, "学")
            .activity("b", "2026-05", "b", 10, "meeting")
            .record(
                "b",
                "2026-05",
                "c",
                "title: 处置不合格党员\ndate: 2026-05-10\nkind: affairs\nvisibility: internal",
            )
            .activity("b", "2026-06", "a", 3, "lecture\nspeaker_name: 书记")
            .clean();
        assert!(!site.internal, "the public build's model");
        let may = done(&site, 0, "2026-05");
        assert_eq!(may.missing(), vec![Kind::Practice, Kind::Lecture]);
        assert!(may.contains(Kind::Affairs), "the internal record counts");
        assert!(!may.is_complete() && !may.is_empty());
        assert_eq!(done(&site, 0, "2026-06").missing().len(), 4);
    }

    #[test]
    fn all_five_kinds_complete_a_month_and_a_refused_record_marks_nothing() {
        let mut f = Fixture::new().plain_branch("b");
        for (i, k) in ["学", "会", "做", "工"].into_iter().enumerate() {
            f = f.activity("b", "2026-05", &format!("r{i}"), 1, k);
        }
        // A lecture without a date is refused: the month misses it.
        let without = f.record(
            "b",
            "2026-05",
            "r4",
            "title: 党课\nkind: 课\nspeaker_name: 书记",
        );
        let (site, problems) = without.load(false);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(done(&site, 0, "2026-05").missing(), vec![Kind::Lecture]);

        let mut f = Fixture::new().plain_branch("b");
        for (i, k) in ["学", "会", "做", "工"].into_iter().enumerate() {
            f = f.activity("b", "2026-05", &format!("r{i}"), 1, k);
        }
        let site = f
            .activity("b", "2026-05", "r4", 1, "课\nspeaker_name: 书记")
            .clean();
        assert!(done(&site, 0, "2026-05").is_complete());
    }

    #[test]
    fn a_months_records_are_by_date_then_kind_then_id() {
        let site = Fixture::new()
            .plain_branch("b")
            .activity("b", "2026-05", "a", 20, "study")
            .activity("b", "2026-05", "b", 3, "affairs")
            .activity("b", "2026-05", "c", 3, "meeting")
            .activity("b", "2026-05", "d", 3, "meeting")
            .clean();
        let ids: Vec<&str> = site.branches[0].months[0]
            .records
            .iter()
            .map(|&r| site.records[r].id.as_str())
            .collect();
        assert_eq!(ids, vec!["c", "d", "b", "a"]);
    }

    #[test]
    fn a_liaison_is_a_cadre_unless_district_and_names_unit_and_leader() {
        let branch = |liaison: &str| {
            Fixture::new()
                .branch(
                    "b",
                    &format!(
                        "name: 兴旺社区党支部\ncommittee: 新阳街道党工委\nliaison:\n{liaison}"
                    ),
                )
                .load(false)
        };
        let (site, problems) = branch("  unit: 区委组织部\n  leader: 李明\n  level: district");
        assert!(problems.is_empty(), "{problems:?}");
        let l = site.branches[0].liaison.clone().unwrap();
        assert_eq!((l.unit.as_str(), l.leader.as_str()), ("区委组织部", "李明"));
        assert_eq!(l.level, LiaisonLevel::District);

        let (site, _) = branch("  unit: 区委组织部\n  leader: 李明");
        assert_eq!(
            site.branches[0].liaison.as_ref().unwrap().level,
            LiaisonLevel::Cadre
        );

        let (site, problems) = branch("  unit: 区委组织部\n  leader: 李明\n  level: province");
        assert!(site.branches[0].liaison.is_none());
        assert_eq!(
            problems,
            vec![
                "content/branches/b/_index.md:7:3: error: unknown liaison level `province`: use district or cadre"
            ]
        );
        let (site, problems) = branch("  unit: 区委组织部");
        assert!(site.branches[0].liaison.is_none());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("`leader`"), "{problems:?}");
    }

    #[test]
    fn a_category_is_one_of_the_six_words() {
        let (site, problems) = Fixture::new()
            .branch("a", "name: 甲\ncommittee: 乙\ncategory: village")
            .branch("b", "name: 甲\ncommittee: 乙\ncategory: town")
            .load(false);
        assert_eq!(site.branches[0].category, Some(Category::Village));
        assert_eq!(site.branches[1].category, None);
        assert_eq!(
            problems,
            vec![
                "content/branches/b/_index.md:4:1: error: unknown category `town`: use one of village, community, enterprise, social, organ, school"
            ]
        );
    }
}
