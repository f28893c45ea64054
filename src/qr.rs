//! QR codes of short links: the lecture's `/m/<n>/` URL as a matrix of
//! modules, and as an inline SVG, black on white with the standard
//! four-module quiet zone: on the last slide of an LED show and on the
//! lecture's phone page, for passing it on. It knows nothing of either.

use std::fmt::Write as _;

use qrcode::bits::Bits;
use std::sync::{Arc, Mutex, OnceLock};

use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::{Color, EcLevel, Version};

const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

fn bits(data: &str, ec: EcLevel) -> Option<Bits> {
    qrcode::bits::encode_auto(data.as_bytes(), ec).ok()
}

/// Rule 1: 3 for a run of five modules of one color, 1 more per module.
fn runs(line: &[bool]) -> u32 {
    let mut score = 0;
    let mut len = 0;
    for (i, &c) in line.iter().enumerate() {
        if i > 0 && line[i - 1] == c {
            len += 1;
        } else {
            len = 1;
        }
        let ends = line.get(i + 1) != Some(&c);
        if ends && len >= 5 {
            score += 3 + (len - 5);
        }
    }
    score
}

/// `runs` over the low `n` bits of `line`, without a loop: a run of
/// `len >= 5` scores `len - 2`, which is one for each of its `len - 4`
/// windows of five equal modules plus two for the window it starts with.
fn runs_bits(line: u64, n: usize) -> u32 {
    if n < 5 {
        return 0;
    }
    // Bit j: module j equals module j + 1.
    let eq = !(line ^ (line >> 1));
    // Bit j: modules j to j + 4 are equal (only where they all exist).
    let windows = eq & (eq >> 1) & (eq >> 2) & (eq >> 3) & ((1u64 << (n - 4)) - 1);
    // ...and module j - 1 differs (or j is 0): the run starts there.
    let starts = windows & !(eq << 1);
    windows.count_ones() + 2 * starts.count_ones()
}

/// `finders` over the low `n` bits of `line`.
fn finders_bits(line: u64, n: usize) -> u32 {
    if n < 7 {
        return 0;
    }
    // Four light modules of margin on each side stand for the edge. Bit j
    // of each word below says something of the pattern starting at j.
    let p = u128::from(line) << 4;
    let at = |k: usize| p >> (k + 4);
    let pattern = at(0) & !at(1) & at(2) & at(3) & at(4) & !at(5) & at(6);
    let light_before = !(p | p >> 1 | p >> 2 | p >> 3);
    let light_after = !(at(7) | at(8) | at(9) | at(10));
    let starts = (1u128 << (n - 6)) - 1;
    40 * (pattern & (light_before | light_after) & starts).count_ones()
}

/// Rule 3: 40 for each dark-light-dark-dark-dark-light-dark with four
/// light modules (or the edge) before or after it.
fn finders(line: &[bool]) -> u32 {
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    let light = |from: isize, to: isize| {
        (from..to).all(|k| k < 0 || k as usize >= line.len() || !line[k as usize])
    };
    let mut score = 0;
    for j in 0..line.len().saturating_sub(6) {
        if line[j..j + 7] == PATTERN {
            let j = j as isize;
            if light(j - 4, j) || light(j + 7, j + 11) {
                score += 40;
            }
        }
    }
    score
}

/// `Qr::penalty_slices` of the code whose row `y` has module `x` in bit `x` of
/// `rows[y]`, and column `x` module `y` in bit `y` of `cols[x]` (at most 64
/// modules a side).
fn penalty_lines(rows: &[u64], cols: &[u64]) -> u32 {
    let n = rows.len();
    let mut score: u32 = rows
        .iter()
        .chain(cols)
        .map(|&line| runs_bits(line, n) + finders_bits(line, n))
        .sum();
    let pairs = if n > 1 { (1u64 << (n - 1)) - 1 } else { 0 };
    for w in rows.windows(2) {
        let (a, b) = (w[0], w[1]);
        let same = !(a ^ (a >> 1)) & !(b ^ (b >> 1)) & !(a ^ b) & pairs;
        score += 3 * same.count_ones();
    }
    let dark: u32 = rows.iter().map(|r| r.count_ones()).sum();
    let percent = dark as usize * 100 / (n * n).max(1);
    score + (percent.abs_diff(50) / 5 * 10) as u32
}

