//! TODO

use super::{Lang, tr};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SiteMsg {
    Placeholder,
}

impl SiteMsg {
    pub(super) fn text(&self, lang: Lang) -> String {
        match self {
            SiteMsg::Placeholder => tr(lang, "", ""),
        }
    }
}
