//! What `serve` keeps between rebuilds: the site model, the theme, the
//! published pictures and the renderer's templates and cards. A saved
//! record is parsed alone, put into the model where a full load would put
//! it, and only the pages that show it are rendered again (`crate::deps`).
//! Any other change (a branch, a month page, a speaker, `site.yaml`, a
//! template, a picture, a folder) is a full build.

use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;

use crate::build;
use crate::catalogue::Page;
use crate::date::YearMonth;
use crate::deps::{Changes, What};
use crate::diag::Diagnostics;
use crate::load::{self, Read};
use crate::model::pictures;
use crate::model::{self, RecordKey, Site};
use crate::msg::Tally;
use crate::output::{Files, Output};
use crate::photos::{self, PhotoSizes};
use crate::render::{Prepared, Renderer};

/// A built site, ready for changes.
pub struct Live {
    site: Site,
    sizes: PhotoSizes,
    prepared: Option<Prepared>,
    links: HashMap<String, (String, bool)>,
    /// Pages a change made stale and that are rendered only when asked for.
    deferred: BTreeSet<Page>,
}

/// Whether `page` waits until it is asked for: pages a writer does not look
/// at after each save, and that cost more than the rest of a save (the
/// search index, the data export, the places index and its pages, whose
/// slugs depend on every place).
fn deferred(page: &Page) -> bool {
    matches!(
        page,
        Page::Search | Page::DataSite | Page::DataMonth(_) | Page::Places | Page::Place(_)
    )
}

/// The files a change wrote and the ones it made stale.
#[derive(Debug, Default)]
pub struct Update {
    pub written: Files,
    /// Files of the previous version that no longer exist (unless written).
    pub stale: Vec<PathBuf>,
    /// Groups of files that a page writes in a varying number: every served
    /// file whose path starts with one of these is dropped first.
    pub stale_prefixes: Vec<String>,
    /// Pages rendered.
    pub pages: usize,
    /// Some pages that are not looked at while writing (the search index,
    /// the data export, the places) no longer match the site: they are
    /// rendered when asked for, see `Live::deferred`.
    pub deferred: bool,
}

impl Update {
    /// Applies the update to the served files.
    pub fn apply_to(self, files: &mut Files) {
        if !self.stale_prefixes.is_empty() {
            files.retain(|path, _| {
                let p = path.to_string_lossy();
                !self
                    .stale_prefixes
                    .iter()
                    .any(|pre| p.starts_with(pre.as_str()))
            });
        }
        for path in &self.stale {
            files.remove(path);
        }
        files.extend(self.written);
    }
}

/// What a changed path means.
#[derive(Debug, PartialEq, Eq)]
enum Change {
    /// Not content (an editor's swap file, a file the loader skips).
    Ignored,
    Record(RecordKey),
    /// A picture in an existing month folder.
    Picture(pictures::Picture),
    /// Anything else: build everything.
    Full,
}

impl Live {
    /// Builds the whole site into memory (for tests). `None` when the site
    /// has errors (they are in `diags`).
    pub fn build(
        root: &Path,
        base_url: &str,
        diags: &Diagnostics,
    ) -> (Result<Option<(Live, Files)>>, Tally) {
        let out = Output::memory();
        let (live, read) = Live::build_into(root, base_url, diags, &out);
        (
            live.map(|live| live.map(|live| (live, out.into_files()))),
            read,
        )
    }

    /// Builds the whole site into `out`. `None` when the site has errors
    /// (they are in `diags`); with what was read, for the summary line.
    pub fn build_into(
        root: &Path,
        base_url: &str,
        diags: &Diagnostics,
        out: &Output,
    ) -> (Result<Option<Live>>, Tally) {
        let Some((site, theme)) = build::load(root, false, Some(base_url), diags) else {
            return (Ok(None), Tally::default());
        };
        let read = site.tally();
        if diags.has_errors() {
            return (Ok(None), read);
        }
        let built = match build::write_site(&site, &theme, out, diags) {
            Ok(Some(built)) => built,
            Ok(None) => return (Ok(None), read),
            Err(e) => return (Err(e), read),
        };
        if diags.has_errors() {
            return (Ok(None), read);
        }
        let links = model::link_map(&site);
        let live = Live {
            site,
            sizes: built.sizes,
            prepared: Some(built.prepared),
            links,
            deferred: BTreeSet::new(),
        };
        (Ok(Some(live)), read)
    }