/// The columns of a code given as bit rows, as bit rows.
fn transpose(rows: &[u64]) -> Vec<u64> {
    let mut cols = vec![0u64; rows.len()];
    for (y, &row) in rows.iter().enumerate() {
        let mut bits = row;
        while bits != 0 {
            let x = bits.trailing_zeros() as usize;
            cols[x] |= 1u64 << y;
            bits &= bits - 1;
        }
    }
    cols
}

/// Modules of quiet zone on each side.
pub(crate) const QUIET: usize = 4;

/// A QR code's module matrix.
#[derive(Debug, Clone)]
pub(crate) struct Qr {
    /// Row-major, true for dark modules, without the quiet zone.
    dark: Vec<bool>,
    size: usize,
    /// The SVG path, drawn on first use: once per lecture, shared by the
    /// show of every profile and the channel.
    drawing: OnceLock<Drawing>,
}

impl Qr {
    fn new(dark: Vec<bool>, size: usize) -> Qr {
        Qr {
            dark,
            size,
            drawing: OnceLock::new(),
        }
    }

    /// The smallest code for `data`, with medium error correction when that
    /// stays at version 4 or lower (coarse enough for an LED wall), else low.
    pub(crate) fn encode(data: &str) -> Option<Qr> {
        let medium = bits(data, EcLevel::M);
        let (bits, ec) = match medium {
            Some(b) if version_number(b.version()) <= 4 => (b, EcLevel::M),
            medium => match (medium, bits(data, EcLevel::L)) {
                (Some(m), Some(l)) if version_number(l.version()) < version_number(m.version()) => {
                    (l, EcLevel::L)
                }
                (Some(m), _) => (m, EcLevel::M),
                (None, l) => (l?, EcLevel::L),
            },
        };
        let version = bits.version();
        let (data, ec_data) =
            qrcode::ec::construct_codewords(&bits.into_bytes(), version, ec).ok()?;
        let mut canvas = Canvas::new(version, ec);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&data, &ec_data);
        let size = version.width() as usize;
        if size <= 64 {
            return Some(best_mask_bits(&canvas, version, ec, size));
        }
        best_mask_slices(canvas, size)
    }

    /// `penalty_slices` through the bit rows of `best_mask_bits`, for the
    /// tests that hold the two equal.
    #[cfg(test)]
    fn penalty_bits(&self) -> u32 {
        let rows = bit_rows(&self.dark, self.size, |&d| d);
        penalty_lines(&rows, &transpose(&rows))
    }

    /// The penalty of the four rules of the standard: runs of five or more
    /// modules of one color, 2×2 blocks, finder-like patterns, and the
    /// balance of dark and light.
    fn penalty_slices(&self) -> u32 {
        let n = self.size;
        let mut columns = vec![false; self.dark.len()];
        for (i, &d) in self.dark.iter().enumerate() {
            columns[(i % n) * n + i / n] = d;
        }
        let mut score: u32 = self
            .dark
            .chunks(n)
            .chain(columns.chunks(n))
            .map(|line| runs(line) + finders(line))
            .sum();
        for pair in self.dark.chunks(n).collect::<Vec<_>>().windows(2) {
            for x in 0..n.saturating_sub(1) {
                let c = pair[0][x];
                if pair[0][x + 1] == c && pair[1][x] == c && pair[1][x + 1] == c {
                    score += 3;
                }
            }
        }
        let dark = self.dark.iter().filter(|&&d| d).count();
        let percent = dark * 100 / self.dark.len().max(1);
        score + (percent.abs_diff(50) / 5 * 10) as u32
    }

    /// The QR version: 21 modules for version 1, 4 more for each next one.
    #[cfg(test)]
    pub(crate) fn version(&self) -> usize {
        (self.size - 17) / 4
    }

    /// Modules per side, without the quiet zone.
    pub(crate) fn size(&self) -> usize {
        self.size
    }

    /// Modules per side, quiet zone included.
    pub(crate) fn total(&self) -> usize {
        self.size + 2 * QUIET
    }

    /// Whether the module in column `x` and row `y` (from 0 to `size`,
    /// quiet zone not counted) is dark.
    pub(crate) fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.size + x]
    }

    /// The code as an SVG path, for the SVG of every profile.
    pub(crate) fn drawing(&self) -> &Drawing {
        self.drawing.get_or_init(|| self.draw())
    }

    fn draw(&self) -> Drawing {
        let mut path = String::with_capacity(self.size * self.size);
        for y in 0..self.size {
            // Each row of dark runs is one line 1 unit wide along the row's
            // middle: `M` to its first run, then `m` by the gap to each next.
            let mut pen: Option<usize> = None;
            let mut x = 0;
            while x < self.size {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.size && self.is_dark(x, y) {
                    x += 1;
                }
                // Writing to a String cannot fail.
                let _ = match pen {
                    None => write!(path, "M{} {}.5", start + QUIET, y + QUIET),
                    Some(end) => write!(path, "m{} 0", start - end),
                };
                let _ = write!(path, "h{}", x - start);
                pen = Some(x);
            }
        }
        Drawing {
            total: self.total() as u32,
            path,
        }
    }
}

