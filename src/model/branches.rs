//! A branch folder: its `_index.md` (name, committee, category, liaison)
//! and its month folders, each with its theme and its records, sorted.

use std::collections::HashMap;

use super::document::{date_field, document};
use super::records::record;
use super::{Branch, CATEGORIES, Liaison, LiaisonLevel, Month, Record};
use crate::diag::{Diagnostics, Pos};
use crate::kind::KindSet;
use crate::load::{self, TextFile};

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
            "the branch folder has no _index.md: create it with `name:` and `committee:`",
        );
        return None;
    };
    let doc = document(index, unsafe_html, diags)?;
    let f = doc.front.fields(&index.rel, diags);
    f.deny_unknown(BRANCH_FIELDS);
    f.always_public("a branch");
    let name = f.required_string(
        "name",
        "the branch's full name, e.g. 新阳街道兴旺社区党支部",
    );
    let committee = f.required_string("committee", "the Party committee above the branch");
    let category = f.string("category").and_then(|c| {
        let found = CATEGORIES
            .iter()
            .find(|(_, w)| *w == c.trim())
            .map(|(c, _)| *c);
        if found.is_none() {
            let all: Vec<&str> = CATEGORIES.iter().map(|(_, w)| *w).collect();
            f.error(
                "category",
                format!("unknown category `{c}`: use one of {}", all.join(", ")),
            );
        }
        found
    });
    let liaison = f.map("liaison").and_then(|l| {
        l.deny_unknown(&["unit", "leader", "level"]);
        let unit = l.required_string("unit", "the district unit that liaises");
        let leader = l.required_string("leader", "the leader's name");
        let level = match l.string("level").as_deref().map(str::trim) {
            Some("district") => Some(LiaisonLevel::District),
            Some("cadre") | None => Some(LiaisonLevel::Cadre),
            Some(other) => {
                l.error(
                    "level",
                    format!("unknown liaison level `{other}`: use district or cadre"),
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
    f.always_public("a month's theme (`_index.md`)");
    (f.string("title"), f.string("theme"), doc.body)
}