    /// Applies changed files (absolute paths, as the watcher reports them).
    /// `Ok(None)` when the change needs a full build; `Ok(Some(update))`
    /// with what to serve otherwise. On content errors (in `diags`) the
    /// site stays as it was.
    pub fn apply(&mut self, paths: &[PathBuf], diags: &Diagnostics) -> Result<Option<Update>> {
        let began = std::time::Instant::now();
        let mut keys = BTreeSet::new();
        let mut pictures = BTreeSet::new();
        for p in paths {
            match self.classify(p) {
                Change::Ignored => {}
                Change::Record(k) => {
                    keys.insert(k);
                }
                Change::Picture(pic) => {
                    pictures.insert(pic);
                }
                Change::Full => return Ok(None),
            }
        }
        keys.extend(self.reread_pictures(&pictures));
        if keys.is_empty() {
            return Ok(Some(Update::default()));
        }
        // Parse every changed file before changing anything.
        let parsed: Vec<(RecordKey, Option<model::Record>)> = keys
            .iter()
            .filter_map(|key| match self.read(key, diags) {
                Read::Missing => Some((key.clone(), None)),
                Read::Failed => None,
                Read::File(file) => self
                    .site
                    .parse_record(key, &file, &self.links, diags)
                    .map(|r| (key.clone(), Some(r))),
            })
            .collect();
        if diags.has_errors() {
            return Ok(Some(Update::default()));
        }
        // A record the public site does not hold, before or after the
        // change: the marks, the count of records not published and the
        // withheld pictures of its month are made at load, by a full build.
        let withheld = |(key, new): &(RecordKey, Option<model::Record>)| {
            self.site.withholds(key) || new.as_ref().is_some_and(|r| !self.site.publishes(r))
        };
        if parsed.iter().any(withheld) {
            return Ok(None);
        }
        let out = Output::memory();
        let Some(dropped) = self.publish_pictures(&keys, &parsed, &pictures, &out, diags) else {
            return Ok(None);
        };
        if diags.has_errors() {
            return Ok(Some(Update::default()));
        }

        let mut changes = Changes::default();
        let Some(mut prepared) = self.prepared.take() else {
            return Ok(None);
        };
        let moved = self.put(parsed, &mut changes, &mut prepared);
        let again = self.linking(&moved, &keys, diags);
        self.put(again, &mut changes, &mut prepared);
        changes.finish(&self.site);

        let later: Vec<Page> = changes
            .pages
            .iter()
            .filter(|p| deferred(p))
            .cloned()
            .collect();
        changes.pages.retain(|p| !deferred(p));
        let deferring = !later.is_empty();
        self.deferred.extend(later);
        let mut stale_prefixes = Vec::new();
        if changes.pages.contains(&Page::Sitemap) {
            stale_prefixes.push("sitemap-".to_string());
        }
        // A show's folder also holds its pictures, as many as it has slides.
        stale_prefixes.extend(changes.stale.iter().filter_map(|r| {
            let file = r.output_file();
            let dir = file.parent()?;
            let parts: Vec<_> = dir.components().collect();
            let show = parts.len() == 3 && parts[0].as_os_str() == "led";
            show.then(|| format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR))
        }));
        let renderer = Renderer::with(&self.site, prepared, &self.sizes, &out).reporting(diags);
        let pages: Vec<&Page> = changes.pages.iter().collect();
        let timings = std::env::var_os("DANGRI_TIMINGS").is_some();
        if timings {
            eprintln!(
                "    model: {:>7.1} ms",
                began.elapsed().as_secs_f64() * 1000.0
            );
        }
        let rendered: Result<()> = pages
            .par_iter()
            .map(|p| {
                let t = std::time::Instant::now();
                let result = crate::catalogue::render(&renderer, p);
                if timings {
                    let what = crate::deps::describe(&self.site, p);
                    eprintln!("    {what}: {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
                }
                result
            })
            .collect();
        self.prepared = Some(renderer.into_prepared());
        rendered?;
        Ok(Some(Update {
            written: out.into_files(),
            stale: changes
                .stale
                .iter()
                .map(|r| r.output_file())
                .chain(dropped)
                .collect(),
            stale_prefixes,
            pages: pages.len(),
            deferred: deferring,
        }))
    }

