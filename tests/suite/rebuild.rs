//! Rebuilds into a previous output (issue 20, point 3): a build with nothing
//! changed rewrites no file; a build after a change rewrites only the files
//! whose bytes change, every other file keeping its modification time and
//! inode; and the output is always byte for byte a clean build's. The
//! record of the last build (`.dangri-cache/build/`) is never trusted.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::Site;

/// Every file of `dir` with its inode and modification time.
fn stamps(dir: &Path) -> BTreeMap<PathBuf, (u64, i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, (m.ino(), m.mtime(), m.mtime_nsec()))
        })
        .collect()
}

/// The files whose stamp changed, and those that came or went.
fn changed(
    before: &BTreeMap<PathBuf, (u64, i64, i64)>,
    after: &BTreeMap<PathBuf, (u64, i64, i64)>,
) -> Vec<String> {
    let mut names: Vec<String> = after
        .iter()
        .filter(|(p, s)| before.get(*p) != Some(*s))
        .map(|(p, _)| p.display().to_string())
        .chain(
            before
                .keys()
                .filter(|p| !after.contains_key(*p))
                .map(|p| format!("-{}", p.display())),
        )
        .collect();
    names.sort();
    names
}

/// The output of `site` is byte for byte what a clean build gives.
#[track_caller]
fn same_as_a_clean_build(site: &Site) {
    let clean = site.sibling("clean");
    if clean.root.exists() {
        fs::remove_dir_all(&clean.root).unwrap();
    }
    for folder in ["content", "templates", "themes"] {
        if site.root.join(folder).exists() {
            crate::common::copy_dir(&site.root.join(folder), &clean.root.join(folder));
        }
    }
    clean.build().assert_ok();
    let ours = Site::files_of(&site.out());
    let theirs = Site::files_of(&clean.out());
    let names = |f: &[(String, Vec<u8>)]| f.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&ours), names(&theirs), "the same files");
    for ((name, a), (_, b)) in ours.iter().zip(&theirs) {
        assert!(a == b, "{name} differs from a clean build's");
    }
}

const RECORD: &str = "content/branches/xingwang/2026-05/study.md";
const RECORD_PAGE: &str = "branches/xingwang/2026-05/study/index.html";
const OTHER_PAGE: &str = "branches/gangkou/2026-06/lecture/index.html";

#[test]
fn a_build_with_nothing_changed_rewrites_no_file() {
    let site = Site::fixture("basic");
    site.build().assert_ok();
    let before = stamps(&site.out());
    let again = site.build();
    again.assert_ok();
    assert!(
        again.stderr.contains("和上次生成时相比什么都没有变"),
        "{}",
        again.stderr
    );
    assert_eq!(changed(&before, &stamps(&site.out())), Vec::<String>::new());

    // The internal build into another folder is a build of its own.
    let internal = site.build_with(&["--internal", "-o", "internal"], &[]);
    internal.assert_ok();
    assert!(
        !internal.stderr.contains("什么都没有变"),
        "{}",
        internal.stderr
    );
    assert_eq!(changed(&before, &stamps(&site.out())), Vec::<String>::new());
}

#[test]
fn a_skipped_build_repeats_the_warnings() {
    let site = Site::fixture("basic");
    site.write(
        "content/branches/xingwang/2026-05/note.docx",
        "not a record",
    );
    let first = site.build();
    first.assert_ok();
    let warning = first
        .stderr
        .lines()
        .find(|l| l.contains("note.docx"))
        .unwrap_or_else(|| panic!("a warning about the .docx: {}", first.stderr))
        .to_owned();
    let again = site.build();
    assert!(again.stderr.contains("什么都没有变"), "{}", again.stderr);
    assert!(again.stderr.contains(&warning), "{}", again.stderr);
}

