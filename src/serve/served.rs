//! The folder `serve` serves: built aside and swapped in like `dangri
//! build`'s output (so a full rebuild links the unchanged files from the
//! last one), then updated file by file. Each update writes a file beside
//! its place and renames it over the old one: a browser reads the old page
//! or the new one, never half of one.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};

use super::live::Update;
use crate::msg::Command;
use crate::output::Output;

pub(super) struct Served {
    dir: PathBuf,
    /// Held while this `serve` runs: a folder whose lock can be taken is a
    /// leftover of a `serve` that stopped, and the next one removes it.
    _lock: Option<fs::File>,
    /// A build is in place.
    built: AtomicBool,
}

impl Served {
    /// The folder `name` in `cache` (`.dangri-cache/serve/`), locked for
    /// this process. The folders of `serve`s that stopped (Ctrl-C leaves
    /// them) are removed first; those of running ones are left alone.
    pub(super) fn open(cache: &Path, name: &str) -> Result<Served> {
        fs::create_dir_all(cache).with_context(|| format!("cannot create {}", cache.display()))?;
        clear_stopped(cache, name);
        let lock_path = cache.join(format!("{name}.lock"));
        let lock = fs::File::create(&lock_path)
            .with_context(|| format!("cannot create {}", lock_path.display()))?;
        // Another `serve` on this port cannot be: the port is ours.
        let _ = lock.try_lock();
        Ok(Served {
            _lock: Some(lock),
            ..Served::new(cache.join(name))
        })
    }

    pub(super) fn new(dir: PathBuf) -> Served {
        Served {
            dir,
            _lock: None,
            built: AtomicBool::new(false),
        }
    }

    /// Starts a full build beside the folder.
    pub(super) fn begin(&self, root: &Path) -> Result<Output> {
        let protected = ["content", "templates", "themes"].map(|f| root.join(f));
        Output::begin(&self.dir, &protected)
    }

    /// Puts a full build in place; what the user should know though it
    /// worked comes back as notes.
    pub(super) fn finish(&self, out: Output) -> Result<Vec<Command>> {
        let finished = out.finish()?;
        self.built.store(true, Ordering::SeqCst);
        Ok(finished.notes)
    }

    pub(super) fn built(&self) -> bool {
        self.built.load(Ordering::SeqCst)
    }

    /// The bytes of the file at `rel` (a URL path without its leading
    /// slash, decoded); `None` for a folder, a missing file, or a path that
    /// would leave the folder.
    pub(super) fn read(&self, rel: &str) -> Option<Vec<u8>> {
        if !self.built() {
            return None;
        }
        let rel = Path::new(rel);
        let inside = rel.components().all(|c| matches!(c, Component::Normal(_)));
        if !inside || rel.as_os_str().is_empty() {
            return None;
        }
        let path = self.dir.join(rel);
        fs::symlink_metadata(&path)
            .ok()
            .filter(fs::Metadata::is_file)?;
        fs::read(path).ok()
    }

    /// Applies the pages a change rendered.
    pub(super) fn apply(&self, update: Update) -> Result<()> {
        let written: BTreeSet<&Path> = update.written.keys().map(PathBuf::as_path).collect();
        for prefix in &update.stale_prefixes {
            self.remove_prefixed(prefix, &written)
                .with_context(|| format!("cannot remove {prefix}… in {}", self.dir.display()))?;
        }
        for rel in &update.stale {
            if !written.contains(rel.as_path()) {
                remove(&self.dir.join(rel))
                    .with_context(|| format!("cannot remove {}", rel.display()))?;
            }
        }
        for (rel, bytes) in &update.written {
            replace(&self.dir.join(rel), bytes)
                .with_context(|| format!("cannot write {}", rel.display()))?;
        }
        Ok(())
    }

    /// Removes every file whose path starts with `prefix` (`search/s/`: a
    /// folder; `sitemap-`: names in a folder), except those about to be
    /// written.
    fn remove_prefixed(&self, prefix: &str, keep: &BTreeSet<&Path>) -> io::Result<()> {
        let (folder, start) = prefix
            .rsplit_once(['/', std::path::MAIN_SEPARATOR])
            .unwrap_or(("", prefix));
        let base = self.dir.join(folder);
        let entries = match fs::read_dir(&base) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            if entry.file_name().to_string_lossy().starts_with(start) {
                remove_except(&self.dir, &entry.path(), keep)?;
            }
        }
        Ok(())
    }
}

