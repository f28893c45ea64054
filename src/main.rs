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
        Command::Build(args) => {
            keep_freed_memory();
            no_huge_pages();
            cmd::build::run(args)
        }
        Command::Serve(args) => cmd::serve::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Report(report) => cmd::report::run(report),
        Command::New(new) => cmd::new::run(new),
    }
}

// The build allocates many short-lived strings on every thread; mimalloc
// serves that pattern much faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc 3's `mi_option_purge_delay`: the bindings of libmimalloc-sys
/// name only mimalloc 2's options, so the number is mimalloc 3's enum.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A build frees and allocates again hundreds of megabytes between its
/// phases. By default mimalloc gives freed memory back to the kernel a
/// second after it is freed, and the next phase takes the page faults (the
/// kernel zeroes every page again): about 1.5 s of system time on the
/// benchmark corpus. A build is short-lived, so it keeps what it freed. The
/// option is changed only from its default (1000 ms), so a renumbered
/// option or a user's `MIMALLOC_PURGE_DELAY` is left alone.
fn keep_freed_memory() {
    // SAFETY: plain option calls, made before any thread of ours starts.
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == 1000 {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, -1);
        }
    }
}

/// Transparent huge pages cost a build more than they give: mimalloc asks
/// for them on its arenas, and the kernel then zeroes a whole 2 MB page at
/// the first touch of memory a thread may use a few kilobytes of. On the
/// benchmark corpus that was about 1.3 s of system time and 55 MB of peak
/// memory. mimalloc's own switch (`MIMALLOC_ALLOW_THP=0`) is read only at
/// start-up, before `main`, so the build sets the same process flag itself,
/// unless the user chose with that variable.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches only
        // this process's flags; a failure leaves huge pages on, harmlessly.
        unsafe {
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
}
