//! The picture writer of decks: every slide drawn as a PNG of exactly the
//! profile's width × height, for the control cards that play only pictures.
//! It draws the deck's lines as they are (the same slides and lines as the
//! HTML show), with the real glyphs and advances of one font: a slide whose
//! widest line is wider than the screen in that font is drawn smaller, so
//! that nothing spills out of the picture.
//!
//! Placement follows the HTML show: a padding of `metrics.padding` on each
//! side, lines `font_px × 1.25` high with the text centred in them, a
//! paragraph's first line indented by two characters, the QR slide's code
//! centred on the left with the caption beside it.

use ab_glyph::{Font, GlyphId, PxScale, ScaleFont};
use anyhow::{Context, Result};

use super::deck::{Deck, Line, QrSlide, Role, Slide, SlideRef};
use super::font::{Face, LedFont, Raster};
use crate::screen::{LINE_HEIGHT_QUARTERS, Rgb};

/// Changes whenever the drawing changes, so that cached pictures die.
pub(super) const DRAWING: &str = "png-v3";

/// Every slide of `deck` as a PNG, in play order.
pub(super) fn draw(deck: &Deck, font: &LedFont) -> Result<Vec<Vec<u8>>> {
    deck.slides()
        .map(|slide| {
            let canvas = draw_slide(deck, font, slide);
            canvas.png().with_context(|| {
                format!(
                    "cannot encode a picture of {} ({})",
                    deck.title, deck.profile.name
                )
            })
        })
        .collect()
}

/// Every character of `deck` that `font` has no glyph for, sorted.
pub(super) fn missing(deck: &Deck, font: &LedFont) -> Vec<char> {
    let mut chars: Vec<char> = deck
        .slides()
        .flat_map(|s| match s {
            SlideRef::Cover(x) | SlideRef::Text(x) => x.lines.iter(),
            SlideRef::Qr(q) => q.caption.lines.iter(),
        })
        .flat_map(|l| l.text.chars())
        .chain(deck.running.iter().flat_map(|r| r.text.chars()))
        .filter(|&c| !font.has(c))
        .collect();
    chars.sort_unstable();
    chars.dedup();
    chars
}

fn draw_slide(deck: &Deck, font: &LedFont, slide: SlideRef) -> Canvas {
    let (p, m, palette) = (&deck.profile, &deck.metrics, &deck.palette);
    let background = match slide {
        SlideRef::Cover(_) => palette.cover,
        _ => palette.background,
    };
    let mut canvas = Canvas::new(p.width, p.height, background);
    let pad = m.padding as f32;
    let line_h = line_height(p.font_px);
    match slide {
        SlideRef::Cover(s) | SlideRef::Text(s) => {
            let text = Text {
                font,
                font_px: p.font_px as f32,
                line_h,
            };
            let room = p.width as f32 - 2.0 * pad;
            // A text slide's running line in the bottom padding.
            let running = match slide {
                SlideRef::Text(_) => deck.running.as_ref(),
                _ => None,
            };
            let below = running.map_or(0.0, |r| r.size.foot as f32);
            // As the HTML show: the lines centred in the slide's height
            // inside the padding (and above a running line), never above it.
            let height = line_h * s.lines.len() as f32;
            let top = pad
                + ((p.height as f32 - 2.0 * pad - below - height) / 2.0)
                    .max(0.0)
                    .round();
            text.draw(&mut canvas, s, pad, top, room, palette);
            if let Some(run) = running {
                let small = Text {
                    font,
                    font_px: run.size.px as f32,
                    line_h: run.size.height as f32,
                };
                let line = Slide {
                    lines: vec![Line {
                        text: run.text.clone(),
                        role: Role::Meta,
                        indent: false,
                    }],
                };
                let top = p.height as f32 - pad - run.size.height as f32;
                small.draw(&mut canvas, &line, pad, top, room, palette);
            }
        }
        SlideRef::Qr(q) => {
            let side = q.side_px();
            let top = (i64::from(p.height) - i64::from(side)) / 2;
            draw_qr(&mut canvas, q, i64::from(m.padding), top);
            if !q.caption.lines.is_empty() {
                let left = pad + side as f32 + pad;
                let height = line_h * q.caption.lines.len() as f32;
                let top = ((p.height as f32 - height) / 2.0).max(pad);
                let room = p.width as f32 - pad - left;
                let text = Text {
                    font,
                    font_px: p.font_px as f32,
                    line_h,
                };
                text.draw(&mut canvas, &q.caption, left, top, room, palette);
            }
        }
    }
    canvas
}

/// A line's height in pixels, as the HTML show's `line-height: 1.25`.
fn line_height(font_px: u32) -> f32 {
    font_px as f32 * LINE_HEIGHT_QUARTERS as f32 / 4.0
}

