//! The page catalogue: every kind of page the site has, declared once.
//!
//! A kind says which pages of it a site has, the routes they take (for the
//! sitemap), the template that draws them, whether it exists in a public
//! build and the first URL segments it reserves. `build` renders the whole
//! catalogue, `serve` renders single pages of it, `check` renders one page
//! of each kind into nothing to try the templates, and the sitemap lists
//! what the catalogue says. Adding a kind of page is one entry in `KINDS`,
//! one view (a function of `render::pages`) and one template.

use anyhow::Result;
use rayon::prelude::*;

use crate::date::{Date, YearMonth};
use crate::diag::{Diagnostics, Pos};
use crate::kind::Kind;
use crate::model::{RecordKey, Site};
use crate::output::Output;
use crate::photos::PhotoSizes;
use crate::render::theme::Theme;
use crate::render::{Renderer, pages};
use crate::urls::{self, Route};

/// One page, or a group of files rendered together, named by what it shows.
/// Records are named by their file (`RecordKey`), which survives a change of
/// the site, unlike an index.
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
    /// `/lectures/`: the newest lectures and the months.
    Lectures,
    /// Every lecture of one month.
    LecturesMonth(YearMonth),
    Speakers,
    Speaker(usize),
    /// `/five-things/`, which shows the latest year.
    FiveThings,
    FiveThingsYear(u16),
    Bulletin(YearMonth),
    /// `/assessment/`, which shows the latest year.
    AssessmentIndex,
    Assessment(u16),
    Attendance,
    /// A branch's ledger (台账) of a year.
    Ledger(usize, u16),
    /// `/places/`, every place visited.
    Places,
    /// A place's page, by its slug (which survives a change of the site).
    Place(String),
    /// A free page of `content/pages/`.
    Free(usize),
    NotFound,
    /// The search page.
    SearchPage,
    /// `/screens/`: the LED shows, for the people who run screens.
    Screens,
    SiteFeed,
    /// `sitemap.xml` and `robots.txt`.
    Sitemap,
    /// The search index.
    Search,
    /// The open data export's `site.json` and schemas.
    DataSite,
    /// The open data export's records of one month.
    DataMonth(YearMonth),
}

/// A published URL and the date its page shows, if it has one.
pub type Url = (Route, Option<Date>);

/// A kind of page.
pub struct PageKind {
    /// A short name, for logs and tests.
    pub name: &'static str,
    /// The theme's template that draws it; `None` for files that are not
    /// HTML pages of the theme (feeds, the sitemap, the search index, the
    /// LED shows, which are self-contained).
    pub template: Option<&'static str>,
    /// Whether its pages are listed in the sitemap.
    pub in_sitemap: bool,
    /// Built only with `--internal`: names of members are on it.
    pub internal_only: bool,
    /// The first URL segments it takes: a free page or a static file may
    /// not use them.
    pub reserved: &'static [&'static str],
    /// Every page of the kind in this site.
    pub pages: fn(&Site) -> Vec<Page>,
    /// The URLs of one of its pages, for the sitemap.
    pub urls: fn(&Site, &Page) -> Vec<Url>,
    /// Draws one page (a page the site no longer has draws nothing).
    pub render: fn(&Renderer, &Page) -> Result<()>,
    /// Draws every page at once, when they share work (each lecture's text
    /// and QR code serve its show on every profile and the channels).
    pub render_all: Option<fn(&Renderer) -> Result<()>>,
    /// The pages `check` renders to try the template; `None`: the first.
    pub sample: Option<fn(&Site) -> Vec<Page>>,
}

fn no_urls(_: &Site, _: &Page) -> Vec<Url> {
    Vec::new()
}

/// The URL of a page that is one route.
fn at(route: Route) -> Vec<Url> {
    vec![(route, None)]
}