/// A QR code as an SVG path, in modules, quiet zone included.
#[derive(Debug, Clone)]
pub(crate) struct Drawing {
    total: u32,
    path: String,
}

impl Drawing {
    /// An SVG `px` pixels square (rounded down to whole pixels per module).
    pub(crate) fn svg(&self, px: u32, label: &str) -> String {
        let total = self.total;
        let side = (px / total).max(1) * total;
        format!(
            "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{side}\" height=\"{side}\" viewBox=\"0 0 {total} {total}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{label}\"><rect width=\"{total}\" height=\"{total}\" fill=\"#fff\"/><path stroke=\"#000\" d=\"{path}\"/></svg>",
            path = self.path
        )
    }
}

/// The eight masked versions of a code's function patterns (finders,
/// timing, alignment, version and the format information, which names the
/// mask), as bit rows, with every data module set where the mask inverts
/// it. A code with data is then its template XOR its dark data modules.
/// They depend on version and error correction level only, and a site's
/// short links nearly all share one version: kept for the whole build.
type Templates = [(Vec<u64>, Vec<u64>); 8];

fn templates(version: Version, ec: EcLevel, size: usize) -> Arc<Templates> {
    /// Version number, micro or not, level.
    type Key = (i16, bool, EcLevel);
    static CACHE: Mutex<Vec<(Key, Arc<Templates>)>> = Mutex::new(Vec::new());
    let key = (
        version_number(version),
        matches!(version, Version::Micro(_)),
        ec,
    );
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, t)) = cache.iter().find(|(k, _)| *k == key) {
        return Arc::clone(t);
    }
    let mut blank = Canvas::new(version, ec);
    blank.draw_all_functional_patterns();
    let t: Arc<Templates> = Arc::new(MASKS.map(|mask| {
        let mut c = blank.clone();
        c.apply_mask(mask);
        let rows = bit_rows(&c.into_colors(), size, |c| *c == Color::Dark);
        let cols = transpose(&rows);
        (rows, cols)
    }));
    cache.push((key, Arc::clone(&t)));
    t
}

