//! Names dangri gives its own output: what two things of the content would
//! share (an error at the later), and the static files that would replace
//! a generated page or file.

use std::collections::HashMap;
use std::path::Path;

use super::Site;
use super::pictures::claimed_names;
use crate::diag::{Diagnostics, Pos};
use crate::kind::Kind;
use crate::urls;

/// Names that two things would share in the output, each an error at the
/// later file (the one to rename): a folder or file named `index.html`
/// (its page would be written where the page above it is), and lectures
/// whose phone page `/lectures/<branch>-<YYYY-MM>-<file>/` or short link
/// is another lecture's (branch `b1` with `x-2026-05-y.md` and branch
/// `b1-2026-05-x` with `y.md`). Pictures are checked where they are
/// published (`pictures::report_clashes`).
pub(super) fn report_clashes(site: &Site, diags: &Diagnostics) {
    const PAGE_FILE: &str = "index.html";
    for b in site.branches.iter().filter(|b| b.id == PAGE_FILE) {
        diags.error(
            &b.src,
            Pos::START,
            "a branch folder may not be named `index.html`: that is the file of the branches page; rename the folder",
        );
    }
    for r in site.records.iter().filter(|r| r.id == PAGE_FILE) {
        diags.error(
            &r.src,
            Pos::START,
            "a record may not be named `index.html.md`: its page would be written where the month page is; rename the file",
        );
    }
    for s in site.speakers.iter().filter(|s| s.id == PAGE_FILE) {
        diags.error(
            &s.src,
            Pos::START,
            "a speaker may not be named `index.html.md`: its page would be written where the speaker pool is; rename the file",
        );
    }
    for rel in site.statics.iter().filter(|rel| is_generated(site, rel)) {
        diags.error(
            &format!("content/static/{}", rel.display()),
            Pos::START,
            static_clash_message(rel),
        );
    }
    let mut pages: HashMap<String, &str> = HashMap::new();
    let mut codes: HashMap<String, &str> = HashMap::new();
    for r in site.records.iter().filter(|r| r.kind == Kind::Lecture) {
        let branch = &site.branches[r.branch].id;
        let id = urls::lecture_id(branch, r.ym, &r.id);
        let code = urls::short_code(branch, r.ym, &r.id);
        if let Some(other) = pages.get(&id) {
            diags.error(
                &r.src,
                Pos::START,
                format!("this lecture's page /lectures/{id}/ is already the page of {other}: rename this file or its branch folder"),
            );
        } else if let Some(other) = codes.get(&code) {
            diags.error(
                &r.src,
                Pos::START,
                format!("this lecture's short link /m/{code}/ is already the link of {other}: rename this file"),
            );
        }
        pages.entry(id).or_insert(&r.src);
        codes.entry(code).or_insert(&r.src);
    }
}

