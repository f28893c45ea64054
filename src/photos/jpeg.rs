//! The segments of a JPEG file, read by their markers and lengths without
//! decoding anything: to tell a file cut off before its end marker (the
//! decoder would paint the rest grey) and to drop metadata segments from
//! a picture that is published as it is.

use std::ops::Range;

/// A marker and what belongs to it: its length-prefixed data and, after a
/// start of scan, the entropy-coded data up to the next marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Segment {
    pub code: u8,
    /// From the marker's `FF` to the end of what belongs to it.
    pub bytes: Range<usize>,
}

impl Segment {
    /// The data after the marker and its two length bytes (empty for the
    /// markers without a length).
    pub(super) fn data<'a>(&self, file: &'a [u8]) -> &'a [u8] {
        file.get(self.bytes.start + 4..self.bytes.end)
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Broken {
    /// The file ends before its end marker (EOI, `FF D9`).
    Truncated,
    /// A segment length that cannot be.
    Malformed,
}

/// The segments of a JPEG after its start marker, up to and including the
/// end marker; bytes after the end marker (a phone's trailer) are not
/// read. An end marker inside an EXIF thumbnail is inside its segment.
pub(super) fn segments(file: &[u8]) -> Result<Vec<Segment>, Broken> {
    let mut out = Vec::new();
    // After the start marker (SOI, `FF D8`).
    let mut i = 2;
    loop {
        // A marker: `FF`, maybe after fill bytes `FF`. Stray bytes before
        // it are skipped, as decoders do.
        let ff = file
            .get(i..)
            .and_then(|rest| memchr::memchr(0xFF, rest))
            .ok_or(Broken::Truncated)?;
        i += ff;
        while file.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        let start = i;
        let &code = file.get(i + 1).ok_or(Broken::Truncated)?;
        i += 2;
        if !has_length(code) {
            out.push(Segment {
                code,
                bytes: start..i,
            });
            if code == EOI {
                return Ok(out);
            }
            continue;
        }
        let len = file.get(i..i + 2).ok_or(Broken::Truncated)?;
        // The length counts its own two bytes.
        let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
        if len < 2 {
            return Err(Broken::Malformed);
        }
        i += len;
        if i > file.len() {
            return Err(Broken::Truncated);
        }
        if code == SOS {
            i = end_of_entropy_data(file, i).ok_or(Broken::Truncated)?;
        }
        out.push(Segment {
            code,
            bytes: start..i,
        });
    }
}

/// End of image.
pub(super) const EOI: u8 = 0xD9;
/// Start of scan: entropy-coded data follows its header.
const SOS: u8 = 0xDA;

/// Markers that stand alone: restarts, TEM, end of image, and a stray
/// `FF 00` outside a scan.
fn has_length(code: u8) -> bool {
    !matches!(code, 0x00 | 0x01 | 0xD0..=0xD7 | EOI)
}

/// Where the entropy-coded data starting at `i` ends: at the `FF` of the
/// next marker, an `FF` that is neither stuffing (`FF 00`) nor a restart
/// marker. `None` when the file ends first.
fn end_of_entropy_data(file: &[u8], mut i: usize) -> Option<usize> {
    loop {
        i += memchr::memchr(0xFF, file.get(i..)?)?;
        match file.get(i + 1)? {
            0x00 | 0xD0..=0xD7 => i += 2,
            _ => return Some(i),
        }
    }
}
