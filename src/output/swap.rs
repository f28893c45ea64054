//! Putting a finished site in place of the previous one, and clearing up
//! after earlier builds, without ever deleting a folder dangri did not write.
//!
//! The new site is written into a staging folder beside the target and
//! swapped in at the end. On Linux the swap is one `renameat2` call with
//! `RENAME_EXCHANGE`: a web server sees the old site or the new one, never
//! nothing. Elsewhere (or on a file system without the exchange) it is two
//! renames, and a kill between them leaves the old site in
//! `.<name>.dangri-old`, which the next build clears. A target that cannot
//! be renamed (a mount point) is updated in place instead, file by file.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::MARKER;
use crate::msg::Command;

/// The folders beside the target that a build uses, all named after it.
#[derive(Debug, Clone)]
pub(super) struct Aside {
    pub parent: PathBuf,
    pub name: String,
}

impl Aside {
    pub(super) fn of(target: &Path) -> Aside {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        Aside { parent, name }
    }

    pub(super) fn staging(&self) -> PathBuf {
        self.parent.join(format!(".{}.dangri-staging", self.name))
    }

    /// Where the previous site waits between the two renames of a swap
    /// without `RENAME_EXCHANGE`.
    pub(super) fn old(&self) -> PathBuf {
        self.parent.join(format!(".{}.dangri-old", self.name))
    }

    /// A free name for a leftover that could not be removed.
    fn trash(&self) -> PathBuf {
        (1..)
            .map(|n| self.parent.join(format!(".{}.dangri-trash-{n}", self.name)))
            .find(|p| fs::symlink_metadata(p).is_err())
            .unwrap_or_else(|| self.parent.join(format!(".{}.dangri-trash", self.name)))
    }

    /// Leftovers moved aside by earlier builds.
    fn trashes(&self) -> Vec<PathBuf> {
        let prefix = format!(".{}.dangri-trash", self.name);
        let Ok(entries) = fs::read_dir(&self.parent) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .map(|e| e.path())
            .collect();
        found.sort();
        found
    }
}

/// Whether `dir` carries dangri's marker, so that it may be deleted.
pub(super) fn is_ours(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// Clears what an interrupted or half-failed build left at `path`: it must
/// be dangri's (else the build is refused before anything is written). A
/// leftover that cannot be removed (a folder owned by another user) is
/// moved out of the way, and the note says where.
pub(super) fn clear_leftover(aside: &Aside, path: &Path, notes: &mut Vec<Command>) -> Result<()> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        Ok(m) if m.is_dir() && is_ours(path) => {}
        Ok(_) => {
            return Err(Command::LeftoverNotOurs {
                path: path.display().to_string(),
            }
            .into());
        }
    }
    if let Err(e) = remove_output(path) {
        let trash = aside.trash();
        fs::rename(path, &trash).with_context(|| {
            format!(
                "cannot remove {}, left by an earlier build ({e}), nor move it aside: remove it yourself",
                path.display()
            )
        })?;
        notes.push(Command::NoteMovedAside {
            path: path.display().to_string(),
            error: e.to_string(),
            trash: trash.display().to_string(),
        });
    }
    Ok(())
}

/// Tries once more to remove what earlier builds moved aside.
pub(super) fn clear_trash(aside: &Aside, notes: &mut Vec<Command>) {
    for trash in aside.trashes() {
        if is_ours(&trash)
            && let Err(e) = remove_output(&trash)
        {
            notes.push(Command::NoteTrashNotRemoved {
                trash: trash.display().to_string(),
                error: e.to_string(),
            });
        }
    }
}

/// Removes an output folder of dangri's with its marker last, so that a
/// removal that fails halfway leaves a folder still known to be dangri's.
pub(super) fn remove_output(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries
        .par_iter()
        .filter(|e| e.file_name() != MARKER)
        .try_for_each(|e| remove_any(&e.path()))?;
    fs::remove_file(dir.join(MARKER))?;
    fs::remove_dir(dir)
}

/// Removes a file, a symbolic link or a folder with everything in it (the
/// previous output of a large site has 150,000 files: in parallel).
pub(super) fn remove_any(path: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    if !fs::symlink_metadata(path)?.is_dir() {
        return fs::remove_file(path);
    }
    let entries: Vec<fs::DirEntry> = fs::read_dir(path)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|e| remove_any(&e.path()))?;
    fs::remove_dir(path)
}

/// How a finished site went in.
pub(super) enum Swapped {
    /// The two folders traded places in one step: `staging` holds the
    /// previous site.
    Exchanged,
    /// The exchange is not available here: swap with two renames.
    Unsupported,
    /// The target cannot be renamed (a mount point): update it in place.
    Immovable,
}

/// Exchanges `staging` and `target` in one step where the platform can.
pub(super) fn exchange(staging: &Path, target: &Path) -> io::Result<Swapped> {
    match rename_exchange(staging, target) {
        Ok(()) => Ok(Swapped::Exchanged),
        Err(e) if is_immovable(&e) => Ok(Swapped::Immovable),
        Err(e) if is_unsupported(&e) => Ok(Swapped::Unsupported),
        Err(e) => Err(e),
    }
}

/// A mount point cannot be renamed (EBUSY), nor anything across one (EXDEV).
pub(super) fn is_immovable(e: &io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc_codes::EBUSY | libc_codes::EXDEV)
    )
}

