//! A lecture's LED pictures on a profile with `pictures: true`: the
//! numbered PNGs of `png` beside the HTML show, a playlist (M3U and JSON)
//! and one zip of them all, for the people who load the screens.
//!
//! Drawing is the costly part, so pictures are cached in
//! `.dangri-cache/led/` beside the site, keyed by what they show (the
//! deck's lines and code, the screen, the colours), the font and the
//! drawing's version: a rebuild draws only the decks that changed.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

use super::deck::{Deck, SlideRef};
use super::font::LedFont;
use super::png;

/// The zip of a show's pictures and playlists.
pub(crate) const ZIP: &str = "pictures.zip";
pub(crate) const M3U: &str = "playlist.m3u";
pub(crate) const JSON: &str = "playlist.json";

/// The name of the `n`th picture (from 0) of a show: `001.png`, …
pub(crate) fn picture_name(n: usize) -> String {
    format!("{:03}.png", n + 1)
}

/// The pictures of `deck`, from the cache or drawn (and then cached).
pub(crate) fn pictures(deck: &Deck, font: &LedFont, cache: &Cache) -> Result<Vec<Vec<u8>>> {
    let key = key(deck, font);
    cache.used(&key);
    if let Some(found) = cache.get(&key, deck.slide_count()) {
        return Ok(found);
    }
    let drawn = png::draw(deck, font)?;
    cache.put(&key, &drawn);
    Ok(drawn)
}

/// Every file of a show's pictures, by name, sorted: the pictures, the
/// playlists, then the zip of all the others.
pub(crate) fn files(
    deck: &Deck,
    lecture_id: &str,
    pictures: Vec<Vec<u8>>,
) -> Result<Vec<(String, Vec<u8>)>> {
    let names: Vec<String> = (0..pictures.len()).map(picture_name).collect();
    let mut files: Vec<(String, Vec<u8>)> = names.iter().cloned().zip(pictures).collect();
    files.push((M3U.into(), m3u(deck, &names).into_bytes()));
    files.push((JSON.into(), json(deck, lecture_id, &names)?.into_bytes()));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let zip = zip(&files).context("cannot write the zip of a show's pictures")?;
    files.push((ZIP.into(), zip));
    Ok(files)
}

/// An M3U playlist: players that read one (VLC and those built on it) show
/// each picture its seconds.
pub(crate) fn m3u(deck: &Deck, names: &[String]) -> String {
    let s = deck.seconds();
    let mut out = String::from("#EXTM3U\n");
    for (n, name) in names.iter().enumerate() {
        out.push_str(&format!(
            "#EXTINF:{s},{} {}/{}\n#EXTVLCOPT:image-duration={s}\n{name}\n",
            deck.title,
            n + 1,
            names.len()
        ));
    }
    out
}

#[derive(Serialize)]
struct Playlist<'a> {
    lecture: &'a str,
    title: &'a str,
    profile: &'a str,
    width: u32,
    height: u32,
    /// Every picture, in play order.
    pictures: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    file: &'a str,
    seconds: u32,
}

fn json(deck: &Deck, lecture_id: &str, names: &[String]) -> Result<String> {
    let p = &deck.profile;
    let playlist = Playlist {
        lecture: lecture_id,
        title: &deck.title,
        profile: &p.name,
        width: p.width,
        height: p.height,
        pictures: names
            .iter()
            .map(|file| Entry {
                file,
                seconds: deck.seconds(),
            })
            .collect(),
    };
    Ok(serde_json::to_string_pretty(&playlist)? + "\n")
}

/// A zip of `files` in the order given: pictures stored (a PNG is
/// compressed already), text deflated, every time 1980-01-01 00:00, so the
/// same files give the same bytes.
pub(crate) fn zip(files: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        let method = if name.ends_with(".png") {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        w.start_file(name.as_str(), options)?;
        w.write_all(bytes)?;
    }
    Ok(w.finish()?.into_inner())
}

