//! `dangri check`: each rule has a fixture line that trips it
//! (`tests/fixtures/check-dirty`, one file per rule) and a fixture that
//! passes every rule (`tests/fixtures/check-clean`); JSON output, exit codes,
//! `--strict`, and that nothing is written.

use crate::common::Site;

/// The expected problems of `check-dirty`, sorted by path: the location
/// prefix and a phrase of the message.
const DIRTY: &[(&str, &str)] = &[
    // What a build validates too: a bad date.
    (
        "content/branches/dirty/2026-05/bad-date.md:3:1: error:",
        "`2026-05-03`, not `2026-5-3`",
    ),
    // A link to a record that does not exist, at the link's line and column.
    (
        "content/branches/dirty/2026-05/broken-link.md:8:5: error:",
        "broken link `meting.md`",
    ),
    // A picture that does not decode, at the picture itself.
    (
        "content/branches/dirty/2026-05/corrupt.jpg:1:1: error:",
        "cannot decode the picture",
    ),
    // Two records of one month with the same title: both are named.
    (
        "content/branches/dirty/2026-05/dup-a.md:4:1: warning:",
        "same title (content/branches/dirty/2026-05/dup-b.md)",
    ),
    (
        "content/branches/dirty/2026-05/dup-b.md:4:1: warning:",
        "same title (content/branches/dirty/2026-05/dup-a.md)",
    ),
    // A body with nothing but a comment.
    (
        "content/branches/dirty/2026-05/empty.md:6:1: warning:",
        "has no text",
    ),
    // A public record linking to an internal one: broken on the public site.
    (
        "content/branches/dirty/2026-05/internal-link.md:6:3: error:",
        "`secret.md` is an internal record",
    ),
    // An embedded picture that is not there.
    (
        "content/branches/dirty/2026-05/missing-image.md:8:1: error:",
        "broken link `nothere.jpg`: there is no picture",
    ),
    // An embedded picture without alt text, a front matter photo without caption.
    (
        "content/branches/dirty/2026-05/no-alt.md:6:6: warning:",
        "the picture `visit.png` has no caption",
    ),
    (
        "content/branches/dirty/2026-05/no-caption.md:6:3: warning:",
        "the photo `visit.png` has no caption",
    ),
    // A lecture without a speaker.
    (
        "content/branches/dirty/2026-05/no-speaker.md:2:1: error:",
        "a lecture without a speaker",
    ),
    // present + excused + absent ≠ expected, at `expected`: a warning, in
    // `build` too.
    (
        "content/branches/dirty/2026-05/sums.md:6:3: warning:",
        "present 7 + excused 0 + absent 1 = 8, but expected is 10",
    ),
    // One member in two attendance lists.
    (
        "content/branches/dirty/2026-05/twice.md:8:3: warning:",
        "`张三` is named under both `present` and `absent`",
    ),
    // …and the body names that absent member (the public site withholds
    // the name from the attendance, not from the text).
    (
        "content/branches/dirty/2026-05/twice.md:10:1: warning:",
        "`张三` is listed under attendance `absent:` and named here too",
    ),
    // Links in branch and free page bodies are checked too.
    (
        "content/branches/dirty/_index.md:5:5: error:",
        "broken link `../../old/`",
    ),
    (
        "content/pages/about.md:5:2: error:",
        "broken link `nowhere.md`",
    ),
];

#[test]
fn every_rule_trips_on_its_fixture_sorted_by_path() {
    let site = Site::fixture("check-dirty");
    site.in_english();
    let ran = site.dangri(&["check"]);
    ran.assert_code(1);
    let lines = ran.lines();
    assert_eq!(lines.len(), DIRTY.len(), "{}", ran.stdout);
    for (line, (prefix, phrase)) in lines.iter().zip(DIRTY) {
        assert!(
            line.starts_with(prefix) && line.contains(phrase),
            "expected `{prefix}` … `{phrase}`, got:\n{line}\n\nall:\n{}",
            ran.stdout
        );
    }
    assert!(
        ran.stderr.contains("8 errors in 8 files, 8 warnings"),
        "{}",
        ran.stderr
    );
}

