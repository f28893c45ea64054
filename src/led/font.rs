//! The font of the LED pictures: the file `led.font` names, or else an
//! installed CJK font found with `fontdb`. A picture is drawn with the real
//! glyphs of one font, so the font is part of what a picture is: its
//! identity (a hash of its bytes) keys the pictures' cache.
//!
//! Fonts are loaded once per process and kept (a CJK font is about 20 MB,
//! and `serve` draws a lecture's pictures again on every save).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ab_glyph::{Font, FontArc, FontVec, GlyphId, PxScale, point};

use crate::config::FontSetting;

/// Installed fonts tried in order when `led.font` is not set: the common
/// CJK sans-serif families of Linux, Windows and macOS.
pub(crate) const FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
];

/// One face of a font file.
pub(crate) struct Face {
    pub font: FontArc,
    /// Where it was read, for messages.
    pub path: PathBuf,
    /// Glyphs drawn so far, by glyph and size: a lecture repeats most of
    /// its characters, and lectures share most of theirs.
    rasters: Mutex<Rasters>,
}

/// Glyphs by glyph id and size (the bits of the scale); `None`: no ink.
type Rasters = HashMap<(u16, u32), Option<Arc<Raster>>>;

/// A glyph's coverage at one size, its pen at a whole pixel.
pub(crate) struct Raster {
    /// From the pen on the baseline to the top left pixel.
    pub left: i64,
    pub top: i64,
    pub width: usize,
    /// Row by row, 0 (none) to 255 (covered).
    pub coverage: Vec<u8>,
}

/// Glyphs a face keeps drawn; past this it starts again (a site's
/// characters at a few sizes stay well below it).
const RASTERS: usize = 20_000;

impl Face {
    /// Glyph `id` at `scale`; `None` for a glyph without ink (a space).
    pub(crate) fn raster(&self, id: GlyphId, scale: PxScale) -> Option<Arc<Raster>> {
        let key = (id.0, scale.y.to_bits());
        if let Some(r) = self
            .rasters
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return r.clone();
        }
        let drawn = self
            .font
            .outline_glyph(id.with_scale_and_position(scale, point(0.0, 0.0)))
            .map(|g| {
                let b = g.px_bounds();
                let width = b.width().max(0.0) as usize;
                let height = b.height().max(0.0) as usize;
                let mut coverage = vec![0u8; width * height];
                g.draw(|x, y, c| {
                    if let Some(px) = coverage.get_mut(y as usize * width + x as usize) {
                        *px = (c.clamp(0.0, 1.0) * 255.0).round() as u8;
                    }
                });
                Arc::new(Raster {
                    left: b.min.x as i64,
                    top: b.min.y as i64,
                    width,
                    coverage,
                })
            });
        let mut rasters = self.rasters.lock().unwrap_or_else(|e| e.into_inner());
        if rasters.len() >= RASTERS {
            rasters.clear();
        }
        rasters.insert(key, drawn.clone());
        drawn
    }
}

/// The faces the pictures are drawn with.
pub(crate) struct LedFont {
    pub regular: Face,
    /// The bold face of the same family; `None`: the regular one is
    /// emboldened where a line is bold (titles, headings).
    pub bold: Option<Face>,
    /// A hash of the faces' bytes and indices: changes when the font does.
    pub identity: u128,
}

impl LedFont {
    /// The face for a bold or a regular line.
    pub(crate) fn face(&self, bold: bool) -> &Face {
        match (&self.bold, bold) {
            (Some(b), true) => b,
            _ => &self.regular,
        }
    }

    /// Whether the font draws `c` (a glyph other than the missing-glyph
    /// box), in the regular and, if there is one, the bold face.
    pub(crate) fn has(&self, c: char) -> bool {
        if c.is_whitespace() || c.is_control() {
            return true;
        }
        let has = |f: &Face| f.font.glyph_id(c) != GlyphId(0);
        has(&self.regular) && self.bold.as_ref().is_none_or(has)
    }

    /// What the pictures are drawn with, for messages: a file name.
    pub(crate) fn describe(&self) -> String {
        self.regular.path.display().to_string()
    }
}

/// The font of a site's pictures: `setting` (relative to `root`) or an
/// installed one. The error says what was tried and names `led.font`.
pub(crate) fn load(root: &Path, setting: Option<&FontSetting>) -> Result<Arc<LedFont>, String> {
    let key = match setting {
        Some(s) => {
            let path = root.join(&s.path);
            let stamp = std::fs::metadata(&path)
                .ok()
                .map(|m| (m.len(), m.modified().ok()));
            format!("{}\t{stamp:?}", path.display())
        }
        None => String::new(),
    };
    static LOADED: Mutex<BTreeMap<String, Arc<LedFont>>> = Mutex::new(BTreeMap::new());
    if let Some(font) = LOADED.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(Arc::clone(font));
    }
    let font = Arc::new(match setting {
        Some(s) => from_file(&root.join(&s.path), &s.path)?,
        None => installed()?,
    });
    LOADED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, Arc::clone(&font));
    Ok(font)
}

