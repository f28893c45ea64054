//! TODO

use super::{Lang, tr};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Files {
    Placeholder,
}

impl Files {
    pub(super) fn text(&self, lang: Lang) -> String {
        match self {
            Files::Placeholder => tr(lang, "", ""),
        }
    }
}
