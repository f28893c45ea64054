//! A month in progress is not a month failed (issue 22, point 4): before a
//! month's deadline (`party_day` of `site.yaml`, by default its last day)
//! the home page, the bulletin, the table, the branch page, the report and
//! the data export give counts so far "as of" the build's day and name no
//! branch as one that did not report; once the deadline has passed they do.
//! The build's day comes from `DANGRI_TODAY` (or `SOURCE_DATE_EPOCH`), so
//! every assertion here holds whatever the clock says.
//!
//! The `basic` fixture's latest month is June 2026: 兴旺社区 did a study,
//! 港口 a lecture, 东瑶村 nothing.

use crate::common::{Built, Site};
use crate::report::records;

const SILENT: &str = "东孚街道东瑶村党支部";

fn built_on(site: &Site, day: &str) -> Built {
    let b = site.build_with(&[], &[("DANGRI_TODAY", day)]);
    b.assert_ok();
    b
}

#[test]
fn on_the_4th_the_month_is_in_progress_and_names_no_branch() {
    let site = Site::fixture("basic");
    let b = built_on(&site, "2026-06-04");

    let home = b.page("index.html");
    let status = home.text_of(".status");
    assert!(status.contains("进行中"), "{status}");
    assert_eq!(
        home.text_of(".status .as-of"),
        "截至2026年6月4日，全部完成率 0%"
    );
    assert!(home.select(".status-list .none").is_empty(), "{status}");
    assert_eq!(home.text_of(".status-list .open"), "1 暂无记录");
    assert!(!status.contains("未报送记录"), "{status}");
    // The month before, over, is one tap away.
    assert_eq!(home.texts(".status a.secondary"), vec!["2026年5月通报"]);

    let june = b.page("five-things/2026-06/index.html");
    let text = june.body_text();
    assert!(!text.contains(SILENT), "no branch named as silent: {text}");
    assert!(june.select("h3.none").is_empty(), "{text}");
    assert!(
        !june.text_of(".status-list").contains("未报送记录"),
        "{text}"
    );
    let lead = june.text_of(".lead.in-progress");
    assert!(lead.contains("截至2026年6月4日"), "{lead}");
    assert!(lead.contains("目前完成率 0%"), "{lead}");
    assert!(lead.contains("截止日期为2026年6月30日"), "{lead}");
    assert_eq!(june.texts(".silent-so-far"), vec!["暂无记录的支部 1 个。"]);
    // What is done so far, not what is "missing" yet.
    assert!(!june.text_of(".missing-list").contains("缺："), "{text}");
    assert!(
        june.text_of(".missing-list")
            .contains("新阳街道兴旺社区党支部")
    );

    // May is over: its bulletin names as before.
    let may = b.page("five-things/2026-05/index.html");
    assert!(may.select(".in-progress").is_empty());
    assert_eq!(
        may.texts(".bulletin-committee h3.none + ul a"),
        vec!["港口集团第一党支部"]
    );

    let matrix = b.page("five-things/2026/index.html");
    let june_cells: Vec<String> = matrix
        .select(".matrix tbody tr")
        .iter()
        .map(|row| {
            let cells: Vec<_> = row
                .select(&scraper::Selector::parse("td").unwrap())
                .collect();
            cells[1].value().attr("class").unwrap().to_string()
        })
        .collect();
    assert_eq!(
        june_cells,
        vec!["cell open"; 3],
        "no June cell is a failure"
    );
    assert!(matrix.text_of(".month-links").contains("截至2026年6月4日"));

    let branch = b.page("branches/东瑶村/index.html");
    assert_eq!(branch.texts(".silent-note"), vec!["暂无记录"]);
    let month = b.page("branches/xingwang/2026-06/index.html");
    assert_eq!(month.texts(".five-line .badge"), vec!["进行中"]);
    let ledger = b.page("branches/东瑶村/ledger/2026/index.html");
    assert_eq!(ledger.texts(".silent-note"), vec!["暂无记录"]);

    let data = b.text("data/site.json");
    assert!(
        data.contains(
            r#""in_progress":[{"month":"2026-06","as_of":"2026-06-04","deadline":"2026-06-30"}]"#
        ),
        "{data}"
    );
}

