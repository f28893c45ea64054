//! The views of SPEC §5's HTML pages, one function per kind of page of the
//! catalogue (`crate::catalogue`), which says which pages a site has.

use anyhow::Result;
use serde::Serialize;
use tera::Value;

use super::Renderer;
use super::assessment as words;
use super::views::{self, Link, Mark, PhotoView};
use crate::date::YearMonth;
use crate::kind::{Kind, KindSet};
use crate::model::{Present, Site};
use crate::urls::{self, Route};

pub(crate) fn crumbs(r: &Renderer, extra: Vec<Link>) -> Vec<Link> {
    let mut v = vec![views::link(r.site, r.t("nav_home"), &Route::home())];
    v.extend(extra);
    v
}

// ---------------------------------------------------------------------------
// Home

#[derive(Serialize)]
struct Counts {
    committees: usize,
    branches: usize,
    records: usize,
    lectures: usize,
    speakers: usize,
}

#[derive(Serialize)]
struct Home {
    latest: Vec<Value>,
    counts: Counts,
    status: Option<BulletinTotals>,
    status_url: Option<String>,
    status_month: Option<String>,
    /// The status month is in progress: counts so far.
    status_progress: Option<ProgressView>,
    /// While it is, "as of" that day and the rate so far.
    status_line: Option<String>,
    /// While it is, the bulletin of the month before (final or not).
    previous: Option<Link>,
}

pub(crate) fn home(r: &Renderer) -> Result<()> {
    let site = r.site;
    let mut all: Vec<usize> = (0..site.records.len()).collect();
    let count = all.len();
    site.sort_newest_first(&mut all);
    let latest = r.cards(all.into_iter().take(12));
    let last = site.months.last().copied();
    let progress = last.and_then(|m| progress_view(r, crate::report::progress(site, m)));
    let previous = match (&progress, site.months.len().checked_sub(2)) {
        (Some(_), Some(i)) => {
            let m = site.months[i];
            let month = r.t.month("format_month", m);
            let title = r.t.fill("read_bulletin_of", &[("month", &month)]);
            Some(views::link(site, title, &urls::bulletin(m)))
        }
        _ => None,
    };
    let status = last.map(|m| totals(crate::report::bulletin(site, m).totals));
    let status_line = progress.as_ref().zip(status.as_ref()).map(|(p, t)| {
        r.t.fill("five_rate_as_of", &[("as_of", &p.as_of), ("rate", &t.rate)])
    });
    let home = Home {
        latest,
        counts: Counts {
            committees: site.committees.len(),
            branches: site.branches.len(),
            records: count,
            lectures: site.lectures().len(),
            speakers: site.speakers.len(),
        },
        status,
        status_line,
        status_url: last.map(|m| urls::bulletin(m).link(&site.config)),
        status_month: last.map(|m| r.t.month("format_month", m)),
        status_progress: progress,
        previous,
    };
    let mut meta = r.meta(site.config.title.clone(), &Route::home(), "home");
    meta.description = site.config.description.clone();
    r.page(&Route::home(), "index.html", &meta, "home", &home)
}

// ---------------------------------------------------------------------------
// Branches

#[derive(Serialize)]
struct BranchRow<'a> {
    name: &'a str,
    url: String,
    category: Option<String>,
    secretary: Option<&'a str>,
    members: Option<u64>,
    records: usize,
    latest: Option<String>,
    marks: Vec<Mark>,
}

#[derive(Serialize)]
struct CommitteeView<'a> {
    name: &'a str,
    id: String,
    branches: Vec<BranchRow<'a>>,
}

pub(crate) fn branches(r: &Renderer) -> Result<()> {
    let site = r.site;
    let committees: Vec<CommitteeView> = site
        .committees
        .iter()
        .enumerate()
        .map(|(ci, c)| CommitteeView {
            name: &c.name,
            id: format!("c{}", ci + 1),
            branches: c
                .branches
                .iter()
                .map(|&b| {
                    let br = &site.branches[b];
                    let last = br.months.last();
                    BranchRow {
                        name: &br.name,
                        url: urls::branch(&br.id).link(&site.config),
                        category: br.category.map(|c| r.labels.categories[c.word()].clone()),
                        secretary: br.secretary.as_deref(),
                        members: br.members,
                        records: br.months.iter().map(|m| m.records.len()).sum(),
                        latest: last.map(|m| r.t.month("format_month", m.ym)),
                        marks: r.labels.marks(last.map(|m| m.done).unwrap_or_default()),
                    }
                })
                .collect(),
        })
        .collect();
    let route = urls::branches();
    let mut meta = r.meta(r.t("nav_branches"), &route, "branches");
    meta.crumbs = crumbs(r, vec![]);
    r.page(&route, "branches.html", &meta, "committees", &committees)
}

#[derive(Serialize)]
pub(crate) struct BranchBrief<'a> {
    name: &'a str,
    url: String,
    committee: &'a str,
    feed: String,
}

#[derive(Serialize)]
struct LiaisonView<'a> {
    unit: &'a str,
    leader: &'a str,
    level: String,
}

