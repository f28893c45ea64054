//! `dangri portal [DIR] [-o OUT]`

use std::path::PathBuf;
use std::process::ExitCode;

use crate::portal::{PortalOptions, build, default_out};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The folder holding portal.yaml (default: the current folder)
    pub dir: Option<PathBuf>,
    /// Output folder (default: DIR/public)
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

/// Exit code 0 when at least one district was read and the portal was
/// written, 1 otherwise.
pub fn run(args: Args) -> ExitCode {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    let out = args.output.unwrap_or_else(|| default_out(&dir));
    let report = match build(&PortalOptions {
        dir,
        out: out.clone(),
    }) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e:#}");
            eprintln!("portal failed; the previous output is untouched");
            return ExitCode::FAILURE;
        }
    };
    for (name, why) in &report.unreadable {
        eprintln!("warning: district {name}: data unavailable: {why}");
    }
    if report.read == 0 {
        eprintln!("error: no district could be read; nothing was written");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "built the portal of {} district(s) ({} marked missing) into {}: {} pages",
        report.read,
        report.unreadable.len(),
        out.display(),
        report.pages
    );
    ExitCode::SUCCESS
}
