//! Front matter: splitting a Markdown file into its YAML block and body,
//! turning YAML errors into advice a branch secretary can act on, and finding
//! the line of every key so that each problem points at its line.
//!
//! serde_yaml stays behind this module: the rest of dangri sees `Fields`.

use std::collections::HashMap;

use serde_yaml::{Mapping, Value};

use crate::diag::{Diagnostics, Pos};
use crate::msg::{Msg, Public, What, Yaml};

mod fast;

/// A Markdown file split into front matter and body.
pub(crate) struct Document {
    pub front: Front,
    pub body: String,
    /// The 1-based file line where the body starts.
    pub body_line: usize,
}

/// A parsed YAML front matter block with the position of each key.
pub(crate) struct Front {
    pub map: Mapping,
    /// The YAML text, scanned for key positions only when a problem needs one.
    yaml: String,
    keys: std::sync::OnceLock<KeyIndex>,
    /// The file line of the opening `---`.
    start_line: usize,
    /// A mistake was reported and read past (a full-width colon after a
    /// key), so that the rest of the file could be checked: what was read
    /// is not what the file says, and must not be published.
    pub repaired: bool,
}

/// Strips a byte-order mark and turns CRLF and CR line ends into LF; the
/// text itself when it has neither, as nearly every file.
pub(crate) fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Parses a Markdown file with front matter. Problems go to `diags`; `None`
/// means the front matter could not be read at all.
pub(crate) fn parse_document(text: &str, path: &str, diags: &Diagnostics) -> Option<Document> {
    let text = normalize(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        diags.error(path, Pos::START, Yaml::NoFrontMatter);
        return None;
    }
    let mut offset = first.len();
    let yaml_start = offset;
    let mut line_no = 1;
    let mut yaml_end = None;
    for line in lines {
        line_no += 1;
        let t = line.trim_end();
        if t == "---" {
            yaml_end = Some((offset, offset + line.len(), line_no));
            break;
        }
        if t == "..." {
            // YAML's end of document: what follows (`visibility: internal`)
            // would become body text, and the record public.
            diags.error(path, Pos::new(line_no, 1), Yaml::DotsEnd);
            return None;
        }
        offset += line.len();
    }
    let Some((end, body_start, close_line)) = yaml_end else {
        diags.error(path, Pos::START, Yaml::NotClosed);
        return None;
    };
    let yaml = &text[yaml_start..end];
    let front = parse_front(yaml, 1, path, diags)?;
    Some(Document {
        front,
        body: text[body_start..].to_string(),
        body_line: close_line + 1,
    })
}

/// Parses a YAML block whose first line is file line `start_line + 1`.
pub(crate) fn parse_front(
    yaml: &str,
    start_line: usize,
    path: &str,
    diags: &Diagnostics,
) -> Option<Front> {
    let repaired = precheck(yaml, start_line, path, diags)?;
    let yaml = repaired.as_ref();
    let parsed = match fast::parse(yaml) {
        Some(map) => Ok(Value::Mapping(map)),
        None => serde_yaml::from_str(yaml),
    };
    let value: Value = match parsed {
        Ok(v) => v,
        Err(e) => {
            let msg = e.to_string();
            let at = e.location().map(|l| Pos::new(l.line(), l.column()));
            let (at, explained) = match (
                unclosed(&msg),
                at.and_then(|at| over_indented(yaml, &msg, at)),
                at.and_then(|at| list_without_key(yaml, at)),
            ) {
                (Some(found), _, _) | (None, Some(found), _) | (None, None, Some(found)) => {
                    (Some(found.0), found.1)
                }
                (None, None, None) => (
                    at.map(|at| repeated_key(yaml, &msg, at).unwrap_or(at)),
                    explain_yaml_error(&msg),
                ),
            };
            let pos = at.map_or(Pos::new(start_line + 1, 1), |at| {
                Pos::new(start_line + at.line, at.col)
            });
            diags.error(path, pos, explained);
            return None;
        }
    };
    let map = match value {
        Value::Mapping(m) => m,
        Value::Null => Mapping::new(),
        Value::String(s) if s.contains('：') => {
            diags.error(path, Pos::new(start_line + 1, 1), Yaml::FullWidthColonBlock);
            return None;
        }
        _ => {
            diags.error(path, Pos::new(start_line + 1, 1), Yaml::NotKeyValue);
            return None;
        }
    };
    Some(Front {
        map,
        yaml: yaml.to_string(),
        keys: std::sync::OnceLock::new(),
        start_line,
        repaired: matches!(repaired, std::borrow::Cow::Owned(_)),
    })
}

