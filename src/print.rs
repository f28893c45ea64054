//! Printing a page of the site to PDF with a headless Chromium, for
//! `dangri export ledger`: the site is built in memory with its links
//! pointing at a server on 127.0.0.1 that this process runs for the
//! browser, and Chromium prints the ledger's page as a reader's Ctrl+P
//! would (the theme's print stylesheet decides the paper: A4, a page per
//! month, page numbers).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use anyhow::{Context, Result, anyhow};

use crate::diag::{Diagnostics, Pos};
use crate::output::{Files, Output};

/// The names a Chromium goes by on PATH, in the order tried.
pub(crate) const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// What to install when no browser is found.
pub(crate) fn no_browser_message() -> String {
    format!(
        "printing the ledger to PDF needs a headless Chromium, and none is on PATH (looked for {}): install one (Debian or Ubuntu: `apt-get install chromium fonts-noto-cjk`; Fedora: `dnf install chromium google-noto-sans-cjk-fonts`; or Google Chrome) and run this again. Without it, build the site and print the ledger page from any browser (Ctrl+P, A4 portrait): it needs nothing else",
        BROWSERS.join(", ")
    )
}

/// The first browser of `BROWSERS` on PATH.
pub(crate) fn find_browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .flat_map(|dir| BROWSERS.iter().map(move |name| dir.join(name)))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}

/// What to print: a branch's ledger of a year.
pub(crate) struct LedgerJob<'a> {
    pub root: &'a Path,
    pub branch: &'a str,
    pub year: u16,
    pub internal: bool,
    pub out: &'a Path,
}

/// Prints the ledger to `job.out` with `browser`. Content problems go to
/// `diags` (and nothing is printed); `Err` for the rest.
pub(crate) fn ledger(job: &LedgerJob, browser: &Path, diags: &Diagnostics) -> Result<bool> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .context("cannot open a port on 127.0.0.1 for the browser")?;
    let port = listener.local_addr()?.port();
    let base = format!("http://127.0.0.1:{port}/");
    let Some((site, theme)) = crate::build::load(job.root, job.internal, Some(&base), diags) else {
        return Ok(false);
    };
    let Some(b) = site.branches.iter().position(|b| b.id == job.branch) else {
        let known: Vec<&str> = site.branches.iter().map(|b| b.id.as_str()).collect();
        diags.error(
            &format!("content/branches/{}", job.branch),
            Pos::START,
            crate::msg::Content::NoBranch {
                id: job.branch.to_string(),
                known: known.join(", "),
            },
        );
        return Ok(false);
    };
    let years = crate::ledger::years(&site, b);
    if !years.contains(&job.year) {
        let list: Vec<String> = years.iter().map(u16::to_string).collect();
        diags.error(
            &site.branches[b].src,
            Pos::START,
            crate::msg::Content::NoLedgerYear {
                id: job.branch.to_string(),
                year: job.year,
                years: list.join(", "),
            },
        );
        return Ok(false);
    }
    if diags.has_errors() {
        return Ok(false);
    }
    let out = Output::memory();
    if crate::build::write_site(&site, &theme, &out, diags)?.is_none() || diags.has_errors() {
        return Ok(false);
    }
    let files = Arc::new(out.into_files());
    std::thread::spawn(move || serve(listener, &files));
    let url = crate::urls::ledger(job.branch, job.year).absolute(&site.config);
    run_browser(browser, &url, job.out)?;
    Ok(true)
}

/// Prints `url` to `out` with a headless `browser`, in a profile of its own.
fn run_browser(browser: &Path, url: &str, out: &Path) -> Result<()> {
    let profile = std::env::temp_dir().join(format!("dangri-print-{}", std::process::id()));
    std::fs::create_dir_all(&profile)
        .with_context(|| format!("cannot create {}", profile.display()))?;
    let out_abs = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .context("cannot read the current folder")?
            .join(out)
    };
    // Printed anew: an old file must not pass for this one.
    if out_abs.exists() {
        std::fs::remove_file(&out_abs)
            .with_context(|| format!("cannot replace {}", out_abs.display()))?;
    }
    let result = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
            "--virtual-time-budget=20000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", out_abs.display()))
        .arg(url)
        .output()
        .with_context(|| format!("cannot run {}", browser.display()));
    // The profile is ours alone: a leftover is only a temporary folder.
    if let Err(e) = std::fs::remove_dir_all(&profile) {
        eprintln!("warning: cannot remove {}: {e}", profile.display());
    }
    let output = result?;
    let printed = std::fs::metadata(&out_abs).is_ok_and(|m| m.len() > 0);
    if !output.status.success() || !printed {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last: Vec<&str> = stderr.lines().rev().take(5).collect();
        return Err(anyhow!(
            "{} did not print {} ({}): {}",
            browser.display(),
            out_abs.display(),
            output.status,
            last.into_iter().rev().collect::<Vec<_>>().join(" | ")
        ));
    }
    Ok(())
}

/// Serves `files` to the browser until the process ends: GET only,
/// `index.html` for folders.
fn serve(listener: TcpListener, files: &Arc<Files>) {
    for stream in listener.incoming().flatten() {
        let files = Arc::clone(files);
        std::thread::spawn(move || {
            // A browser that hangs up early is no problem of the print.
            if let Err(e) = answer(stream, &files) {
                eprintln!("note: print server: {e}");
            }
        });
    }
}

fn answer(mut stream: TcpStream, files: &Files) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut rel = PathBuf::from(decoded.trim_start_matches('/'));
    if decoded.ends_with('/') {
        rel.push("index.html");
    }
    let (status, body, kind) = match files.get(&rel) {
        Some(bytes) => ("200 OK", bytes.as_slice(), content_type(&rel)),
        None => ("404 Not Found", &b"not found"[..], "text/plain"),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("jpg") | Some("jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        Some("xml") => "application/xml",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}
