//! `serve`'s incremental rebuilds: the dependency map, and that a series of
//! changes applied one at a time gives exactly the files of a full build.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use dangri::catalogue::{self, Page};
use dangri::deps::{self, What};
use dangri::diag::Diagnostics;
use dangri::model::{Site as Model, recording};
use dangri::output::Files;
use dangri::serve::live::Live;

use crate::common::{Site, copy_dir};

const BASE: &str = "http://127.0.0.1:1111/";

fn full(root: &Path) -> (Live, Files) {
    let diags = Diagnostics::new();
    let built = Live::build(root, BASE, &diags).0.unwrap();
    let problems: Vec<String> = diags
        .into_sorted()
        .iter()
        .map(|d| d.text(dangri::msg::Lang::En))
        .collect();
    built.unwrap_or_else(|| panic!("the site has errors: {problems:#?}"))
}

/// A site being served: the incremental state and the files served.
struct Served {
    root: PathBuf,
    live: Live,
    files: Files,
}

impl Served {
    fn start(root: &Path) -> Served {
        let (live, files) = full(root);
        Served {
            root: root.to_path_buf(),
            live,
            files,
        }
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    fn remove(&self, rel: &str) -> PathBuf {
        let path = self.root.join(rel);
        fs::remove_file(&path).unwrap();
        path
    }

    /// Applies changed paths incrementally; returns how many pages were
    /// rendered, `None` when the change asked for a full build.
    fn apply(&mut self, paths: &[PathBuf]) -> Option<usize> {
        let diags = Diagnostics::new();
        let update = self.live.apply(paths, &diags).unwrap()?;
        let problems = diags.into_sorted();
        assert!(
            problems
                .iter()
                .all(|d| d.severity != dangri::diag::Severity::Error),
            "{problems:?}"
        );
        let pages = update.pages;
        update.apply_to(&mut self.files);
        let deferred = self.live.deferred().unwrap();
        deferred.apply_to(&mut self.files);
        Some(pages)
    }

    /// Makes each edit `(file under content/branches, from, to, what)` in
    /// turn, applies it and compares with a full build.
    fn edit_each(&mut self, edits: &[(&str, &str, &str, &str)]) {
        for &(file, from, to, what) in edits {
            let p = edit(&self.root.join("content/branches").join(file), from, to);
            assert!(self.apply(&[p]).unwrap() > 0, "{what} rendered nothing");
            self.assert_same_as_full(what);
        }
    }

    /// Applies changed paths as `serve` does: incrementally, or by building
    /// everything when the change asks for it (then `false`).
    fn apply_or_rebuild(&mut self, paths: &[PathBuf]) -> bool {
        if self.apply(paths).is_some() {
            return true;
        }
        (self.live, self.files) = full(&self.root);
        false
    }

    /// The served files equal those of a full build of the site as it is.
    fn assert_same_as_full(&self, step: &str) {
        let (_, expected) = full(&self.root);
        self.assert_same_as(&expected, step);
    }

    /// The served files are `expected`.
    fn assert_same_as(&self, expected: &Files, step: &str) {
        let differ: Vec<String> = expected
            .keys()
            .chain(self.files.keys())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .filter(|p| expected.get(*p) != self.files.get(*p))
            .map(|p| {
                let state = match (expected.contains_key(p), self.files.contains_key(p)) {
                    (true, false) => "missing",
                    (false, true) => "stale",
                    _ => "different",
                };
                format!("{state}: {}", p.display())
            })
            .collect();
        assert!(
            differ.is_empty(),
            "after {step}, {} file(s) differ from a full build:\n{}",
            differ.len(),
            differ.join("\n")
        );
    }
}

fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &root.join("content"),
    );
    (dir, root)
}

fn edit(path: &Path, from: &str, to: &str) -> PathBuf {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
    path.to_path_buf()
}

