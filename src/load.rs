//! Loading: a sorted walk over `content/`, classifying every file by where
//! it sits (SPEC §2), the branch folders walked in parallel, then reading
//! the Markdown files in parallel.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::date::YearMonth;
use crate::diag::{Diagnostics, Pos, rel_path};

/// A Markdown file, read.
#[derive(Debug)]
pub struct TextFile {
    pub id: String,
    /// Path relative to the site root, for diagnostics.
    pub rel: String,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct MonthSource {
    pub ym: Option<YearMonth>,
    pub name: String,
    pub rel: String,
    pub index: Option<TextFile>,
    pub records: Vec<TextFile>,
    /// Image file names in the month folder.
    pub photos: Vec<String>,
}

#[derive(Debug, Default)]
pub struct BranchSource {
    pub id: String,
    pub rel: String,
    pub index: Option<TextFile>,
    pub months: Vec<MonthSource>,
}

/// Everything under `content/`, classified and read.
#[derive(Debug, Default)]
pub struct Sources {
    pub branches: Vec<BranchSource>,
    pub speakers: Vec<TextFile>,
    /// Image files in `speakers/`, by file name.
    pub speaker_files: Vec<String>,
    pub pages: Vec<TextFile>,
    /// Files of `content/static/`, relative to it.
    pub statics: Vec<PathBuf>,
}

pub const IMAGE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp"];

pub fn is_image(name: &str) -> bool {
    extension(name).is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.as_str()))
}

fn extension(name: &str) -> Option<String> {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// Files an editor or an OS leaves behind, never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("._")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

fn stem(name: &str) -> String {
    name.strip_suffix(".md").unwrap_or(name).to_string()
}

/// Pending Markdown reads: (where it goes, absolute path).
enum Slot {
    Speaker,
    Page,
    BranchIndex(usize),
    MonthIndex(usize, usize),
    Record(usize, usize),
}

/// `bytes` as a String if they are UTF-8. simdutf8 checks Chinese text
/// several times faster than the standard library, whose fast path is ASCII:
/// on the benchmark corpus the check was 2 % of a build.
fn utf8(bytes: Vec<u8>) -> Option<String> {
    simdutf8::basic::from_utf8(&bytes).ok()?;
    // SAFETY: simdutf8 has just checked that `bytes` is UTF-8.
    Some(unsafe { String::from_utf8_unchecked(bytes) })
}

/// Control characters other than tab and line ends: HTML and XML do not
/// allow them, and they come with text pasted from word processors.
fn is_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F
}

/// Turns each control character of `text` into a space (one byte for one,
/// so positions stay where they were) and warns at the first.
fn blank_controls(text: &mut String, rel: &str, diags: &Diagnostics) {
    // Branch-free over blocks: this runs over every byte of the site.
    let block = text
        .as_bytes()
        .chunks(64)
        .position(|c| c.iter().fold(false, |any, &b| any | is_control(b)));
    let Some(block) = block else { return };
    let mut bytes = std::mem::take(text).into_bytes();
    let first = block * 64
        + bytes[block * 64..]
            .iter()
            .position(|&b| is_control(b))
            .unwrap_or(0);
    let code = bytes[first];
    let before = &bytes[..first];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    let count = bytes.iter().filter(|&&b| is_control(b)).count();
    for b in &mut bytes {
        if is_control(*b) {
            *b = b' ';
        }
    }
    // Only ASCII bytes were changed, to ASCII: still UTF-8.
    *text = String::from_utf8(bytes).unwrap_or_default();
    let more = if count > 1 {
        format!(" (and {} more in this file)", count - 1)
    } else {
        String::new()
    };
    diags.warning(
        rel,
        Pos::new(line, col),
        format!(
            "an invisible control character U+{code:04X}{more}, often left by pasting from a word processor: it is published as a space; delete it"
        ),
    );
}

