//! Writing the output: render into a fresh folder beside the target, then
//! swap it in, so that a failed build leaves the last good site untouched.
//! dangri never deletes a folder it did not create: a non-empty target
//! without dangri's marker file is refused.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result, bail};

/// The file that marks a folder as dangri's output.
pub const MARKER: &str = ".dangri-output";

/// Where a build writes: a folder on disk (written aside, swapped in by
/// `finish`), memory (for `serve`) or nowhere (to time the work alone, in
/// `examples/bench_phases.rs`).
pub struct Output {
    sink: Sink,
}

enum Sink {
    Disk { target: PathBuf, staging: PathBuf },
    Memory(Mutex<BTreeMap<PathBuf, Vec<u8>>>),
    Discard,
}

/// The files of a build kept in memory, by path relative to the site root.
pub type Files = BTreeMap<PathBuf, Vec<u8>>;

impl Output {
    /// Checks `target` and creates the staging folder beside it.
    pub fn begin(target: &Path) -> Result<Output> {
        check_target(target)?;
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let staging = parent.join(format!(".{name}.dangri-staging"));
        if staging.exists() {
            // Left by an interrupted build: it is ours (it carries the marker).
            if staging.join(MARKER).exists() {
                fs::remove_dir_all(&staging)
                    .with_context(|| format!("cannot remove {}", staging.display()))?;
            } else {
                bail!(
                    "{} exists and was not made by dangri: move it away",
                    staging.display()
                );
            }
        }
        fs::create_dir_all(&staging)
            .with_context(|| format!("cannot create {}", staging.display()))?;
        fs::write(
            staging.join(MARKER),
            "This folder was written by dangri; a rebuild replaces it.\n",
        )
        .with_context(|| format!("cannot write in {}", staging.display()))?;
        Ok(Output {
            sink: Sink::Disk {
                target: target.to_path_buf(),
                staging,
            },
        })
    }

    /// An output kept in memory.
    pub fn memory() -> Output {
        Output {
            sink: Sink::Memory(Mutex::new(BTreeMap::new())),
        }
    }

    /// An output that drops what is written.
    pub fn discard() -> Output {
        Output {
            sink: Sink::Discard,
        }
    }

    /// Writes `bytes` to `rel` inside the output, creating folders.
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> Result<()> {
        let staging = match &self.sink {
            Sink::Disk { staging, .. } => staging,
            Sink::Memory(files) => {
                let mut files = files.lock().unwrap_or_else(|e| e.into_inner());
                files.insert(rel.to_path_buf(), bytes.to_vec());
                return Ok(());
            }
            Sink::Discard => return Ok(()),
        };
        let path = staging.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
    }

    /// Whether a file was written to `rel` already (never, when discarding).
    pub fn has(&self, rel: &Path) -> bool {
        match &self.sink {
            Sink::Disk { staging, .. } => staging.join(rel).exists(),
            Sink::Memory(files) => files
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains_key(rel),
            Sink::Discard => false,
        }
    }

    /// Copies the file at `from` to `rel` inside the output.
    pub fn copy(&self, from: &Path, rel: &Path) -> Result<()> {
        let staging = match &self.sink {
            Sink::Disk { staging, .. } => staging,
            Sink::Memory(_) => {
                let bytes =
                    fs::read(from).with_context(|| format!("cannot read {}", from.display()))?;
                return self.write(rel, &bytes);
            }
            Sink::Discard => return Ok(()),
        };
        let path = staging.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        fs::copy(from, &path)
            .with_context(|| format!("cannot copy {} to {}", from.display(), path.display()))?;
        Ok(())
    }

    /// Swaps the staging folder into place.
    pub fn finish(self) -> Result<()> {
        let Sink::Disk { target, staging } = self.sink else {
            return Ok(());
        };
        let old = staging.with_extension("old");
        if old.exists() {
            fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))?;
        }
        let had_target = target.exists();
        if had_target {
            fs::rename(&target, &old)
                .with_context(|| format!("cannot move {} aside", target.display()))?;
        }
        if let Err(e) = fs::rename(&staging, &target) {
            // Put the previous site back before reporting; say so if even
            // that fails, so that nobody looks for it in the wrong place.
            let restored = if had_target {
                fs::rename(&old, &target)
            } else {
                Ok(())
            };
            let mut context = format!("cannot move the new site to {}", target.display());
            if let Err(r) = restored {
                context.push_str(&format!(
                    "; the previous site stays in {} ({r})",
                    old.display()
                ));
            }
            return Err(e).context(context);
        }
        if had_target {
            remove_tree(&old).with_context(|| format!("cannot remove {}", old.display()))?;
        }
        Ok(())
    }

    /// Drops the staging folder after a failed build.
    pub fn abandon(self) {
        if let Sink::Disk { staging, .. } = self.sink
            && let Err(e) = fs::remove_dir_all(&staging)
        {
            eprintln!("warning: cannot remove {}: {e}", staging.display());
        }
    }

    /// The files written to a memory output (empty for a disk output).
    pub fn into_files(self) -> Files {
        match self.sink {
            Sink::Memory(files) => files.into_inner().unwrap_or_else(|e| e.into_inner()),
            Sink::Disk { .. } | Sink::Discard => Files::new(),
        }
    }
}

/// Removes a folder and everything in it, its top-level entries in
/// parallel: the previous output of a large site has 150,000 files.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|e| {
        if e.file_type()?.is_dir() {
            remove_tree(&e.path())
        } else {
            fs::remove_file(e.path())
        }
    })?;
    fs::remove_dir(dir)
}

/// Refuses a target that exists, is not empty and is not dangri's output.
fn check_target(target: &Path) -> Result<()> {
    let meta = match fs::metadata(target) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", target.display())),
    };
    if !meta.is_dir() {
        bail!(
            "{} is a file, not a folder: choose another output folder with -o",
            target.display()
        );
    }
    let mut entries =
        fs::read_dir(target).with_context(|| format!("cannot read {}", target.display()))?;
    if entries.next().is_none() || target.join(MARKER).exists() {
        return Ok(());
    }
    bail!(
        "{} is not empty and was not written by dangri: refusing to replace it (choose another folder with -o, or empty it yourself)",
        target.display()
    )
}
