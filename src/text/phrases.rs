//! Where a short Chinese text may break across lines: between words, never
//! inside one ("庆祝中国共产党成 / 立105周年"). Chinese has no spaces, and a
//! browser breaks between any two characters; the theme sets
//! `word-break: keep-all` on headings, labels and short fields and this
//! module puts a `<wbr>` where a break is allowed, so that they break only
//! there (or at spaces and punctuation).
//!
//! The boundaries come from BudouX's Simplified Chinese model (Google,
//! Apache-2.0, `budoux-zh-hans.json` and `BUDOUX-LICENSE` beside this file):
//! a sum of weights of the one, two and three characters around each
//! position, a break where it is positive. Its guesses are then corrected
//! with what this site's texts are made of: the words of Party life are
//! never cut ("党 / 支部"), nor is a number from its unit or its neighbours
//! ("70 / 分钟", "2026年 / 10月").

use std::collections::HashMap;
use std::sync::OnceLock;

use foldhash::fast::FixedState;

use super::escape_html_into;

/// Words of Party life and of the site's labels that BudouX's model cuts
/// and a reader must never see cut.
const WORDS: &[&str] = &[
    "中国共产党",
    "共产党员",
    "共产党",
    "党支部",
    "党总支",
    "党工委",
    "党委",
    "党组织",
    "党小组",
    "党员",
    "党课",
    "党日",
    "党建",
    "党史",
    "党费",
    "党群",
    "党务",
    "党性",
    "党风",
    "支部",
    "五件事",
    "主题党日",
    "组织生活",
    "民主生活会",
    "三会一课",
    "新时代",
    "总书记",
    "志愿服务",
    "红色教育",
    "基层治理",
    "出席率",
    "完成率",
    "全部完成",
    "部分完成",
    "未报送",
    "联系点",
    "村史馆",
    "老物件",
    "社区",
    "街道",
    "周年",
    "有限公司",
    "委员会",
    "物流",
    "课堂",
];

/// BudouX's features: for each of the 13 groups (UW1–6, BW1–3, TW1–4), the
/// characters it looks at packed in a `u64`, and their weight; and
/// [`WORDS`] as characters, sorted, to find those starting at a position.
struct Model {
    groups: [HashMap<u64, i32, FixedState>; 13],
    base: i64,
    words: Vec<Vec<char>>,
}

const GROUPS: [&str; 13] = [
    "UW1", "UW2", "UW3", "UW4", "UW5", "UW6", "BW1", "BW2", "BW3", "TW1", "TW2", "TW3", "TW4",
];

fn pack(chars: &[char]) -> u64 {
    chars
        .iter()
        .fold(0u64, |k, &c| (k << 21) | u64::from(u32::from(c)))
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        // The model ships inside the binary and is tested to parse: an
        // empty model (no break anywhere but spaces) is the fallback.
        let raw: HashMap<String, std::collections::BTreeMap<String, i32>> =
            serde_json::from_str(include_str!("budoux-zh-hans.json")).unwrap_or_default();
        let mut groups: [HashMap<u64, i32, FixedState>; 13] = Default::default();
        let mut total: i64 = 0;
        for (g, name) in GROUPS.iter().enumerate() {
            if let Some(features) = raw.get(*name) {
                for (key, &w) in features {
                    let chars: Vec<char> = key.chars().collect();
                    groups[g].insert(pack(&chars), w);
                    total += i64::from(w);
                }
            }
        }
        let mut words: Vec<Vec<char>> = WORDS.iter().map(|w| w.chars().collect()).collect();
        words.sort();
        Model {
            groups,
            base: -total / 2,
            words,
        }
    })
}

/// Whether BudouX's model starts a new phrase at `chars[i]` (`i >= 1`).
fn model_break(m: &Model, chars: &[char], i: usize) -> bool {
    let n = chars.len();
    let get = |g: usize, from: usize, to: usize| -> i64 {
        m.groups[g]
            .get(&pack(&chars[from..to]))
            .copied()
            .map_or(0, i64::from)
    };
    let mut score = m.base;
    if i > 2 {
        score += get(0, i - 3, i - 2);
    }
    if i > 1 {
        score += get(1, i - 2, i - 1);
    }
    score += get(2, i - 1, i);
    score += get(3, i, i + 1);
    if i + 1 < n {
        score += get(4, i + 1, i + 2);
    }
    if i + 2 < n {
        score += get(5, i + 2, i + 3);
    }
    if i > 1 {
        score += get(6, i - 2, i);
    }
    score += get(7, i - 1, i + 1);
    if i + 1 < n {
        score += get(8, i, i + 2);
    }
    if i > 2 {
        score += get(9, i - 3, i);
    }
    if i > 1 {
        score += get(10, i - 2, i + 1);
    }
    if i + 1 < n {
        score += get(11, i - 1, i + 2);
    }
    if i + 2 < n {
        score += get(12, i, i + 3);
    }
    score > 0
}

