//! The site model: sources validated into branches, months, records,
//! speakers and pages, with every rule of SPEC §4 checked and every problem
//! reported. Relations are indices into the flat `records` vector, so the
//! render stage can work on records in parallel.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::date::{Date, YearMonth};
use crate::diag::{Diagnostics, Pos};
use crate::frontmatter::{self, Fields};
use crate::git;
use crate::kind::{Kind, KindSet};
use crate::load::{self, Sources, TextFile};
use crate::markdown::{self, Heading, Resolve};
pub use crate::text::excerpt;
use crate::urls;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Village,
    Community,
    Enterprise,
    Social,
    Organ,
    School,
}

/// The branch categories of SPEC §4, with their spelling in front matter.
pub const CATEGORIES: &[(Category, &str)] = &[
    (Category::Village, "village"),
    (Category::Community, "community"),
    (Category::Enterprise, "enterprise"),
    (Category::Social, "social"),
    (Category::Organ, "organ"),
    (Category::School, "school"),
];

impl Category {
    pub fn word(self) -> &'static str {
        CATEGORIES
            .iter()
            .find(|(c, _)| *c == self)
            .map(|(_, w)| *w)
            .unwrap_or("")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LiaisonLevel {
    District,
    Cadre,
}

#[derive(Debug, Clone)]
pub struct Liaison {
    pub unit: String,
    pub leader: String,
    pub level: LiaisonLevel,
}

#[derive(Debug)]
pub struct Branch {
    pub id: String,
    pub src: String,
    pub name: String,
    pub committee: String,
    pub category: Option<Category>,
    pub secretary: Option<String>,
    pub members: Option<u64>,
    pub liaison: Option<Liaison>,
    pub founded: Option<Date>,
    pub body: String,
    pub html: String,
    /// Ascending by month.
    pub months: Vec<Month>,
}

#[derive(Debug)]
pub struct Month {
    pub ym: YearMonth,
    pub src: String,
    pub title: Option<String>,
    pub theme: Option<String>,
    pub body: String,
    pub html: String,
    /// Indices into `Site::records`, by date then id.
    pub records: Vec<usize>,
    /// Kinds done this month, internal records included.
    pub done: KindSet,
    /// Image files of the month folder.
    pub photos: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct PhotoRef {
    pub src: String,
    pub caption: String,
}

/// Present members: a count or the list of names.
#[derive(Debug, Clone)]
pub enum Present {
    Count(u64),
    Names(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Excused {
    pub name: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Attendance {
    pub expected: Option<u64>,
    pub present: Option<Present>,
    pub excused: Vec<Excused>,
    pub absent: Vec<String>,
}

/// The key that tells people apart: a name without its spaces, half- or
/// full-width (`王 建华`, `王　建华` and `王建华` are one member). Every rule
/// that compares names uses it: the absence rule, the lecture duty, the
/// check for a member named twice.
pub fn person_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

impl Attendance {
    pub fn present_count(&self) -> Option<u64> {
        match &self.present {
            Some(Present::Count(n)) => Some(*n),
            Some(Present::Names(v)) => Some(v.len() as u64),
            None => None,
        }
    }
}

#[derive(Debug)]
pub struct Record {
    pub id: String,
    pub src: String,
    pub branch: usize,
    pub ym: YearMonth,
    pub title: String,
    pub date: Date,
    pub kind: Kind,
    pub summary: Option<String>,
    pub location: Option<String>,
    pub tags: Vec<String>,
    pub photos: Vec<PhotoRef>,
    pub attendance: Option<Attendance>,
    pub internal: bool,
    /// Index into `Site::speakers`.
    pub speaker: Option<usize>,
    pub speaker_name: Option<String>,
    pub duration: Option<u64>,
    pub led: bool,
    pub body: String,
    pub body_line: usize,
    pub html: String,
    pub headings: Vec<Heading>,
    pub excerpt: String,
    /// The month-folder pictures the body embeds or links to, as content
    /// paths (`branches/<b>/<YYYY-MM>/<file>`), read at load for every
    /// record: those of unpublished records decide what a public build
    /// withholds (`photos::publication`).
    pub uses: Vec<(String, crate::photos::Use)>,
    /// The content paths its body's relative links point at, whether they
    /// lead anywhere or not (`serve` renders it again when one of them
    /// appears or disappears).
    pub links_to: Vec<String>,
}

impl Record {
    /// The speaker's display name: the pool speaker's or `speaker_name`.
    pub fn speaker_display<'a>(&'a self, site: &'a Site) -> Option<&'a str> {
        self.speaker
            .map(|s| site.speakers[s].name.as_str())
            .or(self.speaker_name.as_deref())
    }
}

#[derive(Debug)]
pub struct Speaker {
    pub id: String,
    pub src: String,
    pub name: String,
    pub title: Option<String>,
    pub organization: Option<String>,
    pub topics: Vec<String>,
    pub photo: Option<String>,
    /// The biography: Markdown, rendered into `html` with the other bodies.
    pub body: String,
    pub html: String,
    /// Lectures by this speaker (indices into `Site::records`).
    pub lectures: Vec<usize>,
}

#[derive(Debug)]
pub struct Page {
    pub slug: String,
    pub src: String,
    pub title: String,
    pub description: Option<String>,
    pub weight: i64,
    pub body: String,
    pub html: String,
}

#[derive(Debug)]
pub struct Committee {
    pub name: String,
    /// Indices into `Site::branches`, by id.
    pub branches: Vec<usize>,
}

/// The whole validated site.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    /// Whether internal records and names are published.
    pub internal: bool,
    pub committees: Vec<Committee>,
    pub branches: Vec<Branch>,
    pub records: Vec<Record>,
    pub speakers: Vec<Speaker>,
    pub speaker_files: Vec<String>,
    pub pages: Vec<Page>,
    /// Files of `content/static/`, relative to it.
    pub statics: Vec<PathBuf>,
    /// Every month from the first to the last with a record, ascending.
    pub months: Vec<YearMonth>,
    /// How many Markdown files were read (for `check`'s summary).
    pub files_read: usize,
    /// The git history's last-change dates, read on first use.
    git: std::sync::OnceLock<git::Dates>,
}

impl Site {
    /// Loads and validates the site at `root`. Problems go to `diags`;
    /// `None` when the configuration itself is unusable.
    pub fn load(root: &Path, internal: bool, diags: &Diagnostics) -> Option<Site> {
        Site::load_at(root, internal, None, diags)
    }

    /// Loads like `load`, with every URL under `base_url` instead of the
    /// configured one (`serve` uses the address it serves at).
    pub fn load_at(
        root: &Path,
        internal: bool,
        base_url: Option<&str>,
        diags: &Diagnostics,
    ) -> Option<Site> {
        let config = Config::load(root, diags);
        let sources = load::load(root, diags);
        let config = config?;
        let config = match base_url {
            Some(url) => config.with_base_url(url).unwrap_or(config),
            None => config,
        };
        let mut site = build(root, config, internal, sources, diags);
        render_bodies(&mut site);
        Some(site)
    }

    /// Loads and validates like `load`, but leaves every Markdown body as
    /// its source (`Record::body`) and renders none: for `check` and
    /// `report`, which read the content and never show it.
    pub fn load_unrendered(root: &Path, internal: bool, diags: &Diagnostics) -> Option<Site> {
        let config = Config::load(root, diags);
        let sources = load::load(root, diags);
        Some(build(root, config?, internal, sources, diags))
    }

    /// When the record's file last changed, from the git history (one
    /// `git log` for the whole site, on first use); `None` without git.
    pub fn updated(&self, r: usize) -> Option<Date> {
        self.git
            .get_or_init(|| {
                let dates = git::Dates::read(&self.root);
                if let Some(w) = dates.warning() {
                    eprintln!("{w}");
                }
                dates
            })
            .get(&self.records[r].src)
    }

    /// Records that this build publishes.
    pub fn visible(&self, r: usize) -> bool {
        self.internal || !self.records[r].internal
    }

    pub fn record_route(&self, r: usize) -> urls::Route {
        let rec = &self.records[r];
        urls::record(&self.branches[rec.branch].id, rec.ym, &rec.id)
    }

    pub fn lecture_route(&self, r: usize) -> urls::Route {
        let rec = &self.records[r];
        urls::lecture(&self.branches[rec.branch].id, rec.ym, &rec.id)
    }

    /// The short `/m/<code>/` link of a lecture, for QR codes.
    pub fn short_route(&self, r: usize) -> urls::Route {
        let rec = &self.records[r];
        urls::short(&urls::short_code(
            &self.branches[rec.branch].id,
            rec.ym,
            &rec.id,
        ))
    }

    /// Published lectures, newest first.
    pub fn lectures(&self) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.records.len())
            .filter(|&r| self.records[r].kind == Kind::Lecture && self.visible(r))
            .collect();
        self.sort_newest_first(&mut v);
        v
    }