fn is_unsupported(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Unsupported
        || matches!(
            e.raw_os_error(),
            Some(libc_codes::ENOSYS | libc_codes::EINVAL | libc_codes::ENOTSUP)
        )
}

/// The error numbers this module tells apart: Linux's. EBUSY and EXDEV are
/// the same on the BSDs and macOS; the others come only from
/// `rename_exchange`, which is a system call on Linux alone.
mod libc_codes {
    pub(super) const EBUSY: i32 = 16;
    pub(super) const EXDEV: i32 = 18;
    pub(super) const EINVAL: i32 = 22;
    pub(super) const ENOSYS: i32 = 38;
    pub(super) const ENOTSUP: i32 = 95;
}

#[cfg(target_os = "linux")]
fn rename_exchange(from: &Path, to: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let from = CString::new(from.as_os_str().as_bytes())?;
    let to = CString::new(to.as_os_str().as_bytes())?;
    // SAFETY: two NUL-terminated paths that live through the call; the
    // system call reads them and touches nothing else of this process.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn rename_exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Makes `dst` hold what `src` holds, moving each file over the one it
/// replaces (a reader sees a file's old bytes or its new ones) and then
/// removing what the new site no longer has. `skip` is a name in `dst`'s top
/// folder to leave alone (the staging folder, when it sits inside).
pub(super) fn sync_into(src: &Path, dst: &Path, skip: Option<&str>) -> io::Result<()> {
    let mut names: BTreeSet<OsString> = BTreeSet::new();
    for entry in fs::read_dir(src)? {
        names.insert(entry?.file_name());
    }
    for name in &names {
        let (from, to) = (src.join(name), dst.join(name));
        let to_meta = fs::symlink_metadata(&to).ok();
        if fs::symlink_metadata(&from)?.is_dir() {
            if to_meta.as_ref().is_some_and(|m| !m.is_dir()) {
                fs::remove_file(&to)?;
            }
            if !to.is_dir() {
                fs::create_dir(&to)?;
            }
            sync_into(&from, &to, None)?;
        } else {
            if to_meta.is_some_and(|m| m.is_dir()) {
                remove_any(&to)?;
            }
            move_file(&from, &to)?;
        }
    }
    for entry in fs::read_dir(dst)? {
        let entry = entry?;
        let name = entry.file_name();
        if !names.contains(&name) && skip.is_none_or(|s| name != s) {
            remove_any(&entry.path())?;
        }
    }
    Ok(())
}

/// Renames `from` over `to`; across file systems, copies beside `to` first
/// and renames the copy over it.
fn move_file(from: &Path, to: &Path) -> io::Result<()> {
    match fs::rename(from, to) {
        Err(e) if is_immovable(&e) => {
            let name = to
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            let tmp = to.with_file_name(format!(".{name}.dangri-tmp"));
            fs::copy(from, &tmp)?;
            fs::rename(&tmp, to)?;
            fs::remove_file(from)
        }
        other => other,
    }
}

/// `path` with symbolic links resolved, also when its last parts do not
/// exist yet (they are joined to the nearest folder that does).
pub(crate) fn absolute(path: &Path) -> PathBuf {
    let mut missing = Vec::new();
    let mut here = path.to_path_buf();
    loop {
        if let Ok(real) = fs::canonicalize(&here) {
            return missing.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (here.file_name(), here.parent()) {
            (Some(name), Some(parent)) => {
                missing.push(name.to_os_string());
                here = if parent.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    parent.to_path_buf()
                };
            }
            _ => return path.to_path_buf(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut v = Vec::new();
        for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let e = e.unwrap();
            if e.file_type().is_file() {
                let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
                v.push((rel, fs::read_to_string(e.path()).unwrap()));
            }
        }
        v
    }

    #[test]
    fn sync_into_makes_the_target_hold_the_new_tree_and_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let (src, dst) = (tmp.path().join("src"), tmp.path().join("dst"));
        write(&src.join("index.html"), "new");
        write(&src.join("a/b.html"), "new b");
        write(&src.join("c"), "c is a file now");
        write(&dst.join("index.html"), "old");
        write(&dst.join("a/gone.html"), "old");
        write(&dst.join("c/d.html"), "c was a folder");
        write(&dst.join("stale/x.html"), "old");
        write(&dst.join(".staging/keep"), "skipped");
        sync_into(&src, &dst, Some(".staging")).unwrap();
        assert_eq!(
            tree(&dst),
            [
                (".staging/keep".into(), "skipped".into()),
                ("a/b.html".into(), "new b".into()),
                ("c".into(), "c is a file now".into()),
                ("index.html".into(), "new".into()),
            ]
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_trades_two_folders_in_one_step() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        write(&a.join("x"), "new");
        write(&b.join("x"), "old");
        assert!(matches!(exchange(&a, &b).unwrap(), Swapped::Exchanged));
        assert_eq!(fs::read_to_string(b.join("x")).unwrap(), "new");
        assert_eq!(fs::read_to_string(a.join("x")).unwrap(), "old");
    }

    #[test]
    fn absolute_resolves_links_and_keeps_missing_parts() {
        let tmp = tempfile::tempdir().unwrap();
        let real = fs::canonicalize(tmp.path()).unwrap().join("real");
        fs::create_dir(&real).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&real, tmp.path().join("link")).unwrap();
            assert_eq!(absolute(&tmp.path().join("link")), real);
            assert_eq!(absolute(&tmp.path().join("link/new/x")), real.join("new/x"));
        }
    }
}