/// A letter or digit a line must not be broken beside without reason.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '%'
}

/// The char positions `i` (between `chars[i - 1]` and `chars[i]`) where a
/// line may break inside a run of letters: phrase starts that neither cut
/// a word of [`WORDS`] nor touch a digit, and never between two ASCII
/// letters or digits (a Latin word or a number).
pub(crate) fn breaks(chars: &[char]) -> Vec<usize> {
    let n = chars.len();
    if n < 2 {
        return Vec::new();
    }
    let m = model();
    let mut kept = vec![true; n];
    for start in 0..n - 1 {
        // The words that start with this character (the list is sorted).
        let c = chars[start];
        let from = m.words.partition_point(|w| w.first() < Some(&c));
        let to = from + m.words[from..].partition_point(|w| w.first() == Some(&c));
        for w in &m.words[from..to] {
            if chars[start..].starts_with(w) {
                kept[start + 1..start + w.len()].fill(false);
            }
        }
    }
    (1..n)
        .filter(|&i| {
            let (a, b) = (chars[i - 1], chars[i]);
            kept[i]
                && is_word_char(a)
                && is_word_char(b)
                && !a.is_numeric()
                && !b.is_numeric()
                && !a.is_ascii_alphanumeric()
                && !b.is_ascii_alphanumeric()
                && model_break(m, chars, i)
        })
        .collect()
}

/// `text` as HTML for a heading, label or short field: escaped, without
/// white space after full-width punctuation, a `<wbr>` between its
/// phrases, and a no-break space before each ` · ` separator so that no
/// line starts with the dot.
pub(crate) fn html(text: &str) -> String {
    let chars: Vec<char> = super::tidy_spaces(text).chars().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut at = breaks(&chars).into_iter().peekable();
    let mut buf = [0u8; 4];
    for (i, &c) in chars.iter().enumerate() {
        if at.peek() == Some(&i) {
            out.push_str("<wbr>");
            at.next();
        }
        if c == ' ' && chars.get(i + 1) == Some(&'·') {
            out.push('\u{a0}');
            continue;
        }
        escape_html_into(&mut out, c.encode_utf8(&mut buf));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> String {
        html(text).replace("<wbr>", " / ")
    }

    #[test]
    fn the_model_reads() {
        assert!(model().groups.iter().all(|g| !g.is_empty()));
    }

    #[test]
    fn words_numbers_and_units_stay_whole() {
        assert_eq!(
            cut("庆祝中国共产党成立105周年"),
            "庆祝 / 中国共产党 / 成立105周年"
        );
        assert_eq!(
            cut("海沧区滨海实验小学党支部"),
            "海沧区 / 滨海 / 实验 / 小学 / 党支部"
        );
        assert_eq!(cut("70分钟"), "70分钟");
        assert_eq!(cut("出席率 95%"), "出席率 95%");
    }

    #[test]
    fn a_separator_is_glued_to_what_it_follows() {
        assert_eq!(
            cut("2026年10月 · 党日五件事通报"),
            "2026年10月\u{a0}· 党日 / 五件事 / 通报"
        );
    }

    #[test]
    fn latin_words_and_markup_are_safe() {
        assert_eq!(html("Party Day <b>"), "Party Day &lt;b&gt;");
        assert_eq!(html(""), "");
        assert_eq!(html("党"), "党");
    }

    #[test]
    fn no_space_after_full_width_punctuation() {
        assert_eq!(
            html("微党课： 立德树人").replace("<wbr>", ""),
            "微党课：立德树人"
        );
        assert_eq!(
            super::super::tidy_spaces("会议，  讨论。 好 ok, yes"),
            "会议，讨论。好 ok, yes"
        );
    }
}