    /// Sorts record indices newest first; ties by branch and id for stability.
    pub fn sort_newest_first(&self, v: &mut [usize]) {
        v.sort_by(|&a, &b| self.newest_first(a, b));
    }

    /// The order of `sort_newest_first`: `Less` when `a` is newer.
    pub fn newest_first(&self, a: usize, b: usize) -> std::cmp::Ordering {
        let (ra, rb) = (&self.records[a], &self.records[b]);
        rb.date
            .cmp(&ra.date)
            .then_with(|| {
                self.branches[ra.branch]
                    .id
                    .cmp(&self.branches[rb.branch].id)
            })
            .then_with(|| ra.id.cmp(&rb.id))
    }

    /// The years the site's months span, oldest first.
    pub fn years(&self) -> Vec<u16> {
        let mut years: Vec<u16> = self.months.iter().map(|m| m.year).collect();
        years.dedup();
        years
    }

    /// The kinds a branch did in a month (internal records included).
    pub fn done(&self, b: usize, ym: YearMonth) -> Option<&Month> {
        let months = &self.branches[b].months;
        months
            .binary_search_by(|m| m.ym.cmp(&ym))
            .ok()
            .map(|i| &months[i])
    }

    /// Whether a branch was expected to hold Party Day in a month (it existed).
    pub fn expected_in(&self, b: usize, ym: YearMonth) -> bool {
        match self.branches[b].founded {
            Some(f) => f.year_month() <= ym,
            None => true,
        }
    }
}

const BRANCH_FIELDS: &[&str] = &[
    "name",
    "committee",
    "category",
    "secretary",
    "members",
    "liaison",
    "founded",
    "visibility",
    "extra",
];
const RECORD_FIELDS: &[&str] = &[
    "title",
    "date",
    "kind",
    "summary",
    "location",
    "tags",
    "photos",
    "attendance",
    "visibility",
    "speaker",
    "speaker_name",
    "duration",
    "led",
    "extra",
];
const MONTH_FIELDS: &[&str] = &["title", "theme", "summary", "visibility", "extra"];
const SPEAKER_FIELDS: &[&str] = &[
    "name",
    "title",
    "organization",
    "topics",
    "photo",
    "visibility",
    "extra",
];
const PAGE_FIELDS: &[&str] = &["title", "description", "weight", "visibility", "extra"];

fn build(
    root: &Path,
    config: Config,
    internal: bool,
    sources: Sources,
    diags: &Diagnostics,
) -> Site {
    let files_read = sources.markdown_files();
    let unsafe_html = config.unsafe_html;
    let speakers = speakers(
        &sources.speakers,
        &sources.speaker_files,
        unsafe_html,
        diags,
    );
    let speaker_ids: HashMap<&str, usize> = speakers
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();

    // Parse branches and their records in parallel, keeping source order.
    let parsed: Vec<Option<(Branch, Vec<Record>)>> = sources
        .branches
        .into_par_iter()
        .map(|b| branch(b, &speaker_ids, unsafe_html, diags))
        .collect();

    let mut branches = Vec::new();
    let mut records = Vec::new();
    for (mut branch, recs) in parsed.into_iter().flatten() {
        let bi = branches.len();
        let base = records.len();
        for m in &mut branch.months {
            for r in &mut m.records {
                *r += base;
            }
        }
        for mut r in recs {
            r.branch = bi;
            records.push(r);
        }
        branches.push(branch);
    }

    let mut speakers = speakers;
    for (i, r) in records.iter().enumerate() {
        if let Some(s) = r.speaker {
            speakers[s].lectures.push(i);
        }
    }

    let mut by_committee: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, b) in branches.iter().enumerate() {
        by_committee.entry(b.committee.clone()).or_default().push(i);
    }
    let committees = by_committee
        .into_iter()
        .map(|(name, branches)| Committee { name, branches })
        .collect();

