//! LED slide shows (党建视屏): every public lecture as a self-contained,
//! paginated slide show per screen profile, and one channel per profile that
//! plays them all in a loop (SPEC §6).

pub mod layout;
mod qr;
mod show;
pub mod text;

use anyhow::Result;
use rayon::prelude::*;

use crate::model::Site;
use crate::render::Renderer;
use crate::screen::LedProfile;
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
        .filter(|&i| on_screens(site, i))
        .collect()
}

/// Whether record `i` is a lecture shown on screens (see `lectures`).
pub fn on_screens(site: &Site, i: usize) -> bool {
    let r = &site.records[i];
    r.kind == crate::kind::Kind::Lecture && r.led && !r.internal && site.visible(i)
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
fn code(site: &Site, i: usize) -> Option<qr::Drawing> {
    qr::Qr::encode(&site.short_route(i).absolute(&site.config)).map(|q| q.drawing())
}

/// Every lecture's show on every profile, and the channels. Each lecture is
/// taken once: its text cut into tokens and its QR code serve every profile,
/// and the slides of the channel's lectures are kept for the channel.
pub fn write(r: &Renderer) -> Result<()> {
    let site = r.site;
    let all = lectures(site);
    let labels = labels(r);
    let profiles = profiles(site);
    let cap = channel_size(site);
    let kept: Vec<Vec<String>> = all
        .par_iter()
        .enumerate()
        .map(|(n, &i)| {
            let mut kept = Vec::new();
            let lecture = Lecture::new(site, i);
            let text = layout::Text::new(&lecture.blocks);
            for (p, m) in &profiles {
                let slides = slides(r, &lecture, &text, p, m);
                write_show(r, i, p, m, &labels, &slides)?;
                if n < cap {
                    kept.push(slides);
                }
            }
            Ok(kept)
        })
        .collect::<Result<_>>()?;
    for (k, (p, m)) in profiles.iter().enumerate() {
        let slides: String = kept
            .iter()
            .filter_map(|v| v.get(k))
            .map(String::as_str)
            .collect();
        write_channel(r, p, m, &labels, &slides)?;
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
    let lecture = Lecture::new(site, i);
    let text = layout::Text::new(&lecture.blocks);
    for (p, m) in profiles(site) {
        let slides = slides(r, &lecture, &text, p, &m);
        write_show(r, i, p, &m, &labels, &slides)?;
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
        .map(|&i| Lecture::new(site, i))
        .collect();
    let texts: Vec<layout::Text> = lectures
        .iter()
        .map(|l| layout::Text::new(&l.blocks))
        .collect();
    for (p, m) in profiles(site) {
        let slides: String = lectures
            .iter()
            .zip(&texts)
            .map(|(l, text)| slides(r, l, text, p, &m))
            .collect();
        write_channel(r, p, &m, &labels, &slides)?;
    }
    Ok(())
}

pub fn channel_size(site: &Site) -> usize {
    site.config.led.channel_size.unwrap_or(DEFAULT_CHANNEL_SIZE)
}

fn profiles(site: &Site) -> Vec<(&LedProfile, Metrics)> {
    site.config
        .led
        .profiles
        .iter()
        .map(|p| (p, Metrics::for_profile(p)))
        .collect()
}

/// What every profile's slides of a lecture share.
struct Lecture {
    i: usize,
    blocks: Vec<layout::Block>,
    code: Option<qr::Drawing>,
}

impl Lecture {
    fn new(site: &Site, i: usize) -> Lecture {
        Lecture {
            i,
            blocks: text::blocks(&site.records[i].html),
            code: code(site, i),
        }
    }
}

fn write_show(
    r: &Renderer,
    i: usize,
    p: &LedProfile,
    m: &Metrics,
    labels: &show::Labels,
    slides: &str,
) -> Result<()> {
    let site = r.site;
    let title = format!("{} · {}", site.records[i].title, p.name);
    let route = show_route(&p.name, site, i);
    write_document(r, &route, &title, (p, m), labels, slides)
}

/// The channel: the newest `led.channel_size` lectures in a loop.
fn write_channel(
    r: &Renderer,
    p: &LedProfile,
    m: &Metrics,
    labels: &show::Labels,
    slides: &str,
) -> Result<()> {
    let title = format!("{} · {}", r.site.config.title, p.name);
    write_document(r, &channel_route(&p.name), &title, (p, m), labels, slides)
}

fn write_document(
    r: &Renderer,
    route: &Route,
    title: &str,
    (p, m): (&LedProfile, &Metrics),
    labels: &show::Labels,
    slides: &str,
) -> Result<()> {
    let html = show::document(title, p, m, labels, slides, r.site.internal);
    r.write(route, html.as_bytes())
}

fn plain(text: String) -> Line<'static> {
    Line {
        text: text.into(),
        heading: false,
        indent: false,
    }
}

/// Every slide of one lecture: cover, text, QR code.
fn slides(
    r: &Renderer,
    lecture: &Lecture,
    text: &layout::Text,
    p: &LedProfile,
    m: &Metrics,
) -> String {
    let site = r.site;
    let i = lecture.i;
    let rec = &site.records[i];
    let (mut html, truncated) = cover(r, i, m);
    // When the cover shows a shortened title, the whole one comes first.
    let head = truncated.then_some(rec.title.as_str());
    for s in layout::paginate_text(head, text, m) {
        show::push_slide(&mut html, &s, "");
    }
    if let Some(qr) = &lecture.code {
        let inner_w = p.width.saturating_sub(2 * m.padding);
        let inner_h = p.height.saturating_sub(2 * m.padding);
        let side = inner_h.min(inner_w);
        let svg = qr.svg(side, &r.t("led_scan"));
        let qr_px = side / qr.total() * qr.total();
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
    let date = r.t.date("format_date", rec.date);
    let parts: Vec<&str> = [speaker.as_str(), branch.as_str(), date.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    // One line each if the screen has room, else packed with separators.
    let separate: Vec<String> = parts
        .iter()
        .flat_map(|s| layout::wrap(s, m.width))
        .collect();
    // Each part must be named: when even packed they leave the title no
    // line, each gets one line, shortened. Profiles hold at least four
    // lines (`config`), so the title keeps one.
    let meta = if separate.len() < m.lines {
        separate
    } else {
        let packed = pack(&parts, m.width);
        if packed.len() < m.lines {
            packed
        } else {
            parts.iter().map(|p| shortened(p, m.width)).collect()
        }
    };
    let room = m.lines.saturating_sub(meta.len()).max(1);
    let mut title = layout::wrap(&rec.title, m.width);
    let truncated = title.len() > room;
    if truncated {
        title.truncate(room);
        if let Some(last) = title.last_mut() {
            *last = shortened(&format!("{last}…"), m.width);
        }
    }
    let title: Vec<Line> = title
        .into_iter()
        .map(|t| Line {
            text: t.into(),
            heading: true,
            indent: false,
        })
        .collect();
    let meta: Vec<Line> = meta.into_iter().map(plain).collect();
    (show::cover_html(&title, &meta), truncated)
}

/// `text` on one line of `width`: as it is if it fits, else cut and ended
/// with `…`.
fn shortened(text: &str, width: u32) -> String {
    if layout::measure(text) <= width {
        return text.to_string();
    }
    let mut s = text.trim_end_matches('…').to_string();
    while layout::measure(&s) + layout::char_units('…') > width && s.pop().is_some() {}
    s.push('…');
    s
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