#[derive(Serialize)]
struct MonthRow {
    ym: YearMonth,
    label: String,
    /// `None` for a month the branch was due and has no folder for.
    url: Option<String>,
    title: Option<String>,
    marks: Vec<Mark>,
    complete: bool,
    /// The month is in progress: no record yet is not a failure yet.
    open: bool,
    records: Vec<Value>,
    hidden: usize,
}

#[derive(Serialize)]
struct BranchView<'a> {
    brief: BranchBrief<'a>,
    category: Option<String>,
    secretary: Option<&'a str>,
    members: Option<u64>,
    founded: Option<String>,
    liaison: Option<LiaisonView<'a>>,
    html: &'a str,
    months: Vec<MonthRow>,
    complete_months: usize,
    /// The months counted against `complete_months`: those over, and one
    /// in progress already complete.
    due_months: usize,
    /// The branch's ledgers (台账), one per year, newest first.
    ledgers: Vec<Link>,
    assessments: Vec<BranchAssessment>,
}

/// A line of a branch's page for one year's assessment.
#[derive(Serialize)]
struct BranchAssessment {
    title: String,
    url: String,
    line: String,
    parts: String,
    in_progress: bool,
}

pub(crate) fn brief<'a>(site: &'a Site, b: usize) -> BranchBrief<'a> {
    let br = &site.branches[b];
    BranchBrief {
        name: &br.name,
        url: urls::branch(&br.id).link(&site.config),
        committee: &br.committee,
        feed: urls::branch_feed(&br.id).link(&site.config),
    }
}

pub(crate) fn branch(r: &Renderer, b: usize) -> Result<()> {
    let site = r.site;
    let br = &site.branches[b];
    let c = &site.config;
    // Every month the branch was due (as the matrix and the bulletins
    // count them), with or without a folder, and any other it has one for.
    let months: Vec<MonthRow> = site
        .months
        .iter()
        .rev()
        .filter_map(|&ym| {
            let m = br.months.iter().find(|m| m.ym == ym);
            if m.is_none() && !site.expected_in(b, ym) {
                return None;
            }
            let done = m.map(|m| m.done).unwrap_or_default();
            Some(MonthRow {
                ym,
                label: r.t.month("format_month", ym),
                url: m.map(|_| urls::month(&br.id, ym).link(c)),
                title: m.and_then(|m| m.title.clone().or_else(|| m.theme.clone())),
                marks: r.labels.marks(done),
                complete: done.is_complete(),
                open: c.in_progress(ym),
                records: m.map_or_else(Vec::new, |m| r.cards(m.records.iter().copied())),
                hidden: m.map_or(0, |m| m.withheld.len()),
            })
        })
        .collect();
    let view = BranchView {
        brief: brief(site, b),
        category: br.category.map(|c| r.labels.categories[c.word()].clone()),
        secretary: br.secretary.as_deref(),
        members: br.members,
        founded: br.founded.map(|d| r.t.date("format_date", d)),
        liaison: br.liaison.as_ref().map(|l| LiaisonView {
            unit: &l.unit,
            leader: &l.leader,
            level: r.labels.liaison(l.level),
        }),
        html: &br.html,
        complete_months: months.iter().filter(|m| m.complete).count(),
        due_months: months.iter().filter(|m| m.complete || !m.open).count(),
        months,
        assessments: site
            .years()
            .into_iter()
            .rev()
            .filter_map(|y| {
                let row = crate::report::assessment::branch_year(site, b, y)?;
                let rules = &c.assessment;
                Some(BranchAssessment {
                    title: r.t.fill("assessment_of_branch", &[("year", &y)]),
                    url: format!("{}#b-{}", urls::assessment_year(y).link(c), br.id),
                    line: r.t.fill(
                        "assessment_branch_line",
                        &[
                            ("grade", &words::grade(&r.t, rules, row.grade)),
                            ("score", &words::score(row.score)),
                        ],
                    ),
                    parts: words::parts(&r.t, &row),
                    in_progress: crate::report::assessment::year_in_progress(site, y),
                })
            })
            .collect(),
        ledgers: crate::ledger::years(site, b)
            .into_iter()
            .rev()
            .map(|y| {
                let title = r.t.fill("ledger_title", &[("year", &y)]);
                views::link(site, title, &urls::ledger(&br.id, y))
            })
            .collect(),
    };
    let route = urls::branch(&br.id);
    let mut meta = r.meta(br.name.clone(), &route, "branches");
    meta.crumbs = crumbs(
        r,
        vec![views::link(site, r.t("nav_branches"), &urls::branches())],
    );
    r.page(&route, "branch.html", &meta, "branch", &view)
}

#[derive(Serialize)]
struct MonthView<'a> {
    branch: BranchBrief<'a>,
    ym: YearMonth,
    label: String,
    title: Option<&'a str>,
    theme: Option<&'a str>,
    html: &'a str,
    marks: Vec<Mark>,
    complete: bool,
    /// The month is in progress: what is not done is not missing yet.
    open: bool,
    records: Vec<Value>,
    hidden: usize,
    photos: Vec<PhotoView>,
    prev: Option<Link>,
    next: Option<Link>,
}

