//! An activity record (SPEC §4): its front matter validated field by field
//! against its month folder and the speaker pool.

use std::collections::HashMap;

use super::attendance::attendance;
use super::document::{date_field, document};
use super::pictures::body_uses;
use super::{PhotoRef, Record};
use crate::date::YearMonth;
use crate::diag::{Diagnostics, Pos};
use crate::frontmatter::Fields;
use crate::kind::Kind;
use crate::load::{self, TextFile};
use crate::msg::Content;

const RECORD_FIELDS: &[&str] = &[
    "title",
    "date",
    "kind",
    "summary",
    "location",
    "tags",
    "photos",
    "attendance",
    "visibility",
    "speaker",
    "speaker_name",
    "duration",
    "led",
    "extra",
];

pub(crate) fn record(
    file: &TextFile,
    ym: YearMonth,
    photos_here: &[String],
    speakers: &HashMap<&str, usize>,
    unsafe_html: bool,
    diags: &Diagnostics,
) -> Option<Record> {
    let doc = document(file, unsafe_html, diags)?;
    let f = doc.front.fields(&file.rel, diags);
    f.deny_unknown(RECORD_FIELDS);
    let title = f.required_string("title", crate::msg::What::ActivityTitle);
    let date = match f.get("date") {
        None => {
            diags.error(
                &file.rel,
                f.own_pos(),
                Content::DateMissing { ym: ym.to_string() },
            );
            None
        }
        Some(_) => date_field(&f, "date"),
    };
    if let Some(d) = date
        && d.year_month() != ym
    {
        f.error(
            "date",
            Content::DateOutsideMonth {
                date: d.to_string(),
                ym: ym.to_string(),
                right: d.year_month().to_string(),
            },
        );
    }
    let kind = match f.string("kind") {
        None => {
            diags.error(
                &file.rel,
                f.own_pos(),
                Content::KindMissing {
                    kinds: Kind::spellings(),
                },
            );
            None
        }
        Some(k) => {
            let kind = Kind::parse(&k);
            if kind.is_none() {
                f.error(
                    "kind",
                    Content::UnknownKind {
                        kind: k.clone(),
                        kinds: Kind::spellings(),
                    },
                );
            }
            kind
        }
    };
    let internal = match f.string("visibility").as_deref().map(str::trim) {
        None | Some("public") => false,
        Some("internal") => true,
        Some(other) => {
            f.error(
                "visibility",
                Content::UnknownVisibility {
                    value: other.to_string(),
                },
            );
            // Unknown visibility is treated as internal: never publish by mistake.
            true
        }
    };
    let speaker = f.string("speaker").and_then(|s| {
        let found = speakers.get(s.trim()).copied();
        if found.is_none() {
            let near = crate::text::nearest_file(s.trim(), speakers.keys().copied());
            f.error(
                "speaker",
                Content::NoSpeaker {
                    id: s.clone(),
                    near: near.map(str::to_string),
                },
            );
        }
        found
    });
    let speaker_name = f
        .string("speaker_name")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    if kind == Some(Kind::Lecture) && f.get("speaker").is_none() && speaker_name.is_none() {
        diags.error(&file.rel, f.own_pos(), Content::LectureWithoutSpeaker);
    }
    let photos = photo_refs(&f, photos_here);
    let attendance = f.map("attendance").map(|a| attendance(&a));
    if !internal && let Some(a) = &attendance {
        absentees_in_text(a, title.as_deref(), &doc, &file.rel, &f, diags);
    }
    let duration = f.uint("duration");
    let led = f.bool("led").unwrap_or(true);
    let tags = f.string_list("tags");
    // `[党员大会，冬季农业]` is one tag: the Chinese comma does not separate.
    if let Some(tag) = tags.iter().find(|t| t.contains(['，', '、'])) {
        let parts: Vec<&str> = tag
            .split(['，', '、'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        f.warning(
            "tags",
            Content::CommaInTag {
                tag: tag.clone(),
                fixed: parts.join(", "),
            },
        );
    }
    let record = Record {
        id: file.id.clone(),
        src: file.rel.clone(),
        branch: 0,
        ym,
        title: title?,
        date: date?,
        kind: kind?,
        summary: f
            .string("summary")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        location: f.string("location"),
        tags,
        photos,
        attendance,
        internal,
        speaker,
        speaker_name,
        duration,
        led,
        uses: body_uses(&doc.body, &folder_of(&file.rel)),
        body: doc.body,
        body_line: doc.body_line,
        html: String::new(),
        headings: Vec::new(),
        excerpt: String::new(),
        links_to: Vec::new(),
    };
    // Checked as far as it could be, but not a record until it is mended.
    (!doc.front.repaired).then_some(record)
}

/// Warns when a public record names, in its title or body, a member its
/// attendance lists as excused or absent: the public site withholds those
/// names, but text is published as written. Names of one character are
/// left alone (they are in every sentence).
fn absentees_in_text(
    a: &super::Attendance,
    title: Option<&str>,
    doc: &crate::frontmatter::Document,
    path: &str,
    f: &Fields,
    diags: &Diagnostics,
) {
    let excused = a
        .excused
        .named()
        .iter()
        .map(|e| (e.name.as_str(), "excused"));
    let absent = a.absent.named().iter().map(|n| (n.as_str(), "absent"));
    let mut told = std::collections::HashSet::new();
    for (name, list) in excused.chain(absent) {
        let name = name.trim();
        if name.chars().count() < 2 || !told.insert(name) {
            continue;
        }
        let msg = Content::AbsenteeInText {
            name: name.to_string(),
            list: list.to_string(),
        };
        if title.is_some_and(|t| t.contains(name)) {
            f.warning("title", msg);
        } else if let Some(at) = doc.body.find(name) {
            diags.warning(path, Pos::in_text(&doc.body, doc.body_line, at), msg);
        }
    }
}

/// The folder of a content file, relative to `content/`: the `dir` its
/// relative links start from.
fn folder_of(rel: &str) -> String {
    let rel = rel.strip_prefix("content/").unwrap_or(rel);
    rel.rsplit_once('/').map_or("", |(dir, _)| dir).to_string()
}

fn photo_refs(f: &Fields, photos_here: &[String]) -> Vec<PhotoRef> {
    let mut out = Vec::new();
    for entry in f.list("photos") {
        let (src, caption, pos) = match &entry.fields {
            Some(p) => {
                p.deny_unknown(&["src", "caption"]);
                let Some(src) = p.required_string("src", crate::msg::What::PictureFile) else {
                    continue;
                };
                (src, p.string("caption").unwrap_or_default(), p.pos("src"))
            }
            None => match entry.as_string() {
                Some(s) => (s, String::new(), entry.pos),
                None => {
                    f.diags.error(f.path, entry.pos, Content::PhotoShape);
                    continue;
                }
            },
        };
        let src = src.trim().trim_start_matches("./").to_string();
        if !photos_here.contains(&src) {
            let near = crate::text::nearest_file(&src, photos_here.iter().map(String::as_str));
            let msg = if load::is_image(&src) {
                Content::NoPicture {
                    src: src.clone(),
                    near: near.map(str::to_string),
                }
            } else {
                Content::NotAPicture { src: src.clone() }
            };
            f.diags.error(f.path, pos, msg);
            continue;
        }
        out.push(PhotoRef {
            src,
            caption: caption.trim().to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::Fixture;
    use crate::model::pictures::Use;

    /// The site of one record of these front matter lines in `b/2026-05`,
    /// beside a picture `a.jpg`, with a speaker `s` in the pool.
    fn one(front: &str) -> (Option<Record>, Vec<String>) {
        let (mut site, problems) = Fixture::new()
            .speaker("s", "name: 张教授")
            .plain_branch("b")
            .photo("b", "2026-05", "a.jpg")
            .record("b", "2026-05", "r", front)
            .load(true);
        (site.records.all_mut().pop(), problems)
    }

    /// The problems of one record, without their positions.
    fn messages(front: &str) -> Vec<String> {
        one(front)
            .1
            .iter()
            .map(|p| p.splitn(4, ':').nth(3).unwrap_or(p).trim().to_string())
            .collect()
    }

    #[test]
    fn a_valid_record_reads_aliases_and_defaults() {
        let (r, problems) = one(
            "title: 学习党章\ndate: 2026-05-10\nkind: 学\nsummary: '  '\nspeaker_name: ' 王书记 '\ntags: [党章]",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let r = r.unwrap();
        assert_eq!(r.kind, Kind::Study);
        assert_eq!(r.date.to_string(), "2026-05-10");
        assert_eq!(r.summary, None, "a blank summary is none");
        assert_eq!(r.speaker_name.as_deref(), Some("王书记"));
        assert!(r.led, "lectures go to LED unless `led: false`");
        assert!(!r.internal, "records are public unless said otherwise");
        assert_eq!(r.tags, vec!["党章"]);
    }

    #[test]
    fn a_date_outside_the_folder_month_is_an_error_that_names_the_right_folder() {
        assert_eq!(
            messages("title: t\ndate: 2026-06-01\nkind: study"),
            vec![
                "error: the date 2026-06-01 is not in 2026-05, the month of the folder: fix the date or move the file to the 2026-06 folder"
            ]
        );
    }

    #[test]
    fn a_missing_date_or_kind_refuses_the_record_with_an_example() {
        let (r, _) = one("title: t\nkind: study");
        assert!(r.is_none());
        assert_eq!(
            messages("title: t\nkind: study"),
            vec!["error: `date` is missing: give the day of the activity, e.g. `date: 2026-05-10`"]
        );
        let (r, _) = one("title: t\ndate: 2026-05-10\nkind: 党课");
        assert!(r.is_none());
        assert_eq!(
            messages("title: t\ndate: 2026-05-10\nkind: 党课"),
            vec![format!(
                "error: unknown kind `党课`: use one of {}",
                Kind::spellings()
            )]
        );
    }

    #[test]
    fn an_unknown_visibility_is_an_error_and_the_record_stays_internal() {
        let front = "title: t\ndate: 2026-05-10\nkind: study\nvisibility: secret";
        let (r, _) = one(front);
        assert!(r.unwrap().internal, "never published by mistake");
        assert_eq!(
            messages(front),
            vec!["error: unknown visibility `secret`: use public or internal"]
        );
    }

    #[test]
    fn a_lecture_needs_a_speaker_of_the_pool_or_a_name() {
        assert_eq!(
            messages("title: t\ndate: 2026-05-10\nkind: lecture"),
            vec![
                "error: a lecture without a speaker: add `speaker:` (an id of the speaker pool) or `speaker_name:`"
            ]
        );
        assert_eq!(
            messages("title: t\ndate: 2026-05-10\nkind: lecture\nspeaker: x"),
            vec![
                "error: no speaker `x` in the speaker pool: add content/speakers/x.md or write `speaker_name:` for a speaker outside the pool"
            ]
        );
        let (r, problems) = one("title: t\ndate: 2026-05-10\nkind: 课\nspeaker: s");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(r.unwrap().speaker, Some(0));
    }

    #[test]
    fn photos_must_be_pictures_of_the_month_folder() {
        let front = "title: t\ndate: 2026-05-10\nkind: study\nphotos:\n  - {src: ./a.jpg, caption: ' 合影 '}\n  - b.jpg\n  - {src: a.txt}";
        let (r, _) = one(front);
        let photos = r.unwrap().photos;
        assert_eq!(photos.len(), 1);
        assert_eq!(
            (photos[0].src.as_str(), photos[0].caption.as_str()),
            ("a.jpg", "合影")
        );
        assert_eq!(
            messages(front),
            vec![
                "error: no picture `b.jpg` in this month folder: put the file beside the record",
                "error: `a.txt` is not a picture: use a .jpg, .png or .webp file",
            ]
        );
    }

    #[test]
    fn the_body_notes_the_month_pictures_it_shows_or_links_to() {
        let text = "---\ntitle: t\ndate: 2026-05-10\nkind: study\n---\n\n![合影](a.jpg) [原图](../2026-04/b.png) [页](../2026-04/r.md) [外](https://e.org/c.jpg)\n";
        let (site, problems) = Fixture::new()
            .plain_branch("b")
            .record_text("b", "2026-05", "r", text)
            .load(false);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            site.records[0].uses,
            vec![
                ("branches/b/2026-05/a.jpg".to_string(), Use::Shows),
                ("branches/b/2026-04/b.png".to_string(), Use::Links),
            ]
        );
    }

    #[test]
    fn a_files_folder_is_relative_to_content() {
        assert_eq!(
            folder_of("content/branches/b/2026-05/r.md"),
            "branches/b/2026-05"
        );
        assert_eq!(folder_of("content/pages/about.md"), "pages");
        assert_eq!(folder_of("about.md"), "");
    }
}
