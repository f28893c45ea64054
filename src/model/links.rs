//! Relative links of bodies: the content path a link points at, and the
//! map from content paths to the URLs this build gives them (nothing for
//! what it does not publish).

use std::collections::{HashMap, HashSet};

use super::{Site, pictures};
use crate::date::YearMonth;
use crate::markdown::Resolve;
use crate::urls;

/// Resolves relative links of a file in `dir` (content-relative) to URLs.
pub(crate) struct Links<'a> {
    pub dir: &'a str,
    pub map: &'a HashMap<String, (String, bool)>,
}

impl Links<'_> {
    /// The content path a link of this file points at.
    fn key(&self, target: &str) -> Option<String> {
        content_key(self.dir, target)
    }
}

/// The content path a link `target` of a file in folder `dir` points at;
/// `None` above `content/`.
pub(super) fn content_key(dir: &str, target: &str) -> Option<String> {
    let joined = normalize_path(&format!("{dir}/{target}"))?;
    Some(joined.trim_end_matches('/').to_string())
}

/// A resolver that notes every content path it is asked about.
pub(super) struct Noting<'a> {
    pub(super) links: Links<'a>,
    pub(super) asked: std::cell::RefCell<Vec<String>>,
}

impl Resolve for Noting<'_> {
    fn resolve(&self, target: &str) -> Option<(String, Option<String>)> {
        if let Some(key) = self.links.key(target) {
            self.asked.borrow_mut().push(key);
        }
        self.links.resolve(target)
    }
}

impl Resolve for Links<'_> {
    fn resolve(&self, target: &str) -> Option<(String, Option<String>)> {
        let key = self.key(target)?;
        let key = key.as_str();
        let (url, is_photo) = self
            .map
            .get(key)
            .or_else(|| self.map.get(&format!("{key}.md")))?;
        // The content path (`branches/<b>/<YYYY-MM>/<file>`): a body may show
        // a picture of another month folder.
        let photo = is_photo.then(|| key.to_string());
        Some((url.clone(), photo))
    }
}