/// The code black on white, quiet zone included, a whole number of pixels
/// a module, its top left corner at (`left`, `top`).
fn draw_qr(canvas: &mut Canvas, q: &QrSlide, left: i64, top: i64) {
    let side = i64::from(q.side_px());
    let unit = i64::from(q.module_px);
    canvas.fill(left, top, side, side, Rgb(0xff, 0xff, 0xff));
    let quiet = (q.code.total() - q.code.size()) / 2;
    let n = q.code.size();
    for y in 0..n {
        for x in 0..n {
            if q.code.is_dark(x, y) {
                let mx = left + (x + quiet) as i64 * unit;
                let my = top + (y + quiet) as i64 * unit;
                canvas.fill(mx, my, unit, unit, Rgb(0, 0, 0));
            }
        }
    }
}

/// Lines of text in one font at one size.
struct Text<'f> {
    font: &'f LedFont,
    font_px: f32,
    line_h: f32,
}

impl Text<'_> {
    /// Draws the lines of `slide` from (`left`, `top`), a line every
    /// `line_h`, at the deck's font size or smaller: the widest line, with
    /// its indent, fits in `room` pixels.
    fn draw(
        &self,
        canvas: &mut Canvas,
        slide: &Slide,
        left: f32,
        top: f32,
        room: f32,
        palette: &crate::screen::Palette,
    ) {
        let px = self.fitting_px(&slide.lines, room);
        for (k, line) in slide.lines.iter().enumerate() {
            let face = self.font.face(line.role.bold());
            let run = Run::new(face, px, self.fake_bold(line));
            let x = left + indent(line, px);
            let line_top = top + k as f32 * self.line_h;
            let baseline = (line_top + (self.line_h - run.height()) / 2.0 + run.ascent()).round();
            run.draw(canvas, &line.text, x, baseline, line.role.colour(palette));
        }
    }

    /// A bold line in a font without a bold face is drawn twice, a little
    /// apart.
    fn fake_bold(&self, line: &Line) -> bool {
        line.role.bold() && self.font.bold.is_none()
    }

    /// The largest size up to `font_px` at which every line fits `room`.
    fn fitting_px(&self, lines: &[Line], room: f32) -> f32 {
        let widest = |px: f32| {
            lines
                .iter()
                .map(|l| {
                    let run = Run::new(self.font.face(l.role.bold()), px, self.fake_bold(l));
                    indent(l, px) + run.width(&l.text)
                })
                .fold(0.0f32, f32::max)
        };
        let mut px = self.font_px;
        let w = widest(px);
        if w <= room {
            return px;
        }
        px = (px * room / w).floor();
        // Ink bounds are whole pixels, so widths are not quite linear in
        // the size: step down until it fits.
        while px > 1.0 && widest(px) > room {
            px -= 1.0;
        }
        px.max(1.0)
    }
}

/// A paragraph's first line is indented by two characters.
fn indent(line: &Line, px: f32) -> f32 {
    if line.indent { 2.0 * px } else { 0.0 }
}

/// One face at one size.
struct Run<'f> {
    face: &'f Face,
    scale: PxScale,
    /// Pixels the second stroke of a fake bold is drawn to the right.
    bold: f32,
}

impl<'f> Run<'f> {
    fn new(face: &'f Face, px: f32, fake_bold: bool) -> Run<'f> {
        let font = &face.font;
        let em = font.units_per_em().unwrap_or(1000.0).max(1.0);
        // ab_glyph scales by the font's height (ascent - descent); a CSS
        // font size is the em.
        let scale = PxScale::from(px * font.height_unscaled() / em);
        Run {
            face,
            scale,
            bold: if fake_bold {
                (px / 24.0).max(1.0).round()
            } else {
                0.0
            },
        }
    }

    fn ascent(&self) -> f32 {
        self.face.font.as_scaled(self.scale).ascent()
    }

    /// Ascent plus descent.
    fn height(&self) -> f32 {
        let s = self.face.font.as_scaled(self.scale);
        s.ascent() - s.descent()
    }

    /// Each glyph of `text` with its left edge, from a caret at 0.
    fn glyphs<'t>(&self, text: &'t str) -> impl Iterator<Item = (GlyphId, f32)> + 't
    where
        'f: 't,
    {
        let scaled = self.face.font.as_scaled(self.scale);
        let mut caret = 0.0f32;
        let mut prev: Option<GlyphId> = None;
        text.chars().map(move |c| {
            let id = scaled.glyph_id(c);
            if let Some(p) = prev {
                caret += scaled.kern(p, id);
            }
            let at = caret;
            caret += scaled.h_advance(id);
            prev = Some(id);
            (id, at)
        })
    }

