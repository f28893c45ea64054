//! Messages about the site as a whole: `site.yaml`, the theme and its
//! templates and UI strings, the LED shows.

use super::{Lang, tr};
use crate::date::TodayError;

#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum SiteMsg {
    /// `root` holds no `content/site.yaml`; `found`: a folder above it that
    /// does (the writer ran the command inside the site).
    NoSiteYaml {
        root: String,
        found: Option<String>,
    },
    /// `error`: the system's words.
    CannotReadSiteYaml {
        error: String,
    },
    NotBaseUrl {
        url: String,
    },
    UnknownLanguage {
        value: String,
    },
    /// `party_day.deadline` is not a day of the month nor `end`.
    DeadlineDay,
    DeadlineMonth {
        value: String,
    },
    /// `DANGRI_TODAY` or `SOURCE_DATE_EPOCH` gives no day.
    BadToday(TodayError),
    ThemeNotFound {
        name: String,
    },
    NotPositive {
        key: String,
    },
    PeriodNotDivisor {
        key: String,
        n: u32,
    },
    WeightRange {
        key: String,
    },
    NoWeight,
    GradeShape,
    MinRange,
    LowestGrade,
    ProfileShape,
    ProfileName {
        name: String,
    },
    ProfileTaken {
        name: String,
    },
    ProfileKeyMissing {
        key: String,
    },
    FontTooLarge {
        font_px: u32,
        width: u32,
        height: u32,
        lines: u32,
        ems: u32,
        fits: Option<u32>,
    },
    NotColour {
        key: String,
        value: String,
    },
    PlaceShape,
    AliasTaken {
        alias: String,
        other: String,
    },
    PlaceTaken {
        name: String,
        other: String,
    },
    SlugShape {
        slug: String,
    },
    SlugTaken {
        slug: String,
        other: String,
    },
    CannotReadTemplate {
        error: String,
    },
    /// A template's mistake; `detail`: the template engine's words.
    Template {
        detail: String,
    },
    CannotReadTheme {
        error: String,
    },
    CannotReadStrings {
        error: String,
    },
    StringsShape {
        error: String,
    },
    ReservedPageName {
        slug: String,
    },
    /// No usable LED font; `error`: why, in the font loader's words.
    NoLedFont {
        error: String,
    },
    MissingGlyph {
        font: String,
        c: char,
    },
}