/// Resolves `.` and `..` in a `/`-separated path; `None` above the root.
pub(crate) fn normalize_path(p: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Content paths (relative to `content/`) of everything a body may link to.
pub(crate) fn link_map(site: &Site) -> HashMap<String, (String, bool)> {
    let c = &site.config;
    let withheld = withheld_pictures(site);
    let mut map = HashMap::new();
    for (bi, b) in site.branches.iter().enumerate() {
        let url = urls::branch(&b.id).link(c);
        map.insert(format!("branches/{}", b.id), (url.clone(), false));
        map.insert(format!("branches/{}/_index.md", b.id), (url, false));
        for m in &b.months {
            let url = urls::month(&b.id, m.ym).link(c);
            map.insert(format!("branches/{}/{}", b.id, m.ym), (url.clone(), false));
            map.insert(
                format!("branches/{}/{}/_index.md", b.id, m.ym),
                (url, false),
            );
            for p in &m.photos {
                map.insert(
                    format!("branches/{}/{}/{p}", b.id, m.ym),
                    picture_entry(site, (bi, m.ym, p), &withheld),
                );
            }
        }
    }
    for i in 0..site.records.len() {
        let url = site.record_route(i).link(c);
        map.insert(site.content_path(&site.key(i)), (url, false));
    }
    // A record this build does not publish has no page: its links are
    // dropped (an empty URL), not left pointing at its file name.
    for b in &site.branches {
        for m in &b.months {
            for id in m.withheld.iter().map(|w| &w.id) {
                let path = format!("branches/{}/{}/{id}.md", b.id, m.ym);
                map.insert(path, (String::new(), false));
            }
        }
    }
    for s in &site.speakers {
        map.insert(
            format!("speakers/{}.md", s.id),
            (urls::speaker(&s.id).link(c), false),
        );
    }
    for p in &site.pages {
        map.insert(
            format!("pages/{}.md", p.slug),
            (urls::page(&p.slug).link(c), false),
        );
    }
    map
}

/// The content paths of the pictures this build withholds: links to them
/// are dropped (see `pictures::publication`).
pub(crate) fn withheld_pictures(site: &Site) -> HashSet<String> {
    pictures::publication(site, site.records.all(), !site.internal).withheld_paths(site)
}

/// The link map's entry of a month-folder picture: its URL, or an empty
/// one (the link is dropped, its text kept) when the build withholds it.
pub(crate) fn picture_entry(
    site: &Site,
    (b, ym, file): (usize, YearMonth, &str),
    withheld: &HashSet<String>,
) -> (String, bool) {
    let id = &site.branches[b].id;
    let url = if withheld.contains(&format!("branches/{id}/{ym}/{file}")) {
        String::new()
    } else {
        urls::photo(id, ym, &pictures::output_name(file)).link(&site.config)
    };
    (url, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::Fixture;

    #[test]
    fn paths_resolve_dots_and_stop_at_the_root() {
        assert_eq!(normalize_path("a/./b/../c").as_deref(), Some("a/c"));
        assert_eq!(normalize_path("a//b/").as_deref(), Some("a/b"));
        assert_eq!(normalize_path("a/../..").as_deref(), None);
        assert_eq!(
            content_key("branches/b/2026-05", "../2026-04/r.md").as_deref(),
            Some("branches/b/2026-04/r.md")
        );
        assert_eq!(
            content_key("pages", "../branches/b/").as_deref(),
            Some("branches/b")
        );
        assert_eq!(content_key("pages", "../../x"), None);
    }

    fn site(internal: bool) -> Site {
        let internal_record = "title: i\ndate: 2026-05-10\nkind: affairs\nvisibility: internal";
        let linking = "---\ntitle: p\ndate: 2026-05-10\nkind: study\n---\n\n[原图](a.webp)\n";
        let (site, problems) = Fixture::new()
            .plain_branch("b")
            .photo("b", "2026-05", "a.webp")
            .photo("b", "2026-05", "c.webp")
            .record(
                "b",
                "2026-05",
                "i",
                &format!("{internal_record}\nphotos: [a.webp]"),
            )
            .record_text("b", "2026-05", "p", linking)
            .load(internal);
        assert!(problems.is_empty(), "{problems:?}");
        site
    }

    #[test]
    fn a_public_build_gives_no_url_to_an_internal_record_or_a_withheld_picture() {
        let site = site(false);
        let map = link_map(&site);
        assert_eq!(map["branches/b/2026-05/i.md"], (String::new(), false));
        assert_eq!(map["branches/b/2026-05/a.webp"], (String::new(), true));
        let p = site.records.iter().position(|r| r.id == "p").unwrap();
        assert_eq!(
            map["branches/b/2026-05/p.md"],
            (site.record_route(p).link(&site.config), false)
        );
        let c = urls::photo("b", site.records[p].ym, "c.jpg").link(&site.config);
        assert_eq!(map["branches/b/2026-05/c.webp"], (c, true));
    }

    #[test]
    fn the_internal_build_links_everything() {
        let site = site(true);
        let map = link_map(&site);
        let i = site.records.iter().position(|r| r.id == "i").unwrap();
        assert_eq!(
            map["branches/b/2026-05/i.md"],
            (site.record_route(i).link(&site.config), false)
        );
        assert!(!map["branches/b/2026-05/a.webp"].0.is_empty());
    }

    #[test]
    fn links_resolve_with_or_without_md_and_note_pictures_by_content_path() {
        let site = site(false);
        let map = link_map(&site);
        let links = Links {
            dir: "branches/b/2026-05",
            map: &map,
        };
        let p = site.records.iter().position(|r| r.id == "p").unwrap();
        let url = site.record_route(p).link(&site.config);
        assert_eq!(links.resolve("p.md"), Some((url.clone(), None)));
        assert_eq!(links.resolve("./p"), Some((url, None)));
        assert_eq!(
            links.resolve("c.webp").map(|(_, photo)| photo),
            Some(Some("branches/b/2026-05/c.webp".to_string()))
        );
        assert_eq!(links.resolve("missing.md"), None);
        assert_eq!(links.resolve("../../../../x.md"), None);
    }
}
