//! The checks `dangri check` runs on top of a build's validation: links
//! between records, months, branches and pages; pictures that exist and
//! decode; captions; attendance sums; empty bodies; titles repeated in a
//! month; the LED pictures' font. Reading only: nothing is written anywhere.
//!
//! Positions of front matter keys are found again from the file, and only
//! for the files with a problem: the model keeps no key index, and a clean
//! site of 47,000 records must check fast.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Diagnostics, Pos, rel_path};
use crate::frontmatter;
use crate::markdown::{self, Resolve};
use crate::model::pictures;
use crate::model::{self, Links, Record, Site};
use crate::msg::Files;
use crate::photos;
use crate::render::theme::{Asset, Theme};

/// Runs every check on a site loaded with `Site::load_unrendered` and
/// `internal` set (internal records are checked too).
pub(crate) fn run(site: &Site, diags: &Diagnostics) {
    let map = model::link_map(site);
    let internal_urls: HashSet<String> = (0..site.records.len())
        .filter(|&i| site.records[i].internal)
        .map(|i| site.record_route(i).link(&site.config))
        .collect();
    // The site is loaded as the internal build sees it; links of public
    // pages are checked against what the public build publishes.
    let withheld = pictures::publication(site, site.records.all(), true).withheld_paths(site);
    let ctx = Ctx {
        site,
        diags,
        map: &map,
        internal_urls: &internal_urls,
        withheld: &withheld,
    };
    site.records.all().par_iter().for_each(|r| ctx.record(r));
    ctx.other_bodies();
    duplicate_titles(site, diags);
    places(site, diags);
    pictures(site, diags);
    led_font(site, diags);
}

/// The font of the LED pictures, when a profile has them: without one the
/// build writes the shows without pictures (a warning there too).
fn led_font(site: &Site, diags: &Diagnostics) {
    let led = &site.config.led;
    if !led.pictures() {
        return;
    }
    if let Err(e) = crate::led::font::load(&site.root, led.font.as_ref()) {
        let pos = led.font.as_ref().map_or(Pos::START, |f| f.pos);
        diags.warning(
            crate::config::SITE_YAML,
            pos,
            Files::NoLedFontCheck {
                error: e.to_string(),
            },
        );
    }
}

struct Ctx<'a> {
    site: &'a Site,
    diags: &'a Diagnostics,
    map: &'a HashMap<String, (String, bool)>,
    /// Links to the records of `visibility: internal`.
    internal_urls: &'a HashSet<String>,
    /// Pictures the public build withholds (content paths).
    withheld: &'a HashSet<String>,
}

impl Ctx<'_> {
    fn record(&self, r: &Record) {
        let branch = &self.site.branches[r.branch].id;
        let dir = format!("branches/{branch}/{}", r.ym);
        let body = Body {
            rel: &r.src,
            text: &r.body,
            line: r.body_line,
        };
        self.links(&body, &dir, !r.internal);
        if is_blank(&r.body) {
            self.diags
                .warning(&r.src, Pos::new(r.body_line, 1), Files::NoText);
        }
        for p in &r.photos {
            if p.caption.is_empty() {
                let pos = photo_pos(self.site, &r.src, &p.src);
                self.diags.warning(
                    &r.src,
                    pos,
                    Files::PhotoWithoutCaption { src: p.src.clone() },
                );
            }
        }
        attendance(self.site, r, self.diags);
    }

    /// The bodies of branches, months, free pages and speakers.
    fn other_bodies(&self) {
        let site = self.site;
        for b in &site.branches {
            self.links_of_file(&b.src, &b.body, &format!("branches/{}", b.id));
            for m in &b.months {
                let dir = format!("branches/{}/{}", b.id, m.ym);
                self.links_of_file(&format!("{}/_index.md", m.src), &m.body, &dir);
            }
        }
        for p in &site.pages {
            self.links_of_file(&p.src, &p.body, "pages");
        }
        for s in &site.speakers {
            self.links_of_file(&s.src, &s.body, "speakers");
        }
    }

    fn links_of_file(&self, rel: &str, text: &str, dir: &str) {
        if text.trim().is_empty() {
            return;
        }
        let body = Body {
            rel,
            text,
            // Found again only when a link is broken.
            line: 0,
        };
        self.links(&body, dir, true);
    }

    /// Reports the relative links of `body` (in content folder `dir`) that
    /// lead nowhere, and those that lead from a public page to something
    /// the public site does not have.
    fn links(&self, body: &Body, dir: &str, public: bool) {
        for link in markdown::links(body.text) {
            let resolver = Links { dir, map: self.map };
            let key = model::normalize_path(&format!("{dir}/{}", link.target));
            match resolver.resolve(&link.target) {
                Some((url, photo)) => {
                    if link.image && link.alt.trim().is_empty() {
                        self.diags.warning(
                            body.rel,
                            body.pos(self.site, link.offset),
                            Files::PictureWithoutCaption {
                                target: link.target.clone(),
                            },
                        );
                    }
                    if public && self.internal_urls.contains(&url) {
                        self.diags.error(
                            body.rel,
                            body.pos(self.site, link.offset),
                            Files::LinkToInternal {
                                target: link.target.clone(),
                            },
                        );
                    }
                    if public && photo.is_some_and(|p| self.withheld.contains(&p)) {
                        self.diags.error(
                            body.rel,
                            body.pos(self.site, link.offset),
                            Files::LinkToWithheldPicture {
                                target: link.target.clone(),
                            },
                        );
                    }
                }
                None => {
                    let place = key.map(|k| format!("content/{k}"));
                    self.diags.error(
                        body.rel,
                        body.pos(self.site, link.offset),
                        Files::BrokenLink {
                            target: link.target.clone(),
                            image: link.image,
                            place,
                        },
                    );
                }
            }
        }
    }
}

