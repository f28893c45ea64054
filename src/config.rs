//! `content/site.yaml`: read with every unknown key reported, then resolved
//! into a `Config` with defaults filled in.

use std::path::Path;

use crate::date::{Date, YearMonth};
use crate::diag::{Diagnostics, Pos};
use crate::frontmatter::{self, Fields};
use crate::msg::SiteMsg;
pub(crate) use crate::screen::LedProfile;
use crate::screen::{EM, Metrics, Palette, Rgb};

/// The UI language of the generated site, and of dangri's messages.
pub(crate) use crate::msg::Lang;

/// The unexcused-absence rule (无故缺席).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttendanceRule {
    pub consecutive: u32,
    pub cumulative: u32,
}

/// How often a liaison leader owes the branch a Party lecture (联系点): a
/// period in months, a divisor of 12 so that periods tile the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiaisonPeriods {
    /// District leaders (`level: district`): one lecture a year by default.
    pub district_months: u32,
    /// Other leading cadres (`level: cadre`): one every half year by default.
    pub cadre_months: u32,
}

/// When a month's records are due (`party_day.deadline`). Until that day
/// is over the month is in progress: its figures are counts so far, and a
/// branch without a record has not failed yet (`report::Progress`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Deadline {
    /// The day of the month, 1 to 31 (a shorter month's last day); `None`:
    /// the month's last day.
    pub day: Option<u8>,
    /// The day falls in the following month (`deadline_month: next`): a
    /// month's records may be filed until, say, the 5th of the next.
    pub next_month: bool,
}

impl Deadline {
    /// The last day on which records of `ym` are still on time.
    pub fn of(self, ym: YearMonth) -> Date {
        let month = if self.next_month { ym.next() } else { ym };
        match self.day {
            Some(d) => month.day_or_last(d),
            None => month.last_day(),
        }
    }
}

fn parse_party_day(f: &Fields) -> Deadline {
    f.deny_unknown(&["deadline", "deadline_month"]);
    let day = match f.get("deadline") {
        None => None,
        Some(_) if f.string("deadline").is_some_and(|s| s.trim() == "end") => None,
        Some(_) => match f
            .string("deadline")
            .and_then(|s| s.trim().parse::<u8>().ok())
        {
            Some(d) if (1..=31).contains(&d) => Some(d),
            _ => {
                f.error("deadline", SiteMsg::DeadlineDay);
                None
            }
        },
    };
    let next_month = match f.string("deadline_month").as_deref().map(str::trim) {
        None | Some("this") => false,
        Some("next") => true,
        Some(other) => {
            f.error(
                "deadline_month",
                SiteMsg::DeadlineMonth {
                    value: other.to_string(),
                },
            );
            false
        }
    };
    Deadline { day, next_month }
}

/// The yearly assessment (一年一考核): the weight of each part of a
/// branch's score, the points taken off per member at the absence rule,
/// and the grade bands (`docs/assessment.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRules {
    /// Months with a Party Day on record, of the months due.
    pub party_day: u32,
    /// Months with all five things, of the months due.
    pub five_things: u32,
    /// Liaison lecture periods met, of those over (branches with a liaison).
    pub liaison: u32,
    /// The attendance rate of the records that give it.
    pub attendance: u32,
    /// Points off per member who reached the absence rule in the year.
    pub absence_deduction: u32,
    /// The most points taken off for absences.
    pub absence_deduction_max: u32,
    /// Grade bands, highest first: a name (`None`: the theme's word for
    /// the band) and the lowest score it takes.
    pub grades: Vec<Grade>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grade {
    pub name: Option<String>,
    /// The default band this is, for its word in the theme's strings.
    pub key: &'static str,
    pub min: u32,
}

impl Default for AssessmentRules {
    fn default() -> AssessmentRules {
        AssessmentRules {
            party_day: 30,
            five_things: 40,
            liaison: 10,
            attendance: 20,
            absence_deduction: 2,
            absence_deduction_max: 10,
            grades: [("excellent", 90), ("good", 80), ("fair", 60), ("poor", 0)]
                .into_iter()
                .map(|(key, min)| Grade {
                    name: None,
                    key,
                    min,
                })
                .collect(),
        }
    }
}

