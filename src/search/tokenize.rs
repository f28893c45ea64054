//! Cutting text into search tokens the same way the browser cuts a query
//! (`themes/default/static/search.js` mirrors these rules line for line), so
//! that neither side needs a dictionary: a run of CJK characters becomes its
//! overlapping bigrams plus its last character alone, Latin words and numbers
//! stay whole, full-width forms fold to ASCII, letters fold to lower case and
//! everything else separates.
//!
//! Any run of two or more CJK characters of a text is then found by asking
//! for each of its bigrams; one character is found as a prefix (every bigram
//! it starts, and the run-final unigram).

/// Words longer than this are cut: a pasted hash or URL must not make one
/// giant token. The browser cuts the query at the same length.
pub const MAX_WORD: usize = 32;

/// One token of a text, borrowed from the tokenizer's buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// Two consecutive CJK characters.
    Pair(char, char),
    /// The last character of a CJK run.
    One(char),
    /// A lower-cased Latin (or other alphabetic) word or a number.
    Word(&'a str),
}

impl Token<'_> {
    /// A compact key for CJK tokens: a unigram has 0 as second character.
    pub fn cjk_key(self) -> Option<u64> {
        match self {
            Token::Pair(a, b) => Some((u64::from(a) << 32) | u64::from(b)),
            Token::One(a) => Some(u64::from(a) << 32),
            Token::Word(_) => None,
        }
    }
}

/// The text of a CJK key made by [`Token::cjk_key`].
pub fn cjk_key_text(key: u64) -> String {
    let mut s = String::with_capacity(8);
    for part in [key >> 32, key & 0xFFFF_FFFF] {
        if let Some(c) = u32::try_from(part).ok().and_then(char::from_u32)
            && c != '\0'
        {
            s.push(c);
        }
    }
    s
}

/// Characters written without spaces between words: Han (with its
/// extensions and 々 〇), kana and Hangul syllables.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3005 | 0x3007 | 0x3040..=0x30FA | 0x30FC..=0x30FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

/// Full-width ASCII to ASCII, the ideographic space to a space, letters to
/// lower case when that stays one character.
pub fn fold(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // The common cases, CJK characters and the punctuation around them,
    // have no case: skip the tables.
    if is_cjk(c) || matches!(c, '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}') {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Cjk,
    Word,
    Other,
}

fn class(c: char) -> Class {
    if is_cjk(c) {
        Class::Cjk
    } else if matches!(c, '\u{2000}'..='\u{206F}' | '\u{3001}'..='\u{3004}' | '\u{3008}'..='\u{3020}')
    {
        // General punctuation and CJK brackets: neither letters nor numbers
        // (checked by a test), and common enough to skip the Unicode tables.
        Class::Other
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Other
    }
}

/// Calls `emit` with every token of `text`, in order, repeats included.
pub fn tokens(text: &str, mut emit: impl FnMut(Token<'_>)) {
    let mut word = String::new();
    let mut word_len = 0;
    let mut prev_cjk: Option<char> = None;
    for raw in text.chars().chain(std::iter::once(' ')) {
        // Most characters of our texts are Han: no folding, no tables.
        let (c, cl) = if crate::text::is_common_han(raw) {
            (raw, Class::Cjk)
        } else {
            let c = fold(raw);
            (c, class(c))
        };
        if cl != Class::Word && word_len > 0 {
            emit(Token::Word(&word));
            word.clear();
            word_len = 0;
        }
        if cl != Class::Cjk
            && let Some(p) = prev_cjk.take()
        {
            emit(Token::One(p));
        }
        match cl {
            Class::Cjk => {
                if let Some(p) = prev_cjk {
                    emit(Token::Pair(p, c));
                }
                prev_cjk = Some(c);
            }
            Class::Word => {
                if word_len < MAX_WORD {
                    word.push(c);
                }
                word_len += 1;
            }
            Class::Other => {}
        }
    }
}

/// The tokens of `text` as strings, for tests and diagnostics.
pub fn token_strings(text: &str) -> Vec<String> {
    let mut v = Vec::new();
    tokens(text, |t| {
        v.push(match t {
            Token::Pair(a, b) => format!("{a}{b}"),
            Token::One(a) => a.to_string(),
            Token::Word(w) => w.to_string(),
        })
    });
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        token_strings(s)
    }

    #[test]
    fn chinese_runs_become_bigrams_and_a_final_unigram() {
        assert_eq!(toks("台风"), ["台风", "风"]);
        assert_eq!(toks("政治生日"), ["政治", "治生", "生日", "日"]);
        assert_eq!(toks("村"), ["村"]);
        // Punctuation ends a run: no bigram across it.
        assert_eq!(toks("党费，收缴。"), ["党费", "费", "收缴", "缴"]);
    }

    #[test]
    fn latin_words_and_numbers_stay_whole_and_lower_case() {
        assert_eq!(
            toks("Party Day 2026年6月"),
            ["party", "day", "2026", "年", "6", "月"]
        );
        assert_eq!(toks("G20峰会"), ["g20", "峰会", "会"]);
        assert_eq!(toks("COVID-19, e-mail"), ["covid", "19", "e", "mail"]);
        assert_eq!(toks("Café"), ["café"]);
    }

    #[test]
    fn full_width_forms_fold_to_ascii() {
        assert_eq!(toks("ＡＢＣ１２３"), ["abc123"]);
        assert_eq!(toks("第１２期　学习"), ["第", "12", "期", "学习", "习"]);
        assert_eq!(fold('Ｚ'), 'z');
        assert_eq!(fold('（'), '(');
    }

    #[test]
    fn punctuation_and_symbols_separate_and_yield_nothing() {
        assert!(toks("，。！？、“”《》——…· ~!@#$%^&*()").is_empty());
        assert!(toks("").is_empty());
        assert_eq!(toks("《党章》"), ["党章", "章"]);
    }

    #[test]
    fn kana_hangul_and_extension_characters_are_cjk() {
        assert_eq!(toks("ひらがな"), ["ひら", "らが", "がな", "な"]);
        assert_eq!(toks("한국"), ["한국", "국"]);
        assert_eq!(toks("𠀀𠀁"), ["𠀀𠀁", "𠀁"]);
        // The katakana middle dot separates like other punctuation.
        assert_eq!(toks("マルクス・レーニン").len(), 4 + 4);
    }

    #[test]
    fn punctuation_fast_path_holds_no_letter_or_number() {
        for c in ('\u{2000}'..='\u{206F}')
            .chain('\u{3001}'..='\u{3004}')
            .chain('\u{3008}'..='\u{3020}')
        {
            assert!(!c.is_alphanumeric() && !is_cjk(c), "{c:?}");
        }
    }

    #[test]
    fn the_han_fast_path_agrees_with_fold_and_class() {
        for c in ['\u{4E00}', '党', '\u{9FFF}'] {
            assert_eq!(fold(c), c);
            assert!(class(c) == Class::Cjk);
        }
    }

    #[test]
    fn long_words_are_cut() {
        let long = "a".repeat(100);
        assert_eq!(toks(&long), ["a".repeat(MAX_WORD)]);
    }

    #[test]
    fn keys_round_trip() {
        for t in [
            Token::Pair('党', '员'),
            Token::One('村'),
            Token::Pair('𠀀', 'a'),
        ] {
            let key = t.cjk_key().unwrap_or_default();
            let text = cjk_key_text(key);
            match t {
                Token::Pair(a, b) => assert_eq!(text, format!("{a}{b}")),
                Token::One(a) => assert_eq!(text, a.to_string()),
                Token::Word(_) => unreachable!(),
            }
        }
    }
}
