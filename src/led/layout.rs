//! Pagination of a lecture into LED slides, done when the site is built.
//!
//! The model: a slide is `lines` lines of at most `width` units, where a unit
//! is 1/20 em. A CJK character is 1 em; Latin letters and digits are counted
//! more generously than their real width (see `crate::screen`, which holds
//! the measure of a screen and of text). Lines are broken
//! here, not by the browser: each line is rendered as its own element that
//! does not wrap. Words and numbers are never split; closing punctuation stays
//! with the character before it and opening punctuation with the one after
//! (no line starts with `，` or ends with `“`). A slide break prefers the end
//! of a sentence (。！？；); headings start a new slide; the first line of a
//! paragraph is indented by two characters.

use std::borrow::Cow;

pub(crate) use crate::screen::{EM, Metrics, char_units, measure};
use crate::text::is_cjk as is_wide;

/// The indent of a paragraph's first line: two characters, on a screen
/// wide enough for it.
fn first_line_indent(m: &Metrics) -> u32 {
    if m.width >= 8 * EM { 2 * EM } else { 0 }
}

/// A block of lecture text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    Heading(String),
    Paragraph(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// A slice of the lecture's text where the line is one.
    pub text: Cow<'a, str>,
    pub heading: bool,
    /// The first line of a paragraph, indented by two characters.
    pub indent: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Slide<'a> {
    pub lines: Vec<Line<'a>>,
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

/// An unbreakable piece of text: a range of the text it was cut from.
/// Tokens are ranges, not strings: a lecture has thousands of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token {
    start: usize,
    end: usize,
    width: u32,
    /// A run of white space, shown as one space.
    space: bool,
    /// Ends a sentence (。！？；, possibly followed by a closing quote).
    sentence_end: bool,
}

impl Token {
    fn text<'a>(&self, src: &'a str) -> &'a str {
        if self.space {
            " "
        } else {
            &src[self.start..self.end]
        }
    }

    fn new(src: &str, start: usize, end: usize) -> Token {
        let text = &src[start..end];
        Token {
            start,
            end,
            width: measure(text),
            space: false,
            sentence_end: ends_sentence(text),
        }
    }
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['”', '’', '」', '』', '）', ')', '"', '\'']);
    t.ends_with(['。', '！', '？', '；', '!', '?', ';', '…'])
}

/// A first cut of the text: a white space run, a word or number, or a
/// single character, with its width.
struct Piece {
    start: usize,
    end: usize,
    space: bool,
    /// The character, for a piece of one character that is not a word.
    single: Option<char>,
    width: u32,
}

fn pieces(text: &str) -> Vec<Piece> {
    let mut raw = Vec::with_capacity(text.len() / 3 + 1);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        // Most characters of a lecture are Han: one em, not a word.
        if crate::text::is_common_han(c) {
            raw.push(Piece {
                start,
                end: start + c.len_utf8(),
                space: false,
                single: Some(c),
                width: EM,
            });
            continue;
        }
        if c.is_whitespace() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek().filter(|(_, d)| d.is_whitespace()) {
                end = i + d.len_utf8();
                chars.next();
            }
            raw.push(Piece {
                start,
                end,
                space: true,
                single: None,
                width: char_units(' '),
            });
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut width = char_units(c);
        let word = is_word_char(c);
        if word {
            // A word or number, with inner punctuation: 3.14, e-mail, 2026-05.
            while let Some(&(i, d)) = chars.peek() {
                let inner = matches!(d, '.' | '-' | '_' | '/' | ':' | '\'' | '’' | '+' | ',')
                    && text[i + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_word_char);
                if is_word_char(d) || inner {
                    end = i + d.len_utf8();
                    width += char_units(d);
                    chars.next();
                } else {
                    break;
                }
            }
        }
        raw.push(Piece {
            start,
            end,
            space: false,
            single: (!word).then_some(c),
            width,
        });
    }
    raw
}

/// Characters a sentence end may finish with (see `ends_sentence`).
fn may_end_sentence(c: char) -> bool {
    matches!(
        c,
        '。' | '！'
            | '？'
            | '；'
            | '!'
            | '?'
            | ';'
            | '…'
            | '”'
            | '’'
            | '」'
            | '』'
            | '）'
            | ')'
            | '"'
            | '\''
    )
}

