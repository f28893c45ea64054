//! The dependency map of `serve`: which pages show something of a record,
//! so that a change to a record re-renders those pages and no other.
//!
//! A page is named by what it shows (`Page`), with records named by their
//! file (`RecordKey`), which survives the change, unlike an index. The map is
//! `shows`: the pages that show a record in a given state of the site. A
//! change re-renders the union of what the record showed in before the
//! change and what it shows in after (a record moved, retitled, made
//! internal or deleted disappears from where it was), see `Changes`.
//!
//! The map is checked against the pages themselves: a test renders every
//! page of the catalogue while `model::recording` notes the records it
//! reads, and fails when a page reads a record whose change of text alone
//! (`What::default()`) would not render it again here. The rules for what
//! `What` follows (a record's date, kind, visibility, location, ...) are
//! tried on every record of a fixture site, each change against a full
//! build (`tests/suite/incremental.rs`).

use std::collections::BTreeSet;

use crate::catalogue::Page;
use crate::date::YearMonth;
use crate::kind::Kind;
use crate::model::{Record, RecordKey, Site};
use crate::urls::{self, Route};

/// How many of a speaker's newest lectures each lecture page lists (its
/// own excluded), so a record among the first this many plus one shows on
/// every lecture page of the speaker.
const SAME_SPEAKER: usize = 6;
/// The newest records on the home page and in the site's feed.
const HOME_LATEST: usize = 12;
const FEED_LATEST: usize = 30;

/// What changed about a record besides its text and card (which every
/// change is taken to change). Pages that show only how many records there
/// are, which kinds a month has or what dates they have are rendered again
/// only when that changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct What {
    /// Added, deleted, or made public or internal.
    pub presence: bool,
    pub kind: bool,
    pub date: bool,
    pub speaker: bool,
    /// Its attendance counts or its absent members (the yearly assessment
    /// counts them).
    pub attendance: bool,
    /// The `location`: which places it visited.
    pub location: bool,
}

impl What {
    /// Everything: for a record added or deleted.
    pub const ALL: What = What {
        presence: true,
        kind: true,
        date: true,
        speaker: true,
        attendance: true,
        location: true,
    };

    pub fn between(old: Option<&Record>, new: Option<&Record>) -> What {
        match (old, new) {
            (Some(a), Some(b)) => What {
                presence: a.internal != b.internal,
                kind: a.kind != b.kind,
                date: a.date != b.date,
                speaker: a.speaker != b.speaker || a.speaker_name != b.speaker_name,
                attendance: tally(a) != tally(b),
                location: a.location != b.location,
            },
            _ => What::ALL,
        }
    }
}

/// What the yearly assessment counts of a record's attendance.
fn tally(r: &Record) -> Option<(Option<u64>, Option<u64>, &[u64])> {
    r.attendance
        .as_ref()
        .map(|a| (a.expected, a.present_count(), a.absent_keys.as_slice()))
}