    let months = month_range(&records);
    warn_far_months(&branches, &records, diags);

    let pages = pages(&sources.pages, unsafe_html, diags);
    let mut site = Site {
        root: root.to_path_buf(),
        config,
        internal,
        committees,
        branches,
        records,
        speakers,
        speaker_files: sources.speaker_files,
        pages,
        statics: sources.statics,
        months,
        files_read,
        git: std::sync::OnceLock::new(),
    };
    for i in 0..site.speakers.len() {
        let mut l = std::mem::take(&mut site.speakers[i].lectures);
        site.sort_newest_first(&mut l);
        site.speakers[i].lectures = l;
    }
    report_clashes(&site, diags);
    site
}

/// Names that two things would share in the output, each an error at the
/// later file (the one to rename): a folder or file named `index.html`
/// (its page would be written where the page above it is), and lectures
/// whose phone page `/lectures/<branch>-<YYYY-MM>-<file>/` or short link
/// is another lecture's (branch `b1` with `x-2026-05-y.md` and branch
/// `b1-2026-05-x` with `y.md`). Pictures are checked where they are
/// published (`photos::report_clashes`).
fn report_clashes(site: &Site, diags: &Diagnostics) {
    const PAGE_FILE: &str = "index.html";
    for b in site.branches.iter().filter(|b| b.id == PAGE_FILE) {
        diags.error(
            &b.src,
            Pos::START,
            "a branch folder may not be named `index.html`: that is the file of the branches page; rename the folder",
        );
    }
    for r in site.records.iter().filter(|r| r.id == PAGE_FILE) {
        diags.error(
            &r.src,
            Pos::START,
            "a record may not be named `index.html.md`: its page would be written where the month page is; rename the file",
        );
    }
    for s in site.speakers.iter().filter(|s| s.id == PAGE_FILE) {
        diags.error(
            &s.src,
            Pos::START,
            "a speaker may not be named `index.html.md`: its page would be written where the speaker pool is; rename the file",
        );
    }
    for rel in site.statics.iter().filter(|rel| is_generated(site, rel)) {
        diags.error(
            &format!("content/static/{}", rel.display()),
            Pos::START,
            static_clash_message(rel),
        );
    }
    let mut pages: HashMap<String, &str> = HashMap::new();
    let mut codes: HashMap<String, &str> = HashMap::new();
    for r in site.records.iter().filter(|r| r.kind == Kind::Lecture) {
        let branch = &site.branches[r.branch].id;
        let id = urls::lecture_id(branch, r.ym, &r.id);
        let code = urls::short_code(branch, r.ym, &r.id);
        if let Some(other) = pages.get(&id) {
            diags.error(
                &r.src,
                Pos::START,
                format!("this lecture's page /lectures/{id}/ is already the page of {other}: rename this file or its branch folder"),
            );
        } else if let Some(other) = codes.get(&code) {
            diags.error(
                &r.src,
                Pos::START,
                format!("this lecture's short link /m/{code}/ is already the link of {other}: rename this file"),
            );
        }
        pages.entry(id).or_insert(&r.src);
        codes.entry(code).or_insert(&r.src);
    }
}

fn branch(
    src: load::BranchSource,
    speakers: &HashMap<&str, usize>,
    unsafe_html: bool,
    diags: &Diagnostics,
) -> Option<(Branch, Vec<Record>)> {
    let Some(index) = &src.index else {
        diags.error(
            &format!("{}/_index.md", src.rel),
            Pos::START,
            "the branch folder has no _index.md: create it with `name:` and `committee:`",
        );
        return None;
    };
    let doc = document(index, unsafe_html, diags)?;
    let f = doc.front.fields(&index.rel, diags);
    f.deny_unknown(BRANCH_FIELDS);
    f.always_public("a branch");
    let name = f.required_string(
        "name",
        "the branch's full name, e.g. 新阳街道兴旺社区党支部",
    );
    let committee = f.required_string("committee", "the Party committee above the branch");
    let category = f.string("category").and_then(|c| {
        let found = CATEGORIES
            .iter()
            .find(|(_, w)| *w == c.trim())
            .map(|(c, _)| *c);
        if found.is_none() {
            let all: Vec<&str> = CATEGORIES.iter().map(|(_, w)| *w).collect();
            f.error(
                "category",
                format!("unknown category `{c}`: use one of {}", all.join(", ")),
            );
        }
        found
    });
    let liaison = f.map("liaison").and_then(|l| {
        l.deny_unknown(&["unit", "leader", "level"]);
        let unit = l.required_string("unit", "the district unit that liaises");
        let leader = l.required_string("leader", "the leader's name");
        let level = match l.string("level").as_deref().map(str::trim) {
            Some("district") => Some(LiaisonLevel::District),
            Some("cadre") | None => Some(LiaisonLevel::Cadre),
            Some(other) => {
                l.error(
                    "level",
                    format!("unknown liaison level `{other}`: use district or cadre"),
                );
                None
            }
        };
        Some(Liaison {
            unit: unit?,
            leader: leader?,
            level: level?,
        })
    });
    let founded = date_field(&f, "founded");
    let secretary = f.string("secretary");
    let members = f.uint("members");

    let mut months = Vec::new();
    let mut records = Vec::new();
    for m in src.months {
        let Some(ym) = m.ym else { continue };
        let (title, theme, body) = match &m.index {
            Some(file) => month_index(file, unsafe_html, diags),
            None => (None, None, String::new()),
        };
        let mut month = Month {
            ym,
            src: m.rel.clone(),
            title,
            theme,
            body,
            html: String::new(),
            records: Vec::new(),
            done: KindSet::default(),
            photos: m.photos.clone(),
        };
        let mut recs: Vec<Record> = m
            .records
            .iter()
            .filter_map(|file| record(file, ym, &m.photos, speakers, unsafe_html, diags))
            .collect();
        recs.sort_by(|a, b| (a.date, a.kind, &a.id).cmp(&(b.date, b.kind, &b.id)));
        for r in recs {
            month.done.insert(r.kind);
            month.records.push(records.len());
            records.push(r);
        }
        months.push(month);
    }
    let branch = Branch {
        id: src.id,
        src: index.rel.clone(),
        name: name?,
        committee: committee?,
        category,
        secretary,
        members,
        liaison,
        founded,
        body: doc.body,
        html: String::new(),
        months,
    };
    Some((branch, records))
}

/// Parses a content file, and warns when the raw HTML of its body nests too
/// deep to be sanitized in reasonable time: `markdown::render` then shows
/// it as text.
fn document(
    file: &TextFile,
    unsafe_html: bool,
    diags: &Diagnostics,
) -> Option<frontmatter::Document> {
    let doc = frontmatter::parse_document(&file.text, &file.rel, diags)?;
    if !unsafe_html && let Some(at) = markdown::too_deep_html(&doc.body) {
        diags.warning(
            &file.rel,
            Pos::in_text(&doc.body, doc.body_line, at),
            format!(
                "the raw HTML from here on nests deeper than {} elements (or leaves more than {} `<b>`, `<font>`, … open): cleaning it would take minutes, so this file's HTML is shown as text; close each tag you open, or write this part in Markdown",
                markdown::MAX_HTML_DEPTH,
                markdown::MAX_OPEN_FORMATTING
            ),
        );
    }
    Some(doc)
}

fn month_index(
    file: &TextFile,
    unsafe_html: bool,
    diags: &Diagnostics,
) -> (Option<String>, Option<String>, String) {
    let Some(doc) = document(file, unsafe_html, diags) else {
        return (None, None, String::new());
    };
    let f = doc.front.fields(&file.rel, diags);
    f.warn_unknown(MONTH_FIELDS);
    f.always_public("a month's theme (`_index.md`)");
    (f.string("title"), f.string("theme"), doc.body)
}

fn date_field(f: &Fields, key: &str) -> Option<Date> {
    let text = f.string(key)?;
    match Date::parse(&text) {
        Ok(d) => Some(d),
        Err(msg) => {
            f.error(key, format!("`{key}`: {msg}"));
            None
        }
    }
}

pub(crate) fn record(
    file: &TextFile,
    ym: YearMonth,
    photos_here: &[String],
    speakers: &HashMap<&str, usize>,
    unsafe_html: bool,
    diags: &Diagnostics,
) -> Option<Record> {
    let doc = document(file, unsafe_html, diags)?;
    let f = doc.front.fields(&file.rel, diags);
    f.deny_unknown(RECORD_FIELDS);
    let title = f.required_string("title", "a title for the activity");
    let date = match f.get("date") {
        None => {
            diags.error(
                &file.rel,
                f.own_pos(),
                format!("`date` is missing: give the day of the activity, e.g. `date: {ym}-10`"),
            );
            None
        }
        Some(_) => date_field(&f, "date"),
    };
    if let Some(d) = date
        && d.year_month() != ym
    {
        f.error("date", format!("the date {d} is not in {ym}, the month of the folder: fix the date or move the file to the {} folder", d.year_month()));
    }
    let kind = match f.string("kind") {
        None => {
            diags.error(
                &file.rel,
                f.own_pos(),
                format!("`kind` is missing: use one of {}", Kind::spellings()),
            );
            None
        }
        Some(k) => {
            let kind = Kind::parse(&k);
            if kind.is_none() {
                f.error(
                    "kind",
                    format!("unknown kind `{k}`: use one of {}", Kind::spellings()),
                );
            }
            kind
        }
    };
    let internal = match f.string("visibility").as_deref().map(str::trim) {
        None | Some("public") => false,
        Some("internal") => true,
        Some(other) => {
            f.error(
                "visibility",
                format!("unknown visibility `{other}`: use public or internal"),
            );
            // Unknown visibility is treated as internal: never publish by mistake.
            true
        }
    };
    let speaker = f.string("speaker").and_then(|s| {
        let found = speakers.get(s.trim()).copied();
        if found.is_none() {
            f.error("speaker", format!("no speaker `{s}` in the speaker pool: add content/speakers/{s}.md or write `speaker_name:` for a speaker outside the pool"));
        }
        found
    });
    let speaker_name = f
        .string("speaker_name")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    if kind == Some(Kind::Lecture) && f.get("speaker").is_none() && speaker_name.is_none() {
        diags.error(&file.rel, f.own_pos(), "a lecture without a speaker: add `speaker:` (an id of the speaker pool) or `speaker_name:`");
    }
    let photos = photo_refs(&f, photos_here);
    let attendance = f.map("attendance").map(|a| attendance(&a));
    let duration = f.uint("duration");
    let led = f.bool("led").unwrap_or(true);
    let tags = f.string_list("tags");
    let record = Record {
        id: file.id.clone(),
        src: file.rel.clone(),
        branch: 0,
        ym,
        title: title?,
        date: date?,
        kind: kind?,
        summary: f
            .string("summary")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        location: f.string("location"),
        tags,
        photos,
        attendance,
        internal,
        speaker,
        speaker_name,
        duration,
        led,
        uses: crate::photos::body_uses(&doc.body, &folder_of(&file.rel)),
        body: doc.body,
        body_line: doc.body_line,
        html: String::new(),
        headings: Vec::new(),
        excerpt: String::new(),
        links_to: Vec::new(),
    };
    Some(record)
}

/// The folder of a content file, relative to `content/`: the `dir` its
/// relative links start from.
fn folder_of(rel: &str) -> String {
    let rel = rel.strip_prefix("content/").unwrap_or(rel);
    rel.rsplit_once('/').map_or("", |(dir, _)| dir).to_string()
}

fn photo_refs(f: &Fields, photos_here: &[String]) -> Vec<PhotoRef> {
    let mut out = Vec::new();
    for entry in f.list("photos") {
        let (src, caption, pos) = match &entry.fields {
            Some(p) => {
                p.deny_unknown(&["src", "caption"]);
                let Some(src) =
                    p.required_string("src", "the picture's file name in this month folder")
                else {
                    continue;
                };
                (src, p.string("caption").unwrap_or_default(), p.pos("src"))
            }
            None => match entry.as_string() {
                Some(s) => (s, String::new(), entry.pos),
                None => {
                    f.diags.error(
                        f.path,
                        entry.pos,
                        "a photo is `{src: file.jpg, caption: 说明}`",
                    );
                    continue;
                }
            },
        };
        let src = src.trim().trim_start_matches("./").to_string();
        if !photos_here.contains(&src) {
            let msg = if load::is_image(&src) {
                format!("no picture `{src}` in this month folder: put the file beside the record")
            } else {
                format!("`{src}` is not a picture: use a .jpg, .png or .webp file")
            };
            f.diags.error(f.path, pos, msg);
            continue;
        }
        out.push(PhotoRef {
            src,
            caption: caption.trim().to_string(),
        });
    }
    out
}

/// More members than any branch has: a count above it is a typo, and
/// keeping counts this small keeps every sum and percentage of them exact.
pub const MAX_MEMBERS: u64 = 100_000;

/// An attendance count, at most `MAX_MEMBERS`.
fn member_count(a: &Fields, key: &str) -> Option<u64> {
    let n = a.uint(key)?;
    if n > MAX_MEMBERS {
        a.error(
            key,
            format!("`{key}` is too large ({n}): no branch has more than {MAX_MEMBERS} members; check the number"),
        );
        return None;
    }
    Some(n)
}

fn attendance(a: &Fields) -> Attendance {
    a.deny_unknown(&["expected", "present", "excused", "absent"]);
    let present = match a.get("present") {
        None => None,
        Some(serde_yaml::Value::Sequence(_)) => Some(Present::Names(a.string_list("present"))),
        Some(_) => member_count(a, "present").map(Present::Count),
    };
    let mut excused = Vec::new();
    for entry in a.list("excused") {
        match (&entry.fields, entry.as_string()) {
            (Some(e), _) => {
                e.deny_unknown(&["name", "reason"]);
                if let Some(name) = e.required_string("name", "the member's name") {
                    excused.push(Excused {
                        name,
                        reason: e.string("reason").unwrap_or_default(),
                    });
                }
            }
            (None, Some(name)) => excused.push(Excused {
                name,
                reason: String::new(),
            }),
            (None, None) => a.diags.error(
                a.path,
                entry.pos,
                "an excused member is `{name: 李四, reason: 出差}`",
            ),
        }
    }
    Attendance {
        expected: member_count(a, "expected"),
        present,
        excused,
        absent: a.string_list("absent"),
    }
}

fn speakers(
    files: &[TextFile],
    speaker_files: &[String],
    unsafe_html: bool,
    diags: &Diagnostics,
) -> Vec<Speaker> {
    files
        .par_iter()
        .filter_map(|file| {
            let doc = document(file, unsafe_html, diags)?;
            let f = doc.front.fields(&file.rel, diags);
            f.warn_unknown(SPEAKER_FIELDS);
            f.always_public("a speaker of the pool");
            let name = f.required_string("name", "the speaker's name");
            let photo = f
                .string("photo")
                .map(|p| p.trim().trim_start_matches("./").to_string());
            if let Some(p) = &photo
                && !speaker_files.contains(p)
            {
                f.error("photo", format!("no picture `{p}` in content/speakers/"));
            }
            Some(Speaker {
                id: file.id.clone(),
                src: file.rel.clone(),
                name: name?,
                title: f.string("title"),
                organization: f.string("organization"),
                topics: f.string_list("topics"),
                photo: photo.filter(|p| speaker_files.contains(p)),
                body: doc.body,
                html: String::new(),
                lectures: Vec::new(),
            })
        })
        .collect()
}

fn pages(files: &[TextFile], unsafe_html: bool, diags: &Diagnostics) -> Vec<Page> {
    let mut pages: Vec<Page> = files
        .iter()
        .filter_map(|file| {
            if urls::RESERVED.contains(&file.id.as_str()) {
                diags.error(
                    &file.rel,
                    Pos::START,
                    format!(
                        "`{}` is a name dangri uses for its own pages: rename the file",
                        file.id
                    ),
                );
                return None;
            }
            let doc = document(file, unsafe_html, diags)?;
            let f = doc.front.fields(&file.rel, diags);
            f.warn_unknown(PAGE_FIELDS);
            f.always_public("a free page");
            let weight = match f.get("weight") {
                Some(serde_yaml::Value::Number(n)) => n.as_i64().unwrap_or(0),
                Some(_) => {
                    f.error(
                        "weight",
                        "`weight` must be a whole number (pages are listed by weight)",
                    );
                    0
                }
                None => 0,
            };
            Some(Page {
                slug: file.id.clone(),
                src: file.rel.clone(),
                title: f.required_string("title", "the page's title")?,
                description: f.string("description"),
                weight,
                body: doc.body,
                html: String::new(),
            })
        })
        .collect();
    pages.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.slug.cmp(&b.slug)));
    pages
}

