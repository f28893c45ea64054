//! Privacy by construction, tested from the outside: a public build's
//! output must not change when anything it may not show changes (issue 15:
//! the differential test, and the words meant to hide that were ignored).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_yaml::{Mapping, Value};

use crate::common::{Site, copy_dir};

/// Splits a record into its front matter and body.
fn split(text: &str) -> (Mapping, String) {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("closed front matter");
    let front: Mapping = serde_yaml::from_str(&rest[..end]).unwrap();
    (front, rest[end + 5..].to_string())
}

fn join(front: &Mapping, body: &str) -> String {
    format!("---\n{}---\n{body}", serde_yaml::to_string(front).unwrap())
}

fn text(v: &str) -> Value {
    Value::String(v.to_string())
}

/// Maps every member name in `attendance` through `rename`.
fn rename_members(front: &mut Mapping, rename: &dyn Fn(&str) -> String) {
    let Some(Value::Mapping(att)) = front.get_mut("attendance") else {
        return;
    };
    for key in ["present", "absent"] {
        if let Some(Value::Sequence(names)) = att.get_mut(key) {
            for n in names.iter_mut() {
                if let Value::String(s) = n {
                    *s = rename(s);
                }
            }
        }
    }
    if let Some(Value::Sequence(excused)) = att.get_mut("excused") {
        for e in excused.iter_mut() {
            if let Value::Mapping(e) = e {
                if let Some(Value::String(s)) = e.get_mut("name") {
                    *s = rename(s);
                }
                if e.contains_key("reason") {
                    e.insert(text("reason"), text("另一个原因"));
                }
            }
        }
    }
}

/// Rewrites every value of an internal record a public build may not show,
/// keeping what counts in public (the kind, the month, the counts, and for
/// the yearly assessment whether a lecture was the branch's liaison
/// leader's: `leader`).
fn rewrite_internal(front: &mut Mapping, n: usize, leader: Option<&str>) -> String {
    for key in ["title", "summary", "location", "speaker_name"] {
        let by_leader =
            key == "speaker_name" && leader.is_some_and(|l| front.get(key) == Some(&text(l)));
        if front.contains_key(key) && !by_leader {
            front.insert(text(key), text(&format!("改写的{key}{n}")));
        }
    }
    front.insert(text("location"), text(&format!("改写的地点{n}")));
    front.insert(
        text("tags"),
        Value::Sequence(vec![text(&format!("改写标签{n}"))]),
    );
    if let Some(Value::String(date)) = front.get_mut("date") {
        // Another day of the same month.
        let day: u32 = date[8..].parse().unwrap();
        let other = if day > 20 { day - 5 } else { day + 5 };
        *date = format!("{}{other:02}", &date[..8]);
    }
    if let Some(Value::Sequence(photos)) = front.get_mut("photos") {
        for p in photos.iter_mut() {
            if let Value::Mapping(p) = p {
                p.insert(text("caption"), text("改写的说明"));
            }
        }
    }
    format!(
        "\n改写的正文{n}：**完全不同**的内容，[一个链接](https://example.com/{n})。\n\n## 新标题\n\n更多文字。\n"
    )
}

