//! The documents search covers: branches, speakers, free pages and the
//! records this build publishes (a public build never sees an internal
//! record here). Their order is their id, and it carries the last ranking
//! key: entities first, then records newest first, so "more recent" is
//! "smaller id" and the browser needs no dates to rank.

use crate::date::Date;
use crate::model::Site;
use crate::render::Renderer;
use crate::render::strings::Strings;
use crate::urls;

/// One searchable document.
#[derive(Debug)]
pub struct Doc<'a> {
    /// A kind word (`study` … `lecture`) or `branch`, `speaker`, `page`.
    pub kind: &'static str,
    pub kind_label: String,
    pub title: &'a str,
    pub url: String,
    /// The branch's name, for records and branches.
    pub branch: Option<&'a str>,
    pub date: Option<Date>,
    pub summary: Option<&'a str>,
    /// The rendered body; its text is indexed (the browser takes snippets
    /// from the page).
    pub html: &'a str,
    /// Searchable facts beside the body: place, tags, speaker, committee.
    pub extra: Vec<&'a str>,
    /// Searchable but not shown in the snippet: a record's branch name,
    /// which the result shows on its own line.
    pub context: Option<&'a str>,
    /// Filter values (`k:lecture`, `b:<branch id>`, `c:<committee>`).
    pub filters: Vec<String>,
}

/// The filter value of a branch and of a committee, as the search form and
/// the index spell them.
pub fn branch_filter(id: &str) -> String {
    format!("b:{id}")
}

pub fn committee_filter(name: &str) -> String {
    format!("c:{name}")
}

pub fn kind_filter(kind: &str) -> String {
    format!("k:{kind}")
}

/// A document before it is built: the index of what it is made from.
#[derive(Debug, Clone, Copy)]
pub enum DocRef {
    Branch(usize),
    Speaker(usize),
    Page(usize),
    Record(usize),
}

/// Every document, in id order. Documents are built one at a time from
/// these, so the whole list costs 16 bytes a document.
pub fn order(site: &Site) -> Vec<DocRef> {
    let mut branches: Vec<usize> = (0..site.branches.len()).collect();
    branches.sort_by(|&a, &b| site.branches[a].id.cmp(&site.branches[b].id));
    let mut speakers: Vec<usize> = (0..site.speakers.len()).collect();
    speakers.sort_by(|&a, &b| site.speakers[a].id.cmp(&site.speakers[b].id));
    let mut records: Vec<usize> = (0..site.records.len()).collect();
    site.sort_newest_first(&mut records);
    branches
        .into_iter()
        .map(DocRef::Branch)
        .chain(speakers.into_iter().map(DocRef::Speaker))
        .chain((0..site.pages.len()).map(DocRef::Page))
        .chain(records.into_iter().map(DocRef::Record))
        .collect()
}

