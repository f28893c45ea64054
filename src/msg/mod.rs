//! What dangri says to the people who write a site, in the site's language.
//!
//! Every diagnostic's message is a value of [`Msg`] (an area's enum and
//! the arguments the message needs), turned into text only when printed,
//! with the language `site.yaml` names. So the deep layers that find
//! problems need no language, and a problem found before `site.yaml` is
//! read still comes out in the site's language. Each area's file holds both
//! languages of each message side by side: a message without its
//! translation does not compile.

mod cmd;
mod content;
mod files;
mod site;
mod summary;
mod yaml;

pub use cmd::{BadId, Command, SwapState, SwapStep, failure};
pub use content::{Content, Owner};
pub use files::Files;
pub use site::SiteMsg;
pub use summary::{Summary, Tally};
pub use yaml::{Public, What, Yaml};

/// The language of the generated site and of what dangri prints about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub enum Lang {
    #[default]
    ZhCn,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language of a `language:` value of `site.yaml`.
    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "zh-CN" | "zh" | "zh-Hans" => Some(Lang::ZhCn),
            "en" | "en-US" | "en-GB" => Some(Lang::En),
            _ => None,
        }
    }
}

/// One message of a diagnostic.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Msg {
    /// Front matter and YAML: its shape and the types of its fields.
    Yaml(Yaml),
    /// Records, branches, months, speakers, pages and their links.
    Content(Content),
    /// `site.yaml`, the theme, the templates, the LED shows.
    Site(SiteMsg),
    /// Where files are, what they are named, pictures, the output folder.
    Files(Files),
}

impl Msg {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Msg::Yaml(m) => m.text(lang),
            Msg::Content(m) => m.text(lang),
            Msg::Site(m) => m.text(lang),
            Msg::Files(m) => m.text(lang),
        }
    }
}

impl From<Yaml> for Msg {
    fn from(m: Yaml) -> Msg {
        Msg::Yaml(m)
    }
}

impl From<Content> for Msg {
    fn from(m: Content) -> Msg {
        Msg::Content(m)
    }
}

impl From<SiteMsg> for Msg {
    fn from(m: SiteMsg) -> Msg {
        Msg::Site(m)
    }
}

impl From<Files> for Msg {
    fn from(m: Files) -> Msg {
        Msg::Files(m)
    }
}

/// The Chinese or the English text: each message's two languages sit side
/// by side in its area's table.
fn tr(lang: Lang, zh: impl Into<String>, en: impl Into<String>) -> String {
    match lang {
        Lang::ZhCn => zh.into(),
        Lang::En => en.into(),
    }
}

/// `1 error`, `2 errors`: English needs the plural, Chinese does not.
fn count_en(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}