/// Catches what serde_yaml reports badly: tabs and full-width colons.
/// Returns `None` when the block should not be parsed further (a tab in an
/// indent, which leaves the nesting unknown), otherwise the text to parse:
/// a key written with a full-width colon is reported and read as if the
/// colon were right, so that the file's other problems are reported in the
/// same run instead of one at a time.
fn precheck<'y>(
    yaml: &'y str,
    start_line: usize,
    path: &str,
    diags: &Diagnostics,
) -> Option<std::borrow::Cow<'y, str>> {
    let mut ok = true;
    let mut repaired: Option<String> = None;
    for (i, line) in yaml.lines().enumerate() {
        let line_no = start_line + 1 + i;
        let indent: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        if let Some(col) = indent.chars().position(|c| c == '\t') {
            diags.error(path, Pos::new(line_no, col + 1), Yaml::Tab);
            ok = false;
            continue;
        }
        let rest = line.trim_start_matches([' ', '-']);
        if let Some(idx) = rest.find('：') {
            let key = &rest[..idx];
            let looks_like_key = !key.is_empty()
                && !key.contains(':')
                && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if looks_like_key {
                let col = line.chars().count() - rest.chars().count() + key.chars().count() + 1;
                diags.error(
                    path,
                    Pos::new(line_no, col),
                    Yaml::FullWidthColon {
                        key: key.to_string(),
                    },
                );
                let out = repaired.get_or_insert_with(|| {
                    yaml.lines()
                        .take(i)
                        .flat_map(|l| [l, "\n"])
                        .collect::<String>()
                });
                let colon = line.len() - rest.len() + idx;
                out.push_str(&line[..colon]);
                out.push_str(": ");
                out.push_str(line[colon + '：'.len_utf8()..].trim_start());
                out.push('\n');
                continue;
            }
        }
        if let Some(out) = repaired.as_mut() {
            out.push_str(line);
            out.push('\n');
        }
    }
    match (ok, repaired) {
        (false, _) => None,
        (true, Some(text)) => Some(std::borrow::Cow::Owned(text)),
        (true, None) => Some(std::borrow::Cow::Borrowed(yaml)),
    }
}

/// Where a key is given the second time, for serde_yaml's `duplicate entry
/// with key "…"` error, which points at the start of the mapping (`map`, a
/// position in `yaml`) instead. The key is looked for at the mapping's
/// column, on the lines of the mapping; `None` when it is not found there
/// (a flow mapping, an unusual spelling of the key).
fn repeated_key(yaml: &str, msg: &str, map: Pos) -> Option<Pos> {
    let key = duplicate_key(msg)?;
    let indent = map.col.checked_sub(1)?;
    let mut seen = 0;
    for (i, line) in yaml.lines().enumerate().skip(map.line.checked_sub(1)?) {
        let trimmed = line.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let here = line.chars().count() - trimmed.chars().count();
        // The first line may be a list item (`- key: …`): its key is at the
        // mapping's column all the same.
        if i + 1 > map.line && here < indent {
            return None;
        }
        let at_column: String = line.chars().skip(indent).collect();
        if line.chars().take(indent).all(|c| c == ' ' || c == '-')
            && key_of(&at_column) == Some(key)
        {
            seen += 1;
            if seen == 2 {
                return Some(Pos::new(i + 1, indent + 1));
            }
        }
    }
    None
}

/// A quote or bracket left open: libyaml's message ends `, while scanning
/// a quoted scalar at line L column C` (or `parsing a flow sequence`, `a
/// flow mapping`), where the line and column (in the block) are where it
/// opened; the problem itself is found where the block ends, past the
/// writer's mistake.
fn unclosed(msg: &str) -> Option<(Pos, Yaml)> {
    let (_, context) = msg.split_once(", while ")?;
    let (what, at) = context.rsplit_once(" at line ")?;
    let (line, col) = at.split_once(" column ")?;
    let pos = Pos::new(line.trim().parse().ok()?, col.trim().parse().ok()?);
    let explained = if what.contains("quoted scalar") {
        Yaml::UnclosedQuote
    } else if what.contains("flow sequence") {
        Yaml::UnclosedList
    } else if what.contains("flow mapping") {
        Yaml::UnclosedMap
    } else {
        return None;
    };
    Some((pos, explained))
}

