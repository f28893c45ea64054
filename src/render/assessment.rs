//! The words of the yearly assessment (`report::assessment`), shared by its
//! page and by `dangri report assessment`: a score, a grade, the parts of a
//! score, the rules, all through the theme's strings.

use crate::config::AssessmentRules;
use crate::render::strings::Strings;
use crate::report::assessment::{BranchYear, PartName};

/// A score in tenths as a number with one decimal: `65.0`.
pub fn score(tenths: u32) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The name of grade `i`: the site's, or the theme's word for the band.
pub fn grade(t: &Strings, rules: &AssessmentRules, i: usize) -> String {
    match rules.grades.get(i) {
        Some(g) => match &g.name {
            Some(name) => name.clone(),
            None => t.get(&format!("assessment_grade_{}", g.key)).to_string(),
        },
        None => String::new(),
    }
}

pub fn part_name(t: &Strings, p: PartName) -> String {
    t.get(&format!("assessment_part_{}", p.word())).to_string()
}

/// How the score was reached: each part's points of its weight, then the
/// deduction, e.g. `党日记录 25.0/30 · 五件事齐全 22.2/40 · …`.
pub fn parts(t: &Strings, row: &BranchYear) -> String {
    let mut items: Vec<String> = row
        .parts
        .iter()
        .filter(|p| p.weight > 0)
        .map(|p| {
            let part = part_name(t, p.name);
            match (p.points, p.max) {
                (Some(points), Some(max)) => t.fill(
                    "assessment_part",
                    &[
                        ("part", &part),
                        ("points", &score(points)),
                        ("max", &score(max)),
                    ],
                ),
                _ => t.fill("assessment_part_na", &[("part", &part)]),
            }
        })
        .collect();
    if row.deduction > 0 {
        items.push(t.fill("assessment_deduction", &[("points", &score(row.deduction))]));
    }
    items.join(" · ")
}

/// The rules of the score, as a sentence.
pub fn rules(t: &Strings, r: &AssessmentRules) -> String {
    t.fill(
        "assessment_rule",
        &[
            ("party_day", &r.party_day),
            ("five_things", &r.five_things),
            ("liaison", &r.liaison),
            ("attendance", &r.attendance),
            ("deduction", &r.absence_deduction),
            ("max", &r.absence_deduction_max),
        ],
    )
}

/// The grade bands, as a sentence: `等级：优秀 ≥ 90，良好 ≥ 80，…`.
pub fn grades(t: &Strings, r: &AssessmentRules) -> String {
    let bands: Vec<String> = (0..r.grades.len())
        .map(|i| {
            t.fill(
                "assessment_grade_band",
                &[("name", &grade(t, r, i)), ("min", &r.grades[i].min)],
            )
        })
        .collect();
    format!(
        "{}{}",
        t.get("assessment_grades"),
        bands.join(t.get("list_sep"))
    )
}

/// A share as a percentage, or `—`.
pub fn rate(share: Option<(u64, u64)>) -> String {
    match share.and_then(|(p, e)| crate::report::percent(p, e)) {
        Some(r) => format!("{r}%"),
        None => "—".to_string(),
    }
}