/// The font file `path` (`written` as in `site.yaml`): of a collection
/// (`.ttc`), the face for simplified Chinese if it names one, else the
/// first with Chinese glyphs, else the first.
fn from_file(path: &Path, written: &str) -> Result<LedFont, String> {
    let data = std::fs::read(path)
        .map_err(|e| format!("`led.font: {written}`: cannot read {}: {e}", path.display()))?;
    let faces = ttf_faces(&data);
    let chinese = |i: &u32| {
        ab_glyph::FontRef::try_from_slice_and_index(&data, *i)
            .is_ok_and(|f| f.glyph_id('党') != GlyphId(0))
    };
    let mut db = fontdb::Database::new();
    db.load_font_data(data.clone());
    let simplified = db
        .faces()
        .find(|f| {
            f.families.iter().any(|(name, _)| {
                [" SC", " CN", " GB", "Hans"]
                    .iter()
                    .any(|s| name.contains(s))
            })
        })
        .map(|f| f.index)
        .filter(chinese);
    let index = simplified.or_else(|| (0..faces).find(chinese)).unwrap_or(0);
    let regular = face(data, index, path).map_err(|e| {
        format!(
            "`led.font: {written}`: {} is not a font file (.ttf, .otf or .ttc): {e}",
            path.display()
        )
    })?;
    Ok(with_identity(regular, None))
}

/// The number of faces in a font file: a collection's count, else 1.
fn ttf_faces(data: &[u8]) -> u32 {
    if data.get(..4) == Some(b"ttcf") {
        data.get(8..12)
            .and_then(|b| b.try_into().ok())
            .map_or(1, |b: [u8; 4]| u32::from_be_bytes(b).min(64))
    } else {
        1
    }
}

fn face(data: Vec<u8>, index: u32, path: &Path) -> Result<Face, String> {
    let font = FontVec::try_from_vec_and_index(data, index).map_err(|e| e.to_string())?;
    Ok(Face {
        font: FontArc::new(font),
        path: path.to_path_buf(),
        rasters: Mutex::new(HashMap::new()),
    })
}

fn with_identity(regular: Face, bold: Option<Face>) -> LedFont {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for f in std::iter::once(&regular).chain(&bold) {
        h.update(f.font.font_data());
        h.update(&(f.font.font_data().len() as u64).to_le_bytes());
    }
    LedFont {
        identity: h.digest128(),
        regular,
        bold,
    }
}

/// The first installed family of `FAMILIES`, with its bold face if it has
/// one.
fn installed() -> Result<LedFont, String> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let query = |family: &str, weight: fontdb::Weight| {
        db.query(&fontdb::Query {
            families: &[fontdb::Family::Name(family)],
            weight,
            ..fontdb::Query::default()
        })
        .and_then(|id| db.face(id))
    };
    let load = |info: &fontdb::FaceInfo| -> Option<Face> {
        let fontdb::Source::File(path) = &info.source else {
            return None;
        };
        let data = std::fs::read(path).ok()?;
        face(data, info.index, path).ok()
    };
    for family in FAMILIES {
        let Some(info) = query(family, fontdb::Weight::NORMAL) else {
            continue;
        };
        let Some(regular) = load(info).filter(|f| f.font.glyph_id('党') != GlyphId(0)) else {
            continue;
        };
        let bold = query(family, fontdb::Weight::BOLD)
            .filter(|b| b.weight.0 >= 600 && b.id != info.id)
            .and_then(load);
        return Ok(with_identity(regular, bold));
    }
    Err(format!(
        "no Chinese font found for the LED pictures (looked for {}): install one (Debian, Ubuntu: `apt install fonts-noto-cjk`) or set `led.font` in content/site.yaml to a font file (.ttf, .otf or .ttc)",
        FAMILIES.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collections_face_count_comes_from_its_header() {
        let mut ttc = b"ttcf\0\x02\0\0\0\0\0\x05".to_vec();
        assert_eq!(ttf_faces(&ttc), 5);
        ttc[11] = 0;
        assert_eq!(ttf_faces(&ttc), 0);
        assert_eq!(ttf_faces(b"\0\x01\0\0"), 1);
        assert_eq!(ttf_faces(b"tt"), 1);
    }

    #[test]
    fn a_font_setting_that_names_no_file_says_so_and_names_the_setting() {
        let setting = FontSetting {
            path: "fonts/none.otf".into(),
            pos: crate::diag::Pos::START,
        };
        let Err(e) = load(Path::new("/nonexistent-site"), Some(&setting)) else {
            panic!("a font from nowhere");
        };
        assert!(
            e.starts_with("`led.font: fonts/none.otf`: cannot read"),
            "{e}"
        );
    }
}