#[test]
fn clean_fixture_passes_every_rule_even_strict() {
    // Links to records (with a fragment), months, branches, pages, speakers
    // and pictures; captions; attendance that adds up (counts and names);
    // an internal record linking to a public one; a title repeated in
    // another month.
    let site = Site::fixture("check-clean");
    let ran = site.dangri(&["check", "--strict"]);
    ran.assert_code(0);
    assert_eq!(ran.stdout, "", "{}", ran.stdout);
    assert!(
        ran.stderr.contains("检查完毕：9 个文件，5 条记录，"),
        "{}",
        ran.stderr
    );
}

#[test]
fn json_output_parses_and_matches_the_text() {
    let site = Site::fixture("check-dirty");
    let ran = site.dangri(&["check", "--format", "json"]);
    ran.assert_code(1);
    let json: serde_json::Value = serde_json::from_str(&ran.stdout).expect("check --format json");
    assert_eq!(json["errors"], 8);
    assert_eq!(json["warnings"], 8);
    let diags = json["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), DIRTY.len());
    let text = site.dangri(&["check"]);
    for (d, line) in diags.iter().zip(text.lines()) {
        let rebuilt = format!(
            "{}:{}:{}: {}: {}",
            d["path"].as_str().unwrap(),
            d["line"],
            d["column"],
            d["severity"].as_str().unwrap(),
            d["message"].as_str().unwrap()
        );
        assert_eq!(rebuilt, line);
    }
    let clean = Site::fixture("check-clean").dangri(&["check", "--format", "json"]);
    clean.assert_code(0);
    let json: serde_json::Value = serde_json::from_str(&clean.stdout).unwrap();
    assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(0));
}

#[test]
fn warnings_fail_only_with_strict() {
    let site = Site::fixture("check-clean");
    site.write(
        "content/branches/xingwang/2026-05/empty.md",
        "---\ntitle: 空\ndate: 2026-05-20\nkind: study\n---\n",
    );
    let ran = site.dangri(&["check"]);
    ran.assert_code(0);
    assert_eq!(ran.lines().len(), 1, "{}", ran.stdout);
    assert!(
        ran.stdout.contains("empty.md:6:1: warning:"),
        "{}",
        ran.stdout
    );
    site.dangri(&["check", "--strict"]).assert_code(1);
}

