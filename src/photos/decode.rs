//! Decoding one picture, for the build and for `check` alike: only JPEG,
//! PNG and WebP, never over 100 megapixels, never a JPEG cut off before its
//! end (its decoder would paint the missing part grey and say nothing).
//!
//! A decoded picture is large, so each holds its share of a memory budget
//! while it is decoded and worked on, and a panic inside the picture
//! libraries ends only that picture, with an error at its file.

use std::cell::Cell;
use std::io::Cursor;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use image::error::ImageError;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use super::budget::Budget;
use crate::msg::Files;

/// Largest picture accepted, in pixels (a 100-megapixel phone photo).
const MAX_PIXELS: u64 = 100_000_000;
/// Longest side accepted: JPEG's own limit, far above any camera's.
const MAX_SIDE: u32 = 65_535;
/// The most a decoder may allocate for one picture: its pixels (100
/// megapixels of 16-bit RGBA are 800 MB) and its metadata. A file whose
/// header or compressed chunks promise more is an error, not an abort.
const MAX_ALLOC: u64 = 1 << 30;
/// Memory that pictures being worked on may hold at once, summed over the
/// threads. About two 100-megapixel photos or sixteen 12-megapixel ones.
const PICTURE_MEMORY: u64 = 2 << 30;

static PICTURES: Budget = Budget::new(PICTURE_MEMORY);

/// Decodes a picture whole, turns it upright by its EXIF orientation and
/// hands it to `then` (which resizes and encodes it), holding the
/// picture's share of the memory budget throughout. A panic of the
/// decoder, the resizer or the encoder is an error of this picture.
pub(super) fn with_decoded<T>(
    bytes: &[u8],
    then: impl FnOnce(DynamicImage, ImageFormat) -> Result<T, Files>,
) -> Result<T, Files> {
    let format = match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => f,
        _ => return Err(Files::PictureFormat),
    };
    if format == ImageFormat::Jpeg && !jpeg_complete(bytes) {
        return Err(Files::PictureCutOff);
    }
    caught(|| {
        let mut reader = ImageReader::new(Cursor::new(bytes));
        reader.set_format(format);
        reader.limits(limits());
        let mut decoder = reader.into_decoder().map_err(decode_error)?;
        let (w, h) = decoder.dimensions();
        let pixels = u64::from(w) * u64::from(h);
        if pixels > MAX_PIXELS {
            return Err(Files::PictureTooManyPixels { w, h });
        }
        // The decoded pixels, once more while turned upright, and the
        // 8-bit RGBA copy that is resized and encoded.
        let per_pixel = 2 * u64::from(decoder.color_type().bytes_per_pixel()) + 4;
        let _share = PICTURES.take(pixels * per_pixel);
        let orientation = decoder
            .orientation()
            .unwrap_or(image::metadata::Orientation::NoTransforms);
        let mut img = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
        img.apply_orientation(orientation);
        then(img, format)
    })
}

/// Decodes a picture as the build does, and drops it (`check`).
pub fn verify(bytes: &[u8]) -> Result<(), Files> {
    with_decoded(bytes, |_, _| Ok(()))
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

fn decode_error(e: ImageError) -> Files {
    match e {
        ImageError::Limits(e) => Files::PictureTooLarge {
            detail: one_line(&e.to_string()),
            max_side: MAX_SIDE,
        },
        e => Files::PictureUndecodable {
            detail: one_line(&e.to_string()),
        },
    }
}

/// A decoder's message on one line (some end in a line break).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

thread_local! {
    /// Whether this thread is inside `caught`: its panics become errors of
    /// a picture, and the panic hook keeps quiet about them.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into an error. The default hook would print
/// "thread panicked" with no file name; the error names the picture.
fn caught<T>(f: impl FnOnce() -> Result<T, Files>) -> Result<T, Files> {
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CATCHING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let outer = CATCHING.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(outer));
    result.unwrap_or_else(|payload| {
        let why = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_string());
        Err(Files::PictureLibraryFailed { why })
    })
}

/// Whether a JPEG's data reaches its end marker (EOI, `FF D9`). A file
/// whose segments make no sense is left to the decoder to report.
fn jpeg_complete(bytes: &[u8]) -> bool {
    super::jpeg::segments(bytes) != Err(super::jpeg::Broken::Truncated)
}

#[cfg(test)]
mod tests {
    use image::ImageEncoder;

    use super::*;

    /// A JPEG, with an EXIF block holding end markers when `exif`.
    fn jpeg(w: u32, h: u32, exif: bool) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([
                (x * 7 % 256) as u8,
                (y * 3 % 256) as u8,
                ((x ^ y) % 256) as u8,
            ])
        });
        let mut out = Vec::new();
        let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
        if exif {
            enc.set_exif_metadata(b"MM\0\x2a\0\0\0\x08\xff\xd9\xff\xd9".to_vec())
                .unwrap();
        }
        enc.write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
            .unwrap();
        out
    }

    #[test]
    fn every_cut_of_a_jpeg_is_incomplete_and_the_whole_is_complete() {
        for exif in [false, true] {
            let whole = jpeg(40, 24, exif);
            let end_in_exif = memchr::memmem::find(&whole, b"\xff\xd9\xff\xd9").is_some();
            assert_eq!(end_in_exif, exif);
            assert!(jpeg_complete(&whole));
            for cut in 2..whole.len() {
                assert!(
                    !jpeg_complete(&whole[..cut]),
                    "cut at {cut} of {}",
                    whole.len()
                );
            }
        }
    }

    #[test]
    fn bytes_after_the_end_marker_are_no_harm() {
        let mut file = jpeg(16, 16, false);
        file.extend(b"\0\0trailer of a phone\xff\xd8");
        assert!(jpeg_complete(&file));
        assert!(verify(&file).is_ok());
    }

    #[test]
    fn a_cut_jpeg_is_an_error_and_so_are_cut_png_and_webp() {
        let whole = jpeg(64, 48, false);
        let err = verify(&whole[..whole.len() / 2])
            .unwrap_err()
            .text(crate::msg::Lang::En);
        assert!(err.contains("incomplete"), "{err}");
        let img = DynamicImage::ImageRgb8(image::RgbImage::from_fn(64, 48, |x, y| {
            image::Rgb([(x * 13 % 256) as u8, (y * 5 % 256) as u8, 7])
        }));
        for format in [ImageFormat::Png, ImageFormat::WebP] {
            let mut bytes = Vec::new();
            img.write_to(&mut Cursor::new(&mut bytes), format).unwrap();
            assert!(verify(&bytes).is_ok(), "{format:?}");
            assert!(verify(&bytes[..bytes.len() / 2]).is_err(), "{format:?}");
        }
    }

    #[test]
    fn a_panic_while_working_on_a_picture_is_an_error_of_that_picture() {
        let file = jpeg(16, 16, false);
        let err = with_decoded(&file, |_, _| -> Result<(), Files> {
            panic!("index out of bounds in a resizer")
        })
        .unwrap_err()
        .text(crate::msg::Lang::En);
        assert!(err.contains("index out of bounds in a resizer"), "{err}");
        // The picture's share of the budget was given back.
        assert!(verify(&file).is_ok());
    }
}
