//! `dangri build [SITE] [-o DIR] [--internal]`

use std::path::PathBuf;
use std::process::ExitCode;

use crate::build::{BuildOptions, build, default_out};
use crate::msg::Summary;

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
    keep_freed_memory();
    no_huge_pages();
    let root = args.site.unwrap_or_else(|| PathBuf::from("."));
    let out = args.output.unwrap_or_else(|| default_out(&root));
    let started = std::time::Instant::now();
    let report = build(&BuildOptions {
        root,
        out: out.clone(),
        internal: args.internal,
    });
    let lang = report.lang;
    for d in &report.diagnostics {
        eprintln!("{}", d.text(lang));
    }
    if let Some(e) = &report.failure {
        eprintln!("error: {}", crate::msg::failure(e, lang));
    }
    for note in &report.notes {
        eprintln!("warning: {}", note.text(lang));
    }
    let tally = crate::diag::tally(&report.diagnostics, report.read);
    let seconds = started.elapsed().as_secs_f64();
    let swapping = report
        .failure
        .as_ref()
        .and_then(|e| e.downcast_ref::<crate::msg::Command>())
        .is_some_and(|c| matches!(c, crate::msg::Command::SwapFailed { .. }));
    let summary = if report.ok() {
        Summary::Built {
            tally,
            seconds,
            out: out.display().to_string(),
            internal: args.internal,
            unchanged: report.unchanged,
        }
    } else if tally.errors > 0 {
        Summary::BuildFailed { tally }
    } else if swapping {
        // The error said where the previous and the new site are.
        Summary::BuildFailedSwapping
    } else {
        Summary::BuildFailedUntouched
    };
    eprintln!("{}", summary.text(lang));
    if report.ok() {
        return ExitCode::SUCCESS;
    }
    ExitCode::FAILURE
}

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