/// Whether a file of `content/static/` (path below it) is where dangri
/// writes one of its own files: a page of its own sections or of a free
/// page, a feed, the sitemap, robots.txt, the search index or a picture of
/// a month folder. The build also refuses any other static file it finds
/// written already.
fn is_generated(site: &Site, rel: &Path) -> bool {
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
        return sitemap_part
            || matches!(
                name.as_str(),
                "index.html"
                    | "404.html"
                    | "robots.txt"
                    | "sitemap.xml"
                    | "atom.xml"
                    | "lecture.css"
            );
    }
    // A picture of a month folder is published under its names there.
    if let [_, b, ym, file] = parts.as_slice()
        && first == "branches"
        && let Some(branch) = site.branches.iter().find(|x| &x.id == b)
        && let Some(month) = branch.months.iter().find(|m| &m.ym.to_string() == ym)
        && month
            .photos
            .iter()
            .any(|p| crate::photos::claimed_names(p).contains(file))
    {
        return true;
    }
    let own_section = urls::RESERVED.contains(&first.as_str()) && first != "static";
    let free_page = site.pages.iter().any(|p| &p.slug == first);
    first == "search"
        || ((own_section || free_page) && (name == "index.html" || name == "atom.xml"))
}

/// What to tell the writer of a static file that dangri's own output would
/// replace.
pub fn static_clash_message(rel: &Path) -> String {
    format!(
        "dangri writes `{}` itself, so this file would replace a page or file of the site (in the internal build too): remove it or give it another name",
        rel.display()
    )
}