/// Walks `root/content` and reads every Markdown file.
pub fn load(root: &Path, diags: &Diagnostics) -> Sources {
    let content = root.join("content");
    let mut sources = Sources::default();
    if !content.is_dir() {
        // Reported once, by the missing content/site.yaml.
        return sources;
    }
    let mut pending: Vec<(Slot, PathBuf)> = Vec::new();
    // The inside of each branch folder is walked afterwards, in parallel.
    let branches_dir = content.join("branches");
    let mut branch_dirs: Vec<PathBuf> = Vec::new();
    let walker = WalkDir::new(&content)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let walked_later =
                |e: &walkdir::DirEntry| e.depth() >= 3 && e.path().starts_with(&branches_dir);
            !is_ignored(&e.file_name().to_string_lossy()) && !walked_later(e)
        });
    for entry in walker {
        let Some(entry) = entry_or_report(root, entry, diags) else {
            continue;
        };
        let path = entry.path();
        let rel = rel_path(root, path);
        let parts = parts_below(&content, path);
        let is_dir = entry.file_type().is_dir();
        match parts
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            ["site.yaml"] | ["speakers"] | ["branches"] | ["pages"] | ["static"] => {}
            ["static", ..] if !is_dir => {
                sources.statics.push(parts[1..].iter().collect());
            }
            ["static", ..] => {}
            ["speakers", file] if file.ends_with(".md") && !is_dir => {
                pending.push((Slot::Speaker, path.to_path_buf()));
            }
            ["speakers", file] if !is_dir => sources.speaker_files.push(file.to_string()),
            ["pages", file] if file.ends_with(".md") && !is_dir => {
                pending.push((Slot::Page, path.to_path_buf()));
            }
            ["branches", b] if is_dir => {
                branch_dirs.push(path.to_path_buf());
                sources.branches.push(BranchSource {
                    id: b.to_string(),
                    rel: rel.clone(),
                    ..Default::default()
                });
            }
            ["branches", ..] => {}
            [_] if is_dir => {
                diags.warning(
                    &rel,
                    Pos::START,
                    "unknown folder in content/: it is ignored",
                );
            }
            _ if !is_dir && (parts.len() == 1 || parts[0] == "speakers" || parts[0] == "pages") => {
                diags.warning(&rel, Pos::START, "unknown file in content/: it is ignored");
            }
            _ => {}
        }
    }
    let inside: Vec<Vec<(Slot, PathBuf)>> = sources
        .branches
        .par_iter_mut()
        .zip(&branch_dirs)
        .enumerate()
        .map(|(bi, (branch, dir))| walk_branch(root, dir, bi, branch, diags))
        .collect();
    pending.extend(inside.into_iter().flatten());
    let read: Vec<(Slot, Option<TextFile>)> = pending
        .into_par_iter()
        .map(|(slot, path)| {
            let rel = rel_path(root, &path);
            let id = stem(&path.file_name().unwrap_or_default().to_string_lossy());
            match std::fs::read(&path) {
                Ok(bytes) => match utf8(bytes) {
                    Some(mut text) => {
                        blank_controls(&mut text, &rel, diags);
                        (slot, Some(TextFile { id, rel, text }))
                    }
                    None => {
                        diags.error(
                            &rel,
                            Pos::START,
                            "the file is not UTF-8 text: save it as UTF-8",
                        );
                        (slot, None)
                    }
                },
                Err(e) => {
                    diags.error(&rel, Pos::START, format!("cannot read: {e}"));
                    (slot, None)
                }
            }
        })
        .collect();
    for (slot, file) in read {
        let Some(file) = file else { continue };
        match slot {
            Slot::Speaker => sources.speakers.push(file),
            Slot::Page => sources.pages.push(file),
            Slot::BranchIndex(b) => sources.branches[b].index = Some(file),
            Slot::MonthIndex(b, m) => sources.branches[b].months[m].index = Some(file),
            Slot::Record(b, m) => sources.branches[b].months[m].records.push(file),
        }
    }
    sources
}

/// The names of the folders and file from `base` down to `path`.
fn parts_below(base: &Path, path: &Path) -> Vec<String> {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect()
}

/// The entry, or `None` after reporting why it cannot be read.
fn entry_or_report(
    root: &Path,
    entry: walkdir::Result<walkdir::DirEntry>,
    diags: &Diagnostics,
) -> Option<walkdir::DirEntry> {
    match entry {
        Ok(e) => Some(e),
        Err(e) => {
            let path = e
                .path()
                .map(|p| rel_path(root, p))
                .unwrap_or_else(|| "content".into());
            diags.error(&path, Pos::START, format!("cannot read: {e}"));
            None
        }
    }
}

