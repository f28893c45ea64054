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

/// The language of the site in the current folder (zh-CN when there is
/// none): for what is said before a command has read its site, such as a
/// command line that does not parse.
pub fn language_here() -> Lang {
    let diags = crate::diag::Diagnostics::new();
    crate::config::Config::load(Path::new("."), &diags);
    diags.language()
}

/// The line printed under clap's own (English) words about a command line
/// that does not parse; `None` when the site's language is English.
pub fn usage_hint() -> Option<String> {
    match language_here() {
        Lang::En => None,
        lang => Some(Command::BadCommandLine.text(lang)),
    }
}
