//! LED slide shows (党建视屏): every public lecture as a self-contained,
//! paginated slide show per screen profile, and one channel per profile that
//! plays them all in a loop (SPEC §6).
//!
//! A lecture is cut once per profile into a `deck::Deck` (cover, text, QR
//! code, each line with its role); `html` writes decks as shows and `png`
//! as pictures, for the profiles with `pictures: true` (`pictures` adds
//! their playlists and zip beside the show). A writer draws a deck and
//! never paginates, so every writer shows the same slides.

pub(crate) mod deck;
pub(crate) mod export;
pub(crate) mod font;
mod html;
pub(crate) mod layout;
pub(crate) mod pictures;
mod png;
pub(crate) mod text;

use std::collections::BTreeSet;
use std::sync::Arc;

use anyhow::Result;
use rayon::prelude::*;

use crate::diag::Pos;
use crate::model::Site;
use crate::render::Renderer;
use crate::screen::{LedProfile, Metrics};
use crate::urls::{self, Route};
use deck::{Deck, Lecture};
use font::LedFont;
use pictures::Cache;

pub(crate) fn show_route(profile: &str, site: &Site, i: usize) -> Route {
    let r = &site.records[i];
    urls::led_show(profile, &site.branches[r.branch].id, r.ym, &r.id)
}

pub(crate) fn channel_route(profile: &str) -> Route {
    urls::led_channel(profile)
}

/// Lectures on screens: public ones without `led: false`, newest first.
/// Internal lectures never appear, not even in an internal build.
pub(crate) fn lectures(site: &Site) -> Vec<usize> {
    site.lectures()
        .into_iter()
        .filter(|&i| on_screens(site, i))
        .collect()
}

/// Whether record `i` is a lecture shown on screens (see `lectures`).
pub(crate) fn on_screens(site: &Site, i: usize) -> bool {
    let r = site.records.peek(i);
    r.kind == crate::kind::Kind::Lecture && r.led && !r.internal
}

fn labels(r: &Renderer) -> html::Labels {
    html::Labels {
        lang: r.site.config.language.code(),
        internal: r.t("internal_banner_title"),
        pictures: None,
    }
}

/// What a build's pictures are drawn with: the font and the cache.
pub(crate) struct Drawing {
    pub font: Arc<LedFont>,
    pub cache: Cache,
}

/// The font and cache of the pictures, when a profile has them; `None`
/// also when no font is usable (a warning at `led.font`: the shows are
/// still written, without a link to pictures).
fn drawing(r: &Renderer) -> Option<Drawing> {
    let site = r.site;
    let led = &site.config.led;
    if !led.pictures() {
        return None;
    }
    match font::load(&site.root, led.font.as_ref()) {
        Ok(font) => Some(Drawing {
            font,
            cache: Cache::open(&site.root),
        }),
        Err(e) => {
            let pos = led.font.as_ref().map_or(Pos::START, |f| f.pos);
            r.warning(
                crate::config::SITE_YAML,
                pos,
                crate::msg::SiteMsg::NoLedFont {
                    error: e.to_string(),
                },
            );
            None
        }
    }
}

/// Lecture `i`'s show on profile `p`: its pictures first when the profile
/// has them, then the HTML show, linking to them.
fn write_lecture(
    r: &Renderer,
    deck: &Deck,
    labels: &html::Labels,
    drawing: Option<&Drawing>,
    missing: &mut BTreeSet<char>,
) -> Result<String> {
    let slides = html::slides(deck);
    let drawn = match drawing.filter(|_| deck.profile.pictures) {
        Some(d) => {
            write_pictures(r, deck, d)?;
            missing.extend(png::missing(deck, &d.font));
            true
        }
        None => false,
    };
    let labels = html::Labels {
        pictures: drawn.then(|| r.t("led_pictures")),
        ..labels.clone()
    };
    write_show(r, deck, &labels, &slides)?;
    Ok(slides)
}

fn write_pictures(r: &Renderer, deck: &Deck, d: &Drawing) -> Result<()> {
    let site = r.site;
    let rec = &site.records[deck.lecture];
    let id = urls::lecture_id(&site.branches[rec.branch].id, rec.ym, &rec.id);
    let drawn = pictures::pictures(deck, &d.font, &d.cache)?;
    let dir = show_route(&deck.profile.name, site, deck.lecture).output_file();
    let dir = dir.parent().unwrap_or(std::path::Path::new("led"));
    for (name, bytes) in pictures::files(deck, &id, drawn)? {
        r.write_file(&dir.join(name), &bytes)?;
    }
    Ok(())
}