#[test]
fn record_changes_served_incrementally_equal_a_full_build() {
    let (_dir, root) = demo();
    let mut s = Served::start(&root);
    let b = root.join("content/branches/binhai-xiaoxue");

    // One edit at a time: (file under branches/, text replaced, by, what).
    let edits = [
        (
            "binhai-xiaoxue/2026-06/study.md",
            "---\n\n",
            "---\n\n增补一段新的学习体会。\n\n",
            "a body edit",
        ),
        // It moves within the month: its neighbours' links change.
        (
            "binhai-xiaoxue/2026-06/study.md",
            "title: 集中学习",
            "title: 再次集中学习",
            "a title edit",
        ),
        (
            "binhai-xiaoxue/2026-06/study.md",
            "date: 2026-06-16",
            "date: 2026-06-02",
            "a date edit",
        ),
        // The yearly assessment counts attendance.
        (
            "binhai-xiaoxue/2026-06/meeting.md",
            "present: 30",
            "present: 20",
            "an attendance edit",
        ),
        (
            "binhai-xiaoxue/2026-05/lecture.md",
            "speaker_name: 张慧敏",
            "speaker: chen-jianguo",
            "a lecture given a pool speaker",
        ),
    ];
    s.edit_each(&edits);

    // A record made internal leaves the public site, which holds no
    // internal record: its month's marks and count of records not
    // published are made at load, so `serve` builds the whole site again.
    let p = edit(
        &root.join("content/branches/binhai-xiaoxue/2026-06/meeting.md"),
        "---\n",
        "---\nvisibility: internal\n",
    );
    assert_eq!(
        s.apply(&[p]),
        None,
        "a record made internal needs a full build"
    );
    s = Served::start(&root);
    s.assert_same_as_full("a record made internal");

    // A new lecture in an existing month, and a deleted one, in one batch.
    let added = s.write(
        "content/branches/binhai-xiaoxue/2026-07/lecture-2.md",
        "---\ntitle: 新增的微党课\ndate: 2026-07-20\nkind: 课\nspeaker: chen-jianguo\nduration: 20\n---\n## 一\n\n新增党课的正文。\n",
    );
    let deleted = s.remove("content/branches/binhai-xiaoxue/2026-05/lecture.md");
    s.apply(&[added, deleted]);
    s.assert_same_as_full("a lecture added and another deleted");

    // The only lecture of a month (a month the site did not reach): its
    // page of the lecture index comes, and goes with it.
    let only = s.write(
        "content/branches/binhai-xiaoxue/2026-11/wuke.md",
        "---\ntitle: 十一月的微党课\ndate: 2026-11-20\nkind: lecture\nspeaker_name: 王老师\n---\n正文。\n",
    );
    let month = Path::new("lectures/2026-11/index.html");
    assert!(!s.files.contains_key(month));
    // A new month folder asks for a full build.
    assert_eq!(s.apply(std::slice::from_ref(&only)), None);
    s = Served::start(&root);
    assert!(s.files.contains_key(month));
    fs::remove_file(&only).unwrap();
    assert!(
        s.apply(&[only]).is_some(),
        "a record deleted is served incrementally"
    );
    s.assert_same_as_full("the only lecture of a month deleted");
    assert!(!s.files.contains_key(month));

    let edits = [
        // The month loses its practice and gains a lecture.
        (
            "binhai-xiaoxue/2026-07/practice.md",
            "kind: practice",
            "kind: lecture\nspeaker_name: 王老师",
            "a kind changed to lecture",
        ),
        // The home page and the feed show the newest records' titles.
        (
            "gangwu-wuliu/2026-10/practice.md",
            "title: ",
            "title: 新标题：",
            "a title edit of a newest record",
        ),
        // A speaker's newest lecture shows on each of the speaker's lectures.
        (
            "haiyun-shequ/2026-10/lecture.md",
            "title: 学习",
            "title: 再学",
            "a title edit of a speaker's newest lecture",
        ),
    ];
    s.edit_each(&edits);

    // An internal record's text is in no public page.
    let p = edit(
        &root.join("content/branches/xingwang-shequ/2026-10/zhiweihui-neibu.md"),
        "title: 支委会（内部）",
        "title: 支委会（内部，改）",
    );
    assert_eq!(
        s.apply(&[p]),
        None,
        "an internal record is not in the public site"
    );
    s = Served::start(&root);
    s.assert_same_as_full("an internal record's title edit");

    // A record that links to another: when the target goes, the link no
    // longer leads anywhere; when it comes back, it does again.
    let linking = s.write(
        "content/branches/binhai-xiaoxue/2026-07/links.md",
        "---\ntitle: 回顾六月的党务工作\ndate: 2026-07-21\nkind: affairs\n---\n见[六月的党务](../2026-06/affairs.md)。\n",
    );
    s.apply(&[linking]);
    let target = b.join("2026-06/affairs.md");
    let text = fs::read_to_string(&target).unwrap();
    let page = Path::new("branches/binhai-xiaoxue/2026-07/links/index.html");
    let href = "/branches/binhai-xiaoxue/2026-06/affairs/";
    assert!(String::from_utf8_lossy(&s.files[page]).contains(href));
    fs::remove_file(&target).unwrap();
    s.apply(std::slice::from_ref(&target));
    assert!(!String::from_utf8_lossy(&s.files[page]).contains(href));
    s.assert_same_as_full("a linked record deleted");
    fs::write(&target, text).unwrap();
    s.apply(&[target]);
    assert!(String::from_utf8_lossy(&s.files[page]).contains(href));
    s.assert_same_as_full("a linked record back");

    // Files the loader skips render nothing.
    let swap = s.write(
        "content/branches/binhai-xiaoxue/2026-07/.practice.md.swp",
        "x",
    );
    let notes = s.write("content/branches/binhai-xiaoxue/2026-07/notes.txt", "x");
    assert_eq!(s.apply(&[swap, notes]), Some(0));
    s.assert_same_as_full("ignored files");
}