    /// Reads again the pictures of the month folders where `pictures`
    /// changed (added, replaced or deleted), and returns every record of
    /// those months: each is checked again (it may name a picture that is
    /// gone, or show one that changed).
    fn reread_pictures(&mut self, pictures: &BTreeSet<pictures::Picture>) -> Vec<RecordKey> {
        let months: BTreeSet<(usize, YearMonth)> =
            pictures.iter().map(|(b, ym, _)| (*b, *ym)).collect();
        for &(b, ym) in &months {
            let id = &self.site.branches[b].id;
            for p in self
                .site
                .done(b, ym)
                .map(|m| &m.photos)
                .into_iter()
                .flatten()
            {
                self.links.remove(&format!("branches/{id}/{ym}/{p}"));
            }
            let photos = self.month_pictures(b, ym);
            self.site.set_month_photos(b, ym, photos);
        }
        // Which pictures are withheld depends on which exist. A change of
        // the records that withholds others is a full build (see
        // `publish_pictures`); until then links follow the current rule.
        let withheld = model::withheld_pictures(&self.site);
        let mut keys = Vec::new();
        for &(b, ym) in &months {
            let Some(m) = self.site.done(b, ym) else {
                continue;
            };
            let id = &self.site.branches[b].id;
            for p in &m.photos {
                let entry = model::picture_entry(&self.site, (b, ym, p), &withheld);
                self.links.insert(format!("branches/{id}/{ym}/{p}"), entry);
            }
            keys.extend(m.records.iter().map(|&i| self.site.key(i)));
        }
        keys
    }

    /// Publishes into `out` the pictures that the site publishes after the
    /// change for the first time or that changed, and forgets those it no
    /// longer publishes. Returns the files of the forgotten ones; `None`
    /// when pages outside the changed records must be rendered again (a
    /// full build does it): the public build withholds other pictures than
    /// before (links to them come or go), or a changed picture is used by
    /// a record of another month or by another page.
    fn publish_pictures(
        &mut self,
        keys: &BTreeSet<RecordKey>,
        parsed: &[(RecordKey, Option<model::Record>)],
        changed: &BTreeSet<pictures::Picture>,
        out: &Output,
        diags: &Diagnostics,
    ) -> Option<Vec<PathBuf>> {
        let site = &self.site;
        let public = !site.internal;
        // The common save (a record's text): the same pictures, used the
        // same way, by records published as before. What is published does
        // not change, and reading every record's pictures twice (about 20
        // ms on a district's site) is spared.
        let same_uses = changed.is_empty()
            && parsed.iter().all(|(key, new)| {
                let old = site.find(key).map(|i| &site.records[i]);
                match (old, new) {
                    (Some(a), Some(b)) => {
                        a.internal == b.internal
                            && pictures::body_picture_uses(site, a)
                                == pictures::body_picture_uses(site, b)
                    }
                    _ => false,
                }
            });
        if same_uses {
            return Some(Vec::new());
        }
        let before = pictures::publication(site, site.records.all(), public);
        let unchanged = (0..site.records.len())
            .filter(|&i| !keys.contains(&site.key(i)))
            .map(|i| &site.records[i]);
        let new = parsed.iter().filter_map(|(_, r)| r.as_ref());
        let after = pictures::publication(site, unchanged.chain(new), public);
        if after.withheld != before.withheld || self.used_elsewhere(changed, keys) {
            return None;
        }
        let publish: Vec<pictures::Picture> = after
            .published
            .iter()
            .filter(|p| !self.sizes.has(site, p) || changed.contains(*p))
            .cloned()
            .collect();
        let published = photos::publish_pictures(site, &publish, out, diags);
        if diags.has_errors() {
            return Some(Vec::new());
        }
        self.sizes.merge(published);
        let mut dropped = Vec::new();
        for p in before.published.iter().chain(changed) {
            if !after.published.contains(p) {
                dropped.extend(self.sizes.forget(&self.site, p));
            }
        }
        Some(dropped)
    }

