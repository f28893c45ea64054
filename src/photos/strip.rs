//! Pictures published as they are (`content/static/`, a theme's assets)
//! lose their metadata: EXIF (with GPS position, camera and time), XMP,
//! IPTC, comments and text chunks. The picture data is copied byte for
//! byte, never re-encoded. What a browser needs to show the picture as
//! before stays: colour profiles, transparency, and the EXIF orientation,
//! written again alone.

use std::io::Read;
use std::path::Path;

use image::metadata::Orientation;

use super::jpeg::{self, Broken};
use crate::msg::Files;

/// A static file's bytes to publish: `Ok(None)` when it is not a JPEG, PNG
/// or WebP (copy it as is), the picture without its metadata otherwise.
/// The kind is told from the content, not the file name.
pub fn static_file(path: &Path) -> Result<Option<Vec<u8>>, Files> {
    let mut head = [0u8; 12];
    let n = std::fs::File::open(path)
        .and_then(|f| f.take(12).read(&mut head))
        .map_err(|e| Files::CannotRead {
            error: e.to_string(),
        })?;
    if kind(&head[..n]).is_none() {
        return Ok(None);
    }
    let bytes = std::fs::read(path).map_err(|e| Files::CannotRead {
        error: e.to_string(),
    })?;
    strip(&bytes).map(Some)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Jpeg,
    Png,
    WebP,
}

fn kind(head: &[u8]) -> Option<Kind> {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else if head.starts_with(PNG_SIGNATURE) {
        Some(Kind::Png)
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some(Kind::WebP)
    } else {
        None
    }
}

/// A picture without its metadata; an error says why it cannot be read
/// (then it is not published: it might carry a position).
fn strip(bytes: &[u8]) -> Result<Vec<u8>, Files> {
    match kind(bytes) {
        Some(Kind::Jpeg) => strip_jpeg(bytes).map_err(|broken| match broken {
            Broken::Truncated => Files::JpegCutOff,
            Broken::Malformed => Files::JpegDamaged,
        }),
        Some(Kind::Png) => strip_png(bytes).ok_or(Files::PngDamaged),
        Some(Kind::WebP) => strip_webp(bytes).ok_or(Files::WebpDamaged),
        None => Ok(bytes.to_vec()),
    }
}

// ---------------------------------------------------------------------------
// JPEG

/// Keeps the segments that make the picture (tables, frame, scans) and of
/// the application segments only JFIF, the ICC profile and Adobe's colour
/// transform; drops EXIF and XMP (APP1), IPTC (APP13), the multi-picture
/// index (APP2 `MPF`), other APPn, comments, and anything after the end
/// marker (a second picture with its own EXIF may be there).
fn strip_jpeg(file: &[u8]) -> Result<Vec<u8>, Broken> {
    let mut out = Vec::with_capacity(file.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut orientation_written = false;
    for seg in jpeg::segments(file)? {
        let data = seg.data(file);
        let keep = match seg.code {
            0xE0 => data.starts_with(b"JFIF\0"),
            0xE1 => {
                if !orientation_written
                    && let Some(o) = data.strip_prefix(b"Exif\0\0").and_then(turned)
                {
                    out.extend_from_slice(&[0xFF, 0xE1]);
                    let exif = [&b"Exif\0\0"[..], &orientation_exif(o)].concat();
                    // Fits: 34 bytes with the length.
                    out.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
                    out.extend_from_slice(&exif);
                    orientation_written = true;
                }
                false
            }
            0xE2 => data.starts_with(b"ICC_PROFILE\0"),
            0xEE => data.starts_with(b"Adobe"),
            0xE3..=0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(&file[seg.bytes]);
        }
    }
    Ok(out)
}

/// The orientation an EXIF block asks for, when it is not upright.
fn turned(tiff: &[u8]) -> Option<Orientation> {
    Orientation::from_exif_chunk(tiff).filter(|o| *o != Orientation::NoTransforms)
}

/// An EXIF block (TIFF, big-endian) with one entry: the orientation.
fn orientation_exif(o: Orientation) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    // One entry: tag 0x0112, type SHORT, count 1, the value padded to 4.
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1]);
    tiff.extend_from_slice(&u16::from(o.to_exif()).to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    // No next IFD.
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff
}

// ---------------------------------------------------------------------------
// PNG

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Chunks a picture is drawn from: the critical ones, transparency, colour
/// space and profile, background, pixel size and animation (APNG). Text,
/// time, EXIF and private chunks are dropped.
const PNG_KEPT: &[&[u8; 4]] = &[
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB",
    b"cICP", b"mDCV", b"cLLI", b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT",
];

