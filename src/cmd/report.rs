//! `dangri report five-things|attendance|lectures [SITE]`: the supervision
//! reports of `crate::report`, as Markdown or CSV on stdout. They name
//! members and internal records: they are internal documents.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::config::Lang;
use crate::date::YearMonth;
use crate::diag::{Diagnostics, Severity};
use crate::kind::{KINDS, Kind, KindSet};
use crate::model::{LiaisonLevel, Site};
use crate::report::{self, Absence, Bulletin, Duty, DutyStatus, Rule, Totals, YearTable};

#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Markdown, for reading and for pasting into a bulletin
    #[default]
    Md,
    /// CSV with a header row, for spreadsheets
    Csv,
}

#[derive(clap::Subcommand, Debug)]
pub enum Report {
    /// The monthly bulletin (通报) of the five things; with --year, the yearly table
    FiveThings(FiveThingsArgs),
    /// Members who reached the unexcused-absence rule (无故缺席), with the months
    Attendance(AttendanceArgs),
    /// The liaison leaders' lecture duty (联系点): done or not, with the lecture
    Lectures(LecturesArgs),
}

#[derive(clap::Args, Debug)]
pub struct FiveThingsArgs {
    /// The site folder, the one holding content/ (default: the current folder)
    pub site: Option<PathBuf>,
    /// The month of the bulletin (default: the latest month with a record)
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month, conflicts_with = "year")]
    pub month: Option<YearMonth>,
    /// The yearly table (months × branches) of this year instead
    #[arg(long, value_name = "YYYY")]
    pub year: Option<u16>,
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
}

#[derive(clap::Args, Debug)]
pub struct AttendanceArgs {
    /// The site folder, the one holding content/ (default: the current folder)
    pub site: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
}

#[derive(clap::Args, Debug)]
pub struct LecturesArgs {
    /// The site folder, the one holding content/ (default: the current folder)
    pub site: Option<PathBuf>,
    /// The year (default: the latest year with a record)
    #[arg(long, value_name = "YYYY")]
    pub year: Option<u16>,
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
}

fn parse_month(s: &str) -> Result<YearMonth, String> {
    YearMonth::parse(s.trim())
        .ok_or_else(|| format!("`{s}` is not a month: write YYYY-MM, e.g. 2026-05"))
}

pub fn run(report: Report) -> ExitCode {
    let text = match report {
        Report::FiveThings(a) => load(a.site.as_deref()).and_then(|site| {
            match (a.year, a.month.or(site.months.last().copied())) {
                (Some(y), _) => Some(year_table(&site, &report::year_table(&site, y), a.format)),
                (None, Some(m)) => Some(bulletin(&site, &report::bulletin(&site, m), a.format)),
                (None, None) => {
                    eprintln!("error: the site has no records yet: there is no month to report on");
                    None
                }
            }
        }),
        Report::Attendance(a) => load(a.site.as_deref())
            .map(|site| attendance(&site, &report::absences(&site), a.format)),
        Report::Lectures(a) => load(a.site.as_deref()).map(|site| {
            let year = a
                .year
                .unwrap_or_else(|| report::latest_year(&site, crate::scaffold::today()));
            lectures(&site, year, &report::lecture_duty(&site, year), a.format)
        }),
    };
    match text {
        Some(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        None => ExitCode::FAILURE,
    }
}

/// The site with internal records; `None` (errors printed) when the
/// content has errors: a report over a partly read site would be wrong.
fn load(root: Option<&Path>) -> Option<Site> {
    let root = root.unwrap_or(Path::new("."));
    let diags = Diagnostics::new();
    let site = Site::load_unrendered(root, true, &diags);
    let errors: Vec<_> = diags
        .into_sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    for d in &errors {
        eprintln!("{d}");
    }
    if !errors.is_empty() || site.is_none() {
        eprintln!(
            "no report: fix the {} error(s) above first (`dangri check` lists every problem)",
            errors.len()
        );
        return None;
    }
    site
}

// ---------------------------------------------------------------------------
// Words

/// The report's words in the site's language.
fn zh(site: &Site) -> bool {
    site.config.language == Lang::ZhCn
}

fn pick(site: &Site, zh_text: &'static str, en_text: &'static str) -> &'static str {
    if zh(site) { zh_text } else { en_text }
}