/// Resolves relative links of a file in `dir` (content-relative) to URLs.
pub struct Links<'a> {
    pub dir: &'a str,
    pub map: &'a HashMap<String, (String, bool)>,
}

impl Links<'_> {
    /// The content path a link of this file points at.
    fn key(&self, target: &str) -> Option<String> {
        content_key(self.dir, target)
    }
}

/// The content path a link `target` of a file in folder `dir` points at;
/// `None` above `content/`.
pub fn content_key(dir: &str, target: &str) -> Option<String> {
    let joined = normalize_path(&format!("{dir}/{target}"))?;
    Some(joined.trim_end_matches('/').to_string())
}

/// A resolver that notes every content path it is asked about.
struct Noting<'a> {
    links: Links<'a>,
    asked: std::cell::RefCell<Vec<String>>,
}

impl Resolve for Noting<'_> {
    fn resolve(&self, target: &str) -> Option<(String, Option<String>)> {
        if let Some(key) = self.links.key(target) {
            self.asked.borrow_mut().push(key);
        }
        self.links.resolve(target)
    }
}

impl Resolve for Links<'_> {
    fn resolve(&self, target: &str) -> Option<(String, Option<String>)> {
        let key = self.key(target)?;
        let key = key.as_str();
        let (url, is_photo) = self
            .map
            .get(key)
            .or_else(|| self.map.get(&format!("{key}.md")))?;
        // The content path (`branches/<b>/<YYYY-MM>/<file>`): a body may show
        // a picture of another month folder.
        let photo = is_photo.then(|| key.to_string());
        Some((url.clone(), photo))
    }
}