/// Whether a file of `content/static/` (path below it) is where dangri
/// writes one of its own files: a page of its own sections or of a free
/// page, a feed, the sitemap, robots.txt, the search index or a picture of
/// a month folder. The build also refuses any other static file it finds
/// written already.
fn is_generated(site: &Site, rel: &Path) -> bool {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let (Some(first), Some(name)) = (parts.first(), parts.last()) else {
        return false;
    };
    if parts.len() == 1 {
        let sitemap_part = name
            .strip_prefix("sitemap-")
            .and_then(|n| n.strip_suffix(".xml"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        return sitemap_part
            || matches!(
                name.as_str(),
                "index.html"
                    | "404.html"
                    | "robots.txt"
                    | "sitemap.xml"
                    | "atom.xml"
                    | "lecture.css"
            );
    }
    // A picture of a month folder is published under its names there.
    if let [_, b, ym, file] = parts.as_slice()
        && first == "branches"
        && let Some(branch) = site.branches.iter().find(|x| &x.id == b)
        && let Some(month) = branch.months.iter().find(|m| &m.ym.to_string() == ym)
        && month.photos.iter().any(|p| claimed_names(p).contains(file))
    {
        return true;
    }
    let own_section = urls::RESERVED.contains(&first.as_str()) && first != "static";
    let free_page = site.pages.iter().any(|p| &p.slug == first);
    first == "search"
        || ((own_section || free_page) && (name == "index.html" || name == "atom.xml"))
}

/// What to tell the writer of a static file that dangri's own output would
/// replace.
pub(crate) fn static_clash_message(rel: &Path) -> String {
    format!(
        "dangri writes `{}` itself, so this file would replace a page or file of the site (in the internal build too): remove it or give it another name",
        rel.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::Fixture;

    fn site() -> Site {
        Fixture::new()
            .plain_branch("b")
            .photo("b", "2026-05", "a.png")
            .photo("b", "2026-05", "c.webp")
            .activity("b", "2026-05", "r", 10, "study")
            .page("about", "title: 关于")
            .clean()
    }

    #[test]
    fn dangri_generates_its_root_files_and_numbered_sitemaps() {
        let site = site();
        for rel in [
            "index.html",
            "404.html",
            "robots.txt",
            "sitemap.xml",
            "sitemap-12.xml",
            "atom.xml",
            "lecture.css",
        ] {
            assert!(is_generated(&site, Path::new(rel)), "{rel}");
        }
        for rel in ["sitemap-.xml", "sitemap-a1.xml", "favicon.svg", "index.htm"] {
            assert!(!is_generated(&site, Path::new(rel)), "{rel}");
        }
    }

    #[test]
    fn dangri_generates_the_pages_of_its_sections_and_of_free_pages() {
        let site = site();
        for rel in [
            "branches/index.html",
            "branches/atom.xml",
            "lectures/x/index.html",
            "about/index.html",
            "search/anything.bin",
        ] {
            assert!(is_generated(&site, Path::new(rel)), "{rel}");
        }
        for rel in [
            "about/map.png",
            "contact/index.html",
            "static/index.html",
            "css/site.css",
            "branches/logo.png",
        ] {
            assert!(!is_generated(&site, Path::new(rel)), "{rel}");
        }
    }

    #[test]
    fn a_month_folder_picture_claims_every_name_it_may_be_published_under() {
        let site = site();
        for rel in [
            "branches/b/2026-05/a.png",
            "branches/b/2026-05/a-480.png",
            "branches/b/2026-05/a-960.png",
            "branches/b/2026-05/c.jpg",
            "branches/b/2026-05/c-480.jpg",
        ] {
            assert!(is_generated(&site, Path::new(rel)), "{rel}");
        }
        for rel in [
            "branches/b/2026-05/a-1600.png",
            "branches/b/2026-05/c.webp",
            "branches/b/2026-04/a.png",
            "branches/x/2026-05/a.png",
        ] {
            assert!(!is_generated(&site, Path::new(rel)), "{rel}");
        }
    }

    #[test]
    fn names_the_output_would_share_are_errors_at_the_later_file() {
        let (_, problems) = Fixture::new()
            .plain_branch("b1")
            .activity(
                "b1",
                "2026-05",
                "x-2026-05-y",
                10,
                "lecture\nspeaker_name: 书记",
            )
            .plain_branch("b1-2026-05-x")
            .activity(
                "b1-2026-05-x",
                "2026-05",
                "y",
                10,
                "lecture\nspeaker_name: 书记",
            )
            .plain_branch("index.html")
            .static_file("atom.xml")
            .static_file("css/site.css")
            .load(false);
        assert_eq!(
            problems,
            vec![
                "content/branches/b1-2026-05-x/2026-05/y.md:1:1: error: this lecture's page /lectures/b1-2026-05-x-2026-05-y/ is already the page of content/branches/b1/2026-05/x-2026-05-y.md: rename this file or its branch folder",
                "content/branches/index.html/_index.md:1:1: error: a branch folder may not be named `index.html`: that is the file of the branches page; rename the folder",
                "content/static/atom.xml:1:1: error: dangri writes `atom.xml` itself, so this file would replace a page or file of the site (in the internal build too): remove it or give it another name",
            ]
        );
    }
}
