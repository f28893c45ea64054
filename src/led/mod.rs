//! LED slide shows (党建视屏): every public lecture as a self-contained,
//! paginated slide show per screen profile, and one channel per profile that
//! plays them all in a loop (SPEC §6).

pub mod layout;
mod qr;
mod show;
pub mod text;

use std::collections::HashMap;

use anyhow::Result;
use rayon::prelude::*;

use crate::config::LedProfile;
use crate::model::Site;
use crate::render::Renderer;
use crate::urls::{self, Route};
use layout::{EM, Line, Metrics};

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
        .filter(|&i| site.records[i].led && !site.records[i].internal)
        .collect()
}

fn labels(r: &Renderer) -> show::Labels {
    show::Labels {
        lang: r.site.config.language.code(),
        internal: r.t("internal_banner_title"),
    }
}

/// The QR code of a lecture's short link. Choosing a code's mask is the
/// costly part of encoding it: a build makes one per lecture and shares it
/// by every profile and the channel.
fn code(site: &Site, i: usize) -> Option<(usize, qr::Qr)> {
    let rec = &site.records[i];
    let short = urls::short(&urls::short_code(
        &site.branches[rec.branch].id,
        rec.ym,
        &rec.id,
    ));
    qr::Qr::encode(&short.absolute(&site.config)).map(|q| (i, q))
}

fn codes(site: &Site, lectures: &[usize]) -> HashMap<usize, qr::Qr> {
    lectures.par_iter().filter_map(|&i| code(site, i)).collect()
}

/// Every lecture's show on every profile, and the channels.
pub fn write(r: &Renderer) -> Result<()> {
    let site = r.site;
    let all = lectures(site);
    let labels = labels(r);
    let codes = codes(site, &all);
    for p in &site.config.led.profiles {
        let m = Metrics::for_profile(p);
        all.par_iter()
            .map(|&i| write_show(r, i, p, &m, &labels, codes.get(&i)))
            .collect::<Result<()>>()?;
        write_channel(r, p, &m, &labels, &all, &codes)?;
    }
    Ok(())
}

/// One lecture's show on every profile, if it is shown on screens.
pub fn show(r: &Renderer, i: usize) -> Result<()> {
    let site = r.site;
    let rec = &site.records[i];
    if rec.kind != crate::kind::Kind::Lecture || !rec.led || rec.internal || !site.visible(i) {
        return Ok(());
    }
    let labels = labels(r);
    let code = code(site, i).map(|(_, q)| q);
    for p in &site.config.led.profiles {
        let m = Metrics::for_profile(p);
        write_show(r, i, p, &m, &labels, code.as_ref())?;
    }
    Ok(())
}

/// The channel of every profile.
pub fn channels(r: &Renderer) -> Result<()> {
    let site = r.site;
    let all = lectures(site);
    let labels = labels(r);
    let codes = codes(site, &all[..all.len().min(channel_size(site))]);
    for p in &site.config.led.profiles {
        let m = Metrics::for_profile(p);
        write_channel(r, p, &m, &labels, &all, &codes)?;
    }
    Ok(())
}

pub fn channel_size(site: &Site) -> usize {
    site.config.led.channel_size.unwrap_or(DEFAULT_CHANNEL_SIZE)
}

fn write_show(
    r: &Renderer,
    i: usize,
    p: &LedProfile,
    m: &Metrics,
    labels: &show::Labels,
    code: Option<&qr::Qr>,
) -> Result<()> {
    let site = r.site;
    let slides = slides(r, i, p, m, code);
    let title = format!("{} · {}", site.records[i].title, p.name);
    let html = show::document(&title, p, m, labels, &slides, site.internal);
    r.write(&show_route(&p.name, site, i), html.as_bytes())
}

/// The lectures of the channel: the newest `led.channel_size` in a loop.
fn write_channel(
    r: &Renderer,
    p: &LedProfile,
    m: &Metrics,
    labels: &show::Labels,
    all: &[usize],
    codes: &HashMap<usize, qr::Qr>,
) -> Result<()> {
    let site = r.site;
    let channel: String = all
        .iter()
        .take(channel_size(site))
        .map(|&i| slides(r, i, p, m, codes.get(&i)))
        .collect();
    let title = format!("{} · {}", site.config.title, p.name);
    let html = show::document(&title, p, m, labels, &channel, site.internal);
    r.write(&channel_route(&p.name), html.as_bytes())
}

