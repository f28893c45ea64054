//! What every content file goes through: its front matter parsed, its body
//! checked for raw HTML too deep to sanitize, and dates read from fields.

use crate::date::Date;
use crate::diag::{Diagnostics, Pos};
use crate::frontmatter::{self, Fields};
use crate::load::TextFile;
use crate::markdown;
use crate::msg::Content;

/// Parses a content file, and warns when the raw HTML of its body nests too
/// deep to be sanitized in reasonable time: `markdown::render` then shows
/// it as text.
pub(super) fn document(
    file: &TextFile,
    unsafe_html: bool,
    diags: &Diagnostics,
) -> Option<frontmatter::Document> {
    let doc = frontmatter::parse_document(&file.text, &file.rel, diags)?;
    if !unsafe_html && let Some(at) = markdown::too_deep_html(&doc.body) {
        diags.warning(
            &file.rel,
            Pos::in_text(&doc.body, doc.body_line, at),
            Content::TooDeepHtml {
                depth: markdown::MAX_HTML_DEPTH,
                open: markdown::MAX_OPEN_FORMATTING,
            },
        );
    }
    Some(doc)
}

pub(super) fn date_field(f: &Fields, key: &str) -> Option<Date> {
    let text = f.string(key)?;
    match Date::parse(&text) {
        Ok(d) => Some(d),
        Err(error) => {
            f.error(
                key,
                Content::BadDate {
                    key: key.into(),
                    error,
                },
            );
            None
        }
    }
}
