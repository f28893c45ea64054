//! Writing the output: render into a fresh folder beside the target, then
//! swap it in, so that a failed build leaves the last good site untouched.
//! dangri never deletes a folder it did not create: a non-empty target
//! without dangri's marker file is refused, and so is anything of its own
//! naming beside the target that does not carry the marker.

mod swap;

mod listing;

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};

use listing::Stamp;
pub use listing::listing;
pub(crate) use swap::absolute;
use swap::{Aside, Swapped};

use crate::msg::{Command, SwapState, SwapStep};

/// The file that marks a folder as dangri's output.
pub const MARKER: &str = ".dangri-output";

/// The staging folder's name inside a target that is a mount point.
const INNER_STAGING: &str = ".dangri-staging";

/// Where a build writes: a folder on disk (written aside, swapped in by
/// `finish`), memory (for `serve`) or nowhere (to time the work alone, in
/// `examples/bench_phases.rs`).
pub struct Output {
    sink: Sink,
}

enum Sink {
    Disk(Disk),
    Memory(Mutex<BTreeMap<PathBuf, Vec<u8>>>),
    Discard,
}

struct Disk {
    /// The output folder, with symbolic links resolved.
    target: PathBuf,
    staging: PathBuf,
    /// The target cannot be renamed (a mount point): the staging folder is
    /// inside it, and `finish` moves the new files in one by one.
    in_place: bool,
    /// What the user should know even when the build succeeds.
    notes: Vec<Command>,
    /// The previous site, when the target holds one: a file written with
    /// the bytes it already has there is linked from it instead, so it keeps
    /// its modification time (deploys and `rsync` then send nothing).
    previous: Option<PathBuf>,
    /// Every file of the new site and its stamp, for [`Finished::listing`].
    stamps: Mutex<BTreeMap<PathBuf, Stamp>>,
}

/// A new site in place.
#[derive(Debug)]
pub struct Finished {
    /// What the user should know though it worked (a leftover that could
    /// not be removed).
    pub notes: Vec<Command>,
    /// The digest of the new site's files as [`listing`] reads them, for a
    /// disk output: a later build compares it to tell an output nobody
    /// touched.
    pub listing: Option<u128>,
}

/// The files of a build kept in memory, by path relative to the site root.
pub type Files = BTreeMap<PathBuf, Vec<u8>>;

/// Why the new site is not in place: always a [`Command::SwapFailed`],
/// which says where both sites are.
pub type SwapError = Command;

