//! The dependency map of `serve`: which pages show something of a record,
//! so that a change to a record re-renders those pages and no other.
//!
//! A page is named by what it shows (`Page`), with records named by their
//! file (`RecordKey`), which survives the change, unlike an index. The map is
//! `shows`: the pages that show a record in a given state of the site. A
//! change re-renders the union of what the record showed in before the
//! change and what it shows in after (a record moved, retitled, made
//! internal or deleted disappears from where it was), see `Changes`.

use std::collections::BTreeSet;

use crate::date::YearMonth;
use crate::kind::Kind;
use crate::model::{RecordKey, Site};
use crate::urls::{self, Route};

/// A page, or a group of files rendered together.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Page {
    Home,
    Branches,
    /// A branch's timeline and its feed.
    Branch(usize),
    Month(usize, YearMonth),
    /// A record's page; for a lecture also its phone page and short link.
    Record(RecordKey),
    /// A lecture's slide show on every LED profile.
    LedShow(RecordKey),
    /// The channel of every LED profile.
    LedChannels,
    Lectures,
    Speakers,
    Speaker(usize),
    /// `/five-things/`, which shows the latest year.
    FiveThings,
    FiveThingsYear(u16),
    Bulletin(YearMonth),
    Attendance,
    SiteFeed,
    Sitemap,
    Search,
}

/// How many of a speaker's newest lectures each lecture page lists (its
/// own excluded), so a record among the first this many plus one shows on
/// every lecture page of the speaker.
const SAME_SPEAKER: usize = 6;

/// Every page that shows something of record `i` (its title, date, kind,
/// card, text or mere presence) in this state of the site.
pub fn shows(site: &Site, i: usize) -> BTreeSet<Page> {
    let rec = &site.records[i];
    let (b, ym) = (rec.branch, rec.ym);
    let latest_year = site.months.last().map(|m| m.year);
    // Internal records count in the five things and the hidden-record
    // counts, so these pages depend on every record.
    let mut pages = BTreeSet::from([
        Page::Home,
        Page::Branches,
        Page::Branch(b),
        Page::Month(b, ym),
        Page::Bulletin(ym),
        Page::FiveThingsYear(ym.year),
        Page::SiteFeed,
        Page::Sitemap,
        Page::Search,
    ]);
    if latest_year == Some(ym.year) {
        pages.insert(Page::FiveThings);
    }
    if site.internal {
        pages.insert(Page::Attendance);
    }
    if !site.visible(i) {
        return pages;
    }
    pages.insert(Page::Record(site.key(i)));
    // The previous and next records of the branch link to it by title.
    let siblings: Vec<usize> = site.branches[b]
        .months
        .iter()
        .flat_map(|m| m.records.iter().copied())
        .filter(|&j| site.visible(j))
        .collect();
    neighbours(&siblings, i, |j| {
        pages.insert(Page::Record(site.key(j)));
    });
    if rec.kind == Kind::Lecture {
        pages.insert(Page::Lectures);
        let all = site.lectures();
        neighbours(&all, i, |j| {
            pages.insert(Page::Record(site.key(j)));
        });
        let led = crate::led::lectures(site);
        if let Some(pos) = led.iter().position(|&j| j == i) {
            pages.insert(Page::LedShow(site.key(i)));
            if pos < crate::led::channel_size(site) {
                pages.insert(Page::LedChannels);
            }
        }
    }
    if let Some(s) = rec.speaker {
        pages.insert(Page::Speakers);
        pages.insert(Page::Speaker(s));
        let lectures = &site.speakers[s].lectures;
        if lectures.iter().take(SAME_SPEAKER + 1).any(|&j| j == i) {
            for &j in lectures {
                pages.insert(Page::Record(site.key(j)));
            }
        }
    }
    pages
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
        routes.push(urls::short(&urls::short_code(
            &site.branches[rec.branch].id,
            rec.ym,
            &rec.id,
        )));
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
    pub fn before(&mut self, site: &Site, key: &RecordKey) {
        if self.months.is_none() {
            self.months = Some(site.months.clone());
        }
        if let Some(i) = site.find(key) {
            self.pages.extend(shows(site, i));
            self.stale.extend(own_files(site, i));
        }
    }

    pub fn after(&mut self, site: &Site, key: &RecordKey) {
        if let Some(i) = site.find(key) {
            self.pages.extend(shows(site, i));
        }
    }

    /// Call once after every `after`: when the first or last month moved,
    /// the five-things pages of every month change (and some disappear).
    pub fn finish(&mut self, site: &Site) {
        let Some(old) = self.months.take() else {
            return;
        };
        if old == site.months {
            return;
        }
        self.pages.insert(Page::Home);
        self.pages.insert(Page::FiveThings);
        for &m in old.iter().chain(&site.months) {
            self.pages.insert(Page::Bulletin(m));
            self.pages.insert(Page::FiveThingsYear(m.year));
        }
        for &m in &old {
            self.stale.push(urls::bulletin(m));
            self.stale.push(urls::five_things_year(m.year));
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
        Page::Speakers => "speakers".into(),
        Page::Speaker(s) => format!("speaker {}", site.speakers[*s].id),
        Page::FiveThings => "five-things".into(),
        Page::FiveThingsYear(y) => format!("five-things {y}"),
        Page::Bulletin(m) => format!("bulletin {m}"),
        Page::Attendance => "attendance".into(),
        Page::SiteFeed => "feed".into(),
        Page::Sitemap => "sitemap".into(),
        Page::Search => "search".into(),
    }
}
