//! Messages about what the files say: records, branches, months, speakers,
//! free pages, attendance, and names two of them would share.

use super::{Lang, tr};
use crate::date::DateError;

/// What already has a name a picture would be published under.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Owner {
    /// The page of the record `id.md`.
    Page(String),
    /// Another picture of the folder.
    Picture(String),
}

#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Content {
    TooDeepHtml {
        depth: usize,
        open: usize,
    },
    BadDate {
        key: String,
        error: DateError,
    },
    DateMissing {
        ym: String,
    },
    DateOutsideMonth {
        date: String,
        ym: String,
        right: String,
    },
    /// `kinds`: the kinds' spellings.
    KindMissing {
        kinds: String,
    },
    UnknownKind {
        kind: String,
        kinds: String,
    },
    UnknownVisibility {
        value: String,
    },
    NoSpeaker {
        id: String,
        near: Option<String>,
    },
    LectureWithoutSpeaker,
    /// A tag holding Chinese commas, and the tags it meant.
    CommaInTag {
        tag: String,
        fixed: String,
    },
    /// A public record names in its text a member of its `list` (`excused`
    /// or `absent`).
    AbsenteeInText {
        name: String,
        list: String,
    },
    PhotoShape,
    NoPicture {
        src: String,
        near: Option<String>,
    },
    NotAPicture {
        src: String,
    },
    NoBranchIndex,
    UnknownCategory {
        value: String,
        all: String,
    },
    UnknownLiaisonLevel {
        value: String,
    },
    BranchNamedIndex,
    RecordNamedIndex,
    SpeakerNamedIndex,
    LecturePageTaken {
        id: String,
        other: String,
    },
    ShortLinkTaken {
        code: String,
        other: String,
    },
    StaticClash {
        rel: String,
    },
    FarMonth {
        ym: String,
        gap: u32,
        first: String,
        last: String,
    },
    PictureNameTaken {
        name: String,
        owner: Owner,
    },
    NoSpeakerPhoto {
        file: String,
    },
    WeightNotNumber,
    TooManyMembers {
        key: String,
        n: u64,
        max: u64,
    },
    ExcusedShape,
    NoBranch {
        id: String,
        known: String,
    },
    /// `years`: the years the branch has ledgers of, or empty.
    NoLedgerYear {
        id: String,
        year: u16,
        years: String,
    },
    AttendanceSum {
        present: u64,
        excused: u64,
        absent: u64,
        sum: u64,
        expected: u64,
    },
}

pub(super) fn date_error(e: &DateError, lang: Lang) -> String {
    match e {
        DateError::NotADate(t) => tr(
            lang,
            format!("“{t}”不是日期：请写成“年-月-日”，例如 2026-05-12"),
            e.to_string(),
        ),
        DateError::NoSuchDay(t) => tr(
            lang,
            format!("日历上没有“{t}”这一天：请检查月和日"),
            e.to_string(),
        ),
        DateError::Unpadded { written, fixed } => tr(
            lang,
            format!("日期要写成“年-月-日”，月和日都写两位数：请写 {fixed}，不要写 {written}"),
            e.to_string(),
        ),
    }
}

