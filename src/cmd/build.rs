//! `dangri build [SITE] [-o DIR] [--internal]`

use std::path::PathBuf;
use std::process::ExitCode;

use crate::build::{BuildOptions, build, default_out};
use crate::diag::Severity;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The site folder, the one holding content/ (default: the current folder)
    pub site: Option<PathBuf>,
    /// Output folder (default: SITE/public)
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Include internal records and member names; every page is marked noindex
    #[arg(long)]
    pub internal: bool,
}

pub fn run(args: Args) -> ExitCode {
    let root = args.site.unwrap_or_else(|| PathBuf::from("."));
    let out = args.output.unwrap_or_else(|| default_out(&root));
    let started = std::time::Instant::now();
    let report = build(&BuildOptions {
        root,
        out: out.clone(),
        internal: args.internal,
    });
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
    if let Some(e) = &report.failure {
        eprintln!("error: {e:#}");
    }
    for note in &report.notes {
        eprintln!("warning: {note}");
    }
    if report.ok() {
        eprintln!(
            "built {} records into {} in {:.2} s{}",
            report.pages,
            out.display(),
            started.elapsed().as_secs_f64(),
            if args.internal {
                " (internal build: do not publish)"
            } else {
                ""
            }
        );
        return ExitCode::SUCCESS;
    }
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let swapping = report
        .failure
        .as_ref()
        .is_some_and(|e| e.is::<crate::output::SwapError>());
    if errors > 0 {
        eprintln!("build failed: {errors} error(s); nothing was written");
    } else if swapping {
        // The error said where the previous and the new site are.
        eprintln!("build failed");
    } else {
        eprintln!("build failed; the previous output is untouched");
    }
    ExitCode::FAILURE
}
