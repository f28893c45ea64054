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
