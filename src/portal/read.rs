//! Reading a district's `data/` export: `site.json`, then the records file
//! of each month it lists. The types mirror `crate::data` (which borrows
//! from the model to serialize and cannot deserialize) and hold only what
//! the portal shows; fields they do not name are ignored, as `docs/data.md`
//! asks of a reader.

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::data::VERSION;

/// What every file of the export starts with.
#[derive(Deserialize)]
struct Header {
    format: String,
    version: u64,
}

#[derive(Debug, Deserialize)]
pub(super) struct SiteFile {
    pub site: SiteInfo,
    pub months: Vec<String>,
    /// Months before their deadline (absent from exports made before it
    /// was added: every month over).
    #[serde(default)]
    pub in_progress: Vec<MonthProgress>,
    pub committees: Vec<Committee>,
    pub branches: Vec<Branch>,
    pub files: Vec<FileEntry>,
    /// Absent from exports made before the assessment was exported.
    #[serde(default)]
    pub assessments: Vec<AssessmentEntry>,
}

#[derive(Debug, Deserialize)]
pub(super) struct AssessmentEntry {
    pub year: u16,
}

/// `assessment/<YYYY>.json`: the fields the portal shows.
#[derive(Debug, Deserialize)]
pub(super) struct Assessment {
    pub year: u16,
    pub in_progress: bool,
    pub grades: Vec<Grade>,
    pub branches: Vec<Score>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Grade {
    pub name: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct Score {
    pub score: f64,
    pub grade: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct MonthProgress {
    pub month: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct SiteInfo {
    pub url: String,
    #[serde(default)]
    pub internal: bool,
}

#[derive(Debug, Deserialize)]
pub(super) struct Committee {
    pub name: String,
    pub branches: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Branch {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub founded: Option<String>,
    pub url: String,
    pub months: Vec<BranchMonth>,
}

#[derive(Debug, Deserialize)]
pub(super) struct BranchMonth {
    pub month: String,
    pub complete: bool,
    pub lectures: usize,
}

#[derive(Debug, Deserialize)]
pub(super) struct FileEntry {
    pub month: String,
}

#[derive(Debug, Deserialize)]
struct RecordsFile {
    records: Vec<Record>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Record {
    pub id: String,
    pub branch: String,
    pub date: String,
    pub kind: String,
    pub title: String,
    pub url: String,
    #[serde(default)]
    pub lecture_url: Option<String>,
    #[serde(default)]
    pub speaker: Option<Speaker>,
    #[serde(default)]
    pub location: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Speaker {
    pub name: String,
}

/// A district's export, read whole: held while that district's page is
/// written and what the portal keeps of it is taken, then dropped
/// (`super::build` reads one district at a time).
#[derive(Debug)]
pub(super) struct DistrictData {
    pub site: SiteFile,
    /// Every record of every month file, in the files' order.
    pub records: Vec<Record>,
    /// The assessment of every year `site.json` lists, ascending.
    pub assessments: Vec<Assessment>,
    /// How to read the records again, for the search.
    pub again: Again,
    /// Counts the districts held at once, for `super::tests`.
    #[cfg(test)]
    #[expect(dead_code, reason = "never read: its Drop counts")]
    pub held: Held,
}

#[cfg(test)]
thread_local! {
    /// How many districts this thread holds, and the most it held at once.
    pub static HELD: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, 0)) };
}

/// One district held, as long as it lives.
#[cfg(test)]
#[derive(Debug)]
pub(super) struct Held(());

#[cfg(test)]
impl Held {
    fn new() -> Held {
        HELD.with(|h| {
            let (now, most) = h.get();
            h.set((now + 1, most.max(now + 1)));
        });
        Held(())
    }
}

#[cfg(test)]
impl Drop for Held {
    fn drop(&mut self) {
        HELD.with(|h| {
            let (now, most) = h.get();
            h.set((now - 1, most));
        });
    }
}

/// How to read a district's records again, a part at a time, newest part
/// first, each part's records newest first as [`sort`] orders them: one
/// month file a part when every record's date is in its file's month and
/// no month is listed twice (as `dangri build` writes an export), else the
/// whole district as one part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Again {
    /// The parts, oldest first (the next to read is the last); each the
    /// months of its files, in `site.json`'s order.
    pub parts: Vec<Vec<String>>,
    /// A part is a month: its records' dates are all in it.
    pub by_month: bool,
}

impl Again {
    /// The parts for the month files `site.json` lists, in its order;
    /// `in_month` when every record's date is in its file's month.
    fn of(files: &[FileEntry], in_month: bool) -> Again {
        let mut months: Vec<&str> = files.iter().map(|f| f.month.as_str()).collect();
        months.sort_unstable();
        let distinct = months.windows(2).all(|w| w[0] != w[1]);
        let by_month = distinct && in_month;
        let parts = if by_month {
            months.into_iter().map(|m| vec![m.to_string()]).collect()
        } else {
            vec![files.iter().map(|f| f.month.clone()).collect()]
        };
        Again { parts, by_month }
    }

    /// The next part's records, newest first; `None` when every part was
    /// read. A part whose dates are no longer in its month (the export
    /// changed since it was first read) is an error.
    pub(super) fn read_next(&mut self, data: &Path) -> Option<Result<Vec<Record>>> {
        let part = self.parts.pop()?;
        let read = || -> Result<Vec<Record>> {
            let mut records = Vec::new();
            for m in &part {
                records.extend(month(data, m)?);
            }
            if self.by_month
                && let [m] = part.as_slice()
                && let Some(r) = records.iter().find(|r| r.date.get(..7) != Some(m.as_str()))
            {
                bail!(
                    "{}: record {} is dated {}, outside the month: the export changed while the portal was built",
                    data.join("records").join(format!("{m}.json")).display(),
                    r.id,
                    r.date
                );
            }
            sort(&mut records);
            Ok(records)
        };
        Some(read())
    }
}

/// Newest first, then by branch and id; records alike keep their order.
pub(super) fn sort(records: &mut [Record]) {
    records.sort_by(newest_first);
}

/// The order of a district's records on the portal: newest first, then by
/// branch and id.
pub(super) fn newest_first(a: &Record, b: &Record) -> std::cmp::Ordering {
    b.date
        .cmp(&a.date)
        .then(a.branch.cmp(&b.branch))
        .then(a.id.cmp(&b.id))
}

/// Reads the export in the folder `data` (the one holding `site.json`).
/// The error says which file and why, for the district's line on stderr.
pub(super) fn district(data: &Path) -> Result<DistrictData> {
    if !data.is_dir() {
        bail!("{} is not a folder", data.display());
    }
    let site: SiteFile = file(&data.join("site.json"), "dangri-site")?;
    if site.site.internal {
        bail!(
            "{}: this is an internal build's export, which is never published",
            data.join("site.json").display()
        );
    }
    let mut records = Vec::new();
    let mut in_month = true;
    for f in &site.files {
        if !is_month(&f.month) {
            bail!(
                "{}: files[].month `{}` is not YYYY-MM",
                data.join("site.json").display(),
                f.month
            );
        }
        let these = month(data, &f.month)?;
        in_month &= these
            .iter()
            .all(|r| r.date.get(..7) == Some(f.month.as_str()));
        records.extend(these);
    }
    let again = Again::of(&site.files, in_month);
    let mut assessments = Vec::new();
    for a in &site.assessments {
        let path = data.join("assessment").join(format!("{}.json", a.year));
        assessments.push(file::<Assessment>(&path, "dangri-assessment")?);
    }
    Ok(DistrictData {
        site,
        records,
        assessments,
        again,
        #[cfg(test)]
        held: Held::new(),
    })
}

/// The records of one month's file (`month` is `YYYY-MM`, checked by
/// [`district`]).
fn month(data: &Path, month: &str) -> Result<Vec<Record>> {
    let path = data.join("records").join(format!("{month}.json"));
    let file: RecordsFile = file(&path, "dangri-records")?;
    Ok(file.records)
}

/// One file of the export: its `format` and `version` checked first, so a
/// file of another version is reported as such, not as a missing field.
fn file<T: DeserializeOwned>(path: &Path, format: &str) -> Result<T> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let header: Header = serde_json::from_slice(&bytes)
        .with_context(|| format!("{}: not a dangri data file", path.display()))?;
    if header.format != format {
        bail!(
            "{}: format is `{}`, expected `{format}`",
            path.display(),
            header.format
        );
    }
    if header.version != u64::from(VERSION) {
        bail!(
            "{}: version {}, but this dangri reads version {VERSION}",
            path.display(),
            header.version
        );
    }
    serde_json::from_slice(&bytes).with_context(|| format!("{}", path.display()))
}

/// `YYYY-MM`, nothing else: the month names a file to read.
pub(super) fn is_month(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit())
        && matches!(
            &s[5..],
            "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(months: &[&str]) -> Vec<FileEntry> {
        months
            .iter()
            .map(|m| FileEntry {
                month: m.to_string(),
            })
            .collect()
    }

    #[test]
    fn records_are_read_again_a_month_at_a_time_only_when_the_months_hold_them() {
        let again = Again::of(&files(&["2026-05", "2026-07", "2026-06"]), true);
        assert!(again.by_month);
        assert_eq!(again.parts, [["2026-05"], ["2026-06"], ["2026-07"]]);
        // A record outside its file's month, or a month listed twice: the
        // months' order is not the records', so the district is one part.
        for again in [
            Again::of(&files(&["2026-05", "2026-06"]), false),
            Again::of(&files(&["2026-06", "2026-05", "2026-06"]), true),
        ] {
            assert!(!again.by_month);
            assert_eq!(again.parts.len(), 1);
        }
    }

    #[test]
    fn a_month_names_no_other_file() {
        assert!(is_month("2026-05"));
        assert!(!is_month("2026-13"));
        assert!(!is_month("../../x"));
        assert!(!is_month("2026-5"));
    }

    #[test]
    fn version_and_format_are_checked_before_the_fields() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("site.json");
        std::fs::write(&p, r#"{"format":"dangri-site","version":2}"#).unwrap();
        let e = format!("{:#}", file::<SiteFile>(&p, "dangri-site").unwrap_err());
        assert!(e.contains("version 2"), "{e}");
        std::fs::write(&p, r#"{"format":"other","version":1}"#).unwrap();
        let e = format!("{:#}", file::<SiteFile>(&p, "dangri-site").unwrap_err());
        assert!(e.contains("format is `other`"), "{e}");
        std::fs::write(&p, "{").unwrap();
        let e = format!("{:#}", file::<SiteFile>(&p, "dangri-site").unwrap_err());
        assert!(e.contains("not a dangri data file"), "{e}");
    }
}
