//! Loading a site: the configuration and the sources read, validated file
//! by file (branches in parallel), then put together into one `Site` with
//! its indices (records in load order, speakers' lectures, committees, the
//! months the site spans) and the checks that need the whole of it.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;

use super::bodies::render_bodies;
use super::branches::branch;
use super::months::{month_range, warn_far_months};
use super::names::report_clashes;
use super::pages::pages;
use super::speakers::speakers;
use super::{Branch, Committee, Record, Records, Site};
use crate::config::Config;
use crate::diag::Diagnostics;
use crate::load::{self, Sources};

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
}

pub(super) fn build(
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

    let months = month_range(&branches);
    warn_far_months(&branches, diags);

    let pages = pages(&sources.pages, unsafe_html, diags);
    let mut site = Site {
        root: root.to_path_buf(),
        config,
        internal,
        committees,
        branches,
        records: Records::new(records),
        speakers,
        speaker_files: sources.speaker_files,
        pages,
        statics: sources.statics,
        months,
        files_read,
        unpublished_uses: Vec::new(),
        git: std::sync::OnceLock::new(),
    };
    for i in 0..site.speakers.len() {
        let mut l = std::mem::take(&mut site.speakers[i].lectures);
        site.sort_newest_first(&mut l);
        site.speakers[i].lectures = l;
    }
    report_clashes(&site, diags);
    if !internal {
        super::published::withhold_unpublished(&mut site);
    }
    site
}
