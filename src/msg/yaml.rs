//! Messages about front matter and YAML: the block between the two `---`
//! lines (开头信息), its `key: value` lines and the type of each value.

use super::{Lang, tr};

/// What a required field should hold, for "`title` is missing: give …".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum What {
    ActivityTitle,
    SpeakerName,
    MemberName,
    PictureFile,
    BranchName,
    Committee,
    LiaisonUnit,
    LeaderName,
    PageTitle,
    GradeName,
    SiteTitle,
    BaseUrl,
    ProfileName,
    PlaceName,
}

impl What {
    fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            What::ActivityTitle => ("活动的标题", "a title for the activity"),
            What::SpeakerName => ("主讲人的姓名", "the speaker's name"),
            What::MemberName => ("党员的姓名", "the member's name"),
            What::PictureFile => (
                "本月文件夹里图片的文件名",
                "the picture's file name in this month folder",
            ),
            What::BranchName => (
                "支部的全称，例如 新阳街道兴旺社区党支部",
                "the branch's full name, e.g. 新阳街道兴旺社区党支部",
            ),
            What::Committee => (
                "支部的上级党（工）委",
                "the Party committee above the branch",
            ),
            What::LiaisonUnit => ("联系本支部的区直单位", "the district unit that liaises"),
            What::LeaderName => ("联系领导的姓名", "the leader's name"),
            What::PageTitle => ("页面的标题", "the page's title"),
            What::GradeName => ("等次的名称，例如 优秀", "the grade's name, e.g. 优秀"),
            What::SiteTitle => ("网站的名称", "the site's title"),
            What::BaseUrl => (
                "网站发布的网址，例如 https://example.org/",
                "the address the site is published at, e.g. https://example.org/",
            ),
            What::ProfileName => (
                "一个简短的英文名称，例如 outdoor",
                "a short ASCII name such as `outdoor`",
            ),
            What::PlaceName => (
                "网站上显示的地点名称",
                "the place's name as the site shows it",
            ),
        };
        match lang {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }
}

/// A file that is always published, for "`visibility` is for records only".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Public {
    Speaker,
    Branch,
    MonthTheme,
    Page,
}

impl Public {
    fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Public::Speaker => ("讲师库里的主讲人", "a speaker of the pool"),
            Public::Branch => ("支部介绍", "a branch"),
            Public::MonthTheme => ("每月主题（_index.md）", "a month's theme (`_index.md`)"),
            Public::Page => ("独立页面", "a free page"),
        };
        match lang {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }
}

#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Yaml {
    NoFrontMatter,
    DotsEnd,
    NotClosed,
    /// A full-width colon somewhere the block could not be read at all.
    FullWidthColonBlock,
    NotKeyValue,
    Tab,
    FullWidthColon {
        key: String,
    },
    UnclosedQuote,
    UnclosedList,
    UnclosedMap,
    OverIndented {
        key: String,
        above: String,
    },
    ValueNeedsQuotes,
    /// A `- ` list entry under a line that is not `key:` with nothing after
    /// it (a scaffold's `#   - {src: …}` uncommented without its `# photos:`).
    /// `photo`: the entry names a picture (`src:`).
    ListWithoutKey {
        photo: bool,
    },
    /// `detail`: the YAML parser's own words (English).
    BadStart {
        detail: String,
    },
    RepeatedKey {
        key: Option<String>,
        detail: String,
    },
    Invalid {
        detail: String,
    },
    AlwaysPublic {
        what: Public,
    },
    UnknownField {
        name: String,
        near: Option<String>,
        known: String,
    },
    NotText {
        key: String,
    },
    Empty {
        key: String,
        what: What,
    },
    Missing {
        key: String,
        what: What,
    },
    NotNumber {
        key: String,
    },
    NotBool {
        key: String,
    },
    EntryNotText {
        key: String,
    },
    NotList {
        key: String,
    },
    NotMap {
        key: String,
    },
    NotListLines {
        key: String,
    },
}