impl Content {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Content::TooDeepHtml { depth, open } => tr(
                lang,
                format!(
                    "从这里开始的 HTML 标签套得太深（超过 {depth} 层，或有超过 {open} 个 <b>、<font> 等标签没有关上），整理要花几分钟，所以这个文件里的 HTML 会原样显示成文字：请把打开的每个标签都关上，或者把这部分改用普通文字写"
                ),
                format!(
                    "the raw HTML from here on nests deeper than {depth} elements (or leaves more than {open} `<b>`, `<font>`, … open): cleaning it would take minutes, so this file's HTML is shown as text; close each tag you open, or write this part in Markdown"
                ),
            ),
            Content::BadDate { key, error } => tr(
                lang,
                format!("“{key}”：{}", date_error(error, lang)),
                format!("`{key}`: {error}"),
            ),
            Content::DateMissing { ym } => tr(
                lang,
                format!("缺少活动日期：请加一行“date: ”写上活动那一天，例如 date: {ym}-10"),
                format!("`date` is missing: give the day of the activity, e.g. `date: {ym}-10`"),
            ),
            Content::DateOutsideMonth { date, ym, right } => tr(
                lang,
                format!(
                    "日期 {date} 不在 {ym} 这个月（文件所在的月份文件夹）：请改正日期，或者把文件移到 {right} 文件夹"
                ),
                format!(
                    "the date {date} is not in {ym}, the month of the folder: fix the date or move the file to the {right} folder"
                ),
            ),
            Content::KindMissing { kinds } => tr(
                lang,
                format!("缺少活动类别：请加一行“kind: ”，写下面其中一个：{kinds}"),
                format!("`kind` is missing: use one of {kinds}"),
            ),
            Content::UnknownKind { kind, kinds } => tr(
                lang,
                format!("不认识活动类别“{kind}”：请写下面其中一个：{kinds}"),
                format!("unknown kind `{kind}`: use one of {kinds}"),
            ),
            Content::UnknownVisibility { value } => tr(
                lang,
                format!(
                    "不认识“{value}”：visibility 只能写 public（公开）或 internal（不公开）；在改正之前，这条记录按不公开处理"
                ),
                format!("unknown visibility `{value}`: use public or internal"),
            ),
            Content::NoSpeaker { id, near } => {
                let (zh_add, en_add) = (
                    format!(
                        "请在 content/speakers/ 里新建 {id}.md；讲师库以外的主讲人，请改写“speaker_name: 姓名”"
                    ),
                    format!(
                        "add content/speakers/{id}.md or write `speaker_name:` for a speaker outside the pool"
                    ),
                );
                match near {
                    Some(k) => tr(
                        lang,
                        format!("讲师库里没有“{id}”：是不是要写“{k}”？如果不是，{zh_add}"),
                        format!(
                            "no speaker `{id}` in the speaker pool: did you mean `{k}`? Otherwise {en_add}"
                        ),
                    ),
                    None => tr(
                        lang,
                        format!("讲师库里没有“{id}”：{zh_add}"),
                        format!("no speaker `{id}` in the speaker pool: {en_add}"),
                    ),
                }
            }
            Content::LectureWithoutSpeaker => tr(
                lang,
                "党课要写主讲人：请加一行“speaker: ”写讲师库里的编号，或者加一行“speaker_name: ”写主讲人姓名",
                "a lecture without a speaker: add `speaker:` (an id of the speaker pool) or `speaker_name:`",
            ),
            Content::CommaInTag { tag, fixed } => tr(
                lang,
                format!(
                    "“{tag}”会被当成一个标签：标签之间要用英文逗号“,”隔开，请写成 tags: [{fixed}]"
                ),
                format!(
                    "`{tag}` is one tag: tags are separated by an English comma “,” — write `tags: [{fixed}]`"
                ),
            ),
            Content::AbsenteeInText { name, list } => {
                let zh = if list == "excused" {
                    "请假"
                } else {
                    "缺席"
                };
                tr(
                    lang,
                    format!(
                        "“{name}”写在出勤的“{list}:”（{zh}）里，这里又写了这个名字：公开网站不显示{zh}党员的姓名，但正文和标题会原样公开；不想公开的话，请删去这里的名字，或把这条记录设为 visibility: internal"
                    ),
                    format!(
                        "`{name}` is listed under attendance `{list}:` and named here too: the public site withholds the names of {list} members, but a title and body are published as written; remove the name here, or make the record `visibility: internal`"
                    ),
                )
            }
            Content::PhotoShape => tr(
                lang,
                "每张照片要写成 {src: 文件名.jpg, caption: 说明}",
                "a photo is `{src: file.jpg, caption: 说明}`",
            ),
            Content::NoPicture { src, near } => match near {
                Some(p) => tr(
                    lang,
                    format!("这个月的文件夹里没有图片“{src}”：是不是“{p}”？"),
                    format!("no picture `{src}` in this month folder: did you mean `{p}`?"),
                ),
                None => tr(
                    lang,
                    format!("这个月的文件夹里没有图片“{src}”：请把图片文件放到这条记录旁边"),
                    format!(
                        "no picture `{src}` in this month folder: put the file beside the record"
                    ),
                ),
            },
            Content::NotAPicture { src } => tr(
                lang,
                format!("“{src}”不是图片：请用 .jpg、.png 或 .webp 格式的图片"),
                format!("`{src}` is not a picture: use a .jpg, .png or .webp file"),
            ),
            Content::NoBranchIndex => tr(
                lang,
                "支部文件夹里缺少 _index.md：请新建这个文件，写上支部名称“name:”和上级党（工）委“committee:”",
                "the branch folder has no _index.md: create it with `name:` and `committee:`",
            ),
            Content::UnknownCategory { value, all } => tr(
                lang,
                format!("不认识支部类型“{value}”：请写下面其中一个：{all}"),
                format!("unknown category `{value}`: use one of {all}"),
            ),
            Content::UnknownLiaisonLevel { value } => tr(
                lang,
                format!(
                    "不认识联系领导的级别“{value}”：请写 district（区领导）或 cadre（其他领导干部）"
                ),
                format!("unknown liaison level `{value}`: use district or cadre"),
            ),
            Content::BranchNamedIndex => tr(
                lang,
                "支部文件夹不能叫 index.html：这是支部列表网页的文件名，请给文件夹改个名字",
                "a branch folder may not be named `index.html`: that is the file of the branches page; rename the folder",
            ),
            Content::RecordNamedIndex => tr(
                lang,
                "记录文件不能叫 index.html.md：它的网页会和月份网页写到同一个地方，请给文件改个名字",
                "a record may not be named `index.html.md`: its page would be written where the month page is; rename the file",
            ),
            Content::SpeakerNamedIndex => tr(
                lang,
                "主讲人文件不能叫 index.html.md：它的网页会和讲师库网页写到同一个地方，请给文件改个名字",
                "a speaker may not be named `index.html.md`: its page would be written where the speaker pool is; rename the file",
            ),
            Content::LecturePageTaken { id, other } => tr(
                lang,
                format!(
                    "这堂党课的网页 /lectures/{id}/ 已经是 {other} 的网页了：请给这个文件或它的支部文件夹改个名字"
                ),
                format!(
                    "this lecture's page /lectures/{id}/ is already the page of {other}: rename this file or its branch folder"
                ),
            ),
            Content::ShortLinkTaken { code, other } => tr(
                lang,
                format!(
                    "这堂党课的短链接 /m/{code}/ 已经是 {other} 的短链接了：请给这个文件改个名字"
                ),
                format!(
                    "this lecture's short link /m/{code}/ is already the link of {other}: rename this file"
                ),
            ),
            Content::StaticClash { rel } => tr(
                lang,
                format!(
                    "网站自己会生成“{rel}”，这个文件会把网站上的一个网页或文件替换掉（内部版本也一样）：请删掉它或者改个名字"
                ),
                format!(
                    "dangri writes `{rel}` itself, so this file would replace a page or file of the site (in the internal build too): remove it or give it another name"
                ),
            ),
            Content::FarMonth {
                ym,
                gap,
                first,
                last,
            } => tr(
                lang,
                format!(
                    "“{ym}”和网站其他记录（{first} 到 {last}）相隔 {gap} 个月：请检查文件夹名字里的年份"
                ),
                format!(
                    "`{ym}` is {gap} months away from the site's other records ({first} to {last}): check the year in the folder name"
                ),
            ),
            Content::PictureNameTaken { name, owner } => {
                let (zh, en) = match owner {
                    Owner::Page(id) => (
                        format!("记录 {id}.md 的网页"),
                        format!("the page of `{id}.md`"),
                    ),
                    Owner::Picture(f) => (format!("图片“{f}”"), format!("the picture `{f}`")),
                };
                tr(
                    lang,
                    format!("这张图片发布后会叫“{name}”，和{zh}重名了：请给其中一个改名"),
                    format!(
                        "this picture would be published as `{name}`, as {en} is: rename one of them"
                    ),
                )
            }
            Content::NoSpeakerPhoto { file } => tr(
                lang,
                format!("content/speakers/ 里没有图片“{file}”"),
                format!("no picture `{file}` in content/speakers/"),
            ),
            Content::WeightNotNumber => tr(
                lang,
                "“weight”要写一个整数（页面按这个数从小到大排列）",
                "`weight` must be a whole number (pages are listed by weight)",
            ),
            Content::TooManyMembers { key, n, max } => tr(
                lang,
                format!("“{key}”的人数 {n} 太大了：没有哪个支部超过 {max} 名党员，请检查这个数"),
                format!(
                    "`{key}` is too large ({n}): no branch has more than {max} members; check the number"
                ),
            ),
            Content::ExcusedShape => tr(
                lang,
                "请假的党员要写成 {name: 李四, reason: 出差}",
                "an excused member is `{name: 李四, reason: 出差}`",
            ),
            Content::NoBranch { id, known } => tr(
                lang,
                format!(
                    "没有“{id}”这个支部：请写 content/branches/ 下面支部文件夹的名字（{known}）"
                ),
                format!(
                    "no branch `{id}`: use the name of its folder under content/branches/ ({known})"
                ),
            ),
            Content::NoLedgerYear { id, year, years } => {
                let (zh, en) = if years.is_empty() {
                    ("哪一年都没有".to_string(), "no year".to_string())
                } else {
                    (format!("有 {years} 年的台账"), years.clone())
                };
                tr(
                    lang,
                    format!("支部“{id}”在 {year} 年没有月份文件夹，所以没有这一年的台账：{zh}"),
                    format!(
                        "the branch `{id}` has no month folder in {year}, so no ledger of that year: it has ledgers of {en}"
                    ),
                )
            }
            Content::AttendanceSum {
                present,
                excused,
                absent,
                sum,
                expected,
            } => tr(
                lang,
                format!(
                    "出勤人数对不上：实到 {present} + 请假 {excused} + 缺席 {absent} = {sum}，但应到是 {expected}：没来的党员请写在“excused:”（请假）或“absent:”（缺席）下面"
                ),
                format!(
                    "attendance does not add up: present {present} + excused {excused} + absent {absent} = {sum}, but expected is {expected}; name every member who missed the day under `excused:` or `absent:`"
                ),
            ),
        }
    }
}