pub(crate) fn month(r: &Renderer, b: usize, mi: usize) -> Result<()> {
    let site = r.site;
    let br = &site.branches[b];
    let m = &br.months[mi];
    let month_link = |m: &crate::model::Month| {
        views::link(
            site,
            r.t.month("format_month", m.ym),
            &urls::month(&br.id, m.ym),
        )
    };
    let photos = m
        .records
        .iter()
        .flat_map(|&i| views::photos(site, &site.records[i], r.sizes))
        .collect();
    let view = MonthView {
        branch: brief(site, b),
        ym: m.ym,
        label: r.t.month("format_month", m.ym),
        title: m.title.as_deref(),
        theme: m.theme.as_deref(),
        html: &m.html,
        marks: r.labels.marks(m.done),
        complete: m.done.is_complete(),
        open: site.config.in_progress(m.ym),
        records: r.cards(m.records.iter().copied()),
        hidden: m.withheld.len(),
        photos,
        prev: mi.checked_sub(1).map(|p| month_link(&br.months[p])),
        next: br.months.get(mi + 1).map(month_link),
    };
    let route = urls::month(&br.id, m.ym);
    let mut meta = r.meta(format!("{} · {}", view.label, br.name), &route, "branches");
    meta.crumbs = crumbs(
        r,
        vec![
            views::link(site, r.t("nav_branches"), &urls::branches()),
            views::link(site, br.name.clone(), &urls::branch(&br.id)),
        ],
    );
    r.page(&route, "month.html", &meta, "month", &view)
}

// ---------------------------------------------------------------------------
// Records and lectures

#[derive(Serialize)]
pub(crate) struct AttendanceView {
    expected: Option<u64>,
    present: Option<u64>,
    excused: usize,
    absent: usize,
    /// Names, internal builds only.
    present_names: Vec<String>,
    excused_names: Vec<String>,
    absent_names: Vec<String>,
    rate: Option<u64>,
}

#[derive(Serialize)]
struct SpeakerBrief<'a> {
    name: &'a str,
    url: Option<String>,
    title: Option<&'a str>,
    organization: Option<&'a str>,
}

#[derive(Serialize)]
struct RecordView<'a> {
    card: Value,
    html: &'a str,
    weekday: String,
    tags: &'a [String],
    photos: Vec<PhotoView>,
    attendance: Option<AttendanceView>,
    speaker: Option<SpeakerBrief<'a>>,
    branch: BranchBrief<'a>,
    month: Link,
    prev: Option<Link>,
    next: Option<Link>,
    lecture_url: Option<String>,
    short_url: Option<String>,
    headings: &'a [crate::markdown::Heading],
    /// When the record's file last changed in git (`2026-05-12`), if known.
    updated: Option<String>,
    /// The same day in the site's date style (`2026年5月12日`), as every
    /// other date of the site.
    updated_text: Option<String>,
}

fn record_view<'a>(r: &Renderer<'a>, i: usize) -> RecordView<'a> {
    let site = r.site;
    let rec = &site.records[i];
    let br = &site.branches[rec.branch];
    let c = &site.config;
    let month = br.months.iter().find(|m| m.ym == rec.ym);
    // Previous and next published record in the branch.
    let siblings: Vec<usize> = br
        .months
        .iter()
        .flat_map(|m| m.records.iter().copied())
        .collect();
    let pos = siblings.iter().position(|&j| j == i);
    let link_to =
        |j: usize| views::link(site, site.records[j].title.clone(), &site.record_route(j));
    let attendance = attendance_view(r, rec);
    let speaker = match (rec.speaker, &rec.speaker_name) {
        (Some(s), _) => {
            let sp = &site.speakers[s];
            Some(SpeakerBrief {
                name: &sp.name,
                url: Some(urls::speaker(&sp.id).link(c)),
                title: sp.title.as_deref(),
                organization: sp.organization.as_deref(),
            })
        }
        (None, Some(n)) => Some(SpeakerBrief {
            name: n,
            url: None,
            title: None,
            organization: None,
        }),
        _ => None,
    };
    let is_lecture = rec.kind == Kind::Lecture;
    RecordView {
        card: r.card(i).unwrap_or_else(Value::none),
        html: &rec.html,
        weekday: r.t(&format!("weekday_{}", rec.date.weekday())),
        tags: &rec.tags,
        photos: views::photos(site, rec, r.sizes),
        attendance,
        speaker,
        branch: brief(site, rec.branch),
        month: views::link(
            site,
            month
                .and_then(|m| m.title.clone())
                .unwrap_or_else(|| r.t.month("format_month", rec.ym)),
            &urls::month(&br.id, rec.ym),
        ),
        prev: pos
            .and_then(|p| p.checked_sub(1))
            .map(|p| link_to(siblings[p])),
        next: pos.and_then(|p| siblings.get(p + 1)).map(|&j| link_to(j)),
        lecture_url: is_lecture.then(|| site.lecture_route(i).link(c)),
        short_url: is_lecture.then(|| site.short_route(i).absolute(c)),
        headings: &rec.headings,
        updated: site.updated(i).map(|d| d.to_string()),
        updated_text: site.updated(i).map(|d| r.t.date("format_date", d)),
    }
}

