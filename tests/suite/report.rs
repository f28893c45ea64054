//! `dangri report`: the five-things bulletin and yearly table over the
//! `basic` fixture, the unexcused-absence rule at its edges and the liaison
//! lecture duty over `supervision`, and the internal `/attendance/` page.

use crate::common::Site;

/// A small RFC 4180 reader: rows of fields, quotes and CRLF handled.
fn csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "CSV must end with a line break"
    );
    rows
}

/// The CSV rows as maps from the header's column names.
pub fn records(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let rows = csv(text);
    let head = &rows[0];
    rows[1..]
        .iter()
        .map(|r| {
            assert_eq!(r.len(), head.len(), "{r:?}");
            head.iter().cloned().zip(r.iter().cloned()).collect()
        })
        .collect()
}

/// The rows of `dangri report assessment --year YEAR --format csv` on `site`,
/// which must succeed.
pub fn assessment_rows(site: &Site, year: u64) -> Vec<std::collections::HashMap<String, String>> {
    let ran = site.dangri(&[
        "report",
        "assessment",
        "--year",
        &year.to_string(),
        "--format",
        "csv",
    ]);
    ran.assert_code(0);
    records(&ran.stdout)
}

// ---------------------------------------------------------------------------
// Five things

#[test]
fn bulletin_lists_complete_incomplete_and_silent_branches_per_committee() {
    let site = Site::fixture("basic");
    let ran = site.dangri(&["report", "five-things", "--month", "2026-05"]);
    ran.assert_code(0);
    let md = &ran.stdout;
    assert!(md.starts_with("# 2026年5月党日五件事通报\n"), "{md}");
    assert!(
        md.contains("应开展 3 个，全部完成 1 个，部分完成 1 个，无记录 1 个，完成率 33%。"),
        "{md}"
    );
    let dongfu = md.find("## 东孚街道党工委").unwrap();
    let xinyang = md.find("## 新阳街道党工委").unwrap();
    assert!(dongfu < xinyang, "committees in name order");
    let (dongfu, xinyang) = (&md[dongfu..xinyang], &md[xinyang..]);
    assert!(
        dongfu.contains("  - 东孚街道东瑶村党支部：缺会议、实践、党务、党课"),
        "{dongfu}"
    );
    // The internal meeting counts: the month is complete.
    assert!(
        xinyang.contains("- **全部完成（1）**：新阳街道兴旺社区党支部"),
        "{xinyang}"
    );
    assert!(
        xinyang.contains("- **无记录（1）**：港口集团第一党支部"),
        "{xinyang}"
    );
    assert!(xinyang.contains("完成率 50%"), "{xinyang}");
}

#[test]
fn bulletin_defaults_to_the_latest_month_and_reads_as_csv() {
    let site = Site::fixture("basic");
    let md = site.dangri(&["report", "five-things"]);
    md.assert_code(0);
    assert!(
        md.stdout.starts_with("# 2026年6月党日五件事通报"),
        "{}",
        md.stdout
    );
    let ran = site.dangri(&[
        "report",
        "five-things",
        ".",
        "--month",
        "2026-05",
        "--format",
        "csv",
    ]);
    ran.assert_code(0);
    let rows = records(&ran.stdout);
    let by_id = |id: &str| rows.iter().find(|r| r["branch_id"] == id).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(by_id("xingwang")["status"], "complete");
    assert_eq!(by_id("gangkou")["status"], "silent");
    let dy = by_id("东瑶村");
    assert_eq!(dy["status"], "incomplete");
    assert_eq!(dy["done"], "study");
    assert_eq!(dy["missing"], "meeting practice affairs lecture");
    assert_eq!(dy["committee"], "东孚街道党工委");
    assert!(rows.iter().all(|r| r["month"] == "2026-05"));
}