/// Splits text into unbreakable tokens.
fn tokenize(text: &str) -> Vec<Token> {
    // Glue opening punctuation to what follows and closing punctuation to
    // what precedes.
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 3 + 1);
    // Where the opening marks waiting for their character start, and
    // their width.
    let mut pending_open: Option<(usize, u32)> = None;
    for p in pieces(text) {
        // A Han character with no opening mark before it: a token alone
        // (what the general case below gives it, sooner).
        if pending_open.is_none() && p.single.is_some_and(crate::text::is_common_han) {
            tokens.push(Token {
                start: p.start,
                end: p.end,
                width: p.width,
                space: false,
                sentence_end: false,
            });
            continue;
        }
        if p.space {
            if let Some((open, _)) = pending_open.take() {
                // An opening mark followed by a space: keep it as its own token.
                tokens.push(Token::new(text, open, p.start));
            }
            if tokens.last().is_some_and(|t| !t.space) {
                tokens.push(Token {
                    start: p.start,
                    end: p.end,
                    width: p.width,
                    space: true,
                    sentence_end: false,
                });
            }
            continue;
        }
        if let Some(c) = p.single
            && is_opening(c)
        {
            let (start, width) = pending_open.unwrap_or((p.start, 0));
            pending_open = Some((start, width + p.width));
            continue;
        }
        if p.single.is_some_and(is_closing)
            && pending_open.is_none()
            && let Some(last) = tokens.last_mut()
            && !last.space
        {
            last.end = p.end;
            last.width += p.width;
            last.sentence_end = ends_sentence(&text[last.start..last.end]);
            continue;
        }
        let (start, open_width) = pending_open.take().unwrap_or((p.start, 0));
        tokens.push(Token {
            start,
            end: p.end,
            width: open_width + p.width,
            space: false,
            sentence_end: p.single.is_some_and(may_end_sentence)
                && ends_sentence(&text[start..p.end]),
        });
    }
    if let Some((open, _)) = pending_open {
        tokens.push(Token::new(text, open, text.len()));
    }
    while tokens.last().is_some_and(|t| t.space) {
        tokens.pop();
    }
    tokens
}

/// Cuts a token wider than a whole line into pieces that fit: first between
/// the punctuation glued to it and its word, and only when the word itself
/// is wider than the line, inside the word (there is no other way to show it).
/// One pass with running widths: a pasted 100,000-letter "word" must cost
/// as little per letter as a short one.
fn split_wide(t: &Token, src: &str, width: u32) -> Vec<Token> {
    let mut cut = Cut::default();
    for (a, b) in segments(src, t.start, t.end) {
        let seg_w = measure(&src[a..b]);
        if cut.width + seg_w <= width {
            cut.push(a, b, seg_w);
            continue;
        }
        cut.flush();
        if seg_w <= width {
            cut.push(a, b, seg_w);
            continue;
        }
        for (i, c) in src[a..b].char_indices() {
            let w = char_units(c);
            if cut.cur.is_some() && cut.width + w > width {
                cut.flush();
            }
            cut.push(a + i, a + i + c.len_utf8(), w);
        }
    }
    cut.flush();
    let n = cut.pieces.len();
    cut.pieces
        .into_iter()
        .enumerate()
        .map(|(k, (a, b))| Token {
            sentence_end: k + 1 == n && t.sentence_end,
            ..Token::new(src, a, b)
        })
        .collect()
}

/// The pieces `split_wide` has cut, and the one it is filling.
#[derive(Default)]
struct Cut {
    pieces: Vec<(usize, usize)>,
    cur: Option<(usize, usize)>,
    /// The width of `cur`.
    width: u32,
}

impl Cut {
    fn push(&mut self, a: usize, b: usize, w: u32) {
        self.cur = Some(self.cur.map_or((a, b), |(start, _)| (start, b)));
        self.width += w;
    }

    fn flush(&mut self) {
        self.pieces.extend(self.cur.take());
        self.width = 0;
    }
}