/// A record's attendance: counts, and in an internal build the names (a
/// public build's site holds none, `Members`).
pub(crate) fn attendance_view(r: &Renderer, rec: &crate::model::Record) -> Option<AttendanceView> {
    rec.attendance.as_ref().map(|a| {
        // A public build's site holds no names (`Members`): only counts.
        let names = |v: &[String]| v.to_vec();
        let present_names = match &a.present {
            Some(Present::Names(v)) => names(v),
            _ => Vec::new(),
        };
        AttendanceView {
            expected: a.expected,
            present: a.present_count(),
            excused: a.excused.len(),
            absent: a.absent.len(),
            present_names,
            excused_names: a
                .excused
                .named()
                .iter()
                .map(|e| {
                    if e.reason.is_empty() {
                        e.name.clone()
                    } else {
                        format!(
                            "{}{}{}{}",
                            e.name,
                            r.t("paren_open"),
                            e.reason,
                            r.t("paren_close")
                        )
                    }
                })
                .collect(),
            absent_names: names(a.absent.named()),
            rate: match (a.present_count(), a.expected) {
                (Some(p), Some(e)) => crate::report::percent(p, e),
                _ => None,
            },
        }
    })
}

pub(crate) fn record(r: &Renderer, i: usize) -> Result<()> {
    let site = r.site;
    let rec = &site.records[i];
    let br = &site.branches[rec.branch];
    let view = record_view(r, i);
    let route = site.record_route(i);
    let mut meta = r.meta(rec.title.clone(), &route, "branches");
    meta.description = rec.excerpt.clone();
    meta.crumbs = crumbs(
        r,
        vec![
            views::link(site, r.t("nav_branches"), &urls::branches()),
            views::link(site, br.name.clone(), &urls::branch(&br.id)),
            views::link(
                site,
                r.t.month("format_month", rec.ym),
                &urls::month(&br.id, rec.ym),
            ),
        ],
    );
    r.page(&route, "record.html", &meta, "record", &view)?;
    if rec.kind == Kind::Lecture {
        lecture(r, i, view)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct LectureView<'a> {
    record: RecordView<'a>,
    /// Its slide show on each LED profile, when it is shown on screens.
    screens: Vec<Link>,
    screens_url: String,
    prev: Option<Link>,
    next: Option<Link>,
    same_speaker: Vec<Value>,
    /// The table of contents of a long lecture: its second-level
    /// headings, when it has at least [`TOC_HEADINGS`]; else empty.
    toc: Vec<&'a crate::markdown::Heading>,
    /// The QR code of its short link as an inline SVG, for a reader to
    /// pass the lecture on from their phone.
    qr: String,
}

/// A lecture with this many sections or more gets a table of contents.
const TOC_HEADINGS: usize = 3;

/// The side of the lecture page's QR code in CSS pixels (whole pixels per
/// module, rounded down): a phone camera reads it from another phone's
/// screen at arm's length.
const QR_PX: u32 = 200;

fn lecture<'a>(r: &Renderer<'a>, i: usize, record: RecordView<'a>) -> Result<()> {
    let site = r.site;
    let rec = &site.records[i];
    let all = r.lectures.get_or_init(|| site.lectures());
    let pos = all.iter().position(|&j| j == i);
    let link_to =
        |j: usize| views::link(site, site.records[j].title.clone(), &site.lecture_route(j));
    let same_speaker = match rec.speaker {
        Some(s) => r.cards(
            site.speakers[s]
                .lectures
                .iter()
                .copied()
                .filter(|&j| j != i)
                .take(6),
        ),
        None => Vec::new(),
    };
    // As `led::on_screens`: internal lectures are never on screens.
    let on_screens = rec.led && !rec.internal;
    let mut toc: Vec<_> = rec.headings.iter().filter(|h| h.level == 2).collect();
    if toc.len() < TOC_HEADINGS {
        toc.clear();
    }
    let short_url = site.short_route(i).absolute(&site.config);
    let qr = crate::qr::Qr::encode(&short_url)
        .map(|q| {
            let label = r.t.fill("pass_on_qr", &[("url", &short_url)]);
            q.drawing().svg(QR_PX, &crate::text::escape_html(&label))
        })
        .unwrap_or_default();
    let view = LectureView {
        toc,
        qr,
        record,
        screens: site
            .config
            .led
            .profiles
            .iter()
            .filter(|_| on_screens)
            .map(|p| {
                let name = r.t.fill(
                    "screens_profile_name",
                    &[
                        ("name", &p.name),
                        ("width", &p.width),
                        ("height", &p.height),
                    ],
                );
                let br = &site.branches[rec.branch].id;
                views::link(site, name, &urls::led_show(&p.name, br, rec.ym, &rec.id))
            })
            .collect(),
        screens_url: urls::screens().link(&site.config),
        // The list is newest first: "previous" is the older one.
        prev: pos.and_then(|p| all.get(p + 1)).map(|&j| link_to(j)),
        next: pos.and_then(|p| p.checked_sub(1)).map(|p| link_to(all[p])),
        same_speaker,
    };
    let route = site.lecture_route(i);
    let mut meta = r.meta(rec.title.clone(), &route, "lectures");
    meta.description = rec.excerpt.clone();
    meta.crumbs = crumbs(
        r,
        vec![views::link(site, r.t("nav_lectures"), &urls::lectures())],
    );
    r.page(&route, "lecture.html", &meta, "lecture", &view)?;
    let target = route.absolute(&site.config);
    let short = site.short_route(i);
    let meta = r.meta(rec.title.clone(), &route, "lectures");
    r.page(&short, "redirect.html", &meta, "target", &target)
}