#[test]
fn check_writes_nothing() {
    let site = Site::fixture("check-dirty");
    let before = Site::files_of(&site.root);
    site.dangri(&["check"]).assert_code(1);
    site.dangri(&["check", "--format", "json", "."])
        .assert_code(1);
    assert_eq!(Site::files_of(&site.root), before);
    let parent = Site::files_of(site.root.parent().unwrap());
    assert!(
        parent.iter().all(|(p, _)| p.starts_with("site")),
        "nothing beside the site: {:?}",
        parent.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
}

#[test]
fn the_basic_fixture_is_clean_and_links_across_months_resolve() {
    let site = Site::fixture("basic");
    site.dangri(&["check", "--strict"]).assert_code(0);
    // Regression (issue 15, point 17): a record may show a picture of
    // another month folder. `check` called it an error ("in another
    // folder") while the build published it; both now publish it.
    site.write(
        "content/branches/xingwang/2026-06/meeting.md",
        "---\ntitle: 六月会议\ndate: 2026-06-11\nkind: meeting\n---\n见[五月的学习](../2026-05/study.md)。\n\n![基地](../2026-05/visit.jpg)\n",
    );
    let ran = site.dangri(&["check", "--strict"]);
    assert_eq!(ran.stdout, "", "{}", ran.stdout);
    ran.assert_code(0);
    let b = site.build();
    b.assert_ok();
    assert!(b.path("branches/xingwang/2026-05/visit.jpg").exists());
}

#[test]
fn a_missing_site_is_one_located_error() {
    let site = Site::fixture("check-clean");
    site.remove("content/site.yaml");
    let ran = site.dangri(&["check"]);
    ran.assert_code(1);
    // The folder is named, not `.`.
    let root = site.root.display().to_string();
    assert!(
        ran.stdout.starts_with(&format!(
            "content/site.yaml:1:1: error: {root} 不是网站文件夹（里面没有 content/site.yaml）：请进入网站文件夹"
        )),
        "{}",
        ran.stdout
    );
}

#[test]
fn a_command_run_inside_the_site_names_the_site_folder() {
    let site = Site::fixture("check-clean");
    let ran = site.dangri(&["check", "content/branches"]);
    ran.assert_code(1);
    let root = site.root.display().to_string();
    assert!(
        ran.stdout.contains(&format!(
            "{root}/content/branches 不是网站文件夹（里面没有 content/site.yaml）；网站文件夹是它上面的 {root}：请先运行 cd {root} 再运行这个命令"
        )),
        "{}",
        ran.stdout
    );
}

#[test]
fn a_broken_template_fails_the_check_as_it_fails_the_build() {
    let site = Site::fixture("basic");
    site.dangri(&["check"]).assert_code(0);
    site.write(
        "templates/record.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ record.card.title }\n{% endblock content %}",
    );
    let ran = site.dangri(&["check"]);
    ran.assert_code(1);
    // At the template's file and the mistake's line, on one line.
    let line = ran.stdout.lines().next().unwrap_or_default();
    assert!(
        line.starts_with("templates/record.html:3:") && line.contains(": error: 网页模板有错误："),
        "{}",
        ran.stdout
    );
    assert!(!line.contains("error: error:"), "{line}");
    site.dangri(&["build"]).assert_code(1);

    // A variable no page has compiles, and fails only when rendered: check
    // renders a page of each kind to find it, and reports it once.
    site.write(
        "templates/record.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ record.no_such_field.title }}</h1>\n{% endblock content %}",
    );
    let ran = site.dangri(&["check"]);
    ran.assert_code(1);
    let errors: Vec<&str> = ran
        .stdout
        .lines()
        .filter(|l| l.contains(": error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", ran.stdout);
    assert!(
        errors[0].starts_with("templates/record.html:3:") && errors[0].contains("no_such_field"),
        "{}",
        ran.stdout
    );
    // The build reports it the same way.
    let built = site.dangri(&["build"]);
    built.assert_code(1);
    assert!(
        built
            .stderr
            .lines()
            .any(|l| l.starts_with("templates/record.html:3:") && l.contains("no_such_field")),
        "{}",
        built.stderr
    );
    site.dangri(&["build"]).assert_code(1);
}

#[test]
fn a_file_saved_in_gbk_is_one_located_error() {
    let site = Site::fixture("check-clean");
    // "---\ntitle: 党日\n---\n" with the title in GBK, as an old editor saves it.
    site.write_bytes(
        "content/branches/gbk-test/2026-05/study.md",
        b"---\ntitle: \xb5\xb3\xc8\xd5\ndate: 2026-05-10\nkind: study\n---\n\xb5\xb3\xc8\xd5\n",
    );
    let ran = site.dangri(&["check"]);
    ran.assert_code(1);
    assert!(
        ran.stdout.contains(
            "content/branches/gbk-test/2026-05/study.md:1:1: error: 这个文件不是 UTF-8 编码"
        ),
        "{}",
        ran.stdout
    );
}

/// A site of one branch and one record whose date is wrong (`2026-5-3`),
/// with `site_yaml` as its configuration.
fn mini_site(site_yaml: &str) -> Site {
    let site = Site::empty();
    site.write("content/site.yaml", site_yaml)
        .write(
            "content/branches/b1/_index.md",
            "---\nname: 测试支部\ncommittee: 测试党委\n---\n",
        )
        .write(
            "content/branches/b1/2026-05/study.md",
            "---\ntitle: 学习\ndate: 2026-5-3\nkind: study\n---\n学习党章。\n",
        );
    site
}

const BAD_DATE: &str = "content/branches/b1/2026-05/study.md:3:1: error:";

/// Regression: a missing `title` or `base_url`, a relative `base_url` or a
/// YAML mistake in site.yaml hid every content error of the run.
#[test]
fn site_yaml_errors_do_not_hide_content_errors() {
    let cases = [
        (
            "base_url: https://example.org/\n",
            "content/site.yaml:1:1: error:",
            "缺少“title:”这一行",
        ),
        (
            "title: 档案\n",
            "content/site.yaml:1:1: error:",
            "缺少“base_url:”这一行",
        ),
        (
            "title: 档案\nbase_url: /archive/\n",
            "content/site.yaml:2:1: error:",
            "不是网站的网址",
        ),
        (
            "title: 档案\nbase_url: https://example.org/\n- theme\n",
            "content/site.yaml:3:1: error:",
            "这一行是一个列表项（以“- ”开头），但上面没有写它属于哪一项",
        ),
    ];
    for (yaml, prefix, phrase) in cases {
        let site = mini_site(yaml);
        let ran = site.dangri(&["check"]);
        ran.assert_code(1);
        let lines = ran.lines();
        assert_eq!(lines.len(), 2, "{yaml:?}:\n{}", ran.stdout);
        assert!(
            lines[0].starts_with(BAD_DATE) && lines[0].contains("请写 2026-05-03"),
            "{yaml:?}:\n{}",
            ran.stdout
        );
        assert!(
            lines[1].starts_with(prefix) && lines[1].contains(phrase),
            "{yaml:?}: expected `{prefix}` … `{phrase}`:\n{}",
            ran.stdout
        );
        assert!(
            ran.stderr.contains("0 条记录") && ran.stderr.contains("2 个错误（在 2 个文件里）"),
            "{yaml:?}:\n{}",
            ran.stderr
        );
        // The build reports the same and writes nothing.
        let b = site.build();
        b.assert_failed().assert_error(BAD_DATE, "请写 2026-05-03");
        b.assert_error(prefix, phrase);
        assert!(
            !site.out().exists(),
            "{yaml:?}: nothing is written on errors"
        );
    }
}

const SITE_YAML: &str = "title: 档案\nbase_url: https://example.org/\n";

/// Regression: a key given twice was reported at the first key of its map,
/// not at the repeated key.
#[test]
fn a_repeated_key_is_reported_where_it_is_repeated() {
    let site =
        mini_site("title: 档案\nbase_url: https://example.org/\nlanguage: zh-CN\ntitle: 又一个\n");
    site.write(
        "content/branches/b1/2026-05/study.md",
        "---\ntitle: 学习\ndate: 2026-05-03\nkind: study\nlocation: 会议室\nkind: meeting\n---\n学习党章。\n",
    )
    .write(
        "content/branches/b1/2026-05/meeting.md",
        "---\ntitle: 会议\ndate: 2026-05-04\nkind: meeting\nattendance:\n  expected: 3\n  present: 3\n  expected: 4\n---\n开会。\n",
    )
    .write(
        "content/branches/b1/2026-05/visit.md",
        "---\ntitle: 参观\ndate: 2026-5-5\nkind: practice\n---\n参观。\n",
    );
    let ran = site.dangri(&["check"]);
    ran.assert_code(1);
    let lines = ran.lines();
    let expected = [
        (
            "content/branches/b1/2026-05/meeting.md:8:3: error: ",
            "“expected”写了两次",
        ),
        (
            "content/branches/b1/2026-05/study.md:6:1: error: ",
            "“kind”写了两次",
        ),
        (
            "content/branches/b1/2026-05/visit.md:3:1: error:",
            "请写 2026-05-05",
        ),
        ("content/site.yaml:4:1: error: ", "“title”写了两次"),
    ];
    assert_eq!(lines.len(), expected.len(), "{}", ran.stdout);
    for (line, (prefix, phrase)) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(prefix) && line.contains(phrase),
            "expected `{prefix}` … `{phrase}`, got:\n{}",
            ran.stdout
        );
    }
}

