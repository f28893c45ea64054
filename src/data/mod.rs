//! The open data export under `/data/`: what the site publishes, as
//! versioned JSON for other programs (the districts' 智慧党建 platforms,
//! `dangri portal`). `site.json` holds the branches, committees, months and
//! five-things marks; `records/<YYYY-MM>.json` the metadata of one month's
//! records (no bodies, their URLs; a month, so that `serve` writes a small
//! file again after a save). Each file has a JSON Schema, kept in
//! this folder and published beside the files (`schema/`); a unit test
//! derives the schemas from the types below and compares, so the two
//! cannot drift. Fields are documented in `docs/data.md`.
//!
//! It is made from the published view like every page: a public build's
//! site holds no internal record and no member name, so its export cannot
//! carry one. Attendance is exported as counts, in either build.

use anyhow::Result;
use serde::Serialize;

use crate::date::YearMonth;
use crate::kind::{Kind, KindSet};
use crate::model::{Record, Site};
use crate::render::Renderer;
use crate::urls::{self, Route};

/// The export's version: a change that breaks a reader increments it.
pub(crate) const VERSION: u32 = 1;

pub(crate) const SITE_SCHEMA: &str = include_str!("site.schema.json");
pub(crate) const RECORDS_SCHEMA: &str = include_str!("records.schema.json");
pub(crate) const ASSESSMENT_SCHEMA: &str = include_str!("assessment.schema.json");

pub(crate) fn site_route() -> Route {
    Route::file(["data", "site.json"])
}

pub(crate) fn month_route(ym: YearMonth) -> Route {
    Route::file([
        "data".to_string(),
        "records".to_string(),
        format!("{ym}.json"),
    ])
}

pub(crate) fn assessment_route(year: u16) -> Route {
    Route::file([
        "data".to_string(),
        "assessment".to_string(),
        format!("{year}.json"),
    ])
}

/// `/data/site.json`.
#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(title = "dangri site data"))]
pub(crate) struct SiteData<'a> {
    /// Always `dangri-site`.
    pub format: &'static str,
    /// The export's version (`data::VERSION`).
    pub version: u32,
    pub site: SiteInfo<'a>,
    /// Every month the site spans, ascending (`YYYY-MM`).
    pub months: Vec<String>,
    /// The months of `months` still in progress on the day of the build:
    /// their records are on time until the deadline, so a branch without
    /// one, or without all five things, has not failed yet. Empty when
    /// every month is over.
    pub in_progress: Vec<MonthProgress>,
    pub committees: Vec<CommitteeData<'a>>,
    pub branches: Vec<BranchData<'a>>,
    pub speakers: Vec<SpeakerData<'a>>,
    /// The files of records, one per month with records, ascending.
    pub files: Vec<RecordsFile>,
    /// The files of the yearly assessment (一年一考核), one per year the
    /// site spans, ascending.
    pub assessments: Vec<AssessmentFile>,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct AssessmentFile {
    pub year: u16,
    /// The file's address.
    pub url: String,
}

