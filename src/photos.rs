//! Photos: every published picture is decoded, turned upright by its EXIF
//! orientation and re-encoded, which drops EXIF, GPS and every other piece
//! of metadata. Only pictures that a published record shows are written.

use std::collections::{BTreeSet, HashMap};
use std::io::Cursor;
use std::path::PathBuf;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{DynamicImage, ImageDecoder, ImageReader};
use rayon::prelude::*;

use crate::date::YearMonth;
use crate::diag::{Diagnostics, Pos};
use crate::model::Site;
use crate::output::Output;
use crate::urls;

/// Largest picture accepted, in pixels (a 100-megapixel phone photo).
const MAX_PIXELS: u64 = 100_000_000;

/// Width and height of each published picture, upright.
#[derive(Debug, Default)]
pub struct PhotoSizes {
    sizes: HashMap<(String, YearMonth, String), (u32, u32)>,
}

impl PhotoSizes {
    pub fn get(&self, branch: &str, ym: YearMonth, file: &str) -> Option<(u32, u32)> {
        self.sizes
            .get(&(branch.to_string(), ym, file.to_string()))
            .copied()
    }
}

/// The pictures of month folders that published records show.
fn published(site: &Site) -> BTreeSet<(usize, YearMonth, String)> {
    let mut set = BTreeSet::new();
    for (i, r) in site.records.iter().enumerate() {
        if !site.visible(i) {
            continue;
        }
        for p in &r.photos {
            set.insert((r.branch, r.ym, p.src.clone()));
        }
        for p in &r.body_images {
            set.insert((r.branch, r.ym, p.clone()));
        }
    }
    set
}

/// Re-encodes and writes every published picture, in parallel.
pub fn publish(site: &Site, out: &Output, diags: &Diagnostics) -> PhotoSizes {
    let jobs: Vec<(usize, YearMonth, String)> = published(site).into_iter().collect();
    type Sized = ((String, YearMonth, String), (u32, u32));
    let results: Vec<Option<Sized>> = jobs
        .par_iter()
        .map(|(b, ym, file)| {
            let id = &site.branches[*b].id;
            let rel = format!("content/branches/{id}/{ym}/{file}");
            let path = site.root.join(&rel);
            match reencode(&path) {
                Ok((bytes, size)) => {
                    let route = urls::photo(id, *ym, file);
                    if let Err(e) = out.write(&route.output_file(), &bytes) {
                        diags.error(&rel, Pos::START, format!("{e:#}"));
                        return None;
                    }
                    Some(((id.clone(), *ym, file.clone()), size))
                }
                Err(msg) => {
                    diags.error(&rel, Pos::START, msg);
                    None
                }
            }
        })
        .collect();
    let mut sizes = PhotoSizes::default();
    sizes.sizes.extend(results.into_iter().flatten());
    // Speaker portraits.
    for s in &site.speakers {
        if let Some(photo) = &s.photo {
            let rel = format!("content/speakers/{photo}");
            match reencode(&site.root.join(&rel)) {
                Ok((bytes, _)) => {
                    if let Err(e) = out.write(&urls::speaker_photo(photo).output_file(), &bytes) {
                        diags.error(&rel, Pos::START, format!("{e:#}"));
                    }
                }
                Err(msg) => diags.error(&rel, Pos::START, msg),
            }
        }
    }
    sizes
}

/// Decodes a picture, applies its orientation and encodes it again in its
/// own format, without metadata. Returns the bytes and the upright size.
pub fn reencode(path: &PathBuf) -> Result<(Vec<u8>, (u32, u32)), String> {
    let reader = ImageReader::open(path)
        .map_err(|e| format!("cannot read the picture: {e}"))?
        .with_guessed_format()
        .map_err(|e| format!("cannot read the picture: {e}"))?;
    let Some(format) = reader.format() else {
        return Err("not a picture dangri can read: use JPEG, PNG or WebP".into());
    };
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| format!("cannot decode the picture: {e}"))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "the picture is {w} × {h} pixels, over the limit of 100 megapixels: make it smaller"
        ));
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder)
        .map_err(|e| format!("cannot decode the picture (is the file complete?): {e}"))?;
    img.apply_orientation(orientation);
    let size = (img.width(), img.height());
    let mut bytes = Vec::new();
    let result = match format {
        image::ImageFormat::Png => img.write_with_encoder(PngEncoder::new(Cursor::new(&mut bytes))),
        image::ImageFormat::WebP => {
            img.write_with_encoder(WebPEncoder::new_lossless(Cursor::new(&mut bytes)))
        }
        _ => {
            let rgb = DynamicImage::ImageRgb8(img.to_rgb8());
            rgb.write_with_encoder(JpegEncoder::new_with_quality(Cursor::new(&mut bytes), 85))
        }
    };
    result.map_err(|e| format!("cannot encode the picture: {e}"))?;
    Ok((bytes, size))
}