/// A `- ` list entry that belongs to no key: the line above it (comments
/// and blank lines aside) is neither `key:` with nothing after it nor
/// another entry. libyaml stops at or just after the entry ("did not find
/// expected key", "block sequence entries are not allowed"), in its own
/// words; `at` is that position in the block.
fn list_without_key(yaml: &str, at: Pos) -> Option<(Pos, Yaml)> {
    let content = |l: &str| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    };
    let lines: Vec<&str> = yaml.lines().collect();
    let last = at.line.checked_sub(1)?.min(lines.len().checked_sub(1)?);
    // The entry: the error's line or one of the two content lines above it.
    let (i, entry) = (0..=last)
        .rev()
        .filter(|&i| content(lines[i]))
        .take(3)
        .map(|i| (i, lines[i]))
        .find(|(_, l)| is_entry(l))?;
    let above = lines[..i].iter().rev().find(|l| content(l))?;
    let owner = above.trim_start().trim_start_matches("- ");
    let bare_key = key_of(owner).is_some_and(|_| {
        owner
            .split_once(':')
            .is_some_and(|(_, v)| v.trim().is_empty() || v.trim_start().starts_with('#'))
    });
    if is_entry(above) || bare_key {
        return None;
    }
    let col = entry.chars().count() - entry.trim_start().chars().count() + 1;
    let photo = entry.contains("src:");
    Some((Pos::new(i + 1, col), Yaml::ListWithoutKey { photo }))
}

/// A line that is a `- ` list entry.
fn is_entry(line: &str) -> bool {
    let t = line.trim_start();
    t == "-" || t.starts_with("- ")
}

/// A key indented under one that has its value on its own line already
/// (`title: 学习` then `  date: …`): libyaml reads the indented line as
/// more of the title and stops at its colon ("mapping values are not
/// allowed"), which is no help. `at` is that position in the block.
fn over_indented(yaml: &str, msg: &str, at: Pos) -> Option<(Pos, Yaml)> {
    if !msg.contains("mapping values are not allowed") {
        return None;
    }
    let lines: Vec<&str> = yaml.lines().collect();
    let line = lines.get(at.line.checked_sub(1)?)?;
    let indent = line.len() - line.trim_start_matches(' ').len();
    let key = key_of(line.trim_start_matches(' '))?;
    let above = lines[..at.line - 1]
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let above_indent = above.len() - above.trim_start_matches(' ').len();
    let above_key = key_of(above.trim_start_matches(' '))?;
    let has_value = above
        .split_once(':')
        .is_some_and(|(_, v)| !v.trim().is_empty());
    (indent > above_indent && has_value).then(|| {
        (
            Pos::new(at.line, 1),
            Yaml::OverIndented {
                key: key.to_string(),
                above: above_key.to_string(),
            },
        )
    })
}

fn explain_yaml_error(msg: &str) -> Yaml {
    let detail = match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    if detail.contains("mapping values are not allowed") {
        Yaml::ValueNeedsQuotes
    } else if detail.contains("cannot start any token") {
        Yaml::BadStart {
            detail: detail.to_string(),
        }
    } else if detail.contains("duplicate entry") {
        Yaml::RepeatedKey {
            key: duplicate_key(detail).map(str::to_string),
            detail: detail.to_string(),
        }
    } else {
        Yaml::Invalid {
            detail: detail.to_string(),
        }
    }
}

/// The key of serde_yaml's `duplicate entry with key "…"`.
fn duplicate_key(msg: &str) -> Option<&str> {
    Some(
        msg.split_once("duplicate entry with key \"")?
            .1
            .split_once('"')?
            .0,
    )
}

/// Line and column of every key of a YAML block, by dotted path
/// (`attendance.present`, `photos[1].src`). A light line scanner: flow
/// mappings (`{a: 1}`) give their keys the line of their parent.
#[derive(Debug, Default)]
struct KeyIndex {
    positions: HashMap<String, Pos>,
}