/// A warning for each character of lecture `i`'s pictures that the font
/// lacks, where the lecture's file has it (else at its start).
fn warn_missing(r: &Renderer, i: usize, missing: &BTreeSet<char>, font: &LedFont) {
    let rec = &r.site.records[i];
    let text = std::fs::read_to_string(r.site.root.join(&rec.src)).unwrap_or_default();
    for &c in missing {
        let pos = text
            .find(c)
            .map_or(Pos::START, |at| Pos::in_text(&text, 1, at));
        r.warning(
            &rec.src,
            pos,
            crate::msg::SiteMsg::MissingGlyph {
                font: font.describe(),
                c,
            },
        );
    }
}

/// Every lecture's show on every profile, and the channels. Each lecture is
/// taken once: its text cut into tokens and its QR code serve every profile,
/// and the slides of the channel's lectures are kept for the channel.
pub(crate) fn write(r: &Renderer) -> Result<()> {
    let site = r.site;
    let all = lectures(site);
    let labels = labels(r);
    let profiles = &site.config.led.profiles;
    let cap = channel_size(site);
    let drawing = drawing(r);
    let kept: Vec<Vec<String>> = all
        .par_iter()
        .enumerate()
        .map(|(n, &i)| {
            let mut kept = Vec::new();
            let lecture = Lecture::new(site, &r.t, i);
            let text = lecture.text();
            let mut missing = BTreeSet::new();
            for p in profiles {
                let deck = lecture.deck(&text, p);
                let slides = write_lecture(r, &deck, &labels, drawing.as_ref(), &mut missing)?;
                if n < cap {
                    kept.push(slides);
                }
            }
            if let Some(d) = &drawing {
                warn_missing(r, i, &missing, &d.font);
            }
            Ok(kept)
        })
        .collect::<Result<_>>()?;
    if let Some(d) = &drawing {
        // Every lecture's pictures were asked for: the rest is stale.
        d.cache.prune();
    }
    for (k, p) in profiles.iter().enumerate() {
        let slides: String = kept
            .iter()
            .filter_map(|v| v.get(k))
            .map(String::as_str)
            .collect();
        write_channel(r, p, &labels, &slides)?;
    }
    Ok(())
}

/// One lecture's show on every profile, if it is shown on screens.
pub(crate) fn show(r: &Renderer, i: usize) -> Result<()> {
    let site = r.site;
    if !on_screens(site, i) {
        return Ok(());
    }
    let labels = labels(r);
    let drawing = drawing(r);
    let lecture = Lecture::new(site, &r.t, i);
    let text = lecture.text();
    let mut missing = BTreeSet::new();
    for p in &site.config.led.profiles {
        let deck = lecture.deck(&text, p);
        write_lecture(r, &deck, &labels, drawing.as_ref(), &mut missing)?;
    }
    if let Some(d) = &drawing {
        warn_missing(r, i, &missing, &d.font);
    }
    Ok(())
}

/// The channel of every profile.
pub(crate) fn channels(r: &Renderer) -> Result<()> {
    let site = r.site;
    let all = lectures(site);
    let labels = labels(r);
    let lectures: Vec<Lecture> = all
        .par_iter()
        .take(channel_size(site))
        .map(|&i| Lecture::new(site, &r.t, i))
        .collect();
    let texts: Vec<layout::Text> = lectures.iter().map(Lecture::text).collect();
    for p in &site.config.led.profiles {
        let slides: String = lectures
            .iter()
            .zip(&texts)
            .map(|(l, text)| html::slides(&l.deck(text, p)))
            .collect();
        write_channel(r, p, &labels, &slides)?;
    }
    Ok(())
}

pub(crate) fn channel_size(site: &Site) -> usize {
    site.config.led.channel_size()
}

fn write_show(r: &Renderer, deck: &Deck, labels: &html::Labels, slides: &str) -> Result<()> {
    let p = &deck.profile;
    let title = format!("{} · {}", deck.title, p.name);
    let route = show_route(&p.name, r.site, deck.lecture);
    let html = html::document(
        &title,
        p,
        &deck.metrics,
        &deck.palette,
        labels,
        slides,
        r.site.internal,
    );
    r.write(&route, html.as_bytes())
}

/// The channel: the newest `led.channel_size` lectures in a loop.
fn write_channel(r: &Renderer, p: &LedProfile, labels: &html::Labels, slides: &str) -> Result<()> {
    let title = format!("{} · {}", r.site.config.title, p.name);
    let html = html::document(
        &title,
        p,
        &Metrics::for_profile(p),
        &p.palette,
        labels,
        slides,
        r.site.internal,
    );
    r.write(&channel_route(&p.name), html.as_bytes())
}
