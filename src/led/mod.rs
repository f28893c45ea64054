//! LED slide shows (党建视屏): every public lecture as a self-contained,
//! paginated slide show per screen profile, and one channel per profile that
//! plays them all in a loop (SPEC §6).
//!
//! A lecture is cut once per profile into a `deck::Deck` (cover, text, QR
//! code, each line with its role); `html` writes decks as shows. A writer
//! draws a deck and never paginates, so every writer shows the same slides.

pub mod deck;
mod html;
pub mod layout;
pub mod qr;
pub mod text;

use anyhow::Result;
use rayon::prelude::*;

use crate::model::Site;
use crate::render::Renderer;
use crate::screen::{LedProfile, Metrics, Palette};
use crate::urls::{self, Route};
use deck::{Deck, Lecture};

/// Lectures shown on screens when `led.channel_size` is not set.
const DEFAULT_CHANNEL_SIZE: usize = 50;

pub fn show_route(profile: &str, site: &Site, i: usize) -> Route {
    let r = &site.records[i];
    Route::dir([
        "led".to_string(),
        profile.to_string(),
        urls::lecture_id(&site.branches[r.branch].id, r.ym, &r.id),
    ])
}

pub fn channel_route(profile: &str) -> Route {
    Route::dir(["led", profile])
}

/// Lectures on screens: public ones without `led: false`, newest first.
/// Internal lectures never appear, not even in an internal build.
pub fn lectures(site: &Site) -> Vec<usize> {
    site.lectures()
        .into_iter()
        .filter(|&i| on_screens(site, i))
        .collect()
}

/// Whether record `i` is a lecture shown on screens (see `lectures`).
pub fn on_screens(site: &Site, i: usize) -> bool {
    let r = &site.records[i];
    r.kind == crate::kind::Kind::Lecture && r.led && !r.internal
}

fn labels(r: &Renderer) -> html::Labels {
    html::Labels {
        lang: r.site.config.language.code(),
        internal: r.t("internal_banner_title"),
    }
}

/// Every lecture's show on every profile, and the channels. Each lecture is
/// taken once: its text cut into tokens and its QR code serve every profile,
/// and the slides of the channel's lectures are kept for the channel.
pub fn write(r: &Renderer) -> Result<()> {
    let site = r.site;
    let all = lectures(site);
    let labels = labels(r);
    let profiles = &site.config.led.profiles;
    let cap = channel_size(site);
    let kept: Vec<Vec<String>> = all
        .par_iter()
        .enumerate()
        .map(|(n, &i)| {
            let mut kept = Vec::new();
            let lecture = Lecture::new(site, &r.t, i);
            let text = lecture.text();
            for p in profiles {
                let deck = lecture.deck(&text, p);
                let slides = html::slides(&deck);
                write_show(r, &deck, &labels, &slides)?;
                if n < cap {
                    kept.push(slides);
                }
            }
            Ok(kept)
        })
        .collect::<Result<_>>()?;
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
pub fn show(r: &Renderer, i: usize) -> Result<()> {
    let site = r.site;
    if !on_screens(site, i) {
        return Ok(());
    }
    let labels = labels(r);
    let lecture = Lecture::new(site, &r.t, i);
    let text = lecture.text();
    for p in &site.config.led.profiles {
        let deck = lecture.deck(&text, p);
        write_show(r, &deck, &labels, &html::slides(&deck))?;
    }
    Ok(())
}

/// The channel of every profile.
pub fn channels(r: &Renderer) -> Result<()> {
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

pub fn channel_size(site: &Site) -> usize {
    site.config.led.channel_size.unwrap_or(DEFAULT_CHANNEL_SIZE)
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
        &Palette::default(),
        labels,
        slides,
        r.site.internal,
    );
    r.write(&channel_route(&p.name), html.as_bytes())
}
