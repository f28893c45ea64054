//! The five-things bulletin (通报) of a month and the yearly table.

use std::fmt::Write as _;

use super::{Format, csv_row, md, md_head, md_row, missing_labels, month_short};
use crate::date::YearMonth;
use crate::kind::{KINDS, Kind, KindSet};
use crate::model::Site;
use crate::render::strings::Strings;
use crate::report::{Bulletin, Progress, Totals, YearTable};

/// How many branches were due and how they did, as a sentence.
fn totals_line(t: &Strings, tot: &Totals) -> String {
    t.fill(
        "report_totals",
        &[
            ("expected", &tot.expected),
            ("complete", &tot.complete),
            ("incomplete", &tot.incomplete),
            ("silent", &tot.silent),
            ("rate", &tot.rate()),
        ],
    )
}

pub(super) fn bulletin(site: &Site, t: &Strings, b: &Bulletin, format: Format) -> String {
    if format == Format::Csv {
        return bulletin_csv(site, b);
    }
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", t.month("report_bulletin_title", b.ym));
    let open = !b.progress.is_over();
    if let Progress::InProgress { today, deadline } = b.progress {
        let _ = writeln!(
            out,
            "{}\n",
            t.fill(
                "report_in_progress",
                &[
                    ("today", &t.date("format_date", today)),
                    ("deadline", &t.date("format_date", deadline)),
                ],
            )
        );
    }
    let _ = writeln!(out, "{}\n", totals_line(t, &b.totals));
    // A month in progress: "no record yet", "not yet done", not failures.
    let (incomplete_key, silent_key, missing_key) = if open {
        (
            "report_five_incomplete_so_far",
            "report_five_silent_so_far",
            "report_missing_so_far",
        )
    } else {
        (
            "report_five_incomplete",
            "report_five_silent",
            "report_missing",
        )
    };
    let none = t.get("report_none");
    let sep = t.get("list_sep");
    let colon = t.get("colon");
    for cm in &b.committees {
        if cm.totals.expected == 0 {
            continue;
        }
        let _ = writeln!(out, "## {}\n", md(&site.committees[cm.committee].name));
        let _ = writeln!(out, "{}\n", totals_line(t, &cm.totals));
        let names = |v: &[usize]| {
            if v.is_empty() {
                none.to_string()
            } else {
                v.iter()
                    .map(|&br| md(&site.branches[br].name))
                    .collect::<Vec<_>>()
                    .join(sep)
            }
        };
        let head = |key: &str, n: usize| {
            let label = t.get(key);
            format!(
                "**{}**",
                t.fill("report_with_count", &[("label", &label), ("n", &n)])
            )
        };
        let _ = writeln!(
            out,
            "- {}{colon}{}",
            head("report_five_complete", cm.complete.len()),
            names(&cm.complete)
        );
        let _ = write!(
            out,
            "- {}{colon}",
            head(incomplete_key, cm.incomplete.len())
        );
        if cm.incomplete.is_empty() {
            let _ = writeln!(out, "{none}");
        } else {
            out.push('\n');
            for &(br, done) in &cm.incomplete {
                let missing = missing_labels(t, done);
                let _ = writeln!(
                    out,
                    "  - {}{colon}{}",
                    md(&site.branches[br].name),
                    t.fill(missing_key, &[("kinds", &missing)])
                );
            }
        }
        let _ = writeln!(
            out,
            "- {}{colon}{}\n",
            head(silent_key, cm.silent.len()),
            names(&cm.silent)
        );
    }
    out
}

