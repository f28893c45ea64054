//! Free pages (`content/pages/<slug>.md`): about, contact, a guide.

use super::Page;
use super::document::document;
use crate::diag::Diagnostics;
use crate::load::TextFile;

const PAGE_FIELDS: &[&str] = &["title", "description", "weight", "visibility", "extra"];

pub(super) fn pages(files: &[TextFile], unsafe_html: bool, diags: &Diagnostics) -> Vec<Page> {
    let mut pages: Vec<Page> = files
        .iter()
        .filter_map(|file| {
            let doc = document(file, unsafe_html, diags)?;
            let f = doc.front.fields(&file.rel, diags);
            f.warn_unknown(PAGE_FIELDS);
            f.always_public(crate::msg::Public::Page);
            let weight = match f.get("weight") {
                Some(serde_yaml::Value::Number(n)) => n.as_i64().unwrap_or(0),
                Some(_) => {
                    f.error("weight", crate::msg::Content::WeightNotNumber);
                    0
                }
                None => 0,
            };
            Some(Page {
                slug: file.id.clone(),
                src: file.rel.clone(),
                title: f.required_string("title", crate::msg::What::PageTitle)?,
                description: f.string("description"),
                weight,
                body: doc.body,
                html: String::new(),
            })
        })
        .collect();
    pages.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.slug.cmp(&b.slug)));
    pages
}