/// A Markdown body and where it starts in its file.
struct Body<'a> {
    rel: &'a str,
    text: &'a str,
    /// The file line of the body's first line; 0 when unknown.
    line: usize,
}

impl Body<'_> {
    /// The file position of a byte offset of the body.
    fn pos(&self, site: &Site, offset: usize) -> Pos {
        let first = if self.line > 0 {
            self.line
        } else {
            body_line(site, self.rel)
        };
        Pos::in_text(self.text, first, offset)
    }
}

/// True when a body has nothing but space and HTML comments.
fn is_blank(body: &str) -> bool {
    let mut rest = body;
    loop {
        rest = rest.trim_start();
        match rest.strip_prefix("<!--") {
            Some(after) => match after.find("-->") {
                Some(end) => rest = &after[end + 3..],
                None => return true,
            },
            None => return rest.is_empty(),
        }
    }
}

/// The front matter of a file, parsed again for key positions.
fn front(site: &Site, rel: &str) -> Option<frontmatter::Document> {
    let text = std::fs::read_to_string(site.root.join(rel)).ok()?;
    frontmatter::parse_document(&text, rel, &Diagnostics::new())
}

fn key_pos(site: &Site, rel: &str, key: &str) -> Pos {
    front(site, rel).map_or(Pos::START, |d| d.front.pos(key))
}

fn body_line(site: &Site, rel: &str) -> usize {
    front(site, rel).map_or(1, |d| d.body_line)
}

/// The position of the `photos` entry whose `src` is `src`.
fn photo_pos(site: &Site, rel: &str, src: &str) -> Pos {
    let Some(doc) = front(site, rel) else {
        return Pos::START;
    };
    let scratch = Diagnostics::new();
    let f = doc.front.fields(rel, &scratch);
    f.list("photos")
        .iter()
        .find(|e| {
            let s = match &e.fields {
                Some(p) => p.string("src"),
                None => e.as_string(),
            };
            s.is_some_and(|s| s.trim().trim_start_matches("./") == src)
        })
        .map_or(f.pos("photos"), |e| e.pos)
}

/// Nobody in two lists (that the counts add up is the model's warning, in
/// `build` too).
fn attendance(site: &Site, r: &Record, diags: &Diagnostics) {
    let Some(a) = &r.attendance else { return };
    let mut seen: HashMap<String, &str> = HashMap::new();
    let present = match &a.present {
        Some(model::Present::Names(v)) => v.as_slice(),
        _ => &[],
    };
    let lists = present
        .iter()
        .map(|n| (n.as_str(), "present"))
        .chain(
            a.excused
                .named()
                .iter()
                .map(|e| (e.name.as_str(), "excused")),
        )
        .chain(a.absent.named().iter().map(|n| (n.as_str(), "absent")));
    for (name, list) in lists {
        let name = name.trim();
        if let Some(first) = seen.insert(model::person_key(name), list) {
            let msg = if first == list {
                Files::NamedTwice {
                    name: name.to_string(),
                    list: list.to_string(),
                }
            } else {
                Files::NamedInTwoLists {
                    name: name.to_string(),
                    first: first.to_string(),
                    list: list.to_string(),
                }
            };
            diags.warning(
                &r.src,
                key_pos(site, &r.src, &format!("attendance.{list}")),
                msg,
            );
        }
    }
}

