//! A lecture's slide show as data: its slides cut for one screen profile,
//! each line with its role, and the QR code as a matrix of modules. The
//! writers of a show (the HTML show in `html`) draw a deck and cut nothing
//! themselves, so that every writer shows the same slides.

use std::sync::Arc;

use super::layout::{self, Block, Text};
use crate::model::Site;
use crate::qr::Qr;
use crate::render::strings::Strings;
use crate::screen::{self, EM, LedProfile, Metrics, Palette, Rgb, Running};

/// One lecture's show on one profile. Play order is the cover, the text,
/// then the QR code (`Deck::slides`); each slide stays `profile.seconds`.
#[derive(Debug, Clone)]
pub(crate) struct Deck {
    /// The lecture's record.
    pub lecture: usize,
    /// The lecture's whole title (the cover may show it shortened).
    pub title: String,
    /// The screen: its size in pixels, font size and seconds per slide.
    pub profile: LedProfile,
    /// Lines per slide, units per line and padding, for `profile`.
    pub metrics: Metrics,
    pub palette: Palette,
    /// The first slide: title lines, then speaker, branch and date.
    pub cover: Slide,
    /// The lecture's text: headings and paragraphs.
    pub text: Vec<Slide>,
    /// At the foot of every text slide, where the screen has room.
    pub running: Option<RunningLine>,
    /// The last slide; `None` when the lecture's short URL makes no code.
    pub qr: Option<QrSlide>,
    /// The QR slide also comes after every this many text slides (not
    /// just before the last one); 0: only at the end.
    pub qr_every: usize,
}

/// The lines of one slide, top to bottom: at most `metrics.lines`, each
/// at most `metrics.width` units wide (its indent counted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Slide {
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub text: String,
    pub role: Role,
    /// The first line of a paragraph, indented by two characters.
    pub indent: bool,
}

/// The lecture's title and branch, small, under the lines of a text slide:
/// a passer-by who sees one slide knows what it is part of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RunningLine {
    /// "title · branch", the title shortened where both do not fit.
    pub text: String,
    pub size: Running,
}

/// What a line is, which decides how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The lecture's title, on the cover.
    Title,
    /// Speaker, branch or date, on the cover.
    Meta,
    /// A heading of the lecture's text.
    Heading,
    /// A line of a paragraph.
    Body,
    /// The words beside the QR code.
    Caption,
}

impl Role {
    pub(crate) fn bold(self) -> bool {
        matches!(self, Role::Title | Role::Heading)
    }

    pub(crate) fn colour(self, p: &Palette) -> Rgb {
        match self {
            Role::Title | Role::Heading => p.heading,
            Role::Meta => p.meta,
            Role::Body | Role::Caption => p.text,
        }
    }
}

/// The last slide: the QR code of the lecture's short `/m/<n>/` URL, black
/// on white with its quiet zone, and beside it a caption where there is
/// room.
#[derive(Debug, Clone)]
pub(crate) struct QrSlide {
    /// The modules, shared by the decks of every profile.
    pub code: Arc<Qr>,
    /// Whole pixels per module, so that each module is sharp: the code is
    /// `side_px()` square, as large as fits inside the padding (one pixel
    /// a module, overflowing, on a screen smaller than the code).
    pub module_px: u32,
    /// What the code is, for who cannot see it.
    pub label: String,
    /// Beside the code; no lines on a screen too narrow for them.
    pub caption: Slide,
}

impl QrSlide {
    /// The side of the code in pixels, quiet zone included.
    pub(crate) fn side_px(&self) -> u32 {
        self.module_px * self.code.total() as u32
    }
}

