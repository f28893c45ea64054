//! The `dangri` command line: parse, dispatch, map the result to an exit code.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use dangri::cmd;

#[derive(Parser)]
#[command(
    name = "dangri",
    version,
    about = "Static site generator for the activity records of Party branches (党日)"
)]
struct Cli {
    /// Worker threads (default: one per core)
    #[arg(short, long, global = true)]
    jobs: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into DIR (default: SITE/public)
    Build(cmd::build::Args),
    /// Serve the site, rebuild on every change and reload the browser
    Serve(cmd::serve::Args),
    /// Validate everything a build would, and more; write nothing
    Check(cmd::check::Args),
    /// Print a supervision report: five-things bulletin, attendance, lectures
    #[command(subcommand)]
    Report(cmd::report::Report),
    /// Scaffold a branch, a month or a record
    #[command(subcommand)]
    New(cmd::new::New),
    /// Export files for elsewhere: LED pictures for a USB stick, a branch's ledger (台账) as PDF
    #[command(subcommand)]
    Export(cmd::export::Export),
    /// Build a city or province portal from many districts' /data/ exports (portal.yaml)
    Portal(cmd::portal::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(n) = cli.jobs
        && let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
    {
        eprintln!("error: cannot start {n} threads: {e}");
        return ExitCode::from(2);
    }
    match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Report(report) => cmd::report::run(report),
        Command::New(new) => cmd::new::run(new),
        Command::Export(export) => cmd::export::run(export),
        Command::Portal(args) => cmd::portal::run(args),
    }
}

// The build allocates many short-lived strings on every thread; mimalloc
// serves that pattern much faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