/// The liaison leader of the branch of the record at `path`, if any.
fn liaison_leader(path: &Path) -> Option<String> {
    let index = path.parent()?.parent()?.join("_index.md");
    let (front, _) = split(&fs::read_to_string(index).ok()?);
    match front.get("liaison")?.get("leader")? {
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// The record files of a site (not `_index.md`), sorted.
fn records(content: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = walkdir::WalkDir::new(content.join("branches"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "_index.md"))
        .filter(|p| p.components().count() >= content.join("branches").components().count() + 3)
        .collect();
    v.sort();
    v
}

/// Every file of a folder, path and bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    Site::files_of(dir).into_iter().collect()
}

// The demo site with every fifth record made internal. A copy rewrites
// every internal record's title, summary, place, tags, speaker, date (same
// month), captions and body, and every member's name in every record (one
// for one, so the counts stay): the public build must be byte-identical.
#[test]
fn public_output_does_not_change_when_internal_values_do() {
    let a = Site::empty();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &a.root.join("content"),
    );
    let files = records(&a.root.join("content"));
    assert!(files.len() > 100, "the demo site has records");
    let mut internal = 0;
    for (i, path) in files.iter().enumerate() {
        let (mut front, body) = split(&fs::read_to_string(path).unwrap());
        if i % 5 == 0 {
            front.insert(text("visibility"), text("internal"));
        }
        if front.get("visibility") == Some(&text("internal")) {
            internal += 1;
        }
        fs::write(path, join(&front, &body)).unwrap();
    }
    let b = a.sibling("b");
    copy_dir(&a.root, &b.root);
    for (n, path) in records(&b.root.join("content")).iter().enumerate() {
        let (mut front, mut body) = split(&fs::read_to_string(path).unwrap());
        if front.get("visibility") == Some(&text("internal")) {
            let leader = liaison_leader(path);
            body = rewrite_internal(&mut front, n, leader.as_deref());
        }
        rename_members(&mut front, &|name| format!("改{name}"));
        fs::write(path, join(&front, &body)).unwrap();
    }
    assert!(internal > 50, "{internal} internal records");
    let (built_a, built_b) = (a.build(), b.build());
    built_a.assert_ok();
    built_b.assert_ok();
    let (ta, tb) = (tree(&built_a.out), tree(&built_b.out));
    assert_eq!(
        ta.keys().collect::<Vec<_>>(),
        tb.keys().collect::<Vec<_>>(),
        "the same files"
    );
    let differ: Vec<&String> = ta
        .iter()
        .filter(|(k, v)| tb[*k] != **v)
        .map(|(k, _)| k)
        .collect();
    assert!(differ.is_empty(), "public files that changed: {differ:?}");
    // And the rewriting was seen by a build that may show it.
    let out = b.root.join("internal");
    let internal_b = b.build_with(&["--internal", "-o", out.to_str().unwrap()], &[]);
    internal_b.assert_ok();
    let shown = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        shown.contains("改写的"),
        "the internal build shows the rewritten records"
    );
}

// Regression: `visibility: internal` in a month's `_index.md`, a free page
// or a speaker was an unknown-field warning, and the text was published.
#[test]
fn visibility_internal_outside_records_is_an_error_not_ignored() {
    let cases = [
        (
            "content/branches/xingwang/2026-05/_index.md",
            "---\ntitle: 内部主题\nvisibility: internal\n---\n\n内部。\n",
            "每月主题（_index.md）总是公开的",
        ),
        (
            "content/pages/neibu.md",
            "---\ntitle: 内部通知\nvisibility: internal\n---\n\n内部。\n",
            "独立页面总是公开的",
        ),
        (
            "content/speakers/neibu.md",
            "---\nname: 内部专家\nvisibility: internal\n---\n\n内部。\n",
            "讲师库里的主讲人总是公开的",
        ),
    ];
    for (path, text, what) in cases {
        let site = Site::fixture("basic");
        site.write(path, text);
        let line = text
            .lines()
            .position(|l| l.starts_with("visibility"))
            .unwrap()
            + 1;
        let prefix = format!("{path}:{line}:1: error:");
        let ran = site.dangri(&["check"]);
        ran.assert_code(1);
        assert!(
            ran.stdout
                .lines()
                .any(|l| l.starts_with(&prefix) && l.contains(what)),
            "{}",
            ran.stdout
        );
        site.build()
            .assert_failed()
            .assert_error(&prefix, "只有活动记录可以写 visibility");
        assert!(!site.out().exists());
    }
    // `visibility: public` says what is true anyway.
    let site = Site::fixture("basic");
    site.write(
        "content/pages/open.md",
        "---\ntitle: 公开\nvisibility: public\n---\n\n公开。\n",
    );
    site.build().assert_ok();
}

// Regression: a line `...` (YAML's end of document) closed the front
// matter; `visibility: internal` after it became body text, published.
#[test]
fn yaml_document_end_does_not_close_the_front_matter() {
    let site = Site::fixture("basic");
    site.in_english();
    let path = "content/branches/xingwang/2026-05/secret.md";
    site.write(
        path,
        "---\ntitle: 秘密\ndate: 2026-05-20\nkind: study\n...\nvisibility: internal\n---\n\n秘密的正文。\n",
    );
    let prefix = format!("{path}:5:1: error:");
    let ran = site.dangri(&["check"]);
    ran.assert_code(1);
    assert!(ran.stdout.starts_with(&prefix), "{}", ran.stdout);
    site.build()
        .assert_failed()
        .assert_error(&prefix, "`...` does not end");
}