#[test]
fn the_first_or_last_month_moving_rewrites_the_five_things_pages() {
    let site = Site::fixture("basic");
    let mut s = Served::start(&site.root);
    // The two June records are the last month's: without them the site
    // ends in May and the June bulletin disappears.
    let a = s.remove("content/branches/xingwang/2026-06/study.md");
    let b = s.remove("content/branches/gangkou/2026-06/lecture.md");
    s.apply(&[a, b]);
    assert!(
        !s.files
            .contains_key(Path::new("five-things/2026-06/index.html"))
    );
    s.assert_same_as_full("the last month emptied");
    let a = s.write(
        "content/branches/gangkou/2026-06/lecture.md",
        "---\ntitle: 企业党课\ndate: 2026-06-15\nkind: lecture\nspeaker_name: 张书记\n---\n内容。\n",
    );
    s.apply(&[a]);
    s.assert_same_as_full("the last month back");
}

#[test]
fn pictures_added_shown_changed_and_removed_equal_a_full_build() {
    let site = Site::fixture("basic");
    let mut s = Served::start(&site.root);
    let month = "content/branches/xingwang/2026-05";
    let other = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/branches/haiyun-shequ/2026-08/typhoon-patrol.jpg");

    // A picture copied into the month folder: no record shows it yet.
    let pic = site.root.join(format!("{month}/new.jpg"));
    fs::copy(site.root.join(format!("{month}/visit.jpg")), &pic).unwrap();
    assert!(s.apply(std::slice::from_ref(&pic)).is_some());
    assert!(!s.files.keys().any(|p| p.to_string_lossy().contains("new")));
    s.assert_same_as_full("a picture added");

    // A record shows it: it is published without a full build.
    let study = edit(
        &site.root.join(format!("{month}/study.md")),
        "tags: [党章, 学习]",
        "tags: [党章, 学习]\nphotos:\n  - src: new.jpg\n    caption: 新照片",
    );
    assert!(s.apply(std::slice::from_ref(&study)).is_some());
    assert!(
        s.files
            .contains_key(Path::new("branches/xingwang/2026-05/new.jpg")),
        "the picture is published"
    );
    s.assert_same_as_full("a picture shown");

    // The picture replaced by another one: published again.
    fs::copy(&other, &pic).unwrap();
    assert!(s.apply(std::slice::from_ref(&pic)).is_some());
    s.assert_same_as_full("a shown picture changed");

    // No record shows it any more: its files go.
    edit(
        &study,
        "photos:\n  - src: new.jpg\n    caption: 新照片\n",
        "",
    );
    assert!(s.apply(&[study]).is_some());
    assert!(!s.files.keys().any(|p| p.to_string_lossy().contains("new")));
    s.assert_same_as_full("a picture no longer shown");
    fs::remove_file(&pic).unwrap();
    assert!(s.apply(&[pic]).is_some());
    s.assert_same_as_full("a picture deleted");

    // Deleting a picture that a record shows is an error of that record.
    let visit = site.root.join(format!("{month}/visit.jpg"));
    let bytes = fs::read(&visit).unwrap();
    fs::remove_file(&visit).unwrap();
    let diags = Diagnostics::new();
    let update = s
        .live
        .apply(std::slice::from_ref(&visit), &diags)
        .unwrap()
        .unwrap();
    assert_eq!(update.pages, 0);
    assert!(
        diags
            .into_sorted()
            .iter()
            .any(|d| d.text(dangri::msg::Lang::En).contains("practice.md")),
        "the record showing the picture is reported"
    );
    fs::write(&visit, bytes).unwrap();
    assert!(s.apply(&[visit]).is_some());
    s.assert_same_as_full("a picture deleted and put back");
}

