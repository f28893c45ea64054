//! Builds that notice nothing changed. After a successful build, a small
//! record beside the site (`.dangri-cache/build/<output>.json`) keeps a
//! digest of everything the build read and a digest of the output it put
//! in place ([`crate::output::listing`]). The next build of the same output
//! computes both again first: when both are equal, the output is what a
//! build would write, and it is left as it is, file for file.
//!
//! Nothing in the record is trusted: it only says which digests to expect.
//! The inputs are hashed from their bytes (not their dates), with the
//! version and file of the `dangri` binary, the options, today's date (a
//! month in progress shows it; `DANGRI_TODAY` and `SOURCE_DATE_EPOCH` set
//! it), the git commit (the "last changed" dates come
//! from it) and, when LED pictures are drawn, the font. A record that
//! cannot be read, is of another format, or was written by another binary
//! simply does not match, and the site is built in full. A build that
//! fails leaves the last record, which still describes the last output.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use walkdir::WalkDir;
use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128};

use super::BuildOptions;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::msg::{Lang, Msg, Tally};

/// The record's format; another one is not read. 2: warnings are typed
/// messages, printed in the site's language, with the language and what
/// was read for the summary line.
const FORMAT: u32 = 2;

/// The folders of the site a build reads.
const READ: [&str; 3] = ["content", "themes", "templates"];

/// The digest of a build's inputs and where its record is kept.
pub(super) struct Inputs {
    digest: u128,
    record: PathBuf,
}

/// What a successful build leaves for the next one.
#[derive(Serialize, Deserialize)]
struct Record {
    format: u32,
    /// Hex digests: of the inputs, and of the output's listing.
    inputs: String,
    listing: String,
    /// What the build read, for the summary line.
    read: Tally,
    /// The site's language (`site.yaml` is among the inputs).
    language: String,
    warnings: Vec<Warning>,
}

/// A warning of the recorded build, printed again when it is skipped: the
/// message as data, so that it is said as the build said it.
#[derive(Serialize, Deserialize)]
struct Warning {
    path: String,
    line: usize,
    col: usize,
    message: Msg,
}

/// A build skipped: its output is in place already.
pub(super) struct Skipped {
    pub read: Tally,
    pub lang: Lang,
    pub warnings: Vec<Diagnostic>,
}

