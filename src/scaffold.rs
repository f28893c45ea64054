//! `dangri new`: the text of a new branch, month or record, with every field
//! of its kind in the front matter (the optional ones commented out, with a
//! word on what they take), and creating files without ever replacing one.

use std::fs::OpenOptions;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::config::Lang;
use crate::date::{Date, YearMonth};
use crate::kind::Kind;
use crate::msg::BadId;

/// The date of a new record of `ym`: today when today is in that month,
/// else the first of the month.
pub(crate) fn record_date(ym: YearMonth, today: Date) -> Date {
    if today.year_month() == ym {
        today
    } else {
        Date {
            year: ym.year,
            month: ym.month,
            day: 1,
        }
    }
}

/// Why a branch or record id cannot be a folder or file name, if it cannot.
pub(crate) fn check_id(id: &str) -> Result<(), BadId> {
    if id.trim().is_empty() {
        return Err(BadId::Empty);
    }
    if id != id.trim() {
        return Err(BadId::Spaces(id.to_string()));
    }
    if id == "index.html" {
        return Err(BadId::IndexHtml);
    }
    if id.starts_with('.') || id.starts_with('_') {
        return Err(BadId::Hidden(id.to_string()));
    }
    if let Some(c) = id.chars().find(|c| {
        c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
    }) {
        return Err(BadId::Char(id.to_string(), c.escape_default().to_string()));
    }
    Ok(())
}

/// A YAML scalar for `text`: plain when YAML reads it back as the same
/// string, else double-quoted.
pub(crate) fn yaml_str(text: &str) -> String {
    let plain = !text.is_empty()
        && text == text.trim()
        && !text.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`',
        ])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.chars().any(char::is_control)
        && !text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '+' | '-' | 'e' | 'E'))
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
        );
    if plain {
        return text.to_string();
    }
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The words of a scaffold in the site's language.
fn say(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    }
}

/// What `new branch` fills in.
#[derive(Debug, Clone, Default)]
pub(crate) struct BranchSpec {
    pub name: String,
    pub committee: String,
    pub category: Option<String>,
    pub secretary: Option<String>,
    pub members: Option<u64>,
}

/// A field line: set when there is a value, else commented with an example.
fn field(out: &mut String, key: &str, value: Option<String>, example: &str, hint: &str) {
    match value {
        Some(v) => out.push_str(&format!("{key}: {v}\n")),
        None => out.push_str(&format!("# {key}: {example}    # {hint}\n")),
    }
}

pub(crate) fn branch_text(spec: &BranchSpec, lang: Lang) -> String {
    let mut s = String::from("---\n");
    s.push_str(&format!("name: {}\n", yaml_str(&spec.name)));
    s.push_str(&format!("committee: {}\n", yaml_str(&spec.committee)));
    field(
        &mut s,
        "category",
        spec.category.clone(),
        "community",
        "village, community, enterprise, social, organ, school",
    );
    field(
        &mut s,
        "secretary",
        spec.secretary.as_deref().map(yaml_str),
        say(lang, "林秀英", "Lin Xiuying"),
        say(lang, "支部书记", "the branch secretary"),
    );
    field(
        &mut s,
        "members",
        spec.members.map(|n| n.to_string()),
        "32",
        say(lang, "党员人数", "number of members"),
    );
    field(
        &mut s,
        "founded",
        None,
        "1998-07-01",
        say(lang, "成立日期", "date founded"),
    );
    s.push_str(say(
        lang,
        "# liaison: {unit: 区委组织部, leader: 王建华, level: district}    # 联系点：district 区领导每年一次党课，cadre 其他领导干部每半年一次\n",
        "# liaison: {unit: District Organization Department, leader: Wang Jianhua, level: district}    # district: a lecture a year; cadre: one every half year\n",
    ));
    s.push_str("---\n");
    s.push_str(say(
        lang,
        "<!-- 在这里写支部简介：所在地、党员构成、特色工作。 -->\n",
        "<!-- Introduce the branch here: where it is, its members, its work. -->\n",
    ));
    s
}

pub(crate) fn month_text(title: Option<&str>, theme: Option<&str>, lang: Lang) -> String {
    let mut s = String::from("---\n");
    field(
        &mut s,
        "title",
        title.map(yaml_str),
        say(lang, "“七一”主题党日", "July Party Day"),
        say(lang, "本月党日的标题", "the month's Party Day title"),
    );
    field(
        &mut s,
        "theme",
        theme.map(yaml_str),
        say(lang, "学习党章，重温誓词", "study the constitution"),
        say(lang, "本月主题", "the month's theme"),
    );
    field(
        &mut s,
        "summary",
        None,
        say(lang, "一句话概括", "one sentence"),
        say(lang, "摘要", "summary"),
    );
    s.push_str("---\n");
    s
}

/// The default title of a record: the month and the kind.
pub(crate) fn default_title(kind: Kind, ym: YearMonth, lang: Lang) -> String {
    const ZH: [&str; 5] = ["学习", "会议", "实践活动", "党务工作", "党课"];
    const EN: [&str; 5] = ["Study", "Meeting", "Practice", "Party affairs", "Lecture"];
    match lang {
        Lang::ZhCn => format!("{}{}", ym.zh(), ZH[kind.index()]),
        Lang::En => format!("{} {ym}", EN[kind.index()]),
    }
}

/// Who gives a new lecture: SPEC §4 wants `speaker` or `speaker_name`, so
/// a scaffolded lecture names one and passes `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Speaker {
    /// A speaker of the pool, by id.
    Pool(String),
    /// A speaker outside it, by name.
    Named(String),
    /// The branch's secretary (`secretary:` of the branch), by name.
    Secretary(String),
}

/// What `new record` writes: the kind as the writer typed it (`会` or
/// `meeting`), so that the file reads as they think of it.
#[derive(Debug, Clone)]
pub(crate) struct RecordSpec<'a> {
    pub kind: Kind,
    pub spelling: &'a str,
    pub date: Date,
    pub title: &'a str,
    /// Lectures only.
    pub speaker: Option<Speaker>,
}