/// Resolves `.` and `..` in a `/`-separated path; `None` above the root.
pub fn normalize_path(p: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Content paths (relative to `content/`) of everything a body may link to.
pub fn link_map(site: &Site) -> HashMap<String, (String, bool)> {
    let c = &site.config;
    let withheld = withheld_pictures(site);
    let mut map = HashMap::new();
    for (bi, b) in site.branches.iter().enumerate() {
        let url = urls::branch(&b.id).link(c);
        map.insert(format!("branches/{}", b.id), (url.clone(), false));
        map.insert(format!("branches/{}/_index.md", b.id), (url, false));
        for m in &b.months {
            let url = urls::month(&b.id, m.ym).link(c);
            map.insert(format!("branches/{}/{}", b.id, m.ym), (url.clone(), false));
            map.insert(
                format!("branches/{}/{}/_index.md", b.id, m.ym),
                (url, false),
            );
            for p in &m.photos {
                map.insert(
                    format!("branches/{}/{}/{p}", b.id, m.ym),
                    picture_entry(site, (bi, m.ym, p), &withheld),
                );
            }
        }
    }
    for i in 0..site.records.len() {
        // A record this build does not publish has no page: its links are
        // dropped (an empty URL), not left pointing at its file name.
        let url = if site.visible(i) {
            site.record_route(i).link(c)
        } else {
            String::new()
        };
        map.insert(site.content_path(&site.key(i)), (url, false));
    }
    for s in &site.speakers {
        map.insert(
            format!("speakers/{}.md", s.id),
            (urls::speaker(&s.id).link(c), false),
        );
    }
    for p in &site.pages {
        map.insert(
            format!("pages/{}.md", p.slug),
            (urls::page(&p.slug).link(c), false),
        );
    }
    map
}

/// The content paths of the pictures this build withholds: links to them
/// are dropped (see `photos::publication`).
pub fn withheld_pictures(site: &Site) -> HashSet<String> {
    crate::photos::publication(site, &site.records, !site.internal).withheld_paths(site)
}

/// The link map's entry of a month-folder picture: its URL, or an empty
/// one (the link is dropped, its text kept) when the build withholds it.
pub fn picture_entry(
    site: &Site,
    (b, ym, file): (usize, YearMonth, &str),
    withheld: &HashSet<String>,
) -> (String, bool) {
    let id = &site.branches[b].id;
    let url = if withheld.contains(&format!("branches/{id}/{ym}/{file}")) {
        String::new()
    } else {
        urls::photo(id, ym, &crate::photos::output_name(file)).link(&site.config)
    };
    (url, true)
}

/// Renders a record's Markdown body, if this build publishes the record, and
/// drops the source: it is not needed after rendering, and dropping it keeps
/// the peak memory of a large site near one copy of its text.
fn render_record(
    r: &mut Record,
    branch_id: &str,
    map: &HashMap<String, (String, bool)>,
    unsafe_html: bool,
    internal: bool,
) {
    let body = std::mem::take(&mut r.body);
    if r.internal && !internal {
        return;
    }
    let dir = format!("branches/{branch_id}/{}", r.ym);
    let noting = Noting {
        links: Links { dir: &dir, map },
        asked: Default::default(),
    };
    let out = markdown::render(&body, unsafe_html, &noting);
    r.links_to = noting.asked.into_inner();
    r.links_to.sort();
    r.links_to.dedup();
    r.html = out.html;
    r.headings = out.headings;
    r.excerpt = excerpt(r.summary.as_deref().unwrap_or(&out.first_paragraph), 120);
}

/// Renders every Markdown body that this build publishes, in parallel.
fn render_bodies(site: &mut Site) {
    let map = link_map(site);
    let unsafe_html = site.config.unsafe_html;
    let internal = site.internal;
    let branch_ids: Vec<String> = site.branches.iter().map(|b| b.id.clone()).collect();
    site.records.par_iter_mut().for_each(|r| {
        let branch = &branch_ids[r.branch];
        render_record(r, branch, &map, unsafe_html, internal);
    });
    // Branch, month, page and speaker bodies: links resolved from `dir`.
    let html =
        |body: &str, dir: &str| markdown::render(body, unsafe_html, &Links { dir, map: &map }).html;
    site.branches.par_iter_mut().for_each(|b| {
        b.html = html(&b.body, &format!("branches/{}", b.id));
        for m in &mut b.months {
            m.html = html(&m.body, &format!("branches/{}/{}", b.id, m.ym));
        }
    });
    for p in &mut site.pages {
        p.html = html(&p.body, "pages");
    }
    for s in &mut site.speakers {
        s.html = html(&s.body, "speakers");
    }
}

// ---------------------------------------------------------------------------
// Changing one record in place (`serve`)

/// Where a record's file sits: its branch, its month folder and its file
/// name without `.md`. Unlike an index into `records`, it survives changes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordKey {
    pub branch: usize,
    pub ym: YearMonth,
    pub id: String,
}