fn parse_assessment(a: &Fields) -> AssessmentRules {
    a.deny_unknown(&[
        "weights",
        "absence_deduction",
        "absence_deduction_max",
        "grades",
    ]);
    let d = AssessmentRules::default();
    let weight = |w: &Fields, key: &str, default: u32| -> u32 {
        match w.uint(key) {
            Some(n) if n <= 1000 => n as u32,
            Some(_) => {
                w.error(key, SiteMsg::WeightRange { key: key.into() });
                default
            }
            None => default,
        }
    };
    let (party_day, five_things, liaison, attendance) = match a.map("weights") {
        Some(w) => {
            w.deny_unknown(&["party_day", "five_things", "liaison", "attendance"]);
            (
                weight(&w, "party_day", d.party_day),
                weight(&w, "five_things", d.five_things),
                weight(&w, "liaison", d.liaison),
                weight(&w, "attendance", d.attendance),
            )
        }
        None => (d.party_day, d.five_things, d.liaison, d.attendance),
    };
    if party_day + five_things + liaison + attendance == 0 {
        a.error("weights", SiteMsg::NoWeight);
    }
    let mut grades = Vec::new();
    for (i, entry) in a.list("grades").into_iter().enumerate() {
        let Some(g) = entry.fields else {
            a.diags.error(a.path, entry.pos, SiteMsg::GradeShape);
            continue;
        };
        g.deny_unknown(&["name", "min"]);
        let name = g.required_string("name", crate::msg::What::GradeName);
        let min = g.uint("min").unwrap_or(0);
        if min > 100 {
            g.error("min", SiteMsg::MinRange);
        }
        if let Some(name) = name {
            grades.push(Grade {
                name: Some(name),
                key: ["excellent", "good", "fair", "poor"]
                    .get(i)
                    .copied()
                    .unwrap_or("poor"),
                min: min.min(100) as u32,
            });
        }
    }
    if grades.is_empty() {
        grades = d.grades;
    } else {
        grades.sort_by_key(|g| std::cmp::Reverse(g.min));
        if grades.last().is_some_and(|g| g.min > 0) {
            a.error("grades", SiteMsg::LowestGrade);
        }
    }
    AssessmentRules {
        party_day,
        five_things,
        liaison,
        attendance,
        absence_deduction: weight(a, "absence_deduction", d.absence_deduction).min(100),
        absence_deduction_max: weight(a, "absence_deduction_max", d.absence_deduction_max).min(100),
        grades,
    }
}

