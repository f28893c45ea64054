//! `dangri export ledger [SITE] --branch B --year YYYY -o FILE.pdf`

use std::path::PathBuf;
use std::process::ExitCode;

use crate::diag::Diagnostics;
use crate::print::{self, LedgerJob};

#[derive(clap::Subcommand, Debug)]
pub enum Export {
    /// Print a branch's ledger (台账) of a year to PDF (needs a headless Chromium)
    Ledger(LedgerArgs),
}

#[derive(clap::Args, Debug)]
pub struct LedgerArgs {
    /// The site folder, the one holding content/ (default: the current folder)
    pub site: Option<PathBuf>,
    /// The branch: the name of its folder under content/branches/
    #[arg(long)]
    pub branch: String,
    /// The year of the ledger
    #[arg(long)]
    pub year: u16,
    /// The PDF file to write
    #[arg(short, long, value_name = "FILE.pdf")]
    pub output: PathBuf,
    /// The internal ledger: internal records and the names of members
    #[arg(long)]
    pub internal: bool,
}

pub fn run(export: Export) -> ExitCode {
    match export {
        Export::Ledger(args) => ledger(args),
    }
}

fn ledger(args: LedgerArgs) -> ExitCode {
    // Said before the site is read: nothing else can make a PDF.
    let Some(browser) = print::find_browser() else {
        eprintln!("error: {}", print::no_browser_message());
        return ExitCode::FAILURE;
    };
    let root = args.site.unwrap_or_else(|| PathBuf::from("."));
    let diags = Diagnostics::new();
    let job = LedgerJob {
        root: &root,
        branch: &args.branch,
        year: args.year,
        internal: args.internal,
        out: &args.output,
    };
    let result = print::ledger(&job, &browser, &diags);
    for d in diags.into_sorted() {
        eprintln!("{d}");
    }
    match result {
        Ok(true) => {
            eprintln!(
                "printed the {} ledger of {} for {} to {}{}",
                if args.internal { "internal" } else { "public" },
                args.branch,
                args.year,
                args.output.display(),
                if args.internal {
                    " (internal: member names, do not publish)"
                } else {
                    ""
                }
            );
            ExitCode::SUCCESS
        }
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
