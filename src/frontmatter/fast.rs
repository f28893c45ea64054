//! The common shape of front matter, read without libyaml.
//!
//! Nearly every record's front matter is a block mapping of `key: value`
//! lines, a nested mapping or two (`attendance:`), and flow lists
//! (`tags: [学习, 党章]`, `excused: [{name: 张三, reason: 出差}]`). serde_yaml
//! reads such a block at about 15 µs, most of a build's front matter time
//! at 50,000 records. [`parse`] reads exactly that shape and returns what
//! serde_yaml would; on anything else (a block list, a comment, an escape, a
//! scalar whose type is not plain to see, a mistake) it returns `None` and
//! the caller asks serde_yaml, which also explains the mistakes.

use serde_yaml::{Mapping, Number, Value};

/// The mapping serde_yaml would read from `yaml`, when `yaml` has the
/// common shape; `None` otherwise.
pub(super) fn parse(yaml: &str) -> Option<Mapping> {
    if !plain_text(yaml) {
        return None;
    }
    let mut lines = yaml
        .lines()
        .filter(|l| !l.trim_start_matches(' ').is_empty())
        .peekable();
    let map = block(&mut lines, 0)?;
    // A line left over is indented in a way `block` did not expect.
    if lines.peek().is_some() || map.is_empty() {
        return None;
    }
    Some(map)
}

/// True when `yaml` holds no character that libyaml treats specially on
/// its own: control characters (tab included), the Unicode line breaks,
/// the non-printable characters, a byte-order mark, and no comment sign.
fn plain_text(yaml: &str) -> bool {
    yaml.chars().all(|c| match c {
        '\n' => true,
        '#' => false,
        c if c.is_ascii() => !c.is_ascii_control(),
        '\u{80}'..='\u{a0}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {
            false
        }
        _ => true,
    })
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The `key: value` lines indented by exactly `indent`, up to the first line
/// indented less.
fn block<'a, I: Iterator<Item = &'a str>>(
    lines: &mut std::iter::Peekable<I>,
    indent: usize,
) -> Option<Mapping> {
    let mut map = Mapping::new();
    while let Some(&line) = lines.peek() {
        let here = indent_of(line);
        if here < indent {
            break;
        }
        if here > indent {
            return None;
        }
        lines.next();
        let (key, rest) = line[indent..].split_once(':')?;
        let key = plain_key(key)?;
        let value = if rest.is_empty() {
            match lines.peek().copied() {
                Some(next) if indent_of(next) > indent => {
                    Value::Mapping(block(lines, indent_of(next))?)
                }
                _ => Value::Null,
            }
        } else {
            value(rest.strip_prefix(' ')?.trim_matches(' '))?
        };
        if map.insert(key, value).is_some() {
            // A key given twice is an error serde_yaml explains.
            return None;
        }
    }
    Some(map)
}

/// A key of ASCII letters, digits, `_` and `-` that starts with a letter or
/// `_` and is not a null or boolean word: a string key.
fn plain_key(key: &str) -> Option<Value> {
    let first = *key.as_bytes().first()?;
    let ok = (first.is_ascii_alphabetic() || first == b'_')
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && !is_special_word(key);
    ok.then(|| Value::String(key.to_string()))
}