impl Default for LiaisonPeriods {
    fn default() -> LiaisonPeriods {
        LiaisonPeriods {
            district_months: 12,
            cadre_months: 6,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedConfig {
    pub profiles: Vec<LedProfile>,
    pub channel_size: Option<usize>,
    /// `led.font`: the font file of the LED pictures; without it an
    /// installed CJK font is looked for.
    pub font: Option<FontSetting>,
    /// `led.qr_every`: the QR code comes back after this many slides of
    /// text, for people walking past a long show; 0: only at the end.
    pub qr_every: Option<usize>,
}

impl LedConfig {
    /// Lectures in a channel: `led.channel_size`, by default 50.
    pub fn channel_size(&self) -> usize {
        self.channel_size.unwrap_or(50)
    }

    /// Text slides between two showings of the QR code: `led.qr_every`,
    /// by default 12 (a minute and a half at 8 seconds a slide).
    pub fn qr_every(&self) -> usize {
        self.qr_every.unwrap_or(12)
    }
}

/// `led.font` as written, and where, for the messages about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontSetting {
    /// As written: relative to the site folder, or absolute.
    pub path: String,
    pub pos: Pos,
}

impl LedConfig {
    /// Whether any profile is drawn as pictures.
    pub fn pictures(&self) -> bool {
        self.profiles.iter().any(|p| p.pictures)
    }
}

/// The resolved site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// Always ends with `/`, e.g. `https://example.org/archive/`.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending with `/`.
    pub base_path: String,
    pub language: Lang,
    pub theme: String,
    pub description: String,
    pub organization: String,
    pub attendance: AttendanceRule,
    pub liaison: LiaisonPeriods,
    pub unsafe_html: bool,
    pub led: LedConfig,
    pub assessment: AssessmentRules,
    /// The places of `places:`, in the file's order (see `places`).
    pub places: Vec<PlaceDef>,
    /// `party_day.deadline`: when a month's records are due.
    pub deadline: Deadline,
    /// The day the site is built as of (`date::today_checked`): the
    /// months whose deadline it has not passed are in progress. A site
    /// parsed from text alone (`Config::parse`) is as of a day after every
    /// month, so that all of them are over.
    pub today: Date,
}

impl Config {
    /// Whether the records of `ym` are still on time on the build's day.
    pub fn in_progress(&self, ym: YearMonth) -> bool {
        self.today <= self.deadline.of(ym)
    }
}

/// The day of `Config::parse`: after every month a site can hold.
const AFTER_ALL_MONTHS: Date = Date {
    year: 9999,
    month: 12,
    day: 31,
};

/// A place as `site.yaml` names it: the canonical name, the other ways
/// records write it, and what the place page says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceDef {
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub address: Option<String>,
    /// The URL segment of its page, instead of the one made from the name.
    pub slug: Option<String>,
}

/// How two spellings of a place are compared: without any white space
/// (ASCII or full-width), so `谷文昌 纪念馆` is `谷文昌纪念馆`.
pub(crate) fn place_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

pub(crate) const SITE_YAML: &str = "content/site.yaml";

/// What stands in for a missing or unusable `title` and `base_url`, so that
/// the content is still validated and every problem of the run reported.
/// A run that used them has an error, so nothing built with them is written.
const PLACEHOLDER_TITLE: &str = "(no title)";
const PLACEHOLDER_BASE_URL: &str = "https://example.invalid/";

const KNOWN: &[&str] = &[
    "title",
    "base_url",
    "language",
    "theme",
    "description",
    "organization",
    "attendance",
    "liaison",
    "unsafe_html",
    "led",
    "assessment",
    "places",
    "party_day",
];

pub(crate) fn default_profiles() -> Vec<LedProfile> {
    vec![
        LedProfile {
            name: "outdoor".into(),
            width: 384,
            height: 192,
            font_px: 32,
            seconds: 8,
            pictures: false,
            palette: Palette::default(),
        },
        LedProfile {
            name: "hall".into(),
            width: 1920,
            height: 1080,
            font_px: 72,
            seconds: 12,
            pictures: false,
            palette: Palette::default(),
        },
    ]
}

/// The language of the site at `root`, for what a command says before or
/// beside a build; zh-CN when `site.yaml` cannot say.
pub(crate) fn language_of(root: &Path) -> crate::msg::Lang {
    let diags = Diagnostics::new();
    Config::load(root, &diags);
    diags.language()
}

