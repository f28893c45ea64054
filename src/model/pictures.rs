//! The pictures of month folders: under which names a picture is
//! published, and which pictures a build publishes. One rule, for the
//! build, `serve` and `check` (`photos` only decodes, resizes and writes
//! what this decides):
//!
//! - a picture that a published record or page shows (its `photos:`, or an
//!   embedded `![…](…)`) is published;
//! - a picture that a published body only links to (`[原图](…)`) is
//!   published too, unless records that are not published use it: then it
//!   is withheld, and the links to it lose their target and keep their
//!   text, as links to an internal record do. A link is easily copied from
//!   an internal record; it must not publish that record's pictures.
//!
//! Branch, month, free and speaker pages are always published.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use super::links::content_key;
use super::{Record, Site};
use crate::date::YearMonth;
use crate::diag::{Diagnostics, Pos};
use crate::markdown;
use crate::msg::{Content, Owner};

/// Widths published for record photos; the largest also serves "full size".
pub const WIDTHS: &[u32] = &[480, 960, 1600];

/// A picture of a month folder: branch index, month, file name.
pub type Picture = (usize, YearMonth, String);

/// How a record or page uses a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Listed under `photos:` or embedded: the page shows it.
    Shows,
    /// A plain link: the page leads to it.
    Links,
}

/// The month-folder pictures of one build.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Publication {
    /// The pictures the build writes.
    pub published: BTreeSet<Picture>,
    /// Pictures that published bodies link to but that only unpublished
    /// records use: not written, and the links to them are dropped.
    pub withheld: BTreeSet<Picture>,
}

impl Publication {
    /// The content paths of the withheld pictures, as links name them.
    pub fn withheld_paths(&self, site: &Site) -> HashSet<String> {
        self.withheld
            .iter()
            .map(|p| content_path(site, p))
            .collect()
    }
}

/// The pictures a body points at (content paths with how it uses them),
/// whether they exist or not; `dir` is the body's folder in `content/`.
/// Parsing only, done once per record at load.
pub(crate) fn body_uses(body: &str, dir: &str) -> Vec<(String, Use)> {
    markdown::links(body)
        .into_iter()
        .filter_map(|link| {
            let path = content_key(dir, &link.target)?;
            let how = if link.image { Use::Shows } else { Use::Links };
            (path.starts_with("branches/") && crate::load::is_image(&path)).then_some((path, how))
        })
        .collect()
}

/// The pictures a record points at: its `photos:` and what its body shows
/// or links to (content paths, whether they exist or not).
pub(crate) fn body_picture_uses(site: &Site, r: &Record) -> Vec<(String, Use)> {
    let dir = format!("branches/{}/{}", site.branches[r.branch].id, r.ym);
    r.photos
        .iter()
        .map(|p| (format!("{dir}/{}", p.src), Use::Shows))
        .chain(r.uses.iter().cloned())
        .collect()
}

/// What a build publishes of the month folders, from `records` (a site's,
/// or `serve`'s after a change) and the site's other pages. `public`: as
/// the public build does, which does not publish internal records; else as
/// the internal build, which publishes every record.
pub(crate) fn publication<'a>(
    site: &Site,
    records: impl IntoIterator<Item = &'a Record>,
    public: bool,
) -> Publication {
    let index = branch_index(site);
    let mut shown = BTreeSet::new();
    let mut linked = BTreeSet::new();
    let mut unpublished = BTreeSet::new();
    let mut note = |path: &str, how: Use, published: bool| {
        let Some(pic) = month_picture(path, &index).filter(|p| exists(site, p)) else {
            return;
        };
        let set = match (published, how) {
            (false, _) => &mut unpublished,
            (true, Use::Shows) => &mut shown,
            (true, Use::Links) => &mut linked,
        };
        set.insert(pic);
    };
    for r in records {
        let published = !(public && r.internal);
        for (path, how) in body_picture_uses(site, r) {
            note(&path, how, published);
        }
    }
    // The records a public site no longer holds (`published`).
    for (path, how) in &site.unpublished_uses {
        note(path, *how, false);
    }
    for (path, how) in page_uses(site) {
        note(&path, how, true);
    }
    let withheld: BTreeSet<Picture> = linked
        .intersection(&unpublished)
        .filter(|p| !shown.contains(*p))
        .cloned()
        .collect();
    let mut published = shown;
    published.extend(linked.difference(&withheld).cloned());
    Publication {
        published,
        withheld,
    }
}