/// Two records of one branch and month with the same title.
fn duplicate_titles(site: &Site, diags: &Diagnostics) {
    for b in &site.branches {
        for m in &b.months {
            let mut by_title: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for &r in &m.records {
                by_title
                    .entry(site.records[r].title.trim())
                    .or_default()
                    .push(r);
            }
            for same in by_title.values().filter(|v| v.len() > 1) {
                for &r in same {
                    let others: Vec<&str> = same
                        .iter()
                        .filter(|&&o| o != r)
                        .map(|&o| site.records[o].src.as_str())
                        .collect();
                    let rec = &site.records[r];
                    diags.warning(
                        &rec.src,
                        key_pos(site, &rec.src, "title"),
                        Files::SameTitle {
                            ym: m.ym.to_string(),
                            others: others.join(", "),
                        },
                    );
                }
            }
        }
    }
}

/// Spellings of `location` that look like one place written two ways
/// (`places::near_duplicates`), at the first record of the rarer one, with
/// where the other is used.
fn places(site: &Site, diags: &Diagnostics) {
    let at = |r: usize| {
        let rec = &site.records[r];
        let pos = key_pos(site, &rec.src, "location");
        format!("{}:{}:{}", rec.src, pos.line, pos.col)
    };
    let uses = |s: &crate::places::Spelling| {
        let more = s.uses.len().saturating_sub(1);
        (s.uses.first().map(|&r| at(r)).unwrap_or_default(), more)
    };
    for pair in crate::places::near_duplicates(site) {
        let Some(&r) = pair.first.uses.first() else {
            continue;
        };
        let rec = &site.records[r];
        diags.warning(
            &rec.src,
            key_pos(site, &rec.src, "location"),
            Files::PlaceTwoWays {
                first: pair.first.name.to_string(),
                first_uses: uses(&pair.first),
                second: pair.second.name.to_string(),
                second_uses: uses(&pair.second),
            },
        );
    }
}

/// Decodes, in parallel and as the build would, every picture the internal
/// build publishes (a superset of the public build's) and every speaker's
/// portrait, and reports the month-folder pictures that would be published
/// under another's name.
fn pictures(site: &Site, diags: &Diagnostics) {
    let month = pictures::publication(site, site.records.all(), false).published;
    pictures::report_clashes(site, &month, diags);
    let portraits = site
        .speakers
        .iter()
        .filter_map(|s| s.photo.as_ref())
        .map(|p| format!("content/speakers/{p}"));
    let paths: BTreeSet<String> = month
        .iter()
        .map(|p| format!("content/{}", pictures::content_path(site, p)))
        .chain(portraits)
        .collect();
    paths.par_iter().for_each(|rel| {
        if let Err(msg) = decode(&site.root.join(rel)) {
            diags.error(rel, Pos::START, msg);
        }
    });
}

/// Reports the pictures published as they are (`content/static/`, the
/// theme's files) that the build cannot remove the metadata of, and so
/// refuses; see `photos::static_file`.
pub(crate) fn static_pictures(site: &Site, theme: &Theme, diags: &Diagnostics) {
    let theme_files = theme.statics.values().filter_map(|a| match a {
        Asset::Disk(path) => Some(path.clone()),
        Asset::Embedded(_) => None,
    });
    let dir = site.root.join("content").join("static");
    let files: Vec<PathBuf> = theme_files
        .chain(site.statics.iter().map(|rel| dir.join(rel)))
        .collect();
    files.par_iter().for_each(|path| {
        if let Err(msg) = photos::static_file(path) {
            diags.error(&rel_path(&site.root, path), Pos::START, msg);
        }
    });
}

/// Decodes a picture fully, as the build does.
fn decode(path: &Path) -> Result<(), Files> {
    let bytes = std::fs::read(path).map_err(|e| Files::CannotReadPicture {
        error: e.to_string(),
    })?;
    photos::verify(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_bodies_may_hold_comments() {
        assert!(is_blank(""));
        assert!(is_blank("\n  \n"));
        assert!(is_blank("<!-- 在此记录 -->\n\n<!-- x"));
        assert!(!is_blank("<!-- 注 -->\n学习党章。"));
        assert!(!is_blank("学习"));
    }
}