impl Site {
    /// Where the record at `key` is written, relative to `content/`: the
    /// key of `link_map`.
    pub fn content_path(&self, key: &RecordKey) -> String {
        format!(
            "branches/{}/{}/{}.md",
            self.branches[key.branch].id, key.ym, key.id
        )
    }

    pub fn key(&self, i: usize) -> RecordKey {
        let r = &self.records[i];
        RecordKey {
            branch: r.branch,
            ym: r.ym,
            id: r.id.clone(),
        }
    }

    /// The index of the record at `key`, if there is one.
    pub fn find(&self, key: &RecordKey) -> Option<usize> {
        let m = self.done(key.branch, key.ym)?;
        m.records
            .iter()
            .copied()
            .find(|&i| self.records[i].id == key.id)
    }

    /// Validates and renders one record file of an existing month folder
    /// exactly as a full load does. `links` is `link_map` of this site.
    pub fn parse_record(
        &self,
        key: &RecordKey,
        file: &TextFile,
        links: &HashMap<String, (String, bool)>,
        diags: &Diagnostics,
    ) -> Option<Record> {
        let month = self.done(key.branch, key.ym)?;
        let speakers: HashMap<&str, usize> = self
            .speakers
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let unsafe_html = self.config.unsafe_html;
        let mut r = record(file, key.ym, &month.photos, &speakers, unsafe_html, diags)?;
        r.branch = key.branch;
        let branch = &self.branches[key.branch].id;
        render_record(
            &mut r,
            branch,
            links,
            self.config.unsafe_html,
            self.internal,
        );
        Some(r)
    }

    /// Removes the record at `key` (if any) and puts `new` (if any) where a
    /// full load would have put it, then derives every index again (months'
    /// record lists and kinds, speakers' lectures, the range of months), so
    /// that the site equals a fresh load. Returns the index removed and the
    /// index inserted, for keeping vectors aligned with `records`.
    pub fn put_record(
        &mut self,
        key: &RecordKey,
        new: Option<Record>,
    ) -> (Option<usize>, Option<usize>) {
        let removed = self.find(key);
        // The common edit keeps the record's place: replace it there.
        let new = match (removed, new) {
            (Some(i), Some(r)) if self.fits_at(i, &r) => {
                self.replace_record(i, r);
                return (Some(i), Some(i));
            }
            (_, new) => new,
        };
        if let Some(i) = removed {
            self.records.remove(i);
        }
        let inserted = new.map(|r| {
            // Load order: branch, month folder, then (date, kind, id).
            let mut at = 0;
            for (b, branch) in self.branches.iter().enumerate() {
                for m in &branch.months {
                    let mut count = m.records.len();
                    if removed.is_some_and(|i| m.records.contains(&i)) {
                        count -= 1;
                    }
                    if b == key.branch && m.ym == key.ym {
                        let sort = (r.date, r.kind, &r.id);
                        at += self.records[at..at + count]
                            .partition_point(|x| (x.date, x.kind, &x.id) < sort);
                        self.records.insert(at, r);
                        return at;
                    }
                    at += count;
                }
            }
            // Not reached: `parse_record` only makes records of existing months.
            self.records.push(r);
            self.records.len() - 1
        });
        self.reindex(key);
        (removed, inserted)
    }