// ---------------------------------------------------------------------------
// Speakers

#[derive(Serialize)]
struct SpeakerView<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
    title: Option<&'a str>,
    organization: Option<&'a str>,
    topics: &'a [String],
    photo: Option<String>,
    html: &'a str,
    count: usize,
    lectures: Vec<Value>,
}

/// A speaker, with the cards of their lectures on their own page; the list
/// of speakers shows how many there are, not which (`with_lectures`).
fn speaker_view<'a>(r: &Renderer<'a>, s: usize, with_lectures: bool) -> SpeakerView<'a> {
    let site = r.site;
    let sp = &site.speakers[s];
    let lectures = if with_lectures {
        r.cards(sp.lectures.iter().copied())
    } else {
        Vec::new()
    };
    SpeakerView {
        id: &sp.id,
        name: &sp.name,
        url: urls::speaker(&sp.id).link(&site.config),
        title: sp.title.as_deref(),
        organization: sp.organization.as_deref(),
        topics: &sp.topics,
        photo: sp
            .photo
            .as_ref()
            .map(|p| urls::speaker_photo(p).link(&site.config)),
        html: &sp.html,
        count: sp.lectures.len(),
        lectures,
    }
}

pub(crate) fn speaker(r: &Renderer, s: usize) -> Result<()> {
    let v = speaker_view(r, s, true);
    let route = urls::speaker(v.id);
    let mut meta = r.meta(v.name.to_string(), &route, "speakers");
    meta.crumbs = crumbs(
        r,
        vec![views::link(r.site, r.t("nav_speakers"), &urls::speakers())],
    );
    r.page(&route, "speaker.html", &meta, "speaker", &v)
}

pub(crate) fn speakers(r: &Renderer) -> Result<()> {
    let site = r.site;
    let mut order: Vec<usize> = (0..site.speakers.len()).collect();
    order.sort_by(|&a, &b| site.speakers[a].id.cmp(&site.speakers[b].id));
    let views: Vec<SpeakerView> = order.iter().map(|&s| speaker_view(r, s, false)).collect();
    let route = urls::speakers();
    let mut meta = r.meta(r.t("nav_speakers"), &route, "speakers");
    meta.crumbs = crumbs(r, vec![]);
    r.page(&route, "speakers.html", &meta, "speakers", &views)
}

// ---------------------------------------------------------------------------
// Five things: the yearly matrix and the monthly bulletin

/// A month in progress, as a page says it.
#[derive(Serialize)]
struct ProgressView {
    /// "截至2026年12月4日".
    as_of: String,
    /// The day its records are due, written out.
    deadline: String,
}

/// `None` for a month whose deadline has passed.
fn progress_view(r: &Renderer, p: crate::report::Progress) -> Option<ProgressView> {
    match p {
        crate::report::Progress::Over => None,
        crate::report::Progress::InProgress { today, deadline } => Some(ProgressView {
            as_of: r
                .t
                .fill("five_as_of", &[("date", &r.t.date("format_date", today))]),
            deadline: r.t.date("format_date", deadline),
        }),
    }
}

#[derive(Serialize, Clone, Default)]
pub struct BulletinTotals {
    expected: usize,
    complete: usize,
    incomplete: usize,
    silent: usize,
    /// Percentage of expected branches that did all five things.
    rate: u64,
}

#[derive(Serialize)]
struct Missing {
    branch: Link,
    missing: String,
    marks: Vec<Mark>,
}

#[derive(Serialize, Default)]
struct CommitteeBulletin {
    name: String,
    complete: Vec<Link>,
    incomplete: Vec<Missing>,
    /// Empty while the month is in progress (see `silent_so_far`).
    silent: Vec<Link>,
    /// While the month is in progress: how many have no record yet.
    silent_so_far: Option<String>,
    totals: BulletinTotals,
}

#[derive(Serialize)]
struct Bulletin {
    ym: YearMonth,
    label: String,
    /// The month is in progress: the figures are counts so far, the
    /// branches without a record are counted and not named, and
    /// `progress_note` says so.
    progress: Option<ProgressView>,
    progress_note: Option<String>,
    committees: Vec<CommitteeBulletin>,
    totals: BulletinTotals,
    prev: Option<Link>,
    next: Option<Link>,
    matrix_url: String,
}

fn totals(t: crate::report::Totals) -> BulletinTotals {
    BulletinTotals {
        expected: t.expected,
        complete: t.complete,
        incomplete: t.incomplete,
        silent: t.silent,
        rate: t.rate(),
    }
}

