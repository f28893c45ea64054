//! The view of a branch's ledger (台账) of a year,
//! `/branches/<b>/ledger/<YYYY>/`, from `crate::ledger`: a long page on
//! screen, an A4 document on paper (the theme's `ledger.css`).

use anyhow::Result;
use serde::Serialize;

use super::Renderer;
use super::pages::{AttendanceView, BranchBrief, attendance_view, brief};
use super::views::{self, Link, Mark, PhotoView};
use crate::ledger::{Ledger, LedgerMonth};
use crate::urls::{self, Route};

#[derive(Serialize)]
struct KindRow {
    label: String,
    alias: &'static str,
    done: bool,
    records: Vec<Link>,
    /// Records of the kind this build does not publish.
    hidden: usize,
}

#[derive(Serialize)]
struct LedgerRecord<'a> {
    /// The anchor of the record in the ledger.
    id: String,
    title: &'a str,
    url: String,
    date: crate::date::Date,
    date_text: String,
    kind: &'static str,
    kind_label: String,
    location: Option<&'a str>,
    speaker: Option<&'a str>,
    duration: Option<u64>,
    /// The body, its heading and footnote ids prefixed with the record's
    /// anchor: the ledger shows many bodies on one page.
    html: String,
    photos: Vec<PhotoView>,
    attendance: Option<AttendanceView>,
}

#[derive(Serialize)]
struct MonthSection<'a> {
    /// The anchor of the month (`m-2026-05`), for the contents.
    id: String,
    label: String,
    title: Option<String>,
    url: Option<String>,
    reported: bool,
    complete: bool,
    /// The month is in progress: nothing is missing yet.
    open: bool,
    marks: Vec<Mark>,
    kinds: Vec<KindRow>,
    records: Vec<LedgerRecord<'a>>,
    withheld: usize,
}

#[derive(Serialize)]
struct LedgerView<'a> {
    branch: BranchBrief<'a>,
    year: u16,
    /// `2026年党日活动台账`.
    title: String,
    /// How many records, and how many months of the five things complete.
    summary: String,
    secretary: Option<&'a str>,
    members: Option<u64>,
    months: Vec<MonthSection<'a>>,
    /// Months with all five things, of the months listed.
    complete: usize,
    records: usize,
}

/// A record's HTML with its anchors (` id="…"`, `href="#…"`) prefixed by
/// `id-`, so that the records of a ledger do not share them. Most records
/// have none and are copied as they are.
fn prefix_anchors(html: &str, id: &str) -> String {
    use memchr::memmem::find;
    let bytes = html.as_bytes();
    let mut html = std::borrow::Cow::Borrowed(html);
    if find(bytes, b" id=\"").is_some() {
        html = html.replace(" id=\"", &format!(" id=\"{id}-")).into();
    }
    if find(bytes, b"href=\"#").is_some() {
        html = html.replace("href=\"#", &format!("href=\"#{id}-")).into();
    }
    html.into_owned()
}

fn month<'a>(r: &Renderer<'a>, l: &Ledger, m: &LedgerMonth) -> MonthSection<'a> {
    let site = r.site;
    let c = &site.config;
    let br = &site.branches[l.branch];
    let records = m
        .records
        .iter()
        .map(|&i| {
            let rec = &site.records[i];
            let id = format!("r-{}-{}", m.ym, rec.id);
            LedgerRecord {
                html: prefix_anchors(&rec.html, &id),
                id,
                title: &rec.title,
                url: site.record_route(i).link(c),
                date: rec.date,
                date_text: r.t.date("format_date", rec.date),
                kind: rec.kind.word(),
                kind_label: r.kind_label(rec.kind),
                location: rec.location.as_deref(),
                speaker: rec.speaker_display(site),
                duration: rec.duration,
                photos: views::photos(site, rec, r.sizes),
                attendance: attendance_view(r, rec),
            }
        })
        .collect();
    let kinds = m
        .kinds
        .iter()
        .map(|(k, shown, hidden)| KindRow {
            label: r.kind_label(*k),
            alias: k.alias(),
            done: m.done.contains(*k),
            records: shown
                .iter()
                .map(|&i| Link {
                    title: site.records[i].title.clone(),
                    url: format!("#r-{}-{}", m.ym, site.records[i].id),
                })
                .collect(),
            hidden: *hidden,
        })
        .collect();
    MonthSection {
        id: format!("m-{}", m.ym),
        label: r.t.month("format_month", m.ym),
        title: m.title.clone(),
        url: m.reported.then(|| urls::month(&br.id, m.ym).link(c)),
        reported: m.reported,
        complete: m.done.is_complete(),
        open: c.in_progress(m.ym),
        marks: r.labels.marks(m.done),
        kinds,
        records,
        withheld: m.withheld,
    }
}

/// The ledger of branch `b` for `year`; nothing when it has none (any more).
pub(crate) fn ledger(r: &Renderer, b: usize, year: u16) -> Result<()> {
    let site = r.site;
    let Some(l) = crate::ledger::ledger(site, b, year) else {
        return Ok(());
    };
    let br = &site.branches[b];
    let months: Vec<MonthSection> = l.months.iter().map(|m| month(r, &l, m)).collect();
    let complete = months.iter().filter(|m| m.complete).count();
    let records: usize = months.iter().map(|m| m.records.len()).sum();
    let title = r.t.fill("ledger_title", &[("year", &year)]);
    let summary = r.t.fill(
        "ledger_summary_text",
        &[
            ("records", &records),
            ("complete", &complete),
            ("months", &months.len()),
        ],
    );
    let view = LedgerView {
        branch: brief(site, b),
        year,
        title: title.clone(),
        summary,
        secretary: br.secretary.as_deref(),
        members: br.members,
        complete,
        records,
        months,
    };
    let route = urls::ledger(&br.id, year);
    let mut meta = r.meta(format!("{title} · {}", br.name), &route, "ledger");
    meta.crumbs = vec![
        views::link(site, r.t("nav_home"), &Route::home()),
        views::link(site, r.t("nav_branches"), &urls::branches()),
        views::link(site, br.name.clone(), &urls::branch(&br.id)),
    ];
    r.page(&route, "ledger.html", &meta, "ledger", &view)
}

#[cfg(test)]
mod tests {
    use super::prefix_anchors;

    #[test]
    fn anchors_are_prefixed_so_that_two_records_do_not_share_them() {
        let html = r##"<h2 id="一">一</h2><p>见<sup><a href="#fn-1">1</a></sup></p><div id="fn-1"></div>"##;
        assert_eq!(
            prefix_anchors(html, "r-2026-05-study"),
            r##"<h2 id="r-2026-05-study-一">一</h2><p>见<sup><a href="#r-2026-05-study-fn-1">1</a></sup></p><div id="r-2026-05-study-fn-1"></div>"##
        );
        // Only one kind present, and none: the rest is left as it is.
        assert_eq!(
            prefix_anchors(r##"<a href="#x">x</a> <a href="/y/">y</a>"##, "r"),
            r##"<a href="#r-x">x</a> <a href="/y/">y</a>"##
        );
        assert_eq!(prefix_anchors("<p>无</p>", "r"), "<p>无</p>");
    }
}