/// The null and boolean words of serde_yaml's plain scalars.
fn is_special_word(s: &str) -> bool {
    matches!(
        s,
        "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    )
}

/// The value after `key: `, trimmed.
fn value(v: &str) -> Option<Value> {
    match v.as_bytes().first()? {
        b'[' => flow_sequence(v.strip_prefix('[')?.strip_suffix(']')?),
        b'{' => flow_mapping(v.strip_prefix('{')?.strip_suffix('}')?),
        b'"' | b'\'' => quoted(v),
        _ if v.contains(": ") || v.ends_with(':') => None,
        _ => plain(v),
    }
}

/// `[a, b, {k: v}]` without the brackets; items hold no brackets of their
/// own but flow mappings.
fn flow_sequence(inner: &str) -> Option<Value> {
    let mut items = Vec::new();
    if inner.trim_matches(' ').is_empty() {
        return Some(Value::Sequence(items));
    }
    let mut rest = inner;
    loop {
        let item = rest.trim_start_matches(' ');
        let (value, after) = if let Some(body) = item.strip_prefix('{') {
            let close = body.find('}')?;
            (flow_mapping(&body[..close])?, &body[close + 1..])
        } else {
            let end = item.find(',').unwrap_or(item.len());
            (
                flow_scalar(item[..end].trim_end_matches(' '))?,
                &item[end..],
            )
        };
        items.push(value);
        let after = after.trim_start_matches(' ');
        if after.is_empty() {
            return Some(Value::Sequence(items));
        }
        rest = after.strip_prefix(',')?;
        if rest.trim_matches(' ').is_empty() {
            // A trailing comma: valid YAML, rare enough to leave to serde_yaml.
            return None;
        }
    }
}

/// `k: v, k: v` without the braces.
fn flow_mapping(inner: &str) -> Option<Value> {
    let mut map = Mapping::new();
    for entry in inner.split(',') {
        let (key, v) = entry.split_once(':')?;
        let key = plain_key(key.trim_matches(' '))?;
        let v = v.strip_prefix(' ')?.trim_matches(' ');
        if map.insert(key, flow_scalar(v)?).is_some() {
            return None;
        }
    }
    Some(Value::Mapping(map))
}

/// A scalar inside a flow collection, where `,` `[` `]` `{` `}` and `:`
/// have meaning.
fn flow_scalar(v: &str) -> Option<Value> {
    if v.starts_with(['"', '\'']) {
        return quoted(v);
    }
    if v.contains([',', '[', ']', '{', '}', ':']) {
        return None;
    }
    plain(v)
}

/// A quoted scalar that is the whole of `v`: no escapes in double quotes,
/// `''` for a quote in single quotes.
fn quoted(v: &str) -> Option<Value> {
    if let Some(inner) = v.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        if inner.contains(['"', '\\']) {
            return None;
        }
        return Some(Value::String(inner.to_string()));
    }
    let inner = v.strip_prefix('\'')?.strip_suffix('\'')?;
    if inner.replace("''", "").contains('\'') {
        return None;
    }
    Some(Value::String(inner.replace("''", "'")))
}