/// The segments of `src[start..end]`: each run of word characters, and
/// each other character alone.
fn segments(src: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut in_word = false;
    for (i, c) in src[start..end].char_indices() {
        let (a, b) = (start + i, start + i + c.len_utf8());
        let word = is_word_char(c);
        match out.last_mut() {
            Some(last) if word && in_word => last.1 = b,
            _ => out.push((a, b)),
        }
        in_word = word;
    }
    out
}

/// Lays out tokens from `start` into at most `max_lines` lines of `width`
/// units, the first one indented by `indent`. Returns each line as a range
/// of tokens (never starting or ending with a space) and the index of the
/// first token left over.
fn fill(
    tokens: &[Token],
    start: usize,
    width: u32,
    indent: u32,
    max_lines: usize,
) -> (Vec<std::ops::Range<usize>>, usize) {
    let mut lines = Vec::new();
    let mut i = start;
    // The first token of the line being filled.
    let mut cur: Option<usize> = None;
    let mut cur_w = indent;
    while i < tokens.len() && lines.len() < max_lines {
        let t = &tokens[i];
        if t.space {
            if let Some(a) = cur {
                // Kept only if a word follows on the same line.
                let next_fits = tokens
                    .get(i + 1)
                    .is_some_and(|n| cur_w + t.width + n.width <= width);
                if next_fits {
                    cur_w += t.width;
                } else {
                    lines.push(a..i);
                    cur = None;
                    cur_w = 0;
                }
            }
            i += 1;
            continue;
        }
        if cur_w + t.width <= width {
            cur.get_or_insert(i);
            cur_w += t.width;
            i += 1;
        } else if let Some(a) = cur.take() {
            lines.push(a..i);
            cur_w = 0;
        } else {
            // Only a token wider than the line gets here; callers split those.
            lines.push(i..i + 1);
            i += 1;
            cur_w = 0;
        }
    }
    if let Some(a) = cur
        && lines.len() < max_lines
    {
        lines.push(a..i);
    }
    (lines, i)
}

/// The lines `fill` gives for the tokens up to and including `k`, taken
/// from the lines it gave from the same start for more tokens (`k` in one
/// of them): the lines up to the one holding `k`, that one ending after
/// `k`. Filling is greedy and looks ahead one token only after a space, so
/// the lines before `k` do not depend on what comes after it.
fn lines_upto(lines: &[std::ops::Range<usize>], k: usize) -> Vec<std::ops::Range<usize>> {
    let n = lines
        .iter()
        .position(|r| r.contains(&k))
        .map_or(lines.len(), |l| l + 1);
    let mut upto = lines[..n].to_vec();
    if let Some(last) = upto.last_mut() {
        last.end = k + 1;
    }
    upto
}

/// The text of a line of tokens.
fn line_text<'s>(tokens: &[Token], src: &'s str, range: std::ops::Range<usize>) -> Cow<'s, str> {
    let tokens = &tokens[range];
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return Cow::Borrowed("");
    };
    // Lecture text has single spaces already: then the line is one slice.
    let mut at = first.start;
    let as_is = tokens.iter().all(|t| {
        let ok = t.start == at && (!t.space || &src[t.start..t.end] == " ");
        at = t.end;
        ok
    });
    if as_is {
        return Cow::Borrowed(&src[first.start..last.end]);
    }
    let mut s = String::with_capacity(last.end.saturating_sub(first.start));
    for t in tokens {
        s.push_str(t.text(src));
    }
    Cow::Owned(s)
}

/// Lays out one string into lines (no slide limit), for titles.
pub(crate) fn wrap(text: &str, width: u32) -> Vec<String> {
    let tokens = prepared(text, width, 0);
    fill(&tokens, 0, width, 0, usize::MAX)
        .0
        .into_iter()
        .map(|r| line_text(&tokens, text, r).into_owned())
        .collect()
}

