//! Markdown to HTML, configured in one place, with the fixes Chinese text
//! needs: emphasis next to full-width punctuation (`**“七一”**主题党日`),
//! no space for a line break between two Han characters, heading ids, code
//! highlighted with CSS classes, safe link schemes and sanitized raw HTML.

mod nesting;

pub(crate) use nesting::{MAX_DEPTH as MAX_HTML_DEPTH, MAX_FORMATTING as MAX_OPEN_FORMATTING};

use std::collections::HashMap;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::text::{escape_html, is_cjk};

/// Private-use characters that stand for emphasis delimiters the pre-pass
/// paired itself (CommonMark would have left them literal).
// Markers of emphasis paired before parsing (`cjk_emphasis_prepass`):
// Unicode noncharacters, which no text may carry, so that a writer's own
// characters (private-use ones included: rare characters of names are
// often typed with them) are never mistaken for them.
const STRONG_OPEN: char = '\u{FDD0}';
const STRONG_CLOSE: char = '\u{FDD1}';
const EM_OPEN: char = '\u{FDD2}';
const EM_CLOSE: char = '\u{FDD3}';
const STRIKE_OPEN: char = '\u{FDD4}';
const STRIKE_CLOSE: char = '\u{FDD5}';
const MARKERS: [char; 6] = [
    STRONG_OPEN,
    STRONG_CLOSE,
    EM_OPEN,
    EM_CLOSE,
    STRIKE_OPEN,
    STRIKE_CLOSE,
];

/// The delimiters a marker stands for.
fn delimiters(marker: char) -> &'static str {
    match marker {
        STRONG_OPEN | STRONG_CLOSE => "**",
        EM_OPEN | EM_CLOSE => "*",
        _ => "~~",
    }
}

/// The UTF-8 bytes every marker starts with (U+FDD0 to U+FDD5).
const MARKER_PREFIX: &[u8] = &[0xEF, 0xB7];

/// Whether `s` holds a marker; one SIMD search clears nearly every text.
fn has_marker(s: &str) -> bool {
    memchr::memmem::find(s.as_bytes(), MARKER_PREFIX).is_some() && s.contains(MARKERS)
}

/// The asterisks again in place of markers, for what emphasis must not
/// change: link targets and titles, raw HTML, code.
fn unmark(s: CowStr<'_>) -> CowStr<'_> {
    if !has_marker(&s) {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if MARKERS.contains(&c) {
            out.push_str(delimiters(c));
        } else {
            out.push(c);
        }
    }
    CowStr::from(out)
}

/// The class prefix of highlighted code; the theme's CSS uses it.
pub(crate) const CODE_CLASS_PREFIX: &str = "hl-";

/// A heading of a rendered body, for tables of contents and slide breaks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// What rendering one body yields.
#[derive(Debug, Default, Clone)]
pub(crate) struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Plain text of the first paragraph (the default summary).
    pub first_paragraph: String,
    /// Relative link or image targets that the resolver did not know.
    pub unresolved: Vec<String>,
}

/// Maps a relative link target to a site URL.
pub(crate) trait Resolve {
    /// `target` is the link as written, percent-decoded, without fragment.
    /// Returns the URL and, for a local image, its content path.
    fn resolve(&self, target: &str) -> Option<(String, Option<String>)>;
}

/// No relative links resolve (free pages, speakers, tests).
pub(crate) struct NoLinks;

impl Resolve for NoLinks {
    fn resolve(&self, _: &str) -> Option<(String, Option<String>)> {
        None
    }
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a Markdown body. With `unsafe_html` false, raw HTML is sanitized
/// and links with scripting schemes are neutralized.
pub(crate) fn render(src: &str, unsafe_html: bool, links: &dyn Resolve) -> Rendered {
    let raw_as_text = !unsafe_html && too_deep_html(src).is_some();
    let src = cjk_emphasis_prepass(src);
    let events: Vec<Event> = Parser::new_ext(&src, options()).collect();
    let events = restore_emphasis(merge_text(events));
    let events = drop_cjk_soft_breaks(events);

    let mut out = Rendered::default();
    let mut has_raw_html = false;
    let mut final_events: Vec<Event> = Vec::with_capacity(events.len());
    let mut ids = Ids::new(&events);
    let mut i = 0;
    // Whether the link being read was dropped (links do not nest).
    let mut dropped_link = false;
    // Whether the text being read is a heading's: it breaks between words
    // only (`text::phrases`, with the theme's `word-break: keep-all`).
    let mut in_heading = false;
    while i < events.len() {
        let ev = events[i].clone();
        match ev {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let end = find_end(&events, i);
                let text = plain_text(&events[i + 1..end]);
                let id = ids.heading(id.as_deref(), &text);
                out.headings.push(Heading {
                    level: level as u8,
                    id: id.clone(),
                    text,
                });
                final_events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                }));
                in_heading = true;
            }
            Event::End(TagEnd::Heading(level)) => {
                in_heading = false;
                final_events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Text(t) if in_heading && !raw_as_text => {
                final_events.push(Event::InlineHtml(CowStr::from(crate::text::phrases::html(
                    &t,
                ))));
            }
            // White space typed after full-width punctuation is a stray gap.
            Event::Text(t) => final_events.push(Event::Text(match crate::text::tidy_spaces(&t) {
                std::borrow::Cow::Borrowed(_) => t,
                std::borrow::Cow::Owned(s) => CowStr::from(s),
            })),
            Event::Start(Tag::CodeBlock(kind)) => {
                let end = find_end(&events, i);
                let code: String = events[i + 1..end]
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                };
                final_events.push(Event::Html(CowStr::from(highlight(&code, lang))));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Paragraph) => final_events.push(Event::Start(Tag::Paragraph)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (dest_url, title) = (unmark(dest_url), unmark(title));
                let dest = fix_url(&dest_url, unsafe_html, links, &mut out);
                if dest.is_empty() && !dest_url.trim().is_empty() {
                    // A record this build does not publish: its text stays,
                    // the link goes.
                    dropped_link = true;
                } else {
                    final_events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: dest,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) if dropped_link => dropped_link = false,
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (dest_url, title) = (unmark(dest_url), unmark(title));
                let dest = fix_url(&dest_url, unsafe_html, links, &mut out);
                final_events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            // Too deep to sanitize: the writer sees what they pasted.
            Event::Html(h) | Event::InlineHtml(h) if raw_as_text => {
                final_events.push(Event::Text(unmark(h)));
            }
            Event::Html(h) => {
                has_raw_html = true;
                final_events.push(Event::Html(unmark(h)));
            }
            Event::InlineHtml(h) => {
                has_raw_html = true;
                final_events.push(Event::InlineHtml(unmark(h)));
            }
            Event::Code(c) => final_events.push(Event::Code(unmark(c))),
            Event::FootnoteReference(label) => {
                final_events.push(Event::FootnoteReference(ids.note(&label)));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                final_events.push(Event::Start(Tag::FootnoteDefinition(ids.note(&label))));
            }
            other => final_events.push(other),
        }
        i += 1;
    }
    out.first_paragraph = lead_text(&events);
    let mut html = String::with_capacity(src.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, final_events.into_iter());
    out.html = if has_raw_html && !unsafe_html {
        sanitizer().clean(&html).to_string()
    } else {
        html
    };
    out
}

