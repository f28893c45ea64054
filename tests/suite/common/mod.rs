//! A small chainable harness: copy a fixture site into a temporary folder,
//! change files, build it with the real binary, then look at pages and stderr.

#![allow(dead_code, reason = "each test module uses a part of the harness")]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

pub struct Site {
    dir: std::rc::Rc<tempfile::TempDir>,
    pub root: PathBuf,
}

pub fn copy_dir(from: &Path, to: &Path) {
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

    /// An empty site folder, for tests that write every file themselves.
    pub fn empty() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(&root).unwrap();
        Site {
            dir: std::rc::Rc::new(dir),
            root,
        }
    }

    /// Switches the site to English (`language: en` in its `site.yaml`),
    /// for tests that read the English words of its messages: the Chinese
    /// ones are pinned by the snapshots of `mistakes.rs`.
    pub fn in_english(&self) -> &Site {
        let path = self.root.join("content/site.yaml");
        let yaml = fs::read_to_string(&path).unwrap();
        assert!(yaml.contains("language: zh-CN\n"), "{yaml}");
        fs::write(path, yaml.replace("language: zh-CN\n", "language: en\n")).unwrap();
        self
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
        // In the site's folder, so that a relative `-o` never writes into
        // the repository the tests run from.
        cmd.current_dir(&self.root)
            .arg("build")
            .arg(&self.root)
            .args(args);
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

/// A minimal static file server on 127.0.0.1 for browser tests: GET only,
/// `index.html` for folders, percent-decoded paths. Returns the port.
pub fn serve(dir: PathBuf) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let dir = dir.clone();
            std::thread::spawn(move || {
                let mut line = String::new();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
                        break;
                    }
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/");
                let path = path.split('?').next().unwrap_or("/");
                let decoded = percent_decode(path);
                let mut file = dir.join(decoded.trim_start_matches('/'));
                if file.is_dir() {
                    file = file.join("index.html");
                }
                let (status, body) = match fs::read(&file) {
                    Ok(b) => ("200 OK", b),
                    Err(_) => ("404 Not Found", b"not found".to_vec()),
                };
                let ctype = match file.extension().and_then(|e| e.to_str()) {
                    Some("html") => "text/html; charset=utf-8",
                    Some("css") => "text/css",
                    Some("js") => "text/javascript",
                    Some("json") => "application/json",
                    Some("svg") => "image/svg+xml",
                    Some("jpg") | Some("jpeg") => "image/jpeg",
                    Some("png") => "image/png",
                    _ => "application/octet-stream",
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            });
        }
    });
    port
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn find_chromium() -> Option<PathBuf> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

fn has_cjk_font() -> bool {
    Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").exists()
        || Command::new("fc-list")
            .arg(":lang=zh")
            .output()
            .is_ok_and(|o| !o.stdout.is_empty())
}

/// Chromium's path. When Chromium or a CJK font is missing and apt-get can
/// run (as in CI), installs Debian's `chromium` and `fonts-noto-cjk` first;
/// otherwise panics with what to install.
pub fn chromium() -> PathBuf {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        if find_chromium().is_some() && has_cjk_font() {
            return;
        }
        eprintln!("installing chromium and fonts-noto-cjk for the browser tests…");
        let ok = Command::new("sh")
            .arg("-c")
            .arg("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk")
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("could not install chromium with apt-get");
        }
    });
    match find_chromium() {
        Some(p) if has_cjk_font() => p,
        _ => panic!(
            "this test needs headless Chromium and a CJK font: apt-get install chromium fonts-noto-cjk"
        ),
    }
}

/// Loads `url` in headless Chromium, lets its scripts run, returns the DOM.
pub fn dump_dom(url: &str, window: (u32, u32)) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            "--hide-scrollbars",
            "--virtual-time-budget=60000",
            "--dump-dom",
        ])
        .arg(format!("--window-size={},{}", window.0, window.1))
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// ---------------------------------------------------------------------------
// Running any subcommand (check, report, new) and git, for check.rs,
// report.rs and new.rs.

/// A finished `dangri` run: exit status, stdout and stderr.
pub struct Ran {
    pub output: Output,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }

    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Ran {
        assert_eq!(
            self.code(),
            Some(code),
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }

    /// The non-empty lines of stdout.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect()
    }
}

impl Site {
    /// Runs `dangri ARGS…` with the site folder as the working folder.
    pub fn dangri(&self, args: &[&str]) -> Ran {
        self.dangri_with(args, &[])
    }

    /// `dangri` with these environment variables too.
    pub fn dangri_with(&self, args: &[&str], env: &[(&str, &str)]) -> Ran {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dangri"));
        cmd.current_dir(&self.root).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let output = cmd.output().unwrap();
        Ran {
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            output,
        }
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root.join(rel)).unwrap()
    }

    /// Another site folder `name` beside this one, in the same temporary
    /// folder (e.g. a clone); nothing is created.
    pub fn sibling(&self, name: &str) -> Site {
        Site {
            dir: self.dir.clone(),
            root: self.dir.path().join(name),
        }
    }

    /// Runs git in the site folder with a fixed identity and both commit
    /// dates set to `date` (RFC 3339); panics when git fails.
    pub fn git(&self, args: &[&str], date: &str) -> &Site {
        let out = Command::new("git")
            .current_dir(&self.root)
            .args([
                "-c",
                "user.name=测试",
                "-c",
                "user.email=test@example.org",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        self
    }
}
