//! `dangri report inspect`: the random inspection over the `supervision`
//! fixture (three branches, two committees): the seed printed and obeyed,
//! the checklist's counts, Markdown and CSV, and no member's name.

use crate::common::Site;

/// A practice record of hexin in March 2026 with two photos (one listed
/// twice, once embedded) and named attendance; hexin's 甲 reaches the
/// absence rule that month (January to March in a row).
const VISIT: &str = "---
title: 参观红色教育基地
date: 2026-03-15
kind: practice
visibility: internal
photos:
  - {src: gate.jpg, caption: 基地大门}
  - {src: group.jpg, caption: 合影}
attendance:
  expected: 10
  present: [欧阳明远, 司马青云, 诸葛红梅, 上官秀兰, 东方建业, 慕容春生]
  excused: [{name: 皇甫卫国, reason: 探亲休假}]
  absent: [公孙志强, 令狐德胜, 宇文海波]
---

参观纪念馆，重温入党誓词。![合影](group.jpg)
";

const NAMES: [&str; 11] = [
    "欧阳明远",
    "司马青云",
    "诸葛红梅",
    "上官秀兰",
    "东方建业",
    "慕容春生",
    "皇甫卫国",
    "探亲休假",
    "公孙志强",
    "令狐德胜",
    "宇文海波",
];

fn site_with_visit() -> Site {
    let site = Site::fixture("supervision");
    site.write("content/branches/hexin/2026-03/visit.md", VISIT);
    site.write_bytes("content/branches/hexin/2026-03/gate.jpg", b"\xff\xd8\xff");
    site.write_bytes("content/branches/hexin/2026-03/group.jpg", b"\xff\xd8\xff");
    site
}

#[test]
fn the_same_seed_prints_the_same_report_and_names_it() {
    let site = Site::fixture("supervision");
    let args = ["report", "inspect", "--month", "2026-05", "--count", "2"];
    let run = |extra: &[&str]| {
        let mut all = args.to_vec();
        all.extend(extra);
        let ran = site.dangri(&all);
        ran.assert_code(0);
        ran.stdout.clone()
    };
    let first = run(&["--seed", "42"]);
    assert_eq!(first, run(&["--seed", "42"]));
    assert!(first.starts_with("# 2026年5月随机抽查名单\n"), "{first}");
    assert!(
        first.contains(
            "随机种子：42。同一种子、同一内容抽出同一名单；复核时运行 \
             `dangri report inspect --month 2026-05 --count 2 --seed 42`。"
        ),
        "{first}"
    );
    // Two committees, two draws: one each.
    assert!(
        first.contains("| 东孚街道党工委 | 1 | 1 |")
            && first.contains("| 新阳街道党工委 | 2 | 1 |"),
        "{first}"
    );
    assert_eq!(first.matches("\n### ").count(), 2, "{first}");

    // Without --seed one is chosen and printed; giving it repeats the draw.
    let chosen = run(&[]);
    let seed: String = chosen
        .split("随机种子：")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(!seed.is_empty(), "{chosen}");
    assert_eq!(chosen, run(&["--seed", &seed]));
}

