//! `dangri serve`: build the site into memory, serve it over HTTP, rebuild
//! when a file changes and tell every open browser to reload. While the
//! content has errors the last good pages stay up, with the errors shown
//! over them and in the terminal.
//!
//! The build is synchronous (rayon); the async runtime lives only here, for
//! the HTTP server.

mod http;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use anyhow::{Context, Result};

use crate::build;
use crate::diag::{Diagnostics, Severity};
use crate::output::{Files, Output};

/// What `serve` needs to know.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
}

/// What the HTTP side reads: the last good build and the current problems.
#[derive(Default)]
pub struct State {
    pub files: RwLock<Files>,
    /// Problems of the last build, as `path:line:col: message` lines.
    pub errors: RwLock<Vec<String>>,
}

pub fn run(opts: Options) -> Result<()> {
    let listener = std::net::TcpListener::bind(SocketAddr::new(opts.bind, opts.port))
        .with_context(|| format!("cannot listen on {}:{}", opts.bind, opts.port))?;
    listener.set_nonblocking(true)?;
    let port = listener.local_addr()?.port();
    let lan = opts.bind.is_unspecified().then(lan_address).flatten();
    let host = match (opts.bind.is_unspecified(), lan) {
        (true, Some(ip)) => ip,
        (true, None) => IpAddr::from([127, 0, 0, 1]),
        (false, _) => opts.bind,
    };
    let base_url = format!("http://{}/", SocketAddr::new(host, port));
    let state = Arc::new(State::default());
    rebuild(&opts.root, &base_url, &state);
    println!(
        "serving {} at http://{}:{port}/ (Ctrl-C to stop)",
        opts.root.display(),
        display_host(opts.bind)
    );
    if let Some(ip) = lan {
        println!("on a phone in the same network, open http://{ip}:{port}/");
    }
    let layer = tower_livereload::LiveReloadLayer::new().custom_prefix(http::RELOAD_PREFIX);
    let reloader = layer.reloader();
    let watched = {
        let root = opts.root.clone();
        let state = state.clone();
        watch::watch(&opts.root, move || {
            rebuild(&root, &base_url, &state);
            reloader.reload();
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

fn display_host(bind: IpAddr) -> String {
    if bind.is_unspecified() {
        "127.0.0.1".into()
    } else {
        bind.to_string()
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

/// Builds the site into memory. On success the new pages replace the old;
/// on content errors the old pages stay and the errors are shown.
pub fn rebuild(root: &Path, base_url: &str, state: &State) {
    let started = Instant::now();
    let diags = Diagnostics::new();
    let mut failure = None;
    let mut files = None;
    if let Some((site, theme)) = build::load(root, false, Some(base_url), &diags)
        && !diags.has_errors()
    {
        let out = Output::memory();
        match build::write_site(&site, &theme, &out, &diags) {
            Ok(()) if !diags.has_errors() => files = Some(out.into_files()),
            Ok(()) => {}
            Err(e) => failure = Some(format!("error: {e:#}")),
        }
    }
    let diagnostics = diags.into_sorted();
    let mut errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    errors.extend(failure);
    for d in &diagnostics {
        eprintln!("{d}");
    }
    match files {
        Some(files) if errors.is_empty() => {
            let pages = files.len();
            *state.files.write().unwrap_or_else(|e| e.into_inner()) = files;
            eprintln!(
                "built {pages} files in {} ms",
                started.elapsed().as_millis()
            );
        }
        _ => eprintln!(
            "{} error(s): still serving the last good build",
            errors.len().max(1)
        ),
    }
    *state.errors.write().unwrap_or_else(|e| e.into_inner()) = errors;
}