/// Issue 15, point 9, in `serve`: a picture that only an internal record
/// uses stays unpublished, and a public link to it stays dropped, through
/// incremental changes; a change that withholds another picture (or no
/// longer withholds one) asks for a full build.
#[test]
fn a_withheld_picture_stays_withheld_when_served() {
    let site = Site::fixture("basic");
    let month = "content/branches/xingwang/2026-05";
    fs::copy(
        site.root.join(format!("{month}/visit.jpg")),
        site.root.join(format!("{month}/secret.jpg")),
    )
    .unwrap();
    site.write(
        &format!("{month}/internal-review.md"),
        "---\ntitle: 内部处置\ndate: 2026-05-11\nkind: meeting\nvisibility: internal\nphotos:\n  - src: secret.jpg\n    caption: 内部会议\n---\n内部处置意见。\n",
    )
    .write(
        &format!("{month}/notice.md"),
        "---\ntitle: 五月通知\ndate: 2026-05-20\nkind: affairs\n---\n见[原图](secret.jpg)。\n",
    );
    let mut s = Served::start(&site.root);
    let secret = |s: &Served| {
        s.files
            .keys()
            .any(|p| p.to_string_lossy().contains("secret"))
    };
    assert!(!secret(&s));

    // The public record changes, its link still dropped.
    let notice = edit(&site.root.join(format!("{month}/notice.md")), "见", "请见");
    assert!(s.apply(&[notice]).is_some());
    assert!(!secret(&s));
    s.assert_same_as_full("the linking record changed");

    // A new picture in the month: the month's links are made again.
    let pic = site.root.join(format!("{month}/new.jpg"));
    fs::copy(site.root.join(format!("{month}/visit.jpg")), &pic).unwrap();
    assert!(s.apply(&[pic]).is_some());
    assert!(!secret(&s));
    s.assert_same_as_full("a picture added beside it");

    // The internal record no longer uses it: the link now publishes it,
    // which changes the public record's page: a full build.
    let review = edit(
        &site.root.join(format!("{month}/internal-review.md")),
        "photos:\n  - src: secret.jpg\n    caption: 内部会议\n",
        "",
    );
    assert!(s.apply(&[review]).is_none());
}