fn plain(text: String) -> Line {
    Line {
        text,
        heading: false,
        indent: false,
    }
}

/// Every slide of one lecture: cover, text, QR code.
fn slides(r: &Renderer, i: usize, p: &LedProfile, m: &Metrics, code: Option<&qr::Qr>) -> String {
    let site = r.site;
    let rec = &site.records[i];
    let (mut html, truncated) = cover(r, i, m);
    let text = text::blocks(&rec.html);
    // When the cover shows a shortened title, the whole one comes first.
    let full_title = truncated.then(|| layout::Block::Heading(rec.title.clone()));
    for s in layout::paginate(full_title.iter().chain(&text), m) {
        html.push_str(&show::slide_html(&s, ""));
    }
    if let Some(qr) = code {
        let inner_w = p.width.saturating_sub(2 * m.padding);
        let inner_h = p.height.saturating_sub(2 * m.padding);
        let side = inner_h.min(inner_w);
        let svg = qr.svg(side, &r.t("led_scan"));
        let qr_px = side / qr.total() as u32 * qr.total() as u32;
        let room = inner_w.saturating_sub(qr_px + m.padding);
        let width = room * EM / p.font_px.max(1);
        let caption: Vec<Line> = if width >= 2 * EM {
            layout::wrap(&r.t("led_scan"), width)
                .into_iter()
                .take(m.lines)
                .map(plain)
                .collect()
        } else {
            Vec::new()
        };
        html.push_str(&show::qr_html(&svg, &caption));
    }
    html
}

/// The first slide: title, speaker, branch and date, in as many lines as the
/// screen has; meta lines are joined when the screen is short.
/// Returns the slide and whether the title had to be shortened.
fn cover(r: &Renderer, i: usize, m: &Metrics) -> (String, bool) {
    let site = r.site;
    let rec = &site.records[i];
    let speaker = rec
        .speaker_display(site)
        .map(|s| format!("{} {s}", r.t("led_speaker")))
        .unwrap_or_default();
    let branch = site.branches[rec.branch].name.clone();
    let date = match site.config.language {
        crate::config::Lang::ZhCn => rec.date.zh(),
        crate::config::Lang::En => rec.date.to_string(),
    };
    let parts: Vec<&str> = [speaker.as_str(), branch.as_str(), date.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    // One line each if the screen has room, else packed with separators.
    let separate: Vec<String> = parts
        .iter()
        .flat_map(|s| layout::wrap(s, m.width))
        .collect();
    let meta = if separate.len() < m.lines {
        separate
    } else {
        let mut packed = pack(&parts, m.width);
        packed.truncate(m.lines.saturating_sub(1).max(1));
        packed
    };
    let room = m.lines.saturating_sub(meta.len());
    let mut title = layout::wrap(&rec.title, m.width);
    let truncated = title.len() > room;
    if truncated {
        title.truncate(room);
        if let Some(last) = title.last_mut() {
            while layout::measure(last) + layout::char_units('…') > m.width && last.pop().is_some()
            {
            }
            last.push('…');
        }
    }
    let title: Vec<Line> = title
        .into_iter()
        .map(|t| Line {
            text: t,
            heading: true,
            indent: false,
        })
        .collect();
    let meta: Vec<Line> = meta.into_iter().map(plain).collect();
    (show::cover_html(&title, &meta), truncated)
}

/// Lines holding `parts` joined by ` · `, a part broken only when it is
/// wider than a line.
fn pack(parts: &[&str], width: u32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for part in parts {
        let joined = format!("{cur} · {part}");
        if !cur.is_empty() && layout::measure(&joined) <= width {
            cur = joined;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        let mut wrapped = layout::wrap(part, width);
        cur = wrapped.pop().unwrap_or_default();
        lines.extend(wrapped);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}
