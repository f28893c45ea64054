//! The least time a build's output can take to write: every file of a built
//! site is read into memory first (not timed), then written again under a
//! new folder the way `dangri build` writes (a folder made when needed, one
//! `write` per file, in parallel), and that is timed.
//!
//! ```sh
//! cargo run --release --example write_floor -- /dev/shm/corpus-out /dev/shm/floor-out
//! ```

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
