//! Members who reached the unexcused-absence rule.

use std::fmt::Write as _;

use super::{Format, csv_row, md, md_head, md_row, pick, zh};
use crate::date::YearMonth;
use crate::model::Site;
use crate::report::{Absence, Rule};

fn months_list(months: &[YearMonth], sep: &str) -> String {
    months
        .iter()
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The rule a member reached, in words.
fn rule_label(site: &Site, a: &Absence) -> String {
    let n = a.months.len();
    match (a.rule, zh(site)) {
        (Rule::Consecutive, true) => format!("连续 {n} 个月无故缺席"),
        (Rule::Consecutive, false) => format!("absent without excuse {n} months in a row"),
        (Rule::Cumulative { year }, true) => format!("{year} 年累计 {n} 个月无故缺席"),
        (Rule::Cumulative { year }, false) => format!("absent without excuse {n} months in {year}"),
    }
}

pub(super) fn render(site: &Site, list: &[Absence], format: Format) -> String {
    let mut out = String::new();
    if format == Format::Csv {
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
            csv_row(
                &mut out,
                &[
                    br.committee.as_str(),
                    &br.id,
                    &br.name,
                    &a.name,
                    a.rule.word(),
                    &year,
                    &months_list(&a.months, " "),
                ],
            );
        }
        return out;
    }
    let rule = site.config.attendance;
    let _ = writeln!(
        out,
        "# {}\n",
        pick(
            site,
            "无故缺席达到规定的党员",
            "Members who reached the unexcused-absence rule"
        )
    );
    let _ = writeln!(
        out,
        "{}\n",
        if zh(site) {
            format!(
                "规则：连续 {} 个月无故缺席，或同一年内累计 {} 个月无故缺席。请假不计入。内部资料，请勿公开。",
                rule.consecutive, rule.cumulative
            )
        } else {
            format!(
                "Rule: absent without excuse {} months in a row, or {} months within one calendar year. Excused absence does not count. Internal: do not publish.",
                rule.consecutive, rule.cumulative
            )
        }
    );
    if list.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            pick(site, "没有党员达到该规定。", "No member reached the rule.")
        );
        return out;
    }
    md_head(
        &mut out,
        &[
            pick(site, "党支部", "Branch"),
            pick(site, "姓名", "Name"),
            pick(site, "情形", "Rule"),
            pick(site, "月份", "Months"),
        ],
        &[],
    );
    for a in list {
        md_row(
            &mut out,
            &[
                md(&site.branches[a.branch].name),
                md(&a.name),
                rule_label(site, a),
                months_list(&a.months, pick(site, "、", ", ")),
            ],
        );
    }
    out
}
