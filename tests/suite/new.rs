//! `dangri new`: scaffolds that `check` and `build` accept, unique file
//! names, dates, and never replacing a file.

use crate::common::Site;

/// Today as the system's `date` sees it (the same time zone dangri uses).
#[test]
fn new_branch_and_record_are_accepted_by_check_and_build() {
    let site = Site::fixture("check-clean");
    let ran = site.dangri(&[
        "new",
        "branch",
        "haiyun",
        "--name",
        "海沧街道海韵社区党支部",
        "--committee",
        "海沧街道党工委",
        "--category",
        "community",
        "--members",
        "45",
    ]);
    ran.assert_code(0);
    assert_eq!(ran.stdout.trim(), "content/branches/haiyun/_index.md");
    let text = site.read("content/branches/haiyun/_index.md");
    for line in [
        "name: 海沧街道海韵社区党支部\n",
        "committee: 海沧街道党工委\n",
        "category: community\n",
        "members: 45\n",
        "# secretary: ",
        "# liaison: ",
    ] {
        assert!(text.contains(line), "{line:?} in:\n{text}");
    }
    let ran = site.dangri(&[
        "new",
        "record",
        "haiyun",
        "2026-03",
        "学",
        "--title",
        "主题党日: 学习党章",
    ]);
    ran.assert_code(0);
    assert_eq!(
        ran.stdout.trim(),
        "content/branches/haiyun/2026-03/study.md"
    );
    let text = site.read("content/branches/haiyun/2026-03/study.md");
    // A month other than this one: the 1st. A title with `: ` is quoted.
    assert!(text.contains("date: 2026-03-01\n"), "{text}");
    assert!(text.contains("title: \"主题党日: 学习党章\"\n"), "{text}");
    // The kind as typed (学), and stderr says what that is.
    assert!(text.contains("kind: 学    #"), "{text}");
    assert!(
        ran.stderr.contains("kind: 学，即 study") && ran.stderr.contains("2026-03-01"),
        "{}",
        ran.stderr
    );
    for field in [
        "# summary:",
        "# location:",
        "# tags:",
        "# photos:",
        "# attendance:",
        "# visibility:",
    ] {
        assert!(text.contains(field), "{field} in:\n{text}");
    }
    assert!(
        !text.contains("speaker"),
        "no lecture fields in a study record:\n{text}"
    );
    // The scaffold parses; its empty body is the one thing left to do.
    let check = site.dangri(&["check"]);
    check.assert_code(0);
    assert_eq!(check.lines().len(), 1, "{}", check.stdout);
    assert!(
        check
            .stdout
            .starts_with("content/branches/haiyun/2026-03/study.md:")
            && check.stdout.contains("warning: 这条记录没有正文"),
        "{}",
        check.stdout
    );
    let built = site.build();
    built.assert_ok();
    let page = built.page("branches/haiyun/2026-03/study/index.html");
    assert_eq!(page.text_of("h1"), "主题党日: 学习党章");
}

#[test]
fn records_get_unique_names_and_nothing_is_overwritten() {
    let site = Site::fixture("check-clean");
    let first = site.dangri(&["new", "record", "xingwang", "2026-05", "study"]);
    first.assert_code(0);
    // study.md exists in the fixture: the next free name.
    assert_eq!(
        first.stdout.trim(),
        "content/branches/xingwang/2026-05/study-2.md"
    );
    let second = site.dangri(&["new", "record", "xingwang", "2026-05", "study"]);
    second.assert_code(0);
    assert_eq!(
        second.stdout.trim(),
        "content/branches/xingwang/2026-05/study-3.md"
    );
    let before = Site::files_of(&site.root);
    let again = site.dangri(&[
        "new",
        "branch",
        "xingwang",
        "--name",
        "别的名字",
        "--committee",
        "别的党委",
    ]);
    again.assert_code(1);
    assert!(again.stderr.contains("已经有了"), "{}", again.stderr);
    let month = site.dangri(&["new", "month", "xingwang", "2026-05", "--title", "别的标题"]);
    month.assert_code(1);
    assert!(month.stderr.contains("已经有了"), "{}", month.stderr);
    assert_eq!(Site::files_of(&site.root), before, "nothing changed");
    assert!(
        site.read("content/branches/xingwang/2026-05/study.md")
            .contains("学习党章第一章")
    );
}