/// One slide of a deck, with its kind.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SlideRef<'d> {
    Cover(&'d Slide),
    Text(&'d Slide),
    Qr(&'d QrSlide),
}

impl Deck {
    /// Every slide in play order: the cover, the text with the QR slide
    /// after every `qr_every` text slides, the QR slide last.
    pub(crate) fn slides(&self) -> impl Iterator<Item = SlideRef<'_>> {
        let n = self.text.len();
        let every = self.qr_every;
        let again = move |k: usize| every > 0 && (k + 1).is_multiple_of(every) && k + 1 < n;
        std::iter::once(SlideRef::Cover(&self.cover))
            .chain(self.text.iter().enumerate().flat_map(move |(k, s)| {
                let qr = self.qr.as_ref().filter(|_| again(k)).map(SlideRef::Qr);
                std::iter::once(SlideRef::Text(s)).chain(qr)
            }))
            .chain(self.qr.iter().map(SlideRef::Qr))
    }

    pub(crate) fn slide_count(&self) -> usize {
        let again = match (&self.qr, self.qr_every) {
            (Some(_), every) if every > 0 => self.text.len().saturating_sub(1) / every,
            _ => 0,
        };
        1 + self.text.len() + usize::from(self.qr.is_some()) + again
    }

    /// Seconds each slide stays on the screen.
    pub(crate) fn seconds(&self) -> u32 {
        self.profile.seconds
    }
}

/// The deck of lecture `i` for profile `p`, with the theme's words `t`.
#[cfg(test)]
pub(crate) fn deck(site: &Site, t: &Strings, i: usize, p: &LedProfile) -> Deck {
    let lecture = Lecture::new(site, t, i);
    lecture.deck(&lecture.text(), p)
}

/// What the decks of one lecture share, whatever the profile: its text and
/// its QR code. Choosing a code's mask is the costly part of encoding it:
/// a build makes one per lecture, for every profile and the channel.
pub(crate) struct Lecture<'a> {
    site: &'a Site,
    t: &'a Strings,
    i: usize,
    blocks: Vec<Block>,
    code: Option<Arc<Qr>>,
}

impl<'a> Lecture<'a> {
    pub(crate) fn new(site: &'a Site, t: &'a Strings, i: usize) -> Lecture<'a> {
        let url = site.short_route(i).absolute(&site.config);
        Lecture {
            site,
            t,
            i,
            blocks: super::text::blocks(&site.records[i].html),
            code: Qr::encode(&url).map(Arc::new),
        }
    }

    /// The text cut into tokens, once for the decks of every profile.
    pub(crate) fn text(&self) -> Text<'_> {
        Text::new(&self.blocks)
    }

    /// The deck for profile `p`; `text` is `self.text()`.
    pub(crate) fn deck(&self, text: &Text, p: &LedProfile) -> Deck {
        let m = Metrics::for_profile(p);
        let rec = &self.site.records[self.i];
        let title = &rec.title;
        let (cover, shortened) = self.cover(&m);
        let running = m.running(p).map(|size| RunningLine {
            text: running_text(title, &self.site.branches[rec.branch].name, size.width),
            size,
        });
        // The text slides give up a line to the running line if they must.
        let lines = running.as_ref().map_or(m.lines, |r| r.size.lines);
        // When the cover shows a shortened title, the whole one comes first.
        let head = shortened.then_some(title.as_str());
        let text = layout::paginate_text(head, text, &Metrics { lines, ..m })
            .into_iter()
            .map(|s| Slide {
                lines: s.lines.into_iter().map(Line::from).collect(),
            })
            .collect();
        Deck {
            lecture: self.i,
            title: title.clone(),
            profile: p.clone(),
            metrics: m,
            palette: p.palette,
            cover,
            text,
            running,
            qr: self.qr(p, &m),
            qr_every: self.site.config.led.qr_every(),
        }
    }

    /// The first slide: title, speaker, branch and date, in as many lines
    /// as the screen has; meta lines are joined when the screen is short.
    /// Returns the slide and whether the title had to be shortened.
    fn cover(&self, m: &Metrics) -> (Slide, bool) {
        let (site, t) = (self.site, self.t);
        let rec = &site.records[self.i];
        let speaker = rec
            .speaker_display(site)
            .map(|s| format!("{} {s}", t.get("led_speaker")))
            .unwrap_or_default();
        let branch = site.branches[rec.branch].name.clone();
        let date = t.date("format_date", rec.date);
        let parts: Vec<&str> = [speaker.as_str(), branch.as_str(), date.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        // One line each if the screen has room, else packed with separators.
        let separate: Vec<String> = parts
            .iter()
            .flat_map(|s| layout::wrap_balanced(s, m.width))
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
        if title.len() <= room {
            // It fits: even lines. (A shortened title keeps the most text.)
            title = layout::wrap_balanced(&rec.title, m.width);
        }
        let truncated = title.len() > room;
        if truncated {
            title.truncate(room);
            if let Some(last) = title.last_mut() {
                *last = shortened(&format!("{last}…"), m.width);
            }
        }
        let lines = title
            .into_iter()
            .map(|text| Line::new(text, Role::Title))
            .chain(meta.into_iter().map(|text| Line::new(text, Role::Meta)))
            .collect();
        (Slide { lines }, truncated)
    }

    /// The last slide: the code as large as the padded screen's shorter
    /// side allows, and the caption in the room left beside it.
    fn qr(&self, p: &LedProfile, m: &Metrics) -> Option<QrSlide> {
        let code = Arc::clone(self.code.as_ref()?);
        let total = code.total() as u32;
        let inner_w = p.width.saturating_sub(2 * m.padding);
        let inner_h = p.height.saturating_sub(2 * m.padding);
        let side = inner_h.min(inner_w);
        // The room beside the code, whole modules wide; a screen smaller
        // than the code (drawn a pixel a module, overflowing) counts none.
        let room = inner_w.saturating_sub(side / total * total + m.padding);
        let width = room * EM / p.font_px.max(1);
        let label = self.t.get("led_scan");
        let lines = if width >= 2 * EM {
            layout::wrap(label, width)
                .into_iter()
                .take(m.lines)
                .map(|text| Line::new(text, Role::Caption))
                .collect()
        } else {
            Vec::new()
        };
        Some(QrSlide {
            code,
            module_px: (side / total).max(1),
            label: label.to_string(),
            caption: Slide { lines },
        })
    }
}

