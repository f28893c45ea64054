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

pub(crate) use config::PortalConfig;

/// What `dangri portal` was asked to do.
pub(crate) struct PortalOptions {
    /// The folder holding `portal.yaml`.
    pub dir: PathBuf,
    pub out: PathBuf,
}

/// What happened.
pub(crate) struct PortalReport {
    /// Each district that could not be read: its name and why.
    pub unreadable: Vec<(String, String)>,
    /// How many districts were read.
    pub read: usize,
    pub pages: usize,
}

/// `DIR/public`.
pub(crate) fn default_out(dir: &Path) -> PathBuf {
    dir.join("public")
}

/// Reads every district and writes the portal. An error is the portal's
/// own (`portal.yaml`, the output); a district's is in the report.
pub(crate) fn build(opts: &PortalOptions) -> Result<PortalReport> {
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

#[cfg(test)]
pub(super) mod tests {
    use std::path::{Path, PathBuf};

    use super::config::{DistrictSource, PortalConfig};
    use super::strings::Lang;
    use super::*;

    /// A record of a test export: id, branch, date, kind, and the month
    /// of the file it is in.
    pub(crate) type Rec = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    );

    /// Writes a district's export under `dir/name` (its site at
    /// `https://<name>.example.org/`, branches `a` and `b`) and returns
    /// its folder. Titles are `TITLE <id>`.
    pub(crate) fn export(dir: &Path, name: &str, records: &[Rec]) -> PathBuf {
        let data = dir.join(name).join("data");
        std::fs::create_dir_all(data.join("records")).unwrap();
        let mut months: Vec<&str> = records.iter().map(|r| r.4).collect();
        months.sort_unstable();
        months.dedup();
        let url = format!("https://{name}.example.org/");
        let site = serde_json::json!({
            "format": "dangri-site", "version": crate::data::VERSION,
            "site": { "url": url },
            "months": months,
            "committees": [{ "name": "C", "branches": ["a", "b"] }],
            "branches": [
                { "id": "a", "name": "Branch A", "url": format!("{url}a/"), "months": [] },
                { "id": "b", "name": "Branch B", "url": format!("{url}b/"), "months": [] },
            ],
            "files": months.iter().map(|m| serde_json::json!({ "month": m })).collect::<Vec<_>>(),
        });
        std::fs::write(data.join("site.json"), site.to_string()).unwrap();
        for m in &months {
            let rows: Vec<_> = records
                .iter()
                .filter(|r| r.4 == *m)
                .map(|(id, branch, date, kind, _)| {
                    serde_json::json!({
                        "id": id, "branch": branch, "date": date, "kind": kind,
                        "title": format!("TITLE {id}"),
                        "url": format!("{url}{branch}/{id}/"),
                    })
                })
                .collect();
            let file = serde_json::json!({
                "format": "dangri-records", "version": crate::data::VERSION, "records": rows,
            });
            std::fs::write(data.join(format!("records/{m}.json")), file.to_string()).unwrap();
        }
        data
    }

    /// A portal of the districts `(name, data)`.
    pub(crate) fn config(districts: &[(&str, PathBuf)]) -> PortalConfig {
        PortalConfig {
            title: "P".into(),
            base_url: "https://portal.example.org/".into(),
            lang: Lang::En,
            districts: districts
                .iter()
                .map(|(name, data)| DistrictSource {
                    name: name.to_string(),
                    url: format!("https://{name}.portal.example.org/"),
                    data: data.clone(),
                })
                .collect(),
        }
    }

    const RECORDS: &[Rec] = &[
        ("r1", "a", "2026-05-03", "lecture", "2026-05"),
        ("r2", "b", "2026-05-03", "study", "2026-05"),
        ("r3", "a", "2026-06-01", "lecture", "2026-06"),
    ];

    #[test]
    fn the_portal_holds_one_district_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let mut districts: Vec<(&str, PathBuf)> = ["d1", "d2", "d3"]
            .into_iter()
            .map(|n| (n, export(dir.path(), n, RECORDS)))
            .collect();
        districts.insert(1, ("gone", dir.path().join("gone")));
        let root = dir.path().join("portal");
        std::fs::create_dir_all(&root).unwrap();
        let c = config(&districts);
        let yaml: String = c
            .districts
            .iter()
            .map(|d| {
                format!(
                    "  - {{ name: {}, url: {}, data: '{}' }}\n",
                    d.name,
                    d.url,
                    d.data.display()
                )
            })
            .collect();
        std::fs::write(
            root.join("portal.yaml"),
            format!("title: P\nbase_url: https://portal.example.org/\ndistricts:\n{yaml}"),
        )
        .unwrap();
        read::HELD.with(|h| h.set((0, 0)));
        let report = build(&PortalOptions {
            dir: root.clone(),
            out: root.join("public"),
        })
        .unwrap();
        assert_eq!(report.read, 3);
        assert_eq!(report.unreadable.len(), 1);
        assert!(root.join("public/districts/4/index.html").is_file());
        assert!(root.join("public/search/index.json").is_file());
        assert_eq!(
            read::HELD.with(std::cell::Cell::get),
            (0, 1),
            "(districts held after the build, most held at once)"
        );
    }

    #[test]
    fn what_is_kept_of_a_district_holds_no_record() {
        let dir = tempfile::tempdir().unwrap();
        let data = export(dir.path(), "d1", RECORDS);
        let d = read::district(&data).unwrap();
        let counts = summary::counts(&d);
        let mut lectures = Vec::new();
        let kept = summary::Kept::of(
            0,
            "https://d1.portal.example.org/",
            d,
            counts,
            &mut lectures,
        );
        let text = format!("{kept:?}");
        assert!(!text.contains("TITLE"), "{text}");
        assert_eq!(kept.search_docs, 3);
        assert_eq!(kept.counts.lectures, 2);
        // The lectures' rows are kept apart, for the combined index.
        let titles: Vec<&str> = lectures.iter().map(|l| l.title.as_str()).collect();
        assert_eq!(titles, ["TITLE r3", "TITLE r1"]);
    }
}