pub(crate) fn record_text(spec: &RecordSpec, lang: Lang) -> String {
    let kind = spec.kind;
    let mut s = String::from("---\n");
    s.push_str(&format!("title: {}\n", yaml_str(spec.title)));
    s.push_str(&format!("date: {}\n", spec.date));
    s.push_str(&format!(
        "kind: {}    # {}\n",
        yaml_str(spec.spelling),
        Kind::spellings()
    ));
    let lecture = kind == Kind::Lecture;
    if lecture {
        let pool = match &spec.speaker {
            Some(Speaker::Pool(id)) => Some(yaml_str(id)),
            _ => None,
        };
        field(
            &mut s,
            "speaker",
            pool,
            "chen-jianguo",
            say(
                lang,
                "专家师资库中的讲师（content/speakers/ 下的文件名）",
                "a speaker of the pool (a file name in content/speakers/)",
            ),
        );
        match &spec.speaker {
            Some(Speaker::Named(name)) => {
                s.push_str(&format!("speaker_name: {}\n", yaml_str(name)));
            }
            Some(Speaker::Secretary(name)) => s.push_str(&format!(
                "speaker_name: {}    # {}\n",
                yaml_str(name),
                say(
                    lang,
                    "支部书记；主讲人另有其人时请改写",
                    "the branch secretary; change it if someone else spoke",
                )
            )),
            _ => field(
                &mut s,
                "speaker_name",
                None,
                say(lang, "林秀英", "Lin Xiuying"),
                say(
                    lang,
                    "或：库外的主讲人，如支部书记",
                    "or: a speaker outside the pool, e.g. the secretary",
                ),
            ),
        }
        field(
            &mut s,
            "duration",
            None,
            "60",
            say(lang, "时长（分钟）", "minutes"),
        );
        field(
            &mut s,
            "led",
            None,
            "false",
            say(lang, "不在 LED 屏播放", "no LED slide show"),
        );
    }
    field(
        &mut s,
        "summary",
        None,
        say(lang, "一句话摘要", "one sentence"),
        say(lang, "不写则取正文第一段", "else the first paragraph"),
    );
    field(
        &mut s,
        "location",
        None,
        say(lang, "社区党群服务中心", "community Party service centre"),
        say(lang, "地点", "where"),
    );
    field(
        &mut s,
        "tags",
        None,
        say(lang, "[党章, 学习]", "[constitution, study]"),
        say(lang, "标签", "tags"),
    );
    s.push_str(say(
        lang,
        "# photos:    # 照片放在本文件夹；caption 是图片说明\n#   - {src: photo.jpg, caption: 党员重温入党誓词}\n",
        "# photos:    # pictures in this folder; caption is the alt text\n#   - {src: photo.jpg, caption: Members renew their oath}\n",
    ));
    s.push_str(say(
        lang,
        "# attendance:    # 实到 + 请假 + 缺席 = 应到\n#   expected: 31\n#   present: 29    # 人数，或姓名列表\n#   excused: [{name: 李四, reason: 出差}]\n#   absent: [王五]    # 无故缺席\n",
        "# attendance:    # present + excused + absent = expected\n#   expected: 31\n#   present: 29    # a count, or a list of names\n#   excused: [{name: Li Si, reason: travel}]\n#   absent: [Wang Wu]    # absent without excuse\n",
    ));
    field(
        &mut s,
        "visibility",
        None,
        "internal",
        say(lang, "仅内部版可见", "internal build only"),
    );
    s.push_str("---\n");
    s.push_str(if lecture {
        say(
            lang,
            "<!-- 在这里写党课讲稿，用“## 一、……”小标题分节。 -->\n",
            "<!-- Write the lecture here, in sections with `## ` headings. -->\n",
        )
    } else {
        say(
            lang,
            "<!-- 在这里写活动记录：时间、地点、主持人、做了什么、参加人数。照片用 ![说明](photo.jpg) 插入。 -->\n",
            "<!-- Write the record here: when, where, who led it, what was done, how many took part. Show a photo with ![caption](photo.jpg). -->\n",
        )
    });
    s
}

