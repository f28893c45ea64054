//! Rendering: the site model and the theme's templates make every page of
//! SPEC §5. Pages are rendered and written in parallel; each record's card
//! is built once and shared by the listings.

pub mod assessment;
pub mod lectures;
pub mod ledger;
pub mod pages;
pub mod places;
pub mod strings;
pub mod theme;
pub mod views;

use anyhow::{Context as _, Result, anyhow};
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::diag::{Diagnostics, Pos};
use crate::kind::Kind;
use crate::model::Site;
use crate::msg::SiteMsg;
use crate::output::Output;
use crate::photos::PhotoSizes;
use crate::urls::Route;

use strings::Strings;
use theme::Theme;
use views::{Labels, PageMeta, SiteView};

/// Templates with their output, loaded once per build.
pub struct Renderer<'a> {
    pub site: &'a Site,
    tera: Tera,
    pub labels: Labels,
    pub t: Strings,
    /// Each published record's card; `None` for records this build hides.
    pub cards: Vec<Option<Value>>,
    pub sizes: &'a PhotoSizes,
    /// Published lectures, newest first, computed on first use.
    pub lectures: std::sync::OnceLock<Vec<usize>>,
    /// The places index, computed on first use.
    pub places: std::sync::OnceLock<Vec<crate::places::Place<'a>>>,
    out: &'a Output,
    /// Where problems found while rendering go (a character the LED font
    /// lacks); `None` (`check`'s sample render) drops them.
    diags: Option<&'a Diagnostics>,
}

/// What a renderer keeps between builds of `serve`: the compiled templates,
/// the UI strings and each record's card, aligned with `Site::records`.
pub struct Prepared {
    tera: Tera,
    labels: Labels,
    t: Strings,
    pub cards: Vec<Option<Value>>,
}

impl Prepared {
    /// Compiles the theme's templates and builds every record's card.
    pub fn new(
        site: &Site,
        theme: &Theme,
        sizes: &PhotoSizes,
        diags: &Diagnostics,
    ) -> Option<Prepared> {
        let (tera, labels, t) = compile(site, theme, diags)?;
        let mut prepared = Prepared {
            tera,
            labels,
            t,
            cards: Vec::new(),
        };
        prepared.cards = (0..site.records.len())
            .into_par_iter()
            .map(|i| prepared.card(site, sizes, i))
            .collect();
        Some(prepared)
    }

    /// The card of record `i`.
    pub fn card(&self, site: &Site, sizes: &PhotoSizes, i: usize) -> Option<Value> {
        Some(views::card(site, i, &self.labels, &self.t, sizes))
    }
}

