//! Pagination of a lecture into LED slides, done when the site is built.
//!
//! The model: a slide is `lines` lines of at most `width` units, where a unit
//! is 1/20 em. A CJK character is 1 em; Latin letters and digits are counted
//! more generously than their real width (0.6 em, capitals 0.75 em, M and W
//! 0.9 em) so that no font an LED player may have overflows. Lines are broken
//! here, not by the browser: each line is rendered as its own element that
//! does not wrap. Words and numbers are never split; closing punctuation stays
//! with the character before it and opening punctuation with the one after
//! (no line starts with `，` or ends with `“`). A slide break prefers the end
//! of a sentence (。！？；); headings start a new slide; the first line of a
//! paragraph is indented by two characters.

use crate::config::LedProfile;

/// Units per em.
pub const EM: u32 = 20;
/// Line height, as a fraction (numerator / 4) of the font size: 1.25.
pub const LINE_HEIGHT_QUARTERS: u32 = 5;

/// The measure of one profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metrics {
    /// Line width in units (1/20 em).
    pub width: u32,
    /// Lines per slide.
    pub lines: usize,
    /// Padding around the slide, in pixels.
    pub padding: u32,
}

impl Metrics {
    pub fn for_profile(p: &LedProfile) -> Metrics {
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

    fn indent(&self) -> u32 {
        if self.width >= 8 * EM { 2 * EM } else { 0 }
    }
}

/// A block of lecture text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub heading: bool,
    /// The first line of a paragraph, indented by two characters.
    pub indent: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Slide {
    pub lines: Vec<Line>,
}

/// True for characters that take a full em: CJK, kana, Hangul, full-width forms.
fn is_wide(c: char) -> bool {
    crate::markdown::is_cjk(c)
}

/// The width of a character in units; generous for Latin (see the module doc).
pub fn char_units(c: char) -> u32 {
    match c {
        _ if is_wide(c) => EM,
        ' ' => 7,
        'M' | 'W' | 'm' | 'w' | '@' => 18,
        'A'..='Z' | '%' | '&' | '#' => 15,
        _ if c.is_ascii() => 12,
        // Emoji and other symbols may be drawn wider than an em.
        _ if (c as u32) >= 0x1F000 => 24,
        _ => 16,
    }
}

pub fn measure(s: &str) -> u32 {
    s.chars().map(char_units).sum()
}

/// Punctuation that must not start a line: it stays with what precedes it.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '”'
            | '’'
            | '》'
            | '〉'
            | '】'
            | '…'
            | '—'
            | '～'
            | '·'
            | '〕'
            | '］'
            | '｝'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// Punctuation that must not end a line: it stays with what follows it.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '“'
            | '‘'
            | '《'
            | '〈'
            | '【'
            | '〔'
            | '［'
            | '｛'
            | '('
            | '['
            | '{'
    )
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !is_wide(c) && c.is_alphanumeric()
    }
}

/// An unbreakable piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token {
    text: String,
    width: u32,
    space: bool,
    /// Ends a sentence (。！？；, possibly followed by a closing quote).
    sentence_end: bool,
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['”', '’', '」', '』', '）', ')', '"', '\'']);
    t.ends_with(['。', '！', '？', '；', '!', '?', ';', '…'])
}

