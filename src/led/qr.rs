//! The QR code on the last slide: the lecture's short `/m/<n>/` URL as an
//! inline SVG, black on white with the standard four-module quiet zone.

use qrcode::{Color, EcLevel, QrCode, Version};

/// Modules of quiet zone on each side.
pub const QUIET: usize = 4;

/// A QR code's module matrix.
#[derive(Debug, Clone)]
pub struct Qr {
    /// Row-major, true for dark modules, without the quiet zone.
    pub dark: Vec<bool>,
    pub size: usize,
}

impl Qr {
    /// The smallest code for `data`, with medium error correction when that
    /// stays at version 4 or lower (coarse enough for an LED wall), else low.
    pub fn encode(data: &str) -> Option<Qr> {
        // Choosing the mask is the costly part of encoding: try the second
        // level only when the first gives a code finer than version 4.
        let medium = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok();
        let code = match medium {
            Some(c) if version_number(c.version()) <= 4 => c,
            medium => {
                let low = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::L).ok();
                match (medium, low) {
                    (Some(m), Some(l))
                        if version_number(l.version()) < version_number(m.version()) =>
                    {
                        l
                    }
                    (Some(m), _) => m,
                    (None, l) => l?,
                }
            }
        };
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        Some(Qr {
            dark,
            size: code.width(),
        })
    }

    /// The QR version: 21 modules for version 1, 4 more for each next one.
    #[cfg(test)]
    pub fn version(&self) -> usize {
        (self.size - 17) / 4
    }

    /// Modules per side, quiet zone included.
    pub fn total(&self) -> usize {
        self.size + 2 * QUIET
    }

    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.size + x]
    }

    /// An SVG `px` pixels square (rounded down to whole pixels per module).
    pub fn svg(&self, px: u32, label: &str) -> String {
        let total = self.total() as u32;
        let module = (px / total).max(1);
        let side = module * total;
        let mut path = String::with_capacity(self.size * self.size * 4);
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if self.is_dark(x, y) {
                    let start = x;
                    while x < self.size && self.is_dark(x, y) {
                        x += 1;
                    }
                    path.push_str(&format!(
                        "M{} {}h{}v1h-{}z",
                        start + QUIET,
                        y + QUIET,
                        x - start,
                        x - start
                    ));
                } else {
                    x += 1;
                }
            }
        }
        format!(
            "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{side}\" height=\"{side}\" viewBox=\"0 0 {total} {total}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{label}\"><rect width=\"{total}\" height=\"{total}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
        )
    }
}

fn version_number(v: Version) -> i16 {
    match v {
        Version::Normal(n) => n,
        Version::Micro(n) => n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders the code to greyscale pixels and reads it back with rqrr.
    fn decode(qr: &Qr, scale: usize) -> String {
        let side = qr.total() * scale;
        let img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = (x / scale, y / scale);
            let inside =
                (QUIET..QUIET + qr.size).contains(&mx) && (QUIET..QUIET + qr.size).contains(&my);
            if inside && qr.is_dark(mx - QUIET, my - QUIET) {
                0
            } else {
                255
            }
        });
        let mut img = img;
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1);
        grids[0].decode().unwrap().1
    }

    #[test]
    fn short_url_gives_a_coarse_code_that_decodes() {
        let url = "https://example.org/archive/m/8f3mh82/";
        let qr = Qr::encode(url).unwrap();
        assert!(qr.version() <= 4, "version {}", qr.version());
        assert_eq!(decode(&qr, 4), url);
        let svg = qr.svg(184, "二维码");
        assert!(svg.starts_with("<svg class=\"qr\""));
        assert!(svg.contains("fill=\"#fff\""));
    }
}