    /// Whether a changed picture is used by a record other than `keys` (a
    /// record of its month is among them) or by a branch, month, free or
    /// speaker page: its link there now leads somewhere, or no longer does.
    fn used_elsewhere(
        &self,
        changed: &BTreeSet<pictures::Picture>,
        keys: &BTreeSet<RecordKey>,
    ) -> bool {
        if changed.is_empty() {
            return false;
        }
        let site = &self.site;
        let paths: BTreeSet<String> = changed
            .iter()
            .map(|p| pictures::content_path(site, p))
            .collect();
        let by_records = (0..site.records.len())
            .filter(|&i| !keys.contains(&site.key(i)))
            .flat_map(|i| &site.records[i].uses)
            .any(|(path, _)| paths.contains(path));
        by_records
            || pictures::page_uses(site)
                .iter()
                .any(|(path, _)| paths.contains(path))
    }

    /// The records, other than `keys`, whose links point at a record that
    /// appeared or disappeared (`moved`, content paths), parsed again: the
    /// links now lead somewhere, or no longer do.
    fn linking(
        &self,
        moved: &BTreeSet<String>,
        keys: &BTreeSet<RecordKey>,
        diags: &Diagnostics,
    ) -> Vec<(RecordKey, Option<model::Record>)> {
        if moved.is_empty() {
            return Vec::new();
        }
        let points_at_moved = |r: &model::Record| {
            r.links_to
                .iter()
                .any(|to| moved.contains(to) || moved.contains(&format!("{to}.md")))
        };
        (0..self.site.records.len())
            .filter(|&i| points_at_moved(&self.site.records[i]))
            .map(|i| self.site.key(i))
            .filter(|k| !keys.contains(k))
            .filter_map(|key| match self.read(&key, diags) {
                Read::File(file) => self
                    .site
                    .parse_record(&key, &file, &self.links, diags)
                    .map(|r| (key, Some(r))),
                _ => None,
            })
            .collect()
    }

    /// Puts parsed records into the site, keeping the cards aligned and the
    /// link map current, and notes in `changes` the pages they showed in
    /// and show in. Returns the content paths of records that appeared or
    /// disappeared from the published site.
    fn put(
        &mut self,
        parsed: Vec<(RecordKey, Option<model::Record>)>,
        changes: &mut Changes,
        prepared: &mut Prepared,
    ) -> BTreeSet<String> {
        let mut whats = HashMap::new();
        for (key, new) in &parsed {
            let old = self.site.find(key).map(|i| &self.site.records[i]);
            let what = What::between(old, new.as_ref());
            changes.before(&self.site, key, what);
            whats.insert(key.clone(), what);
        }
        let keys: Vec<RecordKey> = parsed.iter().map(|(k, _)| k.clone()).collect();
        for (key, new) in parsed {
            match self.site.put_record(&key, new) {
                (Some(i), Some(j)) if i == j => {}
                (removed, inserted) => {
                    if let Some(i) = removed {
                        prepared.cards.remove(i);
                    }
                    if let Some(i) = inserted {
                        prepared.cards.insert(i, None);
                    }
                }
            }
        }
        let mut moved = BTreeSet::new();
        for key in &keys {
            let what = whats.get(key).copied().unwrap_or(What::ALL);
            let path = self.site.content_path(key);
            let published = match self.site.find(key) {
                Some(i) => {
                    prepared.cards[i] = prepared.card(&self.site, &self.sizes, i);
                    Some(i)
                }
                None => None,
            };
            let was = self.links.contains_key(&path);
            match published {
                Some(i) => {
                    let url = self.site.record_route(i).link(&self.site.config);
                    self.links.insert(path.clone(), (url, false));
                }
                None => {
                    self.links.remove(&path);
                }
            }
            if was != published.is_some() {
                moved.insert(path);
            }
            changes.after(&self.site, key, what);
        }
        moved
    }