impl Output {
    /// Checks `target` and creates the staging folder. `protected` are
    /// folders the output may not be in, nor contain (the site's content,
    /// theme and templates: an output there would be read back as content).
    pub fn begin(target: &Path, protected: &[PathBuf]) -> Result<Output> {
        let target = resolve_link(target)?;
        refuse_protected(&target, protected)?;
        check_target(&target)?;
        let aside = Aside::of(&target);
        fs::create_dir_all(&aside.parent)
            .with_context(|| format!("cannot create {}", aside.parent.display()))?;
        let mut notes = Vec::new();
        // A previous swap cut short, or a user's folder of that name.
        swap::clear_leftover(&aside, &aside.old(), &mut notes)?;
        swap::clear_trash(&aside, &mut notes);
        let in_place = is_mount_point(&target, &aside.parent);
        let staging = if in_place {
            target.join(INNER_STAGING)
        } else {
            aside.staging()
        };
        swap::clear_leftover(&aside, &staging, &mut notes)?;
        fs::create_dir_all(&staging)
            .with_context(|| format!("cannot create {}", staging.display()))?;
        let previous = target.join(MARKER).is_file().then(|| target.clone());
        let output = Output {
            sink: Sink::Disk(Disk {
                target,
                staging,
                in_place,
                notes,
                previous,
                stamps: Mutex::new(BTreeMap::new()),
            }),
        };
        output.write(
            Path::new(MARKER),
            b"This folder was written by dangri; a rebuild replaces it.\n",
        )?;
        Ok(output)
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

    /// Writes `bytes` to `rel` inside the output, creating folders. A file
    /// the previous site has with these bytes is linked from it instead.
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> Result<()> {
        let disk = match &self.sink {
            Sink::Disk(disk) => disk,
            Sink::Memory(files) => {
                let mut files = files.lock().unwrap_or_else(|e| e.into_inner());
                files.insert(rel.to_path_buf(), bytes.to_vec());
                return Ok(());
            }
            Sink::Discard => return Ok(()),
        };
        let path = disk.prepare(rel)?;
        if !disk.reuse(rel, &path, |old| same_bytes(old, bytes)) {
            write_new(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        }
        disk.stamp(rel, &path)
    }

    /// Whether a file was written to `rel` already (never, when discarding).
    pub fn has(&self, rel: &Path) -> bool {
        match &self.sink {
            Sink::Disk(Disk { staging, .. }) => staging.join(rel).exists(),
            Sink::Memory(files) => files
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains_key(rel),
            Sink::Discard => false,
        }
    }

    /// Copies the file at `from` to `rel` inside the output (linked from
    /// the previous site when it has the same bytes there).
    pub fn copy(&self, from: &Path, rel: &Path) -> Result<()> {
        let disk = match &self.sink {
            Sink::Disk(disk) => disk,
            Sink::Memory(_) => {
                let bytes =
                    fs::read(from).with_context(|| format!("cannot read {}", from.display()))?;
                return self.write(rel, &bytes);
            }
            Sink::Discard => return Ok(()),
        };
        let path = disk.prepare(rel)?;
        if !disk.reuse(rel, &path, |old| same_files(old, from)) {
            // Never through a link into the previous site.
            remove_file_if_any(&path)?;
            fs::copy(from, &path)
                .with_context(|| format!("cannot copy {} to {}", from.display(), path.display()))?;
        }
        disk.stamp(rel, &path)
    }

    /// Puts the new site in place of the previous one. What the user should
    /// know though it worked (a leftover that could not be removed) comes
    /// back as notes; a failure says where both sites are.
    pub fn finish(self) -> Result<Finished, SwapError> {
        let Sink::Disk(mut disk) = self.sink else {
            return Ok(Finished {
                notes: Vec::new(),
                listing: None,
            });
        };
        disk.swap()?;
        let stamps = disk.stamps.into_inner().unwrap_or_else(|e| e.into_inner());
        Ok(Finished {
            notes: disk.notes,
            listing: Some(listing::digest(stamps.iter())),
        })
    }

    /// Drops the staging folder after a failed build; a note when it
    /// cannot (the next build tries again).
    #[must_use]
    pub fn abandon(self) -> Option<Command> {
        match self.sink {
            Sink::Disk(Disk { staging, .. }) => {
                swap::remove_output(&staging)
                    .err()
                    .map(|e| Command::NoteStagingNotRemoved {
                        path: staging.display().to_string(),
                        error: e.to_string(),
                    })
            }
            Sink::Memory(_) | Sink::Discard => None,
        }
    }

    /// The files written to a memory output (empty for a disk output).
    pub fn into_files(self) -> Files {
        match self.sink {
            Sink::Memory(files) => files.into_inner().unwrap_or_else(|e| e.into_inner()),
            Sink::Disk(_) | Sink::Discard => Files::new(),
        }
    }
}

impl Disk {
    /// The staging path of `rel`, its folder created.
    fn prepare(&self, rel: &Path) -> Result<PathBuf> {
        let path = self.staging.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        Ok(path)
    }

    /// Links `rel` of the previous site to `path` when `same` says it holds
    /// the bytes to write; whether it did.
    fn reuse(&self, rel: &Path, path: &Path, same: impl FnOnce(&Path) -> bool) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        let old = previous.join(rel);
        if !same(&old) {
            return false;
        }
        match fs::hard_link(&old, path) {
            Ok(()) => true,
            // Written twice (a static file over a theme's): replace it.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                fs::remove_file(path).is_ok() && fs::hard_link(&old, path).is_ok()
            }
            // A file system without hard links: write the bytes.
            Err(_) => false,
        }
    }

    /// Records the stamp of the file just written at `path`.
    fn stamp(&self, rel: &Path, path: &Path) -> Result<()> {
        let meta = fs::symlink_metadata(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        self.stamps
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_path_buf(), Stamp::of(&meta));
        Ok(())
    }

    fn swap(&mut self) -> Result<(), SwapError> {
        let (target, staging) = (self.target.clone(), self.staging.clone());
        if self.in_place {
            return self.sync(staging, Some(INNER_STAGING));
        }
        if fs::symlink_metadata(&target).is_err() {
            return fs::rename(&staging, &target).map_err(|e| {
                swap_failed(
                    SwapStep::MoveNew,
                    &target,
                    e,
                    SwapState::NoPrevious {
                        staging: staging.display().to_string(),
                    },
                )
            });
        }
        let swapped = swap::exchange(&staging, &target)
            .map_err(|e| swap_failed(SwapStep::Exchange, &target, e, untouched(&staging)))?;
        match swapped {
            Swapped::Exchanged => {
                // `staging` now holds the previous site.
                self.remove_previous(&staging);
                Ok(())
            }
            Swapped::Unsupported => self.two_renames(),
            Swapped::Immovable => {
                self.notes.push(Command::NoteMountPoint {
                    target: target.display().to_string(),
                });
                self.sync(staging, None)
            }
        }
    }