impl SiteMsg {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            SiteMsg::NoSiteYaml {
                root,
                found: Some(found),
            } => tr(
                lang,
                format!(
                    "{root} 不是网站文件夹（里面没有 content/site.yaml）；网站文件夹是它上面的 {found}：请先运行 cd {found} 再运行这个命令，或把网站文件夹写在命令后面"
                ),
                format!(
                    "{root} is not a site folder (it has no content/site.yaml); the site folder is {found}, above it: run `cd {found}` first, or give the site folder after the command"
                ),
            ),
            SiteMsg::NoSiteYaml { root, found: None } => tr(
                lang,
                format!(
                    "{root} 不是网站文件夹（里面没有 content/site.yaml）：请进入网站文件夹（有 content 文件夹的那一层）再运行，或把网站文件夹写在命令后面，例如 dangri check 网站文件夹"
                ),
                format!(
                    "{root} is not a site folder (it has no content/site.yaml): run the command in the site folder (the one holding content/), or give the site folder after the command, e.g. `dangri check SITE`"
                ),
            ),
            SiteMsg::CannotReadSiteYaml { error } => tr(
                lang,
                format!("读不了 content/site.yaml：{error}"),
                format!("cannot read content/site.yaml: {error}"),
            ),
            SiteMsg::NotBaseUrl { url } => tr(
                lang,
                format!(
                    "“{url}”不是网站的网址：请写成 https://网站地址/ 或 https://网站地址/路径/"
                ),
                format!(
                    "`{url}` is not a base URL: write it as https://host/ or https://host/path/"
                ),
            ),
            SiteMsg::UnknownLanguage { value } => tr(
                lang,
                format!("不认识语言“{value}”：请写 zh-CN（中文）或 en（英文）"),
                format!("unknown language `{value}`: use zh-CN or en"),
            ),
            SiteMsg::DeadlineDay => tr(
                lang,
                "“deadline”是每月报送记录的截止日：只写 1 到 31 的数字（例如 5，就是 5 号），或者写 end（当月最后一天）",
                "`deadline` is the day of the month by which its records are due, from 1 to 31, or `end` for the month's last day",
            ),
            SiteMsg::DeadlineMonth { value } => tr(
                lang,
                format!(
                    "不认识“deadline_month: {value}”：截止日在当月就写 this，在下个月就写 next"
                ),
                format!(
                    "unknown `deadline_month: {value}`: use `this` (the deadline falls in the month itself) or `next` (in the following month)"
                ),
            ),
            SiteMsg::BadToday(TodayError::Today(e)) => tr(
                lang,
                format!(
                    "环境变量 DANGRI_TODAY（指定“今天”是哪一天）的值不对：{}",
                    super::content::date_error(e, lang)
                ),
                format!(
                    "{} (DANGRI_TODAY sets the day dangri takes as today)",
                    super::content::date_error(e, lang)
                ),
            ),
            SiteMsg::BadToday(TodayError::Epoch(v)) => tr(
                lang,
                format!(
                    "环境变量 SOURCE_DATE_EPOCH 的值“{v}”不是时间：要写从 1970-01-01（UTC）起的秒数，例如 1780000000"
                ),
                format!(
                    "`{v}` is not a time: give the seconds since 1970-01-01 UTC, e.g. 1780000000"
                ),
            ),
            SiteMsg::ThemeNotFound { name } => tr(
                lang,
                format!(
                    "找不到主题“{name}”：没有 themes/{name}/ 这个文件夹；请建好这个文件夹，或者写 theme: default"
                ),
                format!(
                    "theme `{name}` not found: there is no folder themes/{name}/; create it or write `theme: default`"
                ),
            ),
            SiteMsg::NotPositive { key } => tr(
                lang,
                format!("“{key}”要写一个大于 0 的整数"),
                format!("`{key}` must be a positive whole number"),
            ),
            SiteMsg::PeriodNotDivisor { key, n } => tr(
                lang,
                format!("“{key}: {n}”不能把一年平均分开：请写 1、2、3、4、6 或 12"),
                format!("`{key}: {n}` does not divide the year: use 1, 2, 3, 4, 6 or 12"),
            ),
            SiteMsg::WeightRange { key } => tr(
                lang,
                format!("“{key}”是权重，要写 0 到 1000 之间的整数"),
                format!("`{key}` is a weight from 0 to 1000"),
            ),
            SiteMsg::NoWeight => tr(
                lang,
                "至少要有一项权重大于 0",
                "at least one weight must be more than 0",
            ),
            SiteMsg::GradeShape => tr(
                lang,
                "每个等次要写成 {name: 优秀, min: 90}：等次名称和达到这个等次的最低分",
                "a grade is `{name: 优秀, min: 90}`: its name and the lowest score it takes",
            ),
            SiteMsg::MinRange => tr(
                lang,
                "“min”是分数，要写 0 到 100 之间的整数",
                "`min` is a score from 0 to 100",
            ),
            SiteMsg::LowestGrade => tr(
                lang,
                "最低的等次要从 min: 0 开始，这样每个分数都有等次",
                "the lowest grade must start at `min: 0`, so that every score has a grade",
            ),
            SiteMsg::ProfileShape => tr(
                lang,
                "每种 LED 屏要写成 { name: outdoor, width: 384, height: 192, font_px: 32, seconds: 8 }",
                "each LED profile is a map: { name: outdoor, width: 384, height: 192, font_px: 32, seconds: 8 }",
            ),
            SiteMsg::ProfileName { name } => tr(
                lang,
                format!("LED 屏的名称“{name}”只能用英文字母、数字、- 和 _（它是网址的一部分）"),
                format!(
                    "profile name `{name}` must use ASCII letters, digits, - and _ only (it is part of the URL)"
                ),
            ),
            SiteMsg::ProfileTaken { name } => tr(
                lang,
                format!("已经有一种 LED 屏叫“{name}”了"),
                format!("there is already a profile named `{name}`"),
            ),
            SiteMsg::ProfileKeyMissing { key } => tr(
                lang,
                format!("LED 屏缺少“{key}”"),
                format!("LED profile: `{key}` is missing"),
            ),
            SiteMsg::FontTooLarge {
                font_px,
                width,
                height,
                lines,
                ems,
                fits,
            } => {
                let (zh_fits, en_fits) = match fits {
                    Some(f) => (
                        format!("；这块屏最大用 {f}"),
                        format!("; at most {f} fits this screen"),
                    ),
                    None => (String::new(), String::new()),
                };
                tr(
                    lang,
                    format!(
                        "字号 font_px {font_px} 对 {width} × {height} 的屏太大了：第一页要放下 {lines} 行、每行 {ems} 个字（标题、主讲人、支部和日期）{zh_fits}"
                    ),
                    format!(
                        "font_px {font_px} is too large for a {width} × {height} screen: a slide must hold {lines} lines of {ems} characters, for the title, speaker, branch and date of the first slide{en_fits}"
                    ),
                )
            }
            SiteMsg::NotColour { key, value } => tr(
                lang,
                format!(
                    "“{key}: {value}”不是颜色：请写成带引号的十六进制颜色，例如 \"#ffd54f\"（# 不加引号会被当成注释）"
                ),
                format!(
                    "`{key}: {value}` is not a colour: write it as CSS hex, e.g. \"#ffd54f\" (quoted, since # starts a comment)"
                ),
            ),
            SiteMsg::PlaceShape => tr(
                lang,
                "每个地点要写成 - { name: 谷文昌纪念馆, aliases: [东山谷文昌纪念馆], address: …, description: … }",
                "each place is a map: `- { name: 谷文昌纪念馆, aliases: [东山谷文昌纪念馆], address: …, description: … }`",
            ),
            SiteMsg::AliasTaken { alias, other } => tr(
                lang,
                format!("“{alias}”已经是地点“{other}”的名称或别名了：一种写法只能属于一个地点"),
                format!(
                    "`{alias}` is already a name or alias of the place `{other}`: a spelling may belong to one place only"
                ),
            ),
            SiteMsg::PlaceTaken { name, other } => tr(
                lang,
                format!(
                    "“{name}”已经是地点“{other}”的名称或别名了：每个地点只写一次，其他写法放在 aliases 里"
                ),
                format!(
                    "`{name}` is already a name or alias of the place `{other}`: list each place once, with its other spellings under `aliases`"
                ),
            ),
            SiteMsg::SlugShape { slug } => tr(
                lang,
                format!("网址名“{slug}”只能用 1 到 64 个小写英文字母、数字和 -（它是地点的网址）"),
                format!(
                    "the slug `{slug}` must be 1 to 64 lowercase ASCII letters, digits and - (it is the place's URL)"
                ),
            ),
            SiteMsg::SlugTaken { slug, other } => tr(
                lang,
                format!("网址名“{slug}”已经是地点“{other}”的了：每个地点用自己的网址名"),
                format!(
                    "the slug `{slug}` is already the place `{other}`'s: give each place its own"
                ),
            ),
            SiteMsg::CannotReadTemplate { error } => tr(
                lang,
                format!("读不了这个网页模板：{error}"),
                format!("cannot read the template: {error}"),
            ),
            SiteMsg::Template { detail } => tr(
                lang,
                format!("网页模板有错误：{detail}"),
                format!("template error: {detail}"),
            ),
            SiteMsg::CannotReadTheme { error } => tr(
                lang,
                format!("读不了主题：{error}"),
                format!("cannot read the theme: {error}"),
            ),
            SiteMsg::CannotReadStrings { error } => tr(
                lang,
                format!("读不了这个文件：{error}"),
                format!("cannot read: {error}"),
            ),
            SiteMsg::StringsShape { error } => tr(
                lang,
                format!("界面文字文件的每一行要写成“名称: 文字”：{error}"),
                format!("UI strings must be `key: text` lines: {error}"),
            ),
            SiteMsg::ReservedPageName { slug } => tr(
                lang,
                format!("“{slug}”是网站自己的栏目用的名字：请给这个文件改个名字"),
                format!("`{slug}` is a name dangri uses for its own pages: rename the file"),
            ),
            SiteMsg::NoLedFont { error } => tr(
                lang,
                format!("{error}；LED 屏的图片没有生成（网页版的 LED 放映不受影响）"),
                format!("{error}; the LED pictures are not drawn (the HTML shows are)"),
            ),
            SiteMsg::MissingGlyph { font, c } => tr(
                lang,
                format!(
                    "LED 字体 {font} 里没有“{c}”这个字（U+{:04X}）：图片上这里会是一个空方框；请在 content/site.yaml 的 led.font 换一个有这个字的字体，或者不用这个字",
                    *c as u32
                ),
                format!(
                    "the LED font {font} has no glyph for `{c}` (U+{:04X}): the pictures show an empty box there; set `led.font` in content/site.yaml to a font that has it, or write the text without it",
                    *c as u32
                ),
            ),
        }
    }
}