/// Splits text into unbreakable tokens.
fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut raw: Vec<(String, bool)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            raw.push((" ".into(), true));
            continue;
        }
        if is_word_char(c) {
            // A word or number, with inner punctuation: 3.14, e-mail, 2026-05.
            let mut s = String::new();
            while i < chars.len() {
                let d = chars[i];
                let inner = matches!(d, '.' | '-' | '_' | '/' | ':' | '\'' | '’' | '+' | ',')
                    && i + 1 < chars.len()
                    && is_word_char(chars[i + 1])
                    && !s.is_empty();
                if is_word_char(d) || inner {
                    s.push(d);
                    i += 1;
                } else {
                    break;
                }
            }
            raw.push((s, false));
            continue;
        }
        raw.push((c.to_string(), false));
        i += 1;
    }
    // Glue opening punctuation to what follows and closing punctuation to
    // what precedes.
    let mut tokens: Vec<Token> = Vec::new();
    let mut pending_open = String::new();
    for (text, space) in raw {
        if space {
            if !pending_open.is_empty() {
                // An opening mark followed by a space: keep it as its own token.
                push_token(&mut tokens, std::mem::take(&mut pending_open), false);
            }
            if tokens.last().is_some_and(|t| !t.space) {
                push_token(&mut tokens, text, true);
            }
            continue;
        }
        let first = text.chars().next().unwrap_or(' ');
        if text.chars().count() == 1 && is_opening(first) {
            pending_open.push(first);
            continue;
        }
        if text.chars().all(is_closing)
            && pending_open.is_empty()
            && let Some(last) = tokens.last_mut()
            && !last.space
        {
            last.text.push_str(&text);
            last.width = measure(&last.text);
            last.sentence_end = ends_sentence(&last.text);
            continue;
        }
        let mut t = std::mem::take(&mut pending_open);
        t.push_str(&text);
        push_token(&mut tokens, t, false);
    }
    if !pending_open.is_empty() {
        push_token(&mut tokens, pending_open, false);
    }
    while tokens.last().is_some_and(|t| t.space) {
        tokens.pop();
    }
    tokens
}

fn push_token(tokens: &mut Vec<Token>, text: String, space: bool) {
    let width = measure(&text);
    let sentence_end = !space && ends_sentence(&text);
    tokens.push(Token {
        text,
        width,
        space,
        sentence_end,
    });
}

/// Cuts a token wider than a whole line into pieces that fit: first between
/// the punctuation glued to it and its word, and only when the word itself
/// is wider than the line, inside the word (there is no other way to show it).
fn split_wide(t: &Token, width: u32) -> Vec<Token> {
    // Segments: each run of word characters, each other character alone.
    let mut segments: Vec<String> = Vec::new();
    for c in t.text.chars() {
        match segments.last_mut() {
            Some(last) if is_word_char(c) && last.chars().all(is_word_char) => last.push(c),
            _ => segments.push(c.to_string()),
        }
    }
    let mut pieces: Vec<String> = Vec::new();
    let mut cur = String::new();
    for seg in segments {
        if measure(&cur) + measure(&seg) <= width {
            cur.push_str(&seg);
            continue;
        }
        if !cur.is_empty() {
            pieces.push(std::mem::take(&mut cur));
        }
        if measure(&seg) <= width {
            cur = seg;
            continue;
        }
        for c in seg.chars() {
            if measure(&cur) + char_units(c) > width && !cur.is_empty() {
                pieces.push(std::mem::take(&mut cur));
            }
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        pieces.push(cur);
    }
    let n = pieces.len();
    pieces
        .into_iter()
        .enumerate()
        .map(|(k, text)| Token {
            width: measure(&text),
            sentence_end: k + 1 == n && t.sentence_end,
            text,
            space: false,
        })
        .collect()
}

/// Lays out tokens from `start` into at most `max_lines` lines of `width`
/// units, the first one indented by `indent`. Returns the lines and the index
/// of the first token left over.
fn fill(
    tokens: &[Token],
    start: usize,
    width: u32,
    indent: u32,
    max_lines: usize,
) -> (Vec<String>, usize) {
    let mut lines = Vec::new();
    let mut i = start;
    let mut cur = String::new();
    let mut cur_w = indent;
    while i < tokens.len() && lines.len() < max_lines {
        let t = &tokens[i];
        if t.space {
            if !cur.is_empty() {
                // Kept only if a word follows on the same line.
                let next_fits = tokens
                    .get(i + 1)
                    .is_some_and(|n| cur_w + t.width + n.width <= width);
                if next_fits {
                    cur.push_str(&t.text);
                    cur_w += t.width;
                } else {
                    lines.push(std::mem::take(&mut cur));
                    cur_w = 0;
                }
            }
            i += 1;
            continue;
        }
        if cur_w + t.width <= width {
            cur.push_str(&t.text);
            cur_w += t.width;
            i += 1;
        } else if cur.is_empty() {
            // Only a token wider than the line gets here; callers split those.
            cur.push_str(&t.text);
            i += 1;
            lines.push(std::mem::take(&mut cur));
            cur_w = 0;
        } else {
            lines.push(std::mem::take(&mut cur));
            cur_w = 0;
        }
    }
    if !cur.is_empty() && lines.len() < max_lines {
        lines.push(cur);
    }
    (lines, i)
}

/// Lays out one string into lines (no slide limit), for titles.
pub fn wrap(text: &str, width: u32) -> Vec<String> {
    let tokens = prepared(text, width, 0);
    fill(&tokens, 0, width, 0, usize::MAX).0
}

/// Tokens with every too-wide token split so that each fits a line.
fn prepared(text: &str, width: u32, indent: u32) -> Vec<Token> {
    let mut out = Vec::new();
    for (n, t) in tokenize(text).into_iter().enumerate() {
        let room = if n == 0 {
            width.saturating_sub(indent).max(EM)
        } else {
            width
        };
        if t.width > room.min(width) && !t.space {
            out.extend(split_wide(&t, if n == 0 { room } else { width }));
        } else {
            out.push(t);
        }
    }
    out
}

/// Paginates lecture blocks into slides that fit `m`.
pub fn paginate<'a>(blocks: impl IntoIterator<Item = &'a Block>, m: &Metrics) -> Vec<Slide> {
    let mut slides: Vec<Slide> = Vec::new();
    let mut cur = Slide::default();
    for block in blocks {
        match block {
            Block::Heading(text) => {
                if !cur.lines.is_empty() {
                    slides.push(std::mem::take(&mut cur));
                }
                for line in wrap(text, m.width) {
                    if cur.lines.len() == m.lines {
                        slides.push(std::mem::take(&mut cur));
                    }
                    cur.lines.push(Line {
                        text: line,
                        heading: true,
                        indent: false,
                    });
                }
            }
            Block::Paragraph(text) => paragraph(text, m, &mut cur, &mut slides),
        }
    }
    if !cur.lines.is_empty() {
        slides.push(cur);
    }
    slides
}

