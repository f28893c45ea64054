//! Names dangri gives its own output: what two things of the content would
//! share (an error at the later). The names of the catalogue's pages are
//! checked in `catalogue::check_names`.

use std::collections::HashMap;
use std::path::Path;

use super::Site;
use crate::diag::{Diagnostics, Pos};
use crate::kind::Kind;
use crate::msg::Content;
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
        diags.error(&b.src, Pos::START, Content::BranchNamedIndex);
    }
    for r in site.records.iter().filter(|r| r.id == PAGE_FILE) {
        diags.error(&r.src, Pos::START, Content::RecordNamedIndex);
    }
    for s in site.speakers.iter().filter(|s| s.id == PAGE_FILE) {
        diags.error(&s.src, Pos::START, Content::SpeakerNamedIndex);
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
                Content::LecturePageTaken {
                    id: id.clone(),
                    other: other.to_string(),
                },
            );
        } else if let Some(other) = codes.get(&code) {
            diags.error(
                &r.src,
                Pos::START,
                Content::ShortLinkTaken {
                    code: code.clone(),
                    other: other.to_string(),
                },
            );
        }
        pages.entry(id).or_insert(&r.src);
        codes.entry(code).or_insert(&r.src);
    }
}

/// What to tell the writer of a static file that dangri's own output would
/// replace.
pub(crate) fn static_clash_message(rel: &Path) -> Content {
    Content::StaticClash {
        rel: rel.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::fixture::Fixture;

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
            .load(false);
        assert_eq!(
            problems,
            vec![
                "content/branches/b1-2026-05-x/2026-05/y.md:1:1: error: this lecture's page /lectures/b1-2026-05-x-2026-05-y/ is already the page of content/branches/b1/2026-05/x-2026-05-y.md: rename this file or its branch folder",
                "content/branches/index.html/_index.md:1:1: error: a branch folder may not be named `index.html`: that is the file of the branches page; rename the folder",
            ]
        );
    }
}