impl<'a> Doc<'a> {
    pub fn new(r: &Renderer<'a>, doc: DocRef) -> Doc<'a> {
        let site: &'a Site = r.site;
        let c = &site.config;
        match doc {
            DocRef::Branch(b) => {
                let br = &site.branches[b];
                let mut extra = vec![br.committee.as_str()];
                extra.extend(br.secretary.as_deref());
                extra.extend(
                    br.liaison
                        .iter()
                        .flat_map(|l| [l.unit.as_str(), l.leader.as_str()]),
                );
                Doc {
                    kind: "branch",
                    kind_label: r.t("search_kind_branch"),
                    title: &br.name,
                    url: urls::branch(&br.id).link(c),
                    branch: None,
                    date: None,
                    summary: None,
                    html: &br.html,
                    extra,
                    context: None,
                    filters: vec![
                        kind_filter("branch"),
                        branch_filter(&br.id),
                        committee_filter(&br.committee),
                    ],
                }
            }
            DocRef::Speaker(s) => {
                let sp = &site.speakers[s];
                let mut extra: Vec<&str> = Vec::new();
                extra.extend(sp.title.as_deref());
                extra.extend(sp.organization.as_deref());
                extra.extend(sp.topics.iter().map(String::as_str));
                Doc {
                    kind: "speaker",
                    kind_label: r.t("search_kind_speaker"),
                    title: &sp.name,
                    url: urls::speaker(&sp.id).link(c),
                    branch: None,
                    date: None,
                    summary: None,
                    html: &sp.html,
                    extra,
                    context: None,
                    filters: vec![kind_filter("speaker")],
                }
            }
            DocRef::Page(p) => {
                let p = &site.pages[p];
                Doc {
                    kind: "page",
                    kind_label: r.t("search_kind_page"),
                    title: &p.title,
                    url: urls::page(&p.slug).link(c),
                    branch: None,
                    date: None,
                    summary: p.description.as_deref(),
                    html: &p.html,
                    extra: Vec::new(),
                    context: None,
                    filters: vec![kind_filter("page")],
                }
            }
            DocRef::Record(i) => {
                let rec = &site.records[i];
                let br = &site.branches[rec.branch];
                let mut extra: Vec<&str> = Vec::new();
                extra.extend(rec.location.as_deref());
                extra.extend(rec.speaker_display(site));
                extra.extend(rec.tags.iter().map(String::as_str));
                Doc {
                    kind: rec.kind.word(),
                    kind_label: r.kind_label(rec.kind),
                    title: &rec.title,
                    url: site.record_route(i).link(c),
                    branch: Some(&br.name),
                    date: Some(rec.date),
                    summary: rec.summary.as_deref(),
                    html: &rec.html,
                    extra,
                    context: Some(&br.name),
                    filters: vec![
                        kind_filter(rec.kind.word()),
                        branch_filter(&br.id),
                        committee_filter(&br.committee),
                    ],
                }
            }
        }
    }
}

impl Doc<'_> {
    /// The plain text of the body, indexed beside the summary.
    pub fn text(&self) -> String {
        html_text(self.html)
    }

    /// The summary, or nothing. It is indexed as a text of its own (tokens
    /// never run from one text into the next, as they would not across the
    /// space that would join them); where the body repeats it, its tokens
    /// are there already and count once.
    pub fn summary_text(&self) -> &str {
        self.summary.map_or("", str::trim)
    }