#[test]
fn a_new_month_and_a_lecture_with_its_fields() {
    let site = Site::fixture("check-clean");
    let ran = site.dangri(&[
        "new",
        "month",
        "xingwang",
        "2026-07",
        "--theme",
        "“七一”主题党日",
    ]);
    ran.assert_code(0);
    assert_eq!(
        ran.stdout.trim(),
        "content/branches/xingwang/2026-07/_index.md"
    );
    assert!(
        site.read("content/branches/xingwang/2026-07/_index.md")
            .contains("theme: “七一”主题党日\n")
    );
    // SPEC §4: a lecture names its speaker. The branch has no secretary
    // and nobody is at a terminal to ask: an error that says how, and no
    // file.
    let lecture = [
        "new",
        "record",
        "xingwang",
        "2026-07",
        "课",
        "--date",
        "2026-07-01",
    ];
    let ran = site.dangri(&lecture);
    ran.assert_code(1);
    assert!(
        ran.stderr
            .contains("请用 --speaker 编号（师资库：chen-jianguo）或 --speaker-name 姓名"),
        "{}",
        ran.stderr
    );
    assert!(
        !site
            .root
            .join("content/branches/xingwang/2026-07/lecture.md")
            .exists()
    );
    let ran = site.dangri(&[&lecture[..], &["--speaker", "chen-jiangguo"]].concat());
    ran.assert_code(1);
    assert!(
        ran.stderr.contains("是不是“chen-jianguo”？"),
        "{}",
        ran.stderr
    );
    let ran = site.dangri(&[&lecture[..], &["--speaker", "chen-jianguo"]].concat());
    ran.assert_code(0);
    let text = site.read("content/branches/xingwang/2026-07/lecture.md");
    assert!(text.contains("title: 2026年7月党课\n"), "{text}");
    assert!(text.contains("date: 2026-07-01\n"), "{text}");
    assert!(text.contains("kind: 课    #"), "{text}");
    assert!(text.contains("\nspeaker: chen-jianguo\n"), "{text}");
    for field in ["# speaker_name:", "# duration:", "# led:"] {
        assert!(text.contains(field), "{field} in:\n{text}");
    }
    assert!(
        ran.stderr.contains("主讲人：师资库 chen-jianguo"),
        "{}",
        ran.stderr
    );
    // A freshly scaffolded lecture passes `check`: its empty body is the
    // one thing left to write.
    let check = site.dangri(&["check"]);
    check.assert_code(0);
    assert!(!check.stdout.contains("error"), "{}", check.stdout);
}

#[test]
fn a_new_lecture_is_the_secretarys_unless_told_otherwise() {
    let site = Site::fixture("check-clean");
    let index = site.read("content/branches/xingwang/_index.md");
    site.write(
        "content/branches/xingwang/_index.md",
        &index.replacen("---\n", "---\nsecretary: 林秀英\n", 1),
    );
    let ran = site.dangri(&["new", "record", "xingwang", "2026-07", "lecture"]);
    ran.assert_code(0);
    let text = site.read(ran.stdout.trim());
    assert!(text.contains("kind: lecture    #"), "{text}");
    assert!(text.contains("speaker_name: 林秀英    #"), "{text}");
    assert!(ran.stderr.contains("支部书记 林秀英"), "{}", ran.stderr);
    let ran = site.dangri(&[
        "new",
        "record",
        "xingwang",
        "2026-07",
        "课",
        "--speaker-name",
        "王建华",
    ]);
    ran.assert_code(0);
    let text = site.read(ran.stdout.trim());
    assert!(text.contains("speaker_name: 王建华\n"), "{text}");
    let check = site.dangri(&["check"]);
    check.assert_code(0);
    assert!(!check.stdout.contains("error"), "{}", check.stdout);
    // The speaker options are for lectures only.
    let ran = site.dangri(&[
        "new",
        "record",
        "xingwang",
        "2026-07",
        "会",
        "--speaker-name",
        "王",
    ]);
    ran.assert_code(1);
    assert!(
        ran.stderr
            .contains("--speaker 和 --speaker-name 只用于党课（课），这是一条“会”记录"),
        "{}",
        ran.stderr
    );
}

#[test]
fn a_record_typed_with_an_alias_keeps_it_and_says_what_it_is() {
    let site = Site::fixture("check-clean");
    let ran = site.dangri(&["new", "record", "xingwang", "2026-12", "会"]);
    ran.assert_code(0);
    assert_eq!(
        ran.stdout.trim(),
        "content/branches/xingwang/2026-12/meeting.md"
    );
    let text = site.read(ran.stdout.trim());
    assert!(text.contains("kind: 会    #"), "{text}");
    assert!(
        ran.stderr
            .contains("已新建“会”记录（kind: 会，即 meeting）"),
        "{}",
        ran.stderr
    );
}

/// Today is the day dangri takes as today (`DANGRI_TODAY`, else the clock
/// in China time, `docs/months.md`): fixed here, so that the test holds
/// at any hour of any day.
#[test]
fn a_record_of_this_month_is_dated_today() {
    let site = Site::fixture("check-clean");
    let ran = site.dangri_with(
        &["new", "record", "xingwang", "2026-05", "meeting"],
        &[("DANGRI_TODAY", "2026-05-12")],
    );
    ran.assert_code(0);
    let text = site.read(ran.stdout.trim());
    assert!(text.contains("date: 2026-05-12\n"), "{text}");
    let ran = site.dangri_with(
        &["new", "record", "xingwang", "2026-06", "meeting"],
        &[("DANGRI_TODAY", "2026-05-12")],
    );
    let text = site.read(ran.stdout.trim());
    assert!(
        text.contains("date: 2026-06-01\n"),
        "another month: its 1st\n{text}"
    );
}

