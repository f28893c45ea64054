//! Routes: the one place that knows where each page lives (SPEC §5).
//! A route is a list of raw path segments; it gives the output file, the
//! site-relative link (with the base path) and the absolute URL.

use std::path::PathBuf;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::config::Config;
use crate::date::YearMonth;

/// Everything but RFC 3986's unreserved characters is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A page's location: raw segments, a folder page unless `file` is set.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Route {
    pub segments: Vec<String>,
    /// A file route (`atom.xml`) rather than a folder with `index.html`.
    pub file: bool,
}

impl Route {
    pub fn dir<I, S>(segments: I) -> Route
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Route {
            segments: segments.into_iter().map(Into::into).collect(),
            file: false,
        }
    }

    pub fn file<I, S>(segments: I) -> Route
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Route {
            segments: segments.into_iter().map(Into::into).collect(),
            file: true,
        }
    }

    pub fn home() -> Route {
        Route::dir(Vec::<String>::new())
    }

    /// The path below the site root, encoded, without a leading `/`.
    pub fn encoded(&self) -> String {
        let mut s = String::new();
        for (i, seg) in self.segments.iter().enumerate() {
            if i > 0 {
                s.push('/');
            }
            s.extend(utf8_percent_encode(seg, SEGMENT));
        }
        if !self.file && !self.segments.is_empty() {
            s.push('/');
        }
        s
    }

    /// The link used inside pages: `/base/path/`.
    pub fn link(&self, config: &Config) -> String {
        format!("{}{}", config.base_path, self.encoded())
    }

    /// The absolute URL: `https://host/base/path/`.
    pub fn absolute(&self, config: &Config) -> String {
        format!("{}{}", config.base_url, self.encoded())
    }

    /// The file this route is written to, relative to the output folder.
    pub fn output_file(&self) -> PathBuf {
        let mut p: PathBuf = self.segments.iter().collect();
        if !self.file {
            p.push("index.html");
        }
        p
    }
}

pub(crate) fn branches() -> Route {
    Route::dir(["branches"])
}

pub(crate) fn branch(b: &str) -> Route {
    Route::dir(["branches", b])
}

pub(crate) fn branch_feed(b: &str) -> Route {
    Route::file(["branches", b, "atom.xml"])
}

pub(crate) fn month(b: &str, ym: YearMonth) -> Route {
    Route::dir(["branches".to_string(), b.to_string(), ym.to_string()])
}

pub(crate) fn record(b: &str, ym: YearMonth, r: &str) -> Route {
    Route::dir([
        "branches".to_string(),
        b.to_string(),
        ym.to_string(),
        r.to_string(),
    ])
}

/// A picture of a month folder, published beside the month page.
pub(crate) fn photo(b: &str, ym: YearMonth, file: &str) -> Route {
    Route::file([
        "branches".to_string(),
        b.to_string(),
        ym.to_string(),
        file.to_string(),
    ])
}

/// The lecture id of SPEC §5: `<branch>-<YYYY-MM>-<record>`.
pub(crate) fn lecture_id(b: &str, ym: YearMonth, r: &str) -> String {
    format!("{b}-{ym}-{r}")
}

pub(crate) fn lectures() -> Route {
    Route::dir(["lectures"])
}

/// The lectures of one month: `/lectures/2026-05/`. No lecture's page
/// takes the name (theirs are `<branch>-<YYYY-MM>-<record>`).
pub(crate) fn lectures_month(ym: YearMonth) -> Route {
    Route::dir(["lectures".to_string(), ym.to_string()])
}

pub(crate) fn lecture(b: &str, ym: YearMonth, r: &str) -> Route {
    Route::dir(["lectures".to_string(), lecture_id(b, ym, r)])
}

/// The short ASCII alias of a lecture for QR codes: stable as long as the
/// lecture keeps its branch, month and file name.
pub(crate) fn short_code(b: &str, ym: YearMonth, r: &str) -> String {
    stable_code(&lecture_id(b, ym, r), 7)
}

/// `len` base-36 characters of the FNV-1a hash (64 bits) of `text`: stable
/// across platforms and releases, unlike std's hasher.
fn stable_code(text: &str, len: usize) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut s = String::with_capacity(len);
    for _ in 0..len {
        s.push(DIGITS[(h % 36) as usize] as char);
        h /= 36;
    }
    s
}

