//! The site model: sources validated into branches, months, records,
//! speakers and pages, with every rule of SPEC §4 checked and every problem
//! reported. Relations are indices into the flat `records` vector, so the
//! render stage can work on records in parallel.
//!
//! This file holds the types and the questions asked of a loaded site; the
//! rules are in the modules below, one concern each.

mod assemble;
mod attendance;
mod bodies;
mod branches;
mod document;
mod edit;
#[cfg(test)]
pub(crate) mod fixture;
mod links;
mod months;
mod names;
mod pages;
pub mod pictures;
mod published;
mod reads;
mod records;
mod speakers;

use std::path::PathBuf;

use crate::config::Config;
use crate::date::{Date, YearMonth};
use crate::git;
use crate::kind::{Kind, KindSet};
use crate::markdown::Heading;
use crate::urls;

pub use crate::text::excerpt;
pub(crate) use attendance::person_key;
pub use attendance::{Attendance, Excused, Members, Present};
pub(crate) use links::{Links, link_map, normalize_path, picture_entry, withheld_pictures};
pub(crate) use names::static_clash_message;
pub use reads::{Records, recording};
pub(crate) use records::record;

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
    /// The records of this month that the build does not publish (a public
    /// build's internal ones): what the public pages count of them. The
    /// records themselves are not in the site (`published`).
    pub withheld: Vec<Withheld>,
    /// Kinds done this month, internal records included.
    pub done: KindSet,
    /// Image files of the month folder.
    pub photos: Vec<String>,
}

/// What a public build keeps of a record it does not publish: what the
/// five-things marks, the count of records not published and the yearly
/// assessment count. No title, text, name or picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withheld {
    /// The file name without `.md` (`serve` knows an edit of it needs a
    /// full build).
    pub id: String,
    pub kind: Kind,
    pub expected: Option<u64>,
    pub present: Option<u64>,
    /// `Attendance::absent_keys`.
    pub absent_keys: Vec<u64>,
    /// For a lecture: who gave it.
    pub lecturer: Option<Lecturer>,
}

/// Who gave a lecture, as the assessment counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lecturer {
    /// The branch's liaison leader (联系点).
    Liaison,
    /// A speaker of the pool (专家师资库).
    Pool,
    /// Anyone else: the branch's secretary or members.
    Branch,
}

#[derive(Debug, Clone)]
pub struct PhotoRef {
    pub src: String,
    pub caption: String,
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
    /// withholds (`pictures::publication`).
    pub uses: Vec<(String, pictures::Use)>,
    /// The content paths its body's relative links point at, whether they
    /// lead anywhere or not (`serve` renders it again when one of them
    /// appears or disappears).
    pub links_to: Vec<String>,
}

impl Record {
    /// Who gave the lecture (`None` for another kind): the branch's liaison
    /// leader (the name however spaced), a pool speaker, or the branch.
    pub fn lecturer(&self, site: &Site) -> Option<Lecturer> {
        if self.kind != Kind::Lecture {
            return None;
        }
        let leader = site.branches[self.branch].liaison.as_ref();
        let by_leader = leader.is_some_and(|l| {
            self.speaker_display(site)
                .is_some_and(|s| person_key(s) == person_key(&l.leader))
        });
        Some(if by_leader {
            Lecturer::Liaison
        } else if self.speaker.is_some() {
            Lecturer::Pool
        } else {
            Lecturer::Branch
        })
    }

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
    pub records: Records,
    pub speakers: Vec<Speaker>,
    pub speaker_files: Vec<String>,
    pub pages: Vec<Page>,
    /// Files of `content/static/`, relative to it.
    pub statics: Vec<PathBuf>,
    /// Every month from the first to the last with a record, ascending.
    pub months: Vec<YearMonth>,
    /// How many Markdown files were read (for `check`'s summary).
    pub files_read: usize,
    /// The month-folder pictures that withheld records point at (content
    /// paths, with how): what `pictures::publication` must not publish
    /// on their account.
    pub unpublished_uses: Vec<(String, pictures::Use)>,
    /// The git history's last-change dates, read on first use.
    git: std::sync::OnceLock<git::Dates>,
}

impl Site {
    /// What was read, for the commands' summary lines: every valid record,
    /// those a public build does not publish included (and counted apart),
    /// so that `check`, `build` and `serve` give the same numbers.
    pub fn tally(&self) -> crate::msg::Tally {
        let withheld = self
            .branches
            .iter()
            .flat_map(|b| &b.months)
            .map(|m| m.withheld.len())
            .sum();
        crate::msg::Tally {
            files: self.files_read,
            records: self.records.len() + withheld,
            withheld,
            ..crate::msg::Tally::default()
        }
    }

