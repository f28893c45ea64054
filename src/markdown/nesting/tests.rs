use super::*;
use proptest::prelude::*;

fn exceeded(html: &str) -> bool {
    let mut n = Nesting::default();
    n.feed(html);
    n.exceeded()
}

/// Inputs html5ever takes quadratic time on (measured on the sanitizer
/// alone: four times the input, ten to sixteen times the time), or, the
/// last ones, that would reach them by its rules if counted naively.
#[test]
fn what_the_sanitizer_is_slow_on_is_too_deep() {
    let n = 2000;
    let each = |f: &dyn Fn(usize) -> String| (0..n).map(f).collect::<String>();
    let cases = [
        ("nested div", "<div>".repeat(n)),
        ("div in span", "<span><div></span>".repeat(n)),
        ("b with ids", each(&|i| format!("<b id=\"{i}\">"))),
        ("self-closed div", "<div/>".repeat(n)),
        ("list in item", "<ul><li>".repeat(n)),
        ("font sizes", each(&|i| format!("<font size=\"{i}\">"))),
        ("div in b", "<b><div></b>".repeat(n)),
        ("b left open", each(&|i| format!("<p><b id=\"{i}\">x</p>"))),
        ("div after svg", format!("<svg>{}", "<div/>".repeat(n))),
        (
            "in foreignObject",
            format!("<svg><foreignObject>{}", "<x/>".repeat(n)),
        ),
        (
            "div around select",
            "<div><select></div></select>".repeat(n),
        ),
        ("div in form", "<form><div></form>".repeat(n)),
        (
            "escaped script",
            "<div><script><!--<script></script></div>--></script>".repeat(n),
        ),
        (
            "td outside a table",
            each(&|i| format!("<td><b id=\"{i}\">x</td>")),
        ),
        ("nested tables", "<table><tr><td>".repeat(n)),
    ];
    for (what, html) in cases {
        assert!(exceeded(&html), "{what}");
    }
}

/// Pages people paste, large and sloppy, stay well under the limits.
#[test]
fn long_and_sloppy_html_is_not_too_deep() {
    let n = 3000;
    let cases = [
        ("paragraphs", "<p>段落</p>".repeat(n)),
        ("unclosed paragraphs", "<p>段落".repeat(n)),
        ("unclosed items", format!("<ul>{}</ul>", "<li>项".repeat(n))),
        (
            "table",
            format!(
                "<table>{}</table>",
                "<tr><td>a</td><td><b>b</b></td></tr>".repeat(n)
            ),
        ),
        (
            "unclosed font in cells",
            format!(
                "<table>{}</table>",
                "<tr><td><font color=red>x</td></tr>".repeat(n)
            ),
        ),
        ("bold left open", "<p><b>x</p>".repeat(n)),
        (
            "links left open",
            "<a href=\"#1\">x<a href=\"#2\">y".repeat(n),
        ),
        (
            "svg",
            format!("<svg>{}</svg>", "<path d=\"M0 0\"/>".repeat(n)),
        ),
        (
            "script",
            format!("<script>var s = \"{}\";</script>", "<div>".repeat(n)),
        ),
        ("comments", "<!-- <div> -->".repeat(n)),
        (
            "word",
            "<p class=MsoNormal><span lang=ZH-CN style='font-family:宋体'>字<o:p></o:p></span></p>"
                .repeat(n),
        ),
        (
            "quote in a name",
            "<div =\"><div>".repeat(3) + &"</div>".repeat(6),
        ),
    ];
    for (what, html) in cases {
        let mut nesting = Nesting::default();
        nesting.feed(&html);
        assert!(!nesting.exceeded(), "{what}: {} deep", nesting.deepest());
        assert!(nesting.deepest() < 16, "{what}: {} deep", nesting.deepest());
    }
}

#[test]
fn pieces_are_read_as_one_text() {
    let html = "<div title=\"a > b\"><!-- x > --><script>if (a</b) {}</script><div>";
    let mut whole = Nesting::default();
    whole.feed(html);
    let mut pieces = Nesting::default();
    for c in html.split_inclusive(|_| true) {
        pieces.feed(c);
    }
    assert_eq!(whole.deepest(), 2);
    assert_eq!(pieces.deepest(), 2);
}