fn kind_label(site: &Site, k: Kind) -> &'static str {
    const ZH: [&str; 5] = ["学习", "会议", "实践", "党务", "党课"];
    const EN: [&str; 5] = ["study", "meeting", "practice", "Party affairs", "lecture"];
    if zh(site) {
        ZH[k.index()]
    } else {
        EN[k.index()]
    }
}

fn month_label(site: &Site, ym: YearMonth) -> String {
    if zh(site) { ym.zh() } else { ym.to_string() }
}

fn missing_labels(site: &Site, done: KindSet) -> String {
    let sep = pick(site, "、", ", ");
    done.missing()
        .iter()
        .map(|&k| kind_label(site, k))
        .collect::<Vec<_>>()
        .join(sep)
}

/// Escapes the characters Markdown would read as markup, `|` included.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A CSV record (RFC 4180): fields with `,`, `"` or line breaks are quoted.
fn csv_row<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let f = f.as_ref();
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

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

// ---------------------------------------------------------------------------
// Five things

fn bulletin(site: &Site, b: &Bulletin, format: Format) -> String {
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

fn year_table(site: &Site, t: &YearTable, format: Format) -> String {
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
        let _ = writeln!(
            out,
            "| {} | {} | {complete} |",
            pick(site, "党支部", "Branch"),
            months.join(" | ")
        );
        let _ = writeln!(out, "|---|{}---:|", "---|".repeat(months.len()));
        for row in rows {
            let cells: Vec<String> = row.cells.iter().map(|c| cell(*c)).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md(&site.branches[row.branch].name),
                cells.join(" | "),
                row.complete
            );
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "## {}\n",
        pick(site, "各月完成率", "Completion rate by month")
    );
    let _ = writeln!(
        out,
        "| {} | {} |",
        pick(site, "月份", "Month"),
        pick(site, "完成率", "Rate")
    );
    let _ = writeln!(out, "|---|---:|");
    for (m, tot) in t.months.iter().zip(&t.totals) {
        let _ = writeln!(
            out,
            "| {} | {}% ({}/{}) |",
            m,
            tot.rate(),
            tot.complete,
            tot.expected
        );
    }
    out
}

// ---------------------------------------------------------------------------
// Attendance

fn months_list(months: &[YearMonth], sep: &str) -> String {
    months
        .iter()
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The rule a member reached, in words.
pub fn rule_label(site: &Site, a: &Absence) -> String {
    let n = a.months.len();
    match (a.rule, zh(site)) {
        (Rule::Consecutive, true) => format!("连续 {n} 个月无故缺席"),
        (Rule::Consecutive, false) => format!("absent without excuse {n} months in a row"),
        (Rule::Cumulative { year }, true) => format!("{year} 年累计 {n} 个月无故缺席"),
        (Rule::Cumulative { year }, false) => format!("absent without excuse {n} months in {year}"),
    }
}

fn attendance(site: &Site, list: &[Absence], format: Format) -> String {
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
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |",
        pick(site, "党支部", "Branch"),
        pick(site, "姓名", "Name"),
        pick(site, "情形", "Rule"),
        pick(site, "月份", "Months")
    );
    let _ = writeln!(out, "|---|---|---|---|");
    for a in list {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            md(&site.branches[a.branch].name),
            md(&a.name),
            rule_label(site, a),
            months_list(&a.months, pick(site, "、", ", "))
        );
    }
    out
}

// ---------------------------------------------------------------------------
// Lectures

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

fn lectures(site: &Site, year: u16, duties: &[Duty], format: Format) -> String {
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
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} |",
        pick(site, "党支部", "Branch"),
        pick(site, "联系单位", "Unit"),
        pick(site, "联系领导", "Leader"),
        pick(site, "类别", "Level"),
        pick(site, "期间", "Period"),
        pick(site, "情况", "Status"),
        pick(site, "党课", "Lecture")
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
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
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            md(&br.name),
            md(&l.unit),
            md(&l.leader),
            level_label(site, d.level),
            period_label(d),
            status_label(site, d.status),
            lecture
        );
    }
    out
}