/// The pictures the bodies of branches, months, free pages and speakers
/// point at. Their sources stay in the model, so they are read again.
pub(crate) fn page_uses(site: &Site) -> Vec<(String, Use)> {
    let mut uses = Vec::new();
    for b in &site.branches {
        uses.extend(body_uses(&b.body, &format!("branches/{}", b.id)));
        for m in &b.months {
            uses.extend(body_uses(&m.body, &format!("branches/{}/{}", b.id, m.ym)));
        }
    }
    for p in &site.pages {
        uses.extend(body_uses(&p.body, "pages"));
    }
    for s in &site.speakers {
        uses.extend(body_uses(&s.body, "speakers"));
    }
    uses
}

fn exists(site: &Site, (b, ym, file): &Picture) -> bool {
    site.done(*b, *ym).is_some_and(|m| m.photos.contains(file))
}

fn branch_index(site: &Site) -> HashMap<&str, usize> {
    site.branches
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect()
}

/// The picture at a content path `branches/<b>/<YYYY-MM>/<file>`.
fn month_picture(path: &str, branch_index: &HashMap<&str, usize>) -> Option<Picture> {
    let mut parts = path.strip_prefix("branches/")?.splitn(3, '/');
    let (b, ym, file) = (parts.next()?, parts.next()?, parts.next()?);
    // As the folder is named: `2026-5` is not the folder `2026-05`.
    let month = YearMonth::parse(ym).filter(|m| m.to_string() == ym)?;
    Some((*branch_index.get(b)?, month, file.to_string()))
}

/// The content path of a month-folder picture.
pub(crate) fn content_path(site: &Site, (b, ym, file): &Picture) -> String {
    format!("branches/{}/{ym}/{file}", site.branches[*b].id)
}

/// The published name of a source picture: WebP sources become JPEG.
pub(crate) fn output_name(source: &str) -> String {
    let p = Path::new(source);
    match p
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .as_deref()
    {
        Some("webp") => format!(
            "{}.jpg",
            p.file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default()
        ),
        _ => source.to_string(),
    }
}

/// The names a picture of a month folder may be published under: its own
/// (a WebP's as JPEG) at full size, `<stem>-<width>.png` for the smaller
/// sizes of a PNG, `.jpg` for the others. Which widths exist depends on the
/// picture's size, known only once it is decoded, so a picture claims all.
pub(crate) fn claimed_names(file: &str) -> Vec<String> {
    let path = Path::new(file);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let png = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    let ext = if png { "png" } else { "jpg" };
    let mut names = vec![output_name(file)];
    // The largest width is always published under the picture's own name.
    for w in &WIDTHS[..WIDTHS.len() - 1] {
        names.push(format!("{stem}-{w}.{ext}"));
    }
    names
}