// The record keeps the warnings as messages, not text: a skipped build
// says them in the site's language, as the build it repeats did, and
// counts them in its summary line.
#[test]
fn a_skipped_build_repeats_the_warnings_in_the_sites_language() {
    let site = Site::fixture("basic");
    site.in_english().write(
        "content/branches/xingwang/2026-05/note.docx",
        "not a record",
    );
    let first = site.build();
    first.assert_ok();
    let warning = first
        .stderr
        .lines()
        .find(|l| l.contains("note.docx") && l.contains(": warning: "))
        .unwrap_or_else(|| panic!("a warning about the .docx: {}", first.stderr))
        .to_owned();
    let chinese = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c);
    assert!(!warning.chars().any(|c| chinese(&c)), "{warning}");
    let again = site.build();
    again.assert_ok();
    assert!(
        again
            .stderr
            .contains("(nothing changed since the last build: no file rewritten)"),
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains(&warning), "{}", again.stderr);
    assert!(again.stderr.contains("1 warning"), "{}", again.stderr);
}

#[test]
fn a_changed_record_rewrites_only_the_files_that_show_it() {
    let site = Site::fixture("basic");
    site.build().assert_ok();
    let before = stamps(&site.out());
    let text = site
        .read(RECORD)
        .replace("学习党章第一章", "学习党章第二章");
    site.write(RECORD, &text);
    let again = site.build();
    again.assert_ok();
    assert!(!again.stderr.contains("什么都没有变"), "{}", again.stderr);
    let rewritten = changed(&before, &stamps(&site.out()));
    assert!(
        rewritten.contains(&RECORD_PAGE.to_owned()),
        "{rewritten:#?}"
    );
    assert!(
        !rewritten.contains(&OTHER_PAGE.to_owned()),
        "{rewritten:#?}"
    );
    assert!(
        !rewritten.contains(&"style.css".to_owned()),
        "{rewritten:#?}"
    );
    assert!(
        rewritten.len() * 3 < before.len(),
        "most files are kept: {} of {} rewritten",
        rewritten.len(),
        before.len()
    );
    assert!(
        site.read(&format!("public/{RECORD_PAGE}"))
            .contains("学习党章第二章")
    );
    same_as_a_clean_build(&site);
}

#[test]
fn a_deleted_record_disappears() {
    let site = Site::fixture("basic");
    site.build().assert_ok();
    site.remove(RECORD);
    site.build().assert_ok();
    assert!(!site.out().join(RECORD_PAGE).exists());
    same_as_a_clean_build(&site);
}

#[test]
fn a_record_made_internal_disappears_and_made_public_appears() {
    let site = Site::fixture("basic");
    let internal = "content/branches/xingwang/2026-05/internal-review.md";
    let secret = "内部处置不合格党员绝密事项";
    site.build().assert_ok();
    assert!(
        !Site::files_of(&site.out())
            .iter()
            .any(|(_, b)| String::from_utf8_lossy(b).contains(secret))
    );

    site.write(
        internal,
        &site.read(internal).replace("visibility: internal\n", ""),
    );
    site.build().assert_ok();
    assert!(
        site.read("public/branches/xingwang/2026-05/internal-review/index.html")
            .contains(secret)
    );
    same_as_a_clean_build(&site);

    let text = site
        .read(RECORD)
        .replace("kind: 学\n", "kind: 学\nvisibility: internal\n");
    site.write(RECORD, &text);
    site.build().assert_ok();
    assert!(!site.out().join(RECORD_PAGE).exists());
    assert!(
        !Site::files_of(&site.out())
            .iter()
            .any(|(_, b)| String::from_utf8_lossy(b).contains("学习党章第一章"))
    );
    same_as_a_clean_build(&site);
}

#[test]
fn a_theme_or_site_yaml_change_is_a_change() {
    let site = Site::fixture("basic");
    site.build().assert_ok();
    // A template override of the site's own.
    let footer = include_str!("../../themes/default/templates/base.html");
    site.write(
        "templates/base.html",
        &footer.replace("</body>", "<!-- 本站自定义 --></body>"),
    );
    let built = site.build();
    built.assert_ok();
    assert!(!built.stderr.contains("什么都没有变"), "{}", built.stderr);
    assert!(
        site.read(&format!("public/{RECORD_PAGE}"))
            .contains("本站自定义")
    );

    let config = site
        .read("content/site.yaml")
        .replace("测试区党支部活动档案", "测试区活动档案");
    site.write("content/site.yaml", &config);
    let built = site.build();
    assert!(!built.stderr.contains("什么都没有变"), "{}", built.stderr);
    assert!(site.read("public/index.html").contains("测试区活动档案"));
}