/// The pages that show something of record `i` in this state of the site
/// and change when `what` changes about it (with `What::ALL`: every page
/// that shows anything of it).
pub fn shows(site: &Site, i: usize, what: What) -> BTreeSet<Page> {
    let rec = &site.records[i];
    let (b, ym) = (rec.branch, rec.ym);
    let counted = what.presence || what.kind;
    // Internal records count in the five things and in the hidden-record
    // counts of month and branch pages.
    // The data export: the record's month file, and `site.json` for the
    // counts and marks of its month and its speaker's count.
    let mut pages = BTreeSet::from([Page::Search, Page::DataMonth(ym)]);
    if counted || what.speaker || what.attendance {
        pages.insert(Page::DataSite);
    }
    // The assessment counts records, kinds, attendance and lecturers.
    if counted || what.speaker || what.attendance {
        pages.insert(Page::Assessment(ym.year));
        if site.months.last().map(|m| m.year) == Some(ym.year) {
            pages.insert(Page::AssessmentIndex);
        }
    }
    if counted {
        pages.extend([
            Page::Home,
            Page::Branches,
            Page::Branch(b),
            Page::Month(b, ym),
            Page::Bulletin(ym),
            Page::FiveThingsYear(ym.year),
            Page::Sitemap,
        ]);
        if site.months.last().map(|m| m.year) == Some(ym.year) {
            pages.insert(Page::FiveThings);
        }
    }
    if site.internal {
        // Absences are counted from every record's attendance.
        pages.insert(Page::Attendance);
    }
    pages.extend([
        Page::Record(site.key(i)),
        Page::Month(b, ym),
        Page::Branch(b),
        // The ledger prints every record of the year in full.
        Page::Ledger(b, ym.year),
    ]);
    if what.date {
        pages.insert(Page::Sitemap);
    }
    let newer = newer_than(site, i, |_| true, FEED_LATEST);
    if newer < HOME_LATEST {
        pages.insert(Page::Home);
    }
    if newer < FEED_LATEST {
        pages.insert(Page::SiteFeed);
    }
    // The previous and next records of the branch link to it by title.
    let siblings: Vec<usize> = site.branches[b]
        .months
        .iter()
        .flat_map(|m| m.records.iter().copied())
        .collect();
    neighbours(&siblings, i, |j| {
        pages.insert(Page::Record(site.key(j)));
    });
    if rec.kind == Kind::Lecture {
        pages.insert(Page::Lectures);
        pages.insert(Page::LecturesMonth(ym));
        if counted {
            // Every page of the lecture index counts the lectures of every
            // month.
            pages.extend(site.lecture_months().into_iter().map(Page::LecturesMonth));
        }
        let lecture = |j: usize| site.records[j].kind == Kind::Lecture;
        for j in adjacent(site, i, lecture) {
            pages.insert(Page::Record(site.key(j)));
        }
        if crate::led::on_screens(site, i) {
            pages.insert(Page::LedShow(site.key(i)));
            let cap = crate::led::channel_size(site);
            let on_screens = |j: usize| crate::led::on_screens(site, j);
            if newer_than(site, i, on_screens, cap) < cap {
                pages.insert(Page::LedChannels);
            }
        }
    }
    // The places it visited list it with its card; the index counts the
    // visits and shows the latest date. `Places` stands for the index and
    // every place page: a place's slug depends on all the others
    // (`places::index`), so they are rendered together (`serve` when they
    // are asked for). A place that gains or loses its only visit comes or
    // goes in the sitemap.
    if rec.location.is_some() {
        pages.insert(Page::Places);
        if what.presence || what.location {
            pages.insert(Page::Sitemap);
        }
    }
    if let Some(s) = rec.speaker {
        pages.insert(Page::Speaker(s));
        if what.presence || what.speaker {
            pages.insert(Page::Speakers);
        }
        let lectures = &site.speakers[s].lectures;
        if lectures.iter().take(SAME_SPEAKER + 1).any(|&j| j == i) {
            for &j in lectures {
                pages.insert(Page::Record(site.key(j)));
            }
        }
    }
    pages
}

/// The slugs of the places record `i` visited.
/// How many published records that pass `filter` are newer than record
/// `i`, counting up to `limit`.
fn newer_than(site: &Site, i: usize, filter: impl Fn(usize) -> bool, limit: usize) -> usize {
    let mut n = 0;
    for j in 0..site.records.len() {
        if j != i && filter(j) && site.newest_first(j, i).is_lt() {
            n += 1;
            if n >= limit {
                break;
            }
        }
    }
    n
}

/// The published records that pass `filter` just newer and just older than
/// record `i`, in the newest-first order of the site.
fn adjacent(site: &Site, i: usize, filter: impl Fn(usize) -> bool) -> Vec<usize> {
    let mut newer: Option<usize> = None;
    let mut older: Option<usize> = None;
    for j in 0..site.records.len() {
        if j == i || !filter(j) {
            continue;
        }
        if site.newest_first(j, i).is_lt() {
            if newer.is_none_or(|n| site.newest_first(n, j).is_lt()) {
                newer = Some(j);
            }
        } else if older.is_none_or(|o| site.newest_first(j, o).is_lt()) {
            older = Some(j);
        }
    }
    newer.into_iter().chain(older).collect()
}

/// Calls `f` with the items just before and after `i` in `list`.
fn neighbours(list: &[usize], i: usize, mut f: impl FnMut(usize)) {
    if let Some(pos) = list.iter().position(|&j| j == i) {
        if let Some(p) = pos.checked_sub(1) {
            f(list[p]);
        }
        if let Some(&n) = list.get(pos + 1) {
            f(n);
        }
    }
}

/// The files that record `i` alone makes: its page, and for a lecture the
/// phone page, the short link and the LED shows.
pub fn own_files(site: &Site, i: usize) -> Vec<Route> {
    let rec = &site.records[i];
    let mut routes = vec![site.record_route(i)];
    if rec.kind == Kind::Lecture {
        routes.push(site.lecture_route(i));
        routes.push(site.short_route(i));
        for p in &site.config.led.profiles {
            routes.push(crate::led::show_route(&p.name, site, i));
        }
    }
    routes
}

