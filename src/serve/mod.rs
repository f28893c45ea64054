//! `dangri serve`: build the site into a folder of the site's cache
//! (`.dangri-cache/serve/<port>/`), serve it over HTTP, update the pages a
//! changed file shows and tell every open browser to reload. While the
//! content has errors the last good pages stay up, with the errors shown
//! over them and in the terminal. The pages are on disk, not in memory:
//! the process keeps only the site's model (issue 20: a district's site is
//! 1.7 GB of pages).
//!
//! The build is synchronous (rayon); the async runtime lives only here, for
//! the HTTP server.

mod http;
pub mod live;
mod served;
mod watch;

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use anyhow::{Context, Result};

use crate::diag::{Diagnostics, Severity};
use crate::msg::{Command, Lang, Summary, Tally};
use live::Live;
use served::Served;

/// What `serve` needs to know.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
}

/// What the HTTP side reads (the last good build and the current problems)
/// and what the watcher keeps between changes.
pub struct State {
    /// The folder of the last good build.
    served: Served,
    /// Problems of the last build, as `path:line:col: message` lines.
    pub errors: RwLock<Vec<String>>,
    /// The site's language, for the words around the problems.
    pub lang: RwLock<Lang>,
    /// The built site; `None` until a build succeeds.
    live: Mutex<Option<Live>>,
    /// The last full build failed: the next change builds everything.
    full_owed: AtomicBool,
    /// Changed files not yet applied because of errors: retried with the
    /// next change.
    pending: Mutex<BTreeSet<PathBuf>>,
    /// Some served pages (the search index, the data export, the places)
    /// are older than the site: rendered when a request asks for them.
    deferred: AtomicBool,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[expect(
    clippy::print_stdout,
    reason = "serve tells on stdout where it listens"
)]
pub fn run(mut opts: Options) -> Result<()> {
    // The watcher reports absolute paths: the site's root must be one too
    // for changed files to be recognised (`serve` in the site's folder
    // gives `.`).
    opts.root = std::fs::canonicalize(&opts.root)
        .with_context(|| format!("cannot open the site folder {}", opts.root.display()))?;
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = std::net::TcpListener::bind(addr).map_err(|e| {
        let addr = addr.to_string();
        let msg = if e.kind() == std::io::ErrorKind::AddrInUse {
            Command::PortInUse {
                addr,
                next: opts.port.wrapping_add(1).max(1024),
            }
        } else {
            Command::CannotListen {
                addr,
                error: e.to_string(),
            }
        };
        anyhow::anyhow!(msg.text(crate::config::language_of(&opts.root)))
    })?;
    listener.set_nonblocking(true)?;
    let port = listener.local_addr()?.port();
    let lan = opts.bind.is_unspecified().then(lan_address).flatten();
    let host = match (opts.bind.is_unspecified(), lan) {
        (true, Some(ip)) => ip,
        (true, None) => IpAddr::from([127, 0, 0, 1]),
        (false, _) => opts.bind,
    };
    let base_url = format!("http://{}/", SocketAddr::new(host, port));
    let cache = opts.root.join(".dangri-cache").join("serve");
    let state = Arc::new(State {
        served: Served::open(&cache, &port.to_string())?,
        errors: RwLock::default(),
        lang: RwLock::default(),
        live: Mutex::default(),
        full_owed: AtomicBool::default(),
        pending: Mutex::default(),
        deferred: AtomicBool::default(),
    });
    rebuild(&opts.root, &base_url, &state);
    let lang = crate::config::language_of(&opts.root);
    let serving = Command::Serving {
        root: opts.root.display().to_string(),
        url: format!("http://{}/", SocketAddr::new(display_host(opts.bind), port)),
    };
    println!("{}", serving.text(lang));
    if let Some(ip) = lan {
        let url = format!("http://{ip}:{port}/");
        println!("{}", Command::OnAPhone { url }.text(lang));
    }
    let layer = tower_livereload::LiveReloadLayer::new().custom_prefix(http::RELOAD_PREFIX);
    let reloader = layer.reloader();
    let watched = {
        let root = opts.root.clone();
        let state = state.clone();
        watch::watch(&opts.root, move |paths| {
            if changed(&root, &base_url, &state, paths) {
                reloader.reload();
            }
        })?
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the HTTP server")?;
    let result = runtime.block_on(http::serve(listener, state, layer));
    drop(watched);
    result
}

/// The address to open in a browser on this machine (an IPv6 one is
/// written in brackets when joined with the port: `http://[::1]:8080/`).
fn display_host(bind: IpAddr) -> IpAddr {
    if bind.is_unspecified() {
        IpAddr::from([127, 0, 0, 1])
    } else {
        bind
    }
}

/// The machine's address in the local network, for phones.
fn lan_address() -> Option<IpAddr> {
    let mut addrs: Vec<IpAddr> = if_addrs::get_if_addrs()
        .ok()?
        .into_iter()
        .filter(|i| !i.is_loopback())
        .map(|i| i.ip())
        .filter(IpAddr::is_ipv4)
        .collect();
    addrs.sort();
    addrs.into_iter().next()
}

/// Builds the whole site aside, then swaps it in. On success the new pages
/// replace the old; on content errors the old pages stay and the errors are
/// shown.
pub fn rebuild(root: &Path, base_url: &str, state: &State) {
    let started = Instant::now();
    let diags = Diagnostics::new();
    let mut live = lock(&state.live);
    let mut read = Tally::default();
    let mut notes = Vec::new();
    let built = state.served.begin(root).and_then(|out| {
        let (new, r) = Live::build_into(root, base_url, &diags, &out);
        read = r;
        match new {
            Ok(Some(new)) if !diags.has_errors() => {
                notes = state.served.finish(out)?;
                Ok(Some(new))
            }
            other => {
                notes.extend(out.abandon());
                other
            }
        }
    });
    let lang = diags.language();
    for note in &notes {
        eprintln!("warning: {}", note.text(lang));
    }
    let failure = built
        .as_ref()
        .err()
        .map(|e| format!("error: {}", crate::msg::failure(e, lang)));
    let (errors, tally) = report(diags, failure, read);
    match built {
        Ok(Some(new)) if errors.is_empty() => {
            *live = Some(new);
            lock(&state.pending).clear();
            state.full_owed.store(false, Ordering::SeqCst);
            state.deferred.store(false, Ordering::SeqCst);
            let seconds = started.elapsed().as_secs_f64();
            eprintln!("{}", Summary::Served { tally, seconds }.text(lang));
        }
        _ => {
            state.full_owed.store(true, Ordering::SeqCst);
            let built = state.served.built();
            eprintln!("{}", Summary::ServeFailed { tally, built }.text(lang));
        }
    }
    *state.lang.write().unwrap_or_else(|e| e.into_inner()) = lang;
    *state.errors.write().unwrap_or_else(|e| e.into_inner()) = errors;
}

/// Applies changed files: the pages that show a changed record, or the
/// whole site when the change needs it (see `live`). Returns whether open
/// pages should reload.
pub fn changed(root: &Path, base_url: &str, state: &State, paths: Vec<PathBuf>) -> bool {
    let started = Instant::now();
    let mut live = lock(&state.live);
    let mut pending = lock(&state.pending);
    pending.extend(paths);
    let paths: Vec<PathBuf> = pending.iter().cloned().collect();
    let diags = Diagnostics::new();
    let result = match live.as_mut() {
        Some(l) if !state.full_owed.load(Ordering::SeqCst) => l.apply(&paths, &diags),
        _ => Ok(None),
    };
    let update = match result {
        Ok(Some(update)) => update,
        Ok(None) => {
            drop(pending);
            drop(live);
            rebuild(root, base_url, state);
            return true;
        }
        Err(e) => {
            // Rendering failed after the model changed: the pages no
            // longer follow from it. The next change builds everything.
            state.full_owed.store(true, Ordering::SeqCst);
            let lang = diags.language();
            let failure = format!("error: {}", crate::msg::failure(&e, lang));
            let (errors, _) = report(diags, Some(failure), Tally::default());
            *state.lang.write().unwrap_or_else(|e| e.into_inner()) = lang;
            *state.errors.write().unwrap_or_else(|e| e.into_inner()) = errors;
            return true;
        }
    };
    let lang = diags.language();
    let (errors, _) = report(diags, None, Tally::default());
    let had_errors = !state
        .errors
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .is_empty();
    let reload = update.pages > 0 || had_errors || !errors.is_empty();
    if errors.is_empty() {
        pending.clear();
        if update.deferred {
            state.deferred.store(true, Ordering::SeqCst);
        }
        let pages = update.pages;
        if pages > 0 {
            if let Err(e) = state.served.apply(update) {
                // The folder no longer follows the model: build it again.
                let error = format!("{e:#}");
                eprintln!("error: {}", Command::ServedNotUpdated { error }.text(lang));
                drop(pending);
                drop(live);
                rebuild(root, base_url, state);
                return true;
            }
            let seconds = started.elapsed().as_secs_f64();
            eprintln!("{}", Summary::Updated { pages, seconds }.text(lang));
        }
    } else {
        let errors = errors.len();
        eprintln!("{}", Summary::ChangeFailed { errors }.text(lang));
    }
    *state.lang.write().unwrap_or_else(|e| e.into_inner()) = lang;
    *state.errors.write().unwrap_or_else(|e| e.into_inner()) = errors;
    reload
}

/// Renders the pages left until asked for, if the site changed since.
pub fn refresh_deferred(state: &State) {
    let mut live = lock(&state.live);
    if !state.deferred.load(Ordering::SeqCst) {
        return;
    }
    let Some(l) = live.as_mut() else { return };
    let failed = match l.deferred() {
        Ok(update) => match state.served.apply(update) {
            Ok(()) => {
                state.deferred.store(false, Ordering::SeqCst);
                return;
            }
            Err(e) => e,
        },
        Err(e) => e,
    };
    let lang = *state.lang.read().unwrap_or_else(|e| e.into_inner());
    let error = format!("{failed:#}");
    eprintln!(
        "error: {}",
        Command::DeferredNotUpdated { error }.text(lang)
    );
}

/// Prints every problem, in the site's language, and returns the errors as
/// lines for the overlay, with `read` counted.
fn report(diags: Diagnostics, failure: Option<String>, read: Tally) -> (Vec<String>, Tally) {
    let lang = diags.language();
    let diagnostics = diags.into_sorted();
    for d in &diagnostics {
        eprintln!("{}", d.text(lang));
    }
    let mut errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.text(lang))
        .collect();
    let mut tally = crate::diag::tally(&diagnostics, read);
    if let Some(f) = failure {
        eprintln!("{f}");
        errors.push(f);
        tally.errors = tally.errors.max(1);
    }
    (errors, tally)
}
