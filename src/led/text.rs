//! The text of a lecture for slides: headings and paragraphs taken from the
//! rendered body HTML (the Markdown source is not kept after rendering).
//! Code blocks, images and footnote numbers are not slide text.

use super::layout::Block;
use crate::text::{decode_entities, tag_name};

/// Splits rendered body HTML into heading and paragraph blocks.
pub(crate) fn blocks(html: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut heading = false;
    let mut skip_depth = 0usize; // inside <pre> or a footnote reference
    let mut rest = html;
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        if skip_depth == 0 {
            cur.push_str(&decode_entities(&rest[..lt]));
        }
        let Some(gt) = memchr::memchr(b'>', &rest.as_bytes()[lt..]) else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        let closing = tag.starts_with('/');
        let name = tag_name(tag);
        match &*name {
            "pre" | "sup" | "script" | "style" => {
                if closing {
                    skip_depth = skip_depth.saturating_sub(1);
                } else {
                    skip_depth += 1;
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                flush(&mut out, &mut cur, heading);
                heading = !closing;
            }
            "li" if !closing => {
                flush(&mut out, &mut cur, heading);
                cur.push_str("· ");
            }
            // A list item's bullet waits for the paragraph inside the item.
            "p" | "li" | "blockquote" | "ul" | "ol" | "div" | "table" | "tr" | "hr" | "section"
                if cur.trim() != "·" =>
            {
                flush(&mut out, &mut cur, heading);
            }
            "br" => cur.push(' '),
            "td" | "th" if !closing => cur.push(' '),
            _ => {}
        }
    }
    if skip_depth == 0 {
        cur.push_str(&decode_entities(rest));
    }
    flush(&mut out, &mut cur, heading);
    out
}

fn flush(out: &mut Vec<Block>, cur: &mut String, heading: bool) {
    let mut text = String::with_capacity(cur.len());
    for word in cur.split_whitespace() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
    cur.clear();
    if text.is_empty() || text == "·" {
        return;
    }
    out.push(if heading {
        Block::Heading(text)
    } else {
        Block::Paragraph(text)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_and_lists() {
        let html = "<h2 id=\"a\">一、学习</h2>\n<p>第一段&amp;<strong>重点</strong>。</p>\n<ul>\n<li>甲</li>\n<li><p>乙</p></li>\n</ul>\n<pre><code>code</code></pre><p>脚注<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup></p>";
        assert_eq!(
            blocks(html),
            vec![
                Block::Heading("一、学习".into()),
                Block::Paragraph("第一段&重点。".into()),
                Block::Paragraph("· 甲".into()),
                Block::Paragraph("· 乙".into()),
                Block::Paragraph("脚注".into()),
            ]
        );
    }
}