/// Element nesting of the sanitizer's output (well formed: every
/// element but a void one is closed, every attribute quoted).
fn output_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
        "param", "source", "track", "wbr",
    ];
    const RAW: &[&str] = &[
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
    ];
    let (mut depth, mut deepest) = (0usize, 0);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let mut quoted = false;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                quoted ^= c == '"';
                c == '>' && !quoted
            })
            .map_or(rest.len(), |(i, _)| i);
        let tag = &rest[..end];
        rest = &rest[(end + 1).min(rest.len())..];
        if tag.starts_with('/') {
            depth = depth.saturating_sub(1);
        } else {
            let name: String = tag.chars().take_while(|c| !c.is_whitespace()).collect();
            if !VOID.contains(&name.as_str()) {
                depth += 1;
                deepest = deepest.max(depth);
            }
            // Raw text is written as it is: not tags.
            if RAW.contains(&name.as_str()) {
                let close = format!("</{name}");
                rest = rest.find(&close).map_or("", |i| &rest[i..]);
            }
        }
    }
    deepest
}

const SOUP: &[&str] = &[
    "<div>",
    "</div>",
    "<span>",
    "</span>",
    "<p>",
    "</p>",
    "<b>",
    "</b>",
    "<b id=1>",
    "<i>",
    "</i>",
    "<a>",
    "</a>",
    "<font color=red>",
    "</font>",
    "<ul>",
    "<li>",
    "</li>",
    "</ul>",
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th>",
    "<tbody>",
    "</tbody>",
    "<caption>",
    "</caption>",
    "<colgroup>",
    "<col>",
    "<select>",
    "</select>",
    "<option>",
    "<optgroup>",
    "<form>",
    "</form>",
    "<button>",
    "</button>",
    "<h1>",
    "</h1>",
    "<h2>",
    "<dl>",
    "<dd>",
    "<dt>",
    "<nobr>",
    "</nobr>",
    "<object>",
    "</object>",
    "<template>",
    "</template>",
    "<svg>",
    "</svg>",
    "<g>",
    "</g>",
    "<path/>",
    "<foreignObject>",
    "</foreignObject>",
    "<math>",
    "<mi>",
    "</mi>",
    "<div/>",
    "<br>",
    "</br>",
    "<hr>",
    "<img>",
    "<input>",
    "<textarea>",
    "</textarea>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<style>",
    "</style>",
    "x",
    " ",
    "<pre>",
    "</pre>",
    "<blockquote>",
    "</blockquote>",
    "<code>",
    "<em>",
    "<strong>",
    "</strong>",
    "<ruby>",
    "<rt>",
    "<xmp>",
    "</xmp>",
    "<noscript>",
    "</noscript>",
    "<![CDATA[",
    "]]>",
    "<marquee>",
    "<applet>",
    "<iframe>",
    "</iframe>",
    "<html>",
    "<body>",
    "</body>",
    "<head>",
    "<x/>",
    "<dd/>",
    "<a href=\"",
    "\">",
    "=",
    "'",
    "/",
    "<",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(SOUP), 0..160).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The estimate never counts shallower than the tree the sanitizer
    /// builds: where html5ever nests deep, the estimate does too.
    #[test]
    fn the_estimate_is_never_shallower_than_the_sanitizers_tree(html in soup()) {
        let mut nesting = Nesting::default();
        nesting.feed(&html);
        let tags: Vec<&str> = SOUP
            .iter()
            .filter_map(|t| t.strip_prefix('<'))
            .map(|t| t.trim_start_matches('/').trim_end_matches(['>', '/']))
            .filter(|t| t.chars().all(|c| c.is_ascii_alphanumeric()) && !t.is_empty())
            // Removed with what they hold, as the site's sanitizer does.
            .filter(|t| !matches!(*t, "script" | "style"))
            .collect();
        let clean = ammonia::Builder::empty()
            .add_tags(tags.iter().copied())
            .clean(&html)
            .to_string();
        let real = output_depth(&clean);
        prop_assert!(
            real <= nesting.deepest(),
            "the sanitizer nests {} deep, the estimate {}:\n{}\n{}",
            real, nesting.deepest(), html, clean
        );
    }
}