    /// The width of `text` in pixels: its advances, or its ink where a
    /// glyph reaches further.
    fn width(&self, text: &str) -> f32 {
        let scaled = self.face.font.as_scaled(self.scale);
        let mut right = 0.0f32;
        for (id, x) in self.glyphs(text) {
            right = right.max(x + scaled.h_advance(id));
            if let Some(r) = self.face.raster(id, self.scale) {
                let ink = x.round() + (r.left + r.width as i64) as f32 + self.bold;
                right = right.max(ink);
            }
        }
        right
    }

    /// Draws `text` from a pen at (`left`, `baseline`); each glyph's pen at
    /// the nearest whole pixel, so that a glyph is drawn once and copied.
    fn draw(&self, canvas: &mut Canvas, text: &str, left: f32, baseline: f32, colour: Rgb) {
        let strokes: &[i64] = if self.bold > 0.0 {
            &[0, self.bold as i64]
        } else {
            &[0]
        };
        for (id, x) in self.glyphs(text) {
            let Some(r) = self.face.raster(id, self.scale) else {
                continue;
            };
            let pen_x = (left + x).round() as i64;
            let pen_y = baseline.round() as i64;
            for &dx in strokes {
                canvas.blend_glyph(pen_x + r.left + dx, pen_y + r.top, &r, colour);
            }
        }
    }
}

