//! The yearly assessment (issue 18): `dangri report assessment` and the
//! `/assessment/` pages, over the `supervision` fixture (absences at the
//! rule, a liaison, a silent branch) and `basic` (names, an internal
//! record). The scoring rules themselves are unit tests of
//! `report::assessment`.

use std::collections::HashMap;
use std::fs;

use scraper::{Html, Selector};

use crate::common::Site;

fn csv_rows(text: &str) -> Vec<HashMap<String, String>> {
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            assert_eq!(cells.len(), head.len(), "{l}");
            head.iter()
                .map(|h| h.to_string())
                .zip(cells.iter().map(|c| c.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn the_report_ranks_branches_and_shows_each_part_of_the_score() {
    let site = Site::fixture("supervision");
    let ran = site.dangri(&["report", "assessment", "--year", "2026", "--format", "csv"]);
    ran.assert_code(0);
    let rows = csv_rows(&ran.stdout);
    let row = |id: &str| rows.iter().find(|r| r["branch_id"] == id).unwrap();
    let hexin = row("hexin");
    // Months 2026-01..=06 on record, none complete; attendance 57 of 70;
    // 庚 (2025-11..2026-01) and 甲 (2026-01..03) at the rule: 2 × 2 off.
    // The district liaison's year is not over: no liaison part yet.
    assert_eq!(hexin["in_progress"], "true");
    assert_eq!(hexin["months_on_record"], "6");
    assert_eq!(hexin["at_absence_rule"], "2");
    assert_eq!(hexin["points_liaison"], "");
    assert_eq!(hexin["deduction"], "4.0");
    assert_eq!(hexin["score"], "47.4");
    assert_eq!(hexin["grade"], "较差");
    // Ranked within the committee, best first: the silent branch last.
    assert_eq!(row("gangwan")["rank"], "1");
    assert_eq!(row("quiet")["rank"], "2");
    assert_eq!(row("quiet")["score"], "0.0");

    // 2025 is over; 丙 reached the cumulative rule in it, 庚 only in 2026.
    let ran = site.dangri(&["report", "assessment", "--year", "2025", "--format", "csv"]);
    let rows = csv_rows(&ran.stdout);
    let hexin = rows.iter().find(|r| r["branch_id"] == "hexin").unwrap();
    assert_eq!(hexin["in_progress"], "false");
    assert_eq!(hexin["at_absence_rule"], "1");

    let md = site.dangri(&["report", "assessment", "--year", "2026"]);
    md.assert_code(0);
    assert!(
        md.stdout.starts_with("# 2026年度党日考核\n"),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("2026年尚未结束"), "{}", md.stdout);
    assert!(
        md.stdout.contains("| 1 | 和信村党支部 | 47.4 | 较差 |"),
        "{}",
        md.stdout
    );
}

#[test]
fn site_yaml_weights_and_grades_change_the_score() {
    let site = Site::fixture("supervision");
    let config = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        &format!(
            "{config}assessment:\n  weights: {{party_day: 1, five_things: 0, liaison: 0, attendance: 0}}\n  absence_deduction: 0\n  grades:\n    - {{name: 达标, min: 100}}\n    - {{name: 未达标, min: 0}}\n"
        ),
    );
    let ran = site.dangri(&["report", "assessment", "--year", "2026", "--format", "csv"]);
    ran.assert_code(0);
    let rows = csv_rows(&ran.stdout);
    let hexin = rows.iter().find(|r| r["branch_id"] == "hexin").unwrap();
    assert_eq!(
        (hexin["score"].as_str(), hexin["grade"].as_str()),
        ("100.0", "达标")
    );
}

#[test]
fn the_pages_score_as_the_report_link_from_the_branch_and_name_no_member() {
    let site = Site::fixture("supervision");
    let built = site.build();
    built.assert_ok();
    let page = fs::read_to_string(built.out.join("assessment/2026/index.html")).unwrap();
    let html = Html::parse_document(&page);
    let score = Selector::parse("#b-hexin td.score").unwrap();
    let cell: String = html.select(&score).next().unwrap().text().collect();
    assert_eq!(cell, "47.4");
    // `/assessment/` is the latest year.
    let index = fs::read_to_string(built.out.join("assessment/index.html")).unwrap();
    assert!(index.contains("id=\"b-hexin\""));
    // The branch's timeline links to its assessments.
    let branch = fs::read_to_string(built.out.join("branches/hexin/index.html")).unwrap();
    assert!(branch.contains("/assessment/2026/#b-hexin"), "{branch}");
    assert!(branch.contains("/assessment/2025/#b-hexin"), "{branch}");

    // Names: the basic fixture's members, absent, excused or in an
    // internal record, are on no assessment page of either build, and the
    // internal build scores as the public one.
    let site = Site::fixture("basic");
    let rows = |out: &std::path::Path| -> Vec<String> {
        let page = fs::read_to_string(out.join("assessment/2026/index.html")).unwrap();
        for name in ["王五", "赵六", "李四"] {
            assert!(!page.contains(name), "{name} on the assessment page");
        }
        let html = Html::parse_document(&page);
        let tr = Selector::parse("table.assessment tbody tr").unwrap();
        html.select(&tr).map(|r| r.text().collect()).collect()
    };
    let public = site.build();
    public.assert_ok();
    let public_rows = rows(&public.out);
    let internal = site.build_with(&["--internal"], &[]);
    internal.assert_ok();
    assert_eq!(public_rows, rows(&internal.out));
    assert!(!public_rows.is_empty());
}