/// The theme's templates compiled with the global context, the labels and
/// the UI strings of the site's language.
fn compile(site: &Site, theme: &Theme, diags: &Diagnostics) -> Option<(Tera, Labels, Strings)> {
    let t = Strings::load(&site.root, theme, site.config.language, diags)?;
    let get = |k: &str| t.get(k).to_string();
    let labels = Labels {
        kinds: [
            get("kind_study"),
            get("kind_meeting"),
            get("kind_practice"),
            get("kind_affairs"),
            get("kind_lecture"),
        ],
        categories: crate::model::CATEGORIES
            .iter()
            .map(|(_, word)| *word)
            .map(|c| (c, get(&format!("category_{c}"))))
            .collect(),
        district: get("liaison_district"),
        cadre: get("liaison_cadre"),
    };
    let mut tera = Tera::new();
    // Headings, labels and short fields: `{{ title | phrases }}` breaks
    // lines between words only (`text::phrases`, docs/theme.md).
    tera.register_filter("phrases", |text: &str, _: tera::Kwargs, _: &tera::State| {
        phrases_value(text)
    });
    let mut sources = Vec::new();
    for (name, asset) in &theme.templates {
        match asset.read() {
            Ok(text) => sources.push((name.clone(), text)),
            Err(e) => diags.error(
                name,
                Pos::START,
                SiteMsg::CannotReadTemplate {
                    error: e.to_string(),
                },
            ),
        }
    }
    if let Err(e) = tera.add_raw_templates(sources) {
        let (path, pos, message) = template_error(site, theme, &render_error(&e));
        diags.error(&path, pos, SiteMsg::Template { detail: message });
        return None;
    }
    let c = &site.config;
    let site_view = SiteView {
        title: &c.title,
        description: &c.description,
        organization: &c.organization,
        lang: c.language.code(),
        base_url: &c.base_url,
        root: &c.base_path,
        internal: site.internal,
        feed: Route::file(["atom.xml"]).link(c),
        pages: site
            .pages
            .iter()
            .map(|p| views::link(site, p.title.clone(), &crate::urls::page(&p.slug)))
            .collect(),
        kinds: labels.kinds(),
    };
    tera.global_context().insert("site", &site_view);
    tera.global_context().insert("t", &t);
    Some((tera, labels, t))
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        theme: &Theme,
        sizes: &'a PhotoSizes,
        out: &'a Output,
        diags: &Diagnostics,
    ) -> Option<Renderer<'a>> {
        let prepared = Prepared::new(site, theme, sizes, diags)?;
        Some(Renderer::with(site, prepared, sizes, out))
    }

    /// A renderer from what an earlier one kept.
    pub fn with(
        site: &'a Site,
        prepared: Prepared,
        sizes: &'a PhotoSizes,
        out: &'a Output,
    ) -> Renderer<'a> {
        let Prepared {
            tera,
            labels,
            t,
            cards,
        } = prepared;
        Renderer {
            site,
            tera,
            labels,
            t,
            cards,
            sizes,
            lectures: std::sync::OnceLock::new(),
            places: std::sync::OnceLock::new(),
            out,
            diags: None,
        }
    }

    /// The same renderer, reporting what it finds while rendering (a
    /// warning never fails the build) to `diags`.
    pub fn reporting(self, diags: &'a Diagnostics) -> Renderer<'a> {
        Renderer {
            diags: Some(diags),
            ..self
        }
    }

    /// A warning found while rendering, at `path:pos`.
    pub fn warning(&self, path: &str, pos: Pos, message: impl Into<crate::msg::Msg>) {
        if let Some(d) = self.diags {
            d.warning(path, pos, message);
        }
    }

    /// Writes `bytes` at the output path `rel` (files that are no page of
    /// their own, such as a show's pictures).
    pub fn write_file(&self, rel: &std::path::Path, bytes: &[u8]) -> Result<()> {
        self.out.write(rel, bytes)
    }

    /// What the next renderer of the same site can reuse.
    pub fn into_prepared(self) -> Prepared {
        Prepared {
            tera: self.tera,
            labels: self.labels,
            t: self.t,
            cards: self.cards,
        }
    }

    /// A UI string of the theme.
    pub fn t(&self, key: &str) -> String {
        self.t.get(key).to_string()
    }

    pub fn meta(&self, title: impl Into<String>, route: &Route, section: &'static str) -> PageMeta {
        PageMeta {
            title: title.into(),
            canonical: route.absolute(&self.site.config),
            section,
            description: String::new(),
            crumbs: Vec::new(),
        }
    }

    /// Record `i`'s card, built once for every page that lists it (and noted
    /// as read, like the record itself: `model::recording`).
    pub fn card(&self, i: usize) -> Option<Value> {
        self.site.records.shown(i);
        self.cards[i].clone()
    }

    pub fn cards(&self, records: impl IntoIterator<Item = usize>) -> Vec<Value> {
        records.into_iter().filter_map(|i| self.card(i)).collect()
    }

    pub fn kind_label(&self, k: Kind) -> String {
        self.labels.kind(k)
    }

    /// Renders `template` with `page` and `data` (as `key`) and writes it.
    pub fn page<T: Serialize>(
        &self,
        route: &Route,
        template: &str,
        page: &PageMeta,
        key: &'static str,
        data: &T,
    ) -> Result<()> {
        let mut ctx = Context::new();
        ctx.insert(key, data);
        self.page_with(route, template, page, ctx)
    }

    /// `page` with a context of several values (`page` is added).
    pub fn page_with(
        &self,
        route: &Route,
        template: &str,
        page: &PageMeta,
        mut ctx: Context,
    ) -> Result<()> {
        ctx.insert("page", page);
        let mut html = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, &ctx, &mut html)
            .map_err(|e| anyhow!("{}", render_error(&e)))
            .with_context(|| {
                format!(
                    "cannot render {} with template {template}",
                    route.output_file().display()
                )
            })?;
        self.out.write(&route.output_file(), &html)
    }

    pub fn write(&self, route: &Route, bytes: &[u8]) -> Result<()> {
        self.out.write(&route.output_file(), bytes)
    }
}

/// `text::phrases::html` as a template value, remembered per thread: the
/// same labels, branch names and titles are filtered on page after page
/// (a record page asks for a dozen), and a `Value`'s text is shared, not
/// copied. The table is emptied when it grows past a few thousand texts.
fn phrases_value(text: &str) -> Value {
    use std::cell::RefCell;
    use std::collections::HashMap;
    const KEEP: usize = 4096;
    thread_local! {
        static SEEN: RefCell<HashMap<String, Value, foldhash::fast::FixedState>> =
            RefCell::default();
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(v) = seen.get(text) {
            return v.clone();
        }
        let v = Value::safe_string(&crate::text::phrases::html(text));
        if seen.len() >= KEEP {
            seen.clear();
        }
        seen.insert(text.to_string(), v.clone());
        v
    })
}

/// Where a template error is, from Tera's report (`--> record.html:65:4`,
/// `render_error`'s text):
/// the template's file relative to the site, the position, and the
/// report's first line without Tera's `error: `. Without a position, the
/// site's `templates` folder and the first line.
fn template_error(site: &Site, theme: &Theme, text: &str) -> (String, Pos, String) {
    let message = text
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_string();
    let located = text.split_once("--> ").and_then(|(_, rest)| {
        let mut parts = rest.split_whitespace().next()?.rsplitn(3, ':');
        let col = parts.next()?.parse().ok()?;
        let line = parts.next()?.parse().ok()?;
        Some((parts.next()?.to_string(), Pos::new(line, col)))
    });
    match located {
        Some((name, pos)) => {
            let path = match theme.templates.get(&name) {
                Some(theme::Asset::Disk(file)) => crate::diag::rel_path(&site.root, file),
                _ => format!("themes/default/templates/{name}"),
            };
            (path, pos, message)
        }
        None => ("templates".to_string(), Pos::START, message),
    }
}

/// A failed render of `build` as a located problem, when it comes from a
/// template: `templates/record.html:6:12` and Tera's message, with the
/// page it failed on. `None` for any other failure (I/O).
pub fn template_failure(
    site: &Site,
    theme: &Theme,
    e: &anyhow::Error,
) -> Option<(String, Pos, SiteMsg)> {
    let cause = e.root_cause().to_string();
    if !cause.contains("--> ") {
        return None;
    }
    let (path, pos, message) = template_error(site, theme, &cause);
    let detail = format!("{message} ({e})");
    Some((path, pos, SiteMsg::Template { detail }))
}

fn render_error(e: &tera::Error) -> String {
    use std::error::Error;
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}