/// `/data/assessment/<YYYY>.json`: the scores the site's `/assessment/`
/// page shows, a branch a row.
#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(title = "dangri yearly assessment"))]
pub(crate) struct AssessmentData {
    /// Always `dangri-assessment`.
    pub format: &'static str,
    pub version: u32,
    pub year: u16,
    /// The year is scored on part of it (its December is not counted yet).
    pub in_progress: bool,
    /// The last month counted (`YYYY-MM`), when any is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub through: Option<String>,
    /// The grades, best first, with the least score of each.
    pub grades: Vec<GradeData>,
    /// Every branch that was due a Party Day in the year, by committee
    /// (the site's order), best first within each.
    pub branches: Vec<BranchScore>,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct GradeData {
    pub name: String,
    pub min: u32,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct BranchScore {
    /// The branch's id (`site.json`).
    pub branch: String,
    pub committee: String,
    /// Months the branch was due a Party Day.
    pub due: u32,
    /// Months with a Party Day on record.
    pub on_record: u32,
    /// Months with all five things.
    pub complete: u32,
    /// Of 100, one decimal.
    pub score: f64,
    /// The grade's name (`grades`).
    pub grade: String,
}

/// A month in progress (`party_day` of `site.yaml`, `docs/content.md`).
#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct MonthProgress {
    /// `YYYY-MM`.
    pub month: String,
    /// The day of the build (`YYYY-MM-DD`): the month's figures are as of
    /// it.
    pub as_of: String,
    /// The last day the month's records are on time (`YYYY-MM-DD`).
    pub deadline: String,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct SiteInfo<'a> {
    pub title: &'a str,
    /// The site's address, with a trailing slash.
    pub url: String,
    /// `zh-CN` or `en`.
    pub language: &'static str,
    /// Whether this is the internal build's export (never published).
    pub internal: bool,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct CommitteeData<'a> {
    pub name: &'a str,
    /// Branch ids, in the site's order.
    pub branches: Vec<&'a str>,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct BranchData<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub committee: &'a str,
    /// `village`, `community`, `enterprise`, `social`, `organ` or `school`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<u64>,
    /// `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub founded: Option<String>,
    pub url: String,
    /// The month folders of the branch, ascending.
    pub months: Vec<MonthData>,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct MonthData {
    /// `YYYY-MM`.
    pub month: String,
    pub url: String,
    /// The five things done this month (`study`, `meeting`, `practice`,
    /// `affairs`, `lecture`), records not published included.
    pub things: Vec<&'static str>,
    /// All five done.
    pub complete: bool,
    /// Records published.
    pub records: usize,
    /// Records of the month this build does not publish.
    pub withheld: usize,
    /// Lectures published.
    pub lectures: usize,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct SpeakerData<'a> {
    pub id: &'a str,
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<&'a str>,
    pub topics: &'a [String],
    pub url: String,
    /// Lectures published.
    pub lectures: usize,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct RecordsFile {
    /// `YYYY-MM`.
    pub month: String,
    /// The file's address.
    pub url: String,
    /// Records in it.
    pub records: usize,
}

/// `/data/records/<YYYY-MM>.json`.
#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[cfg_attr(test, schemars(title = "dangri records of a month"))]
pub(crate) struct MonthRecords<'a> {
    /// Always `dangri-records`.
    pub format: &'static str,
    pub version: u32,
    /// `YYYY-MM`.
    pub month: String,
    /// The month's records by branch (the site's order), date, kind and
    /// id.
    pub records: Vec<RecordData<'a>>,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct RecordData<'a> {
    /// The file name without `.md`: unique within its month folder.
    pub id: &'a str,
    /// The branch's id (`site.json`).
    pub branch: &'a str,
    /// `YYYY-MM`: the month folder.
    pub month: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `study`, `meeting`, `practice`, `affairs` or `lecture`.
    pub kind: &'static str,
    pub title: &'a str,
    pub url: String,
    /// A lecture's phone page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lecture_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<SpeakerRef<'a>>,
    /// Minutes, for a lecture.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<&'a str>,
    pub tags: &'a [String],
    /// Photos listed under `photos:`.
    pub photos: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendance: Option<AttendanceData>,
    /// `internal` for a record only the internal build publishes; absent
    /// otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<&'static str>,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct SpeakerRef<'a> {
    pub name: &'a str,
    /// The pool speaker's id (`site.json`), when the speaker is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
}

/// Attendance as counts; the export never carries a member's name.
#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct AttendanceData {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub present: Option<u64>,
    pub excused: usize,
    pub absent: usize,
}

fn things(done: KindSet) -> Vec<&'static str> {
    Kind::all()
        .filter(|&k| done.contains(k))
        .map(Kind::word)
        .collect()
}

/// The data of `site.json`.
pub(crate) fn site_data(site: &Site) -> SiteData<'_> {
    let c = &site.config;
    let mut per_month: std::collections::BTreeMap<YearMonth, usize> = Default::default();
    for r in site.records.all() {
        *per_month.entry(r.ym).or_default() += 1;
    }
    SiteData {
        format: "dangri-site",
        version: VERSION,
        site: SiteInfo {
            title: &c.title,
            url: Route::home().absolute(c),
            language: c.language.code(),
            internal: site.internal,
        },
        months: site.months.iter().map(|m| m.to_string()).collect(),
        in_progress: site
            .months
            .iter()
            .filter_map(|&m| match crate::report::progress(site, m) {
                crate::report::Progress::Over => None,
                crate::report::Progress::InProgress { today, deadline } => Some(MonthProgress {
                    month: m.to_string(),
                    as_of: today.to_string(),
                    deadline: deadline.to_string(),
                }),
            })
            .collect(),
        committees: site
            .committees
            .iter()
            .map(|cm| CommitteeData {
                name: &cm.name,
                branches: cm
                    .branches
                    .iter()
                    .map(|&b| site.branches[b].id.as_str())
                    .collect(),
            })
            .collect(),
        branches: site
            .branches
            .iter()
            .map(|b| BranchData {
                id: &b.id,
                name: &b.name,
                committee: &b.committee,
                category: b.category.map(|c| c.word()),
                members: b.members,
                founded: b.founded.map(|d| d.to_string()),
                url: urls::branch(&b.id).absolute(c),
                months: b
                    .months
                    .iter()
                    .map(|m| MonthData {
                        month: m.ym.to_string(),
                        url: urls::month(&b.id, m.ym).absolute(c),
                        things: things(m.done),
                        complete: m.done.is_complete(),
                        records: m.records.len(),
                        withheld: m.withheld.len(),
                        lectures: m
                            .records
                            .iter()
                            .filter(|&&i| site.records.peek(i).kind == Kind::Lecture)
                            .count(),
                    })
                    .collect(),
            })
            .collect(),
        speakers: site
            .speakers
            .iter()
            .map(|s| SpeakerData {
                id: &s.id,
                name: &s.name,
                title: s.title.as_deref(),
                organization: s.organization.as_deref(),
                topics: &s.topics,
                url: urls::speaker(&s.id).absolute(c),
                lectures: s.lectures.len(),
            })
            .collect(),
        files: per_month
            .into_iter()
            .map(|(ym, records)| RecordsFile {
                month: ym.to_string(),
                url: month_route(ym).absolute(c),
                records,
            })
            .collect(),
        assessments: crate::report::assessment::years(site)
            .into_iter()
            .map(|year| AssessmentFile {
                year,
                url: assessment_route(year).absolute(c),
            })
            .collect(),
    }
}