/// Regression: `theme:` naming a missing theme was reported at 1:1.
#[test]
fn site_yaml_value_errors_point_at_their_key() {
    let site = mini_site(&format!(
        "{SITE_YAML}theme: nonexistent\nlanguage: fr\nattendance:\n  consecutive: 0\nled:\n  profiles:\n    - name: outdoor\n      width: 384\n      height: 192\n      font_px: 200\n"
    ));
    let ran = site.dangri(&["check"]);
    ran.assert_code(1);
    let lines = ran.lines();
    let expected = [
        (BAD_DATE, "请写 2026-05-03"),
        ("content/site.yaml:3:1: error:", "找不到主题“nonexistent”"),
        ("content/site.yaml:4:1: error:", "不认识语言“fr”"),
        (
            "content/site.yaml:6:3: error:",
            "“consecutive”要写一个大于 0 的整数",
        ),
        (
            "content/site.yaml:12:7: error:",
            "字号 font_px 200 对 384 × 192 的屏太大了",
        ),
    ];
    assert_eq!(lines.len(), expected.len(), "{}", ran.stdout);
    for (line, (prefix, phrase)) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(prefix) && line.contains(phrase),
            "expected `{prefix}` … `{phrase}`, got:\n{}",
            ran.stdout
        );
    }
}

