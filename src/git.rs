//! "Last changed" dates from the git history of the content, read in one
//! `git log` pass for the whole site (never one process per file). Without
//! git or outside a repository there are simply no dates.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use crate::date::Date;

/// The last-change date of each file under `content/`, by path relative to
/// the site root (`content/branches/…/study.md`).
#[derive(Debug, Default)]
pub(crate) struct Dates {
    dates: HashMap<String, Date>,
    /// The history is a shallow clone: older files all look changed at the
    /// clone's cut-off.
    pub shallow: bool,
    /// Git refused the repository as not owned by the current user (a CI
    /// container's checkout): there are no dates, and the user should know.
    pub refused: bool,
}

/// The field separator that starts each commit's header in the log.
const COMMIT: char = '\u{1}';

impl Dates {
    /// Reads the history of `root/content`. A missing git, a folder outside
    /// a repository or a failed `git log` gives no dates.
    pub(crate) fn read(root: &Path) -> Dates {
        let shallow = match is_shallow(root) {
            Repo::Shallow(s) => s,
            Repo::Refused => {
                return Dates {
                    refused: true,
                    ..Dates::default()
                };
            }
            Repo::None => return Dates::default(),
        };
        // Author dates in the author's own offset: the day the record was
        // written, stable across rebases and the same on every machine.
        let output = Command::new("git")
            .current_dir(root)
            .args([
                "-c",
                "core.quotepath=off",
                "log",
                "-z",
                "--name-only",
                "--relative",
                "--no-color",
                "--format=%x01%aI",
                "--",
                "content",
            ])
            .output();
        let Ok(output) = output else {
            return Dates::default();
        };
        if !output.status.success() {
            return Dates::default();
        }
        let mut dates = Dates::parse(&String::from_utf8_lossy(&output.stdout));
        dates.shallow = shallow;
        dates
    }

    /// Parses `git log -z --name-only --format=%x01%aI`: newest commit first,
    /// so the first date seen for a path is its last change.
    pub(crate) fn parse(log: &str) -> Dates {
        let mut dates = HashMap::new();
        let mut current: Option<Date> = None;
        for token in log.split('\0') {
            let token = token.trim_start_matches('\n');
            if let Some(header) = token.strip_prefix(COMMIT) {
                current = header.get(..10).and_then(|d| Date::parse(d).ok());
            } else if !token.is_empty()
                && let Some(d) = current
            {
                dates.entry(token.to_string()).or_insert(d);
            }
        }
        Dates {
            dates,
            ..Dates::default()
        }
    }

    /// The last-change date of a file, by its path relative to the site root.
    pub(crate) fn get(&self, rel: &str) -> Option<Date> {
        self.dates.get(rel).copied()
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }

    /// The warning to print when the dates are wrong or missing for a
    /// reason the user can fix.
    pub(crate) fn warning(&self) -> Option<crate::msg::Command> {
        if self.refused {
            return Some(crate::msg::Command::GitRefused);
        }
        self.shallow.then_some(crate::msg::Command::GitShallow)
    }
}

/// What `git rev-parse` says about the site folder.
enum Repo {
    /// Inside a work tree; shallow or not.
    Shallow(bool),
    /// A repository git will not read (`safe.directory`).
    Refused,
    /// No git, or not inside a repository.
    None,
}

fn is_shallow(root: &Path) -> Repo {
    let Ok(output) = Command::new("git")
        .current_dir(root)
        .args(["rev-parse", "--is-shallow-repository"])
        .output()
    else {
        return Repo::None;
    };
    if !output.status.success() {
        let err = String::from_utf8_lossy(&output.stderr);
        return if err.contains("safe.directory") {
            Repo::Refused
        } else {
            Repo::None
        };
    }
    Repo::Shallow(String::from_utf8_lossy(&output.stdout).trim() == "true")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_commit_wins_and_names_stay_raw() {
        let log = "\u{1}2026-05-12T23:30:00+08:00\0\ncontent/b/a b.md\0content/b/东/学习.md\0\u{1}2026-05-01T10:00:00+08:00\0\ncontent/b/东/学习.md\0content/old.md\0";
        let d = Dates::parse(log);
        let day = |s| Date::parse(s).ok();
        assert_eq!(d.get("content/b/东/学习.md"), day("2026-05-12"));
        assert_eq!(d.get("content/b/a b.md"), day("2026-05-12"));
        assert_eq!(d.get("content/old.md"), day("2026-05-01"));
        assert_eq!(d.get("content/missing.md"), None);
    }

    #[test]
    fn commits_without_files_and_garbage_are_skipped() {
        let log = "\u{1}2026-06-01T00:00:00+08:00\0\u{1}nonsense\0\ncontent/x.md\0\u{1}2026-05-01T00:00:00Z\0\ncontent/x.md\0content/y.md\0";
        let d = Dates::parse(log);
        assert_eq!(d.get("content/x.md"), Date::parse("2026-05-01").ok());
        assert_eq!(d.get("content/y.md"), Date::parse("2026-05-01").ok());
        assert!(Dates::parse("").is_empty());
    }
}
