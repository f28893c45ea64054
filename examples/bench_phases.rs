//! The compute of a build's phases without its I/O: loads a site once, then
//! renders each kind of page of the catalogue (the LED shows and the search
//! index among them) into an output that drops what is written, several
//! times, and prints each kind's fastest and median time. Run it with `RAYON_NUM_THREADS=1` to compare
//! CPU time between commits with less noise than whole builds give, and
//! with mimalloc set as the `dangri build` process sets it (freed memory
//! kept, no transparent huge pages; the binary does that in `main`).
//!
//! ```sh
//! export MIMALLOC_PURGE_DELAY=-1 MIMALLOC_ALLOW_THP=0
//! RAYON_NUM_THREADS=1 cargo run --release --example bench_phases -- /dev/shm/corpus 5
//! RAYON_NUM_THREADS=1 cargo run --release --example bench_phases -- /dev/shm/corpus 5 "search index"
//! ```
//!
//! Names after the number of rounds pick kinds (`record`, `led`, `search
//! index`, …: `catalogue::KINDS`), for a profiler.

#![allow(clippy::print_stdout, reason = "a tool that reports on stdout")]

use std::path::PathBuf;
use std::time::Instant;

use dangri::catalogue::{KINDS, PageKind, render_kind};
use dangri::diag::Diagnostics;
use dangri::output::Output;
use dangri::photos::PhotoSizes;
use dangri::render::Renderer;

// As in the `dangri` binary: the allocator is part of what is measured.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5).max(1);
    let diags = Diagnostics::new();
    let began = Instant::now();
    let Some((site, theme)) = dangri::build::load(&root, false, None, &diags) else {
        anyhow::bail!("{} does not load", root.display());
    };
    if diags.has_errors() {
        anyhow::bail!("{} has errors: run dangri check", root.display());
    }
    println!("load {:.3} s", began.elapsed().as_secs_f64());
    let out = Output::discard();
    let sizes = PhotoSizes::default();
    let Some(r) = Renderer::new(&site, &theme, &sizes, &out, &diags) else {
        anyhow::bail!("the theme does not load");
    };
    let picked: Vec<String> = args.collect();
    let phases: Vec<&PageKind> = KINDS
        .iter()
        .filter(|k| picked.is_empty() || picked.iter().any(|p| p == k.name))
        .collect();
    let mut times = vec![Vec::new(); phases.len()];
    for _ in 0..rounds {
        for (kind, times) in phases.iter().zip(&mut times) {
            let t = Instant::now();
            render_kind(&r, kind)?;
            times.push(t.elapsed().as_secs_f64());
        }
    }
    for (kind, mut times) in phases.iter().zip(times) {
        let name = kind.name;
        times.sort_by(f64::total_cmp);
        println!(
            "{name:>16}: fastest {:.3} s, median {:.3} s of {rounds}",
            times[0],
            times[times.len() / 2]
        );
    }
    Ok(())
}
