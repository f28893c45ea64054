//! The mistakes branch secretaries really make, each pinned by a snapshot of
//! everything `dangri check` and `dangri build` print about it, so that a
//! message cannot silently get worse: a changed message fails `cargo test`
//! until a person has read the new one and accepted it (README, Development).
//!
//! Each case writes one file into the small site `tests/fixtures/mistakes`
//! (one branch, one clean record with a picture, a speaker, a free page) and
//! snapshots the file as written, then the exit code, stdout and stderr of
//! both commands. The snapshot is `snapshots/suite__mistakes__<case>.snap`.

use std::fmt::Write as _;
use std::path::Path;

use crate::common::{Ran, Site};

/// One `#[test]` per mistake, named after it, and [`CASES`], their names.
macro_rules! mistakes {
    ($($name:ident {
        $(language: $language:literal,)?
        what: $what:literal, file: $file:literal, text: $text:expr $(,)?
    })*) => {
        $(
            #[test]
            fn $name() {
                let language = None $(.or(Some($language)))?;
                snapshot(stringify!($name), language, $what, $file, $text);
            }
        )*
        /// The names of the cases, to find snapshots left behind by a case
        /// that was renamed or removed.
        const CASES: &[&str] = &[$(stringify!($name)),*];
    };
}

mistakes! {
    // ---- YAML typed the way a Chinese keyboard and a word processor do

    full_width_colon {
        what: "a full-width colon after a key (the Chinese keyboard's ：)",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title：召开党员大会
date: 2026-05-10
kind: meeting
---
支部召开党员大会。
",
    }

    full_width_colons_and_other_mistakes {
        what: "full-width colons after two keys, and in the same file a date that does not exist and a misspelt field: all reported in one run",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title：召开党员大会
date: 2026-05-40
kind：meeting
speakr: 张三
---
支部召开党员大会。
",
    }

    photo_entry_without_its_key {
        what: "`dangri new`'s photo hint with the entry uncommented and `# photos:` left as a comment",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-05-10
kind: 会    # 学 会 做 工 课
# photos:    # 照片放在本文件夹；caption 是图片说明
  - {src: huiyi-01.jpg, caption: 党员重温入党誓词}
---
支部召开党员大会。
",
    }

    absent_member_named_in_a_public_body {
        what: "a public record whose body names a member its attendance lists as absent (the public site withholds the name, the body does not)",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-05-10
kind: meeting
attendance:
  expected: 3
  present: 1
  excused: [{name: 李四, reason: 出差}]
  absent: [王五]
---
支部召开党员大会，王五同志无故缺席，会后由支部书记谈话提醒。
",
    }

    unquoted_colon_in_value {
        what: "a value that contains `: ` and is not quoted",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 主题党日: 学习党章
date: 2026-05-10
kind: meeting
---
支部召开党员大会。
",
    }

    tab_before_key {
        what: "a tab in front of a key (YAML is indented with spaces)",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-05-10
kind: meeting
attendance:
\texpected: 30
\tpresent: 28
---
支部召开党员大会。
",
    }

    full_width_space_indent {
        what: "full-width spaces (U+3000) in front of a key, as a Chinese input method types them",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-05-10
kind: meeting
attendance:
\u{3000}\u{3000}expected: 30
\u{3000}\u{3000}present: 30
---
支部召开党员大会。
",
    }

    unclosed_quote {
        what: "a quoted value whose closing quote is missing",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: \"召开党员大会
date: 2026-05-10
kind: meeting
---
支部召开党员大会。
",
    }

    unclosed_bracket {
        what: "a `[` list whose closing bracket is missing",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-05-10
kind: meeting
tags: [党章, 学习
---
支部召开党员大会。
",
    }

    key_indented_under_another {
        what: "a key indented under the one before it",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
  date: 2026-05-10
kind: meeting
---
支部召开党员大会。
",
    }

    repeated_key {
        what: "the same key twice",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-05-10
kind: meeting
kind: study
---
支部召开党员大会。
",
    }

    dots_in_front_matter {
        what: "a line `...` (YAML's end of document) inside the front matter",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-05-10
kind: meeting
...
visibility: internal
---
支部召开党员大会。
",
    }

    no_front_matter {
        what: "a record without front matter (the text only)",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
支部召开党员大会。
",
    }

    gbk_encoded_file {
        what: "a record saved as GBK (an old Windows editor's default), not UTF-8",
        file: "content/branches/xingwang/2026-05/meeting.md",
        // "---\ntitle: 学习党章\ndate: 2026-05-10\nkind: study\n---\n集中学习党章。\n" in GBK.
        text: b"---\ntitle: \xd1\xa7\xcf\xb0\xb5\xb3\xd5\xc2\ndate: 2026-05-10\nkind: study\n---\n\xbc\xaf\xd6\xd0\xd1\xa7\xcf\xb0\xb5\xb3\xd5\xc2\xa1\xa3\n",
    }

    bom_and_crlf_pass {
        what: "a byte order mark and Windows line ends (Notepad's UTF-8): must pass",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\u{feff}---\r\ntitle: 召开党员大会\r\ndate: 2026-05-10\r\nkind: meeting\r\n---\r\n支部召开党员大会。\r\n",
    }

    control_character_from_word {
        what: "an invisible control character pasted from Word (U+000B, a manual line break)",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-05-10
kind: meeting
---
支部召开党员大会，\u{b}通报上月工作。
",
    }

    // ---- the fields of a record

    missing_title {
        what: "a record without `title`",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
date: 2026-05-10
kind: meeting
---
支部召开党员大会。
",
    }

    date_without_leading_zeros {
        what: "a date written `2026-5-3`",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-5-3
kind: meeting
---
支部召开党员大会。
",
    }

    date_in_chinese {
        what: "a date written `2026年5月3日`",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026年5月3日
kind: meeting
---
支部召开党员大会。
",
    }

    date_outside_month {
        what: "a date outside the month of the record's folder",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-06-03
kind: meeting
---
支部召开党员大会。
",
    }

    kind_not_a_kind {
        what: "`kind: 党课` (the word, not the alias 课 or `lecture`)",
        file: "content/branches/xingwang/2026-05/lecture.md",
        text: "\
---
title: 从党史中汲取前进力量
date: 2026-05-11
kind: 党课
speaker: chen-jianguo
---
党史是最好的教科书。
",
    }

    misspelt_field {
        what: "`visibilty: internal` (a typo that must not publish an internal record)",
        file: "content/branches/xingwang/2026-05/review.md",
        text: "\
---
title: 内部评议
date: 2026-05-12
kind: affairs
visibilty: internal
---
内部评议。
",
    }

    lecture_without_speaker {
        what: "a lecture with neither `speaker:` nor `speaker_name:`",
        file: "content/branches/xingwang/2026-05/lecture.md",
        text: "\
---
title: 从党史中汲取前进力量
date: 2026-05-11
kind: lecture
---
党史是最好的教科书。
",
    }

    speaker_not_in_pool {
        what: "`speaker:` with a name instead of an id of the speaker pool",
        file: "content/branches/xingwang/2026-05/lecture.md",
        text: "\
---
title: 从党史中汲取前进力量
date: 2026-05-11
kind: lecture
speaker: 陈建国
---
党史是最好的教科书。
",
    }

    attendance_does_not_add_up {
        what: "present + excused + absent is not the expected count",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-05-10
kind: meeting
attendance:
  expected: 32
  present: 28
  excused: [{name: 李四, reason: 出差}]
  absent: [王五]
---
支部召开党员大会。
",
    }

    tags_with_a_full_width_comma {
        what: "tags separated by the Chinese comma (one tag, not two)",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-05-10
kind: meeting
tags: [党员大会，冬季农业]
---
支部召开党员大会。
",
    }

    record_saved_as_md_txt {
        what: "a record saved by an editor as 记录.md.txt",
        file: "content/branches/xingwang/2026-05/记录.md.txt",
        text: "\
---
title: 召开党员大会
date: 2026-05-10
kind: meeting
---
支部召开党员大会。
",
    }

    word_document_in_a_month_folder {
        what: "a Word document put in a month folder instead of a record",
        file: "content/branches/xingwang/2026-05/党员大会记录.docx",
        text: "PK\u{3}\u{4} not really a docx",
    }

    photo_with_the_wrong_case_or_a_typo {
        what: "a photo named in another case, and one a letter off, of a picture that is there",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-05-10
kind: meeting
photos:
  - {src: VISIT.PNG, caption: 合影}
  - {src: vist.png, caption: 合影}
---
支部召开党员大会。
",
    }

    speaker_id_one_letter_off {
        what: "a pool speaker's id with a letter wrong",
        file: "content/branches/xingwang/2026-05/lecture.md",
        text: "\
---
title: 微党课
date: 2026-05-10
kind: lecture
speaker: chen-jiangguo
---
党课正文。
",
    }

    attendance_too_large {
        what: "an attendance count above 100,000 (a slip of the keyboard)",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-05-10
kind: meeting
attendance:
  expected: 29
  present: 2900000
---
支部召开党员大会。
",
    }

    // ---- pictures and links

    missing_photo {
        what: "a photo that is not in the month folder",
        file: "content/branches/xingwang/2026-05/practice.md",
        text: "\
---
title: 参观红色教育基地
date: 2026-05-15
kind: practice
photos:
  - src: 合影.jpg
    caption: 全体党员合影
---
参观红色教育基地。
",
    }

    photo_without_caption {
        what: "a photo of the front matter without `caption:`",
        file: "content/branches/xingwang/2026-05/practice.md",
        text: "\
---
title: 参观红色教育基地
date: 2026-05-15
kind: practice
photos:
  - src: visit.png
---
参观红色教育基地。
",
    }

    picture_without_caption {
        what: "a picture in the text with nothing between the brackets",
        file: "content/branches/xingwang/2026-05/practice.md",
        text: "\
---
title: 参观红色教育基地
date: 2026-05-15
kind: practice
---
参观红色教育基地。

![](visit.png)
",
    }

    broken_link {
        what: "a link to a record whose name is misspelt",
        file: "content/branches/xingwang/2026-05/practice.md",
        text: "\
---
title: 参观红色教育基地
date: 2026-05-15
kind: practice
---
参观红色教育基地，会前[学习了党章](stduy.md)。
",
    }

    // ---- where the file is

    month_folder_not_yyyy_mm {
        what: "a month folder named `2026-5`",
        file: "content/branches/xingwang/2026-5/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-05-10
kind: meeting
---
支部召开党员大会。
",
    }

    record_in_branch_folder {
        what: "a record directly in the branch folder, not in a month folder",
        file: "content/branches/xingwang/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-05-10
kind: meeting
---
支部召开党员大会。
",
    }

    // ---- in an English site (`language: en`): the same mistakes, the
    // messages and summary lines in English

    full_width_colon_in_an_english_site {
        language: "en",
        what: "a full-width colon after a key, in a site with `language: en`",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title：召开党员大会
date: 2026-05-10
kind: meeting
---
支部召开党员大会。
",
    }

    missing_title_in_an_english_site {
        language: "en",
        what: "a record without `title`, in a site with `language: en`",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
date: 2026-05-10
kind: meeting
---
支部召开党员大会。
",
    }

    attendance_does_not_add_up_in_an_english_site {
        language: "en",
        what: "present + excused + absent is not the expected count, in a site with `language: en`",
        file: "content/branches/xingwang/2026-05/meeting.md",
        text: "\
---
title: 召开党员大会
date: 2026-05-10
kind: meeting
attendance:
  expected: 32
  present: 28
  excused: [{name: 李四, reason: 出差}]
  absent: [王五]
---
支部召开党员大会。
",
    }

    word_document_in_an_english_site {
        language: "en",
        what: "a Word document in a month folder, in a site with `language: en`",
        file: "content/branches/xingwang/2026-05/党员大会记录.docx",
        text: "PK\u{3}\u{4} not really a docx",
    }

    broken_link_in_an_english_site {
        language: "en",
        what: "a link to a record whose name is misspelt, in a site with `language: en`",
        file: "content/branches/xingwang/2026-05/practice.md",
        text: "\
---
title: 参观红色教育基地
date: 2026-05-15
kind: practice
---
参观红色教育基地，会前[学习了党章](stduy.md)。
",
    }

    // ---- other files

    visibility_in_page {
        what: "`visibility: internal` in a free page (only records can be internal)",
        file: "content/pages/about.md",
        text: "\
---
title: 关于本站
visibility: internal
---
本站收录兴旺社区党支部的党日活动。
",
    }

    site_yaml_unknown_key_in_an_english_site {
        what: "a misspelt key in the site.yaml of an English site: told in English",
        file: "content/site.yaml",
        text: "\
title: An example site
baseurl: https://example.org/
language: en
",
    }

    site_yaml_broken_in_an_english_site {
        what: "a tab in the site.yaml of an English site: its YAML cannot be read, and the `language: en` line is still heeded",
        file: "content/site.yaml",
        text: "\
title: An example site
base_url: https://example.org/
language: en
attendance:
\tconsecutive: 3
",
    }

    party_day_deadline_in_words {
        what: "the Party Day deadline written in words (`35号`, `下月`) in site.yaml",
        file: "content/site.yaml",
        text: "\
title: 错误示例站点
base_url: https://example.org/
language: zh-CN
party_day:
  deadline: 35号
  deadline_month: 下月
",
    }

    site_yaml_unknown_key {
        what: "a misspelt key in site.yaml (`baseurl`)",
        file: "content/site.yaml",
        text: "\
title: 错误示例站点
baseurl: https://example.org/
language: zh-CN
",
    }
}

/// Writes `text` to `file` in a copy of the fixture (whose `site.yaml` says
/// `language: zh-CN`, or `language` when given), runs `dangri check` and
/// `dangri build`, and compares what they printed with the snapshot `name`.
fn snapshot(name: &str, language: Option<&str>, what: &str, file: &str, text: impl AsRef<[u8]>) {
    let text = text.as_ref();
    let site = Site::fixture("mistakes");
    if let Some(language) = language {
        let yaml = std::fs::read_to_string(site.root.join("content/site.yaml")).unwrap();
        assert!(yaml.contains("language: zh-CN\n"), "{yaml}");
        site.write(
            "content/site.yaml",
            &yaml.replace("language: zh-CN\n", &format!("language: {language}\n")),
        );
    }
    site.write_bytes(file, text);
    let check = site.dangri(&["check"]);
    let build = site.dangri(&["build"]);
    for ran in [&check, &build] {
        assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
    }

    let mut shown = format!("{what}\n\n{file}:\n");
    for (n, line) in escape(text).lines().enumerate() {
        writeln!(shown, "{:>3} | {line}", n + 1).unwrap();
    }
    shown += &command("check", &check, &site.root);
    shown += &command("build", &build, &site.root);
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!(name, shown);
    });
}