impl Config {
    /// Reads `content/site.yaml` under `root`. Problems go to `diags`;
    /// `None` only when there is no file to read (not a site folder). A
    /// file with mistakes gives a usable configuration, with defaults in
    /// place of what is wrong, and its errors.
    pub fn load(root: &Path, diags: &Diagnostics) -> Option<Config> {
        let file = root.join(SITE_YAML);
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => {
                let msg = if e.kind() == std::io::ErrorKind::NotFound {
                    // `.` says nothing to a writer: name the folder itself.
                    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
                    let found = root
                        .ancestors()
                        .skip(1)
                        .find(|a| a.join(SITE_YAML).is_file())
                        .map(|a| a.display().to_string());
                    SiteMsg::NoSiteYaml {
                        root: root.display().to_string(),
                        found,
                    }
                } else {
                    SiteMsg::CannotReadSiteYaml {
                        error: e.to_string(),
                    }
                };
                diags.error(SITE_YAML, Pos::START, msg);
                return None;
            }
        };
        let today = crate::date::today_checked().unwrap_or_else(|e| {
            diags.error(e.var(), Pos::START, SiteMsg::BadToday(e));
            crate::date::today()
        });
        Some(Config {
            today,
            ..Config::parse_in(&text, Some(root), diags)
        })
    }

    /// Parses the text of a `site.yaml`; see `load`.
    pub fn parse(text: &str, diags: &Diagnostics) -> Config {
        Config::parse_in(text, None, diags)
    }

    /// Parses a `site.yaml`; with the site folder `root`, also checks that
    /// the theme it names is there.
    fn parse_in(text: &str, root: Option<&Path>, diags: &Diagnostics) -> Config {
        let text = frontmatter::normalize(text);
        let Some(front) = frontmatter::parse_front(&text, 0, SITE_YAML, diags) else {
            // The YAML itself is broken (reported): go on with the defaults
            // so that the content is checked too, and speak the language a
            // `language:` line of its own asks for, if one can be seen.
            if let Some(lang) = language_line(&text) {
                diags.set_language(lang);
            }
            return Config::parse_in("", None, &Diagnostics::new());
        };
        let f = front.fields(SITE_YAML, diags);
        f.deny_unknown(KNOWN);
        let title = f
            .required_string("title", crate::msg::What::SiteTitle)
            .unwrap_or_else(|| PLACEHOLDER_TITLE.to_string());
        let base_url = f
            .required_string("base_url", crate::msg::What::BaseUrl)
            .and_then(|u| match split_base_url(&u) {
                Some(parts) => Some(parts),
                None => {
                    f.error("base_url", SiteMsg::NotBaseUrl { url: u.clone() });
                    None
                }
            });
        let (base_url, base_path) = base_url
            .or_else(|| split_base_url(PLACEHOLDER_BASE_URL))
            .unwrap_or_default();
        let language = match f.string("language").as_deref().map(|l| (l, Lang::parse(l))) {
            None => Lang::ZhCn,
            Some((_, Some(lang))) => lang,
            Some((other, None)) => {
                f.error(
                    "language",
                    SiteMsg::UnknownLanguage {
                        value: other.to_string(),
                    },
                );
                Lang::ZhCn
            }
        };
        diags.set_language(language);
        let attendance = f
            .map("attendance")
            .map(|a| {
                a.deny_unknown(&["consecutive", "cumulative"]);
                AttendanceRule {
                    consecutive: positive(&a, "consecutive").unwrap_or(3),
                    cumulative: positive(&a, "cumulative").unwrap_or(6),
                }
            })
            .unwrap_or(AttendanceRule {
                consecutive: 3,
                cumulative: 6,
            });
        let liaison = f
            .map("liaison")
            .map(|l| {
                l.deny_unknown(&["district_months", "cadre_months"]);
                let d = LiaisonPeriods::default();
                LiaisonPeriods {
                    district_months: period(&l, "district_months").unwrap_or(d.district_months),
                    cadre_months: period(&l, "cadre_months").unwrap_or(d.cadre_months),
                }
            })
            .unwrap_or_default();
        let led = f.map("led").map(|l| parse_led(&l)).unwrap_or(LedConfig {
            profiles: default_profiles(),
            channel_size: None,
            font: None,
            qr_every: None,
        });
        Config {
            title,
            base_url,
            base_path,
            language,
            theme: theme(&f, root),
            description: f.string("description").unwrap_or_default(),
            organization: f.string("organization").unwrap_or_default(),
            attendance,
            liaison,
            unsafe_html: f.bool("unsafe_html").unwrap_or(false),
            led,
            assessment: f
                .map("assessment")
                .map(|a| parse_assessment(&a))
                .unwrap_or_default(),
            places: parse_places(&f),
            deadline: f
                .map("party_day")
                .map(|p| parse_party_day(&p))
                .unwrap_or_default(),
            today: AFTER_ALL_MONTHS,
        }
    }

    /// A copy whose URLs point at another address (`serve` uses this).
    pub fn with_base_url(&self, base_url: &str) -> Option<Config> {
        let (base_url, base_path) = split_base_url(base_url)?;
        Some(Config {
            base_url,
            base_path,
            ..self.clone()
        })
    }
}

