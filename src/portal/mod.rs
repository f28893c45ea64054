//! `dangri portal`: a city's or a province's site built from many
//! districts' open data exports (`/data/`, see `crate::data`), never from
//! their Markdown. `config` reads `portal.yaml`, `read` each district's
//! export, `summary` makes the figures, `html` writes the pages; the
//! output is written aside and swapped in like a build's (`crate::output`).
//!
//! A district that cannot be read is a problem of that district, not of
//! the portal: it is reported with the reason, marked missing on the
//! index, and the portal builds with the others.

mod config;
mod html;
mod read;
mod search;
mod strings;
mod summary;

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::output::Output;

pub use config::{DistrictSource, PortalConfig};

/// What `dangri portal` was asked to do.
pub struct PortalOptions {
    /// The folder holding `portal.yaml`.
    pub dir: PathBuf,
    pub out: PathBuf,
}

/// What happened.
pub struct PortalReport {
    /// Each district that could not be read: its name and why.
    pub unreadable: Vec<(String, String)>,
    /// How many districts were read.
    pub read: usize,
    pub pages: usize,
}

/// `DIR/public`.
pub fn default_out(dir: &Path) -> PathBuf {
    dir.join("public")
}

/// Reads every district and writes the portal. An error is the portal's
/// own (`portal.yaml`, the output); a district's is in the report.
pub fn build(opts: &PortalOptions) -> Result<PortalReport> {
    let config = config::load(&opts.dir)?;
    let results: Vec<Result<read::DistrictData>> = config
        .districts
        .iter()
        .map(|d| read::district(&d.data))
        .collect();
    let mut unreadable = Vec::new();
    let mut data = Vec::new();
    for (d, r) in config.districts.iter().zip(&results) {
        match r {
            Ok(x) => data.push(Some(x)),
            Err(e) => {
                unreadable.push((d.name.clone(), format!("{e:#}")));
                data.push(None);
            }
        }
    }
    let read = data.iter().flatten().count();
    let mut report = PortalReport {
        unreadable,
        read,
        pages: 0,
    };
    if read == 0 {
        return Ok(report);
    }
    let summary = summary::Summary::of(&data);
    let cx = html::Ctx {
        config: &config,
        s: config.lang.strings(),
        data: &data,
    };
    let mut pages: Vec<(PathBuf, String)> = vec![("index.html".into(), html::index(&cx, &summary))];
    pages.extend(
        html::lectures(&cx, &summary::lectures(&data))
            .into_iter()
            .map(|(rel, html)| (PathBuf::from(rel), html)),
    );
    for (i, (d, f)) in data.iter().zip(&summary.districts).enumerate() {
        if let (Some(d), Some(f)) = (d, f) {
            pages.push((
                PathBuf::from(format!("districts/{}/index.html", i + 1)),
                html::district(&cx, i, d, f),
            ));
        }
    }
    // The districts' data folders are not to be replaced by the portal.
    let protected: Vec<PathBuf> = config.districts.iter().map(|d| d.data.clone()).collect();
    let out = Output::begin(&opts.out, &protected)?;
    let written = search::files(&cx).and_then(|files| {
        pages
            .iter()
            .map(|(rel, html)| (rel, html.as_bytes()))
            .chain(files.iter().map(|(rel, bytes)| (rel, bytes.as_slice())))
            .try_for_each(|(rel, bytes)| out.write(rel, bytes))
            .and_then(|()| out.write(Path::new("style.css"), html::STYLE.as_bytes()))
    });
    if let Err(e) = written {
        // The portal's own messages are in English.
        if let Some(note) = out.abandon() {
            eprintln!("warning: {}", note.text(crate::msg::Lang::En));
        }
        return Err(e);
    }
    out.finish()?;
    report.pages = pages.len();
    Ok(report)
}