    /// Whether `r` sorts between the neighbours of record `i` in its month.
    fn fits_at(&self, i: usize, r: &Record) -> bool {
        let old = &self.records[i];
        if (old.branch, old.ym) != (r.branch, r.ym) {
            return false;
        }
        let sort = |x: &Record| (x.date, x.kind, x.id.clone());
        let same_month = |j: usize| {
            let x = &self.records[j];
            (x.branch, x.ym) == (r.branch, r.ym)
        };
        let after_prev = i
            .checked_sub(1)
            .filter(|&p| same_month(p))
            .is_none_or(|p| sort(&self.records[p]) < sort(r));
        let before_next = Some(i + 1)
            .filter(|&n| n < self.records.len() && same_month(n))
            .is_none_or(|n| sort(r) < sort(&self.records[n]));
        after_prev && before_next
    }

    /// Puts `r` in place of record `i`, which keeps its place, and updates
    /// what derives from it: its month's kinds and its speakers' lectures.
    fn replace_record(&mut self, i: usize, r: Record) {
        let old = std::mem::replace(&mut self.records[i], r);
        let (b, ym) = (old.branch, old.ym);
        if let Ok(mi) = self.branches[b].months.binary_search_by(|m| m.ym.cmp(&ym)) {
            let mut done = KindSet::default();
            for &j in &self.branches[b].months[mi].records {
                done.insert(self.records[j].kind);
            }
            self.branches[b].months[mi].done = done;
        }
        let new = &self.records[i];
        if old.speaker == new.speaker && old.date == new.date {
            return;
        }
        if let Some(s) = old.speaker {
            self.speakers[s].lectures.retain(|&j| j != i);
        }
        if let Some(s) = new.speaker {
            let mut l = std::mem::take(&mut self.speakers[s].lectures);
            let at = l.partition_point(|&j| self.newest_first(j, i).is_lt());
            l.insert(at, i);
            self.speakers[s].lectures = l;
        }
    }

    /// Replaces the list of pictures of a month folder (`serve`).
    pub fn set_month_photos(&mut self, b: usize, ym: YearMonth, photos: Vec<String>) {
        if let Ok(mi) = self.branches[b].months.binary_search_by(|m| m.ym.cmp(&ym)) {
            self.branches[b].months[mi].photos = photos;
        }
    }

    /// Derives the indices into `records` again after `put_record`.
    fn reindex(&mut self, key: &RecordKey) {
        let mut next = 0;
        for (b, branch) in self.branches.iter_mut().enumerate() {
            for m in &mut branch.months {
                let mut end = next;
                while end < self.records.len()
                    && self.records[end].branch == b
                    && self.records[end].ym == m.ym
                {
                    end += 1;
                }
                m.records.clear();
                m.records.extend(next..end);
                if b == key.branch && m.ym == key.ym {
                    m.done = KindSet::default();
                    for r in &self.records[next..end] {
                        m.done.insert(r.kind);
                    }
                }
                next = end;
            }
        }
        for s in &mut self.speakers {
            s.lectures.clear();
        }
        for (i, r) in self.records.iter().enumerate() {
            if let Some(s) = r.speaker {
                self.speakers[s].lectures.push(i);
            }
        }
        for i in 0..self.speakers.len() {
            let mut l = std::mem::take(&mut self.speakers[i].lectures);
            self.sort_newest_first(&mut l);
            self.speakers[i].lectures = l;
        }
        self.months = month_range(&self.records);
    }
}

/// The longest run of months without a record anywhere that the site still
/// spans: a longer one is a gap the bulletins and tables leave out.
const MAX_SILENT_MONTHS: u32 = 12;

/// The months the site spans: every month from the first record's to the
/// last's, less runs of more than `MAX_SILENT_MONTHS` months without any
/// record (a stray folder years away from the rest must not add pages for
/// every month between).
fn month_range(records: &[Record]) -> Vec<YearMonth> {
    spans(records)
        .into_iter()
        .flat_map(|s| s.first.range_to(s.last))
        .collect()
}

/// A run of months with records no more than `MAX_SILENT_MONTHS` apart.
#[derive(Debug, Clone, Copy)]
struct Span {
    first: YearMonth,
    last: YearMonth,
    records: usize,
}

fn spans(records: &[Record]) -> Vec<Span> {
    let mut counts: BTreeMap<YearMonth, usize> = BTreeMap::new();
    for r in records {
        *counts.entry(r.ym).or_default() += 1;
    }
    let mut spans: Vec<Span> = Vec::new();
    for (ym, n) in counts {
        match spans.last_mut() {
            Some(s) if ym.ordinal() - s.last.ordinal() <= MAX_SILENT_MONTHS + 1 => {
                s.last = ym;
                s.records += n;
            }
            _ => spans.push(Span {
                first: ym,
                last: ym,
                records: n,
            }),
        }
    }
    spans
}

/// Warns at every month folder with records outside the site's main span
/// (the one with the most records): `2016-05` among years of `2026-05`
/// is most likely a typo.
fn warn_far_months(branches: &[Branch], records: &[Record], diags: &Diagnostics) {
    let spans = spans(records);
    let Some(main) = spans.iter().max_by_key(|s| s.records) else {
        return;
    };
    if spans.len() < 2 {
        return;
    }
    for b in branches {
        for m in &b.months {
            if m.records.is_empty() || (main.first..=main.last).contains(&m.ym) {
                continue;
            }
            let gap = if m.ym < main.first {
                main.first.ordinal() - m.ym.ordinal()
            } else {
                m.ym.ordinal() - main.last.ordinal()
            };
            diags.warning(
                &m.src,
                Pos::START,
                format!(
                    "`{}` is {} months away from the site's other records ({} to {}): check the year in the folder name",
                    m.ym, gap, main.first, main.last
                ),
            );
        }
    }
}
