//! The speaker pool (专家师资库, `content/speakers/<id>.md`).

use rayon::prelude::*;

use super::Speaker;
use super::document::document;
use crate::diag::Diagnostics;
use crate::load::TextFile;
use crate::msg::Content;

const SPEAKER_FIELDS: &[&str] = &[
    "name",
    "title",
    "organization",
    "topics",
    "photo",
    "visibility",
    "extra",
];

pub(super) fn speakers(
    files: &[TextFile],
    speaker_files: &[String],
    unsafe_html: bool,
    diags: &Diagnostics,
) -> Vec<Speaker> {
    files
        .par_iter()
        .filter_map(|file| {
            let doc = document(file, unsafe_html, diags)?;
            let f = doc.front.fields(&file.rel, diags);
            f.warn_unknown(SPEAKER_FIELDS);
            f.always_public(crate::msg::Public::Speaker);
            let name = f.required_string("name", crate::msg::What::SpeakerName);
            let photo = f
                .string("photo")
                .map(|p| p.trim().trim_start_matches("./").to_string());
            if let Some(p) = &photo
                && !speaker_files.contains(p)
            {
                f.error("photo", Content::NoSpeakerPhoto { file: p.clone() });
            }
            Some(Speaker {
                id: file.id.clone(),
                src: file.rel.clone(),
                name: name?,
                title: f.string("title"),
                organization: f.string("organization"),
                topics: f.string_list("topics"),
                photo: photo.filter(|p| speaker_files.contains(p)),
                body: doc.body,
                html: String::new(),
                lectures: Vec::new(),
            })
        })
        .collect()
}