/// The language of a top-level `language: en` line of a `site.yaml` whose
/// YAML cannot be read as a whole (a mistake elsewhere in it), so that its
/// problems are told in the language it asks for.
fn language_line(text: &str) -> Option<Lang> {
    let value = text.lines().find_map(|l| l.strip_prefix("language:"))?;
    let value = value.split(" #").next().unwrap_or(value).trim();
    Lang::parse(value.trim_matches(['"', '\'']))
}

/// The theme's name; `default` when the site has no folder for the one
/// named (reported at `theme:`).
fn theme(f: &Fields, root: Option<&Path>) -> String {
    let Some(name) = f.string("theme").map(|t| t.trim().to_string()) else {
        return "default".into();
    };
    let missing = root.is_some_and(|r| !r.join("themes").join(&name).is_dir());
    if name != "default" && missing {
        f.error("theme", SiteMsg::ThemeNotFound { name: name.clone() });
        return "default".into();
    }
    name
}

fn positive(f: &Fields, key: &str) -> Option<u32> {
    let n = f.uint(key)?;
    if n == 0 || n > u64::from(u32::MAX) {
        f.error(key, SiteMsg::NotPositive { key: key.into() });
        return None;
    }
    Some(n as u32)
}

/// A liaison period: months that tile the year (1, 2, 3, 4, 6 or 12).
fn period(f: &Fields, key: &str) -> Option<u32> {
    let n = positive(f, key)?;
    if 12 % n != 0 {
        f.error(key, SiteMsg::PeriodNotDivisor { key: key.into(), n });
        return None;
    }
    Some(n)
}

fn parse_led(f: &Fields) -> LedConfig {
    f.deny_unknown(&["profiles", "channel_size", "font", "qr_every"]);
    let channel_size = f.uint("channel_size").map(|n| n as usize);
    let qr_every = f.uint("qr_every").map(|n| n.min(10_000) as usize);
    let font = f.string("font").map(|path| FontSetting {
        path: path.trim().to_string(),
        pos: f.pos("font"),
    });
    let entries = f.list("profiles");
    if f.get("profiles").is_none() {
        return LedConfig {
            profiles: default_profiles(),
            channel_size,
            font,
            qr_every,
        };
    }
    let mut profiles: Vec<LedProfile> = Vec::new();
    for entry in entries {
        let Some(p) = entry.fields else {
            f.diags.error(f.path, entry.pos, SiteMsg::ProfileShape);
            continue;
        };
        p.deny_unknown(&[
            "name", "width", "height", "font_px", "seconds", "pictures", "colors",
        ]);
        let name = p.required_string("name", crate::msg::What::ProfileName);
        if let Some(n) = &name {
            let ok = n
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !ok {
                p.error("name", SiteMsg::ProfileName { name: n.clone() });
            } else if profiles.iter().any(|q| &q.name == n) {
                p.error("name", SiteMsg::ProfileTaken { name: n.clone() });
            }
        }
        let width = positive(&p, "width");
        let height = positive(&p, "height");
        let font_px = positive(&p, "font_px");
        let seconds = positive(&p, "seconds").unwrap_or(10);
        let pictures = p.bool("pictures").unwrap_or(false);
        let palette = p.map("colors").map(|c| colors(&c)).unwrap_or_default();
        let missing = |key: &str| {
            p.diags.error(
                p.path,
                p.own_pos(),
                SiteMsg::ProfileKeyMissing { key: key.into() },
            )
        };
        if p.get("width").is_none() {
            missing("width");
        }
        if p.get("height").is_none() {
            missing("height");
        }
        if p.get("font_px").is_none() {
            missing("font_px");
        }
        if let (Some(name), Some(width), Some(height), Some(font_px)) =
            (name, width, height, font_px)
        {
            let profile = LedProfile {
                name,
                width,
                height,
                font_px,
                seconds,
                pictures,
                palette,
            };
            // The cover names title, speaker, branch and date (SPEC §6):
            // four lines, wide enough for a date.
            let m = Metrics::for_profile(&profile);
            if m.lines < COVER_LINES || m.width < COVER_EMS * EM {
                let fits = (1..font_px).rev().find(|&f| {
                    let m = Metrics::for_profile(&LedProfile {
                        font_px: f,
                        ..profile.clone()
                    });
                    m.lines >= COVER_LINES && m.width >= COVER_EMS * EM
                });
                p.error(
                    "font_px",
                    SiteMsg::FontTooLarge {
                        font_px,
                        width,
                        height,
                        lines: COVER_LINES as u32,
                        ems: COVER_EMS,
                        fits,
                    },
                );
                continue;
            }
            profiles.push(profile);
        }
    }
    LedConfig {
        profiles,
        channel_size,
        font,
        qr_every,
    }
}

