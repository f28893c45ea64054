//! Loading: a sorted walk over `content/`, classifying every file by where
//! it sits (SPEC §2), the branch folders walked in parallel, then reading
//! the Markdown files in parallel.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::date::{FIRST_YEAR, YearMonth};
use crate::diag::{Diagnostics, Pos, rel_path};
use crate::msg::Files;

/// A Markdown file, read.
#[derive(Debug)]
pub struct TextFile {
    pub id: String,
    /// Path relative to the site root, for diagnostics.
    pub rel: String,
    pub text: String,
}

#[derive(Debug, Default)]
pub(crate) struct MonthSource {
    pub ym: Option<YearMonth>,
    pub rel: String,
    pub index: Option<TextFile>,
    pub records: Vec<TextFile>,
    /// Image file names in the month folder.
    pub photos: Vec<String>,
}

#[derive(Debug, Default)]
pub(crate) struct BranchSource {
    pub id: String,
    pub rel: String,
    pub index: Option<TextFile>,
    pub months: Vec<MonthSource>,
}

/// Everything under `content/`, classified and read.
#[derive(Debug, Default)]
pub(crate) struct Sources {
    pub branches: Vec<BranchSource>,
    pub speakers: Vec<TextFile>,
    /// Image files in `speakers/`, by file name.
    pub speaker_files: Vec<String>,
    pub pages: Vec<TextFile>,
    /// Files of `content/static/`, relative to it.
    pub statics: Vec<PathBuf>,
}

impl Sources {
    /// How many Markdown files were read.
    pub(crate) fn markdown_files(&self) -> usize {
        let months = |b: &BranchSource| -> usize {
            b.months
                .iter()
                .map(|m| m.records.len() + usize::from(m.index.is_some()))
                .sum()
        };
        self.speakers.len()
            + self.pages.len()
            + self
                .branches
                .iter()
                .map(|b| usize::from(b.index.is_some()) + months(b))
                .sum::<usize>()
    }
}

pub(crate) const IMAGE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp"];

pub(crate) fn is_image(name: &str) -> bool {
    extension(name).is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.as_str()))
}