impl Line {
    fn new(text: String, role: Role) -> Line {
        Line {
            text,
            role,
            indent: false,
        }
    }
}

impl From<layout::Line<'_>> for Line {
    fn from(l: layout::Line<'_>) -> Line {
        Line {
            text: l.text.into_owned(),
            role: if l.heading { Role::Heading } else { Role::Body },
            indent: l.indent,
        }
    }
}

/// `text` on one line of `width`: as it is if it fits, else cut and ended
/// with `…`.
fn shortened(text: &str, width: u32) -> String {
    if screen::measure(text) <= width {
        return text.to_string();
    }
    let mut s = text.trim_end_matches('…').to_string();
    while screen::measure(&s) + screen::char_units('…') > width && s.pop().is_some() {}
    s.push('…');
    s
}

/// `title · branch` in `width` units: the title shortened to leave the
/// branch whole, or the branch alone, shortened, on a very narrow screen.
fn running_text(title: &str, branch: &str, width: u32) -> String {
    let tail = format!(" · {branch}");
    let room = width.saturating_sub(screen::measure(&tail));
    if room < 4 * EM {
        return shortened(branch, width);
    }
    format!("{}{tail}", shortened(title, room))
}

/// Lines holding `parts` joined by ` · `, a part broken only when it is
/// wider than a line.
fn pack(parts: &[&str], width: u32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for part in parts {
        let joined = format!("{cur} · {part}");
        if !cur.is_empty() && screen::measure(&joined) <= width {
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diag::Diagnostics;
    use crate::led::{html, lectures};
    use crate::render::theme::Theme;

    /// The demo site, loaded once for the property test's cases.
    fn shared_demo() -> &'static (Site, Strings) {
        static DEMO: std::sync::OnceLock<(Site, Strings)> = std::sync::OnceLock::new();
        DEMO.get_or_init(demo)
    }

    /// The demo site, public, and its theme's words.
    fn demo() -> (Site, Strings) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let diags = Diagnostics::new();
        let site = Site::load(root, false, &diags).expect("the demo site loads");
        let theme = Theme::load(root, &site.config.theme, &diags);
        let t = Strings::load(root, &theme, site.config.language, &diags).expect("its words");
        (site, t)
    }

    fn profile(name: &str, width: u32, height: u32, font_px: u32) -> LedProfile {
        LedProfile {
            name: name.into(),
            width,
            height,
            font_px,
            seconds: 7,
            pictures: false,
            palette: Palette::default(),
        }
    }

    /// The default profiles, a square one, and the smallest a profile may
    /// be (`config`: four lines of eight characters), where the cover packs
    /// and shortens its lines.
    fn profiles() -> Vec<LedProfile> {
        let mut all = crate::config::default_profiles();
        all.push(profile("square", 512, 512, 40));
        all.push(profile("tiny", 8 * 16 + 8, 4 * 20 + 8, 16));
        all
    }

    fn line_width(l: &Line) -> u32 {
        screen::measure(&l.text) + if l.indent { 2 * EM } else { 0 }
    }

    #[test]
    fn the_qr_code_comes_back_every_qr_every_text_slides() {
        let (site, t) = shared_demo();
        let p = profile("tiny", 8 * 16 + 8, 4 * 20 + 8, 16);
        let i = lectures(site)[0];
        let mut deck = deck(site, t, i, &p);
        assert!(deck.text.len() > 7, "a long show on a tiny screen");
        let qr_at = |deck: &Deck| -> Vec<usize> {
            deck.slides()
                .enumerate()
                .filter(|(_, s)| matches!(s, SlideRef::Qr(_)))
                .map(|(k, _)| k)
                .collect()
        };
        deck.qr_every = 3;
        let n = deck.text.len();
        let at = qr_at(&deck);
        // The cover is slide 0: text slides 1..=3, the code at 4, and so on.
        assert_eq!(&at[..2], [4, 8]);
        assert_eq!(at.len(), (n - 1) / 3 + 1);
        assert_eq!(*at.last().unwrap(), deck.slide_count() - 1);
        check(&deck);
        deck.qr_every = 0;
        assert_eq!(qr_at(&deck), [n + 1], "only at the end");
        check(&deck);
    }

    /// The invariants of a deck that every writer relies on.
    fn check(deck: &Deck) {
        let m = &deck.metrics;
        let name = format!("{} on {}", deck.title, deck.profile.name);
        let slides: Vec<SlideRef> = deck.slides().collect();
        assert_eq!(slides.len(), deck.slide_count(), "{name}");
        assert!(
            matches!(slides[0], SlideRef::Cover(_)),
            "{name}: title first"
        );
        assert!(
            matches!(slides[slides.len() - 1], SlideRef::Qr(_)),
            "{name}: QR code last"
        );
        // Text between, and the QR code again after every `qr_every`
        // text slides (never twice in a row).
        let mut since = 0;
        let between = &slides[1..slides.len() - 1];
        for pair in slides[1..].windows(2) {
            match pair {
                [SlideRef::Text(_), SlideRef::Qr(_)] => {
                    since += 1;
                    if since < deck.text.len() {
                        assert_eq!(since % deck.qr_every.max(1), 0, "{name}: QR after {since}");
                    }
                }
                [SlideRef::Text(_), SlideRef::Text(_)] => since += 1,
                [SlideRef::Qr(_), SlideRef::Text(_)] => {}
                _ => panic!("{name}: a slide out of order"),
            }
        }
        let again = between
            .iter()
            .filter(|s| matches!(s, SlideRef::Qr(_)))
            .count();
        assert_eq!(
            again,
            deck.text.len().saturating_sub(1) / deck.qr_every.max(1)
                * usize::from(deck.qr_every > 0),
            "{name}"
        );
        let cover = deck.cover.lines.iter().map(|l| l.role);
        assert!(
            cover.clone().next() == Some(Role::Title),
            "{name}: the cover starts with the title"
        );
        assert!(
            cover
                .skip_while(|&r| r == Role::Title)
                .all(|r| r == Role::Meta),
            "{name}: meta lines after the title"
        );
        let text = deck.text.iter().flat_map(|s| &s.lines);
        assert!(
            text.clone()
                .all(|l| matches!(l.role, Role::Heading | Role::Body)),
            "{name}"
        );
        let qr = deck.qr.as_ref().expect("a QR slide");
        let slides = std::iter::once(&deck.cover)
            .chain(&deck.text)
            .chain(std::iter::once(&qr.caption));
        for slide in slides {
            assert!(slide.lines.len() <= m.lines, "{name}: {slide:?}");
            for l in &slide.lines {
                assert!(!l.text.trim().is_empty(), "{name}: an empty line");
                assert!(
                    line_width(l) <= m.width,
                    "{name}: {l:?} is {} units, wider than {}",
                    line_width(l),
                    m.width
                );
            }
        }
        assert!(!deck.cover.lines.is_empty() && deck.text.iter().all(|s| !s.lines.is_empty()));
        // The running line: the text slides keep its room, it fits.
        if let Some(run) = &deck.running {
            assert!(deck.text.iter().all(|s| s.lines.len() <= run.size.lines));
            let width = screen::measure(&run.text);
            assert!(width <= run.size.width, "{name}: {run:?} is {width} units");
            assert!(!run.text.trim().is_empty(), "{name}");
        }
        let p = &deck.profile;
        let inner = p.width.min(p.height).saturating_sub(2 * m.padding);
        // A screen smaller than the code (about 33 modules) gets it a pixel
        // a module, overflowing.
        let total = qr.code.total() as u32;
        let fits = if inner >= total { inner } else { total };
        assert!(qr.side_px() <= fits, "{name}: the code fits the slide");
        assert_eq!(qr.side_px() % qr.code.total() as u32, 0, "whole pixels");
    }

    #[test]
    fn the_running_line_names_the_branch_and_as_much_title_as_fits() {
        let width = 14 * EM;
        assert_eq!(
            running_text("短标题", "兴旺社区党支部", width),
            "短标题 · 兴旺社区党支部"
        );
        let long = running_text("学习贯彻党的二十届四中全会精神", "兴旺社区党支部", 14 * EM);
        assert!(
            long.ends_with("… · 兴旺社区党支部") && long.starts_with("学习"),
            "{long}"
        );
        assert!(screen::measure(&long) <= 14 * EM, "{long}");
        // No room for a title: the branch alone.
        let narrow = running_text("学习", "新阳街道兴旺社区党支部", 9 * EM);
        assert_eq!(narrow, "新阳街道兴旺社区…");
    }

    #[test]
    fn every_demo_deck_has_title_first_qr_last_and_lines_that_fit() {
        let (site, t) = demo();
        let lectures = lectures(&site);
        assert!(lectures.len() >= 5, "the demo site has lectures on screens");
        for &i in &lectures {
            let lecture = Lecture::new(&site, &t, i);
            let text = lecture.text();
            for p in profiles() {
                let deck = lecture.deck(&text, &p);
                check(&deck);
                // Every profile but the 16 px one has a running line.
                assert_eq!(deck.running.is_some(), p.font_px > 16, "{}", p.name);
                assert_eq!(deck.seconds(), p.seconds);
                assert_eq!(deck.metrics, Metrics::for_profile(&p));
            }
        }
    }

    /// The HTML show is one writer of the deck: one `.slide` per slide.
    #[test]
    fn the_html_show_has_a_slide_element_per_slide_of_the_deck() {
        let (site, t) = demo();
        for &i in lectures(&site).iter().take(10) {
            for p in profiles() {
                let deck = deck(&site, &t, i, &p);
                let html = html::slides(&deck);
                let sections = html.matches("<section class=\"slide").count();
                assert_eq!(sections, deck.slide_count(), "{}", deck.title);
                let codes = deck
                    .slides()
                    .filter(|s| matches!(s, SlideRef::Qr(_)))
                    .count();
                assert_eq!(html.matches("<svg class=\"qr\"").count(), codes);
            }
        }
    }

    /// A title longer than the cover has room for is shortened there with
    /// `…`, and then opens the text in full.
    #[test]
    fn a_long_title_is_shortened_on_the_cover_and_whole_after_it() {
        let (mut site, t) = demo();
        let i = lectures(&site)[0];
        let title = "学习贯彻习近平新时代中国特色社会主义思想主题教育专题党课：\
            以党的创新理论武装头脑、指导实践、推动工作";
        site.records[i].title = title.into();
        let p = profile("tiny", 8 * 16 + 8, 4 * 20 + 8, 16);
        let deck = deck(&site, &t, i, &p);
        check(&deck);
        let titles: Vec<&Line> = (deck.cover.lines.iter())
            .filter(|l| l.role == Role::Title)
            .collect();
        assert!(
            titles.last().is_some_and(|l| l.text.ends_with('…')),
            "{titles:?}"
        );
        let lines = deck.text.iter().flat_map(|s| &s.lines);
        let opening: String = lines
            .take_while(|l| l.role == Role::Heading)
            .map(|l| l.text.as_str())
            .collect();
        assert!(opening.starts_with(title), "{opening}");
    }

    #[test]
    fn the_qr_code_is_the_lectures_short_url() {
        let (site, t) = demo();
        let i = lectures(&site)[0];
        let deck = deck(&site, &t, i, &crate::config::default_profiles()[0]);
        let qr = deck.qr.expect("a QR slide");
        let url = site.short_route(i).absolute(&site.config);
        let again = Qr::encode(&url).expect("the URL encodes");
        let modules = |q: &Qr| {
            let n = q.size();
            (0..n * n)
                .map(|k| q.is_dark(k % n, k / n))
                .collect::<Vec<_>>()
        };
        assert_eq!(modules(&qr.code), modules(&again));
        assert_eq!(qr.label, t.get("led_scan"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Any screen `config` accepts (four lines of eight characters at
        /// least) gets decks that keep the invariants.
        #[test]
        fn decks_on_any_accepted_screen_keep_their_invariants(
            width in 40u32..2400,
            height in 20u32..1400,
            font_px in 6u32..120,
            pick in 0usize..1000,
        ) {
            let p = profile("p", width, height, font_px);
            let m = Metrics::for_profile(&p);
            proptest::prop_assume!(m.lines >= 4 && m.width >= 8 * EM);
            let (site, t) = shared_demo();
            let all = lectures(site);
            let i = all[pick % all.len()];
            check(&deck(site, t, i, &p));
        }
    }
}