#[test]
fn yearly_table_has_a_cell_per_branch_and_month() {
    let site = Site::fixture("basic");
    let ran = site.dangri(&["report", "five-things", "--year", "2026", "--format", "csv"]);
    ran.assert_code(0);
    let rows = records(&ran.stdout);
    let by_id = |id: &str| rows.iter().find(|r| r["branch_id"] == id).unwrap();
    let xw = by_id("xingwang");
    assert_eq!(
        (xw["2026-05"].as_str(), xw["2026-06"].as_str()),
        ("✓", "会做工课")
    );
    assert_eq!(xw["complete_months"], "1");
    let gk = by_id("gangkou");
    assert_eq!(
        (gk["2026-05"].as_str(), gk["2026-06"].as_str()),
        ("—", "学会做工")
    );
    let md = site.dangri(&["report", "five-things", "--year", "2026"]);
    md.assert_code(0);
    assert!(
        md.stdout
            .contains("| 党支部 | 2026-05 | 2026-06 | 完成月数 |"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout
            .contains("| 新阳街道兴旺社区党支部 | ✓ | 会做工课 | 1 |"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("| 2026-05 | 33% (1/3) |"),
        "{}",
        md.stdout
    );
}

#[test]
fn bad_arguments_are_usage_errors() {
    let site = Site::fixture("basic");
    let ran = site.dangri(&["report", "five-things", "--month", "2026-5"]);
    ran.assert_code(2);
    assert!(ran.stderr.contains("write YYYY-MM"), "{}", ran.stderr);
    site.dangri(&[
        "report",
        "five-things",
        "--month",
        "2026-05",
        "--year",
        "2026",
    ])
    .assert_code(2);
    site.dangri(&["report", "five-things", "--format", "xml"])
        .assert_code(2);
}

#[test]
fn content_errors_give_no_report() {
    let site = Site::fixture("basic");
    site.write(
        "content/branches/xingwang/2026-06/bad.md",
        "---\ntitle: 坏日期\ndate: 2026-6-3\nkind: study\n---\n",
    );
    for report in ["five-things", "attendance", "lectures"] {
        let ran = site.dangri(&["report", report]);
        ran.assert_code(1);
        assert_eq!(ran.stdout, "", "{report}");
        assert!(
            ran.stderr
                .contains("content/branches/xingwang/2026-06/bad.md:3:1: error:"),
            "{}",
            ran.stderr
        );
    }
}

#[test]
fn reports_speak_the_sites_language() {
    let site = Site::fixture("basic");
    let config = site
        .read("content/site.yaml")
        .replace("language: zh-CN", "language: en");
    site.write("content/site.yaml", &config);
    let ran = site.dangri(&["report", "five-things", "--month", "2026-05"]);
    ran.assert_code(0);
    assert!(
        ran.stdout.starts_with("# May 2026: five things bulletin"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout
            .contains("东孚街道东瑶村党支部: missing meeting, practice, Party affairs, lecture"),
        "{}",
        ran.stdout
    );
}

/// The words of a report come from the theme's strings (`report_*`): the
/// whole text of a small report, in both languages, pins them.
#[test]
fn a_site_without_liaisons_says_so_in_its_language() {
    let site = Site::fixture("basic");
    site.write(
        "content/branches/xingwang/_index.md",
        &site.read("content/branches/xingwang/_index.md").replace(
            "liaison: {unit: 区委组织部, leader: 王建华, level: district}\n",
            "",
        ),
    );
    let ran = site.dangri(&["report", "lectures", "--year", "2026"]);
    ran.assert_code(0);
    assert_eq!(
        ran.stdout,
        "# 2026年联系点党课落实情况\n\n区领导每 12 个月、其他领导干部每 6 个月到联系点讲一次党课；\
         主讲人为联系领导本人、在联系支部讲授方才计入。\n\n没有支部填写联系点（liaison）。\n"
    );
    let config = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        &config.replace("language: zh-CN", "language: en"),
    );
    let ran = site.dangri(&["report", "lectures", "--year", "2026"]);
    ran.assert_code(0);
    assert_eq!(
        ran.stdout,
        "# 2026: liaison lectures\n\nDistrict leaders owe their branch a lecture every 12 months, \
         other leading cadres every 6 months; a lecture counts when the leader gave it at that \
         branch.\n\nNo branch has a `liaison:`.\n"
    );
}

/// A district changes a word by writing just that key in its theme's
/// strings file: pages and reports both take it, and every other word,
/// including keys added to dangri after the file was written, still comes
/// from the default theme in the site's language.
#[test]
fn a_theme_that_changes_one_word_keeps_every_other() {
    let site = Site::fixture("basic");
    site.write(
        "themes/default/i18n/zh-CN.yaml",
        "report_five_silent: 未报送\nlatest: 新近活动\n",
    );
    let ran = site.dangri(&["report", "five-things", "--month", "2026-05"]);
    ran.assert_code(0);
    assert!(
        ran.stdout.starts_with("# 2026年5月党日五件事通报\n")
            && ran.stdout.contains("- **未报送（1）**：港口集团第一党支部"),
        "{}",
        ran.stdout
    );
    let b = site.build();
    b.assert_ok();
    let home = b.page("index.html");
    assert_eq!(home.text_of("#latest-title"), "新近活动");
    assert!(home.text_of("#status-title").contains("2026年6月"));

    let config = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        &config.replace("language: zh-CN", "language: en"),
    );
    site.write(
        "themes/default/i18n/en.yaml",
        "report_five_silent: Silent\n",
    );
    let ran = site.dangri(&["report", "five-things", "--month", "2026-05"]);
    ran.assert_code(0);
    assert!(
        ran.stdout.starts_with("# May 2026: five things bulletin\n")
            && ran.stdout.contains("- **Silent (1)**: "),
        "{}",
        ran.stdout
    );
}

/// A broken strings file of the site's theme is an error at its line, and
/// no report, as for a build.
#[test]
fn a_broken_strings_file_gives_no_report() {
    let site = Site::fixture("basic");
    site.write(
        "themes/default/i18n/zh-CN.yaml",
        "report_none: 无\nreport_five_silent: [未报送\n",
    );
    let ran = site.dangri(&["report", "five-things"]);
    ran.assert_code(1);
    assert_eq!(ran.stdout, "");
    assert!(
        ran.stderr
            .contains("themes/default/i18n/zh-CN.yaml:2:21: error: 界面文字文件的每一行要写成")
            && ran.stderr.contains("没有生成报表"),
        "{}",
        ran.stderr
    );
}

// ---------------------------------------------------------------------------
// Attendance

/// (branch id, name, rule, year, months) of `report attendance --format csv`.
fn absences(site: &Site) -> Vec<(String, String, String, String, String)> {
    let ran = site.dangri(&["report", "attendance", "--format", "csv"]);
    ran.assert_code(0);
    records(&ran.stdout)
        .into_iter()
        .map(|r| {
            (
                r["branch_id"].clone(),
                r["name"].clone(),
                r["rule"].clone(),
                r["year"].clone(),
                r["months"].clone(),
            )
        })
        .collect()
}

fn row(
    b: &str,
    name: &str,
    rule: &str,
    year: &str,
    months: &str,
) -> (String, String, String, String, String) {
    (
        b.into(),
        name.into(),
        rule.into(),
        year.into(),
        months.into(),
    )
}

#[test]
fn attendance_rule_at_its_edges() {
    let site = Site::fixture("supervision");
    // Not listed: 乙 (2 in a row, a gap, 1), 丁 (6 months over two years,
    // 3 in each), 戊 (absent, excused, absent; 7 excused months), 己 (named
    // in two records of May and in June: 2 months, not 3), and 甲 of
    // gangwan (absent once: another branch, another member).
    assert_eq!(
        absences(&site),
        vec![
            // 6 scattered months of one year.
            row(
                "hexin",
                "丙",
                "cumulative",
                "2025",
                "2025-01 2025-03 2025-05 2025-07 2025-09 2025-11"
            ),
            // 3 in a row across the new year.
            row("hexin", "庚", "consecutive", "", "2025-11 2025-12 2026-01"),
            // 3 in a row; gangwan's 甲 in 2026-04 does not extend it.
            row("hexin", "甲", "consecutive", "", "2026-01 2026-02 2026-03"),
        ]
    );
    let md = site.dangri(&["report", "attendance"]);
    md.assert_code(0);
    assert!(
        md.stdout
            .contains("| 和信村党支部 | 甲 | 连续 3 个月无故缺席 | 2026-01、2026-02、2026-03 |"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout
            .contains("规则：连续 3 个月无故缺席，或同一年内累计 6 个月"),
        "{}",
        md.stdout
    );
}

#[test]
fn attendance_rule_comes_from_site_yaml() {
    let site = Site::fixture("supervision");
    let config = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        &format!("{config}attendance:\n  consecutive: 2\n  cumulative: 7\n"),
    );
    // Now 2 in a row is enough, and 6 scattered months (丙) are not.
    assert_eq!(
        absences(&site),
        vec![
            row("hexin", "乙", "consecutive", "", "2026-01 2026-02"),
            row("hexin", "己", "consecutive", "", "2026-05 2026-06"),
            row("hexin", "庚", "consecutive", "", "2025-11 2025-12 2026-01"),
            row("hexin", "甲", "consecutive", "", "2026-01 2026-02 2026-03"),
        ]
    );
}

#[test]
fn attendance_page_in_internal_builds_only() {
    let site = Site::fixture("supervision");
    let built = site.build_with(&["--internal"], &[]);
    built.assert_ok();
    let page = built.page("attendance/index.html");
    let names: Vec<String> = page.texts(".attendance-table tbody th");
    assert_eq!(names, vec!["丙", "庚", "甲"]);
    let rows = page.texts(".attendance-table tbody tr");
    assert!(rows[2].contains("和信村党支部"), "{rows:?}");
    assert!(rows[2].contains("连续 3 个月"), "{rows:?}");
    assert_eq!(
        page.attrs(
            ".attendance-table tbody tr:nth-child(3) .month-links a",
            "href"
        ),
        vec![
            "/branches/hexin/2026-01/",
            "/branches/hexin/2026-02/",
            "/branches/hexin/2026-03/"
        ]
    );
    assert!(rows[0].contains("2025 年累计 6 个月"), "{rows:?}");
    let public = site.build();
    public.assert_ok();
    assert!(!public.path("attendance").exists());
    assert!(!public.text("sitemap.xml").contains("attendance"));
}

// ---------------------------------------------------------------------------
// Liaison lectures

/// (branch id, level, from, to, status, lecture paths) of `report lectures`.
fn duties(site: &Site, args: &[&str]) -> Vec<[String; 6]> {
    let mut all = vec!["report", "lectures", "--format", "csv"];
    all.extend(args);
    let ran = site.dangri(&all);
    ran.assert_code(0);
    records(&ran.stdout)
        .into_iter()
        .map(|r| {
            ["branch_id", "level", "from", "to", "status", "lecture_path"].map(|k| r[k].clone())
        })
        .collect()
}

fn duty(b: &str, level: &str, from: &str, to: &str, status: &str, path: &str) -> [String; 6] {
    [b, level, from, to, status, path].map(String::from)
}

#[test]
fn liaison_lectures_by_year_and_half_year() {
    let site = Site::fixture("supervision");
    assert_eq!(
        duties(&site, &["--year", "2025"]),
        vec![
            // The cadre's pool speaker page names him: the lecture counts.
            duty(
                "gangwan",
                "cadre",
                "2025-01",
                "2025-06",
                "done",
                "content/branches/gangwan/2025-03/lecture.md"
            ),
            // His lecture at hexin and the secretary's at gangwan do not.
            duty("gangwan", "cadre", "2025-07", "2025-12", "missing", ""),
            // `speaker_name: 王 建华` is the district leader 王建华.
            duty(
                "hexin",
                "district",
                "2025-01",
                "2025-12",
                "done",
                "content/branches/hexin/2025-06/lecture.md"
            ),
        ]
    );
    // The default year is the latest with content (2026, up to June): the
    // periods are not over yet.
    assert_eq!(
        duties(&site, &[]),
        vec![
            duty("gangwan", "cadre", "2026-01", "2026-06", "pending", ""),
            duty("gangwan", "cadre", "2026-07", "2026-12", "pending", ""),
            duty("hexin", "district", "2026-01", "2026-12", "pending", ""),
        ]
    );
    let md = site.dangri(&["report", "lectures", "--year", "2025"]);
    md.assert_code(0);
    assert!(
        md.stdout.starts_with("# 2025年联系点党课落实情况"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("共 3 项，已完成 2 项。"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains(
            "| 港湾社区党支部 | 区民政局 | 陈建国 | 领导干部 | 2025-07..2025-12 | 未完成 |  |"
        ),
        "{}",
        md.stdout
    );
}

#[test]
fn liaison_periods_come_from_site_yaml() {
    let site = Site::fixture("supervision");
    let config = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        &format!("{config}liaison:\n  district_months: 6\n  cadre_months: 3\n"),
    );
    let got: Vec<(String, String)> = duties(&site, &["--year", "2025"])
        .into_iter()
        .map(|[b, _, from, _, status, _]| (format!("{b} {from}"), status))
        .collect();
    let want: Vec<(String, String)> = [
        ("gangwan 2025-01", "done"),
        ("gangwan 2025-04", "missing"),
        ("gangwan 2025-07", "missing"),
        ("gangwan 2025-10", "missing"),
        ("hexin 2025-01", "done"),
        ("hexin 2025-07", "missing"),
    ]
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .to_vec();
    assert_eq!(got, want);
}

/// Regression: `dangri report attendance | head -1` panicked in `println!`
/// when head closed the pipe. A reader that goes away is not an error.
#[test]
fn a_closed_pipe_is_not_a_panic() {
    use std::process::{Command, Stdio};
    let site = Site::fixture("supervision");
    for args in [
        &["report", "attendance"][..],
        &["report", "five-things", "--year", "2025"],
        &["check", "--format", "json"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dangri"))
            .current_dir(&site.root)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before dangri has loaded the site and written.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}

// Regression: the absence rule counted `空格 丁` and `空格丁`, `全角　戊`
// and `全角戊` as different people (the lecture duty ignored spaces).
#[test]
fn a_name_written_with_spaces_is_one_member() {
    let site = Site::fixture("supervision");
    let absent = [
        ("空格 丁", "全角　戊"),
        ("空格丁", "全角戊"),
        ("空格 丁", "全角　戊"),
    ];
    for (m, (a, b)) in absent.iter().enumerate() {
        let ym = format!("2024-0{}", m + 1);
        site.write(
            &format!("content/branches/quiet/{ym}/meeting.md"),
            &format!(
                "---\ntitle: 党员大会\ndate: {ym}-10\nkind: meeting\nattendance:\n  expected: 3\n  present: 1\n  absent: [\"{a}\", \"{b}\"]\n---\n\n会议。\n"
            ),
        );
    }
    let rows: Vec<_> = absences(&site)
        .into_iter()
        .filter(|r| r.0 == "quiet")
        .collect();
    assert_eq!(
        rows,
        vec![
            row(
                "quiet",
                "全角　戊",
                "consecutive",
                "",
                "2024-01 2024-02 2024-03"
            ),
            row(
                "quiet",
                "空格 丁",
                "consecutive",
                "",
                "2024-01 2024-02 2024-03"
            ),
        ]
    );
    // `check` finds one member named twice, however it is spaced.
    site.write(
        "content/branches/quiet/2024-04/meeting.md",
        "---\ntitle: 党员大会\ndate: 2024-04-10\nkind: meeting\nattendance:\n  present: [王 建华]\n  absent: [王建华]\n---\n\n会议。\n",
    );
    let ran = site.dangri(&["check"]);
    assert!(
        ran.stdout
            .contains("同时写在了 present（实到）和 absent（缺席）下面"),
        "{}",
        ran.stdout
    );
}