impl Yaml {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Yaml::NoFrontMatter => tr(
                lang,
                "文件第一行必须是 ---：先写一行 ---，再写“名称: 内容”这样的各行（如 title: 召开党员大会），最后再写一行 ---",
                "the file must start with front matter: a line `---`, then `key: value` lines, then `---`",
            ),
            Yaml::DotsEnd => tr(
                lang,
                "文件开头的信息（两行 --- 之间的部分）要用一行 --- 结束，不能用 ...：请把这一行改成 ---",
                "`...` does not end the front matter: end it with a line `---`",
            ),
            Yaml::NotClosed => tr(
                lang,
                "文件开头的信息（两行 --- 之间的部分）没有结束：请在最后一行“名称: 内容”的下面加一行 ---",
                "the front matter is not closed: add a line `---` after the last `key: value` line",
            ),
            Yaml::FullWidthColonBlock => tr(
                lang,
                "开头信息里用了中文冒号“：”：请把中文冒号“：”改成英文冒号“:”，冒号后空一格，例如 title: 主题党日",
                "the front matter uses a full-width colon (：) after a key: write an ASCII colon and a space, e.g. `title: 主题党日`",
            ),
            Yaml::NotKeyValue => tr(
                lang,
                "开头信息的每一行都要写成“名称: 内容”：名称后面是英文冒号“:”，冒号后空一格",
                "the front matter must be `key: value` lines (an ASCII colon and a space after each key)",
            ),
            Yaml::Tab => tr(
                lang,
                "这一行前面用了 Tab 键：请删掉它，改用空格缩进",
                "YAML is indented with spaces, not tabs: replace the tab with spaces",
            ),
            Yaml::FullWidthColon { key } => tr(
                lang,
                format!(
                    "“{key}：”用了中文冒号：请把中文冒号“：”改成英文冒号“:”，冒号后空一格，写成“{key}: ”"
                ),
                format!(
                    "`{key}：` uses a full-width colon (：): write `{key}: ` with an ASCII colon and a space"
                ),
            ),
            Yaml::UnclosedQuote => tr(
                lang,
                "这里的引号只有前一半：请在这一行内容的末尾补上同样的引号",
                "a quoted value is not closed: end it with the same quote mark on its line",
            ),
            Yaml::UnclosedList => tr(
                lang,
                "这里的方括号“[”没有配对：请在这一行的末尾补上“]”，例如 tags: [党章, 学习]",
                "a `[` list is not closed: end it with `]` on its line, e.g. tags: [党章, 学习]",
            ),
            Yaml::UnclosedMap => tr(
                lang,
                "这里的花括号“{”没有配对：请在这一行的末尾补上“}”，例如 {src: a.jpg, caption: 说明}",
                "a `{` map is not closed: end it with `}` on its line, e.g. {src: a.jpg, caption: 说明}",
            ),
            Yaml::OverIndented { key, above } => tr(
                lang,
                format!(
                    "“{key}:”前面多了空格，被当成了上一行“{above}:”的一部分：请删掉“{key}:”前面的空格"
                ),
                format!(
                    "`{key}:` is indented under `{above}:`, which has its value already: remove the spaces before `{key}:`"
                ),
            ),
            Yaml::ListWithoutKey { photo: false } => tr(
                lang,
                "这一行是一个列表项（以“- ”开头），但上面没有写它属于哪一项：列表要写在单独一行的“名称:”下面，每项前面空两格",
                "this line is a list entry (it starts with `- `) but no line above says what it is a list of: a list goes under a line `key:` of its own, each entry indented by two spaces",
            ),
            Yaml::ListWithoutKey { photo: true } => tr(
                lang,
                "这一行是一个列表项（以“- ”开头），但上面没有写它属于哪一项：照片要写在单独一行“photos:”的下面；dangri new 生成的提示里，“# photos:”和它下面以“#   - ”开头的行要一起删掉“# ”",
                "this line is a list entry (it starts with `- `) but no line above says what it is a list of: photo entries go under a line `photos:` of their own; in what `dangri new` writes, uncomment `# photos:` together with the `#   - ` lines under it",
            ),
            Yaml::ValueNeedsQuotes => tr(
                lang,
                "这一行的内容里有“冒号加空格”，要用英文双引号把内容括起来，例如 title: \"主题党日: 学习党章\"",
                "this value contains `: ` and must be quoted: write it in double quotes, e.g. title: \"主题党日: 学习党章\"",
            ),
            Yaml::BadStart { detail } => tr(
                lang,
                format!("内容以 @、` 或 % 开头时，要用英文双引号把内容括起来（{detail}）"),
                format!("invalid YAML ({detail}): a value starting with @, ` or % must be quoted"),
            ),
            Yaml::RepeatedKey { key, detail } => match key {
                Some(key) => tr(
                    lang,
                    format!("“{key}”写了两次：请删掉其中一行"),
                    format!("a key appears twice ({detail})"),
                ),
                None => tr(
                    lang,
                    format!("同一个名称写了两次：请删掉其中一行（{detail}）"),
                    format!("a key appears twice ({detail})"),
                ),
            },
            Yaml::Invalid { detail } => tr(
                lang,
                format!(
                    "文件开头的信息（两行 --- 之间的部分）格式有误：请对照一条正确的记录检查这一行（{detail}）"
                ),
                format!("invalid YAML: {detail}"),
            ),
            Yaml::AlwaysPublic { what } => tr(
                lang,
                format!(
                    "只有活动记录可以写 visibility：{}总是公开的。请删掉这一行；不想公开的内容请写在一条记录里，并加上 visibility: internal",
                    what.text(lang)
                ),
                format!(
                    "`visibility` is for records only: {} is always published. Remove the field, or keep what is internal in a record with `visibility: internal`",
                    what.text(lang)
                ),
            ),
            Yaml::UnknownField { name, near, known } => match near {
                Some(k) => tr(
                    lang,
                    format!("不认识“{name}”：是不是要写“{k}”？"),
                    format!("unknown field `{name}`; did you mean `{k}`?"),
                ),
                None => tr(
                    lang,
                    format!("不认识“{name}”：这里可以写的有 {known}"),
                    format!("unknown field `{name}`; known fields: {known}"),
                ),
            },
            Yaml::NotText { key } => tr(
                lang,
                format!("“{key}”后面要写一段文字，不能写成列表或多行"),
                format!("`{key}` must be a piece of text, not a list or a map"),
            ),
            Yaml::Empty { key, what } => tr(
                lang,
                format!("“{key}”后面是空的：请填写{}", what.text(lang)),
                format!("`{key}` is empty: give {}", what.text(lang)),
            ),
            Yaml::Missing { key, what } => tr(
                lang,
                format!("缺少“{key}:”这一行：请填写{}", what.text(lang)),
                format!("`{key}` is missing: give {}", what.text(lang)),
            ),
            Yaml::NotNumber { key } => tr(
                lang,
                format!("“{key}”要写一个整数，例如 {key}: 30"),
                format!("`{key}` must be a whole number, e.g. `{key}: 30`"),
            ),
            Yaml::NotBool { key } => tr(
                lang,
                format!("“{key}”只能写 true（是）或 false（否）"),
                format!("`{key}` must be true or false"),
            ),
            Yaml::EntryNotText { key } => tr(
                lang,
                format!("“{key}”里的每一项都要是一段文字"),
                format!("each entry of `{key}` must be a piece of text"),
            ),
            Yaml::NotList { key } => tr(
                lang,
                format!("“{key}”要写成列表，例如 {key}: [甲, 乙]"),
                format!("`{key}` must be a list, e.g. `{key}: [a, b]`"),
            ),
            Yaml::NotMap { key } => tr(
                lang,
                format!("“{key}:”下面要写“名称: 内容”的各行，每行前面空两格"),
                format!("`{key}` must be a map of `key: value` entries"),
            ),
            Yaml::NotListLines { key } => tr(
                lang,
                format!("“{key}:”下面要写列表，每行以“- ”开头"),
                format!("`{key}` must be a list (lines starting with `- `)"),
            ),
        }
    }
}
