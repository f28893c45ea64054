//! `dangri report inspect`: the random inspection of a month, as the
//! inspectors' checklists in Markdown or as CSV. The seed goes into the
//! output, so that the draw can be repeated and audited; without `--seed`
//! one is drawn from the operating system.

use std::fmt::Write as _;

use super::{Format, InspectArgs, csv_row, kind_label, md, md_head, md_row, missing_labels};
use crate::kind::{KINDS, KindSet};
use crate::model::Site;
use crate::msg::{Command, Lang};
use crate::render::strings::Strings;
use crate::report::inspect::{Checklist, Claimed, Flags, Inspection, Sums, inspect};

/// A seed chosen when none is given: six digits, easy to write into the
/// minutes and to read out.
const NEW_SEED_BELOW: u64 = 1_000_000;

pub(super) fn run(a: InspectArgs) -> Option<String> {
    let (site, t) = super::load(a.site.as_deref())?;
    let lang = site.config.language;
    let seed = match a.seed {
        Some(seed) => seed,
        None => new_seed(lang)?,
    };
    let count = usize::try_from(a.count).unwrap_or(usize::MAX);
    let i = inspect(&site, a.month, count, seed);
    if i.all() && i.due > 0 {
        let all = Command::InspectAllListed {
            asked: a.count,
            due: i.due,
            ym: i.ym.to_string(),
        };
        eprintln!("note: {}", all.text(lang));
    }
    if site.months.last().is_none_or(|&last| last < i.ym) {
        let ym = i.ym.to_string();
        eprintln!("note: {}", Command::InspectNoRecords { ym }.text(lang));
    }
    Some(match a.format {
        Format::Md => markdown(&site, &t, &i, a.count),
        Format::Csv => csv(&site, &i),
    })
}

/// A seed from the operating system's entropy; `None` (said why) when it
/// gives none.
fn new_seed(lang: Lang) -> Option<u64> {
    use rand::TryRng as _;
    match rand::rngs::SysRng.try_next_u64() {
        Ok(x) => Some(x % NEW_SEED_BELOW),
        Err(e) => {
            let error = e.to_string();
            eprintln!("error: {}", Command::NoRandomSeed { error }.text(lang));
            None
        }
    }
}

// ---------------------------------------------------------------------------
// Markdown: the checklists to take along

fn markdown(site: &Site, t: &Strings, i: &Inspection, count: u64) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", t.month("report_inspect_title", i.ym));
    // Drawn before the month's deadline: "no record" may mean "not yet".
    let progress = crate::report::progress(site, i.ym);
    let open = matches!(progress, crate::report::Progress::InProgress { .. });
    if let crate::report::Progress::InProgress { today, deadline } = progress {
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
    let command = format!(
        "dangri report inspect --month {} --count {count} --seed {}",
        i.ym, i.seed
    );
    let _ = writeln!(
        out,
        "{}\n",
        t.fill(
            "report_inspect_seed",
            &[("seed", &i.seed), ("command", &command)]
        )
    );
    if i.due == 0 {
        let _ = writeln!(out, "{}", t.get("report_inspect_none"));
        return out;
    }
    let _ = writeln!(
        out,
        "{}\n",
        t.fill(
            "report_inspect_method",
            &[("count", &i.drawn.len()), ("due", &i.due)]
        )
    );
    if i.all() {
        let _ = writeln!(
            out,
            "{}\n",
            t.fill("report_inspect_all", &[("count", &count), ("due", &i.due)])
        );
    }
    md_head(
        &mut out,
        &[
            t.get("report_inspect_col_committee"),
            t.get("report_inspect_col_due"),
            t.get("report_inspect_col_drawn"),
        ],
        &[1, 2],
    );
    for s in &i.strata {
        md_row(
            &mut out,
            &[
                md(&site.committees[s.committee].name),
                s.due.to_string(),
                s.drawn.to_string(),
            ],
        );
    }
    let mut committee = None;
    for c in &i.drawn {
        if committee != Some(c.committee) {
            committee = Some(c.committee);
            let _ = write!(out, "\n## {}\n", md(&site.committees[c.committee].name));
        }
        branch(&mut out, site, t, c, open);
    }
    out
}

/// A branch's checklist; `open`: the month is before its deadline.
fn branch(out: &mut String, site: &Site, t: &Strings, c: &Checklist, open: bool) {
    let colon = t.get("colon");
    let _ = writeln!(out, "\n### {}\n", md(&site.branches[c.branch].name));
    let _ = writeln!(
        out,
        "- {}{colon}{}",
        t.get("report_inspect_bulletin"),
        bulletin(t, c.flags, open)
    );
    let _ = writeln!(
        out,
        "- {}{colon}{}",
        t.get("report_inspect_weight"),
        weight(t, c.flags)
    );
    let days = if c.days.is_empty() {
        t.get("report_none").to_string()
    } else {
        c.days
            .iter()
            .map(|&d| t.date("report_date_short", d))
            .collect::<Vec<_>>()
            .join(t.get("list_sep"))
    };
    let _ = writeln!(out, "- {}{colon}{days}", t.get("report_inspect_days"));
    let sums = c
        .attendance
        .map_or_else(|| t.get("report_none").to_string(), sums);
    let _ = writeln!(
        out,
        "- {}{colon}{sums}\n",
        t.get("report_inspect_attendance")
    );
    let _ = writeln!(out, "{}{colon}\n", t.get("report_inspect_checklist"));
    if c.records.is_empty() {
        let _ = writeln!(out, "- [ ] {}", t.get("report_inspect_no_record"));
    }
    for claimed in &c.records {
        let _ = writeln!(out, "- [ ] {}", record(site, t, claimed));
    }
}