/// The bulletin of `dangri report five-things`, with links and labels.
fn bulletin_data(r: &Renderer, ym: YearMonth) -> Bulletin {
    let site = r.site;
    let c = &site.config;
    let report = crate::report::bulletin(site, ym);
    let over = report.progress.is_over();
    let link = |b: usize| {
        let br = &site.branches[b];
        views::link(site, br.name.clone(), &urls::branch(&br.id))
    };
    let committees = report
        .committees
        .iter()
        .map(|cm| CommitteeBulletin {
            name: site.committees[cm.committee].name.clone(),
            complete: cm.complete.iter().map(|&b| link(b)).collect(),
            incomplete: cm
                .incomplete
                .iter()
                .map(|&(b, done)| Missing {
                    branch: link(b),
                    // Not missing yet in a month in progress: the marks
                    // say what is done so far.
                    missing: if over {
                        done.missing()
                            .iter()
                            .map(|k| r.kind_label(*k))
                            .collect::<Vec<_>>()
                            .join(&r.t("list_sep"))
                    } else {
                        String::new()
                    },
                    marks: r.labels.marks(done),
                })
                .collect(),
            silent: if over {
                cm.silent.iter().map(|&b| link(b)).collect()
            } else {
                Vec::new()
            },
            silent_so_far: (!over && !cm.silent.is_empty()).then(|| {
                r.t.fill("bulletin_silent_so_far", &[("n", &cm.silent.len())])
            }),
            totals: totals(cm.totals),
        })
        .collect();
    let idx = site.months.iter().position(|m| *m == ym);
    let month = |m: YearMonth| views::link(site, r.t.month("format_month", m), &urls::bulletin(m));
    let progress = progress_view(r, report.progress);
    let progress_note = progress.as_ref().map(|p| {
        let t = &report.totals;
        r.t.fill(
            "bulletin_in_progress",
            &[
                ("as_of", &p.as_of),
                ("deadline", &p.deadline),
                ("expected", &t.expected),
                ("complete", &t.complete),
                ("rate", &t.rate()),
            ],
        )
    });
    Bulletin {
        ym,
        label: r.t.month("format_month", ym),
        progress,
        progress_note,
        committees,
        totals: totals(report.totals),
        prev: idx
            .and_then(|i| i.checked_sub(1))
            .map(|i| month(site.months[i])),
        next: idx.and_then(|i| site.months.get(i + 1)).map(|&m| month(m)),
        matrix_url: urls::five_things_year(ym.year).link(c),
    }
}

#[derive(Serialize)]
struct Cell {
    state: &'static str,
    text: String,
    title: String,
}

#[derive(Serialize)]
struct MatrixRow {
    branch: Link,
    cells: Vec<Cell>,
}

#[derive(Serialize)]
struct MatrixCommittee {
    name: String,
    rows: Vec<MatrixRow>,
}

