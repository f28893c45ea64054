//! `dangri check [SITE] [--format text|json] [--strict]`

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::model::Site;
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
    message: &'a str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// What a check went through, for its summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Markdown files read.
    pub files: usize,
    /// Of them, the valid records.
    pub records: usize,
}

/// Validates the site as a build would, and more; writes nothing.
pub fn check(root: &std::path::Path) -> (Vec<Diagnostic>, Counts) {
    let diags = Diagnostics::new();
    let mut counts = Counts::default();
    if let Some(site) = Site::load_unrendered(root, true, &diags) {
        let theme = Theme::load(root, &site.config.theme, &diags);
        crate::catalogue::check_names(&site, &diags);
        crate::catalogue::check_theme(&site, &theme, &diags);
        crate::check::run(&site, &diags);
        crate::check::static_pictures(&site, &theme, &diags);
        counts = Counts {
            files: site.files_read,
            records: site.records.len(),
        };
    }
    (diags.into_sorted(), counts)
}

/// `checked 4 files (2 records) in 0.01 s: 3 error(s) in 2 file(s), 0 warning(s)`
fn summary(counts: Counts, diagnostics: &[Diagnostic], seconds: f64) -> String {
    let errors: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.path.as_str())
        .collect();
    let files_with_errors = errors
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let warnings = diagnostics.len() - errors.len();
    format!(
        "checked {} files ({} records) in {seconds:.2} s: {} error(s) in {files_with_errors} file(s), {warnings} warning(s)",
        counts.files,
        counts.records,
        errors.len(),
    )
}

pub fn run(args: Args) -> ExitCode {
    let root = args.site.unwrap_or_else(|| PathBuf::from("."));
    let started = std::time::Instant::now();
    let (diagnostics, counts) = check(&root);
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    match args.format {
        Format::Text => {
            let text: String = diagnostics.iter().map(|d| format!("{d}\n")).collect();
            if !super::report::print_stdout(&text) {
                return ExitCode::from(2);
            }
            eprintln!(
                "{}",
                summary(counts, &diagnostics, started.elapsed().as_secs_f64())
            );
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
                        message: &d.message,
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