/// A picture that appears in a month folder while served, linked to by a
/// public record and embedded by an internal one, is withheld at once.
#[test]
fn a_picture_that_appears_withheld_stays_unpublished_when_served() {
    let site = Site::fixture("basic");
    let month = "content/branches/xingwang/2026-05";
    site.write(
        &format!("{month}/internal-review.md"),
        "---\ntitle: 内部处置\ndate: 2026-05-11\nkind: meeting\nvisibility: internal\n---\n![内部会议](secret.jpg)\n",
    )
    .write(
        &format!("{month}/notice.md"),
        "---\ntitle: 五月通知\ndate: 2026-05-20\nkind: affairs\n---\n见[原图](secret.jpg)。\n",
    );
    let mut s = Served::start(&site.root);
    let pic = site.root.join(format!("{month}/secret.jpg"));
    fs::copy(site.root.join(format!("{month}/visit.jpg")), &pic).unwrap();
    assert!(s.apply(&[pic]).is_some());
    assert!(
        !s.files
            .keys()
            .any(|p| p.to_string_lossy().contains("secret"))
    );
    s.assert_same_as_full("a withheld picture added");
}

#[test]
fn broken_files_change_nothing_and_other_changes_ask_for_a_full_build() {
    let site = Site::fixture("basic");
    let mut s = Served::start(&site.root);
    let before = s.files.clone();
    let p = s.write(
        "content/branches/xingwang/2026-05/study.md",
        "---\ntitle: 半截\ndate: 2026-05-\n",
    );
    let diags = Diagnostics::new();
    let update = s.live.apply(&[p], &diags).unwrap().unwrap();
    assert_eq!(update.pages, 0);
    let problems = diags.into_sorted();
    assert!(
        problems
            .iter()
            .any(|d| d.path == "content/branches/xingwang/2026-05/study.md"),
        "{problems:?}"
    );
    assert_eq!(s.files, before);

    for rel in [
        "content/branches/xingwang/_index.md",
        "content/branches/xingwang/2026-05/_index.md",
        "content/branches/xingwang/2026-07/study.md",
        "content/speakers/chen-jianguo.md",
        "content/site.yaml",
        "templates/record.html",
        "themes/default/static/style.css",
    ] {
        let diags = Diagnostics::new();
        let path = site.root.join(rel);
        assert!(
            s.live.apply(&[path], &diags).unwrap().is_none(),
            "{rel} should ask for a full build"
        );
    }
}

fn described(site: &Model, pages: &BTreeSet<Page>) -> BTreeSet<String> {
    pages.iter().map(|p| deps::describe(site, p)).collect()
}

