//! Members who reached the unexcused-absence rule.

use std::fmt::Write as _;

use super::{Format, csv_row, md, md_head, md_row, month_short};
use crate::model::Site;
use crate::render::strings::Strings;
use crate::report::{Absence, Rule};

/// The rule a member reached, in words.
fn rule_label(t: &Strings, a: &Absence) -> String {
    let n = a.months.len();
    match a.rule {
        Rule::Consecutive => t.fill("report_rule_consecutive", &[("n", &n)]),
        Rule::Cumulative { year } => {
            t.fill("report_rule_cumulative", &[("n", &n), ("year", &year)])
        }
    }
}

pub(super) fn render(site: &Site, t: &Strings, list: &[Absence], format: Format) -> String {
    if format == Format::Csv {
        return csv(site, list);
    }
    let mut out = String::new();
    let rule = site.config.attendance;
    let _ = writeln!(out, "# {}\n", t.get("report_attendance_title"));
    let _ = writeln!(
        out,
        "{}\n",
        t.fill(
            "report_attendance_rule",
            &[
                ("consecutive", &rule.consecutive),
                ("cumulative", &rule.cumulative),
            ],
        )
    );
    if list.is_empty() {
        let _ = writeln!(out, "{}", t.get("report_attendance_none"));
        return out;
    }
    md_head(
        &mut out,
        &[
            t.get("report_col_branch"),
            t.get("report_col_name"),
            t.get("report_col_rule"),
            t.get("report_col_months"),
        ],
        &[],
    );
    for a in list {
        let months: Vec<String> = a.months.iter().map(|&m| month_short(t, m)).collect();
        md_row(
            &mut out,
            &[
                md(&site.branches[a.branch].name),
                md(&a.name),
                rule_label(t, a),
                months.join(t.get("list_sep")),
            ],
        );
    }
    out
}

/// The list as CSV: column names, rule words and months are data, the
/// same in every language (docs/commands.md lists them).
fn csv(site: &Site, list: &[Absence]) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "committee",
            "branch_id",
            "branch",
            "name",
            "rule",
            "year",
            "months",
        ],
    );
    for a in list {
        let br = &site.branches[a.branch];
        let year = match a.rule {
            Rule::Cumulative { year } => year.to_string(),
            Rule::Consecutive => String::new(),
        };
        let months: Vec<String> = a.months.iter().map(|m| m.to_string()).collect();
        csv_row(
            &mut out,
            &[
                br.committee.as_str(),
                &br.id,
                &br.name,
                &a.name,
                a.rule.word(),
                &year,
                &months.join(" "),
            ],
        );
    }
    out
}
