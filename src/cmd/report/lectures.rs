//! The liaison leaders' lecture duty.

use std::fmt::Write as _;

use super::{Format, csv_row, md, md_head, md_row, pick, zh};
use crate::model::{LiaisonLevel, Site};
use crate::report::{Duty, DutyStatus};

fn level_label(site: &Site, l: LiaisonLevel) -> &'static str {
    match l {
        LiaisonLevel::District => pick(site, "区领导", "district leader"),
        LiaisonLevel::Cadre => pick(site, "领导干部", "leading cadre"),
    }
}

fn status_label(site: &Site, s: DutyStatus) -> &'static str {
    match s {
        DutyStatus::Done => pick(site, "已完成", "done"),
        DutyStatus::Missing => pick(site, "未完成", "missing"),
        DutyStatus::Pending => pick(site, "期间未结束", "period not over"),
    }
}

fn period_label(d: &Duty) -> String {
    if d.from == d.to {
        d.from.to_string()
    } else {
        format!("{}..{}", d.from, d.to)
    }
}

pub(super) fn render(site: &Site, year: u16, duties: &[Duty], format: Format) -> String {
    let mut out = String::new();
    if format == Format::Csv {
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
        return out;
    }
    let c = site.config.liaison;
    let _ = writeln!(
        out,
        "# {year}{}\n",
        pick(site, "年联系点党课落实情况", ": liaison lectures")
    );
    let _ = writeln!(
        out,
        "{}\n",
        if zh(site) {
            format!(
                "区领导每 {} 个月、其他领导干部每 {} 个月到联系点讲一次党课；主讲人为联系领导本人、在联系支部讲授方才计入。",
                c.district_months, c.cadre_months
            )
        } else {
            format!(
                "District leaders owe their branch a lecture every {} months, other leading cadres every {} months; a lecture counts when the leader gave it at that branch.",
                c.district_months, c.cadre_months
            )
        }
    );
    if duties.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            pick(
                site,
                "没有支部填写联系点（liaison）。",
                "No branch has a `liaison:`."
            )
        );
        return out;
    }
    let done = duties
        .iter()
        .filter(|d| d.status == DutyStatus::Done)
        .count();
    let _ = writeln!(
        out,
        "{}\n",
        if zh(site) {
            format!("共 {} 项，已完成 {done} 项。", duties.len())
        } else {
            format!("{} duties, {done} done.", duties.len())
        }
    );
    md_head(
        &mut out,
        &[
            pick(site, "党支部", "Branch"),
            pick(site, "联系单位", "Unit"),
            pick(site, "联系领导", "Leader"),
            pick(site, "类别", "Level"),
            pick(site, "期间", "Period"),
            pick(site, "情况", "Status"),
            pick(site, "党课", "Lecture"),
        ],
        &[],
    );
    for d in duties {
        let br = &site.branches[d.branch];
        let Some(l) = &br.liaison else { continue };
        let lecture = d
            .lectures
            .iter()
            .map(|&r| {
                let rec = &site.records[r];
                format!("{} {}", rec.date, md(&rec.title))
            })
            .collect::<Vec<_>>()
            .join("; ");
        md_row(
            &mut out,
            &[
                md(&br.name),
                md(&l.unit),
                md(&l.leader),
                level_label(site, d.level).to_string(),
                period_label(d),
                status_label(site, d.status).to_string(),
                lecture,
            ],
        );
    }
    out
}
