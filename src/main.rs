//! The `dangri` command line: parse, dispatch, map the result to an exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use dangri::build::{BuildOptions, build, default_out};

#[derive(Parser)]
#[command(
    name = "dangri",
    version,
    about = "Static site generator for the activity records of Party branches (党日)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into DIR (default: SITE/public)
    Build {
        /// The site folder, the one holding content/ (default: the current folder)
        site: Option<PathBuf>,
        /// Output folder
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Include internal records and member names; every page is marked noindex
        #[arg(long)]
        internal: bool,
        /// Worker threads (default: one per core)
        #[arg(short, long)]
        jobs: Option<usize>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            site,
            output,
            internal,
            jobs,
        } => {
            if let Some(n) = jobs
                && let Err(e) = rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build_global()
            {
                eprintln!("error: cannot start {n} threads: {e}");
                return ExitCode::from(2);
            }
            let root = site.unwrap_or_else(|| PathBuf::from("."));
            let out = output.unwrap_or_else(|| default_out(&root));
            let started = std::time::Instant::now();
            let report = build(&BuildOptions {
                root,
                out: out.clone(),
                internal,
            });
            for d in &report.diagnostics {
                eprintln!("{d}");
            }
            if let Some(e) = &report.failure {
                eprintln!("error: {e:#}");
            }
            if report.ok() {
                eprintln!(
                    "built {} records into {} in {:.2} s{}",
                    report.pages,
                    out.display(),
                    started.elapsed().as_secs_f64(),
                    if internal {
                        " (internal build: do not publish)"
                    } else {
                        ""
                    }
                );
                ExitCode::SUCCESS
            } else {
                let errors = report
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == dangri::diag::Severity::Error)
                    .count();
                if errors > 0 {
                    eprintln!("build failed: {errors} error(s); nothing was written");
                } else {
                    eprintln!("build failed; the previous output is untouched");
                }
                ExitCode::FAILURE
            }
        }
    }
}