#[derive(Serialize)]
struct YearLink {
    year: u16,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct Matrix {
    year: u16,
    assessment_url: String,
    assessment_title: String,
    years: Vec<YearLink>,
    months: Vec<Link>,
    committees: Vec<MatrixCommittee>,
    rates: Vec<u64>,
    /// Per month: `Some` while it is in progress.
    progress: Vec<Option<ProgressView>>,
    /// Some month is in progress (its cells are neutral: a legend for them).
    open: bool,
}

/// A branch's cell of a month; `open` for a month in progress, where what
/// is not done yet is not a failure (a neutral cell, "so far").
fn cell(r: &Renderer, done: KindSet, expected: bool, open: bool) -> Cell {
    if !expected {
        return Cell {
            state: "na",
            text: String::new(),
            title: String::new(),
        };
    }
    if done.is_complete() {
        return Cell {
            state: "ok",
            text: "✓".into(),
            title: r.t("five_complete"),
        };
    }
    if done.is_empty() {
        return Cell {
            state: if open { "open" } else { "none" },
            text: if open { "…" } else { "—" }.into(),
            title: r.t(if open {
                "five_silent_so_far"
            } else {
                "five_silent"
            }),
        };
    }
    let missing: Vec<Kind> = done.missing();
    Cell {
        state: if open { "open" } else { "part" },
        text: missing.iter().map(|k| k.alias()).collect::<String>(),
        title: format!(
            "{}{}",
            r.t(if open {
                "five_missing_so_far"
            } else {
                "five_missing"
            }),
            missing
                .iter()
                .map(|k| r.kind_label(*k))
                .collect::<Vec<_>>()
                .join(&r.t("list_sep"))
        ),
    }
}

fn matrix(r: &Renderer, year: u16, years: &[u16]) -> Matrix {
    let site = r.site;
    let c = &site.config;
    let crate::report::YearTable {
        months,
        committees,
        totals,
        progress,
        ..
    } = crate::report::year_table(site, year);
    let committees = committees
        .into_iter()
        .map(|(ci, rows)| MatrixCommittee {
            name: site.committees[ci].name.clone(),
            rows: rows
                .into_iter()
                .map(|row| MatrixRow {
                    branch: views::link(
                        site,
                        site.branches[row.branch].name.clone(),
                        &urls::branch(&site.branches[row.branch].id),
                    ),
                    cells: row
                        .cells
                        .iter()
                        .zip(&progress)
                        .map(|(done, p)| {
                            cell(r, done.unwrap_or_default(), done.is_some(), !p.is_over())
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    Matrix {
        year,
        assessment_url: urls::assessment_year(year).link(c),
        assessment_title: r.t.fill("assessment_title", &[("year", &year)]),
        years: years
            .iter()
            .map(|&y| YearLink {
                year: y,
                url: urls::five_things_year(y).link(c),
                current: y == year,
            })
            .collect(),
        rates: totals.iter().map(crate::report::Totals::rate).collect(),
        progress: progress.iter().map(|&p| progress_view(r, p)).collect(),
        open: progress.iter().any(|p| !p.is_over()),
        months: months
            .iter()
            .map(|&m| views::link(site, r.t.month("format_month", m), &urls::bulletin(m)))
            .collect(),
        committees,
    }
}

/// The matrix of one year.
pub(crate) fn five_things_year(r: &Renderer, y: u16) -> Result<()> {
    let site = r.site;
    let section = r.t("nav_five_things");
    let route = urls::five_things_year(y);
    let mut meta = r.meta(format!("{section} · {y}"), &route, "five-things");
    meta.crumbs = crumbs(r, vec![views::link(site, section, &urls::five_things())]);
    r.page(
        &route,
        "five_things.html",
        &meta,
        "matrix",
        &matrix(r, y, &site.years()),
    )
}

/// `/five-things/`: the latest year's matrix.
pub(crate) fn five_things_index(r: &Renderer) -> Result<()> {
    let years = r.site.years();
    let route = urls::five_things();
    let mut meta = r.meta(r.t("nav_five_things"), &route, "five-things");
    meta.crumbs = crumbs(r, vec![]);
    let latest = years.last().copied().unwrap_or(2026);
    r.page(
        &route,
        "five_things.html",
        &meta,
        "matrix",
        &matrix(r, latest, &years),
    )
}

#[derive(Serialize)]
struct AssessmentRow {
    rank: usize,
    id: String,
    branch: Link,
    score: String,
    grade: String,
    grade_key: &'static str,
    on_record: String,
    complete: String,
    things: Vec<u32>,
    lectures: String,
    liaison: String,
    attendance: String,
    at_absence_rule: u32,
    parts: String,
}

#[derive(Serialize)]
struct AssessmentCommittee {
    name: String,
    rows: Vec<AssessmentRow>,
}

#[derive(Serialize)]
struct AssessmentPage {
    year: u16,
    title: String,
    status: Option<String>,
    rules: String,
    grades: String,
    kinds: Vec<String>,
    years: Vec<YearLink>,
    committees: Vec<AssessmentCommittee>,
    matrix_url: String,
}

fn assessment_data(r: &Renderer, year: u16) -> AssessmentPage {
    let site = r.site;
    let c = &site.config;
    let rules = &c.assessment;
    let a = crate::report::assessment::assess(site, year);
    let committees = a
        .committees
        .iter()
        .map(|(ci, rows)| AssessmentCommittee {
            name: site.committees[*ci].name.clone(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, row)| {
                    let br = &site.branches[row.branch];
                    AssessmentRow {
                        rank: i + 1,
                        id: br.id.clone(),
                        branch: views::link(site, br.name.clone(), &urls::branch(&br.id)),
                        score: words::score(row.score),
                        grade: words::grade(&r.t, rules, row.grade),
                        grade_key: rules.grades.get(row.grade).map_or("poor", |g| g.key),
                        on_record: format!("{}/{}", row.on_record, row.due),
                        complete: format!("{}/{}", row.complete, row.due),
                        things: Kind::all().map(|k| row.count(k)).collect(),
                        lectures: format!(
                            "{}/{}/{}",
                            row.lectures.liaison, row.lectures.pool, row.lectures.branch
                        ),
                        liaison: match row.liaison {
                            Some((met, over)) if over > 0 => format!("{met}/{over}"),
                            _ => "—".to_string(),
                        },
                        attendance: words::rate(row.attendance),
                        at_absence_rule: row.at_absence_rule,
                        parts: words::parts(&r.t, row),
                    }
                })
                .collect(),
        })
        .collect();
    let status = a.through.map(|m| {
        let through = r.t.month("format_month", m);
        let key = if a.in_progress {
            "assessment_in_progress"
        } else {
            "assessment_through"
        };
        r.t.fill(key, &[("year", &year), ("through", &through)])
    });
    AssessmentPage {
        year,
        title: r.t.fill("assessment_title", &[("year", &year)]),
        status,
        rules: words::rules(&r.t, rules),
        grades: words::grades(&r.t, rules),
        kinds: Kind::all().map(|k| k.alias().to_string()).collect(),
        years: site
            .years()
            .into_iter()
            .map(|y| YearLink {
                year: y,
                url: urls::assessment_year(y).link(c),
                current: y == year,
            })
            .collect(),
        committees,
        matrix_url: urls::five_things_year(year).link(c),
    }
}

/// `/assessment/<YYYY>/`, or with `index` `/assessment/` (the latest year).
pub(crate) fn assessment(r: &Renderer, year: u16, index: bool) -> Result<()> {
    let route = if index {
        urls::assessment()
    } else {
        urls::assessment_year(year)
    };
    let data = assessment_data(r, year);
    let mut meta = r.meta(data.title.clone(), &route, "five-things");
    meta.crumbs = crumbs(
        r,
        vec![views::link(
            r.site,
            r.t("nav_five_things"),
            &urls::five_things(),
        )],
    );
    r.page(&route, "assessment.html", &meta, "assessment", &data)
}

#[derive(Serialize)]
struct ScreenProfile {
    name: String,
    size: String,
    seconds: u32,
    channel: Link,
    pictures: bool,
}

#[derive(Serialize)]
struct ScreensPage {
    profiles: Vec<ScreenProfile>,
    channel_of: String,
}

/// `/screens/`: for the people who run LED screens, each profile's channel
/// and how to put a show on a screen.
pub(crate) fn screens(r: &Renderer) -> Result<()> {
    let site = r.site;
    let route = urls::screens();
    let profiles = site
        .config
        .led
        .profiles
        .iter()
        .map(|p| ScreenProfile {
            name: p.name.clone(),
            size: r.t.fill(
                "screens_size",
                &[("width", &p.width), ("height", &p.height)],
            ),
            seconds: p.seconds,
            channel: views::link(site, r.t("screens_channel"), &urls::led_channel(&p.name)),
            pictures: p.pictures,
        })
        .collect();
    let view = ScreensPage {
        profiles,
        channel_of: r.t.fill(
            "screens_channel_of",
            &[("n", &site.config.led.channel_size())],
        ),
    };
    let mut meta = r.meta(r.t("screens"), &route, "lectures");
    meta.crumbs = crumbs(
        r,
        vec![views::link(site, r.t("nav_lectures"), &urls::lectures())],
    );
    r.page(&route, "screens.html", &meta, "screens", &view)
}

/// The bulletin of one month.
pub(crate) fn bulletin(r: &Renderer, m: YearMonth) -> Result<()> {
    let route = urls::bulletin(m);
    let data = bulletin_data(r, m);
    let mut meta = r.meta(
        format!("{} · {}", data.label, r.t("bulletin")),
        &route,
        "five-things",
    );
    meta.crumbs = crumbs(
        r,
        vec![views::link(
            r.site,
            r.t("nav_five_things"),
            &urls::five_things(),
        )],
    );
    r.page(&route, "bulletin.html", &meta, "bulletin", &data)
}

// ---------------------------------------------------------------------------
// Attendance: internal builds only

#[derive(Serialize)]
struct AbsenceRow<'a> {
    branch: Link,
    name: &'a str,
    /// `consecutive` or `cumulative`.
    rule: &'static str,
    label: String,
    months: Vec<Link>,
}

#[derive(Serialize)]
struct AttendancePage<'a> {
    lead: String,
    rows: Vec<AbsenceRow<'a>>,
}

/// `/attendance/`: the members who reached the unexcused-absence rule, the
/// list of `dangri report attendance`. Names are internal: never public.
pub(crate) fn attendance(r: &Renderer) -> Result<()> {
    let site = r.site;
    if !site.internal {
        return Ok(());
    }
    let rule = site.config.attendance;
    let absences = crate::report::absences(site);
    let rows = absences
        .iter()
        .map(|a| {
            let br = &site.branches[a.branch];
            let n = a.months.len();
            let label = match a.rule {
                crate::report::Rule::Consecutive => {
                    r.t.fill("attendance_rule_consecutive", &[("n", &n)])
                }
                crate::report::Rule::Cumulative { year } => {
                    r.t.fill("attendance_rule_cumulative", &[("n", &n), ("year", &year)])
                }
            };
            AbsenceRow {
                branch: views::link(site, br.name.clone(), &urls::branch(&br.id)),
                name: &a.name,
                rule: a.rule.word(),
                label,
                months: a
                    .months
                    .iter()
                    .map(|&m| {
                        views::link(site, r.t.month("format_month", m), &urls::month(&br.id, m))
                    })
                    .collect(),
            }
        })
        .collect();
    let view = AttendancePage {
        lead: r.t.fill(
            "attendance_lead",
            &[
                ("consecutive", &rule.consecutive),
                ("cumulative", &rule.cumulative),
            ],
        ),
        rows,
    };
    let route = Route::dir(["attendance"]);
    let mut meta = r.meta(r.t("attendance_title"), &route, "attendance");
    meta.crumbs = crumbs(r, vec![]);
    r.page(&route, "attendance.html", &meta, "attendance", &view)
}

// ---------------------------------------------------------------------------
// Free pages and 404

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    html: &'a str,
}

/// A free page of `content/pages/`.
pub(crate) fn free_page(r: &Renderer, p: usize) -> Result<()> {
    let p = &r.site.pages[p];
    let route = urls::page(&p.slug);
    let mut meta = r.meta(p.title.clone(), &route, "pages");
    meta.description = p.description.clone().unwrap_or_default();
    meta.crumbs = crumbs(r, vec![]);
    r.page(
        &route,
        "page.html",
        &meta,
        "content",
        &PageView {
            title: &p.title,
            html: &p.html,
        },
    )
}

pub(crate) fn not_found(r: &Renderer) -> Result<()> {
    let route = Route::file(["404.html"]);
    let meta = r.meta(r.t("not_found"), &route, "404");
    r.page(&route, "404.html", &meta, "content", &())
}