/// What the bulletin says of the branch: the five things, and members at
/// the absence rule (a count: a checklist names no member). Before the
/// month's deadline (`open`) a branch without a record has none yet.
fn bulletin(t: &Strings, f: Flags, open: bool) -> String {
    let mut parts = vec![if f.done.is_complete() {
        t.get("report_five_complete").to_string()
    } else if f.silent() {
        let key = if open {
            "report_five_silent_so_far"
        } else {
            "report_five_silent"
        };
        t.get(key).to_string()
    } else {
        let kinds = missing_labels(t, f.done);
        t.fill("report_inspect_incomplete", &[("kinds", &kinds)])
    }];
    if f.at_rule > 0 {
        parts.push(t.fill("report_inspect_at_rule", &[("n", &f.at_rule)]));
    }
    parts.join(t.get("report_inspect_sep"))
}

/// The weight and the parts that make it, those that are not zero.
fn weight(t: &Strings, f: Flags) -> String {
    let w = f.weight();
    let parts: Vec<String> = [
        ("report_inspect_weight_base", w.base),
        ("report_inspect_weight_silent", w.silent),
        ("report_inspect_weight_missing", w.missing),
        ("report_inspect_weight_absence", w.absence),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(key, n)| t.fill(key, &[("n", n)]))
    .collect();
    format!(
        "{}{}{}{}",
        w.total(),
        t.get("paren_open"),
        parts.join(t.get("list_sep")),
        t.get("paren_close")
    )
}

/// Expected/present/excused/absent; `—` for a count no record gives.
fn sums(s: Sums) -> String {
    let opt = |n: Option<u64>| n.map_or_else(|| "—".to_string(), |n| n.to_string());
    format!(
        "{}/{}/{}/{}",
        opt(s.expected),
        opt(s.present),
        s.excused,
        s.absent
    )
}

/// One line of the checklist: date, kind, title, file, photos, attendance.
fn record(site: &Site, t: &Strings, c: &Claimed) -> String {
    let rec = &site.records[c.record];
    let date = t.date("report_date_short", rec.date);
    let kind = kind_label(t, rec.kind);
    let title = md(&rec.title);
    let mut line = t.fill(
        "report_inspect_record",
        &[("date", &date), ("kind", &kind), ("title", &title)],
    );
    if rec.internal {
        line.push_str(t.get("report_inspect_internal"));
    }
    let sep = t.get("report_inspect_sep");
    let path = md(&rec.src);
    line.push_str(sep);
    line.push_str(&t.fill("report_inspect_file", &[("path", &path)]));
    line.push_str(sep);
    line.push_str(&t.fill("report_inspect_photos", &[("n", &c.photos)]));
    if let Some(s) = c.attendance {
        line.push_str(sep);
        let s = sums(s);
        line.push_str(&t.fill("report_inspect_attendance_of", &[("sums", &s)]));
    }
    line
}

// ---------------------------------------------------------------------------
// CSV: a row per record of a branch drawn (one with empty record columns
// for a branch without any); column names and words are data, the same in
// every language (docs/commands.md lists them).

const COLUMNS: [&str; 19] = [
    "month",
    "seed",
    "committee",
    "branch_id",
    "branch",
    "weight",
    "status",
    "missing",
    "at_rule",
    "record_path",
    "date",
    "kind",
    "title",
    "visibility",
    "photos",
    "expected",
    "present",
    "excused",
    "absent",
];

fn csv(site: &Site, i: &Inspection) -> String {
    let mut out = String::new();
    csv_row(&mut out, &COLUMNS);
    // Before the month's deadline "no record" is "no record yet", as in
    // `report five-things`.
    let open = matches!(
        crate::report::progress(site, i.ym),
        crate::report::Progress::InProgress { .. }
    );
    for c in &i.drawn {
        let br = &site.branches[c.branch];
        let f = c.flags;
        let status = match (f.done.is_complete(), f.silent(), open) {
            (true, _, _) => "complete",
            (false, true, false) => "silent",
            (false, true, true) => "silent_so_far",
            (false, false, false) => "incomplete",
            (false, false, true) => "incomplete_so_far",
        };
        let branch: Vec<String> = vec![
            i.ym.to_string(),
            i.seed.to_string(),
            site.committees[c.committee].name.clone(),
            br.id.clone(),
            br.name.clone(),
            f.weight().total().to_string(),
            status.to_string(),
            missing_words(f.done),
            f.at_rule.to_string(),
        ];
        if c.records.is_empty() {
            let mut row = branch.clone();
            row.resize(COLUMNS.len(), String::new());
            csv_row(&mut out, &row);
        }
        for claimed in &c.records {
            let rec = &site.records[claimed.record];
            let s = claimed.attendance;
            let opt = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
            let mut row = branch.clone();
            row.extend([
                rec.src.clone(),
                rec.date.to_string(),
                rec.kind.word().to_string(),
                rec.title.clone(),
                if rec.internal { "internal" } else { "public" }.to_string(),
                claimed.photos.to_string(),
                opt(s.and_then(|s| s.expected)),
                opt(s.and_then(|s| s.present)),
                opt(s.map(|s| s.excused)),
                opt(s.map(|s| s.absent)),
            ]);
            csv_row(&mut out, &row);
        }
    }
    out
}

/// The kinds missing, as English words separated by spaces.
fn missing_words(done: KindSet) -> String {
    KINDS
        .iter()
        .filter(|(k, _, _)| !done.contains(*k))
        .map(|(_, w, _)| *w)
        .collect::<Vec<_>>()
        .join(" ")
}
