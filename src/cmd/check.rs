//! `dangri check [SITE] [--format text|json] [--strict]`

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::model::Site;
use crate::msg::{Lang, Summary, Tally};
use crate::render::theme::Theme;

#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// `path:line:col: severity: message` lines
    #[default]
    Text,
    /// One JSON document, for editors and bots
    Json,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The site folder, the one holding content/ (default: the current folder)
    pub site: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Fail on warnings too
    #[arg(long)]
    pub strict: bool,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    severity: &'static str,
    message: String,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// Validates the site as a build would, and more; writes nothing. Returns
/// the problems, what was read and the language to print them in.
pub fn check(root: &std::path::Path) -> (Vec<Diagnostic>, Tally, Lang) {
    let diags = Diagnostics::new();
    let mut read = Tally::default();
    if let Some(site) = Site::load_unrendered(root, true, &diags) {
        let theme = Theme::load(root, &site.config.theme, &diags);
        crate::catalogue::check_names(&site, &diags);
        crate::catalogue::check_theme(&site, &theme, &diags);
        crate::check::run(&site, &diags);
        crate::check::static_pictures(&site, &theme, &diags);
        read = site.tally();
    }
    let lang = diags.language();
    (diags.into_sorted(), read, lang)
}

pub fn run(args: Args) -> ExitCode {
    let root = args.site.unwrap_or_else(|| PathBuf::from("."));
    let started = std::time::Instant::now();
    let (diagnostics, read, lang) = check(&root);
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    match args.format {
        Format::Text => {
            let text: String = diagnostics.iter().map(|d| d.text(lang) + "\n").collect();
            if !super::report::print_stdout(&text) {
                return ExitCode::from(2);
            }
            let summary = Summary::Checked {
                tally: crate::diag::tally(&diagnostics, read),
                seconds: started.elapsed().as_secs_f64(),
            };
            eprintln!("{}", summary.text(lang));
        }
        Format::Json => {
            let report = JsonReport {
                errors,
                warnings,
                diagnostics: diagnostics
                    .iter()
                    .map(|d| JsonDiagnostic {
                        path: &d.path,
                        line: d.line,
                        column: d.col,
                        severity: d.severity.as_str(),
                        message: d.message.text(lang),
                    })
                    .collect(),
            };
            match serde_json::to_string_pretty(&report) {
                Ok(json) => {
                    if !super::report::print_stdout(&format!("{json}\n")) {
                        return ExitCode::from(2);
                    }
                }
                Err(e) => {
                    eprintln!("error: cannot write JSON: {e}");
                    return ExitCode::from(2);
                }
            }
        }
    }
    if errors > 0 || (args.strict && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