/// Where the HTML of a body with raw HTML first nests deeper than the
/// sanitizer cleans in linear time (a byte offset of `src`; see `nesting`).
/// `render` then shows the body's raw HTML as text, and the loader warns at
/// that place: both ask here, so `check` and `build` agree.
pub(crate) fn too_deep_html(src: &str) -> Option<usize> {
    // No `<`, no HTML.
    memchr::memchr(b'<', src.as_bytes())?;
    let events: Vec<(Event, std::ops::Range<usize>)> =
        Parser::new_ext(src, options()).into_offset_iter().collect();
    let raw = |e: &Event| matches!(e, Event::Html(_) | Event::InlineHtml(_));
    if !events.iter().any(|(e, _)| raw(e)) {
        return None;
    }
    let at = std::cell::Cell::new(0);
    let events = events.into_iter().map(|(e, range)| {
        at.set(range.start);
        e
    });
    // The HTML the sanitizer would get, fed as it is written; writing
    // stops where the estimate goes past its limits.
    let mut feed = Feed(nesting::Nesting::default());
    pulldown_cmark::html::write_html_fmt(&mut feed, events)
        .err()
        .map(|_| at.get())
}

/// Feeds written HTML to the estimate; fails once it is too deep.
struct Feed(nesting::Nesting);

impl std::fmt::Write for Feed {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.feed(s);
        if self.0.exceeded() {
            Err(std::fmt::Error)
        } else {
            Ok(())
        }
    }
}

/// Index of the `End` that closes the `Start` at `start`.
fn find_end(events: &[Event], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, e) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1).max(start)
}

/// The visible text of a run of events.
pub(crate) fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

/// The text an excerpt starts from: the first top-level paragraph that has
/// text (a picture alone has none), else the first list, table or quote
/// with text. Headings, code and raw HTML never are.
fn lead_text(events: &[Event]) -> String {
    let mut other = None;
    let mut i = 0;
    while i < events.len() {
        let Event::Start(tag) = &events[i] else {
            i += 1;
            continue;
        };
        let end = find_end(events, i);
        let inner = events.get(i + 1..end).unwrap_or_default();
        match tag {
            Tag::Paragraph => {
                let text = prose_text(inner);
                if !text.is_empty() {
                    return text;
                }
            }
            Tag::List(_) | Tag::Table(_) | Tag::BlockQuote(_) if other.is_none() => {
                let text = prose_text(inner);
                if !text.is_empty() {
                    other = Some(text);
                }
            }
            _ => {}
        }
        i = end + 1;
    }
    other.unwrap_or_default()
}

/// What separates two pieces of text in [`prose_text`], narrowest first:
/// of gaps met in a row, the widest counts.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    /// A line break: nothing between two Chinese characters, else a space.
    Break,
    /// The end of a paragraph or list item: nothing after Chinese
    /// punctuation (`；` `。`), else a space.
    Block,
    /// The end of a table cell: a space.
    Cell,
}

/// The words of some events as a reader sees them in a line of text:
/// pictures, footnote marks and markup left out, breaks and block ends as
/// a space where a reader would see one.
fn prose_text(events: &[Event]) -> String {
    let mut s = String::new();
    let mut gap = Gap::None;
    let mut in_image = 0usize;
    for e in events {
        match e {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if in_image == 0 => {
                let before = s.chars().last();
                let space = match gap {
                    Gap::None => false,
                    Gap::Break => {
                        !(before.is_some_and(is_cjk) && t.chars().next().is_some_and(is_cjk))
                    }
                    Gap::Block => {
                        !before.is_some_and(|c| matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF1F}'))
                    }
                    Gap::Cell => true,
                };
                if space && before.is_some() {
                    s.push(' ');
                }
                gap = Gap::None;
                s.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak => gap = gap.max(Gap::Break),
            Event::End(TagEnd::Paragraph | TagEnd::Item) => gap = gap.max(Gap::Block),
            Event::End(TagEnd::TableCell) => gap = gap.max(Gap::Cell),
            _ => {}
        }
    }
    s.trim().to_string()
}

/// Rewrites a link target: scripting schemes become `#`, relative targets
/// go through the resolver.
fn fix_url<'a>(
    dest: &CowStr<'a>,
    unsafe_html: bool,
    links: &dyn Resolve,
    out: &mut Rendered,
) -> CowStr<'a> {
    let d = dest.trim();
    if !unsafe_html && !is_safe_url(d) {
        return CowStr::from("#");
    }
    if d.is_empty() || d.starts_with(['#', '/', '?']) || has_scheme(d) {
        return dest.clone();
    }
    let (path, fragment) = match d.find('#') {
        Some(i) => (&d[..i], &d[i..]),
        None => (d, ""),
    };
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    match links.resolve(&decoded) {
        Some((url, _)) => CowStr::from(format!("{url}{fragment}")),
        None => {
            out.unresolved.push(decoded.into_owned());
            dest.clone()
        }
    }
}