/// The cache key of a deck's pictures: everything drawn, nothing else (not
/// the record's place in the site, nor the seconds a slide stays).
fn key(deck: &Deck, font: &LedFont) -> String {
    let mut h = Xxh3::new();
    let mut put = |s: &str| {
        h.update(s.as_bytes());
        h.update(&[0]);
    };
    let p = &deck.profile;
    let c = &deck.palette;
    put(env!("CARGO_PKG_VERSION"));
    put(png::DRAWING);
    put(&format!("{:032x}", font.identity));
    put(&format!(
        "{}x{} {} {:?}",
        p.width, p.height, p.font_px, deck.metrics
    ));
    put(&format!(
        "{} {} {} {} {}",
        c.background, c.cover, c.text, c.heading, c.meta
    ));
    for slide in deck.slides() {
        let (kind, lines) = match slide {
            SlideRef::Cover(s) => ("cover", &s.lines),
            SlideRef::Text(s) => ("text", &s.lines),
            SlideRef::Qr(q) => {
                let n = q.code.size();
                let modules: String = (0..n * n)
                    .map(|k| {
                        if q.code.is_dark(k % n, k / n) {
                            '1'
                        } else {
                            '0'
                        }
                    })
                    .collect();
                put(&format!("qr {n} {} {modules}", q.module_px));
                ("caption", &q.caption.lines)
            }
        };
        put(kind);
        for l in lines {
            put(&format!("{:?} {} {}", l.role, l.indent, l.text));
        }
    }
    format!("{:032x}", h.digest128())
}

/// Drawn pictures under `.dangri-cache/led/<key>/`, one folder a deck. A
/// cache that cannot be read or written only costs time.
pub(crate) struct Cache {
    dir: Option<PathBuf>,
    /// The decks asked for, for `prune`.
    used: std::sync::Mutex<std::collections::BTreeSet<String>>,
}

impl Cache {
    /// The cache of the site at `root`.
    pub(crate) fn open(root: &Path) -> Cache {
        Cache {
            dir: Some(root.join(".dangri-cache").join("led")),
            used: Default::default(),
        }
    }

    fn used(&self, key: &str) {
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key.to_owned());
    }

    /// Removes the decks no picture was asked for since the cache was
    /// opened: after every lecture's pictures of a build, those of
    /// lectures changed or gone (or of another font), which would
    /// otherwise pile up. A folder that cannot be removed stays.
    pub(crate) fn prune(&self) {
        let Some(dir) = &self.dir else {
            return;
        };
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            // Another build's deck being stored (`<key>.tmp<pid>`) is left.
            if !used.contains(&name) && !name.contains(".tmp") {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }

    fn get(&self, key: &str, count: usize) -> Option<Vec<Vec<u8>>> {
        let dir = self.dir.as_ref()?.join(key);
        (0..count)
            .map(|n| fs::read(dir.join(picture_name(n))).ok())
            .collect()
    }

    fn put(&self, key: &str, pictures: &[Vec<u8>]) {
        let Some(root) = &self.dir else {
            return;
        };
        let dir = root.join(key);
        let tmp = root.join(format!("{key}.tmp{}", std::process::id()));
        let write = || -> std::io::Result<()> {
            fs::create_dir_all(&tmp)?;
            for (n, bytes) in pictures.iter().enumerate() {
                fs::write(tmp.join(picture_name(n)), bytes)?;
            }
            fs::rename(&tmp, &dir)
        };
        if write().is_err() {
            // Another build stored the same deck first, or the disk is
            // full: either way the pictures were drawn and are used.
            let _ignored = fs::remove_dir_all(&tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_numbered_in_play_order() {
        assert_eq!(picture_name(0), "001.png");
        assert_eq!(picture_name(41), "042.png");
        let mut names: Vec<String> = (0..120).rev().map(picture_name).collect();
        names.sort();
        assert_eq!(names, (0..120).map(picture_name).collect::<Vec<_>>());
    }

    #[test]
    fn the_same_files_zip_to_the_same_bytes() {
        let files = vec![
            ("001.png".to_string(), vec![1u8; 100]),
            ("playlist.m3u".to_string(), b"#EXTM3U\n".repeat(20)),
        ];
        let a = zip(&files).unwrap();
        assert_eq!(a, zip(&files).unwrap());
        // The first entry's DOS time and date: 00:00, 1980-01-01, not now.
        assert_eq!(a[10..14], [0, 0, 0x21, 0]);
        // Stored pictures appear as they are.
        assert!(a.windows(100).any(|w| w == [1u8; 100]));
    }
}
