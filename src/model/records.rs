//! An activity record (SPEC §4): its front matter validated field by field
//! against its month folder and the speaker pool.

use std::collections::HashMap;

use super::attendance::attendance;
use super::document::{date_field, document};
use super::pictures::body_uses;
use super::{PhotoRef, Record};
use crate::date::YearMonth;
use crate::diag::Diagnostics;
use crate::frontmatter::Fields;
use crate::kind::Kind;
use crate::load::{self, TextFile};

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
    let title = f.required_string("title", "a title for the activity");
    let date = match f.get("date") {
        None => {
            diags.error(
                &file.rel,
                f.own_pos(),
                format!("`date` is missing: give the day of the activity, e.g. `date: {ym}-10`"),
            );
            None
        }
        Some(_) => date_field(&f, "date"),
    };
    if let Some(d) = date
        && d.year_month() != ym
    {
        f.error("date", format!("the date {d} is not in {ym}, the month of the folder: fix the date or move the file to the {} folder", d.year_month()));
    }
    let kind = match f.string("kind") {
        None => {
            diags.error(
                &file.rel,
                f.own_pos(),
                format!("`kind` is missing: use one of {}", Kind::spellings()),
            );
            None
        }
        Some(k) => {
            let kind = Kind::parse(&k);
            if kind.is_none() {
                f.error(
                    "kind",
                    format!("unknown kind `{k}`: use one of {}", Kind::spellings()),
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
                format!("unknown visibility `{other}`: use public or internal"),
            );
            // Unknown visibility is treated as internal: never publish by mistake.
            true
        }
    };
    let speaker = f.string("speaker").and_then(|s| {
        let found = speakers.get(s.trim()).copied();
        if found.is_none() {
            f.error("speaker", format!("no speaker `{s}` in the speaker pool: add content/speakers/{s}.md or write `speaker_name:` for a speaker outside the pool"));
        }
        found
    });
    let speaker_name = f
        .string("speaker_name")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    if kind == Some(Kind::Lecture) && f.get("speaker").is_none() && speaker_name.is_none() {
        diags.error(&file.rel, f.own_pos(), "a lecture without a speaker: add `speaker:` (an id of the speaker pool) or `speaker_name:`");
    }
    let photos = photo_refs(&f, photos_here);
    let attendance = f.map("attendance").map(|a| attendance(&a));
    let duration = f.uint("duration");
    let led = f.bool("led").unwrap_or(true);
    let tags = f.string_list("tags");
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
    Some(record)
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
                let Some(src) =
                    p.required_string("src", "the picture's file name in this month folder")
                else {
                    continue;
                };
                (src, p.string("caption").unwrap_or_default(), p.pos("src"))
            }
            None => match entry.as_string() {
                Some(s) => (s, String::new(), entry.pos),
                None => {
                    f.diags.error(
                        f.path,
                        entry.pos,
                        "a photo is `{src: file.jpg, caption: 说明}`",
                    );
                    continue;
                }
            },
        };
        let src = src.trim().trim_start_matches("./").to_string();
        if !photos_here.contains(&src) {
            let msg = if load::is_image(&src) {
                format!("no picture `{src}` in this month folder: put the file beside the record")
            } else {
                format!("`{src}` is not a picture: use a .jpg, .png or .webp file")
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