/// An RGB picture being drawn.
struct Canvas {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32, background: Rgb) -> Canvas {
        let Rgb(r, g, b) = background;
        let rgb = [r, g, b].repeat(width as usize * height as usize);
        Canvas { width, height, rgb }
    }

    /// The byte offset of pixel (`x`, `y`); `None` outside the picture.
    fn at(&self, x: i64, y: i64) -> Option<usize> {
        let inside =
            (0..i64::from(self.width)).contains(&x) && (0..i64::from(self.height)).contains(&y);
        inside.then(|| (y as usize * self.width as usize + x as usize) * 3)
    }

    fn fill(&mut self, left: i64, top: i64, w: i64, h: i64, Rgb(r, g, b): Rgb) {
        for y in top..top + h {
            for x in left..left + w {
                if let Some(i) = self.at(x, y) {
                    self.rgb[i..i + 3].copy_from_slice(&[r, g, b]);
                }
            }
        }
    }

    /// Covers the picture with glyph `r`, its top left pixel at
    /// (`left`, `top`).
    fn blend_glyph(&mut self, left: i64, top: i64, r: &Raster, colour: Rgb) {
        if r.width == 0 {
            return;
        }
        for (row, line) in r.coverage.chunks_exact(r.width).enumerate() {
            for (col, &c) in line.iter().enumerate() {
                if c > 0 {
                    let a = f32::from(c) / 255.0;
                    self.blend(left + col as i64, top + row as i64, a, colour);
                }
            }
        }
    }

    /// Covers pixel (`x`, `y`) with `colour` by `coverage` (0 to 1).
    fn blend(&mut self, x: i64, y: i64, coverage: f32, Rgb(r, g, b): Rgb) {
        let Some(i) = self.at(x, y) else {
            return;
        };
        let a = coverage.clamp(0.0, 1.0);
        for (k, c) in [r, g, b].into_iter().enumerate() {
            let old = f32::from(self.rgb[i + k]);
            self.rgb[i + k] = (old + (f32::from(c) - old) * a).round() as u8;
        }
    }

    /// The canvas as a PNG: indexed (a palette of at most 256 colours and
    /// a byte a pixel) when the slide has that few colours, as text in two
    /// or three colours with its anti-aliased edges and the QR slide have,
    /// else RGB. The same pixels either way, in about a third of the bytes.
    fn png(&self) -> Result<Vec<u8>, png::EncodingError> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, self.width, self.height);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Balanced);
        match self.palette() {
            Some((palette, indices)) => {
                encoder.set_color(png::ColorType::Indexed);
                encoder.set_palette(palette);
                // Indices are not magnitudes: PNG advises no filter.
                encoder.set_filter(png::Filter::NoFilter);
                encoder.write_header()?.write_image_data(&indices)?;
            }
            None => {
                encoder.set_color(png::ColorType::Rgb);
                encoder.set_filter(png::Filter::Adaptive);
                encoder.write_header()?.write_image_data(&self.rgb)?;
            }
        }
        Ok(bytes)
    }

    /// The colours in order of first appearance and each pixel's index,
    /// or `None` past 256 colours.
    fn palette(&self) -> Option<(Vec<u8>, Vec<u8>)> {
        let mut seen: std::collections::HashMap<[u8; 3], u8> = std::collections::HashMap::new();
        let mut palette = Vec::new();
        let mut indices = Vec::with_capacity(self.rgb.len() / 3);
        let mut last: Option<([u8; 3], u8)> = None;
        for px in self.rgb.chunks_exact(3) {
            let c = [px[0], px[1], px[2]];
            let i = match last {
                Some((lc, li)) if lc == c => li,
                _ => match seen.get(&c) {
                    Some(&i) => i,
                    None => {
                        let i = u8::try_from(seen.len()).ok()?;
                        seen.insert(c, i);
                        palette.extend_from_slice(&c);
                        i
                    }
                },
            };
            last = Some((c, i));
            indices.push(i);
        }
        Some((palette, indices))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::led::deck::Role;

    /// The PNG's colour type (3: indexed, 2: RGB) and its pixels decoded.
    fn decoded(c: &Canvas) -> (u8, Vec<u8>) {
        let bytes = c.png().unwrap();
        let img = image::load_from_memory(&bytes).unwrap().to_rgb8();
        (bytes[25], img.into_raw())
    }

    #[test]
    fn few_colours_are_written_indexed_many_as_rgb_with_the_same_pixels() {
        let mut c = Canvas::new(64, 8, Rgb(10, 20, 30));
        for x in 0..64 {
            c.blend(x, 2, x as f32 / 63.0, Rgb(250, 240, 200));
        }
        let (kind, pixels) = decoded(&c);
        assert_eq!(kind, 3, "65 colours: indexed");
        assert_eq!(pixels, c.rgb);
        let mut many = Canvas::new(300, 2, Rgb(0, 0, 0));
        for x in 0..300 {
            many.rgb[x * 3] = (x % 256) as u8;
            many.rgb[x * 3 + 1] = (x / 256) as u8;
        }
        let (kind, pixels) = decoded(&many);
        assert_eq!(kind, 2, "300 colours: RGB");
        assert_eq!(pixels, many.rgb);
    }

    #[test]
    fn blending_covers_by_the_coverage_and_ignores_pixels_outside() {
        let mut c = Canvas::new(2, 1, Rgb(0, 0, 0));
        c.blend(0, 0, 0.5, Rgb(200, 100, 255));
        c.blend(1, 0, 1.5, Rgb(10, 20, 30));
        c.blend(2, 0, 1.0, Rgb(255, 255, 255));
        c.blend(-1, 0, 1.0, Rgb(255, 255, 255));
        assert_eq!(c.rgb, [100, 50, 128, 10, 20, 30]);
    }

    /// A line wider than the screen in the real font (here: more
    /// characters than the deck would ever put on it) is drawn smaller,
    /// inside the padding.
    #[test]
    fn a_line_too_wide_in_the_real_font_is_drawn_smaller_inside_the_padding() {
        let font = super::super::font::load(std::path::Path::new("."), None)
            .expect("a CJK font is installed (CI installs fonts-noto-cjk)");
        let line = |text: &str, role, indent| Line {
            text: text.into(),
            role,
            indent,
        };
        let slide = Slide {
            lines: vec![
                line("学习贯彻党的二十届四中全会精神", Role::Heading, false),
                line("WWWWWWWWWWWWWWWW", Role::Body, true),
            ],
        };
        let text = Text {
            font: &font,
            font_px: 32.0,
            line_h: 40.0,
        };
        let (w, h, pad) = (384u32, 192u32, 8u32);
        assert!(text.fitting_px(&slide.lines, (w - 2 * pad) as f32) < 32.0);
        let mut canvas = Canvas::new(w, h, Rgb(0, 0, 0));
        let palette = crate::screen::Palette::default();
        text.draw(
            &mut canvas,
            &slide,
            pad as f32,
            pad as f32,
            (w - 2 * pad) as f32,
            &palette,
        );
        let mut right = 0;
        for (i, px) in canvas.rgb.chunks_exact(3).enumerate() {
            if px != [0, 0, 0] {
                let (x, y) = (i as u32 % w, i as u32 / w);
                assert!(
                    (pad..w - pad).contains(&x) && (pad..h - pad).contains(&y),
                    "ink at {x},{y}"
                );
                right = right.max(x);
            }
        }
        assert!(
            right > w - 4 * pad,
            "the widest line still fills the room: {right}"
        );
    }

    #[test]
    fn a_fill_is_clipped_to_the_picture() {
        let mut c = Canvas::new(2, 2, Rgb(0, 0, 0));
        c.fill(1, -1, 5, 2, Rgb(9, 9, 9));
        assert_eq!(c.rgb, [0, 0, 0, 9, 9, 9, 0, 0, 0, 0, 0, 0]);
    }
}
