//! The open data export under `/data/` (issue 21): valid against its
//! published schemas, true to the site it describes, and holding nothing a
//! public build may not show.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::Site;

fn read(out: &Path, rel: &str) -> Value {
    let text = fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// Every file of the export, checked against the schema published beside
/// it. Returns `site.json` and every record.
fn validated(out: &Path) -> (Value, Vec<Value>) {
    let schema = |name: &str| {
        let schema = read(out, &format!("data/schema/{name}"));
        jsonschema::validator_for(&schema).unwrap()
    };
    let (site_schema, records_schema) = (schema("site.schema.json"), schema("records.schema.json"));
    let site = read(out, "data/site.json");
    let errors: Vec<String> = site_schema
        .iter_errors(&site)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "site.json: {errors:#?}");
    let mut records = Vec::new();
    for file in site["files"].as_array().unwrap() {
        let month = file["month"].as_str().unwrap();
        let data = read(out, &format!("data/records/{month}.json"));
        let errors: Vec<String> = records_schema
            .iter_errors(&data)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{month}: {errors:#?}");
        assert_eq!(data["month"], month);
        let these = data["records"].as_array().unwrap();
        assert_eq!(
            these.len() as u64,
            file["records"].as_u64().unwrap(),
            "{month}"
        );
        records.extend(these.iter().cloned());
    }
    (site, records)
}

/// The output file an absolute URL of the export names (the fixture's
/// site is at `https://example.org/archive/`).
fn file_of(out: &Path, url: &str) -> std::path::PathBuf {
    let path = url
        .strip_prefix("https://example.org/archive/")
        .unwrap_or_else(|| panic!("{url} is not on the site"));
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .unwrap()
        .into_owned();
    if path.is_empty() || path.ends_with('/') {
        out.join(path).join("index.html")
    } else {
        out.join(path)
    }
}

#[test]
fn the_export_is_valid_true_to_the_site_and_its_links_lead_to_pages() {
    let site = Site::fixture("basic");
    let built = site.build();
    built.assert_ok();
    let (data, records) = validated(&built.out);
    assert_eq!(data["version"], 1);
    assert_eq!(data["site"]["internal"], false);

    // Each month's counts are its records in the month files.
    let mut counted = 0;
    for b in data["branches"].as_array().unwrap() {
        for m in b["months"].as_array().unwrap() {
            let here = records
                .iter()
                .filter(|r| r["branch"] == b["id"] && r["month"] == m["month"])
                .count();
            assert_eq!(m["records"].as_u64().unwrap() as usize, here, "{m}");
            counted += here;
            assert!(file_of(&built.out, m["url"].as_str().unwrap()).is_file());
        }
        assert!(file_of(&built.out, b["url"].as_str().unwrap()).is_file());
    }
    assert_eq!(counted, records.len());

    // xingwang's May: four things published and the internal meeting
    // counted, not shown.
    let xingwang = data["branches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "xingwang")
        .unwrap();
    let may = &xingwang["months"][0];
    assert_eq!(may["month"], "2026-05");
    assert_eq!(may["withheld"], 1);
    assert_eq!(may["complete"], true);
    assert_eq!(may["lectures"], 1);

    for r in &records {
        assert!(
            file_of(&built.out, r["url"].as_str().unwrap()).is_file(),
            "{r}"
        );
        if let Some(url) = r["lecture_url"].as_str() {
            assert!(file_of(&built.out, url).is_file(), "{r}");
        }
    }
    let study = records
        .iter()
        .find(|r| r["branch"] == "xingwang" && r["id"] == "study")
        .unwrap();
    assert_eq!(study["kind"], "study");
    assert_eq!(study["location"], "社区党群服务中心");
    assert_eq!(
        study["attendance"],
        serde_json::json!({"expected": 32, "present": 29, "excused": 1, "absent": 2})
    );
    let lecture = records
        .iter()
        .find(|r| r["branch"] == "xingwang" && r["id"] == "lecture")
        .unwrap();
    assert_eq!(lecture["speaker"]["id"], "chen-jianguo");
}

#[test]
fn the_public_export_holds_no_internal_record_and_no_member_name() {
    let site = Site::fixture("basic");
    let public = site.build();
    public.assert_ok();
    let mut texts = String::new();
    for entry in walkdir::WalkDir::new(public.out.join("data")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            texts.push_str(&fs::read_to_string(entry.path()).unwrap());
        }
    }
    for secret in [
        "internal-review",
        "内部处置",
        "王五",
        "赵六",
        "李四",
        "出差",
    ] {
        assert!(!texts.contains(secret), "{secret} in the public export");
    }
    let (_, records) = validated(&public.out);
    let ids: BTreeSet<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    assert!(!ids.contains("internal-review"));

    // The internal build's export has the record, marked, and still no
    // name: attendance is exported as counts.
    let internal = site.build_with(&["--internal"], &[]);
    internal.assert_ok();
    let (data, records) = validated(&internal.out);
    assert_eq!(data["site"]["internal"], true);
    let review = records
        .iter()
        .find(|r| r["id"] == "internal-review")
        .expect("the internal export has the internal record");
    assert_eq!(review["visibility"], "internal");
    let text = fs::read_to_string(internal.out.join("data/records/2026-05.json")).unwrap();
    assert!(!text.contains("王五"));
}

/// Issue 21: the yearly assessment is in the export, a file per year that
/// `site.json` lists, valid against its schema, and the same scores and
/// grades as `dangri report assessment` gives.
#[test]
fn the_export_carries_the_assessment_of_each_year_as_the_report_gives_it() {
    let site = Site::fixture("supervision");
    let built = site.build();
    built.assert_ok();
    let (data, _) = validated(&built.out);
    let schema =
        jsonschema::validator_for(&read(&built.out, "data/schema/assessment.schema.json")).unwrap();
    let files = data["assessments"].as_array().unwrap();
    assert!(!files.is_empty(), "{data}");
    for file in files {
        let year = file["year"].as_u64().unwrap();
        let url = file["url"].as_str().unwrap();
        let rel = url
            .split_once("/data/")
            .map(|(_, r)| format!("data/{r}"))
            .unwrap();
        let a = read(&built.out, &rel);
        let errors: Vec<String> = schema.iter_errors(&a).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{rel}: {errors:#?}");
        assert_eq!(a["format"], "dangri-assessment");
        assert_eq!(a["year"], year);
        let rows = crate::report::assessment_rows(&site, year);
        let exported = a["branches"].as_array().unwrap();
        assert_eq!(exported.len(), rows.len(), "{year}");
        for (row, e) in rows.iter().zip(exported) {
            assert_eq!(e["branch"], row["branch_id"].as_str(), "{year}");
            assert_eq!(
                format!("{:.1}", e["score"].as_f64().unwrap()),
                row["score"],
                "{year}"
            );
            assert_eq!(e["grade"], row["grade"].as_str(), "{year}");
            assert_eq!(e["complete"].to_string(), row["months_complete"], "{year}");
        }
    }
}
