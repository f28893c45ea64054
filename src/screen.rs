//! The geometry of an LED screen, shared by the configuration that checks a
//! profile and the slides cut for it: a profile's size and font, how many
//! lines of how many units it holds, how wide text is in those units, and
//! the colours a show is drawn in. It imports only `text` (which characters
//! are wide), so that `config` can validate a profile without reaching into
//! the LED shows.
//!
//! A unit is 1/20 em. A CJK character is 1 em; Latin letters and digits are
//! counted more generously than their real width (0.6 em, capitals 0.75 em,
//! M and W 0.9 em) so that no font an LED player may have overflows.

/// One LED screen size a slide show is paginated for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedProfile {
    pub name: String,
    pub width: u32,
    pub height: u32,
    pub font_px: u32,
    pub seconds: u32,
    /// Also drawn as numbered PNG pictures, for control cards that play
    /// only pictures (`pictures: true` in `site.yaml`).
    pub pictures: bool,
    /// The colours of its shows and pictures (`colors:` in `site.yaml`).
    pub palette: Palette,
}

/// A colour of a show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// A CSS hex colour, `#rgb` or `#rrggbb`.
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok();
        let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => Some(Rgb(pair(0)?, pair(2)?, pair(4)?)),
            _ => None,
        }
    }
}

impl std::fmt::Display for Rgb {
    /// CSS hex, in three digits when that says the same (`#000`, `#ffd54f`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Rgb(r, g, b) = *self;
        if [r, g, b].iter().all(|&c| c >> 4 == c & 0xf) {
            write!(f, "#{:x}{:x}{:x}", r & 0xf, g & 0xf, b & 0xf)
        } else {
            write!(f, "#{r:02x}{g:02x}{b:02x}")
        }
    }
}

/// The colours of a show: by default light text on a dark screen, headings
/// in gold, the cover on red; a profile may set its own (`colors:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Behind every slide but the cover.
    pub background: Rgb,
    /// Behind the cover.
    pub cover: Rgb,
    /// Body text and the QR code's caption.
    pub text: Rgb,
    /// Headings and the title on the cover, drawn bold.
    pub heading: Rgb,
    /// Speaker, branch and date on the cover.
    pub meta: Rgb,
}

impl Default for Palette {
    fn default() -> Palette {
        Palette {
            background: Rgb(0, 0, 0),
            cover: Rgb(0x8b, 0, 0),
            text: Rgb(0xff, 0xff, 0xff),
            heading: Rgb(0xff, 0xd5, 0x4f),
            meta: Rgb(0xe0, 0xe0, 0xe0),
        }
    }
}

/// Units per em.
pub(crate) const EM: u32 = 20;
/// Line height, as a fraction (numerator / 4) of the font size: 1.25.
pub(crate) const LINE_HEIGHT_QUARTERS: u32 = 5;

/// The measure of one profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Metrics {
    /// Line width in units (1/20 em).
    pub width: u32,
    /// Lines per slide.
    pub lines: usize,
    /// Padding around the slide, in pixels.
    pub padding: u32,
}

impl Metrics {
    pub(crate) fn for_profile(p: &LedProfile) -> Metrics {
        let padding = p.font_px / 4;
        let inner_w = p.width.saturating_sub(2 * padding);
        let inner_h = p.height.saturating_sub(2 * padding);
        let line_px = p.font_px * LINE_HEIGHT_QUARTERS / 4;
        Metrics {
            width: (inner_w * EM / p.font_px.max(1)).max(EM),
            lines: (inner_h / line_px.max(1)).max(1) as usize,
            padding,
        }
    }
}

/// The smallest running line: 16 px is the smallest Chinese an LED panel
/// draws legibly (its bitmap fonts are 16 × 16).
pub(crate) const RUNNING_MIN_PX: u32 = 16;
/// The text lines a slide keeps at least beside its running line.
const RUNNING_MIN_LINES: usize = 3;

/// The running line at the foot of a text slide: the lecture's title and
/// branch in small type, so that a passer-by sees what the slide is part
/// of. Its box sits on the bottom padding; the text lines are centred in
/// the height above `foot`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Running {
    /// Its font size in pixels.
    pub px: u32,
    /// Its box's height: a line of `px` type, like the others 1.25 high.
    pub height: u32,
    /// The height it takes from the text lines: its box less the empty
    /// half-leading under the last text line, which it may cover.
    pub foot: u32,
    /// Its width in units of its own size.
    pub width: u32,
    /// The text lines of a slide above it.
    pub lines: usize,
}