/// A plain scalar, when its type is plain to see: text with a non-ASCII
/// character or starting with a letter is a string (serde_yaml's numbers,
/// nulls and booleans are ASCII and start otherwise, but for the words
/// `is_special_word` names), digits are a number (a string with a leading
/// zero), and `YYYY-MM-DD` is a string.
fn plain(v: &str) -> Option<Value> {
    let bytes = v.as_bytes();
    let first = *bytes.first()?;
    if matches!(
        first,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    ) {
        return None;
    }
    if !v.is_ascii() || (first.is_ascii_alphabetic() && !is_special_word(v)) {
        return Some(Value::String(v.to_string()));
    }
    if bytes.iter().all(u8::is_ascii_digit) {
        if bytes.len() > 1 && first == b'0' {
            return Some(Value::String(v.to_string()));
        }
        if bytes.len() <= 18 {
            return v
                .parse::<u64>()
                .ok()
                .map(|n| Value::Number(Number::from(n)));
        }
        return None;
    }
    let date = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    date.then(|| Value::String(v.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn serde(yaml: &str) -> Option<Value> {
        serde_yaml::from_str(yaml).ok()
    }

    /// What a generated record's front matter looks like.
    const RECORD: &str = "title: 张晨讲授专题党课“发扬斗争精神，增强斗争本领”
date: 2026-03-04
kind: lecture
summary: 通过此次活动，支部全体党员进一步凝聚了干事创业的共识。
location: 支部会议室
tags: [微党课, 专题党课, 指尖党课, 书记讲党课]
attendance:
  expected: 272
  present: 261
  excused: [{name: 潘霞明, reason: 生病住院}, {name: 段燕永, reason: 家中有事}]
  absent: [龙家]
speaker_name: 张晨
duration: 95
";

    #[test]
    fn reads_a_record_as_serde_yaml_does() {
        let fast = parse(RECORD).map(Value::Mapping);
        assert!(fast.is_some(), "the common shape takes the fast path");
        assert_eq!(fast, serde(RECORD));
    }

    #[test]
    fn leaves_other_shapes_to_serde_yaml() {
        for yaml in [
            "photos:\n  - src: a.jpg\n",
            "title: 学习 # 注释\n",
            "title: \"a\\nb\"\n",
            "title: |\n  多行\n",
            "title: 主题党日: 学习\n",
            "标题：主题党日\n",
            "a: 1\na: 2\n",
            "a: 1\n   b: 2\n",
            "a: true\n",
            "a: 1.5\n",
            "a: -3\n",
            "a: 0x1F\n",
            "a: [b, c,]\n",
            "a:\tb\n",
            "title: 第一行\n  第二行\n",
        ] {
            assert_eq!(parse(yaml), None, "{yaml:?}");
        }
    }

    #[test]
    fn scalars_take_serde_yaml_types() {
        for yaml in [
            "a: 0123\n",
            "a: 42\n",
            "a: 2025-02-03\n",
            "a: lecture\n",
            "a: Infinity\n",
            "a: nan\n",
            "a: 3号楼\n",
            "a: 'it''s'\n",
            "a: \"引号\"\n",
            "a: []\n",
            "a:\n",
            "a:\nb: 1\n",
            "a: x [1] {2}\n",
        ] {
            let fast = parse(yaml).map(Value::Mapping);
            assert!(fast.is_some(), "{yaml:?}");
            assert_eq!(fast, serde(yaml), "{yaml:?}");
        }
    }

    fn scalar() -> impl Strategy<Value = String> {
        prop_oneof![
            12 => "[学习党章会议a-z]{1,6}",
            2 => "[a-zA-Z0-9_.+-]{0,6}",
            2 => "[0-9]{1,20}",
            2 => "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}",
            2 => "(null|Null|NULL|~|true|False|yes|no|on|inf|\\.inf|nan|\\.NaN|0x1f|0o17|0b1|1e3|1_000)",
            2 => "[学习a-z：: ,#'\"\\[\\]{}&*!|>%@`?-]{0,6}",
            1 => "\"[学习a-z'\\\\ ]{0,4}\"",
            1 => "'[学习a-z' ]{0,4}'",
            1 => Just("\u{85}".to_string()),
            1 => Just("学\u{3000}".to_string()),
        ]
    }

    fn line() -> impl Strategy<Value = String> {
        let key = || {
            prop_oneof![
                8 => "(title|date|tags|kind|a_b|x-y)",
                1 => "(null|true|1a|标题| a)",
            ]
        };
        prop_oneof![
            4 => (key(), scalar()).prop_map(|(k, v)| format!("{k}: {v}")),
            2 => (key(), prop::collection::vec(scalar(), 0..4))
                .prop_map(|(k, v)| format!("{k}: [{}]", v.join(", "))),
            2 => (key(), scalar(), scalar())
                .prop_map(|(k, a, b)| format!("{k}: [{{name: {a}, reason: {b}}}]")),
            2 => (key(), scalar()).prop_map(|(k, v)| format!("  {k}: {v}")),
            2 => key().prop_map(|k| format!("{k}:")),
            1 => scalar().prop_map(|v| format!("- {v}")),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        /// Whatever the fast path accepts, serde_yaml reads the same way
        /// (about one generated block in six is accepted).
        #[test]
        fn agrees_with_serde_yaml(lines in prop::collection::vec(line(), 1..6)) {
            let yaml = lines.join("\n") + "\n";
            if let Some(fast) = parse(&yaml) {
                prop_assert_eq!(Some(Value::Mapping(fast)), serde(&yaml), "{:?}", yaml);
            }
        }
    }
}