/// The bulletin as CSV: column names and status words are data, the same
/// in every language (docs/commands.md lists them). In a month in
/// progress the words of a branch not done are `incomplete_so_far` and
/// `silent_so_far`: a program that looks for failures does not find one.
fn bulletin_csv(site: &Site, b: &Bulletin) -> String {
    let open = !b.progress.is_over();
    let mut out = String::new();
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
            let status = match (done.is_complete(), done.is_empty(), open) {
                (true, _, _) => "complete",
                (false, true, false) => "silent",
                (false, true, true) => "silent_so_far",
                (false, false, false) => "incomplete",
                (false, false, true) => "incomplete_so_far",
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
    out
}

/// A yearly-table cell: ✓ all five, the missing kinds' aliases, — nothing
/// (… nothing yet, in a month in progress), empty when the branch was not
/// due.
fn cell(done: Option<KindSet>, progress: Progress) -> String {
    match done {
        None => String::new(),
        Some(d) if d.is_complete() => "✓".into(),
        Some(d) if d.is_empty() && progress.is_over() => "—".into(),
        Some(d) if d.is_empty() => "…".into(),
        Some(d) => d.missing().iter().map(|k| k.alias()).collect(),
    }
}

/// A month's column head: `2026-05`, marked while it is in progress.
fn month_head(t: &Strings, m: YearMonth, progress: Progress) -> String {
    let short = month_short(t, m);
    if progress.is_over() {
        short
    } else {
        t.fill("report_month_in_progress", &[("month", &short)])
    }
}

pub(super) fn year_table(site: &Site, t: &Strings, table: &YearTable, format: Format) -> String {
    if format == Format::Csv {
        return year_table_csv(site, table);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n",
        t.fill("report_year_title", &[("year", &table.year)])
    );
    if table.months.is_empty() {
        let _ = writeln!(out, "{}", t.get("report_year_empty"));
        return out;
    }
    let _ = writeln!(out, "{}\n", t.get("report_year_legend"));
    if table.progress.iter().any(|p| !p.is_over()) {
        let _ = writeln!(out, "{}\n", t.get("report_year_legend_in_progress"));
    }
    let months: Vec<String> = table
        .months
        .iter()
        .zip(&table.progress)
        .map(|(&m, &p)| month_head(t, m, p))
        .collect();
    for (ci, rows) in &table.committees {
        let _ = writeln!(out, "## {}\n", md(&site.committees[*ci].name));
        let mut head = vec![t.get("report_col_branch").to_string()];
        head.extend(months.iter().cloned());
        head.push(t.get("report_col_complete_months").to_string());
        md_head(&mut out, &head, &[head.len() - 1]);
        for row in rows {
            let mut cells = vec![md(&site.branches[row.branch].name)];
            cells.extend(
                row.cells
                    .iter()
                    .zip(&table.progress)
                    .map(|(c, &p)| cell(*c, p)),
            );
            cells.push(row.complete.to_string());
            md_row(&mut out, &cells);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## {}\n", t.get("report_rates_title"));
    md_head(
        &mut out,
        &[t.get("report_col_month"), t.get("report_col_rate")],
        &[1],
    );
    for (m, tot) in months.iter().zip(&table.totals) {
        let rate = t.fill(
            "report_rate_cell",
            &[
                ("rate", &tot.rate()),
                ("complete", &tot.complete),
                ("expected", &tot.expected),
            ],
        );
        md_row(&mut out, &[m.as_str(), &rate]);
    }
    out
}

/// The yearly table as CSV: a column per month, named `YYYY-MM`.
fn year_table_csv(site: &Site, table: &YearTable) -> String {
    let mut out = String::new();
    let mut head = vec!["committee".to_string(), "branch_id".into(), "branch".into()];
    head.extend(table.months.iter().map(|m| m.to_string()));
    head.push("complete_months".into());
    csv_row(&mut out, &head);
    for (ci, rows) in &table.committees {
        for row in rows {
            let br = &site.branches[row.branch];
            let mut fields = vec![
                site.committees[*ci].name.clone(),
                br.id.clone(),
                br.name.clone(),
            ];
            fields.extend(
                row.cells
                    .iter()
                    .zip(&table.progress)
                    .map(|(c, &p)| cell(*c, p)),
            );
            fields.push(row.complete.to_string());
            csv_row(&mut out, &fields);
        }
    }
    out
}