impl Metrics {
    /// The running line of profile `p`, half the text's size (at least
    /// `RUNNING_MIN_PX`), where the screen has room for it: in the height
    /// its lines leave over, or instead of one text line when at least
    /// three remain. `None` on a screen too small for type smaller than
    /// its text, or too short to give up a line.
    pub(crate) fn running(&self, p: &LedProfile) -> Option<Running> {
        let px = (p.font_px / 2).max(RUNNING_MIN_PX);
        if px >= p.font_px {
            return None;
        }
        let inner_h = p.height.saturating_sub(2 * self.padding);
        let line_px = (p.font_px * LINE_HEIGHT_QUARTERS / 4).max(1);
        let height = (px * LINE_HEIGHT_QUARTERS).div_ceil(4);
        let foot = height.saturating_sub(line_px.saturating_sub(p.font_px) / 2);
        let spare = inner_h.saturating_sub(self.lines as u32 * line_px);
        let lines = if spare >= foot {
            self.lines
        } else {
            (inner_h.saturating_sub(foot) / line_px) as usize
        };
        (lines >= RUNNING_MIN_LINES.min(self.lines)).then(|| Running {
            px,
            height,
            foot,
            width: p.width.saturating_sub(2 * self.padding) * EM / px,
            lines,
        })
    }
}

/// The width of a character in units; generous for Latin (see the module doc).
pub(crate) fn char_units(c: char) -> u32 {
    match c {
        _ if crate::text::is_cjk(c) => EM,
        ' ' => 7,
        'M' | 'W' | 'm' | 'w' | '@' => 18,
        'A'..='Z' | '%' | '&' | '#' => 15,
        _ if c.is_ascii() => 12,
        // Emoji and other symbols may be drawn wider than an em.
        _ if (c as u32) >= 0x1F000 => 24,
        _ => 16,
    }
}

/// The width of `s` in units.
pub(crate) fn measure(s: &str) -> u32 {
    s.chars().map(char_units).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outdoor() -> LedProfile {
        LedProfile {
            name: "outdoor".into(),
            width: 384,
            height: 192,
            font_px: 32,
            seconds: 8,
            pictures: false,
            palette: Palette::default(),
        }
    }

    #[test]
    fn outdoor_profile_holds_four_lines_of_eleven_characters() {
        let m = Metrics::for_profile(&outdoor());
        assert_eq!((m.lines, m.width / EM, m.padding), (4, 11, 8));
    }

    #[test]
    fn the_running_line_takes_the_height_left_over_or_one_line_of_at_least_four() {
        let p = outdoor();
        let m = Metrics::for_profile(&p);
        // 176 px inside the padding, 4 lines of 40 px: 16 px to spare.
        let r = m.running(&p).unwrap();
        assert_eq!((r.px, r.lines, r.width / EM), (16, 4, 23));
        // A 20 px box over the last line's 4 px of half-leading.
        assert_eq!((r.height, r.foot), (20, 16));
        // Taller type: 4 lines of 45 px leave 0 px; one line goes.
        let p = LedProfile {
            font_px: 36,
            height: 200,
            ..outdoor()
        };
        let m = Metrics::for_profile(&p);
        assert_eq!(m.lines, 4);
        assert_eq!(m.running(&p).unwrap().lines, 3);
        // Three lines and nothing to spare: no running line.
        let p = LedProfile {
            font_px: 36,
            height: 155,
            ..outdoor()
        };
        let m = Metrics::for_profile(&p);
        assert_eq!((m.lines, m.running(&p)), (3, None));
        // Type already at 16 px: nothing smaller to run in.
        let p = LedProfile {
            font_px: 16,
            height: 96,
            width: 192,
            ..outdoor()
        };
        assert_eq!(Metrics::for_profile(&p).running(&p), None);
        // The hall screen keeps its 11 lines.
        let p = LedProfile {
            width: 1920,
            height: 1080,
            font_px: 72,
            ..outdoor()
        };
        let m = Metrics::for_profile(&p);
        assert_eq!(m.running(&p).map(|r| (r.px, r.lines)), Some((36, m.lines)));
    }

    #[test]
    fn a_font_larger_than_the_screen_still_gives_one_line_of_one_em() {
        let m = Metrics::for_profile(&LedProfile {
            font_px: 1000,
            ..outdoor()
        });
        assert_eq!((m.lines, m.width), (1, EM));
    }

    /// Guards the copy of the CJK table: slide widths and the Markdown
    /// renderer's soft breaks must agree on which characters are CJK.
    #[test]
    fn colours_are_css_hex_short_when_they_can_be() {
        let p = Palette::default();
        let css = [p.background, p.cover, p.text, p.heading, p.meta].map(|c| c.to_string());
        assert_eq!(css, ["#000", "#8b0000", "#fff", "#ffd54f", "#e0e0e0"]);
        assert_eq!(Rgb(0x11, 0x22, 0x3f).to_string(), "#11223f");
    }

    #[test]
    fn colours_parse_from_css_hex() {
        assert_eq!(Rgb::parse("#ffd54f"), Some(Rgb(0xff, 0xd5, 0x4f)));
        assert_eq!(Rgb::parse(" #0F0 "), Some(Rgb(0, 0xff, 0)));
        for bad in ["ffd54f", "#ffd54", "#gggggg", "red", "#", "#ffd5é"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn widths() {
        assert_eq!(measure("党建"), 2 * EM);
        assert_eq!(measure("Ma 1"), 18 + 12 + 7 + 12);
        assert_eq!(char_units('🎉'), 24);
        assert_eq!(char_units('é'), 16);
    }
}