/// What `new record` says it wrote, on stderr: the kind in both
/// spellings, the date, the title and a lecture's speaker, so that a
/// writer who typed `会` sees it is a meeting.
pub(crate) fn record_note(spec: &RecordSpec, lang: Lang) -> String {
    let kind = spec.kind;
    let mut note = match lang {
        Lang::ZhCn => format!(
            "已新建“{}”记录（kind: {}，即 {}），日期 {}，标题“{}”",
            kind.alias(),
            spec.spelling,
            if spec.spelling == kind.alias() {
                kind.word()
            } else {
                kind.alias()
            },
            spec.date,
            spec.title
        ),
        Lang::En => format!(
            "New {} ({}) record (kind: {}), dated {}, titled “{}”",
            kind.word(),
            kind.alias(),
            spec.spelling,
            spec.date,
            spec.title
        ),
    };
    let speaker = match (&spec.speaker, lang) {
        (None, _) => String::new(),
        (Some(Speaker::Pool(id)), Lang::ZhCn) => format!("，主讲人：师资库 {id}"),
        (Some(Speaker::Pool(id)), Lang::En) => format!(", speaker: {id} of the pool"),
        (Some(Speaker::Named(n)), Lang::ZhCn) => format!("，主讲人：{n}"),
        (Some(Speaker::Named(n)), Lang::En) => format!(", speaker: {n}"),
        (Some(Speaker::Secretary(n)), Lang::ZhCn) => {
            format!("，主讲人：支部书记 {n}（不是本人请改 speaker_name）")
        }
        (Some(Speaker::Secretary(n)), Lang::En) => {
            format!(
                ", speaker: the branch secretary {n} (change speaker_name if someone else spoke)"
            )
        }
    };
    note.push_str(&speaker);
    note.push_str(match lang {
        Lang::ZhCn => "。",
        Lang::En => ".",
    });
    note
}

/// Writes a new file; fails with `AlreadyExists` rather than replace one.
pub(crate) fn create_new(path: &Path, text: &str) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = OpenOptions::new().write(true).create_new(true).open(path)?;
    f.write_all(text.as_bytes())
}