/// `$ dangri CMD`, its exit code, stdout and stderr, with the site's
/// temporary path and the timings replaced (they change at every run).
fn command(cmd: &str, ran: &Ran, root: &Path) -> String {
    let code = ran
        .code()
        .map_or_else(|| "killed by a signal".to_string(), |c| c.to_string());
    let out = format!(
        "\n$ dangri {cmd}\nexit code: {code}\n--- stdout\n{}--- stderr\n{}",
        ran.stdout, ran.stderr
    );
    without_times(&out.replace(&root.display().to_string(), "[site]"))
}

/// Replaces each time (` in 0.12 s`, `用时 0.12 秒`) with `[time]`.
fn without_times(text: &str) -> String {
    let mut out = text.to_string();
    for (before, after) in [(" in ", " s"), ("用时 ", " 秒")] {
        out = replace_times(&out, before, after);
    }
    out
}

/// Replaces the number in each `{before}0.12{after}` with `[time]`.
fn replace_times(text: &str, before: &str, after_number: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(before) {
        let after = &rest[i + before.len()..];
        let digits = after
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(after.len());
        out += &rest[..i + before.len()];
        if digits > 0 && after[digits..].starts_with(after_number) {
            out += "[time]";
            rest = &after[digits..];
        } else {
            rest = after;
        }
    }
    out + rest
}

