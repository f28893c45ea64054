//! A small chainable harness: copy a fixture site into a temporary folder,
//! change files, build it with the real binary, then look at pages and stderr.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

pub struct Site {
    dir: std::rc::Rc<tempfile::TempDir>,
    pub root: PathBuf,
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl Site {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name),
            &root,
        );
        Site {
            dir: std::rc::Rc::new(dir),
            root,
        }
    }

    pub fn write(&self, rel: &str, text: &str) -> &Site {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Site {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Site {
        let path = self.root.join(rel);
        if path.is_dir() {
            fs::remove_dir_all(path).unwrap();
        } else {
            fs::remove_file(path).unwrap();
        }
        self
    }

    pub fn out(&self) -> PathBuf {
        self.root.join("public")
    }

    /// `dangri build` with extra arguments, output to `public/`.
    pub fn build_with(&self, args: &[&str], env: &[(&str, &str)]) -> Built {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dangri"));
        cmd.arg("build").arg(&self.root).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let output = cmd.output().unwrap();
        Built::new(output, self.out(), self.dir.clone())
    }

    pub fn build(&self) -> Built {
        self.build_with(&[], &[])
    }
}

pub struct Built {
    /// Keeps the temporary site alive as long as its output is looked at.
    _dir: std::rc::Rc<tempfile::TempDir>,
    pub output: Output,
    pub stderr: String,
    pub out: PathBuf,
}

impl Built {
    fn new(output: Output, out: PathBuf, dir: std::rc::Rc<tempfile::TempDir>) -> Built {
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        Built {
            _dir: dir,
            output,
            stderr,
            out,
        }
    }

    pub fn success(&self) -> bool {
        self.output.status.success()
    }

    #[track_caller]
    pub fn assert_ok(&self) -> &Built {
        assert!(self.success(), "build failed:\n{}", self.stderr);
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }

    #[track_caller]
    pub fn assert_failed(&self) -> &Built {
        assert!(!self.success(), "build should fail:\n{}", self.stderr);
        assert!(!self.stderr.contains("panicked"), "panic:\n{}", self.stderr);
        self
    }

    /// Asserts stderr has a line starting with `prefix` (e.g. `path:3:1:`)
    /// that contains `text`.
    #[track_caller]
    pub fn assert_error(&self, prefix: &str, text: &str) -> &Built {
        let found = self
            .stderr
            .lines()
            .any(|l| l.starts_with(prefix) && l.contains(text));
        assert!(
            found,
            "no error line `{prefix}` … `{text}` in:\n{}",
            self.stderr
        );
        self
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.out.join(rel)
    }

    #[track_caller]
    pub fn text(&self, rel: &str) -> String {
        let p = self.out.join(rel);
        fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    #[track_caller]
    pub fn page(&self, rel: &str) -> Page {
        Page {
            html: Html::parse_document(&self.text(rel)),
            rel: rel.to_string(),
        }
    }

    /// Every file of the output, path and bytes, sorted.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut v = Vec::new();
        collect(&self.out, &self.out, &mut v);
        v.sort();
        v
    }

    /// All text files of the output joined, for searching leaks.
    pub fn all_text(&self) -> String {
        self.files()
            .into_iter()
            .map(|(p, b)| format!("== {p}\n{}", String::from_utf8_lossy(&b)))
            .collect()
    }
}

fn collect(base: &Path, dir: &Path, v: &mut Vec<(String, Vec<u8>)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.is_dir() {
            collect(base, &path, v);
        } else {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            v.push((rel, fs::read(&path).unwrap()));
        }
    }
}

pub struct Page {
    pub html: Html,
    pub rel: String,
}

impl Page {
    pub fn select(&self, css: &str) -> Vec<scraper::ElementRef<'_>> {
        let sel = Selector::parse(css).unwrap();
        self.html.select(&sel).collect()
    }

    /// Texts of the elements matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css)
            .iter()
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        self.select(css)
            .iter()
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    #[track_caller]
    pub fn text_of(&self, css: &str) -> String {
        let t = self.texts(css);
        assert!(!t.is_empty(), "{}: nothing matches `{css}`", self.rel);
        t.join("\n")
    }

    pub fn body_text(&self) -> String {
        self.texts("body").join(" ")
    }
}

impl Site {
    /// Every file under `dir`, path and bytes, sorted.
    pub fn files_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut v = Vec::new();
        collect(dir, dir, &mut v);
        v.sort();
        v
    }
}
