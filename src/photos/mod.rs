//! Photos: every published picture is decoded, turned upright by its EXIF
//! orientation, resized to a few widths (never upscaled) and encoded again,
//! which drops EXIF, GPS and every other piece of metadata. Which pictures
//! are written, and under which names, is decided in `model::pictures`;
//! pictures published as they are (`content/static/`) lose their metadata
//! in `strip`.
//!
//! Encoding is slow, so results are cached in `.dangri-cache/photos/` beside
//! the site, keyed by the picture's content and the settings: a rebuild never
//! re-encodes an unchanged photo. A small index of file sizes and times saves
//! hashing files that did not change.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use fast_image_resize::images::Image;
use fast_image_resize::{IntoImageView, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ExtendedColorType, ImageEncoder};
use rayon::prelude::*;

mod budget;
mod cache;
mod decode;
mod jpeg;
mod strip;

use cache::Cache;
pub use decode::verify;
pub use strip::static_file;

use crate::date::YearMonth;
use crate::diag::{Diagnostics, Pos};
use crate::model::Site;
use crate::model::pictures::{self, Picture, WIDTHS, output_name};
use crate::msg::Files;
use crate::output::Output;
use crate::urls;

/// Widths of speaker portraits.
const PORTRAIT_WIDTHS: &[u32] = &[240, 480];
const JPEG_QUALITY: u8 = 82;
/// Changes whenever the encoding changes, so that old cache entries die.
const SETTINGS: &str = "v1-q82";

/// One published picture: the width and height of each published variant,
/// ascending; the last is the full-size file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoSet {
    pub variants: Vec<(u32, u32)>,
    /// The published extension: `jpg` or `png`.
    pub ext: &'static str,
}

impl PhotoSet {
    /// File name of the variant `w` pixels wide; the largest keeps the
    /// source's name (so that body links keep working).
    pub fn file_name(&self, source: &str, w: u32) -> String {
        let stem = Path::new(source)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if self.variants.last().is_some_and(|(lw, _)| *lw == w) {
            output_name(source)
        } else {
            format!("{stem}-{w}.{}", self.ext)
        }
    }
}

/// Sizes of each published picture.
#[derive(Debug, Default)]
pub struct PhotoSizes {
    sets: HashMap<(String, YearMonth, String), PhotoSet>,
}

impl PhotoSizes {
    pub fn get(&self, branch: &str, ym: YearMonth, file: &str) -> Option<&PhotoSet> {
        self.sets.get(&(branch.to_string(), ym, file.to_string()))
    }
}

/// A published picture, keyed as in `PhotoSizes`.
type Done = ((String, YearMonth, String), PhotoSet);

impl PhotoSizes {
    pub fn merge(&mut self, other: PhotoSizes) {
        self.sets.extend(other.sets);
    }

    pub fn has(&self, site: &Site, (b, ym, file): &Picture) -> bool {
        self.get(&site.branches[*b].id, *ym, file).is_some()
    }

    /// Forgets a picture no record shows any more and returns the files it
    /// had in the output.
    pub fn forget(&mut self, site: &Site, (b, ym, file): &Picture) -> Vec<PathBuf> {
        let id = &site.branches[*b].id;
        let Some(set) = self.sets.remove(&(id.clone(), *ym, file.clone())) else {
            return Vec::new();
        };
        set.variants
            .iter()
            .map(|(w, _)| {
                urls::Route::file([
                    "branches".to_string(),
                    id.clone(),
                    ym.to_string(),
                    set.file_name(file, *w),
                ])
                .output_file()
            })
            .collect()
    }
}

/// Resizes, encodes (or takes from the cache) and writes the pictures of
/// month folders `pictures` into `out` (`serve`, for pictures that records
/// show for the first time or that changed). Returns their sizes, to merge
/// into the site's when there were no errors.
pub fn publish_pictures(
    site: &Site,
    pictures: &[Picture],
    out: &Output,
    diags: &Diagnostics,
) -> PhotoSizes {
    let mut sizes = PhotoSizes::default();
    if pictures.is_empty() {
        return sizes;
    }
    let cache = Cache::open(&site.root);
    sizes.sets = publish_month_pictures(site, pictures, &cache, out, diags);
    if let Err(e) = cache.save() {
        diags.warning(
            ".dangri-cache",
            Pos::START,
            Files::CannotUpdateCache {
                error: e.to_string(),
            },
        );
    }
    sizes
}

/// Resizes, encodes (or takes from the cache) and writes pictures of month
/// folders, in parallel; a picture that fails is an error at its file.
fn publish_month_pictures(
    site: &Site,
    pictures: &[Picture],
    cache: &Cache,
    out: &Output,
    diags: &Diagnostics,
) -> HashMap<(String, YearMonth, String), PhotoSet> {
    let done: Vec<Option<Done>> = pictures
        .par_iter()
        .map(|(b, ym, file)| {
            let id = &site.branches[*b].id;
            let rel = format!("content/branches/{id}/{ym}/{file}");
            let dir = ["branches".to_string(), id.clone(), ym.to_string()];
            match publish_one(&site.root, &rel, file, WIDTHS, cache, out, &dir) {
                Ok(set) => Some(((id.clone(), *ym, file.clone()), set)),
                Err(msg) => {
                    diags.error(&rel, Pos::START, msg);
                    None
                }
            }
        })
        .collect();
    done.into_iter().flatten().collect()
}