#[test]
fn an_output_changed_by_hand_is_built_again() {
    let site = Site::fixture("basic");
    site.build().assert_ok();
    site.remove(&format!("public/{RECORD_PAGE}"));
    site.write("public/extra.html", "left by hand");
    site.write("public/index.html", "edited by hand");
    let built = site.build();
    built.assert_ok();
    assert!(!built.stderr.contains("什么都没有变"), "{}", built.stderr);
    assert!(site.out().join(RECORD_PAGE).exists());
    assert!(!site.out().join("extra.html").exists());
    same_as_a_clean_build(&site);
}

/// The record of the last build, the only one in the cache.
fn record(site: &Site) -> PathBuf {
    let dir = site.root.join(".dangri-cache/build");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.remove(0)
}

#[test]
fn a_corrupt_stale_or_foreign_record_is_not_trusted() {
    let site = Site::fixture("basic");
    site.build().assert_ok();
    let path = record(&site);
    let good = fs::read_to_string(&path).unwrap();
    assert!(good.contains("\"format\":2"), "{good}");

    let cases = [
        ("corrupt", "{\"format\":2,\"inputs\":".to_owned()),
        (
            "another format",
            good.replace("\"format\":2", "\"format\":1"),
        ),
        ("another language", with(&good, "language", "fr")),
        (
            "other inputs (another version or binary)",
            with(&good, "inputs", &"0".repeat(32)),
        ),
        ("another output", with(&good, "listing", &"0".repeat(32))),
        ("empty", String::new()),
    ];
    for (what, text) in cases {
        // What the record would hide: a page deleted from the output.
        site.remove(&format!("public/{RECORD_PAGE}"));
        fs::write(&path, &text).unwrap();
        let built = site.build();
        built.assert_ok();
        assert!(
            !built.stderr.contains("什么都没有变"),
            "{what}: {}",
            built.stderr
        );
        assert!(site.out().join(RECORD_PAGE).exists(), "{what}");
    }
    same_as_a_clean_build(&site);

    // A record whose digests match a forged output: the output's listing
    // is read again, so a file changed since is seen.
    site.build().assert_ok();
    let stale = fs::read_to_string(&path).unwrap();
    site.write("public/index.html", "changed");
    fs::write(&path, &stale).unwrap();
    let built = site.build();
    assert!(!built.stderr.contains("什么都没有变"), "{}", built.stderr);
    assert!(site.read("public/index.html").contains("<html"));
}

/// The record `json` with `field` set to `value`.
fn with(json: &str, field: &str, value: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
    v[field] = serde_json::Value::String(value.to_owned());
    v.to_string()
}

#[test]
fn the_day_is_an_input() {
    let site = Site::fixture("basic");
    site.build_with(&[], &[("DANGRI_TODAY", "2026-06-04")])
        .assert_ok();
    let same = site.build_with(&[], &[("DANGRI_TODAY", "2026-06-04")]);
    assert!(same.stderr.contains("什么都没有变"), "{}", same.stderr);
    let next = site.build_with(&[], &[("DANGRI_TODAY", "2026-07-04")]);
    next.assert_ok();
    assert!(!next.stderr.contains("什么都没有变"), "{}", next.stderr);
    // A wrong day fails the build, even with nothing else changed.
    site.build_with(&[], &[("DANGRI_TODAY", "2026-07-04")])
        .assert_ok();
    let wrong = site.build_with(&[], &[("DANGRI_TODAY", "2026-13-04")]);
    assert!(!wrong.success(), "{}", wrong.stderr);
}