fn record(site: &Model, src: &str) -> usize {
    site.records
        .iter()
        .position(|r| r.src == src)
        .unwrap_or_else(|| panic!("no record {src}"))
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// A place's pages show each visit's card (title, date, first photo) and
/// the index counts the visits: a record's location, title, date or photo
/// changed re-renders them, and a place that loses its only visit loses
/// its page.
#[test]
fn place_pages_served_incrementally_equal_a_full_build() {
    let (_dir, root) = demo();
    let mut s = Served::start(&root);
    let gone = Path::new("places/dongfu-jiaotongzhan/index.html");
    assert!(s.files.contains_key(gone));
    let edits = [
        (
            "东瑶村/2026-06/hongse-jidi.md",
            "location: 东孚红色交通站旧址、东瑶村村史馆",
            "location: 东瑶村村史馆",
            "a location that no longer names a place",
        ),
        (
            "binhai-xiaoxue/2026-05/practice.md",
            "location: 海沧区革命历史陈列馆",
            "location: 海沧区少先队教育基地",
            "a location moved to a new place",
        ),
        (
            "东瑶村/2026-05/cunshi-dangke.md",
            "title: 从村史馆的老物件说起",
            "title: 从村史馆的老物件谈起",
            "a visit's title",
        ),
        (
            "东瑶村/2026-05/cunshi-dangke.md",
            "date: 2026-05-18",
            "date: 2026-05-02",
            "a visit's date",
        ),
        (
            "东瑶村/2026-06/hongse-jidi.md",
            "caption: 东瑶村村史馆外景",
            "caption: 村史馆外景照片",
            "a visit's first photo",
        ),
    ];
    s.edit_each(&edits);
    assert!(
        !s.files.contains_key(gone),
        "a place without visits has no page"
    );
    let places = String::from_utf8_lossy(&s.files[Path::new("places/index.html")]).into_owned();
    assert!(places.contains("海沧区少先队教育基地"));
    assert!(!places.contains("东孚红色交通站旧址"));
}

#[test]
fn dependency_map_of_a_record_and_of_a_lecture() {
    let site = Site::fixture("basic");
    let diags = Diagnostics::new();
    let model = Model::load(&site.root, false, &diags).unwrap();

    // xingwang's May records in order: study, meeting, practice, affairs
    // and lecture (all 05-10, by kind), then internal-review (not public).
    let study = record(&model, "content/branches/xingwang/2026-05/study.md");
    assert_eq!(
        described(&model, &deps::shows(&model, study, What::ALL)),
        set(&[
            "home",
            "branches",
            "branch xingwang",
            "month xingwang/2026-05",
            "record xingwang/2026-05/study",
            "record xingwang/2026-05/meeting",
            "bulletin 2026-05",
            "five-things 2026",
            "five-things",
            "feed",
            "sitemap",
            "search",
            "data",
            "data 2026-05",
            "assessment",
            "assessment 2026",
            // Its location, 社区党群服务中心: the places index and every place page.
            "places",
            // The branch's ledger of the year prints it in full.
            "ledger xingwang/2026",
        ])
    );

    // A lecture also shows in the lecture index (the first page, its
    // month's page, and every month's page, which counts the lectures of
    // each month), its LED shows and the channels, its speaker's page and
    // the speaker pool, and beside the records of its branch (the next one
    // is in June) and the lectures of the site before and after it.
    let lecture = record(&model, "content/branches/xingwang/2026-05/lecture.md");
    let pages = described(&model, &deps::shows(&model, lecture, What::ALL));
    let expected = set(&[
        "home",
        "branches",
        "branch xingwang",
        "month xingwang/2026-05",
        "record xingwang/2026-05/lecture",
        "record xingwang/2026-05/affairs",
        "record xingwang/2026-06/study",
        "record gangkou/2026-06/lecture",
        "lectures",
        "lectures 2026-05",
        "lectures 2026-06",
        "led xingwang/2026-05/lecture",
        "led channels",
        "speaker chen-jianguo",
        "speakers",
        "bulletin 2026-05",
        "five-things 2026",
        "five-things",
        "feed",
        "sitemap",
        "search",
        "data",
        "data 2026-05",
        "assessment",
        "assessment 2026",
        "ledger xingwang/2026",
    ]);
    assert_eq!(pages, expected);

    // The public site does not hold an internal record (`serve` builds the
    // whole site when one changes).
    assert!(
        model
            .records
            .iter()
            .all(|r| r.src != "content/branches/xingwang/2026-05/internal-review.md")
    );
}

#[test]
fn dependency_map_of_a_text_edit_spares_pages_that_do_not_show_the_text() {
    let (_dir, root) = demo();
    let diags = Diagnostics::new();
    let model = Model::load(&root, false, &diags).unwrap();
    // An old record of the demo site (May; the site runs to October): not
    // among the home page's or the feed's newest. Its month's records are
    // all of 05-16, in the order study, meeting, practice, practice-2, ...
    let meeting = record(&model, "content/branches/binhai-xiaoxue/2026-05/meeting.md");
    let text_only = What::default();
    assert_eq!(
        described(&model, &deps::shows(&model, meeting, text_only)),
        set(&[
            "record binhai-xiaoxue/2026-05/meeting",
            "record binhai-xiaoxue/2026-05/study",
            "record binhai-xiaoxue/2026-05/practice",
            "month binhai-xiaoxue/2026-05",
            "branch binhai-xiaoxue",
            "search",
            "data 2026-05",
            // The place it names shows its card (the places are rendered together); the ledger, its text.
            "places",
            "ledger binhai-xiaoxue/2026",
        ])
    );
    // Its kind changing changes the five things of May: the bulletin, the
    // year's matrix, and every page that shows a month's marks or counts.
    let kind = What {
        kind: true,
        ..What::default()
    };
    let pages = described(&model, &deps::shows(&model, meeting, kind));
    for page in [
        "bulletin 2026-05",
        "five-things 2026",
        "five-things",
        "branches",
        "home",
        "sitemap",
    ] {
        assert!(pages.contains(page), "{page} missing from {pages:?}");
    }
    // Its date changing moves it in the sitemap's dates.
    let date = What {
        date: true,
        ..What::default()
    };
    assert!(described(&model, &deps::shows(&model, meeting, date)).contains("sitemap"));
}

/// Every record a page reads to show it (`model::recording`, which notes
/// each record read through `Site::records` and each card) is one whose
/// change the dependency map re-renders that page for: a page that shows a
/// record without the map knowing would go stale in `serve`. Every page of
/// the catalogue of the demo site, public and internal.
#[test]
fn dependency_map_covers_every_record_a_page_reads() {
    let (_dir, root) = demo();
    for internal in [false, true] {
        let diags = Diagnostics::new();
        let (model, theme) = dangri::build::load(&root, internal, None, &diags).unwrap();
        let out = dangri::output::Output::discard();
        let sizes = dangri::photos::PhotoSizes::default();
        let r = dangri::render::Renderer::new(&model, &theme, &sizes, &out, &diags).unwrap();
        let shows: Vec<BTreeSet<Page>> = (0..model.records.len())
            .map(|i| deps::shows(&model, i, What::default()))
            .collect();
        let mut missing = Vec::new();
        let mut pages = 0;
        for kind in catalogue::KINDS.iter().filter(|k| k.in_build(&model)) {
            for page in (kind.pages)(&model) {
                // One thread: the recording sees this thread's reads.
                let (done, read) = one_thread(|| recording(|| (kind.render)(&r, &page)));
                done.unwrap();
                pages += 1;
                // The places index stands for every place page: they are
                // rendered together.
                let unit = match &page {
                    Page::Place(_) => Page::Places,
                    p => p.clone(),
                };
                for i in read {
                    if !shows[i].contains(&unit) {
                        missing.push(format!(
                            "{} reads {}",
                            deps::describe(&model, &page),
                            model.records.peek(i).src
                        ));
                    }
                }
            }
        }
        assert!(pages > 100, "{pages} pages");
        assert!(
            missing.is_empty(),
            "internal: {internal}; pages that show a record the dependency map does not know of:\n{}",
            missing.join("\n")
        );
    }
}

fn one_thread<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(f)
}

