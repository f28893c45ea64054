//! Inputs that made a build hang or write without bound (issue 15, points
//! 11 and 12): each builds in bounded time and output, with a located
//! message, and `check` says the same as `build`.

use crate::common::Site;

/// Guards point 11c: 100,000 nested `<div>` took the sanitizer 16.3 s.
/// Now the raw HTML of that record is shown as text, with a warning at the
/// line where it nests too deep, in `build` and `check` alike.
#[test]
fn raw_html_nested_too_deep_is_text_with_a_warning() {
    let site = Site::fixture("basic");
    site.in_english();
    let n = 100_000;
    let body = format!(
        "第一段。\n\n{}<script>alert(1)</script>{}\n",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    site.write(
        "content/branches/xingwang/2026-06/deep.md",
        &format!("---\ntitle: 深\ndate: 2026-06-12\nkind: 做\n---\n{body}"),
    );
    let built = site.build();
    const AT: &str = "content/branches/xingwang/2026-06/deep.md:8:1: warning:";
    built
        .assert_ok()
        .assert_error(AT, "nests deeper than 256 elements");
    let page = built.text("branches/xingwang/2026-06/deep/index.html");
    assert!(page.contains("&lt;div&gt;&lt;div&gt;"));
    assert!(!page.contains("<div><div><div>") && !page.contains("alert(1)</script>"));
    let checked = site.dangri(&["check"]);
    assert!(
        checked.lines().iter().any(|l| l.starts_with(AT)),
        "{}",
        checked.stdout
    );
}

fn record(site: &Site, month: &str) {
    site.write(
        &format!("content/branches/xingwang/{month}/study.md"),
        &format!("---\ntitle: 学习\ndate: {month}-10\nkind: 学\n---\n学习。\n"),
    );
}

/// Guards point 12: a month folder `0026-05` made the site span 2,000 years
/// of empty months (26,638 files); `0000-01` and `9999-12` wrote 5.1 GB.
/// A year before 1921 or after next year is an error at the folder, in
/// `build` and `check` alike.
#[test]
fn a_month_folder_of_an_impossible_year_is_an_error() {
    let site = Site::fixture("basic");
    site.in_english();
    for month in ["0026-05", "0000-01", "9999-12"] {
        record(&site, month);
    }
    let built = site.build();
    built.assert_failed();
    for month in ["0026-05", "0000-01", "9999-12"] {
        let at = format!("content/branches/xingwang/{month}:1:1: error:");
        built.assert_error(&at, "check the year in the folder name");
        let checked = site.dangri(&["check"]);
        checked.assert_code(1);
        assert!(
            checked.lines().iter().any(|l| l.starts_with(&at)),
            "{}",
            checked.stdout
        );
    }
}

/// Guards point 12: a stray month years away from the rest is warned
/// about at its folder, and the months between are not pages: only the
/// months with records and silent runs of at most a year are.
#[test]
fn a_month_far_from_the_rest_warns_and_adds_no_empty_months() {
    let site = Site::fixture("basic");
    site.in_english();
    record(&site, "2016-05");
    let built = site.build();
    built.assert_ok().assert_error(
        "content/branches/xingwang/2016-05:1:1: warning:",
        "months away from the site's other records (2026-05 to 2026-06)",
    );
    let bulletins: Vec<String> = built
        .files()
        .into_iter()
        .map(|(rel, _)| rel)
        .filter(|rel| rel.starts_with("five-things/") && rel.ends_with("/index.html"))
        .collect();
    for month in ["2016-05", "2026-05", "2026-06"] {
        assert!(
            bulletins.contains(&format!("five-things/{month}/index.html")),
            "{month}: {bulletins:?}"
        );
    }
    for month in ["2016-06", "2020-01", "2026-04"] {
        assert!(
            !bulletins.contains(&format!("five-things/{month}/index.html")),
            "{month}: {bulletins:?}"
        );
    }
    let checked = site.dangri(&["check"]);
    assert!(
        checked
            .lines()
            .iter()
            .any(|l| l.starts_with("content/branches/xingwang/2016-05:1:1: warning:")),
        "{}",
        checked.stdout
    );
}

/// A year without records inside the site's span is still a run of silent
/// months: each has its bulletin (the branches that held no Party Day).
#[test]
fn a_silent_year_between_records_keeps_its_months() {
    let site = Site::fixture("basic");
    record(&site, "2025-05");
    let built = site.build();
    built.assert_ok();
    assert!(!built.stderr.contains("months away"), "{}", built.stderr);
    for month in ["2025-05", "2025-11", "2026-04"] {
        assert!(
            built
                .path(&format!("five-things/{month}/index.html"))
                .exists(),
            "{month}"
        );
    }
}