/// The pages to render again and the files to drop after a set of record
/// changes. Call `before` for each changed record while the site still
/// holds its old version, change the site, then call `after`.
#[derive(Debug, Default)]
pub struct Changes {
    pub pages: BTreeSet<Page>,
    /// Files of the old versions: dropped before the new pages are written.
    pub stale: Vec<Route>,
    months: Option<Vec<YearMonth>>,
}

impl Changes {
    pub fn before(&mut self, site: &Site, key: &RecordKey, what: What) {
        if self.months.is_none() {
            self.months = Some(site.months.clone());
        }
        if let Some(i) = site.find(key) {
            self.pages.extend(shows(site, i, what));
            self.stale.extend(own_files(site, i));
            // Written again below unless the month has no lecture left.
            if site.records[i].kind == Kind::Lecture {
                self.stale.push(urls::lectures_month(key.ym));
            }
            // Written again below unless the month has no record left.
            self.stale.push(crate::data::month_route(key.ym));
            // A place whose only visit this was has no page after: the
            // places are rendered together, their old files dropped first
            // (`Page::Places`).
        }
    }

    pub fn after(&mut self, site: &Site, key: &RecordKey, what: What) {
        if let Some(i) = site.find(key) {
            self.pages.extend(shows(site, i, what));
        }
    }

    /// Call once after every `after`: when the first or last month moved,
    /// the five-things pages of every month change (and some disappear),
    /// and every branch's timeline, which lists the months it was due.
    pub fn finish(&mut self, site: &Site) {
        let Some(old) = self.months.take() else {
            return;
        };
        if old == site.months {
            return;
        }
        self.pages.insert(Page::Home);
        self.pages.insert(Page::FiveThings);
        self.pages.insert(Page::DataSite);
        self.pages.insert(Page::AssessmentIndex);
        self.pages
            .extend((0..site.branches.len()).map(Page::Branch));
        for &m in old.iter().chain(&site.months) {
            self.pages.insert(Page::Bulletin(m));
            self.pages.insert(Page::FiveThingsYear(m.year));
            self.pages.insert(Page::Assessment(m.year));
            // Ledgers list the months a branch was due.
            self.pages
                .extend((0..site.branches.len()).map(|b| Page::Ledger(b, m.year)));
        }
        for &m in &old {
            self.stale.push(urls::bulletin(m));
            self.stale.push(urls::five_things_year(m.year));
            self.stale.push(urls::assessment_year(m.year));
        }
    }
}

/// A readable name of a page, for tests and logs.
pub fn describe(site: &Site, page: &Page) -> String {
    let branch = |b: usize| site.branches[b].id.as_str();
    match page {
        Page::Home => "home".into(),
        Page::Branches => "branches".into(),
        Page::Branch(b) => format!("branch {}", branch(*b)),
        Page::Month(b, ym) => format!("month {}/{ym}", branch(*b)),
        Page::Record(k) => format!("record {}/{}/{}", branch(k.branch), k.ym, k.id),
        Page::LedShow(k) => format!("led {}/{}/{}", branch(k.branch), k.ym, k.id),
        Page::LedChannels => "led channels".into(),
        Page::Lectures => "lectures".into(),
        Page::LecturesMonth(m) => format!("lectures {m}"),
        Page::Speakers => "speakers".into(),
        Page::Speaker(s) => format!("speaker {}", site.speakers[*s].id),
        Page::FiveThings => "five-things".into(),
        Page::FiveThingsYear(y) => format!("five-things {y}"),
        Page::Bulletin(m) => format!("bulletin {m}"),
        Page::AssessmentIndex => "assessment".into(),
        Page::Assessment(y) => format!("assessment {y}"),
        Page::Attendance => "attendance".into(),
        Page::Ledger(b, y) => format!("ledger {}/{y}", branch(*b)),
        Page::Places => "places".into(),
        Page::Place(slug) => format!("place {slug}"),
        Page::Free(p) => format!("page {}", site.pages[*p].slug),
        Page::NotFound => "404".into(),
        Page::SearchPage => "search page".into(),
        Page::Screens => "screens".into(),
        Page::SiteFeed => "feed".into(),
        Page::Sitemap => "sitemap".into(),
        Page::Search => "search".into(),
        Page::DataSite => "data".into(),
        Page::DataMonth(m) => format!("data {m}"),
    }
}
