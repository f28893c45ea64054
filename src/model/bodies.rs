//! Rendering the Markdown bodies a build publishes, with their relative
//! links resolved through the link map; the sources are dropped as they
//! are rendered.

use std::collections::HashMap;

use rayon::prelude::*;

use super::links::{Links, Noting, link_map};
use super::{Record, Site};
use crate::markdown;
use crate::text::excerpt;

/// Renders a record's Markdown body, if this build publishes the record, and
/// drops the source: it is not needed after rendering, and dropping it keeps
/// the peak memory of a large site near one copy of its text.
pub(super) fn render_record(
    r: &mut Record,
    branch_id: &str,
    map: &HashMap<String, (String, bool)>,
    unsafe_html: bool,
    internal: bool,
) {
    let body = std::mem::take(&mut r.body);
    if r.internal && !internal {
        return;
    }
    let dir = format!("branches/{branch_id}/{}", r.ym);
    let noting = Noting {
        links: Links { dir: &dir, map },
        asked: Default::default(),
    };
    let out = markdown::render(&body, unsafe_html, &noting);
    r.links_to = noting.asked.into_inner();
    r.links_to.sort();
    r.links_to.dedup();
    r.html = out.html;
    r.headings = out.headings;
    r.excerpt = excerpt(r.summary.as_deref().unwrap_or(&out.first_paragraph), 120);
}

/// Renders every Markdown body that this build publishes, in parallel.
pub(super) fn render_bodies(site: &mut Site) {
    let map = link_map(site);
    let unsafe_html = site.config.unsafe_html;
    let internal = site.internal;
    let branch_ids: Vec<String> = site.branches.iter().map(|b| b.id.clone()).collect();
    site.records.all_mut().par_iter_mut().for_each(|r| {
        let branch = &branch_ids[r.branch];
        render_record(r, branch, &map, unsafe_html, internal);
    });
    // Branch, month, page and speaker bodies: links resolved from `dir`.
    let html =
        |body: &str, dir: &str| markdown::render(body, unsafe_html, &Links { dir, map: &map }).html;
    site.branches.par_iter_mut().for_each(|b| {
        b.html = html(&b.body, &format!("branches/{}", b.id));
        for m in &mut b.months {
            m.html = html(&m.body, &format!("branches/{}/{}", b.id, m.ym));
        }
    });
    for p in &mut site.pages {
        p.html = html(&p.body, "pages");
    }
    for s in &mut site.speakers {
        s.html = html(&s.body, "speakers");
    }
}
