//! Atom feeds: the site's latest records and each branch's. Written without
//! templates: the format is fixed and the escaping must be exact.

use anyhow::Result;

use crate::model::Site;
use crate::render::Renderer;
use crate::urls::{self, Route};

/// Text escaped for XML. XML 1.0 forbids control characters other than
/// tab and line ends even as references; files have them blanked on
/// loading, but a YAML escape (`title: "\u0007"`) can still make one.
fn esc(s: &str) -> String {
    let forbidden = |c: char| c < ' ' && !matches!(c, '\t' | '\n' | '\r');
    if s.contains(forbidden) {
        crate::text::escape_html(&s.replace(forbidden, ""))
    } else {
        crate::text::escape_html(s)
    }
}

const SITE_ENTRIES: usize = 30;
const BRANCH_ENTRIES: usize = 20;

fn feed(site: &Site, title: &str, self_route: &Route, home: &Route, records: &[usize]) -> String {
    let c = &site.config;
    let updated = records
        .first()
        .map(|&i| site.records.peek(i).date.rfc3339())
        .unwrap_or_else(|| "1970-01-01T00:00:00+08:00".into());
    let mut x = String::with_capacity(1024 + records.len() * 512);
    x.push_str(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    x.push_str(&format!(" xml:lang=\"{}\">\n", c.language.code()));
    x.push_str(&format!("  <title>{}</title>\n", esc(title)));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        self_route.absolute(c)
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        home.absolute(c)
    ));
    x.push_str(&format!(
        "  <id>{}</id>\n  <updated>{updated}</updated>\n",
        self_route.absolute(c)
    ));
    x.push_str("  <generator uri=\"https://example.org/dangri\">dangri</generator>\n");
    for &i in records {
        let r = &site.records[i];
        let b = &site.branches[r.branch];
        let url = site.record_route(i).absolute(c);
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <title>{}</title>\n", esc(&r.title)));
        x.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n"
        ));
        x.push_str(&format!("    <id>{url}</id>\n"));
        x.push_str(&format!(
            "    <published>{}</published>\n    <updated>{}</updated>\n",
            r.date.rfc3339(),
            r.date.rfc3339()
        ));
        x.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            esc(&b.name)
        ));
        x.push_str(&format!("    <category term=\"{}\"/>\n", r.kind.word()));
        if !r.excerpt.is_empty() {
            x.push_str(&format!("    <summary>{}</summary>\n", esc(&r.excerpt)));
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

pub(crate) fn site(r: &Renderer) -> Result<()> {
    let site = r.site;
    let mut all: Vec<usize> = (0..site.records.len()).collect();
    site.sort_newest_first(&mut all);
    all.truncate(SITE_ENTRIES);
    let route = Route::file(["atom.xml"]);
    let xml = feed(site, &site.config.title, &route, &Route::home(), &all);
    r.write(&route, xml.as_bytes())
}

pub(crate) fn branch(r: &Renderer, b: usize) -> Result<()> {
    let site = r.site;
    let br = &site.branches[b];
    let mut recs: Vec<usize> = br
        .months
        .iter()
        .flat_map(|m| m.records.iter().copied())
        .collect();
    site.sort_newest_first(&mut recs);
    recs.truncate(BRANCH_ENTRIES);
    let route = urls::branch_feed(&br.id);
    let title = format!("{} · {}", br.name, site.config.title);
    let xml = feed(site, &title, &route, &urls::branch(&br.id), &recs);
    r.write(&route, xml.as_bytes())
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_text_drops_control_characters_and_escapes_markup() {
        assert_eq!(super::esc("响\u{7}铃<b>&\t\n"), "响铃&lt;b&gt;&amp;\t\n");
        assert_eq!(super::esc("党日"), "党日");
    }
}
