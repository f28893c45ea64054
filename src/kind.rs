//! The five things of Party Day (党日五件事): declared once, used by parsing,
//! templates, the bulletin and the matrix.

use serde::Serialize;

/// One kind of Party Day activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Study,
    Meeting,
    Practice,
    Affairs,
    Lecture,
}

/// The table of kinds: English word, one-character alias, in bulletin order.
pub(crate) const KINDS: [(Kind, &str, &str); 5] = [
    (Kind::Study, "study", "学"),
    (Kind::Meeting, "meeting", "会"),
    (Kind::Practice, "practice", "做"),
    (Kind::Affairs, "affairs", "工"),
    (Kind::Lecture, "lecture", "课"),
];

impl Kind {
    /// Parses the English word or the Chinese alias.
    pub fn parse(s: &str) -> Option<Kind> {
        let s = s.trim();
        KINDS
            .iter()
            .find(|(_, word, alias)| s.eq_ignore_ascii_case(word) || s == *alias)
            .map(|(k, _, _)| *k)
    }

    pub fn word(self) -> &'static str {
        KINDS[self.index()].1
    }

    pub fn alias(self) -> &'static str {
        KINDS[self.index()].2
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn bit(self) -> u8 {
        1 << self.index()
    }

    pub fn all() -> impl Iterator<Item = Kind> {
        KINDS.iter().map(|(k, _, _)| *k)
    }

    /// Every spelling `kind:` accepts, for error messages.
    pub fn spellings() -> String {
        KINDS
            .iter()
            .map(|(_, w, a)| format!("{w} ({a})"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A set of kinds, as done in one branch-month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct KindSet(pub u8);

impl KindSet {
    pub const FULL: KindSet = KindSet(0b1_1111);

    pub fn insert(&mut self, k: Kind) {
        self.0 |= k.bit();
    }

    pub fn contains(self, k: Kind) -> bool {
        self.0 & k.bit() != 0
    }

    pub fn is_complete(self) -> bool {
        self == KindSet::FULL
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn missing(self) -> Vec<Kind> {
        Kind::all().filter(|k| !self.contains(*k)).collect()
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_and_aliases() {
        assert_eq!(Kind::parse("study"), Some(Kind::Study));
        assert_eq!(Kind::parse("Lecture"), Some(Kind::Lecture));
        assert_eq!(Kind::parse("做"), Some(Kind::Practice));
        assert_eq!(Kind::parse("工"), Some(Kind::Affairs));
        assert_eq!(Kind::parse("党课"), None);
    }

    #[test]
    fn kind_set_tracks_missing() {
        let mut s = KindSet::default();
        s.insert(Kind::Study);
        s.insert(Kind::Lecture);
        assert_eq!(
            s.missing(),
            vec![Kind::Meeting, Kind::Practice, Kind::Affairs]
        );
        assert!(!s.is_complete());
        for k in Kind::all() {
            s.insert(k);
        }
        assert!(s.is_complete());
    }
}
