//! Plain-text helpers shared by every output: character classes of Chinese
//! text, HTML escaping and entity decoding, tag names, excerpts. None of
//! them parses Markdown (that is `markdown`), and this module imports
//! nothing from the crate, so that the LED layout, the search tokenizer and
//! the feeds can use them without reaching into the Markdown renderer.

pub(crate) mod phrases;

use std::borrow::Cow;

/// True for the CJK Unified Ideographs block, nearly every character of a
/// Chinese text: the fast paths of the LED layout and the search tokenizer
/// test this first and skip their general rules.
pub(crate) fn is_common_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}')
}

/// True for characters of Chinese, Japanese and Korean text and their
/// full-width punctuation, between which a line break means no space.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F
        | 0x31A0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x2FA1F)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_html_into(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped for HTML text and attribute values (`&`
/// `<` `>` `"` `'`). pulldown-cmark's escaper, with its SIMD scan: most of
/// the text dangri escapes is Chinese and has none of these bytes.
pub(crate) fn escape_html_into(out: &mut String, s: &str) {
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(out, s);
}

/// Decodes the entities pulldown-cmark and ammonia write (the named ones of
/// XML, `&nbsp;` and numeric ones); anything else stays as written.
pub(crate) fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn entity(name: &str) -> Option<char> {
    let code = match name {
        "amp" => return Some('&'),
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        "quot" => return Some('"'),
        "apos" => return Some('\''),
        "nbsp" => return Some(' '),
        _ => {
            let num = name.strip_prefix('#')?;
            match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            }
        }
    };
    char::from_u32(code).filter(|c| *c != '\0')
}

/// The lower-case name of an HTML tag from the text between `<` and `>`
/// (`/p` gives `p`, `h2 id="x"` gives `h2`).
pub(crate) fn tag_name(tag: &str) -> Cow<'_, str> {
    let tag = tag.trim_start_matches('/');
    let end = tag
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(tag.len());
    let name = &tag[..end];
    // The HTML dangri renders is lower case: a copy only for a writer's own.
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// Full-width punctuation that carries its own space: white space typed
/// after it shows as a stray gap ("会议， 讨论").
pub(crate) fn is_spaced_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '；' | '：' | '？' | '！' | '）' | '」' | '』' | '】' | '》'
    )
}

/// `s` without the white space after full-width punctuation.
pub(crate) fn tidy_spaces(s: &str) -> Cow<'_, str> {
    let stray = |(i, c): (usize, char)| {
        c.is_whitespace() && s[..i].chars().next_back().is_some_and(is_spaced_punct)
    };
    if !s.char_indices().any(stray) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut after_punct = false;
    for c in s.chars() {
        if after_punct && c.is_whitespace() {
            continue;
        }
        after_punct = is_spaced_punct(c);
        out.push(c);
    }
    Cow::Owned(out)
}

/// At most `max` characters, cut at a character boundary with an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max).collect();
    s.push('…');
    s
}

/// The known name closest to `name`, if close enough to be a typo: the
/// same letters in another case (`HUIYI-01.JPG` for `huiyi-01.jpg`), else
/// the fewest edits, at most 2 or a quarter of the name (ties: the first
/// in code-point order).
pub(crate) fn nearest<'k>(name: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let known: Vec<&'k str> = known.into_iter().collect();
    let lower = name.to_lowercase();
    if let Some(k) = known.iter().filter(|k| k.to_lowercase() == lower).min() {
        return Some(k);
    }
    known
        .iter()
        .map(|k| (levenshtein(name, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.chars().count() / 4))
        .min()
        .map(|(_, k)| k)
}

/// The known file name or id closest to `name`, stricter than `nearest`:
/// the same in another case, or the same extension and a stem at most one
/// edit in five away (`vist.png` for `visit.png`, `chen-jiangguo` for
/// `chen-jianguo`; never `b.jpg` for `a.jpg`), or one Chinese character
/// off, as an input method's homophone gives it (`东遥村` for `东瑶村`;
/// never `照片2.jpg` for `照片1.jpg`).
pub(crate) fn nearest_file<'k>(
    name: &str,
    known: impl IntoIterator<Item = &'k str>,
) -> Option<&'k str> {
    let known: Vec<&'k str> = known.into_iter().collect();
    let lower = name.to_lowercase();
    if let Some(k) = known.iter().filter(|k| k.to_lowercase() == lower).min() {
        return Some(k);
    }
    let split = |s: &'k str| match s.rsplit_once('.') {
        Some((stem, ext)) => (stem, ext),
        None => (s, ""),
    };
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) => (stem, ext),
        None => (name, ""),
    };
    known
        .iter()
        .filter_map(|&k| {
            let (kstem, kext) = split(k);
            let d = levenshtein(stem, kstem);
            let close = d <= kstem.chars().count() / 5 || (d == 1 && one_cjk_off(stem, kstem));
            (kext.eq_ignore_ascii_case(ext) && close).then_some((d, k))
        })
        .min()
        .map(|(_, k)| k)
}