/// Regression: attendance counts near `u64::MAX` wrapped around in the sum
/// (`present 18446744073709551615 + absent 1 = 0` passed the check).
#[test]
fn huge_attendance_counts_are_located_errors() {
    let site = mini_site(SITE_YAML);
    site.write(
        "content/branches/b1/2026-05/study.md",
        "---\ntitle: 学习\ndate: 2026-05-03\nkind: study\nattendance:\n  expected: 0\n  present: 18446744073709551615\n  absent: [王五]\n---\n学习党章。\n",
    )
    .write(
        "content/branches/b1/2026-05/meeting.md",
        "---\ntitle: 会议\ndate: 2026-05-04\nkind: meeting\nattendance:\n  expected: 18446744073709551615\n  present: 5\n  absent: [王五]\n---\n开会。\n",
    )
    .write(
        "content/branches/b1/2026-05/visit.md",
        "---\ntitle: 参观\ndate: 2026-05-05\nkind: practice\nattendance: {expected: 3, present: 100001}\n---\n参观。\n",
    );
    let ran = site.dangri(&["check"]);
    ran.assert_code(1);
    let lines = ran.lines();
    let expected = [
        "content/branches/b1/2026-05/meeting.md:6:3: error: “expected”的人数 18446744073709551615 太大了",
        "content/branches/b1/2026-05/study.md:7:3: error: “present”的人数 18446744073709551615 太大了",
        "content/branches/b1/2026-05/visit.md:5:1: error: “present”的人数 100001 太大了",
    ];
    assert_eq!(lines.len(), expected.len(), "{}", ran.stdout);
    for (line, want) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(want),
            "expected `{want}`, got:\n{}",
            ran.stdout
        );
    }
    let b = site.build();
    b.assert_failed()
        .assert_error("content/branches/b1/2026-05/study.md:7:3:", "太大了");
    assert!(!site.out().exists(), "nothing is written on errors");
}

/// A member listed as absent and named in the body: warned in a public
/// record, not in an internal one (nothing of it is published), nor for a
/// member who was present.
#[test]
fn an_absent_member_named_in_the_text_is_warned_only_when_public() {
    let site = Site::fixture("check-clean");
    let record = |visibility: &str, list: &str| {
        format!(
            "---\ntitle: 六月党员大会\ndate: 2026-06-11\nkind: meeting\nvisibility: {visibility}\nattendance:\n  expected: 2\n  present: 1\n  {list}: [王五]\n---\n王五同志{list}。\n"
        )
    };
    let path = "content/branches/xingwang/2026-06/absent.md";
    site.write(path, &record("public", "absent"));
    let ran = site.dangri(&["check"]);
    assert!(
        ran.stdout
            .contains(&format!("{path}:11:1: warning: “王五”写在出勤的“absent:”")),
        "{}",
        ran.stdout
    );
    site.write(path, &record("internal", "absent"));
    assert!(!site.dangri(&["check"]).stdout.contains("王五"));
    let present = "---\ntitle: 六月党员大会\ndate: 2026-06-11\nkind: meeting\nattendance:\n  expected: 1\n  present: [王五]\n---\n王五同志领学。\n";
    site.write(path, present);
    assert!(!site.dangri(&["check"]).stdout.contains("王五"));
}

/// Issue 22: a command line that does not parse is followed, in a Chinese
/// site, by a line in Chinese that says where to look; `--help` lists the
/// commands a secretary uses, in Chinese too.
#[test]
fn a_mistyped_command_is_explained_in_the_sites_language() {
    let site = Site::fixture("check-clean");
    let ran = site.dangri(&["chekc"]);
    ran.assert_code(2);
    assert!(
        ran.stderr.contains("unrecognized subcommand"),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr
            .contains("命令没有写对（上面是英文的说明）：运行 dangri --help"),
        "{}",
        ran.stderr
    );
    let help = site.dangri(&["--help"]);
    help.assert_code(0);
    assert!(
        help.stdout
            .contains("dangri new record 支部文件夹名 年-月 会"),
        "{}",
        help.stdout
    );

    let yaml = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        &yaml.replace("language: zh-CN", "language: en"),
    );
    let ran = site.dangri(&["chekc"]);
    ran.assert_code(2);
    assert!(!ran.stderr.contains("命令"), "{}", ran.stderr);
}