/// Writes `dir/stem.md`, or `stem-2.md`, `stem-3.md`… when taken.
pub(crate) fn create_unique(dir: &Path, stem: &str, text: &str) -> io::Result<PathBuf> {
    for n in 1..10_000 {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let path = dir.join(name);
        match create_new(&path, text) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{stem}.md to {stem}-9999.md all exist"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::frontmatter;

    #[test]
    fn yaml_strings_read_back_the_same() {
        for s in [
            "新阳街道兴旺社区党支部",
            "主题党日: 学习党章",
            "#1 活动",
            "true",
            "007",
            "a \"quoted\" \\ name",
            "- 列表",
            "说明 # 不是注释",
        ] {
            let text = format!("---\ntitle: {}\n---\n", yaml_str(s));
            let d = Diagnostics::new();
            let doc = frontmatter::parse_document(&text, "x.md", &d).unwrap();
            assert_eq!(
                doc.front.fields("x.md", &d).string("title").as_deref(),
                Some(s),
                "{text}"
            );
        }
        assert_eq!(yaml_str("学习党章"), "学习党章");
    }

    #[test]
    fn scaffolds_parse_without_problems() {
        let d = Diagnostics::new();
        let date = Date::parse("2026-05-12").unwrap();
        for k in Kind::all() {
            for lang in [Lang::ZhCn, Lang::En] {
                for spelling in [k.word(), k.alias()] {
                    let spec = RecordSpec {
                        kind: k,
                        spelling,
                        date,
                        title: "标题",
                        speaker: None,
                    };
                    let text = record_text(&spec, lang);
                    let doc = frontmatter::parse_document(&text, "x.md", &d).unwrap();
                    let f = doc.front.fields("x.md", &d);
                    assert_eq!(f.string("kind").as_deref(), Some(spelling));
                    assert_eq!(f.string("date").as_deref(), Some("2026-05-12"));
                }
            }
        }
        let spec = BranchSpec {
            name: "兴旺社区党支部".into(),
            committee: "新阳街道党工委".into(),
            members: Some(32),
            ..Default::default()
        };
        frontmatter::parse_document(&branch_text(&spec, Lang::ZhCn), "b.md", &d).unwrap();
        frontmatter::parse_document(&month_text(None, Some("学党章"), Lang::En), "m.md", &d)
            .unwrap();
        assert!(!d.has_errors(), "{:?}", d.into_sorted());
    }

    /// A new lecture names its speaker (SPEC §4) in each of the three ways,
    /// and the site loads it without a problem.
    #[test]
    fn a_scaffolded_lecture_with_a_speaker_is_a_valid_record() {
        use crate::model::fixture::Fixture;
        let date = Date::parse("2026-05-12").unwrap();
        for speaker in [
            Speaker::Pool("chen".into()),
            Speaker::Named("王老师".into()),
            Speaker::Secretary("林秀英".into()),
        ] {
            for lang in [Lang::ZhCn, Lang::En] {
                let spec = RecordSpec {
                    kind: Kind::Lecture,
                    spelling: "课",
                    date,
                    title: "党课",
                    speaker: Some(speaker.clone()),
                };
                let site = Fixture::new()
                    .plain_branch("b")
                    .speaker("chen", "name: 陈建国")
                    .record_text("b", "2026-05", "lecture", &record_text(&spec, lang))
                    .clean();
                let rec = &site.records[0];
                assert_eq!(rec.kind, Kind::Lecture);
                let name = rec.speaker_display(&site);
                assert!(
                    matches!(name, Some("陈建国" | "王老师" | "林秀英")),
                    "{speaker:?}: {name:?}"
                );
            }
        }
    }

    #[test]
    fn record_date_is_today_in_this_month_else_the_first() {
        let today = Date::parse("2026-05-12").unwrap();
        let may = YearMonth::parse("2026-05").unwrap();
        let june = YearMonth::parse("2026-06").unwrap();
        assert_eq!(record_date(may, today), today);
        assert_eq!(record_date(june, today).to_string(), "2026-06-01");
    }

    #[test]
    fn ids_must_be_file_names() {
        assert!(check_id("东瑶村").is_ok());
        assert!(check_id("xingwang").is_ok());
        for bad in [
            "",
            " a",
            "a/b",
            ".git",
            "_index",
            "a:b",
            "index.html",
            "a/../b",
        ] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
    }
}