/// Reports the pictures that would be published under the same file name
/// as another picture of their month folder (`a.jpg` and `a.webp`; `a.jpg`
/// and the photo `a-480.jpg`) or as a record's page (`a.jpg.md`): each an
/// error at the later picture in name order. Returns those pictures.
pub(crate) fn report_clashes(
    site: &Site,
    pictures: &BTreeSet<Picture>,
    diags: &Diagnostics,
) -> BTreeSet<Picture> {
    let mut clashing = BTreeSet::new();
    let mut folder = None;
    let mut claimed: HashMap<String, Owner> = HashMap::new();
    for pic in pictures {
        let (b, ym, file) = pic;
        if folder != Some((*b, *ym)) {
            folder = Some((*b, *ym));
            claimed.clear();
            let month = site.branches[*b].months.iter().find(|m| m.ym == *ym);
            for &r in month.map(|m| m.records.as_slice()).unwrap_or_default() {
                let id = &site.records[r].id;
                claimed.insert(id.clone(), Owner::Page(id.clone()));
            }
        }
        let names = claimed_names(file);
        if let Some((name, owner)) = names
            .iter()
            .find_map(|n| claimed.get(n).map(|owner| (n, owner)))
        {
            diags.error(
                &format!("content/branches/{}/{ym}/{file}", site.branches[*b].id),
                Pos::START,
                Content::PictureNameTaken {
                    name: name.clone(),
                    owner: owner.clone(),
                },
            );
            clashing.insert(pic.clone());
            continue;
        }
        for n in names {
            claimed.insert(n, Owner::Picture(file.clone()));
        }
    }
    clashing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::Fixture;

    #[test]
    fn webp_is_published_as_jpeg_and_the_rest_under_its_own_name() {
        assert_eq!(output_name("a.webp"), "a.jpg");
        assert_eq!(output_name("合影.WebP"), "合影.jpg");
        assert_eq!(output_name("a.png"), "a.png");
        assert_eq!(output_name("a.JPEG"), "a.JPEG");
    }

    #[test]
    fn a_picture_claims_its_name_and_the_smaller_widths() {
        assert_eq!(claimed_names("a.png"), ["a.png", "a-480.png", "a-960.png"]);
        assert_eq!(claimed_names("a.webp"), ["a.jpg", "a-480.jpg", "a-960.jpg"]);
        assert_eq!(
            claimed_names("a.jpeg"),
            ["a.jpeg", "a-480.jpg", "a-960.jpg"]
        );
    }

    /// A month with pictures `a` … `e`: a public record shows `a` and links
    /// to `b` and `c`; an internal one shows `d` and links to `b`; `e` is
    /// only in the folder.
    fn site(internal: bool) -> Site {
        let public = "---\ntitle: p\ndate: 2026-05-10\nkind: study\nphotos: [a.jpg]\n---\n\n[原图](b.jpg) [原图](c.jpg) [无](x.jpg)\n";
        let private = "---\ntitle: i\ndate: 2026-05-10\nkind: affairs\nvisibility: internal\nphotos: [d.jpg]\n---\n\n[原图](b.jpg)\n";
        let mut f = Fixture::new().plain_branch("b");
        for p in ["a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg"] {
            f = f.photo("b", "2026-05", p);
        }
        let (site, problems) = f
            .record_text("b", "2026-05", "i", private)
            .record_text("b", "2026-05", "p", public)
            .load(internal);
        assert!(problems.is_empty(), "{problems:?}");
        site
    }

    fn files(set: &BTreeSet<Picture>) -> Vec<&str> {
        set.iter().map(|(_, _, f)| f.as_str()).collect()
    }

    #[test]
    fn a_public_build_withholds_a_linked_picture_that_internal_records_use() {
        let site = site(false);
        let p = publication(&site, site.records.all(), true);
        assert_eq!(files(&p.published), ["a.jpg", "c.jpg"]);
        assert_eq!(files(&p.withheld), ["b.jpg"]);
        assert_eq!(
            p.withheld_paths(&site),
            HashSet::from(["branches/b/2026-05/b.jpg".to_string()])
        );
    }

    #[test]
    fn the_internal_build_publishes_what_every_record_uses() {
        let site = site(true);
        let p = publication(&site, site.records.all(), false);
        assert_eq!(files(&p.published), ["a.jpg", "b.jpg", "c.jpg", "d.jpg"]);
        assert!(p.withheld.is_empty());
    }

    #[test]
    fn what_a_branch_page_shows_is_published_and_what_it_links_to_may_be_withheld() {
        // Branch pages are always published: what the branch page shows is
        // published though only an internal record uses it besides; what
        // it only links to is withheld like a record's link.
        let site = Fixture::new()
            .branch_with_body(
                "b",
                "name: 甲\ncommittee: 乙",
                "![合影](2026-05/b.jpg) [原图](2026-05/c.jpg)",
            )
            .photo("b", "2026-05", "b.jpg")
            .photo("b", "2026-05", "c.jpg")
            .record_text(
                "b",
                "2026-05",
                "i",
                "---\ntitle: i\ndate: 2026-05-10\nkind: affairs\nvisibility: internal\nphotos: [b.jpg]\n---\n\n[原图](c.jpg)\n",
            )
            .clean();
        assert_eq!(
            page_uses(&site),
            vec![
                ("branches/b/2026-05/b.jpg".to_string(), Use::Shows),
                ("branches/b/2026-05/c.jpg".to_string(), Use::Links),
            ]
        );
        let p = publication(&site, site.records.all(), true);
        assert_eq!(files(&p.published), ["b.jpg"]);
        assert_eq!(files(&p.withheld), ["c.jpg"]);
    }

    #[test]
    fn two_pictures_under_one_name_are_an_error_at_the_later() {
        let site = Fixture::new()
            .plain_branch("b")
            .photo("b", "2026-05", "a.jpg")
            .photo("b", "2026-05", "a.webp")
            .photo("b", "2026-05", "r.jpg")
            .photo("b", "2026-05", "s-480.jpg")
            .photo("b", "2026-05", "s.png")
            .activity("b", "2026-05", "r.jpg", 10, "study")
            .clean();
        let all: BTreeSet<Picture> = site.branches[0].months[0]
            .photos
            .iter()
            .map(|p| (0, site.branches[0].months[0].ym, p.clone()))
            .collect();
        let diags = Diagnostics::new();
        let clashing = report_clashes(&site, &all, &diags);
        assert_eq!(files(&clashing), ["a.webp", "r.jpg"]);
        let problems: Vec<String> = diags
            .into_sorted()
            .iter()
            .map(|d| d.text(crate::msg::Lang::En))
            .collect();
        assert_eq!(
            problems,
            vec![
                "content/branches/b/2026-05/a.webp:1:1: error: this picture would be published as `a.jpg`, as the picture `a.jpg` is: rename one of them",
                "content/branches/b/2026-05/r.jpg:1:1: error: this picture would be published as `r.jpg`, as the page of `r.jpg.md` is: rename one of them",
            ]
        );
    }
}