    /// When the record's file last changed, from the git history (one
    /// `git log` for the whole site, on first use); `None` without git.
    pub fn updated(&self, r: usize) -> Option<Date> {
        self.git
            .get_or_init(|| {
                let dates = git::Dates::read(&self.root);
                if let Some(w) = dates.warning() {
                    eprintln!("warning: {}", w.text(self.config.language));
                }
                dates
            })
            .get(&self.records[r].src)
    }

    pub fn record_route(&self, r: usize) -> urls::Route {
        let rec = self.records.peek(r);
        urls::record(&self.branches[rec.branch].id, rec.ym, &rec.id)
    }

    pub fn lecture_route(&self, r: usize) -> urls::Route {
        let rec = self.records.peek(r);
        urls::lecture(&self.branches[rec.branch].id, rec.ym, &rec.id)
    }

    /// The short `/m/<code>/` link of a lecture, for QR codes.
    pub fn short_route(&self, r: usize) -> urls::Route {
        let rec = self.records.peek(r);
        urls::short(&urls::short_code(
            &self.branches[rec.branch].id,
            rec.ym,
            &rec.id,
        ))
    }

    /// Published lectures, newest first.
    pub fn lectures(&self) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.records.len())
            .filter(|&r| self.records.peek(r).kind == Kind::Lecture)
            .collect();
        self.sort_newest_first(&mut v);
        v
    }

    /// The months with a published lecture, ascending: the pages of the
    /// lecture index (`/lectures/<YYYY-MM>/`).
    pub fn lecture_months(&self) -> Vec<YearMonth> {
        let set: std::collections::BTreeSet<YearMonth> = self
            .records
            .all()
            .iter()
            .filter(|r| r.kind == Kind::Lecture)
            .map(|r| r.ym)
            .collect();
        set.into_iter().collect()
    }

    /// Sorts record indices newest first; ties by branch and id for stability.
    pub fn sort_newest_first(&self, v: &mut [usize]) {
        v.sort_by(|&a, &b| self.newest_first(a, b));
    }

    /// The order of `sort_newest_first`: `Less` when `a` is newer.
    pub fn newest_first(&self, a: usize, b: usize) -> std::cmp::Ordering {
        let (ra, rb) = (self.records.peek(a), self.records.peek(b));
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

/// Where a record's file sits: its branch, its month folder and its file
/// name without `.md`. Unlike an index into `records`, it survives changes
/// (`serve` changes records by key: see `edit`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordKey {
    pub branch: usize,
    pub ym: YearMonth,
    pub id: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use fixture::Fixture;

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap()
    }

    #[test]
    fn a_branch_is_due_from_the_month_it_was_founded() {
        let site = Fixture::new()
            .branch("b", "name: 甲\ncommittee: 乙\nfounded: 2026-03-15")
            .plain_branch("c")
            .clean();
        assert!(!site.expected_in(0, ym("2026-02")));
        assert!(site.expected_in(0, ym("2026-03")));
        assert!(site.expected_in(1, ym("1999-01")), "no date: always due");
    }

    #[test]
    fn the_public_build_lists_public_lectures_newest_first() {
        let lecture = |day: u8, extra: &str| {
            format!("title: 党课\ndate: 2026-05-{day:02}\nkind: lecture\nspeaker_name: 书记{extra}")
        };
        let f = || {
            Fixture::new()
                .plain_branch("a")
                .plain_branch("b")
                .record("a", "2026-05", "x", &lecture(3, ""))
                .record("b", "2026-05", "x", &lecture(9, ""))
                .record("a", "2026-05", "y", &lecture(9, ""))
                .record("a", "2026-05", "z", &lecture(20, "\nvisibility: internal"))
                .activity("a", "2026-05", "s", 25, "study")
        };
        let (site, _) = f().load(false);
        let shown = |site: &Site| -> Vec<String> {
            site.lectures()
                .into_iter()
                .map(|r| {
                    let rec = &site.records[r];
                    format!("{}/{}", site.branches[rec.branch].id, rec.id)
                })
                .collect()
        };
        // Same day: by branch, then by file.
        assert_eq!(shown(&site), ["a/y", "b/x", "a/x"]);
        assert!(site.records.iter().all(|r| r.id != "z"), "not in the site");
        let (site, _) = f().load(true);
        assert_eq!(shown(&site), ["a/z", "a/y", "b/x", "a/x"]);
    }
}