impl KeyIndex {
    fn build(yaml: &str, start_line: usize) -> KeyIndex {
        let mut positions = HashMap::new();
        // (indent, path) of the open keys and list items.
        let mut stack: Vec<(usize, String, bool)> = Vec::new();
        let mut counters: HashMap<String, usize> = HashMap::new();
        for (i, line) in yaml.lines().enumerate() {
            let line_no = start_line + 1 + i;
            let trimmed = line.trim_start_matches(' ');
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let mut indent = line.chars().count() - trimmed.chars().count();
            let mut content = trimmed;
            if content == "-" || content.starts_with("- ") {
                // A list item: its parent is the nearest key above with a smaller
                // indent (or the same indent, in YAML's compact list form).
                while let Some((ind, _, is_item)) = stack.last() {
                    if *ind > indent || (*ind == indent && *is_item) {
                        stack.pop();
                    } else {
                        break;
                    }
                }
                let parent = stack.last().map(|s| s.1.clone()).unwrap_or_default();
                let n = counters.entry(parent.clone()).or_insert(0);
                let path = format!("{parent}[{n}]");
                *n += 1;
                positions
                    .entry(path.clone())
                    .or_insert(Pos::new(line_no, indent + 1));
                stack.push((indent, path, true));
                let after = content[1..].trim_start_matches(' ');
                indent += content.chars().count() - after.chars().count();
                content = after;
            }
            let Some(key) = key_of(content) else { continue };
            while let Some((ind, _, _)) = stack.last() {
                if *ind >= indent {
                    stack.pop();
                } else {
                    break;
                }
            }
            let path = match stack.last() {
                Some((_, parent, _)) => format!("{parent}.{key}"),
                None => key.to_string(),
            };
            positions
                .entry(path.clone())
                .or_insert(Pos::new(line_no, indent + 1));
            counters.remove(&path);
            stack.push((indent, path, false));
        }
        KeyIndex { positions }
    }

    fn get(&self, path: &str) -> Option<Pos> {
        let mut p = path;
        loop {
            if let Some(pos) = self.positions.get(p) {
                return Some(*pos);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }
}

/// The key of a `key: value` line, if the line is one.
fn key_of(content: &str) -> Option<&str> {
    if let Some(q) = content
        .strip_prefix('"')
        .or_else(|| content.strip_prefix('\''))
    {
        let quote = content.as_bytes()[0] as char;
        let end = q.find(quote)?;
        let after = q[end + 1..].trim_start();
        return after.starts_with(':').then(|| &q[..end]);
    }
    let idx = content.find(':')?;
    let after = &content[idx + 1..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let key = content[..idx].trim_end();
    (!key.is_empty() && !key.starts_with(['{', '[', '#', '&', '*', '!', '|', '>'])).then_some(key)
}

impl Front {
    /// Position of the key at `path`; the block's first line if unknown.
    pub(crate) fn pos(&self, path: &str) -> Pos {
        self.keys
            .get_or_init(|| KeyIndex::build(&self.yaml, self.start_line))
            .get(path)
            .unwrap_or(Pos::new(self.start_line + 1, 1))
    }

    /// A reader of this front matter's fields that reports to `diags`.
    pub(crate) fn fields<'a>(&'a self, path: &'a str, diags: &'a Diagnostics) -> Fields<'a> {
        Fields {
            front: self,
            map: &self.map,
            prefix: String::new(),
            path,
            diags,
        }
    }
}

/// Typed access to the fields of one YAML mapping, reporting every problem
/// with the key's position.
pub(crate) struct Fields<'a> {
    front: &'a Front,
    map: &'a Mapping,
    prefix: String,
    pub path: &'a str,
    pub diags: &'a Diagnostics,
}

