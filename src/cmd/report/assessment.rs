//! The yearly assessment (一年一考核), as Markdown or CSV.

use std::fmt::Write as _;

use super::{Format, csv_row, md, md_head, md_row, month_short};
use crate::kind::Kind;
use crate::model::Site;
use crate::render::assessment as words;
use crate::render::strings::Strings;
use crate::report::assessment::{Assessment, BranchYear};

fn lectures_cell(row: &BranchYear) -> String {
    let l = row.lectures;
    format!("{}/{}/{}", l.liaison, l.pool, l.branch)
}

fn liaison_cell(row: &BranchYear) -> String {
    match row.liaison {
        Some((met, over)) if over > 0 => format!("{met}/{over}"),
        _ => "—".to_string(),
    }
}

pub(super) fn render(site: &Site, t: &Strings, a: &Assessment, format: Format) -> String {
    if format == Format::Csv {
        return csv(site, t, a);
    }
    let rules = &site.config.assessment;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n",
        t.fill("assessment_title", &[("year", &a.year)])
    );
    if let Some(through) = a.through {
        let through = month_short(t, through);
        let key = if a.in_progress {
            "assessment_in_progress"
        } else {
            "assessment_through"
        };
        let _ = writeln!(
            out,
            "{}\n",
            t.fill(key, &[("year", &a.year), ("through", &through)])
        );
    }
    let _ = writeln!(out, "{}\n", words::rules(t, rules));
    let _ = writeln!(out, "{}\n", words::grades(t, rules));
    if a.committees.is_empty() {
        let _ = writeln!(out, "{}", t.get("assessment_none"));
        return out;
    }
    for (c, rows) in &a.committees {
        let _ = writeln!(out, "## {}\n", md(&site.committees[*c].name));
        let mut head: Vec<String> = [
            "assessment_col_rank",
            "report_col_branch",
            "assessment_col_score",
            "assessment_col_grade",
            "assessment_col_on_record",
            "assessment_col_complete",
        ]
        .iter()
        .map(|k| t.get(k).to_string())
        .collect();
        head.extend(Kind::all().map(|k| k.alias().to_string()));
        head.extend(
            [
                "assessment_col_lectures",
                "assessment_col_liaison",
                "assessment_col_attendance",
                "assessment_col_absence",
                "assessment_col_parts",
            ]
            .iter()
            .map(|k| t.get(k).to_string()),
        );
        md_head(&mut out, &head, &[0, 2, 4, 5, 6, 7, 8, 9, 10, 13, 14]);
        for (i, row) in rows.iter().enumerate() {
            let mut cells = vec![
                (i + 1).to_string(),
                md(&site.branches[row.branch].name),
                words::score(row.score),
                md(&words::grade(t, rules, row.grade)),
                format!("{}/{}", row.on_record, row.due),
                format!("{}/{}", row.complete, row.due),
            ];
            cells.extend(Kind::all().map(|k| row.count(k).to_string()));
            cells.extend([
                lectures_cell(row),
                liaison_cell(row),
                words::rate(row.attendance),
                row.at_absence_rule.to_string(),
                md(&words::parts(t, row)),
            ]);
            md_row(&mut out, &cells);
        }
        out.push('\n');
    }
    out
}

/// The assessment as CSV: column names and numbers are data, the same in
/// every language; the grade is the site's word for it.
fn csv(site: &Site, t: &Strings, a: &Assessment) -> String {
    let rules = &site.config.assessment;
    let mut out = String::new();
    let mut head: Vec<String> = [
        "year",
        "in_progress",
        "committee",
        "rank",
        "branch_id",
        "branch",
        "score",
        "grade",
        "months_due",
        "months_on_record",
        "months_complete",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    head.extend(Kind::all().map(|k| k.word().to_string()));
    head.extend(
        [
            "lectures_liaison",
            "lectures_pool",
            "lectures_branch",
            "liaison_met",
            "liaison_over",
            "present",
            "expected",
            "at_absence_rule",
            "points_party_day",
            "points_five_things",
            "points_liaison",
            "points_attendance",
            "deduction",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    csv_row(&mut out, &head);
    for (c, rows) in &a.committees {
        for (i, row) in rows.iter().enumerate() {
            let br = &site.branches[row.branch];
            let opt = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
            let mut cells = vec![
                a.year.to_string(),
                a.in_progress.to_string(),
                site.committees[*c].name.clone(),
                (i + 1).to_string(),
                br.id.clone(),
                br.name.clone(),
                words::score(row.score),
                words::grade(t, rules, row.grade),
                row.due.to_string(),
                row.on_record.to_string(),
                row.complete.to_string(),
            ];
            cells.extend(Kind::all().map(|k| row.count(k).to_string()));
            cells.extend([
                row.lectures.liaison.to_string(),
                row.lectures.pool.to_string(),
                row.lectures.branch.to_string(),
                opt(row.liaison.map(|(m, _)| u64::from(m))),
                opt(row.liaison.map(|(_, o)| u64::from(o))),
                opt(row.attendance.map(|(p, _)| p)),
                opt(row.attendance.map(|(_, e)| e)),
                row.at_absence_rule.to_string(),
            ]);
            cells.extend(
                row.parts
                    .iter()
                    .map(|p| p.points.map(words::score).unwrap_or_default()),
            );
            cells.push(words::score(row.deduction));
            csv_row(&mut out, &cells);
        }
    }
    out
}
