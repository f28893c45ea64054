//! Diagnostics: every content problem, located as `path:line:col`, collected
//! so that one run reports all of them at once.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::msg::{Lang, Msg, Tally};

/// How bad a problem is. Errors fail a build; warnings are printed only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in one file of the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// 1-based line; 1 when the whole file is meant.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    pub severity: Severity,
    pub message: Msg,
}

impl Diagnostic {
    /// `path:line:col: error: message`, the message in `lang`. The
    /// severity stays `error` or `warning` in every language: editors and
    /// CI read these lines.
    pub fn text(&self, lang: Lang) -> String {
        format!(
            "{}:{}:{}: {}: {}",
            self.path,
            self.line,
            self.col,
            self.severity.as_str(),
            self.message.text(lang)
        )
    }
}

/// A source file's position, for building diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, col: 1 };

    pub fn new(line: usize, col: usize) -> Pos {
        Pos { line, col }
    }

    /// The position of byte `offset` of `text`, whose first line is line
    /// `first_line` of its file; the column counts characters.
    pub fn in_text(text: &str, first_line: usize, offset: usize) -> Pos {
        let mut at = offset.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let before = &text[..at];
        let line = first_line + before.matches('\n').count();
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Pos { line, col }
    }
}

/// A thread-safe collector of diagnostics, shared by the stages of a build.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
    /// The site's language, once `site.yaml` has said it.
    lang: Mutex<Option<Lang>>,
}

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub fn push(&self, d: Diagnostic) {
        // A poisoned lock only means another thread panicked while pushing;
        // the vector itself is still sound.
        let mut items = self.items.lock().unwrap_or_else(|e| e.into_inner());
        items.push(d);
    }

    pub fn error(&self, path: &str, pos: Pos, message: impl Into<Msg>) {
        self.push(Diagnostic {
            path: path.to_string(),
            line: pos.line,
            col: pos.col,
            severity: Severity::Error,
            message: message.into(),
        });
    }

    pub fn warning(&self, path: &str, pos: Pos, message: impl Into<Msg>) {
        self.push(Diagnostic {
            path: path.to_string(),
            line: pos.line,
            col: pos.col,
            severity: Severity::Warning,
            message: message.into(),
        });
    }

    /// Records the site's language (`site.yaml`'s `language:`), which the
    /// messages are printed in.
    pub fn set_language(&self, lang: Lang) {
        *self.lang.lock().unwrap_or_else(|e| e.into_inner()) = Some(lang);
    }

    /// The language to print the messages in: the site's, or zh-CN when
    /// `site.yaml` could not say (missing or unreadable).
    pub fn language(&self) -> Lang {
        self.lang
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .unwrap_or_default()
    }

    pub fn has_errors(&self) -> bool {
        let items = self.items.lock().unwrap_or_else(|e| e.into_inner());
        items.iter().any(|d| d.severity == Severity::Error)
    }

    /// All diagnostics, sorted by path, position and message, without duplicates.
    pub fn into_sorted(self) -> Vec<Diagnostic> {
        let mut items = self.items.into_inner().unwrap_or_else(|e| e.into_inner());
        items.sort();
        items.dedup();
        items
    }
}

/// `read` (what a run read) with the errors and warnings of `diagnostics`.
pub fn tally(diagnostics: &[Diagnostic], read: Tally) -> Tally {
    let errors: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.path.as_str())
        .collect();
    let error_files = errors
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    Tally {
        errors: errors.len(),
        error_files,
        warnings: diagnostics.len() - errors.len(),
        ..read
    }
}

/// The display form of `path` relative to `root`, with `/` separators.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let mut out = String::new();
    for (i, part) in rel.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&part.as_os_str().to_string_lossy());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg::Content;

    /// Editors and CI read `path:line:col: error: `: the severity stays
    /// ASCII whatever the language of the message after it.
    #[test]
    fn the_severity_is_ascii_in_every_language() {
        let d = Diagnostics::new();
        d.error("a.md", Pos::new(3, 1), Content::LectureWithoutSpeaker);
        d.warning("a.md", Pos::new(6, 1), Content::PhotoShape);
        let items = d.into_sorted();
        let zh: Vec<String> = items.iter().map(|d| d.text(Lang::ZhCn)).collect();
        let en: Vec<String> = items.iter().map(|d| d.text(Lang::En)).collect();
        assert!(
            zh[0].starts_with("a.md:3:1: error: 党课要写主讲人"),
            "{zh:?}"
        );
        assert!(zh[1].starts_with("a.md:6:1: warning: 每张照片"), "{zh:?}");
        assert!(
            en[0].starts_with("a.md:3:1: error: a lecture without a speaker"),
            "{en:?}"
        );
    }

    #[test]
    fn the_language_is_zh_cn_until_site_yaml_says_otherwise() {
        let d = Diagnostics::new();
        assert_eq!(d.language(), Lang::ZhCn);
        d.set_language(Lang::En);
        assert_eq!(d.language(), Lang::En);
    }
}
