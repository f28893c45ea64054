//! The theme: the embedded default theme, a site's theme folder on disk and
//! the site's `templates/` overrides, layered in that order by file name
//! (strings files by key: a theme may hold only the words it changes).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostics, Pos};

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/", $name)))),*]
    };
}

/// The default theme, compiled into the binary.
const DEFAULT: &[(&str, &str)] = embed!(
    "templates/base.html",
    "templates/components.html",
    "templates/index.html",
    "templates/branches.html",
    "templates/branch.html",
    "templates/month.html",
    "templates/record.html",
    "templates/lectures.html",
    "templates/lecture.html",
    "templates/speakers.html",
    "templates/speaker.html",
    "templates/five_things.html",
    "templates/bulletin.html",
    "templates/assessment.html",
    "templates/screens.html",
    "templates/attendance.html",
    "templates/page.html",
    "templates/404.html",
    "templates/redirect.html",
    "templates/search.html",
    "templates/places.html",
    "templates/place.html",
    "templates/ledger.html",
    "static/style.css",
    "static/favicon.svg",
    "static/search.css",
    "static/ledger.css",
    "static/search.js",
    "i18n/zh-CN.yaml",
    "i18n/en.yaml",
);

/// A theme file: embedded text or a file on disk.
#[derive(Debug, Clone)]
pub enum Asset {
    Embedded(&'static str),
    Disk(PathBuf),
}

impl Asset {
    pub fn read(&self) -> std::io::Result<String> {
        match self {
            Asset::Embedded(s) => Ok((*s).to_string()),
            Asset::Disk(p) => std::fs::read_to_string(p),
        }
    }
}

/// The resolved theme: templates and static files by name, UI strings by
/// language.
#[derive(Debug, Default)]
pub struct Theme {
    pub templates: BTreeMap<String, Asset>,
    pub statics: BTreeMap<PathBuf, Asset>,
    /// Per language, the strings files from the bottom layer up: the
    /// default theme's, then the site theme's (see `strings::Strings::load`).
    pub i18n: BTreeMap<String, Vec<Asset>>,
}

impl Theme {
    /// The default theme as dangri carries it, with no site's overlay.
    pub fn builtin() -> Theme {
        let mut theme = Theme::default();
        for (path, text) in DEFAULT {
            theme.add(Path::new(path), Asset::Embedded(text));
        }
        theme
    }

    pub fn load(root: &Path, name: &str, diags: &Diagnostics) -> Theme {
        let mut theme = Theme::builtin();
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            theme.overlay(&dir, &dir, diags);
        } else if name != "default" {
            diags.error(
                crate::config::SITE_YAML,
                Pos::START,
                crate::msg::SiteMsg::ThemeNotFound {
                    name: name.to_string(),
                },
            );
        }
        let overrides = root.join("templates");
        if overrides.is_dir() {
            for entry in walk(&overrides, diags) {
                let rel = entry.strip_prefix(&overrides).unwrap_or(&entry);
                theme
                    .templates
                    .insert(slash(rel), Asset::Disk(entry.clone()));
            }
        }
        theme
    }

    fn overlay(&mut self, dir: &Path, base: &Path, diags: &Diagnostics) {
        for entry in walk(dir, diags) {
            let rel = entry.strip_prefix(base).unwrap_or(&entry).to_path_buf();
            self.add(&rel, Asset::Disk(entry));
        }
    }

    fn add(&mut self, rel: &Path, asset: Asset) {
        let mut parts = rel.components();
        let Some(first) = parts.next() else { return };
        let rest: PathBuf = parts.collect();
        match first.as_os_str().to_str() {
            Some("templates") => {
                self.templates.insert(slash(&rest), asset);
            }
            Some("static") => {
                self.statics.insert(rest, asset);
            }
            Some("i18n") => {
                let lang = rest.to_string_lossy().trim_end_matches(".yaml").to_string();
                self.i18n.entry(lang).or_default().push(asset);
            }
            _ => {}
        }
    }
}

fn slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn walk(dir: &Path, diags: &Diagnostics) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        match entry {
            Ok(e)
                if e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.') =>
            {
                out.push(e.into_path());
            }
            Ok(_) => {}
            Err(e) => diags.error(
                &dir.display().to_string(),
                Pos::START,
                crate::msg::SiteMsg::CannotReadTheme {
                    error: e.to_string(),
                },
            ),
        }
    }
    out
}

/// The parts of a stylesheet between `/* <name>: begin */` and
/// `/* <name>: end */` markers, joined: a theme marks in `style.css` what
/// the light lecture pages need, and dangri writes that as `lecture.css`.
/// `None` when the stylesheet has no such marker.
pub fn marked_sections(css: &str, name: &str) -> Option<String> {
    let begin = format!("/* {name}: begin */");
    let end = format!("/* {name}: end */");
    let mut out = String::new();
    let mut rest = css;
    while let Some(b) = rest.find(&begin) {
        let after = &rest[b + begin.len()..];
        let e = after.find(&end).unwrap_or(after.len());
        out.push_str(after[..e].trim_matches('\n'));
        out.push('\n');
        rest = &after[(e + end.len()).min(after.len())..];
    }
    (!out.is_empty()).then_some(out)
}

/// `css` without its comments, indentation and blank lines: the light
/// stylesheet of the lecture pages is read on phones over slow links, and
/// the theme's comments are for its authors (a quarter of its bytes).
/// Strings are copied as they are.
pub fn compact_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == '\\' {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '/' && chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for n in chars.by_ref() {
                    if last == '*' && n == '/' {
                        break;
                    }
                    last = n;
                }
            }
            None => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_css_drops_comments_and_indentation_only() {
        let css =
            "/* a\n comment */\n.a {\n  content: \"/* kept */\";\n\n  color: red; /* x */\n}\n";
        assert_eq!(
            compact_css(css),
            ".a {\ncontent: \"/* kept */\";\ncolor: red;\n}\n"
        );
    }

    #[test]
    fn marked_sections_are_joined_in_order() {
        let css = "/* x: begin */\na{}\n/* x: end */\nb{}\n/* x: begin */\nc{}\n/* x: end */\n";
        assert_eq!(marked_sections(css, "x").as_deref(), Some("a{}\nc{}\n"));
        assert_eq!(marked_sections("b{}", "x"), None);
    }

    #[test]
    fn default_theme_lecture_css_is_light() {
        let css = DEFAULT
            .iter()
            .find(|(n, _)| *n == "static/style.css")
            .map(|(_, t)| *t)
            .unwrap_or("");
        let lecture = marked_sections(css, "lecture.css").unwrap_or_default();
        assert!(
            lecture.contains(".prose"),
            "prose styles are in lecture.css"
        );
        assert!(
            lecture.len() < 30_000,
            "lecture.css is {} bytes",
            lecture.len()
        );
    }
}