#[test]
fn english_sites_get_english_comments() {
    let site = Site::fixture("check-clean");
    let config = site
        .read("content/site.yaml")
        .replace("language: zh-CN", "language: en");
    site.write("content/site.yaml", &config);
    let ran = site.dangri(&["new", "record", "xingwang", "2020-01", "affairs"]);
    ran.assert_code(0);
    let text = site.read(ran.stdout.trim());
    assert!(text.contains("title: Party affairs 2020-01\n"), "{text}");
    assert!(
        text.contains("present + excused + absent = expected"),
        "{text}"
    );
}

#[test]
fn mistakes_are_explained() {
    let site = Site::fixture("check-clean");
    let before = Site::files_of(&site.root);
    let ran = site.dangri(&["new", "record", "nobody", "2026-05", "study"]);
    ran.assert_code(1);
    assert!(
        ran.stderr.contains("没有“nobody”这个支部"),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr.contains("dangri new branch nobody"),
        "{}",
        ran.stderr
    );
    let ran = site.dangri(&[
        "new",
        "record",
        "xingwang",
        "2026-05",
        "study",
        "--date",
        "2026-06-01",
    ]);
    ran.assert_code(1);
    assert!(
        ran.stderr.contains("--date 2026-06-01 不在 2026-05 这个月"),
        "{}",
        ran.stderr
    );
    let ran = site.dangri(&["new", "record", "xingwang", "2026-05", "党课"]);
    ran.assert_code(2);
    assert!(ran.stderr.contains("unknown kind `党课`"), "{}", ran.stderr);
    site.dangri(&["new", "record", "xingwang", "2026-5", "study"])
        .assert_code(2);
    let ran = site.dangri(&["new", "branch", "a/b", "--name", "x", "--committee", "y"]);
    ran.assert_code(1);
    assert!(
        ran.stderr.contains("error: 支部编号不能用："),
        "{}",
        ran.stderr
    );
    let ran = site.dangri(&[
        "new",
        "branch",
        "index.html",
        "--name",
        "x",
        "--committee",
        "y",
    ]);
    ran.assert_code(1);
    assert!(
        ran.stderr.contains("error: 支部编号不能用："),
        "{}",
        ran.stderr
    );
    // A branch that leads out of the branch folder, or into a month folder.
    for branch in ["xingwang/../../../elsewhere", "xingwang/2026-05"] {
        let ran = site.dangri(&["new", "month", branch, "2026-12"]);
        ran.assert_code(1);
        assert!(
            ran.stderr.contains("error: 支部编号不能用："),
            "{}",
            ran.stderr
        );
        let ran = site.dangri(&["new", "record", branch, "2026-05", "study"]);
        ran.assert_code(1);
        assert!(
            ran.stderr.contains("error: 支部编号不能用："),
            "{}",
            ran.stderr
        );
    }
    let ran = site.dangri(&[
        "new",
        "branch",
        "x",
        "--name",
        "x",
        "--committee",
        "y",
        "--site",
        "content",
    ]);
    ran.assert_code(1);
    assert!(
        ran.stderr.contains("里没有 content/ 文件夹"),
        "{}",
        ran.stderr
    );
    assert_eq!(Site::files_of(&site.root), before, "nothing was written");
}

/// Issue 22: a branch id one letter off is named, not only refused.
#[test]
fn a_branch_one_letter_off_is_suggested() {
    let site = Site::fixture("basic");
    let ran = site.dangri(&["new", "record", "xingwnag", "2026-07", "会"]);
    ran.assert_code(1);
    assert!(
        ran.stderr
            .contains("没有“xingwnag”这个支部：是不是“xingwang”？"),
        "{}",
        ran.stderr
    );
    assert!(!site.root.join("content/branches/xingwnag").exists());
}

/// Issue 22: a Chinese branch folder name typed with a homophone (东遥村
/// for 东瑶村) is named too.
#[test]
fn a_chinese_branch_one_character_off_is_suggested() {
    let site = Site::fixture("basic");
    assert!(
        site.root
            .join("content/branches/东瑶村/_index.md")
            .is_file()
    );
    let ran = site.dangri(&["new", "record", "东遥村", "2026-07", "会"]);
    ran.assert_code(1);
    assert!(
        ran.stderr
            .contains("没有“东遥村”这个支部：是不是“东瑶村”？"),
        "{}",
        ran.stderr
    );
    assert!(!site.root.join("content/branches/东遥村").exists());
}