/// Lays out one string into as few lines as `wrap`, as even as they can
/// be: the narrowest width that keeps the count. A cover line then never
/// ends with a lone character of a name ("…小学党支 / 部" becomes
/// "海沧区滨海实验 / 小学党支部").
pub(crate) fn wrap_balanced(text: &str, width: u32) -> Vec<String> {
    let greedy = wrap(text, width);
    if greedy.len() < 2 {
        return greedy;
    }
    let (mut lo, mut hi) = (EM, width);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if wrap(text, mid).len() <= greedy.len() {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    wrap(text, hi)
}

/// Tokens with every too-wide token split so that each fits a line.
fn prepared(text: &str, width: u32, indent: u32) -> Vec<Token> {
    fit(&tokenize(text), text, width, indent).into_owned()
}

/// `tokens` with every too-wide token split so that each fits a line; the
/// same tokens when all fit, as they nearly always do.
fn fit<'t>(
    tokens: &'t [Token],
    src: &str,
    width: u32,
    indent: u32,
) -> std::borrow::Cow<'t, [Token]> {
    let room = |n: usize| {
        if n == 0 {
            width.saturating_sub(indent).max(EM)
        } else {
            width
        }
    };
    let too_wide = |(n, t): (usize, &Token)| t.width > room(n).min(width) && !t.space;
    if !tokens.iter().enumerate().any(too_wide) {
        return std::borrow::Cow::Borrowed(tokens);
    }
    let mut out = Vec::new();
    for (n, t) in tokens.iter().enumerate() {
        if too_wide((n, t)) {
            out.extend(split_wide(t, src, room(n)));
        } else {
            out.push(*t);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Lecture blocks cut into tokens once, for the slides of every profile.
pub(crate) struct Text<'a> {
    blocks: Vec<(bool, &'a str, Vec<Token>)>,
}

impl<'a> Text<'a> {
    pub(crate) fn new(blocks: impl IntoIterator<Item = &'a Block>) -> Text<'a> {
        Text {
            blocks: blocks
                .into_iter()
                .map(|b| match b {
                    Block::Heading(t) => (true, t.as_str(), tokenize(t)),
                    Block::Paragraph(t) => (false, t.as_str(), tokenize(t)),
                })
                .collect(),
        }
    }
}

/// Paginates a lecture's text, after a heading `head` if given, into slides
/// that fit `m`.
pub(crate) fn paginate_text<'a>(
    head: Option<&'a str>,
    text: &Text<'a>,
    m: &Metrics,
) -> Vec<Slide<'a>> {
    let head = head.map(|h| (true, h, tokenize(h)));
    let mut slides: Vec<Slide> = Vec::new();
    let mut cur = Slide::default();
    for (heading, src, tokens) in head.iter().chain(&text.blocks) {
        if *heading {
            if !cur.lines.is_empty() {
                slides.push(std::mem::take(&mut cur));
            }
            let tokens = fit(tokens, src, m.width, 0);
            for range in fill(&tokens, 0, m.width, 0, usize::MAX).0 {
                if cur.lines.len() == m.lines {
                    slides.push(std::mem::take(&mut cur));
                }
                cur.lines.push(Line {
                    text: line_text(&tokens, src, range),
                    heading: true,
                    indent: false,
                });
            }
        } else {
            paragraph(src, tokens, m, &mut cur, &mut slides);
        }
    }
    if !cur.lines.is_empty() {
        slides.push(cur);
    }
    slides
}

fn paragraph<'a>(
    text: &'a str,
    tokens: &[Token],
    m: &Metrics,
    cur: &mut Slide<'a>,
    slides: &mut Vec<Slide<'a>>,
) {
    let indent = first_line_indent(m);
    let tokens = fit(tokens, text, m.width, indent);
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
        let (mut lines, end) = fill(&tokens, i, m.width, ind, room);
        let mut cut = end;
        if end < tokens.len() {
            // The paragraph goes on after this slide: end the slide at the
            // last sentence end that leaves it at least a third full.
            match (i..end).rev().find(|&k| tokens[k].sentence_end) {
                Some(k) => {
                    let upto = lines_upto(&lines, k);
                    if upto.len() * 3 >= m.lines {
                        cut = k + 1;
                        if cut != end {
                            lines = upto;
                        }
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
        for (n, range) in lines.into_iter().enumerate() {
            cur.lines.push(Line {
                text: line_text(&tokens, text, range),
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

    #[test]
    fn a_balanced_cover_line_leaves_no_lone_character() {
        let name = "海沧区滨海实验小学党支部";
        // Eleven characters fit a line: the greedy wrap leaves 部 alone.
        let width = 11 * EM;
        assert_eq!(wrap(name, width), ["海沧区滨海实验小学党支", "部"]);
        let even = wrap_balanced(name, width);
        assert_eq!(even.len(), 2);
        assert_eq!(even.concat(), name);
        let (a, b) = (measure(&even[0]), measure(&even[1]));
        assert!(a.abs_diff(b) <= EM, "{even:?}");
        assert_eq!(wrap_balanced("短名", width), ["短名"]);
    }

    use super::*;
    use crate::screen::LedProfile;
    use proptest::prelude::*;

    /// `paginate_text` with lines of their own, free of the blocks.
    fn paginate<'a>(
        blocks: impl IntoIterator<Item = &'a Block>,
        m: &Metrics,
    ) -> Vec<Slide<'static>> {
        let own = |l: Line| Line {
            text: Cow::Owned(l.text.into_owned()),
            heading: l.heading,
            indent: l.indent,
        };
        paginate_text(None, &Text::new(blocks), m)
            .into_iter()
            .map(|s| Slide {
                lines: s.lines.into_iter().map(own).collect(),
            })
            .collect()
    }

    fn outdoor() -> Metrics {
        Metrics::for_profile(&LedProfile {
            name: "o".into(),
            width: 384,
            height: 192,
            font_px: 32,
            seconds: 8,
            pictures: false,
            palette: crate::screen::Palette::default(),
        })
    }

    fn line_width(l: &Line) -> u32 {
        measure(&l.text) + if l.indent { 2 * EM } else { 0 }
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
            .flat_map(|s| s.lines.iter().map(|l| l.text.as_ref()))
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
        let first: String = slides[0].lines.iter().map(|l| l.text.as_ref()).collect();
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

    #[test]
    fn the_han_fast_path_agrees_with_the_general_rules() {
        for c in ['\u{4E00}', '党', '\u{9FFF}'] {
            assert_eq!(char_units(c), EM);
            assert!(!is_word_char(c) && !c.is_whitespace());
        }
    }

    #[test]
    fn lines_up_to_a_sentence_end_are_the_lines_of_the_shorter_text() {
        let text = "党的二十大报告指出，全面建设社会主义现代化国家。Party members \
            met on 2026-05-04; they read “the report” aloud! 支部书记（张三）说：\
            要把学习成果转化为推动工作的实际行动？大家纷纷表示同意。";
        let tokens = tokenize(text);
        let mut checked = 0;
        for width in [3 * EM, 5 * EM, 11 * EM, 26 * EM] {
            let tokens = fit(&tokens, text, width, 2 * EM).into_owned();
            for start in [0, 1, 5] {
                let (lines, end) = fill(&tokens, start, width, 2 * EM, 3);
                for k in start..end {
                    if tokens[k].sentence_end {
                        let (want, _) = fill(&tokens[..=k], start, width, 2 * EM, 3);
                        assert_eq!(lines_upto(&lines, k), want, "width {width}, k {k}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked >= 10, "{checked} sentence ends");
    }

    /// Guards against quadratic time on a word wider than a line (issue 15,
    /// point 11a: a lecture that was one 128,000-letter word took 11.6 s to
    /// build). Cut in one pass, 100,000 letters take milliseconds even
    /// unoptimized; the bound is loose so that a busy machine passes.
    #[test]
    fn a_word_wider_than_a_line_is_cut_in_linear_time() {
        let word = "a".repeat(100_000);
        let m = outdoor();
        let started = std::time::Instant::now();
        let slides = paginate(&[Block::Paragraph(word.clone())], &m);
        let elapsed = started.elapsed();
        let lines: Vec<&Line> = slides.iter().flat_map(|s| &s.lines).collect();
        assert!(lines.iter().all(|l| line_width(l) <= m.width));
        let text: String = lines.iter().map(|l| l.text.as_ref()).collect();
        assert_eq!(text, word);
        assert!(
            elapsed < std::time::Duration::from_secs(3),
            "{elapsed:?} for a word of 100,000 letters"
        );
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
            let p = LedProfile { name: "p".into(), width: w, height: h, font_px: f, seconds: 5, pictures: false, palette: Default::default() };
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
