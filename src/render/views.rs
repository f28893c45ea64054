//! The typed views templates receive. Each record's card is serialized once
//! into a `tera::Value` and shared by every listing that shows it: listing
//! pages clone reference-counted values instead of re-serializing pages.

use serde::Serialize;
use tera::Value;

use crate::date::{Date, YearMonth};
use crate::kind::{KINDS, Kind, KindSet};
use crate::model::{LiaisonLevel, Record, Site};
use crate::urls::{self, Route};

use crate::photos::PhotoSizes;
use crate::render::strings::Strings;

/// Site-wide values every template sees as `site`.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub organization: &'a str,
    pub lang: &'static str,
    pub base_url: &'a str,
    /// The base path every link starts with, e.g. `/` or `/archive/`.
    pub root: &'a str,
    pub internal: bool,
    pub feed: String,
    pub pages: Vec<Link>,
    pub kinds: Vec<KindView>,
}

#[derive(Serialize, Clone)]
pub struct KindView {
    pub word: &'static str,
    pub alias: &'static str,
    pub label: String,
}

/// What every page tells its layout: `page`.
#[derive(Serialize)]
pub struct PageMeta {
    pub title: String,
    pub canonical: String,
    /// The navigation section (`branches`, `lectures`, ...), for highlighting.
    pub section: &'static str,
    pub description: String,
    pub crumbs: Vec<Link>,
}

#[derive(Serialize, Clone, Default)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct Mark {
    pub alias: &'static str,
    pub label: String,
    pub done: bool,
}

#[derive(Serialize, Clone)]
pub struct PhotoView {
    /// The default picture: the variant nearest 960 pixels wide.
    pub url: String,
    /// The full-size picture.
    pub full: String,
    /// Every variant with its width, for `srcset`.
    pub srcset: String,
    pub alt: String,
    /// Size of the default picture.
    pub width: u32,
    pub height: u32,
}

#[derive(Serialize)]
pub struct Card<'a> {
    pub title: &'a str,
    pub url: String,
    pub date: Date,
    /// The date in the site's language: `2026年5月12日`, `12 May 2026`.
    pub date_text: String,
    pub kind: &'static str,
    pub alias: &'static str,
    pub kind_label: String,
    pub branch: &'a str,
    pub branch_url: String,
    pub excerpt: &'a str,
    pub location: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub speaker_url: Option<String>,
    pub lecture_url: Option<String>,
    pub duration: Option<u64>,
    pub internal: bool,
    pub thumb: Option<PhotoView>,
}

/// Labels from the theme's UI strings.
pub struct Labels {
    pub kinds: [String; 5],
    pub categories: std::collections::HashMap<&'static str, String>,
    pub district: String,
    pub cadre: String,
}

impl Labels {
    pub fn kind(&self, k: Kind) -> String {
        self.kinds[k.index()].clone()
    }

    pub fn marks(&self, done: KindSet) -> Vec<Mark> {
        KINDS
            .iter()
            .map(|(k, _, alias)| Mark {
                alias,
                label: self.kind(*k),
                done: done.contains(*k),
            })
            .collect()
    }

    pub fn kinds(&self) -> Vec<KindView> {
        KINDS
            .iter()
            .map(|(k, word, alias)| KindView {
                word,
                alias,
                label: self.kind(*k),
            })
            .collect()
    }

    pub fn liaison(&self, l: LiaisonLevel) -> String {
        match l {
            LiaisonLevel::District => self.district.clone(),
            LiaisonLevel::Cadre => self.cadre.clone(),
        }
    }
}

pub fn link(site: &Site, title: impl Into<String>, route: &Route) -> Link {
    Link {
        title: title.into(),
        url: route.link(&site.config),
    }
}

/// The view of one published picture of a month folder.
pub fn photo(
    site: &Site,
    branch: &str,
    ym: YearMonth,
    src: &str,
    alt: &str,
    sizes: &PhotoSizes,
) -> Option<PhotoView> {
    let set = sizes.get(branch, ym, src)?;
    let url = |w: u32| urls::photo(branch, ym, &set.file_name(src, w)).link(&site.config);
    let srcset = set
        .variants
        .iter()
        .map(|(w, _)| format!("{} {w}w", url(*w)))
        .collect::<Vec<_>>()
        .join(", ");
    let (dw, dh) = set
        .variants
        .iter()
        .copied()
        .find(|(w, _)| *w >= 960)
        .or_else(|| set.variants.last().copied())?;
    let (fw, _) = set.variants.last().copied()?;
    Some(PhotoView {
        url: url(dw),
        full: url(fw),
        srcset,
        alt: alt.to_string(),
        width: dw,
        height: dh,
    })
}

/// The photo views of a record: front matter photos, in order.
pub fn photos(site: &Site, r: &Record, sizes: &PhotoSizes) -> Vec<PhotoView> {
    let b = &site.branches[r.branch].id;
    r.photos
        .iter()
        .filter_map(|p| photo(site, b, r.ym, &p.src, &p.caption, sizes))
        .collect()
}

pub fn card(site: &Site, i: usize, labels: &Labels, t: &Strings, sizes: &PhotoSizes) -> Value {
    let r = &site.records[i];
    let b = &site.branches[r.branch];
    let c = &site.config;
    let card = Card {
        title: &r.title,
        url: site.record_route(i).link(c),
        date: r.date,
        date_text: t.date("format_date", r.date),
        kind: r.kind.word(),
        alias: r.kind.alias(),
        kind_label: labels.kind(r.kind),
        branch: &b.name,
        branch_url: urls::branch(&b.id).link(c),
        excerpt: &r.excerpt,
        location: r.location.as_deref(),
        speaker: r.speaker_display(site),
        speaker_url: r
            .speaker
            .map(|s| urls::speaker(&site.speakers[s].id).link(c)),
        lecture_url: (r.kind == Kind::Lecture).then(|| site.lecture_route(i).link(c)),
        duration: r.duration,
        internal: r.internal,
        thumb: photos(site, r, sizes).into_iter().next(),
    };
    Value::from_serializable(&card)
}