/// Resizes, encodes (or takes from the cache) and writes every published
/// picture, in parallel.
pub fn publish(site: &Site, out: &Output, diags: &Diagnostics) -> PhotoSizes {
    let cache = Cache::open(&site.root);
    let mut jobs = pictures::publication(site, site.records.all(), !site.internal).published;
    let clashing = pictures::report_clashes(site, &jobs, diags);
    jobs.retain(|p| !clashing.contains(p));
    let jobs: Vec<Picture> = jobs.into_iter().collect();
    let sets = publish_month_pictures(site, &jobs, &cache, out, diags);
    for s in &site.speakers {
        if let Some(photo) = &s.photo {
            let rel = format!("content/speakers/{photo}");
            let dir = ["speakers".to_string()];
            if let Err(msg) =
                publish_one(&site.root, &rel, photo, PORTRAIT_WIDTHS, &cache, out, &dir)
            {
                diags.error(&rel, Pos::START, msg);
            }
        }
    }
    let build = if site.internal { "internal" } else { "public" };
    if let Err(e) = cache.save().and_then(|()| cache.prune(build)) {
        diags.warning(
            ".dangri-cache",
            Pos::START,
            Files::CannotUpdateCache {
                error: e.to_string(),
            },
        );
    }
    PhotoSizes { sets }
}

fn publish_one(
    root: &Path,
    rel: &str,
    file: &str,
    widths: &[u32],
    cache: &Cache,
    out: &Output,
    dir: &[String],
) -> Result<PhotoSet, Files> {
    let path = root.join(rel);
    let bytes = fs::read(&path).map_err(|e| Files::CannotReadPicture {
        error: e.to_string(),
    })?;
    let key = cache.key(rel, &path, &bytes, widths);
    let (set, files) = match cache.get(&key) {
        Some(hit) => hit,
        None => {
            let (set, files) = encode(&bytes, widths)?;
            cache.put(&key, &set, &files);
            (set, files)
        }
    };
    for ((w, _), data) in set.variants.iter().zip(&files) {
        let mut route: Vec<String> = dir.to_vec();
        route.push(set.file_name(file, *w));
        out.write(&urls::Route::file(route).output_file(), data)
            .map_err(|e| Files::CannotWritePicture {
                detail: format!("{e:#}"),
            })?;
    }
    Ok(set)
}

/// Decodes, turns upright, resizes and encodes one picture.
pub fn encode(bytes: &[u8], widths: &[u32]) -> Result<(PhotoSet, Vec<Vec<u8>>), Files> {
    decode::with_decoded(bytes, |img, format| {
        encode_decoded(img, format == image::ImageFormat::Png, widths)
    })
}

/// Resizes a decoded picture to `widths` and encodes each size: PNG (as
/// 8-bit RGBA, keeping transparency) when `png`, JPEG otherwise.
fn encode_decoded(
    img: DynamicImage,
    png: bool,
    widths: &[u32],
) -> Result<(PhotoSet, Vec<Vec<u8>>), Files> {
    // `into_*` keeps the decoder's buffer when it has that layout already:
    // a copy of a 100-megapixel picture is 300 MB more.
    let img = if png {
        DynamicImage::ImageRgba8(img.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(img.into_rgb8())
    };
    let (fw, fh) = (img.width(), img.height());
    // Every width below the picture's own, then the picture itself capped at
    // the largest width: never upscaled.
    let max = widths.last().copied().unwrap_or(fw).min(fw);
    let mut targets: Vec<u32> = widths.iter().copied().filter(|&x| x < max).collect();
    targets.push(max);
    let mut variants = Vec::new();
    let mut files = Vec::new();
    let mut resizer = Resizer::new();
    for tw in targets {
        let th = ((u64::from(fh) * u64::from(tw) + u64::from(fw) / 2) / u64::from(fw.max(1))).max(1)
            as u32;
        let resized;
        let (buf, rw, rh): (&[u8], u32, u32) = if tw == fw {
            (img.as_bytes(), fw, fh)
        } else {
            let pixel = img.pixel_type().ok_or(Files::CannotResize {
                detail: "unsupported pixel type".into(),
            })?;
            let mut dst = Image::new(tw, th, pixel);
            resizer
                .resize(&img, &mut dst, None)
                .map_err(|e| Files::CannotResize {
                    detail: e.to_string(),
                })?;
            resized = dst;
            (resized.buffer(), tw, th)
        };
        files.push(encode_one(buf, rw, rh, png)?);
        variants.push((rw, rh));
    }
    let ext = if png { "png" } else { "jpg" };
    Ok((PhotoSet { variants, ext }, files))
}

/// Encodes one size of a picture: 8-bit RGBA as PNG, 8-bit RGB as JPEG.
fn encode_one(pixels: &[u8], w: u32, h: u32, png: bool) -> Result<Vec<u8>, Files> {
    let mut data = Vec::new();
    let result = if png {
        PngEncoder::new(&mut data).write_image(pixels, w, h, ExtendedColorType::Rgba8)
    } else {
        JpegEncoder::new_with_quality(&mut data, JPEG_QUALITY).write_image(
            pixels,
            w,
            h,
            ExtendedColorType::Rgb8,
        )
    };
    result.map_err(|e| Files::CannotEncode {
        detail: e.to_string(),
    })?;
    Ok(data)
}