#[test]
fn after_the_deadline_the_list_of_branches_without_a_record_appears() {
    let site = Site::fixture("basic");
    let b = built_on(&site, "2026-07-01");
    let home = b.page("index.html");
    assert!(!home.text_of(".status").contains("进行中"));
    assert_eq!(home.text_of(".status-list .none"), "1 未报送记录");
    let june = b.page("five-things/2026-06/index.html");
    assert!(june.select(".in-progress").is_empty());
    assert_eq!(
        june.texts(".bulletin-committee h3.none + ul a"),
        vec![SILENT]
    );
    assert!(june.text_of(".missing-list").contains("缺："));
    let branch = b.page("branches/东瑶村/index.html");
    assert_eq!(branch.texts(".silent-note"), vec!["未报送记录"]);
    let month = b.page("branches/xingwang/2026-06/index.html");
    assert_eq!(month.texts(".five-line .badge"), vec!["部分完成"]);
    assert!(b.text("data/site.json").contains(r#""in_progress":[]"#));
}

#[test]
fn the_deadline_of_site_yaml_can_fall_in_the_next_month() {
    let site = Site::fixture("basic");
    let yaml = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        &format!("{yaml}party_day:\n  deadline: 5\n  deadline_month: next\n"),
    );
    let open = built_on(&site, "2026-07-05").page("five-things/2026-06/index.html");
    assert!(open.text_of(".lead.in-progress").contains("2026年7月5日"));
    assert!(!open.body_text().contains(SILENT));
    let over = built_on(&site, "2026-07-06").page("five-things/2026-06/index.html");
    assert_eq!(
        over.texts(".bulletin-committee h3.none + ul a"),
        vec![SILENT]
    );
}

#[test]
fn source_date_epoch_is_read_in_china_time() {
    let site = Site::fixture("basic");
    // 2026-06-30 16:00 UTC is midnight on 1 July in China: June is over.
    let at = |epoch: &str| {
        let b = site.build_with(&[], &[("SOURCE_DATE_EPOCH", epoch), ("TZ", "UTC")]);
        b.assert_ok();
        b.page("five-things/2026-06/index.html")
            .select(".in-progress")
            .len()
    };
    assert_eq!(at("1782835199"), 1, "23:59:59 on 30 June in China");
    assert_eq!(at("1782835200"), 0, "midnight on 1 July in China");
}

#[test]
fn a_day_that_is_not_a_date_fails_the_build_and_names_the_variable() {
    let site = Site::fixture("basic");
    let b = site.build_with(&[], &[("DANGRI_TODAY", "2026-6-4")]);
    b.assert_failed();
    b.assert_error("DANGRI_TODAY:1:1: error:", "2026-06-04");
    let b = site.build_with(&[], &[("SOURCE_DATE_EPOCH", "yesterday")]);
    b.assert_failed();
    b.assert_error(
        "SOURCE_DATE_EPOCH:1:1: error:",
        "从 1970-01-01（UTC）起的秒数",
    );
}

#[test]
fn the_report_of_a_month_in_progress_says_so_and_calls_no_branch_silent() {
    let site = Site::fixture("basic");
    let on = |day: &str, format: &str| {
        let ran = site.dangri_with(
            &["report", "five-things", "--format", format],
            &[("DANGRI_TODAY", day)],
        );
        ran.assert_code(0);
        ran.stdout
    };
    let md = on("2026-06-04", "md");
    assert!(
        md.contains("本月尚未结束：以下为截至2026年6月4日的情况"),
        "{md}"
    );
    assert!(md.contains("**暂无记录（1）**"), "{md}");
    assert!(!md.contains("**无记录"), "{md}");
    let csv = on("2026-06-04", "csv");
    let status = |csv: &str, id: &str| {
        records(csv)
            .into_iter()
            .find(|r| r["branch_id"] == id)
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(status(&csv, "东瑶村"), "silent_so_far");
    assert_eq!(status(&csv, "xingwang"), "incomplete_so_far");
    let csv = on("2026-07-01", "csv");
    assert_eq!(status(&csv, "东瑶村"), "silent");
    assert_eq!(status(&csv, "xingwang"), "incomplete");
    let inspect = site.dangri_with(
        &[
            "report", "inspect", "--month", "2026-06", "--count", "1", "--seed", "7",
        ],
        &[("DANGRI_TODAY", "2026-06-04")],
    );
    inspect.assert_code(0);
    assert!(
        inspect
            .stdout
            .contains("本月尚未结束：以下为截至2026年6月4日的情况"),
        "{}",
        inspect.stdout
    );
    // The inspection's checklists and CSV say the same of every branch
    // drawn (all of them: three branches, a count of three per committee).
    let inspect_csv = |day: &str| {
        let ran = site.dangri_with(
            &[
                "report", "inspect", "--month", "2026-06", "--count", "3", "--seed", "7",
                "--format", "csv",
            ],
            &[("DANGRI_TODAY", day)],
        );
        ran.assert_code(0);
        ran.stdout
    };
    let open = inspect_csv("2026-06-04");
    assert_eq!(status(&open, "东瑶村"), "silent_so_far", "{open}");
    assert_eq!(status(&open, "xingwang"), "incomplete_so_far", "{open}");
    let over = inspect_csv("2026-07-01");
    assert_eq!(status(&over, "东瑶村"), "silent", "{over}");
    assert_eq!(status(&over, "xingwang"), "incomplete", "{over}");
    let all = site.dangri_with(
        &[
            "report", "inspect", "--month", "2026-06", "--count", "3", "--seed", "7",
        ],
        &[("DANGRI_TODAY", "2026-06-04")],
    );
    assert!(all.stdout.contains("暂无记录"), "{}", all.stdout);
    assert!(!all.stdout.contains("：无记录"), "{}", all.stdout);
    let table = site.dangri_with(
        &["report", "five-things", "--year", "2026"],
        &[("DANGRI_TODAY", "2026-06-04")],
    );
    assert!(
        table.stdout.contains("2026-06（进行中）"),
        "{}",
        table.stdout
    );
}

#[test]
fn builds_on_the_same_day_are_byte_identical() {
    let site = Site::fixture("basic");
    let first = built_on(&site, "2026-06-04").files();
    let again = built_on(&site, "2026-06-04").files();
    assert!(
        first == again,
        "a rebuild on the same day changed the output"
    );
    let later = built_on(&site, "2026-07-01").files();
    assert!(first != later, "the day is part of the input");
}