impl<'a> Fields<'a> {
    fn key_path(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.prefix)
        }
    }

    /// Position of `key` in this mapping.
    pub(crate) fn pos(&self, key: &str) -> Pos {
        self.front.pos(&self.key_path(key))
    }

    /// Position of this mapping itself.
    pub(crate) fn own_pos(&self) -> Pos {
        self.front.pos(&self.prefix)
    }

    pub(crate) fn error(&self, key: &str, message: impl Into<Msg>) {
        self.diags.error(self.path, self.pos(key), message);
    }

    pub(crate) fn warning(&self, key: &str, message: impl Into<Msg>) {
        self.diags.warning(self.path, self.pos(key), message);
    }

    /// The raw value of `key`; `None` when missing or null.
    pub(crate) fn get(&self, key: &str) -> Option<&'a Value> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// Refuses `visibility` other than `public` in a file that is always
    /// published (`what`: a branch, a page, …): a word meant to hide must
    /// never be ignored.
    pub(crate) fn always_public(&self, what: Public) {
        if self.get("visibility").and_then(scalar_string).as_deref() != Some("public")
            && self.map.contains_key("visibility")
        {
            self.error("visibility", Yaml::AlwaysPublic { what });
        }
    }

    /// Reports every key not in `known`, suggesting the nearest known one.
    pub(crate) fn deny_unknown(&self, known: &[&str]) {
        self.unknown(known, crate::diag::Severity::Error);
    }

    /// Like `deny_unknown`, as warnings: for files whose fields SPEC leaves
    /// open (month pages, free pages, speakers), where an unknown key cannot
    /// publish anything by mistake.
    pub(crate) fn warn_unknown(&self, known: &[&str]) {
        self.unknown(known, crate::diag::Severity::Warning);
    }

    fn unknown(&self, known: &[&str], severity: crate::diag::Severity) {
        for key in self.map.keys() {
            let name = match key {
                Value::String(s) => s.clone(),
                other => scalar_string(other).unwrap_or_else(|| "?".into()),
            };
            if known.contains(&name.as_str()) {
                continue;
            }
            let message = Yaml::UnknownField {
                near: crate::text::nearest(&name, known.iter().copied()).map(str::to_string),
                known: known.join(", "),
                name: name.clone(),
            };
            match severity {
                crate::diag::Severity::Error => self.error(&name, message),
                crate::diag::Severity::Warning => self.warning(&name, message),
            }
        }
    }

    /// A string field. Numbers and booleans are taken as their text.
    pub(crate) fn string(&self, key: &str) -> Option<String> {
        let v = self.get(key)?;
        match scalar_string(v) {
            Some(s) => Some(s),
            None => {
                self.error(key, Yaml::NotText { key: key.into() });
                None
            }
        }
    }

    /// A string field that must be present and not empty.
    pub(crate) fn required_string(&self, key: &str, what: What) -> Option<String> {
        match self.string(key) {
            Some(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(_) => {
                self.error(
                    key,
                    Yaml::Empty {
                        key: key.into(),
                        what,
                    },
                );
                None
            }
            None if self.map.get(key).is_none() || self.get(key).is_none() => {
                self.diags.error(
                    self.path,
                    self.own_pos(),
                    Yaml::Missing {
                        key: key.into(),
                        what,
                    },
                );
                None
            }
            None => None,
        }
    }

    pub(crate) fn uint(&self, key: &str) -> Option<u64> {
        let v = self.get(key)?;
        match v {
            Value::Number(n) if n.as_u64().is_some() => n.as_u64(),
            Value::String(s) if s.trim().parse::<u64>().is_ok() => s.trim().parse().ok(),
            _ => {
                self.error(key, Yaml::NotNumber { key: key.into() });
                None
            }
        }
    }

    pub(crate) fn bool(&self, key: &str) -> Option<bool> {
        let v = self.get(key)?;
        match v {
            Value::Bool(b) => Some(*b),
            _ => {
                self.error(key, Yaml::NotBool { key: key.into() });
                None
            }
        }
    }

    /// A list of strings; a single string is taken as a list of one.
    pub(crate) fn string_list(&self, key: &str) -> Vec<String> {
        match self.get(key) {
            None => Vec::new(),
            Some(Value::Sequence(items)) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match scalar_string(item) {
                        Some(s) => out.push(s),
                        None => self.diags.error(
                            self.path,
                            self.front.pos(&format!("{}[{i}]", self.key_path(key))),
                            Yaml::EntryNotText { key: key.into() },
                        ),
                    }
                }
                out
            }
            Some(v) => match scalar_string(v) {
                Some(s) => vec![s],
                None => {
                    self.error(key, Yaml::NotList { key: key.into() });
                    Vec::new()
                }
            },
        }
    }

    /// The fields of a nested mapping at `key`.
    pub(crate) fn map(&self, key: &str) -> Option<Fields<'a>> {
        match self.get(key)? {
            Value::Mapping(m) => Some(Fields {
                front: self.front,
                map: m,
                prefix: self.key_path(key),
                path: self.path,
                diags: self.diags,
            }),
            _ => {
                self.error(key, Yaml::NotMap { key: key.into() });
                None
            }
        }
    }

    /// The entries of a list at `key`, each with its own path for positions.
    pub(crate) fn list(&self, key: &str) -> Vec<Entry<'a>> {
        match self.get(key) {
            None => Vec::new(),
            Some(Value::Sequence(items)) => items
                .iter()
                .enumerate()
                .map(|(i, value)| Entry {
                    value,
                    fields: match value {
                        Value::Mapping(m) => Some(Fields {
                            front: self.front,
                            map: m,
                            prefix: format!("{}[{i}]", self.key_path(key)),
                            path: self.path,
                            diags: self.diags,
                        }),
                        _ => None,
                    },
                    pos: self.front.pos(&format!("{}[{i}]", self.key_path(key))),
                })
                .collect(),
            Some(_) => {
                self.error(key, Yaml::NotListLines { key: key.into() });
                Vec::new()
            }
        }
    }
}

