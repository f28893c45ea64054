//! The least time a build's output can take to write: every file of a built
//! site is read into memory first (not timed), then written again under a
//! new folder the way `dangri build` writes (a folder made when needed, one
//! `write` per file, in parallel), and that is timed.
//!
//! Given the site's source as well, it first times the least time its input
//! takes to read: the walk, then every file read into memory in parallel,
//! as `dangri build` loads a site.
//!
//! ```sh
//! cargo run --release --example write_floor -- /dev/shm/corpus-out /dev/shm/floor-out [/dev/shm/corpus]
//! ```

#![allow(clippy::print_stdout, reason = "a tool that reports on stdout")]

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

fn files(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let bytes = std::fs::read(e.path()).ok()?;
            let rel = e.path().strip_prefix(root).ok()?.to_path_buf();
            Some((rel, bytes))
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(from), Some(to)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: write_floor BUILT_SITE NEW_FOLDER");
        std::process::exit(2);
    };
    let to = Path::new(to);
    if to.exists() {
        eprintln!("{} exists: choose a new folder", to.display());
        std::process::exit(2);
    }
    if let Some(source) = args.get(3) {
        let started = Instant::now();
        let paths: Vec<PathBuf> = walkdir::WalkDir::new(source)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        let bytes: usize = paths
            .par_iter()
            .map(|p| std::fs::read(p).map_or(0, |b| b.len()))
            .sum();
        println!(
            "read {} files, {} MB in {:.2} s",
            paths.len(),
            bytes / 1_000_000,
            started.elapsed().as_secs_f64()
        );
    }
    let all = files(Path::new(from));
    let bytes: usize = all.iter().map(|(_, b)| b.len()).sum();
    let started = Instant::now();
    let result: std::io::Result<()> = all.par_iter().try_for_each(|(rel, data)| {
        let path = to.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, data)
    });
    if let Err(e) = result {
        eprintln!("cannot write: {e}");
        std::process::exit(1);
    }
    println!(
        "wrote {} files, {} MB in {:.2} s",
        all.len(),
        bytes / 1_000_000,
        started.elapsed().as_secs_f64()
    );
}
