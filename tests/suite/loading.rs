//! What the loader reads and refuses, the same for `check` and `build`:
//! symbolic links, file names that are not UTF-8, Markdown files with
//! another extension (issue 15, points 5, 15, 17 and 19).

use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::Path;

use crate::common::Site;

const RECORD: &str = "---\ntitle: 链接进来的记录\ndate: 2026-05-20\nkind: study\n---\n\n正文。\n";

/// Asserts that `check` and `build` both fail with an error at `path`
/// whose message contains `phrase`, and that the build published nothing.
#[track_caller]
fn both_refuse(site: &Site, path: &str, phrase: &str) {
    let ran = site.dangri(&["check"]);
    ran.assert_code(1);
    let prefix = format!("{path}:1:1: error:");
    assert!(
        ran.stdout
            .lines()
            .any(|l| l.starts_with(&prefix) && l.contains(phrase)),
        "check: no `{prefix}` … `{phrase}` in\n{}",
        ran.stdout
    );
    let built = site.build();
    built.assert_failed().assert_error(&prefix, phrase);
    assert!(!site.out().exists(), "nothing is written");
}

// Regression: `ln -s /etc/passwd content/static/passwd.txt` published the
// file, and `check` said nothing.
#[test]
fn a_link_out_of_the_site_is_an_error_in_check_and_build() {
    let site = Site::fixture("basic");
    site.in_english();
    let outside = site.root.parent().unwrap().join("secret.txt");
    std::fs::write(&outside, "root:x:0:0").unwrap();
    symlink(&outside, site.root.join("content/static/passwd.txt")).unwrap();
    both_refuse(
        &site,
        "content/static/passwd.txt",
        "outside the site folder",
    );

    let site = Site::fixture("basic");
    site.in_english();
    let outside = site.root.parent().unwrap().join("record.md");
    std::fs::write(&outside, RECORD).unwrap();
    symlink(
        &outside,
        site.root
            .join("content/branches/xingwang/2026-05/linked.md"),
    )
    .unwrap();
    both_refuse(
        &site,
        "content/branches/xingwang/2026-05/linked.md",
        "outside the site folder",
    );

    // A whole branch folder linked from outside.
    let site = Site::fixture("basic");
    site.in_english();
    let elsewhere = site.root.parent().unwrap().join("elsewhere");
    crate::common::copy_dir(&site.root.join("content/branches/gangkou"), &elsewhere);
    symlink(&elsewhere, site.root.join("content/branches/linked")).unwrap();
    both_refuse(&site, "content/branches/linked", "outside the site folder");
}

// Regression: symlinked branch and month folders inside the site were
// skipped without a word; they are followed, by `check` and `build` alike.
#[test]
fn links_inside_the_site_are_followed_by_check_and_build() {
    let site = Site::fixture("basic");
    site.write(
        "archive/2026-07/study.md",
        &RECORD.replace("05-20", "07-20"),
    );
    site.write("archive/logo.txt", "标志");
    symlink(
        site.root.join("archive/2026-07"),
        site.root.join("content/branches/xingwang/2026-07"),
    )
    .unwrap();
    symlink(
        "../../archive/logo.txt",
        site.root.join("content/static/logo.txt"),
    )
    .unwrap();
    let ran = site.dangri(&["check"]);
    ran.assert_code(0);
    let built = site.build();
    built.assert_ok();
    assert!(
        built
            .path("branches/xingwang/2026-07/study/index.html")
            .is_file()
    );
    assert_eq!(built.text("logo.txt"), "标志");
}

// Regression: a dangling link and a loop were an unlocated "cannot copy"
// in `build` and nothing in `check`.
#[test]
fn dangling_links_and_loops_are_located_errors() {
    let site = Site::fixture("basic");
    site.in_english();
    symlink("nowhere.txt", site.root.join("content/static/gone.txt")).unwrap();
    both_refuse(
        &site,
        "content/static/gone.txt",
        "a symbolic link to nothing",
    );

    let site = Site::fixture("basic");
    site.in_english();
    symlink("..", site.root.join("content/static/loop")).unwrap();
    both_refuse(&site, "content/static/loop", "loop");
}

// Regression: `\xff.md` and `\xfe.md` (GBK names from a Windows zip) both
// became `�.md`: two titles, one page, no error.
#[test]
fn file_names_that_are_not_utf8_are_errors_with_a_hint() {
    let site = Site::fixture("basic");
    site.in_english();
    let month = site.root.join("content/branches/xingwang/2026-05");
    for byte in [0xff_u8, 0xfe] {
        let name = [byte, b'.', b'm', b'd'];
        std::fs::write(month.join(std::ffi::OsStr::from_bytes(&name)), RECORD).unwrap();
    }
    let ran = site.dangri(&["check"]);
    ran.assert_code(1);
    let hits = ran
        .stdout
        .lines()
        .filter(|l| l.contains("not UTF-8") && l.contains("GBK"))
        .count();
    assert_eq!(hits, 2, "{}", ran.stdout);
    site.build().assert_failed();
    assert!(!site.out().exists());
}

// Regression: a record named `R.MD` was skipped without a word.
#[test]
fn markdown_with_another_extension_is_an_error_and_other_files_a_warning() {
    let site = Site::fixture("basic");
    site.in_english();
    site.write("content/branches/xingwang/2026-05/R.MD", RECORD);
    both_refuse(
        &site,
        "content/branches/xingwang/2026-05/R.MD",
        "rename it to `R.md`",
    );

    let site = Site::fixture("basic");
    site.in_english();
    site.write("content/pages/join.markdown", "---\ntitle: 入党\n---\n");
    both_refuse(
        &site,
        "content/pages/join.markdown",
        "rename it to `join.md`",
    );

    let site = Site::fixture("basic");
    site.in_english();
    site.write("content/branches/xingwang/2026-05/通知.docx", "PK");
    let ran = site.dangri(&["check"]);
    ran.assert_code(0);
    assert!(
        ran.stdout.contains(
            "content/branches/xingwang/2026-05/通知.docx:1:1: warning: a Word document is not read"
        ),
        "{}",
        ran.stdout
    );
}

// Regression: "checked 2 records" for four files, two of them broken.
#[test]
fn checks_summary_counts_files_read_and_files_with_errors() {
    let site = Site::empty();
    site.write(
        "content/site.yaml",
        "title: 档案\nbase_url: https://example.org/\n",
    )
    .write(
        "content/branches/b/_index.md",
        "---\nname: 测试党支部\ncommittee: 测试党委\n---\n",
    )
    .write("content/branches/b/2026-05/ok.md", RECORD)
    .write(
        "content/branches/b/2026-05/bad-date.md",
        &RECORD.replace("2026-05-20", "2026-5-20"),
    )
    .write(
        "content/branches/b/2026-05/no-kind.md",
        &RECORD.replace("kind: study\n", ""),
    );
    let ran = site.dangri(&["check"]);
    ran.assert_code(1);
    assert!(
        ran.stderr.contains("检查完毕：4 个文件，1 条记录，")
            && ran.stderr.contains("2 个错误（在 2 个文件里）"),
        "{}",
        ran.stderr
    );
    assert!(Path::new(&site.root).join("content").is_dir());
}
