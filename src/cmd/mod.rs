//! The subcommands, one file each. `main` parses the command line and calls
//! one of these; each returns the process exit code.

pub mod build;
pub mod check;
pub mod export;
pub mod new;
pub mod portal;
pub mod report;
pub mod serve;

use std::path::Path;

use crate::msg::{Command, Lang};

/// The line printed under clap's own (English) words about a command line
/// that does not parse; `None` when the site's language is English.
pub fn usage_hint() -> Option<String> {
    match crate::config::language_of(Path::new(".")) {
        Lang::En => None,
        lang => Some(Command::BadCommandLine.text(lang)),
    }
}