/// The assessment of `year` as the export gives it; `grade` names a grade
/// by its index (the site's name, or the theme's word).
pub(crate) fn assessment_data(
    site: &Site,
    year: u16,
    grade: impl Fn(usize) -> String,
) -> AssessmentData {
    let a = crate::report::assessment::assess(site, year);
    let rules = &site.config.assessment;
    AssessmentData {
        format: "dangri-assessment",
        version: VERSION,
        year,
        in_progress: a.in_progress,
        through: a.through.map(|m| m.to_string()),
        grades: (0..rules.grades.len())
            .map(|i| GradeData {
                name: grade(i),
                min: rules.grades[i].min,
            })
            .collect(),
        branches: a
            .committees
            .iter()
            .flat_map(|(ci, rows)| rows.iter().map(move |row| (*ci, row)))
            .map(|(ci, row)| BranchScore {
                branch: site.branches[row.branch].id.clone(),
                committee: site.committees[ci].name.clone(),
                due: row.due,
                on_record: row.on_record,
                complete: row.complete,
                score: f64::from(row.score) / 10.0,
                grade: grade(row.grade),
            })
            .collect(),
    }
}

fn record_data<'a>(site: &'a Site, i: usize) -> RecordData<'a> {
    let c = &site.config;
    let r: &'a Record = &site.records[i];
    let lecture = r.kind == Kind::Lecture;
    RecordData {
        id: &r.id,
        branch: &site.branches[r.branch].id,
        month: r.ym.to_string(),
        date: r.date.to_string(),
        kind: r.kind.word(),
        title: &r.title,
        url: site.record_route(i).absolute(c),
        lecture_url: lecture.then(|| site.lecture_route(i).absolute(c)),
        speaker: r.speaker_display(site).map(|name| SpeakerRef {
            name,
            id: r.speaker.map(|s| site.speakers[s].id.as_str()),
        }),
        duration: r.duration.filter(|_| lecture),
        location: r.location.as_deref(),
        tags: &r.tags,
        photos: r.photos.len(),
        attendance: r.attendance.as_ref().map(|a| AttendanceData {
            expected: a.expected,
            present: a.present_count(),
            excused: a.excused.len(),
            absent: a.absent.len(),
        }),
        visibility: r.internal.then_some("internal"),
    }
}