/// A change of one kind made to a record file's text: `None` when it does
/// not apply to this record.
type Change = fn(&str) -> Option<String>;

/// Sets front-matter field `key` (a one-line value) or adds it.
fn set_field(text: &str, key: &str, value: &str) -> String {
    let line = format!("{key}: {value}");
    let prefix = format!("{key}:");
    match text.lines().position(|l| l.starts_with(&prefix)) {
        Some(at) => {
            let mut lines: Vec<&str> = text.lines().collect();
            lines[at] = &line;
            lines.join("\n") + "\n"
        }
        None => text.replacen("---\n", &format!("---\n{line}\n"), 1),
    }
}

fn field<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let prefix = format!("{key}:");
    text.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .map(str::trim)
}

fn is_lecture(text: &str) -> bool {
    matches!(field(text, "kind"), Some("课" | "lecture"))
}

/// Every kind of change a writer makes to a record, each a case of
/// `deps::What` or of the text alone.
const CHANGES: &[(&str, Change)] = &[
    ("its text", |t| {
        Some(format!("{}\n追加的一段话。\n", t.trim_end()))
    }),
    ("its title", |t| {
        let title = field(t, "title")?;
        // Inside the quotes of a quoted title.
        let title = match title.strip_suffix('"') {
            Some(open) => format!("{open}（修订）\""),
            None => format!("{title}（修订）"),
        };
        Some(set_field(t, "title", &title))
    }),
    ("its date", |t| {
        let date = field(t, "date")?;
        let day = if date.ends_with("-28") { "01" } else { "28" };
        Some(set_field(t, "date", &format!("{}-{day}", &date[..7])))
    }),
    ("its kind", |t| {
        if is_lecture(t) {
            return None;
        }
        let to = if field(t, "kind")? == "meeting" {
            "study"
        } else {
            "meeting"
        };
        Some(set_field(t, "kind", to))
    }),
    ("its visibility", |t| {
        Some(match field(t, "visibility") {
            Some("internal") => t.replace("visibility: internal\n", ""),
            _ => set_field(t, "visibility", "internal"),
        })
    }),
    ("its location", |t| {
        Some(set_field(t, "location", "新设的党群服务站"))
    }),
    ("its attendance", |t| {
        if t.contains("attendance:") {
            return None;
        }
        Some(t.replacen(
            "---\n",
            "---\nattendance:\n  expected: 20\n  present: 17\n",
            1,
        ))
    }),
    ("its speaker", |t| {
        if !is_lecture(t) {
            return None;
        }
        let without = t
            .lines()
            .filter(|l| !l.starts_with("speaker:"))
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
        Some(set_field(&without, "speaker_name", "王老师"))
    }),
    ("its screens", |t| {
        is_lecture(t).then(|| set_field(t, "led", "false"))
    }),
];