/// Row `y` of `modules` as the bits of `rows[y]`, bit `x` set where `dark`.
fn bit_rows<T>(modules: &[T], size: usize, dark: impl Fn(&T) -> bool) -> Vec<u64> {
    modules
        .chunks(size.max(1))
        .map(|row| {
            row.iter()
                .enumerate()
                .filter(|(_, m)| dark(m))
                .fold(0u64, |bits, (x, _)| bits | 1 << x)
        })
        .collect()
}

/// The mask with the lowest penalty (ISO/IEC 18004 §7.8.3), the first of
/// equals, for codes up to 64 modules a side: each mask is one XOR a row.
fn best_mask_bits(canvas: &Canvas, version: Version, ec: EcLevel, size: usize) -> Qr {
    let templates = templates(version, ec, size);
    let mut data = vec![0u64; size];
    for (y, row) in data.iter_mut().enumerate() {
        for x in 0..size {
            if canvas.get(x as i16, y as i16) == Module::Unmasked(Color::Dark) {
                *row |= 1 << x;
            }
        }
    }
    let data_cols = transpose(&data);
    let mut rows = vec![0u64; size];
    let mut cols = vec![0u64; size];
    let mut best: Option<(u32, usize)> = None;
    for (m, (t_rows, t_cols)) in templates.iter().enumerate() {
        for ((r, t), d) in rows.iter_mut().zip(t_rows).zip(&data) {
            *r = t ^ d;
        }
        for ((c, t), d) in cols.iter_mut().zip(t_cols).zip(&data_cols) {
            *c = t ^ d;
        }
        let score = penalty_lines(&rows, &cols);
        if best.is_none_or(|(b, _)| score < b) {
            best = Some((score, m));
        }
    }
    let m = best.map_or(0, |(_, m)| m);
    let dark = templates[m]
        .0
        .iter()
        .zip(&data)
        .flat_map(|(t, d)| {
            let row = t ^ d;
            (0..size).map(move |x| row >> x & 1 == 1)
        })
        .collect();
    Qr::new(dark, size)
}