/// One entry of a YAML list.
pub(crate) struct Entry<'a> {
    pub value: &'a Value,
    /// Set when the entry is a mapping.
    pub fields: Option<Fields<'a>>,
    pub pos: Pos,
}

impl Entry<'_> {
    pub(crate) fn as_string(&self) -> Option<String> {
        scalar_string(self.value)
    }
}

/// The text of a scalar (string, number or boolean).
pub(crate) fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar_string(&t.value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;

    fn errors(text: &str) -> Vec<String> {
        let d = Diagnostics::new();
        let _ = parse_document(text, "x.md", &d);
        d.into_sorted()
            .iter()
            .map(|d| d.text(crate::msg::Lang::En))
            .collect()
    }

    #[test]
    fn splits_front_matter_with_bom_and_crlf() {
        let d = Diagnostics::new();
        let doc =
            parse_document("\u{feff}---\r\ntitle: 学习\r\n---\r\n正文\r\n", "x.md", &d).unwrap();
        assert_eq!(
            doc.front.map.get("title").and_then(|v| v.as_str()),
            Some("学习")
        );
        assert_eq!(doc.body, "正文\n");
        assert_eq!(doc.body_line, 4);
        assert!(!d.has_errors());
    }

    #[test]
    fn full_width_colon_is_explained() {
        let e = errors("---\ntitle：主题党日\ndate: 2026-05-12\n---\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("x.md:2:6: error:"), "{e:?}");
        assert!(e[0].contains("full-width colon"), "{e:?}");
    }

    #[test]
    fn a_full_width_colon_does_not_hide_the_rest_of_the_block() {
        let d = Diagnostics::new();
        let doc = parse_document(
            "---\ntitle：主题党日\ndate: 2026-05-12\nkind：study\n---\n正文\n",
            "x.md",
            &d,
        )
        .expect("the block is read as if the colons were right");
        let get = |k: &str| doc.front.map.get(k).and_then(|v| v.as_str());
        assert_eq!(get("title"), Some("主题党日"));
        assert_eq!(get("kind"), Some("study"));
        let e: Vec<String> = d
            .into_sorted()
            .iter()
            .map(|d| d.text(crate::msg::Lang::En))
            .collect();
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[1].starts_with("x.md:4:5: error:"), "{e:?}");
        // A tab still stops the block: its nesting is unknown.
        assert!(errors("---\ntitle：a\nattendance:\n\texpected: 3\n---\n").len() == 2);
        assert!(
            parse_document(
                "---\ntitle：a\n\tdate: 1\n---\n",
                "x.md",
                &Diagnostics::new()
            )
            .is_none()
        );
    }

    #[test]
    fn unquoted_colon_value_is_explained() {
        let e = errors("---\ntitle: 主题党日: 学习党章\n---\n");
        assert!(e[0].starts_with("x.md:2:"), "{e:?}");
        assert!(e[0].contains("quoted"), "{e:?}");
    }

    #[test]
    fn unclosed_quotes_and_brackets_are_located_where_they_open() {
        let e = errors("---\ntitle: \"学习党章\ndate: 2026-05-10\nkind: study\n---\n正文\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("x.md:2:8: error: a quoted value is not closed"),
            "{e:?}"
        );
        let e = errors("---\ntitle: 学习\ntags: [党章, 学习\n---\n");
        assert!(
            e[0].starts_with("x.md:3:7: error: a `[` list is not closed"),
            "{e:?}"
        );
        let e = errors("---\ntitle: 学习\nphotos:\n  - {src: a.jpg, caption: 说明\n---\n");
        assert!(
            e[0].starts_with("x.md:4:5: error: a `{` map is not closed"),
            "{e:?}"
        );
    }

    #[test]
    fn a_key_indented_under_a_value_is_explained() {
        let e = errors("---\ntitle: 学习党章\n  date: 2026-05-10\nkind: study\n---\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("x.md:3:1: error: `date:` is indented under `title:`"),
            "{e:?}"
        );
        // A value holding `: ` is still the quoting mistake.
        let e = errors("---\ntitle: 主题党日: 学习党章\n---\n");
        assert!(e[0].contains("must be quoted"), "{e:?}");
    }

    #[test]
    fn a_list_entry_without_its_key_is_explained() {
        // `dangri new`'s photo hint with only the entry uncommented.
        for yaml in [
            "---\ntitle: a\nkind: 会    # 学 会\n# photos:    # 照片\n  - {src: photo.jpg, caption: 说明}\n---\n",
            "---\ntitle: a\n- {src: photo.jpg}\ndate: 2026-05-01\n---\n",
        ] {
            let e = errors(yaml);
            assert_eq!(e.len(), 1, "{e:?}");
            assert!(e[0].contains("is a list entry"), "{e:?}");
            assert!(e[0].contains("photo entries go under"), "{e:?}");
            assert!(!e[0].contains("did not find"), "{e:?}");
        }
        // Entries under their key are fine; other mistakes keep their words.
        assert!(errors("---\nphotos:    # 照片\n  - {src: a.jpg}\n---\n").is_empty());
        assert!(!errors("---\ntitle: a\n  date: b\n---\n")[0].contains("list entry"));
        let e = errors("---\ntitle: a\n- theme\n---\n");
        assert!(
            e[0].starts_with("x.md:3:1: error: this line is a list entry"),
            "{e:?}"
        );
        assert!(!e[0].contains("photo"), "{e:?}");
    }

    #[test]
    fn tab_indent_is_explained() {
        let e = errors("---\nattendance:\n\texpected: 3\n---\n");
        assert!(e[0].starts_with("x.md:3:1:"), "{e:?}");
        assert!(e[0].contains("tabs"), "{e:?}");
    }

    #[test]
    fn a_repeated_key_is_reported_at_its_second_line() {
        let e = errors("---\ntitle: a\nkind: study\ntags: [x]\nkind: meeting\n---\n");
        assert!(
            e[0].starts_with("x.md:5:1: error: a key appears twice"),
            "{e:?}"
        );
        // In a mapping of a list item, whose first key follows `- `.
        let e = errors("---\nphotos:\n  - src: a.jpg\n    caption: 一\n    src: b.jpg\n---\n");
        assert!(
            e[0].starts_with("x.md:5:5: error: a key appears twice"),
            "{e:?}"
        );
        // A flow mapping keeps serde_yaml's position.
        let e = errors("---\nattendance: {expected: 1, expected: 2}\n---\n");
        assert!(e[0].starts_with("x.md:2:"), "{e:?}");
        assert!(e[0].contains("appears twice"), "{e:?}");
    }

    #[test]
    fn key_positions_follow_nesting_and_lists() {
        let yaml = "title: a\nattendance:\n  expected: 3\n  absent: [王五]\nphotos:\n  - src: a.jpg\n    caption: 一\n  - src: b.jpg\n";
        let idx = KeyIndex::build(yaml, 1);
        assert_eq!(idx.get("title"), Some(Pos::new(2, 1)));
        assert_eq!(idx.get("attendance.absent"), Some(Pos::new(5, 3)));
        assert_eq!(idx.get("photos[0].caption"), Some(Pos::new(8, 5)));
        assert_eq!(idx.get("photos[1].src"), Some(Pos::new(9, 5)));
        assert_eq!(idx.get("photos[1].caption"), Some(Pos::new(9, 3)));
    }

    #[test]
    fn unknown_field_suggests_the_near_one() {
        let d = Diagnostics::new();
        let doc = parse_document("---\ntitle: a\nvisibilty: internal\n---\n", "x.md", &d).unwrap();
        doc.front
            .fields("x.md", &d)
            .deny_unknown(&["title", "visibility"]);
        let e: Vec<String> = d
            .into_sorted()
            .iter()
            .map(|d| d.text(crate::msg::Lang::En))
            .collect();
        assert!(e[0].starts_with("x.md:3:1:"), "{e:?}");
        assert!(e[0].contains("did you mean `visibility`"), "{e:?}");
    }
}