    /// The facts beside the body, one line.
    pub fn extra_text(&self) -> String {
        self.extra
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// Whether the browser cuts this document's snippet from its page: a
    /// record's page is small, a branch's or speaker's lists their records
    /// and is several times larger than its own text.
    pub fn snippet_from_page(&self) -> bool {
        self.date.is_some()
    }

    /// Appends what a result shows of the document, as a JSON object:
    /// title, URL, kind and its label, branch, date (ISO and Chinese), the
    /// facts beside the body and, unless the snippet is cut from the page,
    /// the text.
    pub fn result(&self, j: &mut String, extra: &str, text: &str, t: &Strings) {
        j.push('{');
        field(j, "t", self.title);
        j.push(',');
        field(j, "u", &self.url);
        j.push(',');
        field(j, "k", self.kind);
        j.push(',');
        field(j, "kl", &self.kind_label);
        j.push(',');
        field(j, "b", self.branch.unwrap_or(""));
        j.push(',');
        field(
            j,
            "d",
            &self.date.map(|d| d.to_string()).unwrap_or_default(),
        );
        j.push(',');
        field(
            j,
            "dz",
            &self
                .date
                .map(|d| t.date("format_date", d))
                .unwrap_or_default(),
        );
        j.push(',');
        field(j, "x", extra);
        if !self.snippet_from_page() {
            j.push(',');
            match self.summary_text() {
                s if !s.is_empty() && !text.contains(s) => {
                    field(j, "s", &crate::text::tidy_spaces(&format!("{s} {text}")))
                }
                _ => field(j, "s", text),
            }
        }
        j.push('}');
    }
}

fn field(j: &mut String, key: &str, value: &str) {
    json_str(j, key);
    j.push(':');
    json_str(j, value);
}

/// Appends `s` as a JSON string literal.
pub fn json_str(out: &mut String, s: &str) {
    out.push('"');
    let mut plain = 0;
    for (i, c) in s.char_indices() {
        let escaped = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            // `<` escaped so that no result table can ever read as markup.
            '<' => "\\u003c",
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => "",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        if escaped.is_empty() {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push_str(escaped);
        }
        plain = i + c.len_utf8();
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

/// Tags after which text does not run on: their boundary separates words.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// `s.find(char::is_whitespace)`, looking at the characters only where a
/// byte can start white space: ASCII, or the lead bytes of U+0085, U+00A0,
/// U+1680, U+2000–U+205F and U+3000. Han text has none of them.
fn find_space(s: &str) -> Option<usize> {
    s.bytes().enumerate().find_map(|(i, b)| {
        let space = match b {
            b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => true,
            // Lead bytes are never inside a character: `i` is a boundary.
            0xC2 | 0xE1 | 0xE2 | 0xE3 => s[i..].chars().next().is_some_and(char::is_whitespace),
            _ => false,
        };
        space.then_some(i)
    })
}

/// The text of rendered HTML: tags dropped (block tags become a space),
/// scripts, styles and comments skipped, entities decoded, white space
/// collapsed.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut space = false;
    // Runs of text between white space are copied whole.
    let push_text = |out: &mut String, space: &mut bool, text: &str| {
        let text = crate::text::decode_entities(text);
        let mut rest: &str = &text;
        loop {
            let trimmed = rest.trim_start();
            *space |= trimmed.len() < rest.len();
            if trimmed.is_empty() {
                break;
            }
            let end = find_space(trimmed).unwrap_or(trimmed.len());
            // No gap after full-width punctuation: `。</p><p>` reads as
            // one sentence after another.
            if *space
                && !out.is_empty()
                && !out
                    .chars()
                    .next_back()
                    .is_some_and(crate::text::is_spaced_punct)
            {
                out.push(' ');
            }
            *space = false;
            out.push_str(&trimmed[..end]);
            rest = &trimmed[end..];
        }
    };
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        push_text(&mut out, &mut space, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(gt) = memchr::memchr(b'>', rest.as_bytes()) else {
            // A stray `<` with no tag after it is text.
            push_text(&mut out, &mut space, rest);
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let name = crate::text::tag_name(tag);
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&close).map_or("", |e| {
                let after = &rest[e..];
                after.find('>').map_or("", |g| &after[g + 1..])
            });
            space = true;
            continue;
        }
        if BLOCK_TAGS.contains(&&*name) {
            space = true;
        }
    }
    push_text(&mut out, &mut space, rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_keeps_inline_runs_and_separates_blocks() {
        assert_eq!(
            html_text(
                "<h2 id=\"x\">台风</h2><p><strong>台风</strong>救灾，党员&amp;群众</p>\n<ul><li>一</li><li>二</li></ul>"
            ),
            "台风 台风救灾，党员&群众 一 二"
        );
        assert_eq!(
            html_text("a&lt;b&gt; &#39;c&#x27; &#20826; &bogus; & x"),
            "a<b> 'c' 党 &bogus; & x"
        );
        assert_eq!(
            html_text("前<script>alert('秘密')</script>后<!-- 注释 -->文<STYLE>p{}</STYLE>字"),
            "前 后文 字"
        );
        assert_eq!(html_text("未闭合 < 标签"), "未闭合 < 标签");
        // Issue 22: no space after full-width punctuation between blocks.
        assert_eq!(html_text("<p>好。</p>\n<p>坏</p>"), "好。坏");
        assert_eq!(html_text("<p>a</p><!-- unterminated"), "a");
        assert_eq!(html_text(""), "");
    }

    #[test]
    fn find_space_finds_what_is_whitespace_finds() {
        let spaces: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        for &c in &spaces {
            for text in [
                format!("党{c}员"),
                format!("{c}"),
                format!("a。{c}b"),
                format!("…{c}"),
            ] {
                assert_eq!(find_space(&text), text.find(char::is_whitespace), "{c:?}");
            }
        }
        for text in ["党员。，“引号”——…", "", "ab", "\u{85}", "x\u{3000}"] {
            assert_eq!(find_space(text), text.find(char::is_whitespace), "{text:?}");
        }
    }

    #[test]
    fn json_strings_are_escaped() {
        let mut s = String::new();
        json_str(&mut s, "a\"b\\c\n<script>\u{1}\u{2028}党");
        assert_eq!(s, "\"a\\\"b\\\\c\\n\\u003cscript>\\u0001\\u2028党\"");
    }
}