/// Every record of a site, and every kind of change to it, one at a time:
/// `serve`'s update equals a full build, and undoing the change gives back
/// the site's first files. The dependency map's rules for a record's place,
/// date, kind, visibility, speaker, location and attendance are checked
/// here on every record, not on a chosen few.
#[test]
fn every_change_to_every_record_served_equals_a_full_build() {
    let site = Site::fixture("basic");
    let mut s = Served::start(&site.root);
    let first = s.files.clone();
    let branches = site.root.join("content/branches");
    let mut records: Vec<PathBuf> = walk(&branches)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .collect();
    records.sort();
    assert!(records.len() >= 9, "{records:?}");
    let mut checked = 0;
    let mut full_builds = BTreeSet::new();
    for path in &records {
        let rel = path.strip_prefix(&site.root).unwrap().display().to_string();
        let original = fs::read_to_string(path).unwrap();
        let internal = field(&original, "visibility") == Some("internal");
        let mut step = |s: &mut Served, name: &str, text: Option<&str>| {
            match text {
                Some(t) => fs::write(path, t).unwrap(),
                None => fs::remove_file(path).unwrap(),
            }
            if !s.apply_or_rebuild(std::slice::from_ref(path)) {
                full_builds.insert(
                    if internal {
                        "of the internal record"
                    } else {
                        name
                    }
                    .to_string(),
                );
            }
        };
        for (name, change) in CHANGES {
            let Some(changed) = change(&original) else {
                continue;
            };
            assert_ne!(changed, original, "{name} of {rel}");
            step(&mut s, name, Some(&changed));
            s.assert_same_as_full(&format!("{name} of {rel} changed"));
            step(&mut s, name, Some(&original));
            s.assert_same_as(&first, &format!("{name} of {rel} changed back"));
            checked += 1;
        }
        step(&mut s, "deleted", None);
        s.assert_same_as_full(&format!("{rel} deleted"));
        step(&mut s, "deleted", Some(&original));
        s.assert_same_as(&first, &format!("{rel} written again"));
        checked += 1;
    }
    // A public site holds no internal record: one made internal or public,
    // or changed while internal, is a full build (see `Live::apply`).
    // Everything else is incremental.
    assert_eq!(
        full_builds,
        set(&["its visibility", "of the internal record"])
    );
    assert!(checked > 60, "{checked} changes");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