/// A profile's `colors:`, each a CSS hex colour; the default palette's
/// colour for those not given.
fn colors(f: &Fields) -> Palette {
    const KEYS: [&str; 5] = ["background", "cover", "text", "heading", "meta"];
    f.deny_unknown(&KEYS);
    let mut palette = Palette::default();
    for key in KEYS {
        let Some(value) = f.string(key) else {
            continue;
        };
        let Some(rgb) = Rgb::parse(&value) else {
            f.error(
                key,
                SiteMsg::NotColour {
                    key: key.to_string(),
                    value: value.clone(),
                },
            );
            continue;
        };
        let slot = match key {
            "background" => &mut palette.background,
            "cover" => &mut palette.cover,
            "text" => &mut palette.text,
            "heading" => &mut palette.heading,
            _ => &mut palette.meta,
        };
        *slot = rgb;
    }
    palette
}

/// The `places:` list: each entry a map with a `name`; no spelling (name
/// or alias) given to two places, no slug that is not a plain URL segment
/// or that two places share.
fn parse_places(f: &Fields) -> Vec<PlaceDef> {
    let mut places: Vec<PlaceDef> = Vec::new();
    // Each spelling's key, with the canonical name of the place it belongs to.
    let mut spellings: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut slugs: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for entry in f.list("places") {
        let Some(p) = entry.fields else {
            f.diags.error(f.path, entry.pos, SiteMsg::PlaceShape);
            continue;
        };
        p.deny_unknown(&["name", "aliases", "description", "address", "slug"]);
        let Some(name) = p
            .required_string("name", crate::msg::What::PlaceName)
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
        else {
            continue;
        };
        let mut aliases = Vec::new();
        for (i, alias) in p.string_list("aliases").into_iter().enumerate() {
            let alias = alias.trim().to_string();
            if alias.is_empty() {
                continue;
            }
            let key = place_key(&alias);
            if let Some(other) = spellings.get(&key) {
                p.error(
                    &format!("aliases[{i}]"),
                    SiteMsg::AliasTaken {
                        alias: alias.clone(),
                        other: other.clone(),
                    },
                );
                continue;
            }
            if key == place_key(&name) {
                continue;
            }
            spellings.insert(key, name.clone());
            aliases.push(alias);
        }
        let key = place_key(&name);
        if let Some(other) = spellings.get(&key) {
            p.error(
                "name",
                SiteMsg::PlaceTaken {
                    name: name.clone(),
                    other: other.clone(),
                },
            );
            continue;
        }
        spellings.insert(key, name.clone());
        let slug = p.string("slug").map(|s| s.trim().to_string());
        if let Some(s) = &slug {
            let plain = !s.is_empty()
                && s.len() <= 64
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !plain {
                p.error("slug", SiteMsg::SlugShape { slug: s.clone() });
                continue;
            }
            if let Some(other) = slugs.insert(s.clone(), name.clone()) {
                p.error(
                    "slug",
                    SiteMsg::SlugTaken {
                        slug: s.clone(),
                        other: other.clone(),
                    },
                );
                continue;
            }
        }
        let text = |key: &str| {
            p.string(key)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        places.push(PlaceDef {
            name,
            aliases,
            description: text("description"),
            address: text("address"),
            slug,
        });
    }
    places
}

/// Lines and characters a line (in em) that a screen profile must hold.
const COVER_LINES: usize = 4;
const COVER_EMS: u32 = 8;

/// Splits a base URL into its normalized form and path: `https://h/a` gives
/// (`https://h/a/`, `/a/`).
fn split_base_url(url: &str) -> Option<(String, String)> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.is_empty() || host.contains(char::is_whitespace) || path.contains(['?', '#']) {
        return None;
    }
    // One slash between segments (`https://e.org//` would make links
    // `//style.css`, another host), and what a URL may not hold as is
    // (Chinese, spaces) percent-encoded; `%` stays, so an encoded path is
    // taken as it is.
    let mut path =
        path.split('/')
            .filter(|s| !s.is_empty())
            .fold(String::from("/"), |mut p, segment| {
                for c in segment.chars() {
                    if c.is_ascii_graphic() {
                        p.push(c);
                    } else {
                        for b in c.to_string().bytes() {
                            p.push_str(&format!("%{b:02X}"));
                        }
                    }
                }
                p.push('/');
                p
            });
    if !path.ends_with('/') {
        path.push('/');
    }
    let scheme_len = url.len() - rest.len();
    Some((format!("{}{host}{path}", &url[..scheme_len]), path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_normalized_and_encoded() {
        let split = |u: &str| split_base_url(u).map(|(_, p)| p);
        assert_eq!(split("https://e.org//").as_deref(), Some("/"));
        assert_eq!(split("https://e.org").as_deref(), Some("/"));
        assert_eq!(split("https://e.org//a//b").as_deref(), Some("/a/b/"));
        assert_eq!(
            split("https://e.org/档案 馆/").as_deref(),
            Some("/%E6%A1%A3%E6%A1%88%20%E9%A6%86/")
        );
        assert_eq!(
            split("https://e.org/%E6%A1%A3/").as_deref(),
            Some("/%E6%A1%A3/")
        );
        assert_eq!(
            split_base_url("https://e.org//x/")
                .map(|(u, _)| u)
                .as_deref(),
            Some("https://e.org/x/")
        );
    }

    fn parse(text: &str) -> (Config, Vec<String>) {
        let d = Diagnostics::new();
        let c = Config::parse(text, &d);
        (
            c,
            d.into_sorted()
                .iter()
                .map(|d| d.text(crate::msg::Lang::En))
                .collect(),
        )
    }

    /// Regression guard of the messages' language: the collector learns it
    /// from `language:`, from a `language:` line of a `site.yaml` whose YAML
    /// is broken elsewhere, and is zh-CN when nothing says otherwise.
    #[test]
    fn the_messages_take_the_language_site_yaml_asks_for() {
        let language = |text: &str| {
            let d = Diagnostics::new();
            Config::parse(text, &d);
            d.language()
        };
        let site = "title: 档案\nbase_url: https://example.org/\n";
        assert_eq!(language(site), Lang::ZhCn);
        assert_eq!(language(&format!("{site}language: en\n")), Lang::En);
        assert_eq!(
            language(&format!("{site}language: \"en\"  # 英文\n")),
            Lang::En
        );
        // Broken YAML (a tab, an unclosed quote) and `language: en`.
        assert_eq!(language(&format!("{site}language: en\n\tx: 1\n")), Lang::En);
        assert_eq!(language("language: en\ntitle: \"档案\n"), Lang::En);
        assert_eq!(language("title: \"档案\n"), Lang::ZhCn);
        // An unknown language is an error, told in the default.
        assert_eq!(language(&format!("{site}language: fr\n")), Lang::ZhCn);
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let (c, e) = parse("title: 档案\nbase_url: https://example.org/archive\n");
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(c.base_url, "https://example.org/archive/");
        assert_eq!(c.base_path, "/archive/");
        assert_eq!(
            c.attendance,
            AttendanceRule {
                consecutive: 3,
                cumulative: 6
            }
        );
        assert_eq!(c.led.profiles, default_profiles());
    }

    #[test]
    fn unknown_keys_are_errors_with_their_line() {
        let (_, e) = parse("title: 档案\nbase_url: https://example.org/\ntheem: default\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("content/site.yaml:3:1: error: unknown field `theem`"),
            "{e:?}"
        );
        assert!(e[0].contains("did you mean `theme`"), "{e:?}");
    }

    #[test]
    fn a_months_deadline_is_its_last_day_unless_set() {
        let ym = |s| YearMonth::parse(s).unwrap();
        let deadline = |lines: &str| {
            let (c, e) = parse(&format!("title: t\nbase_url: https://e.org/\n{lines}"));
            (c.deadline, e)
        };
        let (d, e) = deadline("");
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(d.of(ym("2026-02")).to_string(), "2026-02-28");
        assert_eq!(d.of(ym("2026-12")).to_string(), "2026-12-31");
        let (d, e) = deadline("party_day:\n  deadline: end\n");
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(d, Deadline::default());
        let (d, e) = deadline("party_day:\n  deadline: 30\n");
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(d.of(ym("2026-02")).to_string(), "2026-02-28");
        assert_eq!(d.of(ym("2026-04")).to_string(), "2026-04-30");
        let (d, e) = deadline("party_day:\n  deadline: 5\n  deadline_month: next\n");
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(d.of(ym("2026-12")).to_string(), "2027-01-05");
        let (d, e) =
            deadline("party_day:\n  deadline: 32\n  deadline_month: later\n  dealine: 3\n");
        assert_eq!(d, Deadline::default(), "a wrong value is not taken");
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(
            e[0].starts_with("content/site.yaml:4:3:") && e[0].contains("1 to 31"),
            "{e:?}"
        );
        assert!(e[1].contains("deadline_month"), "{e:?}");
        assert!(e[2].contains("did you mean `deadline`"), "{e:?}");
    }

    #[test]
    fn a_config_parsed_from_text_alone_is_past_every_month() {
        let (c, _) = parse("title: t\nbase_url: https://e.org/\n");
        assert!(!c.in_progress(YearMonth::parse("2999-12").unwrap()));
        let c = Config {
            today: Date::parse("2026-12-04").unwrap(),
            ..c
        };
        assert!(c.in_progress(YearMonth::parse("2026-12").unwrap()));
        assert!(!c.in_progress(YearMonth::parse("2026-11").unwrap()));
        let c = Config {
            today: Date::parse("2026-12-31").unwrap(),
            ..c
        };
        assert!(
            c.in_progress(YearMonth::parse("2026-12").unwrap()),
            "the deadline day itself is on time"
        );
    }

    #[test]
    fn liaison_periods_default_and_must_tile_the_year() {
        let (c, e) = parse("title: t\nbase_url: https://e.org/\n");
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(c.liaison, LiaisonPeriods::default());
        let (c, e) = parse(
            "title: t\nbase_url: https://e.org/\nliaison:\n  district_months: 6\n  cadre_months: 3\n",
        );
        assert!(e.is_empty(), "{e:?}");
        let l = c.liaison;
        assert_eq!((l.district_months, l.cadre_months), (6, 3));
        let (_, e) = parse(
            "title: t\nbase_url: https://e.org/\nliaison:\n  cadre_months: 5\n  cadre_month: 6\n",
        );
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(
            e[0].starts_with("content/site.yaml:4:3:") && e[0].contains("divide"),
            "{e:?}"
        );
        assert!(e[1].contains("did you mean `cadre_months`"), "{e:?}");
    }

    #[test]
    fn missing_title_and_bad_url_are_reported_and_replaced() {
        let (c, e) = parse("base_url: example.org\n");
        assert_eq!(c.title, PLACEHOLDER_TITLE);
        assert_eq!(c.base_url, PLACEHOLDER_BASE_URL);
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e.iter().any(|m| m.contains("`title` is missing")));
        assert!(
            e.iter()
                .any(|m| m.starts_with("content/site.yaml:1:1:") && m.contains("base URL"))
        );
    }
}