/// The file as a reviewer can read it: tabs, carriage returns, a byte order
/// mark and other invisible characters as `\t`, `\r`, `\u{feff}`. A file
/// that is not UTF-8 shows its non-ASCII bytes as `\xd1` (decoding the parts
/// that happen to be valid UTF-8 would show letters the writer never typed).
fn escape(bytes: &[u8]) -> String {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return bytes
            .iter()
            .map(|&b| match b {
                b'\n' | b' '..=b'~' => char::from(b).to_string(),
                b => format!("\\x{b:02x}"),
            })
            .collect();
    };
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out += "\\t",
            '\r' => out += "\\r",
            c if c.is_control() || c == '\u{feff}' || c == '\u{3000}' => {
                write!(out, "\\u{{{:x}}}", c as u32).unwrap();
            }
            c => out.push(c),
        }
    }
    out
}

/// Every snapshot of this module belongs to a case: one left behind by a
/// renamed or removed case would otherwise sit there unreviewed forever.
#[test]
fn every_snapshot_has_a_case() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suite/snapshots");
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(case) = name
            .strip_prefix("suite__mistakes__")
            .and_then(|n| n.strip_suffix(".snap"))
            && !CASES.contains(&case)
        {
            orphans.push(name);
        }
    }
    assert!(orphans.is_empty(), "snapshots without a case: {orphans:?}");
}

#[test]
fn times_are_normalised() {
    assert_eq!(
        without_times(
            "checked 4 files in 0.11 s: 0 error(s)\nbuilt 1 records into [site] in 12 s\nin 3 months"
        ),
        "checked 4 files in [time] s: 0 error(s)\nbuilt 1 records into [site] in [time] s\nin 3 months"
    );
}