/// The data of `records/<YYYY-MM>.json`.
pub(crate) fn month_data(site: &Site, ym: YearMonth) -> MonthRecords<'_> {
    MonthRecords {
        format: "dangri-records",
        version: VERSION,
        month: ym.to_string(),
        records: site
            .branches
            .iter()
            .filter_map(|b| b.months.iter().find(|m| m.ym == ym))
            .flat_map(|m| m.records.iter().map(|&i| record_data(site, i)))
            .collect(),
    }
}

/// The months with a file of records.
pub(crate) fn months(site: &Site) -> Vec<YearMonth> {
    let months: std::collections::BTreeSet<YearMonth> = site.records.iter().map(|r| r.ym).collect();
    months.into_iter().collect()
}

fn json(value: &impl Serialize) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Writes `site.json`, the assessment of every year (it counts what
/// `site.json` counts, so it changes with it) and the schemas.
pub(crate) fn write_site(r: &Renderer) -> Result<()> {
    r.write(&site_route(), &json(&site_data(r.site))?)?;
    for year in crate::report::assessment::years(r.site) {
        let data = assessment_data(r.site, year, |i| {
            crate::render::assessment::grade(&r.t, &r.site.config.assessment, i)
        });
        r.write(&assessment_route(year), &json(&data)?)?;
    }
    r.write(
        &Route::file(["data", "schema", "assessment.schema.json"]),
        ASSESSMENT_SCHEMA.as_bytes(),
    )?;
    r.write(
        &Route::file(["data", "schema", "site.schema.json"]),
        SITE_SCHEMA.as_bytes(),
    )?;
    r.write(
        &Route::file(["data", "schema", "records.schema.json"]),
        RECORDS_SCHEMA.as_bytes(),
    )
}

/// Writes `records/<YYYY-MM>.json`; nothing for a month without records.
pub(crate) fn write_month(r: &Renderer, ym: YearMonth) -> Result<()> {
    let data = month_data(r.site, ym);
    if data.records.is_empty() {
        return Ok(());
    }
    r.write(&month_route(ym), &json(&data)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema<T: schemars::JsonSchema>() -> String {
        let schema = schemars::schema_for!(T);
        let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The published schemas are those of the types. After changing a
    /// type, write them again with `DANGRI_WRITE_SCHEMAS=1 cargo test
    /// --lib data::` and say in `docs/data.md` what changed (and bump
    /// `VERSION` if a reader could break).
    #[test]
    fn the_published_schemas_are_the_types_schemas() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/data");
        for (file, committed, derived) in [
            ("site.schema.json", SITE_SCHEMA, schema::<SiteData>()),
            (
                "records.schema.json",
                RECORDS_SCHEMA,
                schema::<MonthRecords>(),
            ),
            (
                "assessment.schema.json",
                ASSESSMENT_SCHEMA,
                schema::<AssessmentData>(),
            ),
        ] {
            if std::env::var_os("DANGRI_WRITE_SCHEMAS").is_some() {
                std::fs::write(dir.join(file), &derived).unwrap();
            } else {
                assert_eq!(
                    committed, derived,
                    "src/data/{file} is not the types' schema"
                );
            }
        }
    }
}
