//! The listing of an output folder: every file with its size, modification
//! time and inode, folded into one digest. A build records the digest of
//! the site it put in place; the next build lists the folder again and,
//! when nothing changed in the site's sources either, leaves it alone. A
//! file added, removed, rewritten or replaced since changes the digest
//! (writing a file changes its modification time, replacing it its inode).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

/// What identifies one state of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: i128,
    inode: u64,
}

impl Stamp {
    pub(super) fn of(meta: &fs::Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stamp {
                len: meta.len(),
                modified: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
                inode: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128);
            Stamp {
                len: meta.len(),
                modified,
                inode: 0,
            }
        }
    }
}

/// The digest of files and their stamps, in the order given (sorted by
/// path, as a `BTreeMap<PathBuf, _>` iterates).
pub(super) fn digest<'a>(files: impl Iterator<Item = (&'a PathBuf, &'a Stamp)>) -> u128 {
    let mut h = Xxh3::new();
    for (rel, stamp) in files {
        for part in rel.components() {
            h.update(part.as_os_str().as_encoded_bytes());
            h.update(b"/");
        }
        h.update(b"\0");
        h.update(&stamp.len.to_le_bytes());
        h.update(&stamp.modified.to_le_bytes());
        h.update(&stamp.inode.to_le_bytes());
    }
    h.digest128()
}

/// The digest of the files under `target` now, folders walked in parallel.
pub fn listing(target: &Path) -> io::Result<u128> {
    let found = Mutex::new(Vec::new());
    walk(target, Path::new(""), &found)?;
    let mut files = found.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_unstable_by(|a: &(PathBuf, Stamp), b| a.0.cmp(&b.0));
    Ok(digest(files.iter().map(|(p, s)| (p, s))))
}

fn walk(dir: &Path, rel: &Path, found: &Mutex<Vec<(PathBuf, Stamp)>>) -> io::Result<()> {
    let entries = fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|entry| {
        let rel = rel.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            walk(&entry.path(), &rel, found)
        } else {
            let stamp = Stamp::of(&entry.metadata()?);
            found
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((rel, stamp));
            Ok(())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(dir: &Path) {
        fs::create_dir_all(dir.join("a/b")).unwrap();
        fs::write(dir.join("index.html"), "home").unwrap();
        fs::write(dir.join("a/b/index.html"), "page").unwrap();
    }

    #[test]
    fn the_listing_changes_with_any_file_and_only_then() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        site(dir);
        let first = listing(dir).unwrap();
        assert_eq!(listing(dir).unwrap(), first, "nothing changed");

        fs::write(dir.join("a/extra.html"), "x").unwrap();
        let added = listing(dir).unwrap();
        assert_ne!(added, first, "a file added");

        fs::remove_file(dir.join("a/extra.html")).unwrap();
        assert_eq!(listing(dir).unwrap(), first, "and removed again");

        fs::remove_file(dir.join("a/b/index.html")).unwrap();
        assert_ne!(listing(dir).unwrap(), first, "a file removed");
        fs::write(dir.join("a/b/index.html"), "page").unwrap();
        assert_ne!(
            listing(dir).unwrap(),
            first,
            "a file written again with the same bytes is another file"
        );
    }

    #[test]
    fn the_digest_of_recorded_stamps_is_the_listing() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        site(dir);
        let recorded: std::collections::BTreeMap<PathBuf, Stamp> = ["index.html", "a/b/index.html"]
            .iter()
            .map(|rel| {
                let meta = fs::symlink_metadata(dir.join(rel)).unwrap();
                (PathBuf::from(rel), Stamp::of(&meta))
            })
            .collect();
        assert_eq!(digest(recorded.iter()), listing(dir).unwrap());
    }
}