/// Every kind of page, in the order of the sitemap.
pub static KINDS: &[PageKind] = &[
    PageKind {
        name: "home",
        template: Some("index.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &["index.html"],
        pages: |_| vec![Page::Home],
        urls: |_, _| at(Route::home()),
        render: |r, _| pages::home(r),
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "branches",
        template: Some("branches.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &["branches"],
        pages: |_| vec![Page::Branches],
        urls: |_, _| at(urls::branches()),
        render: |r, _| pages::branches(r),
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "lectures",
        template: Some("lectures.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &["lectures"],
        pages: |_| vec![Page::Lectures],
        urls: |_, _| at(urls::lectures()),
        render: |r, _| crate::render::lectures::index(r),
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "lectures month",
        template: Some("lectures.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &[],
        pages: |site| {
            site.lecture_months()
                .into_iter()
                .map(Page::LecturesMonth)
                .collect()
        },
        urls: |_, page| match page {
            Page::LecturesMonth(m) => at(urls::lectures_month(*m)),
            _ => Vec::new(),
        },
        render: |r, page| match page {
            // A month without a lecture (any more) has no page.
            Page::LecturesMonth(m) => crate::render::lectures::month(r, *m),
            _ => Ok(()),
        },
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "speakers",
        template: Some("speakers.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &["speakers"],
        pages: |_| vec![Page::Speakers],
        urls: |_, _| at(urls::speakers()),
        render: |r, _| pages::speakers(r),
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "five-things",
        template: Some("five-things.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &["five-things"],
        pages: |_| vec![Page::FiveThings],
        urls: |_, _| at(urls::five_things()),
        render: |r, _| pages::five_things_index(r),
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "screens",
        template: Some("screens.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &["screens"],
        pages: |_| vec![Page::Screens],
        urls: |_, _| at(urls::screens()),
        render: |r, _| pages::screens(r),
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "search page",
        template: Some("search.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &["search"],
        pages: |_| vec![Page::SearchPage],
        urls: |_, _| at(crate::search::page_route()),
        render: |r, _| crate::search::search_page(r),
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "five-things year",
        template: Some("five-things.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &[],
        pages: |site| site.years().into_iter().map(Page::FiveThingsYear).collect(),
        urls: |_, page| match page {
            Page::FiveThingsYear(y) => at(urls::five_things_year(*y)),
            _ => Vec::new(),
        },
        render: |r, page| match page {
            // Years outside the site's months no longer have a page.
            Page::FiveThingsYear(y) if r.site.months.iter().any(|m| m.year == *y) => {
                pages::five_things_year(r, *y)
            }
            _ => Ok(()),
        },
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "bulletin",
        template: Some("bulletin.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &[],
        pages: |site| site.months.iter().map(|&m| Page::Bulletin(m)).collect(),
        urls: |_, page| match page {
            Page::Bulletin(m) => at(urls::bulletin(*m)),
            _ => Vec::new(),
        },
        render: |r, page| match page {
            Page::Bulletin(m) if r.site.months.contains(m) => pages::bulletin(r, *m),
            _ => Ok(()),
        },
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "assessment",
        template: Some("assessment.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &["assessment"],
        pages: |site| {
            let mut v = vec![Page::AssessmentIndex];
            v.extend(site.years().into_iter().map(Page::Assessment));
            v
        },
        urls: |_, page| match page {
            Page::AssessmentIndex => at(urls::assessment()),
            Page::Assessment(y) => at(urls::assessment_year(*y)),
            _ => Vec::new(),
        },
        render: |r, page| match page {
            Page::AssessmentIndex => match r.site.years().last() {
                Some(&y) => pages::assessment(r, y, true),
                None => Ok(()),
            },
            // Years outside the site's months no longer have a page.
            Page::Assessment(y) if r.site.years().contains(y) => pages::assessment(r, *y, false),
            _ => Ok(()),
        },
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "free page",
        template: Some("page.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &[],
        pages: |site| (0..site.pages.len()).map(Page::Free).collect(),
        urls: |site, page| match page {
            Page::Free(p) => at(urls::page(&site.pages[*p].slug)),
            _ => Vec::new(),
        },
        render: |r, page| match page {
            Page::Free(p) if *p < r.site.pages.len() => pages::free_page(r, *p),
            _ => Ok(()),
        },
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "speaker",
        template: Some("speaker.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &[],
        pages: |site| (0..site.speakers.len()).map(Page::Speaker).collect(),
        urls: |site, page| match page {
            Page::Speaker(s) => at(urls::speaker(&site.speakers[*s].id)),
            _ => Vec::new(),
        },
        render: |r, page| match page {
            Page::Speaker(s) if *s < r.site.speakers.len() => pages::speaker(r, *s),
            _ => Ok(()),
        },
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "branch",
        template: Some("branch.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &[],
        pages: |site| (0..site.branches.len()).map(Page::Branch).collect(),
        urls: |site, page| match page {
            Page::Branch(b) => at(urls::branch(&site.branches[*b].id)),
            _ => Vec::new(),
        },
        render: |r, page| match page {
            Page::Branch(b) if *b < r.site.branches.len() => {
                pages::branch(r, *b)?;
                crate::feeds::branch(r, *b)
            }
            _ => Ok(()),
        },
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "month",
        template: Some("month.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &[],
        pages: |site| {
            site.branches
                .iter()
                .enumerate()
                .flat_map(|(b, br)| br.months.iter().map(move |m| Page::Month(b, m.ym)))
                .collect()
        },
        urls: |site, page| match page {
            Page::Month(b, ym) => at(urls::month(&site.branches[*b].id, *ym)),
            _ => Vec::new(),
        },
        render: |r, page| match page {
            Page::Month(b, ym) => match r
                .site
                .branches
                .get(*b)
                .and_then(|br| br.months.iter().position(|m| m.ym == *ym))
            {
                Some(mi) => pages::month(r, *b, mi),
                None => Ok(()),
            },
            _ => Ok(()),
        },
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "record",
        template: Some("record.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &["m"],
        pages: |site| {
            (0..site.records.len())
                .map(|i| Page::Record(site.key(i)))
                .collect()
        },
        urls: |site, page| {
            let Page::Record(key) = page else {
                return Vec::new();
            };
            let Some(i) = site.find(key) else {
                return Vec::new();
            };
            let rec = site.records.peek(i);
            let date = Some(rec.date);
            let mut v = vec![(site.record_route(i), date)];
            if rec.kind == Kind::Lecture {
                v.push((site.lecture_route(i), date));
            }
            v
        },
        render: |r, page| match page {
            Page::Record(key) => match r.site.find(key) {
                Some(i) => pages::record(r, i),
                None => Ok(()),
            },
            _ => Ok(()),
        },
        render_all: None,
        // The first published record of each kind: lectures have more.
        sample: Some(|site| {
            Kind::all()
                .filter_map(|kind| {
                    (0..site.records.len())
                        .find(|&i| site.records[i].kind == kind)
                        .map(|i| Page::Record(site.key(i)))
                })
                .collect()
        }),
    },
    PageKind {
        name: "ledger",
        template: Some("ledger.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &[],
        pages: |site| {
            (0..site.branches.len())
                .flat_map(|b| {
                    crate::ledger::years(site, b)
                        .into_iter()
                        .map(move |y| Page::Ledger(b, y))
                })
                .collect()
        },
        urls: |site, page| match page {
            Page::Ledger(b, y) => at(urls::ledger(&site.branches[*b].id, *y)),
            _ => Vec::new(),
        },
        render: |r, page| match page {
            Page::Ledger(b, y) if *b < r.site.branches.len() => {
                crate::render::ledger::ledger(r, *b, *y)
            }
            _ => Ok(()),
        },
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "places",
        template: Some("places.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &["places"],
        pages: |_| vec![Page::Places],
        urls: |_, _| at(urls::places()),
        render: |r, _| crate::render::places::index(r),
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "place",
        template: Some("place.html"),
        in_sitemap: true,
        internal_only: false,
        reserved: &[],
        pages: |site| {
            crate::places::index(site)
                .into_iter()
                .map(|p| Page::Place(p.slug))
                .collect()
        },
        // No date: finding a place's latest visit again for each URL of
        // the sitemap would read every record once per place.
        urls: |_, page| match page {
            Page::Place(slug) => at(urls::place(slug)),
            _ => Vec::new(),
        },
        render: |r, page| match page {
            Page::Place(slug) => crate::render::places::place(r, slug),
            _ => Ok(()),
        },
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "attendance",
        template: Some("attendance.html"),
        in_sitemap: false,
        internal_only: true,
        reserved: &["attendance"],
        pages: |_| vec![Page::Attendance],
        urls: no_urls,
        render: |r, _| pages::attendance(r),
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "not found",
        template: Some("404.html"),
        in_sitemap: false,
        internal_only: false,
        reserved: &["404.html"],
        pages: |_| vec![Page::NotFound],
        urls: no_urls,
        render: |r, _| pages::not_found(r),
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "led",
        template: None,
        in_sitemap: false,
        internal_only: false,
        reserved: &["led"],
        pages: |site| {
            let mut v: Vec<Page> = crate::led::lectures(site)
                .into_iter()
                .map(|i| Page::LedShow(site.key(i)))
                .collect();
            v.push(Page::LedChannels);
            v
        },
        urls: no_urls,
        render: |r, page| match page {
            Page::LedShow(key) => match r.site.find(key) {
                Some(i) => crate::led::show(r, i),
                None => Ok(()),
            },
            Page::LedChannels => crate::led::channels(r),
            _ => Ok(()),
        },
        render_all: Some(crate::led::write),
        sample: None,
    },
    PageKind {
        name: "feed",
        template: None,
        in_sitemap: false,
        internal_only: false,
        reserved: &["atom.xml"],
        pages: |_| vec![Page::SiteFeed],
        urls: no_urls,
        render: |r, _| crate::feeds::site(r),
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "sitemap",
        template: None,
        in_sitemap: false,
        internal_only: false,
        reserved: &["sitemap.xml", "robots.txt"],
        pages: |_| vec![Page::Sitemap],
        urls: no_urls,
        render: |r, _| crate::sitemap::write(r, &sitemap(r.site)),
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "data",
        template: None,
        in_sitemap: false,
        internal_only: false,
        reserved: &["data"],
        pages: |site| {
            let mut v = vec![Page::DataSite];
            v.extend(crate::data::months(site).into_iter().map(Page::DataMonth));
            v
        },
        urls: no_urls,
        render: |r, page| match page {
            Page::DataSite => crate::data::write_site(r),
            Page::DataMonth(ym) => crate::data::write_month(r, *ym),
            _ => Ok(()),
        },
        render_all: None,
        sample: None,
    },
    PageKind {
        name: "search index",
        template: None,
        in_sitemap: false,
        internal_only: false,
        reserved: &[],
        pages: |_| vec![Page::Search],
        urls: no_urls,
        render: |r, _| crate::search::write(r),
        render_all: None,
        sample: None,
    },
];

impl Page {
    /// The kind this page is of.
    pub fn kind(&self) -> &'static PageKind {
        let name = match self {
            Page::Home => "home",
            Page::Branches => "branches",
            Page::Branch(_) => "branch",
            Page::Month(..) => "month",
            Page::Record(_) => "record",
            Page::LedShow(_) | Page::LedChannels => "led",
            Page::Lectures => "lectures",
            Page::LecturesMonth(_) => "lectures month",
            Page::Speakers => "speakers",
            Page::Speaker(_) => "speaker",
            Page::FiveThings => "five-things",
            Page::FiveThingsYear(_) => "five-things year",
            Page::Bulletin(_) => "bulletin",
            Page::AssessmentIndex | Page::Assessment(_) => "assessment",
            Page::Attendance => "attendance",
            Page::Ledger(..) => "ledger",
            Page::Places => "places",
            Page::Place(_) => "place",
            Page::Free(_) => "free page",
            Page::NotFound => "not found",
            Page::SearchPage => "search page",
            Page::Screens => "screens",
            Page::SiteFeed => "feed",
            Page::Sitemap => "sitemap",
            Page::Search => "search index",
            Page::DataSite | Page::DataMonth(_) => "data",
        };
        kind(name)
    }
}

/// The kind named `name`.
fn kind(name: &str) -> &'static PageKind {
    // Every page's kind is in `KINDS` (a test says so): the fallback is
    // never taken.
    KINDS.iter().find(|k| k.name == name).unwrap_or(&KINDS[0])
}

impl PageKind {
    /// Whether this build has pages of the kind.
    pub fn in_build(&self, site: &Site) -> bool {
        site.internal || !self.internal_only
    }
}

/// Every URL of the sitemap: the HTML pages of the kinds listed there, in
/// the catalogue's order.
pub fn sitemap(site: &Site) -> Vec<Url> {
    KINDS
        .iter()
        .filter(|k| k.in_sitemap && k.in_build(site))
        .flat_map(|k| {
            (k.pages)(site)
                .into_iter()
                .flat_map(move |p| (k.urls)(site, &p))
        })
        .collect()
}

/// Every first URL segment a page of the catalogue takes.
pub fn reserved() -> impl Iterator<Item = &'static str> {
    KINDS.iter().flat_map(|k| k.reserved.iter().copied())
}

/// Errors at the content that would take a name of the catalogue's pages:
/// a free page named like a section of the site (`pages/branches.md`), a
/// file of `content/static/` where dangri writes a page or file of its own.
/// Build, serve, `check` and the reports call it after loading.
pub fn check_names(site: &Site, diags: &Diagnostics) {
    for p in site
        .pages
        .iter()
        .filter(|p| reserved().any(|r| r == p.slug))
    {
        diags.error(
            &p.src,
            Pos::START,
            crate::msg::SiteMsg::ReservedPageName {
                slug: p.slug.clone(),
            },
        );
    }
    for rel in site.statics.iter().filter(|rel| is_generated(site, rel)) {
        diags.error(
            &format!("content/static/{}", rel.display()),
            Pos::START,
            crate::model::static_clash_message(rel),
        );
    }
}

/// Whether a file of `content/static/` (path below it) is where dangri
/// writes one of its own files: a page of its own sections or of a free
/// page, a feed, the sitemap, robots.txt, the search index or a picture of
/// a month folder. The build also refuses any other static file it finds
/// written already.
fn is_generated(site: &Site, rel: &std::path::Path) -> bool {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let (Some(first), Some(name)) = (parts.first(), parts.last()) else {
        return false;
    };
    if parts.len() == 1 {
        let sitemap_part = name
            .strip_prefix("sitemap-")
            .and_then(|n| n.strip_suffix(".xml"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        // The files of the catalogue at the root, and the phone pages'
        // stylesheet that the build cuts from the theme's.
        return sitemap_part
            || name == "lecture.css"
            || reserved().any(|r| r == name && r.contains('.'));
    }
    // A picture of a month folder is published under its names there.
    if let [_, b, ym, file] = parts.as_slice()
        && first == "branches"
        && let Some(branch) = site.branches.iter().find(|x| &x.id == b)
        && let Some(month) = branch.months.iter().find(|m| &m.ym.to_string() == ym)
        && month
            .photos
            .iter()
            .any(|p| crate::model::pictures::claimed_names(p).contains(file))
    {
        return true;
    }
    let own_section = reserved().any(|r| r == first);
    let free_page = site.pages.iter().any(|p| &p.slug == first);
    first == "search"
        || ((own_section || free_page) && (name == "index.html" || name == "atom.xml"))
}

/// Renders every page of the catalogue, a kind at a time (the pages of a
/// kind in parallel); `done` is told when each kind is written.
pub fn render_all(r: &Renderer, mut done: impl FnMut(&PageKind)) -> Result<()> {
    for k in KINDS.iter().filter(|k| k.in_build(r.site)) {
        render_kind(r, k)?;
        done(k);
    }
    Ok(())
}

/// Renders every page of kind `k`, in parallel.
pub fn render_kind(r: &Renderer, k: &PageKind) -> Result<()> {
    match k.render_all {
        Some(all) => all(r),
        None => (k.pages)(r.site)
            .par_iter()
            .try_for_each(|p| (k.render)(r, p)),
    }
}

/// Renders one page (`serve`).
pub fn render(r: &Renderer, page: &Page) -> Result<()> {
    let k = page.kind();
    if !k.in_build(r.site) {
        return Ok(());
    }
    (k.render)(r, page)
}

/// Checks the theme as a build would use it (`dangri check`): its UI
/// strings, the templates compiled, and the sample pages of each kind with
/// a template rendered into nothing, since a template may name a variable
/// that no page has, which only rendering finds. Problems go to `diags`,
/// each template mistake once.
pub fn check_theme(site: &Site, theme: &Theme, diags: &Diagnostics) {
    let out = Output::discard();
    let sizes = PhotoSizes::default();
    let Some(r) = Renderer::new(site, theme, &sizes, &out, diags) else {
        return;
    };
    let mut reported = std::collections::HashSet::new();
    for k in KINDS
        .iter()
        .filter(|k| k.template.is_some() && k.in_build(site))
    {
        let samples = match k.sample {
            Some(sample) => sample(site),
            None => (k.pages)(site).into_iter().take(1).collect(),
        };
        for e in samples.iter().filter_map(|p| (k.render)(&r, p).err()) {
            match crate::render::template_failure(site, theme, &e) {
                Some((path, pos, message)) => {
                    if reported.insert((path.clone(), pos.line, pos.col)) {
                        diags.error(&path, pos, message);
                    }
                }
                None => diags.error(
                    "templates",
                    Pos::START,
                    crate::msg::SiteMsg::Template {
                        detail: format!("{e:#}"),
                    },
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::Fixture;
    use std::path::Path;

    fn site() -> Site {
        Fixture::new()
            .plain_branch("b")
            .photo("b", "2026-05", "a.png")
            .photo("b", "2026-05", "c.webp")
            .activity("b", "2026-05", "r", 10, "study")
            .page("about", "title: 关于")
            .clean()
    }

    #[test]
    fn dangri_generates_its_root_files_and_numbered_sitemaps() {
        let site = site();
        for rel in [
            "index.html",
            "404.html",
            "robots.txt",
            "sitemap.xml",
            "sitemap-12.xml",
            "atom.xml",
            "lecture.css",
        ] {
            assert!(is_generated(&site, Path::new(rel)), "{rel}");
        }
        for rel in ["sitemap-.xml", "sitemap-a1.xml", "favicon.svg", "index.htm"] {
            assert!(!is_generated(&site, Path::new(rel)), "{rel}");
        }
    }

    #[test]
    fn dangri_generates_the_pages_of_its_sections_and_of_free_pages() {
        let site = site();
        for rel in [
            "branches/index.html",
            "branches/atom.xml",
            "lectures/x/index.html",
            "about/index.html",
            "search/anything.bin",
        ] {
            assert!(is_generated(&site, Path::new(rel)), "{rel}");
        }
        for rel in [
            "about/map.png",
            "contact/index.html",
            "static/index.html",
            "css/site.css",
            "branches/logo.png",
        ] {
            assert!(!is_generated(&site, Path::new(rel)), "{rel}");
        }
    }

    #[test]
    fn a_month_folder_picture_claims_every_name_it_may_be_published_under() {
        let site = site();
        for rel in [
            "branches/b/2026-05/a.png",
            "branches/b/2026-05/a-480.png",
            "branches/b/2026-05/a-960.png",
            "branches/b/2026-05/c.jpg",
            "branches/b/2026-05/c-480.jpg",
        ] {
            assert!(is_generated(&site, Path::new(rel)), "{rel}");
        }
        for rel in [
            "branches/b/2026-05/a-1600.png",
            "branches/b/2026-05/c.webp",
            "branches/b/2026-04/a.png",
            "branches/x/2026-05/a.png",
        ] {
            assert!(!is_generated(&site, Path::new(rel)), "{rel}");
        }
    }

    #[test]
    fn names_of_the_catalogue_are_errors_at_the_content_that_takes_them() {
        let (site, _) = Fixture::new()
            .plain_branch("b")
            .page("lectures", "title: 讲座")
            .page("about", "title: 关于")
            .static_file("atom.xml")
            .static_file("css/site.css")
            .load(false);
        let diags = Diagnostics::new();
        check_names(&site, &diags);
        let problems: Vec<String> = diags
            .into_sorted()
            .iter()
            .map(|d| d.text(crate::msg::Lang::En))
            .collect();
        assert_eq!(
            problems,
            vec![
                "content/pages/lectures.md:1:1: error: `lectures` is a name dangri uses for its own pages: rename the file",
                "content/static/atom.xml:1:1: error: dangri writes `atom.xml` itself, so this file would replace a page or file of the site (in the internal build too): remove it or give it another name",
            ]
        );
    }

    #[test]
    fn every_page_names_its_own_kind() {
        let key = RecordKey {
            branch: 0,
            ym: YearMonth {
                year: 2026,
                month: 5,
            },
            id: "r".into(),
        };
        let ym = key.ym;
        let pages = [
            (Page::Home, "home"),
            (Page::Branches, "branches"),
            (Page::Branch(0), "branch"),
            (Page::Month(0, ym), "month"),
            (Page::Record(key.clone()), "record"),
            (Page::LedShow(key), "led"),
            (Page::LedChannels, "led"),
            (Page::Lectures, "lectures"),
            (Page::Speakers, "speakers"),
            (Page::Speaker(0), "speaker"),
            (Page::FiveThings, "five-things"),
            (Page::FiveThingsYear(2026), "five-things year"),
            (Page::Bulletin(ym), "bulletin"),
            (Page::Attendance, "attendance"),
            (Page::Ledger(0, 2026), "ledger"),
            (Page::Places, "places"),
            (Page::Place("p".into()), "place"),
            (Page::Free(0), "free page"),
            (Page::NotFound, "not found"),
            (Page::SearchPage, "search page"),
            (Page::SiteFeed, "feed"),
            (Page::Sitemap, "sitemap"),
            (Page::Search, "search index"),
        ];
        for (page, name) in pages {
            assert_eq!(page.kind().name, name, "{page:?}");
        }
        let mut names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), KINDS.len(), "two kinds share a name");
    }

    #[test]
    fn reserved_names_are_unique() {
        let mut all: Vec<&str> = reserved().collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
    }
}