#[test]
fn the_checklist_counts_photos_and_attendance_and_names_no_member() {
    let site = site_with_visit();
    let ran = site.dangri(&[
        "report", "inspect", "--month", "2026-03", "--count", "3", "--seed", "1",
    ]);
    ran.assert_code(0);
    let md = &ran.stdout;
    let hexin = &md[md.find("### 和信村党支部").unwrap()..];
    let hexin = &hexin[..hexin.find("\n## ").unwrap_or(hexin.len())];
    assert!(
        hexin.contains("- 通报：部分完成，缺学习、党务、党课；1 名党员达到无故缺席规定\n"),
        "{hexin}"
    );
    assert!(
        hexin.contains("- 抽取权重：6（基础 1、缺项 +3、无故缺席 +2）\n"),
        "{hexin}"
    );
    assert!(
        hexin.contains("- 活动日期：2026-03-08、2026-03-15\n"),
        "{hexin}"
    );
    assert!(
        hexin.contains("- 出勤合计（应到/实到/请假/缺席）：20/15/1/4\n"),
        "{hexin}"
    );
    assert!(
        hexin.contains(
            "- [ ] 2026-03-15 实践：参观红色教育基地（内部）；\
             文件 content/branches/hexin/2026-03/visit.md；照片 2 张；\
             出勤（应到/实到/请假/缺席）10/6/1/3\n"
        ),
        "{hexin}"
    );
    assert!(
        hexin.contains(
            "- [ ] 2026-03-08 会议：2026年3月党员大会；\
             文件 content/branches/hexin/2026-03/meeting.md；照片 0 张；\
             出勤（应到/实到/请假/缺席）10/9/0/1\n"
        ),
        "{hexin}"
    );
    // A silent branch gets a line to check all the same.
    assert!(
        md.contains("- [ ] 本月没有记录：核实是否开展了党日活动。"),
        "{md}"
    );
    // Three asked for, three due: all, and it says so.
    assert!(
        md.contains("要求抽取 3 个，应开展党日的支部只有 3 个：全部列出。"),
        "{md}"
    );
    assert!(
        ran.stderr
            .contains("note: 要求抽取 3 个支部，2026-03 应开展党日的支部只有 3 个：全部列出"),
        "{}",
        ran.stderr
    );

    let csv = site.dangri(&[
        "report", "inspect", "--month", "2026-03", "--count", "3", "--seed", "1", "--format", "csv",
    ]);
    csv.assert_code(0);
    let rows = crate::report::records(&csv.stdout);
    let visit = rows
        .iter()
        .find(|r| r["record_path"] == "content/branches/hexin/2026-03/visit.md")
        .unwrap();
    let got: Vec<&str> = [
        "month",
        "seed",
        "branch_id",
        "status",
        "missing",
        "at_rule",
        "weight",
        "kind",
        "visibility",
        "photos",
        "expected",
        "present",
        "excused",
        "absent",
    ]
    .iter()
    .map(|k| visit[*k].as_str())
    .collect();
    assert_eq!(
        got,
        [
            "2026-03",
            "1",
            "hexin",
            "incomplete",
            "study affairs lecture",
            "1",
            "6",
            "practice",
            "internal",
            "2",
            "10",
            "6",
            "1",
            "3"
        ]
    );
    // Silent branches: one row each, no record.
    let silent: Vec<&str> = rows
        .iter()
        .filter(|r| r["status"] == "silent")
        .map(|r| r["record_path"].as_str())
        .collect();
    assert_eq!(silent, ["", ""]);

    for out in [&ran.stdout, &csv.stdout] {
        for name in NAMES.iter().chain(&["甲", "乙", "丁"]) {
            assert!(!out.contains(name), "{name} in\n{out}");
        }
    }
}

#[test]
fn the_report_speaks_english_on_an_english_site() {
    let site = Site::fixture("supervision");
    let config = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        &config.replace("language: zh-CN", "language: en"),
    );
    let ran = site.dangri(&[
        "report", "inspect", "--month", "2026-05", "--count", "9", "--seed", "5",
    ]);
    ran.assert_code(0);
    let md = &ran.stdout;
    assert!(md.starts_with("# May 2026: random inspection\n"), "{md}");
    assert!(
        md.contains("Seed: 5. The same seed over the same content draws the same branches"),
        "{md}"
    );
    assert!(
        md.contains("- Bulletin: partly done, missing practice, Party affairs, lecture\n"),
        "{md}"
    );
    assert!(
        md.contains("9 asked for, and only 3 branches were due: all are listed."),
        "{md}"
    );
    assert!(
        ran.stderr.contains("all of them are listed"),
        "{}",
        ran.stderr
    );
    assert!(!md.contains("随机"), "{md}");
}

#[test]
fn bad_arguments_are_usage_errors() {
    let site = Site::fixture("supervision");
    for (args, says) in [
        (&["--month", "2026-13", "--count", "2"][..], "write YYYY-MM"),
        (&["--month", "2026-5", "--count", "2"], "write YYYY-MM"),
        (&["--count", "2"], "--month"),
        (&["--month", "2026-05"], "--count"),
        (&["--month", "2026-05", "--count", "0"], "0"),
        (
            &["--month", "2026-05", "--count", "2", "--seed", "x"],
            "--seed",
        ),
    ] {
        let mut all = vec!["report", "inspect"];
        all.extend(args);
        let ran = site.dangri(&all);
        ran.assert_code(2);
        assert_eq!(ran.stdout, "", "{args:?}");
        assert!(ran.stderr.contains(says), "{args:?}: {}", ran.stderr);
    }
}

#[test]
fn content_errors_give_no_inspection() {
    let site = Site::fixture("supervision");
    site.write(
        "content/branches/quiet/2026-05/bad.md",
        "---\ntitle: 坏日期\ndate: 2026-5-3\nkind: study\n---\n",
    );
    let ran = site.dangri(&[
        "report", "inspect", "--month", "2026-05", "--count", "1", "--seed", "1",
    ]);
    ran.assert_code(1);
    assert_eq!(ran.stdout, "");
    assert!(
        ran.stderr
            .contains("content/branches/quiet/2026-05/bad.md:3:1: error:")
            && ran.stderr.contains("没有生成报表：请先改正上面的 1 个错误"),
        "{}",
        ran.stderr
    );
}