/// Removes what `serve`s that stopped left in `cache`: each folder, its
/// build-aside folders and its lock, when the lock can be taken. `ours` is
/// the folder about to be used (rebuilt over, keeping unchanged files).
fn clear_stopped(cache: &Path, ours: &str) {
    let Ok(entries) = fs::read_dir(cache) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(name) = file.strip_suffix(".lock") else {
            continue;
        };
        if name == ours {
            continue;
        }
        let stopped = fs::File::open(entry.path()).is_ok_and(|f| f.try_lock().is_ok());
        if stopped {
            for folder in [
                name.to_string(),
                format!(".{name}.dangri-staging"),
                format!(".{name}.dangri-old"),
            ] {
                let _ = fs::remove_dir_all(cache.join(folder));
            }
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Removes the file or folder at `path`, keeping the files in `keep`
/// (relative to `dir`).
fn remove_except(dir: &Path, path: &Path, keep: &BTreeSet<&Path>) -> io::Result<()> {
    if fs::symlink_metadata(path)?.is_dir() {
        for entry in fs::read_dir(path)? {
            remove_except(dir, &entry?.path(), keep)?;
        }
        Ok(())
    } else {
        match path.strip_prefix(dir) {
            Ok(rel) if keep.contains(rel) => Ok(()),
            _ => remove(path),
        }
    }
}

fn remove(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Writes `bytes` beside `path`, then renames them over it.
fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.dangri-tmp"));
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_outside_the_folder_is_read() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("served");
        fs::create_dir_all(dir.join("a")).unwrap();
        fs::write(dir.join("a/index.html"), "page").unwrap();
        fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        let served = Served::new(dir);
        served.built.store(true, Ordering::SeqCst);
        assert_eq!(served.read("a/index.html").as_deref(), Some(&b"page"[..]));
        for bad in [
            "../secret.txt",
            "a/../../secret.txt",
            "/etc/passwd",
            "a",
            "",
            "./a/index.html",
        ] {
            assert_eq!(served.read(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_folders_of_stopped_serves_are_removed_not_those_of_running_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = tmp.path().join("serve");
        fs::create_dir_all(cache.join("1111/a")).unwrap();
        fs::create_dir_all(cache.join(".1111.dangri-staging")).unwrap();
        fs::write(cache.join("1111.lock"), "").unwrap();
        let running = Served::open(&cache, "2222").unwrap();
        fs::create_dir_all(cache.join("2222/b")).unwrap();
        assert!(!cache.join("1111").exists(), "a stopped serve's folder");
        assert!(!cache.join(".1111.dangri-staging").exists());
        assert!(!cache.join("1111.lock").exists());

        let _other = Served::open(&cache, "3333").unwrap();
        assert!(cache.join("2222/b").exists(), "a running serve's folder");
        drop(running);
        let _again = Served::open(&cache, "4444").unwrap();
        assert!(!cache.join("2222").exists(), "stopped since");
    }

    #[test]
    fn an_update_writes_removes_and_keeps() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        for f in [
            "sitemap-1.xml",
            "sitemap-2.xml",
            "search/s/1.json",
            "search/s/2.json",
            "keep.html",
        ] {
            fs::create_dir_all(dir.join(f).parent().unwrap()).unwrap();
            fs::write(dir.join(f), "old").unwrap();
        }
        let served = Served::new(dir.clone());
        let mut update = Update::default();
        update
            .written
            .insert(PathBuf::from("sitemap-1.xml"), b"new".to_vec());
        update
            .written
            .insert(PathBuf::from("search/s/2.json"), b"new".to_vec());
        update.stale_prefixes = vec!["sitemap-".into(), "search/s/".into()];
        update.stale = vec![PathBuf::from("gone.html")];
        served.apply(update).unwrap();
        assert_eq!(
            fs::read_to_string(dir.join("sitemap-1.xml")).unwrap(),
            "new"
        );
        assert!(!dir.join("sitemap-2.xml").exists());
        assert!(!dir.join("search/s/1.json").exists());
        assert_eq!(
            fs::read_to_string(dir.join("search/s/2.json")).unwrap(),
            "new"
        );
        assert_eq!(fs::read_to_string(dir.join("keep.html")).unwrap(), "old");
    }
}
