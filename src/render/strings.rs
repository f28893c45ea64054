//! The theme's words: one table of UI strings (`i18n/<lang>.yaml` of the
//! theme) for everything a reader sees, the pages as much as the reports of
//! `dangri report`, so that a district changes a word in one place and an
//! English site speaks English everywhere. Loading it compiles no template:
//! a report needs the words, not the pages.
//!
//! A string may hold placeholders, `{name}`, where a number, a month or a
//! name goes in ([`fill`]). Templates read the same table as `t`.

use std::collections::HashMap;
use std::fmt::Display;
use std::path::Path;

use serde::Serialize;

use super::theme::{Asset, Theme};
use crate::config::Lang;
use crate::date::{Date, YearMonth};
use crate::diag::{Diagnostics, Pos};
use crate::msg::SiteMsg;

/// The UI strings of one language, with the zh-CN ones beneath.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(transparent)]
pub struct Strings {
    map: HashMap<String, String>,
}

impl Strings {
    /// The strings of `lang` from the theme of the site at `root`. A key
    /// is looked up in the site theme's file of the language, then the
    /// default theme's, then the same two of zh-CN (the default theme's own
    /// language): a theme that changes a few words, or was copied before a
    /// key was added, still has every other word, in its language. A file
    /// that cannot be read or is not `key: text` lines is an error at that
    /// file, and `None`.
    pub fn load(root: &Path, theme: &Theme, lang: Lang, diags: &Diagnostics) -> Option<Strings> {
        let mut codes = vec!["zh-CN"];
        if lang.code() != "zh-CN" {
            codes.push(lang.code());
        }
        let mut map = HashMap::new();
        let mut ok = true;
        // Later layers win: zh-CN beneath the language, the default theme
        // beneath the site's.
        for code in codes {
            for asset in theme.i18n.get(code).into_iter().flatten() {
                match read(root, code, asset, diags) {
                    Some(layer) => map.extend(layer),
                    None => ok = false,
                }
            }
        }
        ok.then_some(Strings { map })
    }

    /// The string of `key`; the key itself when no file has it, so that a
    /// missing word shows where it is missing instead of nothing.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The string of `key` with its placeholders filled (see [`fill`]).
    pub fn fill(&self, key: &str, values: &[(&str, &dyn Display)]) -> String {
        fill(self.get(key), values)
    }

    /// A month written by the format `key` (`format_month`, or a report's
    /// own): `{year}`, `{month}` (1 to 12), `{mm}` (01 to 12) and
    /// `{month_name}` (`month_name_1` to `month_name_12`).
    pub fn month(&self, key: &str, ym: YearMonth) -> String {
        self.calendar(key, ym, None)
    }

    /// A date written by the format `key` (`format_date`): the month's
    /// placeholders, `{day}` (1 to 31) and `{dd}` (01 to 31).
    pub fn date(&self, key: &str, d: Date) -> String {
        let ym = YearMonth {
            year: d.year,
            month: d.month,
        };
        self.calendar(key, ym, Some(d.day))
    }

    fn calendar(&self, key: &str, ym: YearMonth, day: Option<u8>) -> String {
        let name_key = format!("month_name_{}", ym.month);
        let name = self.get(&name_key);
        let mm = format!("{:02}", ym.month);
        let mut values: Vec<(&str, &dyn Display)> = vec![
            ("year", &ym.year),
            ("month", &ym.month),
            ("mm", &mm),
            ("month_name", &name),
        ];
        let dd = day.map(|d| (d, format!("{d:02}")));
        if let Some((day, dd)) = &dd {
            values.extend([("day", day as &dyn Display), ("dd", dd)]);
        }
        self.fill(key, &values)
    }
}

/// One strings file as a map; `None` (an error at the file) when it cannot
/// be read or parsed.
fn read(
    root: &Path,
    code: &str,
    asset: &Asset,
    diags: &Diagnostics,
) -> Option<HashMap<String, String>> {
    let path = file_name(root, code, asset);
    match asset.read() {
        Ok(text) => parse(&text, &path, diags),
        Err(e) => {
            let error = e.to_string();
            diags.error(&path, Pos::START, SiteMsg::CannotReadStrings { error });
            None
        }
    }
}

