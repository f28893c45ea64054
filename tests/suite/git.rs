//! "Last changed" dates from git: a temporary repository with two commits,
//! a folder without git, and a shallow clone. The default record template
//! leaves the line to the theme; a site template shows `record.updated`.

use crate::common::Site;

const RECORD_TEMPLATE: &str = "<h1>{{ record.card.title }}</h1>\n{% if record.updated %}<time class=\"updated\">{{ record.updated }}</time>{% endif %}\n";

fn site_with_template() -> Site {
    let site = Site::fixture("basic");
    site.write("templates/record.html", RECORD_TEMPLATE);
    site
}

fn updated(built: &crate::common::Built, record: &str) -> Vec<String> {
    built
        .page(&format!("branches/xingwang/2026-05/{record}/index.html"))
        .texts("time.updated")
}

/// The basic fixture committed on 2026-05-10, then study.md changed on
/// 2026-06-02 (just after midnight in China: still 06-01 in UTC).
fn repository() -> Site {
    let site = site_with_template();
    site.git(&["init", "-q"], "2026-05-10T20:00:00+08:00")
        .git(&["add", "."], "2026-05-10T20:00:00+08:00")
        .git(
            &["commit", "-q", "-m", "五月记录"],
            "2026-05-10T20:00:00+08:00",
        );
    let study = site.read("content/branches/xingwang/2026-05/study.md");
    site.write(
        "content/branches/xingwang/2026-05/study.md",
        &format!("{study}\n补记：会后交流学习体会。\n"),
    )
    .git(
        &["commit", "-q", "-am", "补记学习体会"],
        "2026-06-02T00:30:00+08:00",
    );
    site
}

#[test]
fn record_pages_get_the_date_of_their_files_last_commit() {
    let site = repository();
    // Not committed yet: no date.
    site.write(
        "content/branches/xingwang/2026-05/extra.md",
        "---\ntitle: 补充记录\ndate: 2026-05-20\nkind: study\n---\n尚未提交。\n",
    );
    let built = site.build();
    built.assert_ok();
    assert_eq!(updated(&built, "study"), vec!["2026-06-02"]);
    assert_eq!(updated(&built, "meeting"), vec!["2026-05-10"]);
    assert!(updated(&built, "extra").is_empty());
    assert!(!built.stderr.contains("shallow"), "{}", built.stderr);
    // Chinese paths come through as they are.
    let dy = built.page("branches/东瑶村/2026-05/学习/index.html");
    assert_eq!(dy.texts("time.updated"), vec!["2026-05-10"]);
    // The same repository gives the same bytes.
    let first = built.files();
    let again = site.build();
    again.assert_ok();
    assert_eq!(first, again.files());
    // The default theme shows the date too.
    site.remove("templates/record.html");
    let themed = site.build();
    themed.assert_ok();
    let page = themed.page("branches/xingwang/2026-05/study/index.html");
    assert_eq!(page.attrs("p.updated time", "datetime"), vec!["2026-06-02"]);
    // Issue 22: in the site's one date style, as every other date.
    assert_eq!(page.texts("p.updated time"), vec!["2026年6月2日"]);
    site.write("templates/record.html", RECORD_TEMPLATE);
}

#[test]
fn without_git_there_is_no_date() {
    let site = site_with_template();
    let built = site.build();
    built.assert_ok();
    assert!(updated(&built, "study").is_empty());
    assert!(updated(&built, "meeting").is_empty());
}

#[test]
fn a_shallow_clone_is_detected_and_warned_about() {
    let site = repository();
    let clone = site.sibling("clone");
    let url = format!("file://{}", site.root.display());
    site.git(
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            &url,
            clone.root.to_str().unwrap(),
        ],
        "2026-06-03T00:00:00+08:00",
    );
    let built = clone.build();
    built.assert_ok();
    assert!(
        built.stderr.contains("warning: git 历史不完整（浅克隆）"),
        "{}",
        built.stderr
    );
}

#[test]
fn a_repository_git_refuses_gets_no_dates_and_a_warning() {
    let site = repository();
    // Git refuses a repository owned by another user (`safe.directory`), as
    // in CI containers. Changing the owner needs root; elsewhere, skip.
    let nobody = Some(65534);
    for dir in [site.root.clone(), site.root.join(".git")] {
        if std::os::unix::fs::chown(&dir, nobody, nobody).is_err() {
            eprintln!("skipped: changing the owner of a folder needs root");
            return;
        }
    }
    // No global `safe.directory = *` may let it through.
    let built = site.build_with(
        &[],
        &[
            ("GIT_CONFIG_GLOBAL", "/dev/null"),
            ("GIT_CONFIG_NOSYSTEM", "1"),
        ],
    );
    built.assert_ok();
    assert!(updated(&built, "study").is_empty());
    assert!(
        built.stderr.contains("warning: git 不肯读这个仓库"),
        "{}",
        built.stderr
    );
}