/// Walks the folder `dir` of the `bi`th branch: its months, with their
/// photos, go into `branch`; the Markdown files to read are returned.
fn walk_branch(
    root: &Path,
    dir: &Path,
    bi: usize,
    branch: &mut BranchSource,
    diags: &Diagnostics,
) -> Vec<(Slot, PathBuf)> {
    let mut pending = Vec::new();
    let walker = WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let Some(entry) = entry_or_report(root, entry, diags) else {
            continue;
        };
        let path = entry.path();
        let is_dir = entry.file_type().is_dir();
        let parts = parts_below(dir, path);
        match parts
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            ["_index.md"] if !is_dir => pending.push((Slot::BranchIndex(bi), path.to_path_buf())),
            [m] if is_dir => {
                let rel = rel_path(root, path);
                let ym = YearMonth::parse(m);
                if ym.is_none() {
                    diags.error(
                        &rel,
                        Pos::START,
                        format!("`{m}` is not a month folder: name it YYYY-MM with a month 01 to 12, e.g. 2026-05"),
                    );
                }
                branch.months.push(MonthSource {
                    ym,
                    name: m.to_string(),
                    rel,
                    ..Default::default()
                });
            }
            [file] if file.ends_with(".md") => diags.error(
                &rel_path(root, path),
                Pos::START,
                "a record belongs in a month folder: move it to branches/<branch>/<YYYY-MM>/",
            ),
            [_, file] if !is_dir => {
                let mi = branch.months.len().saturating_sub(1);
                let Some(month) = branch.months.last_mut() else {
                    continue;
                };
                if *file == "_index.md" {
                    pending.push((Slot::MonthIndex(bi, mi), path.to_path_buf()));
                } else if file.ends_with(".md") {
                    pending.push((Slot::Record(bi, mi), path.to_path_buf()));
                } else if is_image(file) {
                    month.photos.push(file.to_string());
                }
            }
            [_, _, ..] if is_dir => {
                diags.warning(
                    &rel_path(root, path),
                    Pos::START,
                    "folders inside a month folder are ignored",
                );
            }
            _ => {}
        }
    }
    pending
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_spaces_with_a_warning_at_the_first() {
        let diags = Diagnostics::new();
        let mut text =
            "---\ntitle: 标题\n---\n从Word粘贴\u{b}第二行\u{8}。\r\n\t缩进\n".to_string();
        let len = text.len();
        blank_controls(&mut text, "a.md", &diags);
        assert_eq!(
            text,
            "---\ntitle: 标题\n---\n从Word粘贴 第二行 。\r\n\t缩进\n"
        );
        assert_eq!(text.len(), len);
        let d = diags.into_sorted();
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].col), (4, 8));
        assert!(
            d[0].message.contains("U+000B (and 1 more"),
            "{}",
            d[0].message
        );

        let diags = Diagnostics::new();
        let long = format!("{}\u{7f}", "党".repeat(100));
        let mut text = long.clone();
        blank_controls(&mut text, "b.md", &diags);
        assert_eq!(text, format!("{} ", "党".repeat(100)));
        assert_eq!(diags.into_sorted()[0].col, 101);

        let diags = Diagnostics::new();
        let mut clean = "标题\r\n\t正文\n".repeat(50);
        let before = clean.clone();
        blank_controls(&mut clean, "c.md", &diags);
        assert_eq!(clean, before);
        assert!(diags.into_sorted().is_empty());
    }

    #[test]
    fn utf8_accepts_text_and_refuses_other_bytes() {
        assert_eq!(utf8("党日 ok".into()).as_deref(), Some("党日 ok"));
        assert_eq!(utf8(vec![0xE5, 0x85]), None);
        assert_eq!(utf8(vec![0xC0, 0x80]), None);
        assert_eq!(utf8(b"GBK \xb5\xb3".to_vec()), None);
        assert_eq!(utf8(Vec::new()).as_deref(), Some(""));
    }
}
