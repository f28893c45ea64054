//! Diagnostics: every content problem, located as `path:line:col`, collected
//! so that one run reports all of them at once.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path,
            self.line,
            self.col,
            self.severity.as_str(),
            self.message
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

    pub fn error(&self, path: &str, pos: Pos, message: impl Into<String>) {
        self.push(Diagnostic {
            path: path.to_string(),
            line: pos.line,
            col: pos.col,
            severity: Severity::Error,
            message: message.into(),
        });
    }

    pub fn warning(&self, path: &str, pos: Pos, message: impl Into<String>) {
        self.push(Diagnostic {
            path: path.to_string(),
            line: pos.line,
            col: pos.col,
            severity: Severity::Warning,
            message: message.into(),
        });
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