/// A relative link or image target of a body, where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkRef {
    /// Byte offset of the link in the body.
    pub offset: usize,
    /// The target as written, percent-decoded, without fragment.
    pub target: String,
    pub image: bool,
    /// The alt text of an image (empty for links).
    pub alt: String,
}

/// The relative link and image targets of a body: those `render` hands to
/// its resolver. Parsing only, no HTML: `check` runs this on every body.
pub(crate) fn links(src: &str) -> Vec<LinkRef> {
    // A link needs `](` or a reference definition `]:`.
    if !src.contains("](") && !src.contains("]:") {
        return Vec::new();
    }
    let mut out: Vec<LinkRef> = Vec::new();
    // Indices into `out` of the images whose alt text is being read.
    let mut open_images: Vec<Option<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(src, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(target) = relative_target(&dest_url) {
                    out.push(LinkRef {
                        offset: range.start,
                        target,
                        image: false,
                        alt: String::new(),
                    });
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let target = relative_target(&dest_url);
                open_images.push(target.as_ref().map(|_| out.len()));
                if let Some(target) = target {
                    out.push(LinkRef {
                        offset: range.start,
                        target,
                        image: true,
                        alt: String::new(),
                    });
                }
            }
            Event::End(TagEnd::Image) => {
                open_images.pop();
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(Some(i)) = open_images.last() {
                    out[*i].alt.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

/// The decoded path of a target `render` would resolve, `None` for the
/// ones it leaves alone (absolute, with a scheme, fragment or query only).
fn relative_target(dest: &str) -> Option<String> {
    let d = dest.trim();
    if d.is_empty() || d.starts_with(['#', '/', '?']) || has_scheme(d) {
        return None;
    }
    let path = d.split('#').next().unwrap_or(d);
    Some(
        percent_encoding::percent_decode_str(path)
            .decode_utf8_lossy()
            .into_owned(),
    )
}

fn scheme_of(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let colon = cleaned.find(':')?;
    let before = &cleaned[..colon];
    if before.is_empty() || before.contains(['/', '?', '#']) {
        return None;
    }
    Some(before.to_ascii_lowercase())
}

fn has_scheme(url: &str) -> bool {
    scheme_of(url).is_some()
}

/// True for relative URLs and the schemes a record may link to.
pub(crate) fn is_safe_url(url: &str) -> bool {
    match scheme_of(url) {
        None => true,
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto" | "tel"),
    }
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["class", "id"])
            .add_tags(["input"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("th", ["style"])
            .link_rel(None)
            .url_schemes(["http", "https", "mailto", "tel"].into());
        b.add_tag_attributes("ol", ["start"]);
        b
    })
}

// ---------------------------------------------------------------------------
// Chinese emphasis

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace() && !c.is_control())
}

/// CommonMark's left-flanking rule for a delimiter run between `prev` and
/// `next` (`None` is the start or end of the line).
fn left_flanking(prev: Option<char>, next: Option<char>) -> bool {
    let Some(n) = next.filter(|c| !c.is_whitespace()) else {
        return false;
    };
    !is_punct(n) || prev.is_none_or(|p| p.is_whitespace() || is_punct(p))
}

fn right_flanking(prev: Option<char>, next: Option<char>) -> bool {
    let Some(p) = prev.filter(|c| !c.is_whitespace()) else {
        return false;
    };
    !is_punct(p) || next.is_none_or(|n| n.is_whitespace() || is_punct(n))
}

/// `text` without the noncharacters that serve as markers here: any in a
/// file (no text may hold them) become U+FFFD.
fn scrub(text: &str) -> std::borrow::Cow<'_, str> {
    if !has_marker(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.replace(MARKERS, "\u{FFFD}"))
}

/// Pairs `**…**` and `*…*` that CommonMark would leave literal because of
/// full-width punctuation next to the delimiter, and replaces them with
/// private-use markers that `restore_emphasis` turns into tags.
fn cjk_emphasis_prepass(src: &str) -> std::borrow::Cow<'_, str> {
    if !src.contains('*') && !src.contains("~~") {
        return scrub(src);
    }
    let mut out = String::with_capacity(src.len());
    let mut fence: Option<String> = None;
    for line in src.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker: String = trimmed
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .collect();
        if let Some(f) = &fence {
            if trimmed.starts_with(f.as_str())
                && trimmed
                    .trim_end()
                    .chars()
                    .all(|c| c == f.chars().next().unwrap_or('`'))
            {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if marker.len() >= 3
            && (marker.chars().all(|c| c == '`') || marker.chars().all(|c| c == '~'))
        {
            fence = Some(marker);
            out.push_str(line);
            continue;
        }
        // A link reference definition (`[x]: url "title"`) is no text.
        let definition = trimmed.starts_with('[')
            && trimmed
                .find("]:")
                .is_some_and(|e| !trimmed[1..e].contains(']'));
        let delimited = line.contains('*') || line.contains("~~");
        if !delimited || line.starts_with("    ") || line.starts_with('\t') || definition {
            out.push_str(&scrub(line));
            continue;
        }
        let clean = scrub(line);
        let pass = pair_runs(&clean, '*', 2, STRONG_OPEN, STRONG_CLOSE);
        let pass = pair_runs(&pass, '*', 1, EM_OPEN, EM_CLOSE);
        out.push_str(&pair_runs(&pass, '~', 2, STRIKE_OPEN, STRIKE_CLOSE));
    }
    std::borrow::Cow::Owned(out)
}

