//! `dangri portal`: a city's or a province's site built from many
//! districts' open data exports (`/data/`, see `crate::data`), never from
//! their Markdown. `config` reads `portal.yaml`, `read` each district's
//! export, `summary` makes the figures, `html` writes the pages, `search`
//! the index over every district; the output is written aside and swapped
//! in like a build's (`crate::output`).
//!
//! Districts are read one at a time, so that a province of a hundred
//! districts needs the memory of one: a district's export is read whole,
//! its own page written, what the pages over all districts need kept
//! (`summary::Kept`, and its lectures as the combined index shows them),
//! and the rest dropped before the next is read. The search then reads
//! the month files again (`search::Merged`).
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
    // Begun once a district was read: nothing is written when none is.
    let mut out = None;
    match write(&config, opts, &mut out) {
        Ok(report) => {
            if let Some(out) = out {
                out.finish()?;
            }
            Ok(report)
        }
        Err(e) => {
            // The portal's own messages are in English.
            if let Some(note) = out.and_then(Output::abandon) {
                eprintln!("warning: {}", note.text(crate::msg::Lang::En));
            }
            Err(e)
        }
    }
}

/// Reads the districts one at a time, writing each one's page, then the
/// pages over all of them, into `out` (begun at the first district read).
fn write(
    config: &PortalConfig,
    opts: &PortalOptions,
    out: &mut Option<Output>,
) -> Result<PortalReport> {
    // The districts' data folders are not to be replaced by the portal.
    let protected: Vec<PathBuf> = config.districts.iter().map(|d| d.data.clone()).collect();
    let mut report = PortalReport {
        unreadable: Vec::new(),
        read: 0,
        pages: 0,
    };
    let reading = html::Ctx {
        config,
        s: config.lang.strings(),
        districts: &[],
    };
    let mut kept = Vec::with_capacity(config.districts.len());
    let mut lectures = Vec::new();
    for (i, d) in config.districts.iter().enumerate() {
        let data = match read::district(&d.data) {
            Ok(data) => data,
            Err(e) => {
                report.unreadable.push((d.name.clone(), format!("{e:#}")));
                kept.push(None);
                continue;
            }
        };
        let counts = summary::counts(&data);
        let out = match out {
            Some(out) => out,
            None => out.insert(Output::begin(&opts.out, &protected)?),
        };
        out.write(
            &PathBuf::from(format!("districts/{}/index.html", i + 1)),
            html::district(&reading, i, &data, &counts).as_bytes(),
        )?;
        report.pages += 1;
        report.read += 1;
        kept.push(Some(summary::Kept::of(
            i,
            &d.url,
            data,
            counts,
            &mut lectures,
        )));
    }
    let Some(out) = out else {
        return Ok(report);
    };
    summary::order(&mut lectures);
    let summary = summary::Summary::of(&kept);
    let cx = html::Ctx {
        config,
        s: config.lang.strings(),
        districts: &kept,
    };
    out.write(
        Path::new("index.html"),
        html::index(&cx, &summary).as_bytes(),
    )?;
    report.pages += 1;
    report.pages += html::lectures(&cx, &lectures, |rel, html| {
        out.write(Path::new(rel), html.as_bytes())
    })?;
    drop(lectures);
    search::files(&cx, |rel, bytes| out.write(rel, bytes))?;
    out.write(Path::new("style.css"), html::STYLE.as_bytes())?;
    Ok(report)
}