/// The URL segment of a place's page when `site.yaml` gives it none: eight
/// ASCII characters hashed from the canonical name. Chinese names have no
/// spelling in ASCII that is both right and automatic (pinyin needs a
/// dictionary and guesses heteronyms), a numbered scheme would renumber
/// when a place is added, and the name itself percent-encoded is long in
/// a QR code on a plaque. A hash of the name stays the same whatever other
/// places come and go, and whatever aliases the place gains.
pub(crate) fn place_slug(key: &str) -> String {
    stable_code(key, 8)
}

pub(crate) fn short(code: &str) -> Route {
    Route::dir(["m", code])
}

pub(crate) fn speakers() -> Route {
    Route::dir(["speakers"])
}

pub(crate) fn speaker(s: &str) -> Route {
    Route::dir(["speakers", s])
}

pub(crate) fn speaker_photo(file: &str) -> Route {
    Route::file(["speakers", file])
}

pub(crate) fn five_things() -> Route {
    Route::dir(["five-things"])
}

/// A lecture's slide show on LED profile `profile`.
pub(crate) fn led_show(profile: &str, b: &str, ym: YearMonth, r: &str) -> Route {
    Route::dir(["led".to_string(), profile.to_string(), lecture_id(b, ym, r)])
}

/// The channel of LED profile `profile`: the newest lectures in turn.
pub(crate) fn led_channel(profile: &str) -> Route {
    Route::dir(["led", profile])
}

pub(crate) fn screens() -> Route {
    Route::dir(["screens"])
}

pub(crate) fn assessment() -> Route {
    Route::dir(["assessment"])
}

pub(crate) fn assessment_year(year: u16) -> Route {
    Route::dir(["assessment".to_string(), year.to_string()])
}

pub(crate) fn five_things_year(year: u16) -> Route {
    Route::dir(["five-things".to_string(), year.to_string()])
}

pub(crate) fn bulletin(ym: YearMonth) -> Route {
    Route::dir(["five-things".to_string(), ym.to_string()])
}

pub(crate) fn places() -> Route {
    Route::dir(["places"])
}

pub(crate) fn place(slug: &str) -> Route {
    Route::dir(["places", slug])
}

/// A branch's ledger (台账) of a year.
pub(crate) fn ledger(b: &str, year: u16) -> Route {
    Route::dir([
        "branches".to_string(),
        b.to_string(),
        "ledger".to_string(),
        year.to_string(),
    ])
}

pub(crate) fn page(slug: &str) -> Route {
    Route::dir([slug])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;

    #[test]
    fn chinese_segments_are_encoded_and_files_are_raw() {
        let d = Diagnostics::new();
        let c = Config::parse("title: t\nbase_url: https://e.org/a/\n", &d);
        let ym = YearMonth::parse("2026-05").unwrap();
        let r = record("东瑶村", ym, "学习");
        assert_eq!(
            r.link(&c),
            "/a/branches/%E4%B8%9C%E7%91%B6%E6%9D%91/2026-05/%E5%AD%A6%E4%B9%A0/"
        );
        assert_eq!(
            r.output_file(),
            PathBuf::from("branches/东瑶村/2026-05/学习/index.html")
        );
        assert_eq!(Route::home().absolute(&c), "https://e.org/a/");
        assert_eq!(branch_feed("x").link(&c), "/a/branches/x/atom.xml");
    }

    #[test]
    fn short_codes_are_stable_ascii() {
        let ym = YearMonth::parse("2026-05").unwrap();
        let a = short_code("b1", ym, "lecture");
        assert_eq!(a.len(), 7);
        assert!(a.bytes().all(|b| b.is_ascii_alphanumeric()));
        // Pinned: a printed QR code must keep working after an upgrade.
        assert_eq!(a, "8f3mh82");
        assert_ne!(a, short_code("b2", ym, "lecture"));
    }

    #[test]
    fn place_slugs_are_stable_ascii() {
        let a = place_slug("谷文昌纪念馆");
        assert_eq!(a.len(), 8);
        assert!(a.bytes().all(|b| b.is_ascii_alphanumeric()));
        // Pinned: a printed link to a place must keep working.
        assert_eq!(a, "e7rmgnh7");
        assert_ne!(a, place_slug("东山谷文昌纪念馆"));
    }
}
