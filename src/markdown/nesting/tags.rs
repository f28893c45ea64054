//! The element names the HTML standard's tree rules name, by role.

/// `<h1>` to `<h6>`: one closes another.
#[rustfmt::skip]
pub(super) const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// Formatting elements: kept in a list and opened again after a block
/// closed them.
#[rustfmt::skip]
pub(super) const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong",
    "tt", "u"
];

/// Start tags that close an open `<p>` first.
#[rustfmt::skip]
pub(super) const CLOSES_P: &[&str] = &[
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir",
    "div", "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main",
    "menu", "nav", "ol", "p", "search", "section", "summary", "ul", "pre", "listing"
];

/// End tags that close the element of their name if it is in scope.
#[rustfmt::skip]
pub(super) const BLOCK_ENDS: &[&str] = &[
    "address", "article", "aside", "blockquote", "button", "center", "details", "dialog",
    "dir", "div", "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup",
    "listing", "main", "menu", "nav", "ol", "pre", "search", "section", "select", "summary",
    "ul"
];

/// The standard's "special" elements: a generic end tag (`</span>`) does
/// not close past them.
#[rustfmt::skip]
pub(super) const SPECIAL: &[&str] = &[
    "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound",
    "blockquote", "body", "br", "button", "caption", "center", "col", "colgroup", "dd",
    "details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head",
    "header", "hgroup", "hr", "html", "iframe", "img", "input", "isindex", "li", "link",
    "listing", "main", "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript",
    "object", "ol", "p", "param", "plaintext", "pre", "script", "section", "select",
    "source", "style", "summary", "table", "tbody", "td", "template", "textarea", "tfoot",
    "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp"
];

/// SVG and MathML elements inside which tags are HTML again.
#[rustfmt::skip]
pub(super) const SVG_INTEGRATION_POINTS: &[&str] = &["foreignobject", "desc", "title"];

/// The MathML ones.
#[rustfmt::skip]
pub(super) const MATHML_INTEGRATION_POINTS: &[&str] = &[
    "mi", "mo", "mn", "ms", "mtext", "annotation-xml"
];

/// HTML tags that end SVG or MathML content.
#[rustfmt::skip]
pub(super) const BREAKOUT: &[&str] = &[
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
    "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing",
    "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong",
    "strike", "sub", "sup", "table", "tt", "u", "ul", "var"
];

/// End tags a table ignores.
#[rustfmt::skip]
pub(super) const TABLE_IGNORES: &[&str] = &[
    "body", "caption", "col", "colgroup", "html", "tbody", "td", "tfoot", "th", "thead",
    "tr"
];

/// Start tags that close a cell or caption before they go into the table.
#[rustfmt::skip]
pub(super) const TABLE_PARTS: &[&str] = &[
    "caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr"
];

/// Elements a closing block closes without their end tag.
#[rustfmt::skip]
pub(super) const IMPLIED_ENDS: &[&str] = &[
    "dd", "dt", "li", "option", "optgroup", "p", "rb", "rp", "rt", "rtc"
];