impl Inputs {
    /// Hashes what a build of `opts` reads. `None` when some of it cannot
    /// be read (the build then reports why).
    pub(super) fn of(opts: &BuildOptions) -> Option<Inputs> {
        let target = crate::output::resolve_link(&opts.out).ok()?;
        let target = crate::output::absolute(&target);
        let mut key = target.as_os_str().as_encoded_bytes().to_vec();
        key.push(u8::from(opts.internal));
        let record = opts
            .root
            .join(".dangri-cache")
            .join("build")
            .join(format!("{:016x}.json", xxh3_64(&key)));

        let mut h = Xxh3::new();
        let mut put = |bytes: &[u8]| {
            h.update(&(bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        put(env!("CARGO_PKG_VERSION").as_bytes());
        put(binary().as_bytes());
        put(&[u8::from(opts.internal)]);
        // The day the rules read (a month in progress), or why the
        // variable that sets it is wrong: that build fails, never skips.
        put(format!("{:?}", crate::date::today_checked()).as_bytes());
        put(&git_head(&opts.root));
        put(&font(&opts.root));
        for folder in READ {
            put(folder.as_bytes());
            put(&tree(&opts.root.join(folder))?.to_le_bytes());
        }
        Some(Inputs {
            digest: h.digest128(),
            record,
        })
    }

    /// The recorded build, when its inputs are these and its output is
    /// still as it left it.
    pub(super) fn unchanged(&self, out: &Path) -> Option<Skipped> {
        let text = fs::read(&self.record).ok()?;
        let record: Record = serde_json::from_slice(&text).ok()?;
        if record.format != FORMAT || record.inputs != hex(self.digest) {
            return None;
        }
        let lang = Lang::parse(&record.language)?;
        let target = crate::output::resolve_link(out).ok()?;
        if !target.join(crate::output::MARKER).is_file()
            || crate::output::listing(&target).ok().map(hex) != Some(record.listing)
        {
            return None;
        }
        let warnings = record
            .warnings
            .into_iter()
            .map(|w| Diagnostic {
                path: w.path,
                line: w.line,
                col: w.col,
                severity: Severity::Warning,
                message: w.message,
            })
            .collect();
        Some(Skipped {
            read: record.read,
            lang,
            warnings,
        })
    }

    /// Keeps the digests of a build that put its output in place. A record
    /// that cannot be written only costs the next build its shortcut.
    pub(super) fn record(
        &self,
        listing: u128,
        read: Tally,
        lang: Lang,
        diagnostics: &[Diagnostic],
    ) {
        let record = Record {
            format: FORMAT,
            inputs: hex(self.digest),
            listing: hex(listing),
            read,
            language: lang.code().to_string(),
            warnings: diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .map(|d| Warning {
                    path: d.path.clone(),
                    line: d.line,
                    col: d.col,
                    message: d.message.clone(),
                })
                .collect(),
        };
        let Ok(json) = serde_json::to_vec(&record) else {
            return;
        };
        let Some(dir) = self.record.parent() else {
            return;
        };
        let tmp = self.record.with_extension("json.tmp");
        let _ = fs::create_dir_all(dir)
            .and_then(|()| fs::write(&tmp, json))
            .and_then(|()| fs::rename(&tmp, &self.record));
    }
}

fn hex(digest: u128) -> String {
    format!("{digest:032x}")
}

/// The running binary: its path, size and modification time (a rebuilt
/// `dangri` of the same version is another binary).
fn binary() -> String {
    let Ok(exe) = std::env::current_exe() else {
        return String::new();
    };
    let stamp = fs::metadata(&exe)
        .ok()
        .map(|m| (m.len(), m.modified().ok()));
    format!("{}\t{stamp:?}", exe.display())
}

/// The commit the "last changed" dates are read from, and whether the
/// history is shallow; empty outside a repository or without git.
fn git_head(root: &Path) -> Vec<u8> {
    Command::new("git")
        .current_dir(root)
        .args(["rev-parse", "HEAD", "--is-shallow-repository"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| o.stdout)
        .unwrap_or_default()
}

/// The identity of the LED pictures' font when a profile draws pictures.
fn font(root: &Path) -> Vec<u8> {
    let Some(config) = Config::load(root, &Diagnostics::new()) else {
        return Vec::new();
    };
    let led = &config.led;
    if !led.pictures() {
        return Vec::new();
    }
    match crate::led::font::load(root, led.font.as_ref()) {
        Ok(font) => font.identity.to_le_bytes().to_vec(),
        Err(e) => e.into_bytes(),
    }
}

/// The digest of a folder's files: each one's path and bytes, and where a
/// symbolic link points, in name order. A folder that does not exist has
/// the digest of nothing; one that cannot be read, none.
fn tree(dir: &Path) -> Option<u128> {
    if fs::symlink_metadata(dir).is_err() {
        return Some(0);
    }
    let mut entries = Vec::new();
    for entry in WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let entry = entry.ok()?;
        let rel = entry.path().strip_prefix(dir).ok()?.to_path_buf();
        let link = if entry.path_is_symlink() {
            fs::read_link(entry.path()).ok()
        } else {
            None
        };
        entries.push((rel, entry.file_type().is_file(), link));
    }
    let hashes = entries
        .par_iter()
        .map(|(rel, file, _)| {
            if *file {
                fs::read(dir.join(rel)).map(|bytes| xxh3_128(&bytes))
            } else {
                Ok::<u128, io::Error>(0)
            }
        })
        .collect::<io::Result<Vec<u128>>>()
        .ok()?;
    let mut h = Xxh3::new();
    for ((rel, file, link), hash) in entries.iter().zip(hashes) {
        h.update(rel.as_os_str().as_encoded_bytes());
        h.update(&[0, u8::from(*file)]);
        if let Some(link) = link {
            h.update(link.as_os_str().as_encoded_bytes());
        }
        h.update(&[0]);
        h.update(&hash.to_le_bytes());
    }
    Some(h.digest128())
}