/// A PNG without its metadata chunks, up to `IEND`; `None` when a chunk
/// runs past the end of the file or `IEND` is missing.
fn strip_png(file: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(file.len());
    out.extend_from_slice(PNG_SIGNATURE);
    let mut i = PNG_SIGNATURE.len();
    loop {
        let len = u32::from_be_bytes(file.get(i..i + 4)?.try_into().ok()?) as usize;
        let kind: &[u8; 4] = file.get(i + 4..i + 8)?.try_into().ok()?;
        // Length, type, data, CRC.
        let end = i.checked_add(12)?.checked_add(len)?;
        let chunk = file.get(i..end)?;
        if PNG_KEPT.contains(&kind) {
            out.extend_from_slice(chunk);
        } else if kind == b"eXIf"
            && let Some(o) = turned(&chunk[8..8 + len])
        {
            out.extend_from_slice(&png_chunk(b"eXIf", &orientation_exif(o)));
        }
        if kind == b"IEND" {
            return Some(out);
        }
        i = end;
    }
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    let crc = crc32fast::hash(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    chunk
}

// ---------------------------------------------------------------------------
// WebP

/// Chunks a WebP picture is drawn from; `EXIF`, `XMP ` and unknown chunks
/// are dropped. (Browsers ignore a WebP's EXIF orientation, so none is
/// kept.)
const WEBP_KEPT: &[&[u8; 4]] = &[
    b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ICCP", b"ANIM", b"ANMF",
];
/// The flags of `VP8X` that announce EXIF and XMP chunks.
const VP8X_EXIF_XMP: u8 = 0x08 | 0x04;

/// A WebP without its metadata chunks, the `VP8X` flags and the RIFF size
/// set to match; `None` when a chunk runs past the end of the file.
fn strip_webp(file: &[u8]) -> Option<Vec<u8>> {
    let riff_end =
        8usize.checked_add(u32::from_le_bytes(file.get(4..8)?.try_into().ok()?) as usize)?;
    let body = file.get(12..riff_end)?;
    let mut chunks = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let kind: &[u8; 4] = body.get(i..i + 4)?.try_into().ok()?;
        let len = u32::from_le_bytes(body.get(i + 4..i + 8)?.try_into().ok()?) as usize;
        let data_end = i.checked_add(8)?.checked_add(len)?;
        if data_end > body.len() {
            return None;
        }
        if WEBP_KEPT.contains(&kind) {
            let start = chunks.len();
            chunks.extend_from_slice(&body[i..data_end]);
            if kind == b"VP8X" {
                *chunks.get_mut(start + 8)? &= !VP8X_EXIF_XMP;
            }
            // A chunk of odd size is padded to even (some writers forget).
            if len % 2 == 1 {
                chunks.push(0);
            }
        }
        let end = data_end + len % 2;
        i = end;
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&u32::try_from(chunks.len() + 4).ok()?.to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&chunks);
    Some(out)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use image::codecs::jpeg::JpegEncoder;
    use image::codecs::png::PngEncoder;
    use image::codecs::webp::WebPEncoder;
    use image::{ExtendedColorType, ImageDecoder, ImageEncoder, ImageReader};

    use super::*;

    const SECRET: &[u8] = b"SECRET GPS 24.48N 118.08E";

    /// An EXIF block (TIFF, big-endian): the orientation and a description
    /// that stands for the position.
    fn exif(orientation: u16) -> Vec<u8> {
        let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
        t.extend(2u16.to_be_bytes());
        t.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1]);
        t.extend(orientation.to_be_bytes());
        t.extend([0, 0]);
        // ImageDescription, ASCII, at offset 38: after the header (8), the
        // count (2), two entries (24) and the next-IFD offset (4).
        t.extend([0x01, 0x0E, 0, 2]);
        t.extend((SECRET.len() as u32 + 1).to_be_bytes());
        t.extend(38u32.to_be_bytes());
        t.extend([0, 0, 0, 0]);
        t.extend(SECRET);
        t.push(0);
        t
    }

    fn pixels(w: u32, h: u32, channels: u32) -> Vec<u8> {
        (0..w * h * channels)
            .map(|i| (i * 37 % 251) as u8)
            .collect()
    }

    fn encode(enc: impl ImageEncoder, w: u32, h: u32, color: ExtendedColorType) {
        let channels = if color == ExtendedColorType::Rgba8 {
            4
        } else {
            3
        };
        enc.write_image(&pixels(w, h, channels), w, h, color)
            .unwrap();
    }

    fn jpeg(exif_block: Option<Vec<u8>>) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = JpegEncoder::new_with_quality(&mut out, 90);
        if let Some(e) = exif_block {
            enc.set_exif_metadata(e).unwrap();
        }
        encode(enc, 40, 24, ExtendedColorType::Rgb8);
        out
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        memchr::memmem::find(hay, needle).is_some()
    }

    /// The decoded pixels and the orientation a decoder reads.
    fn look(bytes: &[u8]) -> (Vec<u8>, Orientation) {
        let reader = ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .unwrap();
        let mut decoder = reader.into_decoder().unwrap();
        let orientation = decoder.orientation().unwrap();
        let img = image::DynamicImage::from_decoder(decoder).unwrap();
        (img.into_bytes(), orientation)
    }

    /// Inserts a raw segment after the start marker.
    fn with_segment(file: &[u8], code: u8, data: &[u8]) -> Vec<u8> {
        let mut out = file[..2].to_vec();
        out.extend([0xFF, code]);
        out.extend(((data.len() + 2) as u16).to_be_bytes());
        out.extend(data);
        out.extend(&file[2..]);
        out
    }

    #[test]
    fn a_jpeg_loses_exif_xmp_comments_and_trailer_and_keeps_its_look() {
        let plain = jpeg(None);
        assert_eq!(strip(&plain).unwrap(), plain, "nothing to drop");
        let mut file = jpeg(Some(exif(6)));
        file = with_segment(&file, 0xFE, b"comment: SECRET GPS 24.48N 118.08E");
        let xmp = [&b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>"[..], SECRET].concat();
        file = with_segment(&file, 0xE1, &xmp);
        file = with_segment(&file, 0xED, &[&b"Photoshop 3.0\0"[..], SECRET].concat());
        file.extend([&b"\0\0trailer "[..], SECRET].concat());
        assert!(contains(&file, SECRET));
        let stripped = strip(&file).unwrap();
        assert!(!contains(&stripped, SECRET), "no metadata is left");
        assert!(!contains(&stripped, b"http://ns.adobe.com"));
        assert_eq!(look(&stripped), (look(&file).0, Orientation::Rotate90));
        // Only the orientation is written again: 34 bytes with its marker.
        assert_eq!(
            stripped.len(),
            plain.len() + 36,
            "the picture data is copied as it was"
        );
    }

    #[test]
    fn a_png_loses_its_text_and_exif_chunks_and_keeps_its_look() {
        let mut plain = Vec::new();
        encode(
            PngEncoder::new(&mut plain),
            30,
            20,
            ExtendedColorType::Rgba8,
        );
        assert_eq!(strip(&plain).unwrap(), plain, "nothing to drop");
        let mut file = Vec::new();
        let mut enc = PngEncoder::new(&mut file);
        enc.set_exif_metadata(exif(3)).unwrap();
        encode(enc, 30, 20, ExtendedColorType::Rgba8);
        // A text chunk before IEND (the last 12 bytes).
        let text = png_chunk(b"tEXt", &[&b"Comment\0"[..], SECRET].concat());
        file.splice(file.len() - 12..file.len() - 12, text);
        assert!(contains(&file, SECRET));
        let stripped = strip(&file).unwrap();
        assert!(!contains(&stripped, SECRET));
        assert!(!contains(&stripped, b"tEXt"));
        assert_eq!(look(&stripped), (look(&plain).0, Orientation::Rotate180));
    }

    #[test]
    fn a_webp_loses_its_exif_chunk_and_flag_and_keeps_its_look() {
        let mut plain = Vec::new();
        encode(
            WebPEncoder::new_lossless(&mut plain),
            30,
            20,
            ExtendedColorType::Rgba8,
        );
        let mut file = Vec::new();
        let mut enc = WebPEncoder::new_lossless(&mut file);
        enc.set_exif_metadata(exif(6)).unwrap();
        encode(enc, 30, 20, ExtendedColorType::Rgba8);
        assert!(contains(&file, SECRET));
        let stripped = strip(&file).unwrap();
        assert!(!contains(&stripped, SECRET));
        assert!(!contains(&stripped, b"EXIF"));
        let riff = u32::from_le_bytes(stripped[4..8].try_into().unwrap()) as usize;
        assert_eq!(riff, stripped.len() - 8);
        assert_eq!(&stripped[12..16], b"VP8X");
        assert_eq!(stripped[20] & VP8X_EXIF_XMP, 0, "VP8X announces no EXIF");
        assert_eq!(look(&stripped).0, look(&plain).0);
    }

    #[test]
    fn a_cut_picture_is_an_error_not_published_as_it_is() {
        let mut png = Vec::new();
        encode(PngEncoder::new(&mut png), 30, 20, ExtendedColorType::Rgba8);
        let mut webp = Vec::new();
        encode(
            WebPEncoder::new_lossless(&mut webp),
            30,
            20,
            ExtendedColorType::Rgba8,
        );
        for file in [jpeg(Some(exif(1))), png, webp] {
            let err = strip(&file[..file.len() / 2])
                .unwrap_err()
                .text(crate::msg::Lang::En);
            assert!(err.contains("cannot read this one's"), "{err}");
        }
        assert_eq!(strip(b"plain text").unwrap(), b"plain text");
    }
}
