//! The five-things bulletin (通报) of a month and the yearly table.

use std::fmt::Write as _;

use super::{Format, csv_row, md, md_head, md_row, missing_labels, month_label, pick, zh};
use crate::kind::{KINDS, Kind, KindSet};
use crate::model::Site;
use crate::report::{Bulletin, Totals, YearTable};

fn totals_line(site: &Site, t: &Totals) -> String {
    if zh(site) {
        format!(
            "应开展 {} 个，全部完成 {} 个，部分完成 {} 个，无记录 {} 个，完成率 {}%",
            t.expected,
            t.complete,
            t.incomplete,
            t.silent,
            t.rate()
        )
    } else {
        format!(
            "{} due, {} did all five things, {} some, {} none; completion rate {}%",
            t.expected,
            t.complete,
            t.incomplete,
            t.silent,
            t.rate()
        )
    }
}

pub(super) fn bulletin(site: &Site, b: &Bulletin, format: Format) -> String {
    let mut out = String::new();
    if format == Format::Csv {
        csv_row(
            &mut out,
            &[
                "month",
                "committee",
                "branch_id",
                "branch",
                "status",
                "done",
                "missing",
            ],
        );
        for cm in &b.committees {
            let committee = &site.committees[cm.committee].name;
            let rows = cm
                .complete
                .iter()
                .map(|&br| (br, KindSet::FULL))
                .chain(cm.incomplete.iter().copied())
                .chain(cm.silent.iter().map(|&br| (br, KindSet::default())));
            for (br, done) in rows {
                let status = if done.is_complete() {
                    "complete"
                } else if done.is_empty() {
                    "silent"
                } else {
                    "incomplete"
                };
                let words = |f: &dyn Fn(Kind) -> bool| {
                    KINDS
                        .iter()
                        .filter(|(k, _, _)| f(*k))
                        .map(|(_, w, _)| *w)
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let branch = &site.branches[br];
                csv_row(
                    &mut out,
                    &[
                        b.ym.to_string().as_str(),
                        committee,
                        &branch.id,
                        &branch.name,
                        status,
                        &words(&|k| done.contains(k)),
                        &words(&|k| !done.contains(k)),
                    ],
                );
            }
        }
        return out;
    }
    let _ = writeln!(
        out,
        "# {}{}\n",
        month_label(site, b.ym),
        pick(site, "党日五件事通报", ": five things bulletin")
    );
    let _ = writeln!(
        out,
        "{}{}\n",
        totals_line(site, &b.totals),
        pick(site, "。", ".")
    );
    let none = pick(site, "无", "none");
    for cm in &b.committees {
        if cm.totals.expected == 0 {
            continue;
        }
        let _ = writeln!(out, "## {}\n", md(&site.committees[cm.committee].name));
        let _ = writeln!(
            out,
            "{}{}\n",
            totals_line(site, &cm.totals),
            pick(site, "。", ".")
        );
        let names = |v: &[usize]| {
            if v.is_empty() {
                none.to_string()
            } else {
                v.iter()
                    .map(|&br| md(&site.branches[br].name))
                    .collect::<Vec<_>>()
                    .join(pick(site, "、", ", "))
            }
        };
        let colon = pick(site, "：", ": ");
        let head = |zh_text, en_text, n: usize| {
            if zh(site) {
                format!("**{zh_text}（{n}）**")
            } else {
                format!("**{en_text} ({n})**")
            }
        };
        let _ = writeln!(
            out,
            "- {}{colon}{}",
            head("全部完成", "All five done", cm.complete.len()),
            names(&cm.complete)
        );
        let _ = write!(
            out,
            "- {}{colon}",
            head("部分完成", "Partly done", cm.incomplete.len())
        );
        if cm.incomplete.is_empty() {
            let _ = writeln!(out, "{none}");
        } else {
            out.push('\n');
            for &(br, done) in &cm.incomplete {
                let _ = writeln!(
                    out,
                    "  - {}{colon}{}{}",
                    md(&site.branches[br].name),
                    pick(site, "缺", "missing "),
                    missing_labels(site, done)
                );
            }
        }
        let _ = writeln!(
            out,
            "- {}{colon}{}\n",
            head("无记录", "No record", cm.silent.len()),
            names(&cm.silent)
        );
    }
    out
}

/// A yearly-table cell: ✓ all five, the missing kinds' aliases, — nothing,
/// empty when the branch was not due.
fn cell(done: Option<KindSet>) -> String {
    match done {
        None => String::new(),
        Some(d) if d.is_complete() => "✓".into(),
        Some(d) if d.is_empty() => "—".into(),
        Some(d) => d.missing().iter().map(|k| k.alias()).collect(),
    }
}

pub(super) fn year_table(site: &Site, t: &YearTable, format: Format) -> String {
    let mut out = String::new();
    let months: Vec<String> = t.months.iter().map(|m| m.to_string()).collect();
    if format == Format::Csv {
        let mut head = vec!["committee".to_string(), "branch_id".into(), "branch".into()];
        head.extend(months.iter().cloned());
        head.push("complete_months".into());
        csv_row(&mut out, &head);
        for (ci, rows) in &t.committees {
            for row in rows {
                let br = &site.branches[row.branch];
                let mut fields = vec![
                    site.committees[*ci].name.clone(),
                    br.id.clone(),
                    br.name.clone(),
                ];
                fields.extend(row.cells.iter().map(|c| cell(*c)));
                fields.push(row.complete.to_string());
                csv_row(&mut out, &fields);
            }
        }
        return out;
    }
    let _ = writeln!(
        out,
        "# {}{}\n",
        t.year,
        pick(site, "年党日五件事汇总表", ": five things by month")
    );
    if t.months.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            pick(site, "该年没有记录。", "No records in this year.")
        );
        return out;
    }
    let _ = writeln!(
        out,
        "{}\n",
        pick(
            site,
            "✓ 五件事全部完成；字为缺少的事项（学 会 做 工 课）；— 无记录；空白为当时尚未成立。",
            "✓ all five done; letters: the kinds missing (学 会 做 工 课); — no record; blank: not yet founded."
        )
    );
    let complete = pick(site, "完成月数", "complete months");
    for (ci, rows) in &t.committees {
        let _ = writeln!(out, "## {}\n", md(&site.committees[*ci].name));
        let mut head = vec![pick(site, "党支部", "Branch").to_string()];
        head.extend(months.iter().cloned());
        head.push(complete.to_string());
        md_head(&mut out, &head, &[head.len() - 1]);
        for row in rows {
            let mut cells = vec![md(&site.branches[row.branch].name)];
            cells.extend(row.cells.iter().map(|c| cell(*c)));
            cells.push(row.complete.to_string());
            md_row(&mut out, &cells);
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "## {}\n",
        pick(site, "各月完成率", "Completion rate by month")
    );
    md_head(
        &mut out,
        &[pick(site, "月份", "Month"), pick(site, "完成率", "Rate")],
        &[1],
    );
    for (m, tot) in t.months.iter().zip(&t.totals) {
        let rate = format!("{}% ({}/{})", tot.rate(), tot.complete, tot.expected);
        md_row(&mut out, &[m.to_string(), rate]);
    }
    out
}
