//! The liaison leaders' lecture duty.

use std::fmt::Write as _;

use super::{Format, csv_row, md, md_head, md_row, month_short};
use crate::model::{LiaisonLevel, Site};
use crate::render::strings::Strings;
use crate::report::{Duty, DutyStatus};

/// The level's word, as the branch pages write it.
fn level_label(t: &Strings, l: LiaisonLevel) -> &str {
    match l {
        LiaisonLevel::District => t.get("liaison_district"),
        LiaisonLevel::Cadre => t.get("liaison_cadre"),
    }
}

fn status_label(t: &Strings, s: DutyStatus) -> &str {
    match s {
        DutyStatus::Done => t.get("report_duty_done"),
        DutyStatus::Missing => t.get("report_duty_missing"),
        DutyStatus::Pending => t.get("report_duty_pending"),
    }
}

fn period_label(t: &Strings, d: &Duty) -> String {
    if d.from == d.to {
        month_short(t, d.from)
    } else {
        let (from, to) = (month_short(t, d.from), month_short(t, d.to));
        t.fill("report_period_range", &[("from", &from), ("to", &to)])
    }
}

/// The lectures that count for a duty: date and title each.
fn lectures_cell(site: &Site, t: &Strings, d: &Duty) -> String {
    d.lectures
        .iter()
        .map(|&r| {
            let rec = &site.records[r];
            let date = t.date("report_date_short", rec.date);
            format!("{date} {}", md(&rec.title))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn render(
    site: &Site,
    t: &Strings,
    year: u16,
    duties: &[Duty],
    format: Format,
) -> String {
    if format == Format::Csv {
        return csv(site, year, duties);
    }
    let mut out = String::new();
    let c = site.config.liaison;
    let _ = writeln!(
        out,
        "# {}\n",
        t.fill("report_lectures_title", &[("year", &year)])
    );
    let _ = writeln!(
        out,
        "{}\n",
        t.fill(
            "report_lectures_rule",
            &[("district", &c.district_months), ("cadre", &c.cadre_months)],
        )
    );
    if duties.is_empty() {
        let _ = writeln!(out, "{}", t.get("report_lectures_none"));
        return out;
    }
    let done = duties
        .iter()
        .filter(|d| d.status == DutyStatus::Done)
        .count();
    let _ = writeln!(
        out,
        "{}\n",
        t.fill(
            "report_lectures_totals",
            &[("n", &duties.len()), ("done", &done)]
        )
    );
    md_head(
        &mut out,
        &[
            t.get("report_col_branch"),
            t.get("report_col_unit"),
            t.get("report_col_leader"),
            t.get("report_col_level"),
            t.get("report_col_period"),
            t.get("report_col_status"),
            t.get("report_col_lecture"),
        ],
        &[],
    );
    for d in duties {
        let br = &site.branches[d.branch];
        let Some(l) = &br.liaison else { continue };
        md_row(
            &mut out,
            &[
                md(&br.name),
                md(&l.unit),
                md(&l.leader),
                level_label(t, d.level).to_string(),
                period_label(t, d),
                status_label(t, d.status).to_string(),
                lectures_cell(site, t, d),
            ],
        );
    }
    out
}

/// The duties as CSV: column names, level and status words, months and
/// dates are data, the same in every language (docs/commands.md lists them).
fn csv(site: &Site, year: u16, duties: &[Duty]) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "year",
            "committee",
            "branch_id",
            "branch",
            "unit",
            "leader",
            "level",
            "from",
            "to",
            "status",
            "lecture_date",
            "lecture_title",
            "lecture_path",
        ],
    );
    for d in duties {
        let br = &site.branches[d.branch];
        let Some(l) = &br.liaison else { continue };
        let each = |f: &dyn Fn(&crate::model::Record) -> String| {
            d.lectures
                .iter()
                .map(|&r| f(&site.records[r]))
                .collect::<Vec<_>>()
                .join("; ")
        };
        csv_row(
            &mut out,
            &[
                year.to_string().as_str(),
                &br.committee,
                &br.id,
                &br.name,
                &l.unit,
                &l.leader,
                match d.level {
                    LiaisonLevel::District => "district",
                    LiaisonLevel::Cadre => "cadre",
                },
                &d.from.to_string(),
                &d.to.to_string(),
                d.status.word(),
                &each(&|r| r.date.to_string()),
                &each(&|r| r.title.clone()),
                &each(&|r| r.src.clone()),
            ],
        );
    }
    out
}