/// One line: pairs delimiter runs of exactly `len` asterisks, left to right.
fn pair_runs(line: &str, delim: char, len: usize, open: char, close: char) -> String {
    let chars: Vec<char> = line.chars().collect();
    // (start index, prev char, next char) of each run of exactly `len` stars,
    // outside code spans and not escaped.
    let mut runs: Vec<(usize, Option<char>, Option<char>)> = Vec::new();
    let mut i = 0;
    let mut in_code: Option<usize> = None;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            i += 2;
            continue;
        }
        if c == '`' {
            let n = chars[i..].iter().take_while(|c| **c == '`').count();
            match in_code {
                Some(m) if m == n => in_code = None,
                None => in_code = Some(n),
                _ => {}
            }
            i += n;
            continue;
        }
        if in_code.is_none()
            && c == '<'
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
            && let Some(end) = chars[i..].iter().position(|&c| c == '>')
        {
            // An autolink or an HTML tag: its asterisks are not emphasis.
            i += end + 1;
            continue;
        }
        if in_code.is_none() && c == ']' && chars.get(i + 1) == Some(&'(') {
            // A link's destination and title, up to the matching `)`.
            let mut depth = 0usize;
            let mut j = i + 1;
            while j < chars.len() {
                match chars[j] {
                    '\\' => j += 1,
                    '(' => depth += 1,
                    ')' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            i = j + 1;
            continue;
        }
        if c == delim && in_code.is_none() {
            let n = chars[i..].iter().take_while(|c| **c == delim).count();
            if n == len {
                let prev = i.checked_sub(1).map(|p| chars[p]).filter(|c| *c != '\n');
                let next = chars.get(i + n).copied().filter(|c| *c != '\n');
                runs.push((i, prev, next));
            }
            i += n;
            continue;
        }
        i += 1;
    }
    let mut replace: Vec<(usize, char)> = Vec::new();
    let mut k = 0;
    while k + 1 < runs.len() {
        let (oi, op, on) = runs[k];
        let (ci, cp, cn) = runs[k + 1];
        let can_open = on.is_some_and(|c| !c.is_whitespace());
        let can_close = cp.is_some_and(|c| !c.is_whitespace());
        if can_open && can_close && ci > oi + len {
            let standard = left_flanking(op, on) && right_flanking(cp, cn);
            if !standard {
                replace.push((oi, open));
                replace.push((ci, close));
            }
            k += 2;
        } else {
            k += 1;
        }
    }
    if replace.is_empty() {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut r = replace.iter().peekable();
    let mut idx = 0;
    while idx < chars.len() {
        if let Some((pos, m)) = r.peek()
            && *pos == idx
        {
            out.push(*m);
            idx += len;
            r.next();
            continue;
        }
        out.push(chars[idx]);
        idx += 1;
    }
    out
}

/// Joins adjacent text events, so that markers and neighbours meet.
fn merge_text(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    // Consecutive texts are joined in one buffer, copied once.
    let mut joined: Option<String> = None;
    let flush = |out: &mut Vec<Event>, joined: &mut Option<String>| {
        if let Some(s) = joined.take() {
            out.push(Event::Text(CowStr::from(s)));
        }
    };
    for e in events {
        match e {
            Event::Text(t) => match (&mut joined, out.last_mut()) {
                (Some(s), _) => s.push_str(&t),
                (None, Some(Event::Text(prev))) => {
                    let mut s = String::with_capacity(prev.len() + t.len());
                    s.push_str(prev);
                    s.push_str(&t);
                    out.pop();
                    joined = Some(s);
                }
                (None, _) => out.push(Event::Text(t)),
            },
            e => {
                flush(&mut out, &mut joined);
                out.push(e);
            }
        }
    }
    flush(&mut out, &mut joined);
    out
}

/// Turns the pre-pass markers into `Strong`/`Emphasis` events where open and
/// close sit in the same element, and back into asterisks elsewhere.
fn restore_emphasis(events: Vec<Event>) -> Vec<Event> {
    if !events
        .iter()
        .any(|e| matches!(e, Event::Text(t) if has_marker(t)))
    {
        return events;
    }
    // Split text at markers into pieces.
    enum Piece<'a> {
        Ev(Event<'a>),
        Mark(char),
    }
    let mut pieces: Vec<Piece> = Vec::new();
    for e in events {
        match e {
            Event::Text(t) if has_marker(&t) => {
                let mut buf = String::new();
                for c in t.chars() {
                    if MARKERS.contains(&c) {
                        if !buf.is_empty() {
                            pieces.push(Piece::Ev(Event::Text(CowStr::from(std::mem::take(
                                &mut buf,
                            )))));
                        }
                        pieces.push(Piece::Mark(c));
                    } else {
                        buf.push(c);
                    }
                }
                if !buf.is_empty() {
                    pieces.push(Piece::Ev(Event::Text(CowStr::from(buf))));
                }
            }
            other => pieces.push(Piece::Ev(other)),
        }
    }
    // Match markers at equal depth within the same parent element.
    let mut depth = 0usize;
    let mut open: Vec<(usize, char, usize)> = Vec::new();
    let mut matched: Vec<bool> = vec![false; pieces.len()];
    for (idx, p) in pieces.iter().enumerate() {
        match p {
            Piece::Ev(Event::Start(_)) => depth += 1,
            Piece::Ev(Event::End(_)) => {
                depth = depth.saturating_sub(1);
                open.retain(|(_, _, d)| *d <= depth);
            }
            Piece::Mark(c @ (STRONG_OPEN | EM_OPEN | STRIKE_OPEN)) => {
                open.push((idx, *c, depth));
            }
            Piece::Mark(c) => {
                let want = match *c {
                    STRONG_CLOSE => STRONG_OPEN,
                    EM_CLOSE => EM_OPEN,
                    _ => STRIKE_OPEN,
                };
                if let Some(pos) = open.iter().rposition(|(_, m, d)| *m == want && *d == depth) {
                    let (oi, _, _) = open.remove(pos);
                    open.truncate(pos);
                    matched[oi] = true;
                    matched[idx] = true;
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(pieces.len());
    for (idx, p) in pieces.into_iter().enumerate() {
        match p {
            Piece::Ev(e) => out.push(e),
            Piece::Mark(c) if matched[idx] => out.push(match c {
                STRONG_OPEN => Event::Start(Tag::Strong),
                STRONG_CLOSE => Event::End(TagEnd::Strong),
                EM_OPEN => Event::Start(Tag::Emphasis),
                EM_CLOSE => Event::End(TagEnd::Emphasis),
                STRIKE_OPEN => Event::Start(Tag::Strikethrough),
                _ => Event::End(TagEnd::Strikethrough),
            }),
            Piece::Mark(c) => out.push(Event::Text(CowStr::from(delimiters(c)))),
        }
    }
    merge_text(out)
}

// ---------------------------------------------------------------------------
// Line breaks between Han characters

fn last_char(e: &Event) -> Option<char> {
    match e {
        Event::Text(t) | Event::Code(t) => t.chars().last(),
        _ => None,
    }
}

fn first_char(e: &Event) -> Option<char> {
    match e {
        Event::Text(t) | Event::Code(t) => t.chars().next(),
        _ => None,
    }
}

/// Drops a soft line break whose neighbours are both CJK: browsers would
/// show it as a space in the middle of a Chinese sentence.
fn drop_cjk_soft_breaks(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    for i in 0..events.len() {
        if matches!(events[i], Event::SoftBreak) {
            // Look through inline tags to the nearest text on each side.
            let before = events[..i].iter().rev().find_map(|e| match e {
                Event::Text(_) | Event::Code(_) => last_char(e),
                Event::Start(
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. },
                )
                | Event::End(
                    TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
                ) => None,
                _ => Some(' '),
            });
            let after = events[i + 1..].iter().find_map(|e| match e {
                Event::Text(_) | Event::Code(_) => first_char(e),
                Event::Start(
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. },
                )
                | Event::End(
                    TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
                ) => None,
                _ => Some(' '),
            });
            if before.is_some_and(is_cjk) && after.is_some_and(is_cjk) {
                continue;
            }
        }
        out.push(events[i].clone());
    }
    merge_text(out)
}

// ---------------------------------------------------------------------------
// Heading ids and code

/// A heading id: lowercase letters and digits of any script, `-` for spaces.
pub(crate) fn slug(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_') && !s.ends_with('-') && !s.is_empty()
        {
            s.push('-');
        }
    }
    while s.ends_with('-') {
        s.pop();
    }
    if s.is_empty() {
        "section".to_string()
    } else {
        s
    }
}

/// Ids the theme gives elements of the pages a body is shown in.
const THEME_IDS: &[&str] = &[
    "main",
    "site-heading",
    "photos-title",
    "names-title",
    "latest-title",
    "more-title",
    "status-title",
    "attendance-caption",
    "search",
    "search-in",
    "search-kind",
    "search-q",
];

// Ids that `Ids::claim` found taken on this thread: the work a test bounds.
#[cfg(test)]
thread_local! {
    static TRIED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The ids of a body's headings and footnotes, each unique on its page:
/// not the theme's, not another heading's or footnote's. Ids a writer gave
/// (`## 标题 {#id}`) are kept first; a generated one that is taken gets
/// `-1`, `-2`, ….
struct Ids {
    taken: std::collections::HashSet<String>,
    /// Ids written in the body, each kept by its first heading.
    given: std::collections::HashSet<String>,
    /// Per base, the first suffix `claim` has not tried. An id once taken
    /// or given stays so, so the suffixes below it need no second try:
    /// without this, 16,000 headings `## 同` tried 128 million ids.
    next: HashMap<String, usize>,
    notes: HashMap<String, String>,
}

impl Ids {
    fn new(events: &[Event]) -> Ids {
        let given = events
            .iter()
            .filter_map(|e| match e {
                Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
                _ => None,
            })
            .collect();
        Ids {
            taken: THEME_IDS.iter().map(|s| s.to_string()).collect(),
            given,
            next: HashMap::new(),
            notes: HashMap::new(),
        }
    }

    /// `base`, or `base-1`, `base-2`, … whichever is free; now taken.
    fn claim(&mut self, base: &str) -> String {
        let mut n = self.next.get(base).copied().unwrap_or(0);
        let suffixed = |n: usize| match n {
            0 => base.to_string(),
            n => format!("{base}-{n}"),
        };
        let mut id = suffixed(n);
        while self.taken.contains(&id) || self.given.contains(&id) {
            #[cfg(test)]
            TRIED.with(|t| t.set(t.get() + 1));
            n += 1;
            id = suffixed(n);
        }
        self.next.insert(base.to_string(), n + 1);
        self.taken.insert(id.clone());
        id
    }

    fn heading(&mut self, given: Option<&str>, text: &str) -> String {
        match given {
            Some(id) if self.given.remove(id) && !self.taken.contains(id) => {
                self.taken.insert(id.to_string());
                id.to_string()
            }
            Some(id) => self.claim(id),
            None => self.claim(&slug(text)),
        }
    }

    /// A footnote's id, the same for its references and its definition:
    /// `fn-` and its label made an id (a label may hold spaces).
    fn note<'a>(&mut self, label: &str) -> CowStr<'a> {
        if let Some(id) = self.notes.get(label) {
            return CowStr::from(id.clone());
        }
        let id = self.claim(&format!("fn-{}", slug(label)));
        self.notes.insert(label.to_string(), id.clone());
        CowStr::from(id)
    }
}

fn syntax_set() -> &'static SyntaxSet {
    static SS: OnceLock<SyntaxSet> = OnceLock::new();
    SS.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// A code block as `<pre><code>` with syntect's class-based highlighting.
fn highlight(code: &str, lang: &str) -> String {
    let escaped_lang = escape_html(lang);
    let ss = syntax_set();
    let syntax = (!lang.is_empty())
        .then(|| ss.find_syntax_by_token(lang))
        .flatten();
    let body = match syntax {
        Some(syntax) => {
            let mut g = ClassedHTMLGenerator::new_with_class_style(
                syntax,
                ss,
                ClassStyle::SpacedPrefixed {
                    prefix: CODE_CLASS_PREFIX,
                },
            );
            let mut ok = true;
            for line in LinesWithEndings::from(code) {
                if g.parse_html_for_line_which_includes_newline(line).is_err() {
                    ok = false;
                    break;
                }
            }
            if ok { g.finalize() } else { escape_html(code) }
        }
        None => escape_html(code),
    };
    if lang.is_empty() {
        format!("<pre class=\"code\"><code>{body}</code></pre>\n")
    } else {
        format!("<pre class=\"code\" data-lang=\"{escaped_lang}\"><code>{body}</code></pre>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(src: &str) -> String {
        render(src, false, &NoLinks).html
    }

    #[test]
    fn cjk_strong_next_to_quotes() {
        assert_eq!(
            html("落实**“党日五件事”**工作制度"),
            "<p>落实<strong>“党日五件事”</strong>工作制度</p>\n"
        );
        assert_eq!(
            html("坚持**“党日五件事”**工作制度和**“三会一课”**制度"),
            "<p>坚持<strong>“党日五件事”</strong>工作制度和<strong>“三会一课”</strong>制度</p>\n"
        );
        assert_eq!(
            html("这是**我想做的事。**所以"),
            "<p>这是<strong>我想做的事。</strong>所以</p>\n"
        );
        assert_eq!(
            html("开展*“七一”*主题党日"),
            "<p>开展<em>“七一”</em>主题党日</p>\n"
        );
    }

    #[test]
    fn standard_emphasis_is_untouched() {
        assert_eq!(
            html("a **b** c *d*"),
            "<p>a <strong>b</strong> c <em>d</em></p>\n"
        );
        assert_eq!(html("`**“x”**好`"), "<p><code>**“x”**好</code></p>\n");
        assert_eq!(html("2 * 3 * 4"), "<p>2 * 3 * 4</p>\n");
    }

    #[test]
    fn soft_break_between_han_disappears() {
        assert_eq!(html("学习党章\n重温誓词"), "<p>学习党章重温誓词</p>\n");
        assert_eq!(
            html("学习党章，\n**重温**誓词"),
            "<p>学习党章，<strong>重温</strong>誓词</p>\n"
        );
        assert_eq!(html("study\nthe rules"), "<p>study\nthe rules</p>\n");
    }

    #[test]
    fn headings_get_unique_ids() {
        let r = render("## 一、学习 内容\n\n## 一、学习 内容\n", false, &NoLinks);
        assert_eq!(r.headings[0].id, "一学习-内容");
        assert_eq!(r.headings[1].id, "一学习-内容-1");
        assert!(r.html.contains("<h2 id=\"一学习-内容\">"), "{}", r.html);
    }

    #[test]
    fn scripts_and_handlers_are_removed() {
        let h = html(
            "<script>alert(1)</script>\n\n<img src=\"x.png\" onerror=\"alert(2)\">\n\n[点我](javascript:alert(3))",
        );
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("onerror"), "{h}");
        assert!(!h.contains("javascript:"), "{h}");
        let raw = render("<b onclick=\"x()\">粗</b>", true, &NoLinks).html;
        assert!(raw.contains("onclick"), "unsafe_html keeps raw HTML: {raw}");
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let h = html("```rust\nfn main() {}\n```\n");
        assert!(h.contains("<pre class=\"code\" data-lang=\"rust\">"), "{h}");
        assert!(h.contains("class=\"hl-"), "{h}");
    }

    #[test]
    fn tables_footnotes_tasks_strikethrough() {
        let h = html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n脚注[^1]\n\n[^1]: 说明\n\n- [x] 完成\n\n~~删~~\n",
        );
        assert!(h.contains("<table>"), "{h}");
        assert!(h.contains("footnote"), "{h}");
        assert!(h.contains("checkbox"), "{h}");
        assert!(h.contains("<del>删</del>"), "{h}");
    }

    #[test]
    fn links_lists_relative_targets_with_offsets() {
        let src = "见[学习](study.md#a)和[外链](https://e.org)。\n\n![](visit.jpg) ![基地 `外景`](%E7%85%A7.png)\n\n[ref]\n\n[ref]: ../2026-04/\n";
        let l = links(src);
        let got: Vec<(&str, bool, &str)> = l
            .iter()
            .map(|l| (l.target.as_str(), l.image, l.alt.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("study.md", false, ""),
                ("visit.jpg", true, ""),
                ("照.png", true, "基地 外景"),
                ("../2026-04/", false, ""),
            ]
        );
        assert_eq!(&src[l[0].offset..l[0].offset + 1], "[");
        assert!(links("没有链接。").is_empty());
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let r = render(
            "## 标题\n\n第一段**重点**内容。\n\n第二段。",
            false,
            &NoLinks,
        );
        assert_eq!(r.first_paragraph, "第一段重点内容。");
    }

    #[test]
    fn cjk_emphasis_leaves_links_html_and_the_writers_own_characters_alone() {
        let html = |md: &str| render(md, false, &NoLinks).html;
        assert!(html("**“党日五件事”**工作制度").contains("<strong>“党日五件事”</strong>工作制度"));
        // Asterisks in a link's target, an autolink, a reference definition
        // and a raw tag's attribute stay asterisks.
        let h = html("[x](https://e.com/a**“b”**c \"t**“i”**t\")");
        assert!(
            h.contains("href=\"https://e.com/a**%E2%80%9Cb%E2%80%9D**c\""),
            "{h}"
        );
        assert!(h.contains("title=\"t**“i”**t\""), "{h}");
        let h = html("<https://e.com/**“b”**c>");
        assert!(
            !h.contains("<strong>") && h.contains("**%E2%80%9Cb%E2%80%9D**c"),
            "{h}"
        );
        let h = html("[x][r]\n\n[r]: https://e.com/**“b”**c");
        assert!(h.contains("**%E2%80%9Cb%E2%80%9D**c"), "{h}");
        let h = render("<span title=\"**“a”**b\">x</span>", true, &NoLinks).html;
        assert!(h.contains("title=\"**“a”**b\""), "{h}");
        // Private-use characters (rare characters of names) pass through.
        assert!(html("姓名\u{E000}\u{E003}。").contains("姓名\u{E000}\u{E003}。"));
        // No marker is left anywhere.
        for md in ["**“a”**", "a**“b", "`**“c”**`", "[**“d”**](x)"] {
            assert!(!has_marker(&html(md)), "{md}");
        }
    }

    #[test]
    fn heading_and_footnote_ids_are_unique_on_the_page() {
        let ids = |md: &str| -> Vec<String> {
            let html = render(md, false, &NoLinks).html;
            html.split(" id=\"")
                .skip(1)
                .filter_map(|s| s.split('"').next())
                .map(str::to_string)
                .collect()
        };
        assert_eq!(
            ids("## 学习-1\n\n## 学习\n\n## 学习"),
            ["学习-1", "学习", "学习-2"]
        );
        assert_eq!(
            ids("## 标题 {#custom}\n\n## 另一个 {#custom}\n\n## custom"),
            ["custom", "custom-1", "custom-2"]
        );
        // A writer's id is kept even when a generated one came first.
        assert_eq!(ids("## 要点\n\n## 别的 {#要点}"), ["要点-1", "要点"]);
        // Not the theme's ids, not a footnote's; footnote ids hold no space.
        assert_eq!(
            ids("## Main\n\n## Photos title"),
            ["main-1", "photos-title-1"]
        );
        let h = render(
            "## 1\n\n正文[^1]，又见[^a b]。\n\n[^1]: 注一。\n\n[^a b]: 注二。",
            false,
            &NoLinks,
        )
        .html;
        assert!(
            h.contains("id=\"1\"") && h.contains("href=\"#fn-1\"") && h.contains("id=\"fn-1\""),
            "{h}"
        );
        assert!(
            h.contains("href=\"#fn-a-b\"") && h.contains("id=\"fn-a-b\""),
            "{h}"
        );
    }

    /// Guards against quadratic time in heading ids (issue 15, point 11b:
    /// 16,000 headings `## 同` took 10.8 s): each id taken is tried at
    /// most once per base, here even when other headings took `同-1` ….
    #[test]
    fn equal_headings_cost_linear_work() {
        let n = 2000;
        let mut md: String = (1..=n).map(|k| format!("## 同 {k}\n\n")).collect();
        md.push_str(&"## 同\n\n".repeat(n));
        TRIED.with(|t| t.set(0));
        let r = render(&md, false, &NoLinks);
        let tried = TRIED.with(|t| t.get());
        assert!(tried <= 2 * n, "{tried} ids tried for {} headings", 2 * n);
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids[n - 1], format!("同-{n}"));
        assert_eq!(ids[n], "同");
        assert_eq!(ids[n + 1], format!("同-{}", n + 1));
        assert_eq!(
            ids.last().copied(),
            Some(format!("同-{}", 2 * n - 1).as_str())
        );
    }

    /// The ids of headings as the first free suffix, tried from 0 each
    /// time (what `Ids` did before it remembered the next suffix).
    fn ids_tried_from_zero(headings: &[(Option<&str>, &str)]) -> Vec<String> {
        use std::collections::HashSet;
        fn first_free(taken: &mut HashSet<String>, given: &HashSet<String>, base: &str) -> String {
            let mut id = base.to_string();
            let mut n = 0;
            while taken.contains(&id) || given.contains(&id) {
                n += 1;
                id = format!("{base}-{n}");
            }
            taken.insert(id.clone());
            id
        }
        let mut taken: HashSet<String> = THEME_IDS.iter().map(|s| s.to_string()).collect();
        let mut given: HashSet<String> = headings
            .iter()
            .filter_map(|(g, _)| g.map(str::to_string))
            .collect();
        headings
            .iter()
            .map(|&(g, text)| match g {
                Some(id) if given.remove(id) && !taken.contains(id) => {
                    taken.insert(id.to_string());
                    id.to_string()
                }
                Some(id) => first_free(&mut taken, &given, id),
                None => first_free(&mut taken, &given, &slug(text)),
            })
            .collect()
    }

    proptest::proptest! {
        /// Remembering the next suffix changes no id (pages link to them).
        #[test]
        fn heading_ids_are_those_of_the_first_free_suffix(
            headings in proptest::collection::vec(
                (
                    proptest::option::weighted(0.3, proptest::sample::select(vec!["a", "a-1", "a-2", "a-1-1", "main", "b"])),
                    proptest::sample::select(vec!["a", "a 1", "A", "a-2", "a 1 1", "b", "main", "a-3"]),
                ),
                0..24,
            )
        ) {
            let md: String = headings
                .iter()
                .map(|(g, t)| match g {
                    Some(id) => format!("## {t} {{#{id}}}\n\n"),
                    None => format!("## {t}\n\n"),
                })
                .collect();
            let got: Vec<String> = render(&md, false, &NoLinks)
                .headings
                .into_iter()
                .map(|h| h.id)
                .collect();
            proptest::prop_assert_eq!(got, ids_tried_from_zero(&headings));
        }
    }

    /// Guards against quadratic time in the sanitizer (issue 15, point
    /// 11c: 100,000 nested `<div>` took 16.3 s to build): raw HTML nested
    /// past the limit is shown as text, never handed to the sanitizer and
    /// never let through as HTML.
    #[test]
    fn raw_html_nested_too_deep_is_shown_as_text_in_linear_time() {
        let n = 100_000;
        let md = format!(
            "第一段。\n\n{}<script>alert(1)</script>{}",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let started = std::time::Instant::now();
        let r = render(&md, false, &NoLinks);
        let elapsed = started.elapsed();
        assert!(
            !r.html.contains("<div") && !r.html.contains("<script"),
            "{}",
            &r.html[..200]
        );
        assert!(r.html.contains("&lt;div&gt;&lt;div&gt;"));
        assert!(r.html.starts_with("<p>第一段。</p>"), "{}", &r.html[..200]);
        assert!(elapsed < std::time::Duration::from_secs(5), "{elapsed:?}");
        // Where the estimate gave up: in the HTML block, after the paragraph.
        let at = too_deep_html(&md).expect("too deep");
        assert_eq!(&md[at..at + 5], "<div>");
    }

    #[test]
    fn raw_html_of_usual_depth_is_sanitized_as_before() {
        let md = format!(
            "{}<b onclick=\"x()\">粗</b>{}",
            "<div>".repeat(40),
            "</div>".repeat(40)
        );
        assert_eq!(too_deep_html(&md), None);
        let h = html(&md);
        assert!(h.contains("<div><div>") && h.contains("<b>粗</b>"), "{h}");
        assert!(!h.contains("onclick"), "{h}");
        // With `unsafe_html` nothing is cleaned, so nothing is turned to text.
        let deep = "<div>".repeat(1000);
        assert!(render(&deep, true, &NoLinks).html.contains("<div><div>"));
    }

    #[test]
    fn strikethrough_next_to_full_width_punctuation_is_struck() {
        let html = |md: &str| render(md, false, &NoLinks).html;
        assert!(html("中文~~（删除）~~中文").contains("中文<del>（删除）</del>中文"));
        assert!(html("~~删除~~的字").contains("<del>删除</del>的字"));
        assert!(
            html("**“加粗”**和~~“删除”~~。")
                .contains("<strong>“加粗”</strong>和<del>“删除”</del>。")
        );
        assert!(html("`~~“代码”~~`").contains("<code>~~“代码”~~</code>"));
        assert!(html("只有一处~~（未闭合").contains("~~（未闭合"));
    }

    #[test]
    fn the_lead_text_is_the_first_text_a_reader_sees() {
        let lead = |md: &str| render(md, false, &NoLinks).first_paragraph;
        // A picture alone is no text; its caption is not the text either.
        assert_eq!(lead("![](a.jpg)\n\n文字段落。"), "文字段落。");
        assert_eq!(lead("![基地外景](a.jpg)\n\n文字段落。"), "文字段落。");
        assert_eq!(lead("![外景](a.jpg)同一段的文字。"), "同一段的文字。");
        // A break inside Chinese adds no space; between Latin words it does.
        assert_eq!(
            lead("正文[^1]内容\\\n第二行\n\n[^1]: 注。"),
            "正文内容第二行"
        );
        assert_eq!(lead("Party  \nDay"), "Party Day");
        // No paragraph: the first list, table or quote.
        assert_eq!(
            lead("1. 学习党章总纲；\n2. 讨论发言。"),
            "学习党章总纲；讨论发言。"
        );
        assert_eq!(
            lead("| 项目 | 人数 |\n|---|---|\n| 学习 | 30 |"),
            "项目 人数 学习 30"
        );
        assert_eq!(lead("> 引用的话。"), "引用的话。");
        // A paragraph later still comes first.
        assert_eq!(lead("- 要点\n\n总结的段落。"), "总结的段落。");
        assert_eq!(lead("## 只有标题"), "");
        assert_eq!(lead("<p>原始 HTML</p>"), "");
    }
}