/// `best_mask_bits` for larger codes, one masked canvas at a time. The
/// qrcode crate's own choice computes the same rules about a hundred times
/// slower.
fn best_mask_slices(canvas: Canvas, size: usize) -> Option<Qr> {
    MASKS
        .iter()
        .map(|&mask| {
            let mut c = canvas.clone();
            c.apply_mask(mask);
            let dark: Vec<bool> = c
                .into_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect();
            Qr::new(dark, size)
        })
        .min_by_key(Qr::penalty_slices)
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
        let svg = qr.drawing().svg(184, "二维码");
        assert!(svg.starts_with("<svg class=\"qr\""));
        assert!(svg.contains("fill=\"#fff\""));
    }

    /// The dark modules the path of `drawing` covers: each `M x y.5` or
    /// `m dx 0` moves the pen, each `h w` draws `w` modules of that row.
    fn drawn(d: &Drawing) -> Vec<(usize, usize)> {
        let path = d
            .svg(100, "")
            .split("d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        let mut modules = Vec::new();
        let (mut x, mut y) = (0.0f64, 0.0f64);
        let mut rest = path.as_str();
        while let Some(cmd) = rest.chars().next() {
            let end = rest[1..]
                .find(['M', 'm', 'h'])
                .map_or(rest.len(), |e| e + 1);
            let args: Vec<f64> = rest[1..end]
                .split(' ')
                .map(|a| a.parse().unwrap())
                .collect();
            match cmd {
                'M' => (x, y) = (args[0], args[1]),
                'm' => (x, y) = (x + args[0], y + args[1]),
                'h' => {
                    for k in 0..args[0] as usize {
                        modules.push((x as usize + k, y as usize));
                    }
                    x += args[0];
                }
                _ => panic!("unexpected command {cmd} in {path}"),
            }
            rest = &rest[end..];
        }
        modules
    }

    #[test]
    fn the_svg_path_draws_exactly_the_dark_modules() {
        for url in [
            "https://example.org/archive/m/8f3mh82/",
            "http://127.0.0.1:1111/m/1/",
        ] {
            let qr = Qr::encode(url).unwrap();
            let mut want = Vec::new();
            for y in 0..qr.size {
                for x in 0..qr.size {
                    if qr.is_dark(x, y) {
                        want.push((x + QUIET, y + QUIET));
                    }
                }
            }
            assert_eq!(drawn(qr.drawing()), want, "{url}");
        }
    }

    /// Draws `data` the way `encode` does, up to the choice of the mask.
    fn canvas(data: &str, ec: EcLevel) -> (Canvas, Version) {
        let bits = bits(data, ec).unwrap();
        let version = bits.version();
        let (d, e) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, ec).unwrap();
        let mut canvas = Canvas::new(version, ec);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&d, &e);
        (canvas, version)
    }

    #[test]
    fn masks_on_bit_rows_choose_and_draw_as_masked_canvases_do() {
        // Versions 1 to 11 (up to 61 modules), both levels a code uses.
        for len in (4..=250).step_by(7) {
            let data: String = (0..len)
                .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
                .collect();
            for ec in [EcLevel::L, EcLevel::M] {
                let (canvas, version) = canvas(&data, ec);
                let size = version.width() as usize;
                if size > 64 {
                    continue;
                }
                let slow = best_mask_slices(canvas.clone(), size).unwrap();
                let fast = best_mask_bits(&canvas, version, ec, size);
                assert_eq!(fast.dark, slow.dark, "{len} bytes, {ec:?}");
            }
        }
    }

    #[test]
    fn every_mask_choice_decodes() {
        // Short URLs of many lectures: whichever mask wins, the code reads.
        for n in 0..64 {
            let url = format!("http://192.168.1.{n}:1111/m/{n:07}/");
            let qr = Qr::encode(&url).unwrap();
            assert_eq!(decode(&qr, 3), url);
        }
    }

    #[test]
    fn penalty_rules() {
        // A run of 7: 3 + 2. Two runs of 5 in one line: 3 + 3.
        assert_eq!(runs(&[true; 7]), 5);
        let mut line = [true; 10];
        line[5..].fill(false);
        assert_eq!(runs(&line), 6);
        assert_eq!(runs(&[true, false, true, false]), 0);
        // A finder-like pattern with light space after it, and without.
        let pattern = [true, false, true, true, true, false, true];
        let mut line = pattern.to_vec();
        line.extend([false; 4]);
        assert_eq!(finders(&line), 40);
        let mut line = vec![true; 4];
        line.extend(pattern);
        line.extend([true; 4]);
        assert_eq!(finders(&line), 0);
    }

    #[test]
    fn finders_on_bits_equal_finders_on_slices_for_every_short_line() {
        for n in [1, 4, 5, 6, 7, 8, 11, 15] {
            for line in 0..1u64 << n {
                let modules: Vec<bool> = (0..n).map(|x| line >> x & 1 == 1).collect();
                assert_eq!(finders_bits(line, n), finders(&modules), "{line:0n$b}");
                assert_eq!(runs_bits(line, n), runs(&modules), "{line:0n$b}");
            }
        }
    }

    #[test]
    fn penalty_on_bits_equals_penalty_on_slices() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for size in [1, 2, 7, 21, 25, 33, 57, 64] {
            for _ in 0..20 {
                let dark = (0..size * size)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        // A third dark: long light runs and some dark
                        // ones; the real codes below have finder patterns.
                        seed.is_multiple_of(3)
                    })
                    .collect();
                let qr = Qr::new(dark, size);
                assert_eq!(qr.penalty_bits(), qr.penalty_slices(), "size {size}");
            }
        }
        for url in [
            "http://127.0.0.1:1111/m/8f3mh82/",
            "https://example.org/m/x/",
        ] {
            let qr = Qr::encode(url).unwrap();
            assert_eq!(qr.penalty_bits(), qr.penalty_slices());
        }
    }
}