fn extension(name: &str) -> Option<String> {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// Files an editor or an OS leaves behind, never content.
pub(crate) fn is_ignored(name: &str) -> bool {
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
    let more = count.saturating_sub(1);
    diags.warning(
        rel,
        Pos::new(line, col),
        Files::ControlChar {
            code: u32::from(code),
            more,
        },
    );
}

/// A Markdown file read from disk, or why not.
pub(crate) enum Read {
    File(TextFile),
    /// There is no such file (any more).
    Missing,
    /// It could not be read, or is not text: reported.
    Failed,
}

/// Reads the Markdown file at `path` as the loader does: UTF-8, control
/// characters blanked with a warning, and never through a symbolic link
/// that leaves the site folder. `serve` reads a changed file with it too.
pub(crate) fn read_text(root: &Path, path: &Path, diags: &Diagnostics) -> Read {
    let rel = rel_path(root, path);
    let id = stem(&path.file_name().unwrap_or_default().to_string_lossy());
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && meta.file_type().is_symlink()
        && let Some(why) = link_refusal(&real_root(root), path)
    {
        diags.error(&rel, Pos::START, why);
        return Read::Failed;
    }
    match std::fs::read(path) {
        Ok(bytes) => match utf8(bytes) {
            Some(mut text) => {
                blank_controls(&mut text, &rel, diags);
                Read::File(TextFile { id, rel, text })
            }
            None => {
                diags.error(&rel, Pos::START, Files::NotUtf8);
                Read::Failed
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Read::Missing,
        Err(e) => {
            let error = e.to_string();
            diags.error(&rel, Pos::START, Files::CannotRead { error });
            Read::Failed
        }
    }
}

/// The site folder with its symbolic links resolved: what a link may lead
/// into.
fn real_root(root: &Path) -> PathBuf {
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())
}

/// Why the symbolic link at `path` is not followed, or `None` when it leads
/// to a place inside the site folder. A link out of the site would publish
/// what it points at (`/etc/passwd` as a static file).
fn link_refusal(real_root: &Path, path: &Path) -> Option<Files> {
    match std::fs::canonicalize(path) {
        Ok(real) if real.starts_with(real_root) => None,
        Ok(real) => Some(Files::LinkOutside {
            target: real.display().to_string(),
        }),
        Err(_) => Some(Files::LinkToNothing),
    }
}

/// Whether the file at `path` may be read: it is no symbolic link, or one
/// that leads inside the site folder.
pub(crate) fn may_follow(root: &Path, path: &Path) -> bool {
    !path.is_symlink() || link_refusal(&real_root(root), path).is_none()
}

/// Files and folders a walk of `content/` never goes into, each reported
/// unless it is an editor's leftover: a name that is not UTF-8, a symbolic
/// link that leaves the site folder.
fn admit(entry: &walkdir::DirEntry, root: &Path, real_root: &Path, diags: &Diagnostics) -> bool {
    let Some(name) = entry.file_name().to_str() else {
        diags.error(
            &escaped_path(root, entry.path()),
            Pos::START,
            Files::NameNotUtf8,
        );
        return false;
    };
    if is_ignored(name) {
        return false;
    }
    if entry.path_is_symlink()
        && let Some(why) = link_refusal(real_root, entry.path())
    {
        diags.error(&rel_path(root, entry.path()), Pos::START, why);
        return false;
    }
    true
}

/// The path of a file whose name is not UTF-8, each byte that is not
/// shown as `\xNN`, so that two such names stay two in the report.
fn escaped_path(root: &Path, path: &Path) -> String {
    let parent = path.parent().map(|p| rel_path(root, p)).unwrap_or_default();
    let bytes = path
        .file_name()
        .map(|n| n.as_encoded_bytes())
        .unwrap_or_default();
    let mut name = String::new();
    for chunk in bytes.utf8_chunks() {
        name.push_str(chunk.valid());
        for b in chunk.invalid() {
            name.push_str(&format!("\\x{b:02X}"));
        }
    }
    if parent.is_empty() {
        name
    } else {
        format!("{parent}/{name}")
    }
}

/// Whether `name` looks like Markdown but is not read as such (`R.MD`,
/// `r.markdown`): only `.md` files are records and pages.
fn misnamed_markdown(name: &str) -> bool {
    !name.ends_with(".md") && extension(name).is_some_and(|e| e == "md" || e == "markdown")
}

/// The warning for a file of a month folder that is neither a record nor a
/// picture: what it most likely is, and what to do.
fn unread_message(name: &str) -> Files {
    let lower = name.to_lowercase();
    if let Some(i) = lower.find(".md.") {
        // `记录.md.txt`: an editor or a download added an extension.
        return Files::ExtraExtension {
            fixed: name[..i + 3].to_string(),
        };
    }
    match extension(&lower).as_deref() {
        Some("doc" | "docx" | "wps" | "rtf" | "odt") => Files::WordDocument,
        Some("txt") => Files::TextFile,
        _ => Files::NotPublished,
    }
}

/// The error for a [`misnamed_markdown`] file.
fn misnamed_message(name: &str) -> Files {
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Files::MisnamedMarkdown {
        name: name.to_string(),
        fixed: format!("{stem}.md"),
    }
}

/// Walks `root/content` and reads every Markdown file.
pub(crate) fn load(root: &Path, diags: &Diagnostics) -> Sources {
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
    let real_root = real_root(root);
    let walker = WalkDir::new(&content)
        .min_depth(1)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let walked_later = e.depth() >= 3 && e.path().starts_with(&branches_dir);
            !walked_later && admit(e, root, &real_root, diags)
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
            ["speakers" | "pages", file] if !is_dir && misnamed_markdown(file) => {
                diags.error(&rel, Pos::START, misnamed_message(file));
            }
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
                diags.warning(&rel, Pos::START, Files::UnknownFolder);
            }
            _ if !is_dir && (parts.len() == 1 || parts[0] == "speakers" || parts[0] == "pages") => {
                diags.warning(&rel, Pos::START, Files::UnknownFile);
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
            let file = match read_text(root, &path, diags) {
                Read::File(file) => Some(file),
                Read::Missing | Read::Failed => None,
            };
            (slot, file)
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
            let message = if let Some(ancestor) = e.loop_ancestor() {
                Files::LinkLoop {
                    ancestor: rel_path(root, ancestor),
                }
            } else if e
                .path()
                .is_some_and(|p| p.is_symlink() && std::fs::metadata(p).is_err())
            {
                Files::LinkToNothing
            } else {
                Files::CannotRead {
                    error: e.to_string(),
                }
            };
            diags.error(&path, Pos::START, message);
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
    let real_root = real_root(root);
    let this_year = crate::date::today().year;
    let walker = WalkDir::new(dir)
        .min_depth(1)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| admit(e, root, &real_root, diags));
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
                let ym = month_folder(m, &rel, this_year, diags);
                branch.months.push(MonthSource {
                    ym,
                    rel,
                    ..Default::default()
                });
            }
            [file] if file.ends_with(".md") => {
                diags.error(&rel_path(root, path), Pos::START, Files::RecordOutsideMonth)
            }
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
                } else if misnamed_markdown(file) {
                    diags.error(&rel_path(root, path), Pos::START, misnamed_message(file));
                } else {
                    diags.warning(&rel_path(root, path), Pos::START, unread_message(file));
                }
            }
            [_, _, ..] if is_dir => {
                diags.warning(&rel_path(root, path), Pos::START, Files::FolderInMonth);
            }
            _ => {}
        }
    }
    pending
}

/// The month of a month folder's name, or `None` with an error: a name that
/// is not `YYYY-MM`, or a year before the Party was founded or after next
/// year (a typo such as `0026-05` would make the site span two thousand
/// years of empty months).
fn month_folder(name: &str, rel: &str, this_year: u16, diags: &Diagnostics) -> Option<YearMonth> {
    let Some(ym) = YearMonth::parse(name) else {
        diags.error(
            rel,
            Pos::START,
            Files::NotAMonthFolder {
                name: name.to_string(),
            },
        );
        return None;
    };
    if ym.year < FIRST_YEAR || ym.year > this_year.saturating_add(1) {
        diags.error(
            rel,
            Pos::START,
            Files::ImpossibleYear {
                name: name.to_string(),
                year: ym.year,
                first: FIRST_YEAR,
            },
        );
        return None;
    }
    Some(ym)
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
        let message = d[0].message.text(crate::msg::Lang::En);
        assert!(message.contains("U+000B (and 1 more"), "{message}");

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