/// Where a strings file is, as a problem names it: relative to the site,
/// or the default theme's file for the one built into dangri.
fn file_name(root: &Path, code: &str, asset: &Asset) -> String {
    match asset {
        Asset::Disk(file) => crate::diag::rel_path(root, file),
        Asset::Embedded(_) => format!("themes/default/i18n/{code}.yaml"),
    }
}

/// One i18n file as a map; a YAML error at its line and column.
fn parse(text: &str, path: &str, diags: &Diagnostics) -> Option<HashMap<String, String>> {
    match serde_yaml::from_str::<HashMap<String, String>>(text) {
        Ok(map) => Some(map),
        Err(e) => {
            let pos = e
                .location()
                .map(|l| Pos::new(l.line(), l.column()))
                .unwrap_or(Pos::START);
            diags.error(
                path,
                pos,
                SiteMsg::StringsShape {
                    error: e.to_string(),
                },
            );
            None
        }
    }
}

/// `text` with each `{name}` of `values` replaced by its value, in one pass:
/// a value is never read again for placeholders (a branch may be called
/// `{n}`), and braces around any other word stay as written.
pub fn fill(text: &str, values: &[(&str, &dyn Display)]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let found = after.find('}').and_then(|close| {
            let name = &after[..close];
            let (_, value) = values.iter().find(|(n, _)| *n == name)?;
            Some((value, close))
        });
        match found {
            Some((value, close)) => {
                let _ = write!(out, "{value}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_named_placeholders_once() {
        let text = "连续 {n} 个月，{year} 年";
        assert_eq!(
            fill(text, &[("n", &3), ("year", &2026)]),
            "连续 3 个月，2026 年"
        );
        assert_eq!(fill("{n}{n}", &[("n", &"{n}")]), "{n}{n}");
        assert_eq!(fill("{x} {", &[("n", &1)]), "{x} {");
        assert_eq!(fill("{{n}}", &[("n", &1)]), "{1}");
        assert_eq!(fill("", &[]), "");
    }

    /// The default theme writes dates as dangri always has.
    #[test]
    fn default_theme_writes_dates_as_each_language_does() {
        let load = |lang| {
            let root = Path::new("/nonexistent");
            let theme = Theme::load(root, "default", &Diagnostics::new());
            Strings::load(root, &theme, lang, &Diagnostics::new()).unwrap_or_default()
        };
        let (zh, en) = (load(Lang::ZhCn), load(Lang::En));
        let d = Date::parse("2026-05-12").unwrap();
        let ym = YearMonth::parse("2026-12").unwrap();
        assert_eq!(zh.date("format_date", d), "2026年5月12日");
        assert_eq!(en.date("format_date", d), "12 May 2026");
        assert_eq!(zh.month("format_month", ym), "2026年12月");
        assert_eq!(en.month("format_month", ym), "December 2026");
        // A key no file has is its own format: every placeholder at once.
        assert_eq!(
            en.date("{dd}.{mm}.{year} {month_name} {day}", d),
            "12.05.2026 May 12"
        );
    }

    #[test]
    fn a_missing_key_is_shown_as_itself() {
        let s = Strings::default();
        assert_eq!(s.get("nav_home"), "nav_home");
        assert_eq!(s.fill("n_{n}", &[("n", &2)]), "n_2");
    }

    /// Every key of the default theme exists in both languages: an English
    /// site must never fall back to a Chinese word or show a raw key.
    #[test]
    fn default_theme_languages_have_the_same_keys() {
        let keys = |text: &str| {
            let d = Diagnostics::new();
            let map = parse(text, "test", &d).unwrap_or_default();
            let mut keys: Vec<String> = map.into_keys().collect();
            keys.sort();
            keys
        };
        let zh = keys(include_str!("../../themes/default/i18n/zh-CN.yaml"));
        let en = keys(include_str!("../../themes/default/i18n/en.yaml"));
        assert!(!zh.is_empty());
        let only = |a: &[String], b: &[String]| {
            a.iter()
                .filter(|k| !b.contains(k))
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(
            only(&zh, &en),
            Vec::<String>::new(),
            "keys missing in en.yaml"
        );
        assert_eq!(
            only(&en, &zh),
            Vec::<String>::new(),
            "keys missing in zh-CN.yaml"
        );
    }
}