/// Whether `a` and `b`, one edit apart, differ in a Chinese character: one
/// replaced by another in names of at least two characters, or one left
/// out or added in names of at least three.
fn one_cjk_off(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let cjk = |c: &char| ('\u{3400}'..='\u{9fff}').contains(c);
    if a.len() == b.len() {
        let mut differ = a.iter().zip(&b).filter(|(x, y)| x != y);
        return a.len() >= 2
            && differ
                .next()
                .is_some_and(|(x, y)| cjk(x) && cjk(y) && differ.next().is_none());
    }
    let (short, long) = if a.len() < b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() != short.len() + 1 || short.len() < 2 {
        return false;
    }
    let at = short
        .iter()
        .zip(long.iter())
        .position(|(x, y)| x != y)
        .unwrap_or(short.len());
    cjk(&long[at]) && short[at..] == long[at + 1..]
}

/// Edits between two strings: insertions, deletions, substitutions and
/// swaps of two neighbours (`xingwnag` is one edit from `xingwang`).
fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the optimal-string-alignment table.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_near_file_or_id_is_one_edit_in_five_or_another_case() {
        let known = ["visit.png", "a.jpg", "xingwang", "chen-jianguo"];
        let near = |n: &str| nearest_file(n, known.iter().copied());
        assert_eq!(near("VISIT.PNG"), Some("visit.png"));
        assert_eq!(near("vist.png"), Some("visit.png"));
        assert_eq!(near("xingwnag"), Some("xingwang"), "a swap is one edit");
        assert_eq!(near("chen-jiangguo"), Some("chen-jianguo"));
        assert_eq!(near("b.jpg"), None, "another picture, not a typo");
        assert_eq!(near("visit.jpg"), None, "another extension");
        assert_eq!(near("haiyun"), None);
    }

    #[test]
    fn a_chinese_name_one_character_off_is_near() {
        let known = ["东瑶村", "照片1.jpg", "新阳社区"];
        let near = |n: &str| nearest_file(n, known.iter().copied());
        assert_eq!(near("东遥村"), Some("东瑶村"), "a homophone");
        assert_eq!(near("东瑶"), Some("东瑶村"), "a character left out");
        assert_eq!(near("新阳社区区"), Some("新阳社区"), "a character added");
        assert_eq!(near("照片2.jpg"), None, "another picture, not a typo");
        assert_eq!(near("西遥村"), None, "two characters off");
        assert_eq!(near("村"), None);
    }

    use super::*;

    #[test]
    fn escape_html_escapes_the_five_and_keeps_the_rest() {
        assert_eq!(
            escape_html("党<b>&\"x\"'y'</b>&amp;，。"),
            "党&lt;b&gt;&amp;&quot;x&quot;&#39;y&#39;&lt;/b&gt;&amp;amp;，。"
        );
        // Long enough for the SIMD scan, the special bytes at its edges.
        let long = format!("{}<{}>", "学".repeat(40), "习".repeat(40));
        assert_eq!(
            escape_html(&long),
            format!("{}&lt;{}&gt;", "学".repeat(40), "习".repeat(40))
        );
        assert_eq!(escape_html(""), "");
    }

    #[test]
    fn entities_of_the_renderer_are_decoded_and_others_kept() {
        assert_eq!(
            decode_entities("a&amp;b&lt;&gt;&quot;&apos;&nbsp;&#20826;&#x65E5;"),
            "a&b<>\"' 党日"
        );
        // Unknown names, a NUL, a missing `;` and a stray `&` stay as written.
        assert_eq!(
            decode_entities("&copy; &#0; &amp x & y"),
            "&copy; &#0; &amp x & y"
        );
        assert!(matches!(decode_entities("党日"), Cow::Borrowed(_)));
    }

    #[test]
    fn tag_names_are_lower_case_without_slash_or_attributes() {
        assert_eq!(tag_name("/p"), "p");
        assert_eq!(tag_name("h2 id=\"x\""), "h2");
        assert_eq!(tag_name("DIV class=a"), "div");
        assert_eq!(tag_name("br/"), "br");
        assert_eq!(tag_name(""), "");
    }

    #[test]
    fn excerpts_count_characters_not_bytes() {
        assert_eq!(excerpt("  学习党章  ", 4), "学习党章");
        assert_eq!(excerpt("学习党章", 3), "学习党…");
        assert_eq!(excerpt("", 3), "");
    }

    #[test]
    fn han_is_cjk_and_latin_is_not() {
        for c in ['党', '。', '，', '“', '…', 'ア', '한', '１'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', '1', ',', ' ', 'é'] {
            assert!(!is_cjk(c), "{c}");
        }
        assert!(is_common_han('党') && !is_common_han('。'));
    }
}