    /// The pages changes made stale and left until asked for (the search
    /// index, the data export, the places), rendered for the current site,
    /// and the groups of old files they replace.
    pub fn deferred(&mut self) -> Result<Update> {
        let pages = std::mem::take(&mut self.deferred);
        if pages.is_empty() {
            return Ok(Update::default());
        }
        let Some(prepared) = self.prepared.take() else {
            return Ok(Update::default());
        };
        let out = Output::memory();
        let renderer = Renderer::with(&self.site, prepared, &self.sizes, &out);
        let mut stale_prefixes = Vec::new();
        let mut places = false;
        let result: Result<()> = pages.iter().try_for_each(|page| match page {
            // A place's slug depends on the others: the index and every
            // place page are rendered together, and the old ones dropped.
            Page::Places | Page::Place(_) => {
                places = true;
                Ok(())
            }
            Page::Search => {
                stale_prefixes.extend(["search/s/".into(), "search/d/".into()]);
                crate::catalogue::render(&renderer, page)
            }
            _ => crate::catalogue::render(&renderer, page),
        });
        let result = result.and_then(|()| {
            if places {
                stale_prefixes.push(format!("places{}", std::path::MAIN_SEPARATOR));
                for kind in ["places", "place"] {
                    if let Some(k) = crate::catalogue::KINDS.iter().find(|k| k.name == kind) {
                        crate::catalogue::render_kind(&renderer, k)?;
                    }
                }
            }
            Ok(())
        });
        self.prepared = Some(renderer.into_prepared());
        if let Err(e) = result {
            // Try again at the next request.
            self.deferred = pages;
            return Err(e);
        }
        Ok(Update {
            written: out.into_files(),
            stale_prefixes,
            pages: pages.len(),
            ..Update::default()
        })
    }

    fn classify(&self, path: &Path) -> Change {
        // Paths are under the root as given to the watcher (`serve` makes it
        // absolute); anything else is not ours to understand.
        let Ok(rel) = path.strip_prefix(&self.site.root) else {
            return Change::Full;
        };
        let parts: Vec<String> = rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        if parts.iter().any(|p| load::is_ignored(p)) {
            return Change::Ignored;
        }
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        match parts.as_slice() {
            ["content", "branches", b, m, file] if *file != "_index.md" => {
                let picture = load::is_image(file);
                if !file.ends_with(".md") && !picture {
                    // The loader skips other files.
                    return Change::Ignored;
                }
                let Some(branch) = self.site.branches.iter().position(|x| x.id == *b) else {
                    return Change::Full;
                };
                let Some(ym) = YearMonth::parse(m).filter(|ym| ym.to_string() == *m) else {
                    return Change::Full;
                };
                if self.site.done(branch, ym).is_none() || path.is_dir() {
                    return Change::Full;
                }
                if picture {
                    return Change::Picture((branch, ym, file.to_string()));
                }
                Change::Record(RecordKey {
                    branch,
                    ym,
                    id: file.trim_end_matches(".md").to_string(),
                })
            }
            _ => Change::Full,
        }
    }

    /// The pictures of a month folder on disk, in the loader's order.
    fn month_pictures(&self, b: usize, ym: YearMonth) -> Vec<String> {
        let dir = self
            .site
            .root
            .join("content/branches")
            .join(&self.site.branches[b].id)
            .join(ym.to_string());
        // The loader's rules: UTF-8 names, no link out of the site (a full
        // build reports the others).
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.flatten()
                    .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
                    .filter(|e| load::may_follow(&self.site.root, &e.path()))
                    .filter_map(|e| e.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
            .into_iter()
            .filter(|n| !load::is_ignored(n) && load::is_image(n))
            .collect()
    }

    fn read(&self, key: &RecordKey, diags: &Diagnostics) -> Read {
        let path = self
            .site
            .root
            .join("content")
            .join(self.site.content_path(key));
        load::read_text(&self.site.root, &path, diags)
    }
}