    /// The swap where the platform has no exchange: the previous site goes
    /// aside, the new one takes its place, and a failure puts it back.
    fn two_renames(&mut self) -> Result<(), SwapError> {
        let (target, staging) = (&self.target, &self.staging);
        let old = Aside::of(target).old();
        if let Err(e) = fs::rename(target, &old) {
            return Err(swap_failed(
                SwapStep::MoveAside,
                target,
                e,
                untouched(staging),
            ));
        }
        if let Err(e) = fs::rename(staging, target) {
            let state = match fs::rename(&old, target) {
                Ok(()) => untouched(staging),
                Err(r) => SwapState::BothAside {
                    old: old.display().to_string(),
                    error: r.to_string(),
                    staging: staging.display().to_string(),
                },
            };
            return Err(swap_failed(SwapStep::MoveNew, target, e, state));
        }
        self.remove_previous(&old);
        Ok(())
    }

    /// Moves the files of `from` into the target, in place.
    fn sync(&mut self, from: PathBuf, skip: Option<&str>) -> Result<(), SwapError> {
        swap::sync_into(&from, &self.target, skip)
            .map_err(|e| swap_failed(SwapStep::UpdateInPlace, &self.target, e, SwapState::Mixed))?;
        // The marker went over with the rest: what is left are empty folders.
        if let Err(e) = swap::remove_any(&from) {
            self.notes.push(Command::NoteNotRemoved {
                path: from.display().to_string(),
                error: e.to_string(),
            });
        }
        Ok(())
    }

    /// Deletes the previous site once the new one is in place; a failure
    /// is only a note (the next build clears it, or moves it aside).
    fn remove_previous(&mut self, previous: &Path) {
        if let Err(e) = swap::remove_output(previous) {
            self.notes.push(Command::NotePreviousNotRemoved {
                previous: previous.display().to_string(),
                error: e.to_string(),
            });
        }
    }
}

/// Writes a new file at `path`. A file already there (written twice, or
/// linked from the previous site) is removed first: writing into it would
/// change the previous site's file through the link.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let open = || {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    let mut file = match open() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(path)?;
            open()?
        }
        other => other?,
    };
    file.write_all(bytes)
}

fn remove_file_if_any(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot replace {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// Whether the regular file at `old` holds exactly `bytes`.
fn same_bytes(old: &Path, bytes: &[u8]) -> bool {
    fs::symlink_metadata(old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(old).is_ok_and(|b| b == bytes)
}

/// Whether the regular file at `old` holds the bytes of `from`.
fn same_files(old: &Path, from: &Path) -> bool {
    let len = |p: &Path| {
        fs::metadata(p)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len())
    };
    fs::symlink_metadata(old).is_ok_and(|m| m.is_file())
        && len(old).is_some()
        && len(old) == len(from)
        && matches!((fs::read(old), fs::read(from)), (Ok(a), Ok(b)) if a == b)
}

fn untouched(staging: &Path) -> SwapState {
    SwapState::Untouched {
        staging: staging.display().to_string(),
    }
}

fn swap_failed(step: SwapStep, target: &Path, e: io::Error, state: SwapState) -> SwapError {
    Command::SwapFailed {
        step,
        target: target.display().to_string(),
        error: e.to_string(),
        state,
    }
}

/// The output folder a symbolic link points at: the site is swapped in
/// there and the link stays. A dangling link is refused.
pub(crate) fn resolve_link(target: &Path) -> Result<PathBuf> {
    match fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(target).with_context(|| Command::OutputDanglingLink {
                out: target.display().to_string(),
            })
        }
        _ => Ok(target.to_path_buf()),
    }
}

/// Refuses an output inside one of `protected`, or holding one: a build
/// into `content/static/` would publish the next build's output (an
/// internal build among it) as static files.
fn refuse_protected(target: &Path, protected: &[PathBuf]) -> Result<()> {
    let out = swap::absolute(target);
    for folder in protected {
        let folder = swap::absolute(folder);
        if out.starts_with(&folder) {
            return Err(Command::OutputInside {
                out: target.display().to_string(),
                folder: folder.display().to_string(),
            }
            .into());
        }
        if folder.starts_with(&out) {
            return Err(Command::OutputHolds {
                out: target.display().to_string(),
                folder: folder.display().to_string(),
            }
            .into());
        }
    }
    Ok(())
}

/// Whether `target` is on another file system than its parent: a mount
/// point (a Docker volume) cannot be renamed.
fn is_mount_point(target: &Path, parent: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(target), fs::metadata(parent)) {
            (Ok(t), Ok(p)) => t.is_dir() && t.dev() != p.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (target, parent);
        false
    }
}

/// Refuses a target that exists, is not empty and is not dangri's output.
fn check_target(target: &Path) -> Result<()> {
    let meta = match fs::metadata(target) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", target.display())),
    };
    if !meta.is_dir() {
        return Err(Command::OutputIsFile {
            out: target.display().to_string(),
        }
        .into());
    }
    let mut entries =
        fs::read_dir(target).with_context(|| format!("cannot read {}", target.display()))?;
    if entries.next().is_none() || target.join(MARKER).exists() {
        return Ok(());
    }
    Err(Command::OutputNotOurs {
        out: target.display().to_string(),
    }
    .into())
}