fn paragraph(text: &str, m: &Metrics, cur: &mut Slide, slides: &mut Vec<Slide>) {
    let indent = m.indent();
    let tokens = prepared(text, m.width, indent);
    let mut i = 0;
    let mut first = true;
    while i < tokens.len() {
        if tokens[i].space {
            i += 1;
            continue;
        }
        let room = m.lines - cur.lines.len();
        if room == 0 {
            slides.push(std::mem::take(cur));
            continue;
        }
        let ind = if first { indent } else { 0 };
        let (lines, end) = fill(&tokens, i, m.width, ind, room);
        let mut cut = end;
        if end < tokens.len() {
            // The paragraph goes on after this slide: end the slide at the
            // last sentence end that leaves it at least a third full.
            match (i..end).rev().find(|&k| tokens[k].sentence_end) {
                Some(k) => {
                    let used = fill(&tokens[..=k], i, m.width, ind, room).0.len();
                    if used * 3 >= m.lines {
                        cut = k + 1;
                    } else if first && !cur.lines.is_empty() {
                        // Better to start the paragraph on a fresh slide.
                        slides.push(std::mem::take(cur));
                        continue;
                    }
                }
                None if first && !cur.lines.is_empty() => {
                    slides.push(std::mem::take(cur));
                    continue;
                }
                None => {}
            }
        }
        let (lines, _) = if cut == end {
            (lines, end)
        } else {
            fill(&tokens[..cut], i, m.width, ind, room)
        };
        for (n, text) in lines.into_iter().enumerate() {
            cur.lines.push(Line {
                text,
                heading: false,
                indent: first && n == 0 && ind > 0,
            });
        }
        first = false;
        i = cut;
        if i < tokens.len() {
            slides.push(std::mem::take(cur));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn outdoor() -> Metrics {
        Metrics::for_profile(&LedProfile {
            name: "o".into(),
            width: 384,
            height: 192,
            font_px: 32,
            seconds: 8,
        })
    }

    fn line_width(l: &Line) -> u32 {
        measure(&l.text) + if l.indent { 2 * EM } else { 0 }
    }

    #[test]
    fn outdoor_profile_holds_four_lines_of_eleven_characters() {
        let m = outdoor();
        assert_eq!(m.lines, 4);
        assert_eq!(m.width / EM, 11);
    }

    #[test]
    fn punctuation_stays_with_its_character() {
        let m = Metrics {
            width: 5 * EM,
            lines: 10,
            padding: 0,
        };
        let slides = paginate(
            &[Block::Paragraph("我们学习党章，重温“入党誓词”。".into())],
            &Metrics { ..m },
        );
        for s in &slides {
            for l in &s.lines {
                assert!(!l.text.starts_with(['，', '。', '”']), "{l:?}");
                assert!(!l.text.ends_with('“'), "{l:?}");
            }
        }
    }

    #[test]
    fn numbers_and_words_are_not_split() {
        let m = Metrics {
            width: 6 * EM,
            lines: 10,
            padding: 0,
        };
        let slides = paginate(
            &[Block::Paragraph(
                "共有党员2026名，参加Party Day活动。".into(),
            )],
            &m,
        );
        let lines: Vec<&str> = slides
            .iter()
            .flat_map(|s| s.lines.iter().map(|l| l.text.as_str()))
            .collect();
        assert!(lines.iter().any(|l| l.contains("2026")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("Party")), "{lines:?}");
    }

    #[test]
    fn breaks_prefer_sentence_ends() {
        let m = Metrics {
            width: 10 * EM,
            lines: 3,
            padding: 0,
        };
        let text = "第一句话比较短。第二句话稍微长一点点，需要换行才能放下。第三句话。";
        let slides = paginate(&[Block::Paragraph(text.into())], &m);
        let first: String = slides[0].lines.iter().map(|l| l.text.as_str()).collect();
        assert!(first.ends_with('。'), "{slides:?}");
    }

    #[test]
    fn headings_start_a_new_slide() {
        let m = outdoor();
        let slides = paginate(
            &[
                Block::Paragraph("一句。".into()),
                Block::Heading("二、标题".into()),
                Block::Paragraph("正文。".into()),
            ],
            &m,
        );
        assert_eq!(slides.len(), 2);
        assert!(slides[1].lines[0].heading);
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[一-龥]{1,12}",
            "[a-zA-Z]{1,8}",
            "[0-9]{1,6}",
            Just("，".to_string()),
            Just("。".to_string()),
            Just("！".to_string()),
            Just("“".to_string()),
            Just("”".to_string()),
            Just(" ".to_string()),
            Just("、".to_string()),
            Just("（".to_string()),
            Just("）".to_string()),
        ];
        prop::collection::vec(piece, 1..60).prop_map(|v| v.concat())
    }

    fn normalized(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    proptest! {
        #[test]
        fn slides_fit_are_not_empty_and_keep_the_text(
            paragraphs in prop::collection::vec((any::<bool>(), text_strategy()), 1..6),
            w in 160u32..2000,
            h in 80u32..1200,
            f in 12u32..80,
        ) {
            prop_assume!(f * 2 <= h && f * 2 <= w);
            let p = LedProfile { name: "p".into(), width: w, height: h, font_px: f, seconds: 5 };
            let m = Metrics::for_profile(&p);
            let blocks: Vec<Block> = paragraphs
                .iter()
                .map(|(h, t)| if *h { Block::Heading(t.clone()) } else { Block::Paragraph(t.clone()) })
                .collect();
            let slides = paginate(&blocks, &m);
            for s in &slides {
                prop_assert!(!s.lines.is_empty());
                prop_assert!(s.lines.len() <= m.lines, "{} lines > {}", s.lines.len(), m.lines);
                for l in &s.lines {
                    prop_assert!(line_width(l) <= m.width, "{:?} is {} > {}", l, line_width(l), m.width);
                    prop_assert!(!l.text.trim().is_empty());
                }
            }
            let out: String = slides.iter().flat_map(|s| s.lines.iter().map(|l| l.text.clone())).collect();
            let input: String = blocks.iter().map(|b| match b { Block::Heading(t) | Block::Paragraph(t) => t.clone() }).collect();
            prop_assert_eq!(normalized(&out), normalized(&input));
            // Words and numbers that fit a line are never split.
            let words = blocks.iter().flat_map(|b| match b {
                Block::Heading(t) | Block::Paragraph(t) => t.split(|c: char| !is_word_char(c)).map(str::to_string).collect::<Vec<_>>(),
            });
            for word in words.filter(|w| !w.is_empty()) {
                if measure(&word) <= m.width.saturating_sub(2 * EM) {
                    prop_assert!(slides.iter().flat_map(|s| &s.lines).any(|l| l.text.contains(&word)), "{word} split");
                }
            }
        }
    }
}
