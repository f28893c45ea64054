//! TODO

use super::{Lang, tr};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Content {
    Placeholder,
}

impl Content {
    pub(super) fn text(&self, lang: Lang) -> String {
        match self {
            Content::Placeholder => tr(lang, "", ""),
        }
    }
}
