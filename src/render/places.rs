//! The views of the places index (`/places/`) and of one place
//! (`/places/<slug>/`), from `crate::places`.

use anyhow::Result;
use serde::Serialize;
use tera::Value;

use super::Renderer;
use super::views;
use crate::places::Place;
use crate::urls::{self, Route};

/// The places of this build, computed once per renderer.
pub(crate) fn all<'a>(r: &'a Renderer<'_>) -> &'a [Place<'a>] {
    r.places.get_or_init(|| crate::places::index(r.site))
}

#[derive(Serialize)]
struct YearCount {
    year: u16,
    count: usize,
}

#[derive(Serialize)]
struct PlaceRow<'a> {
    name: &'a str,
    url: String,
    address: Option<&'a str>,
    count: usize,
    branches: usize,
    /// The date of the latest visit, in the site's language.
    latest: Option<String>,
    latest_date: Option<crate::date::Date>,
    years: Vec<YearCount>,
    /// On the index: the visits of each year of its columns (0 for none).
    cells: Vec<usize>,
}

fn row<'a>(r: &Renderer, p: &'a Place, columns: &[u16]) -> PlaceRow<'a> {
    let site = r.site;
    let latest = p.visits.first().map(|&v| site.records.peek(v).date);
    let mut branches: Vec<usize> = p
        .visits
        .iter()
        .map(|&v| site.records.peek(v).branch)
        .collect();
    branches.sort_unstable();
    branches.dedup();
    PlaceRow {
        name: &p.name,
        url: urls::place(&p.slug).link(&site.config),
        address: p.def.and_then(|d| d.address.as_deref()),
        count: p.visits.len(),
        branches: branches.len(),
        latest: latest.map(|d| r.t.date("format_date", d)),
        latest_date: latest,
        years: p
            .years
            .iter()
            .map(|&(year, count)| YearCount { year, count })
            .collect(),
        cells: columns
            .iter()
            .map(|y| {
                p.years
                    .iter()
                    .find(|(py, _)| py == y)
                    .map_or(0, |&(_, n)| n)
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct PlacesView<'a> {
    places: Vec<PlaceRow<'a>>,
    /// Every year any place was visited, oldest first: the columns.
    years: Vec<u16>,
}

pub(crate) fn index(r: &Renderer) -> Result<()> {
    let places = all(r);
    let mut years: Vec<u16> = places
        .iter()
        .flat_map(|p| p.years.iter().map(|&(y, _)| y))
        .collect();
    years.sort_unstable();
    years.dedup();
    let view = PlacesView {
        places: places.iter().map(|p| row(r, p, &years)).collect(),
        years,
    };
    let route = urls::places();
    let mut meta = r.meta(r.t("nav_places"), &route, "places");
    meta.description = r.t("places_lead");
    meta.crumbs = vec![views::link(r.site, r.t("nav_home"), &Route::home())];
    r.page(&route, "places.html", &meta, "index", &view)
}

#[derive(Serialize)]
struct PlaceView<'a> {
    row: PlaceRow<'a>,
    description: Option<&'a str>,
    /// The other ways the records write it (`site.yaml`'s aliases).
    aliases: &'a [String],
    /// Each visit's card: branch, date, record and its first photo.
    visits: Vec<Value>,
}

/// The page of the place of `slug`; nothing when no place has it (any more).
pub(crate) fn place(r: &Renderer, slug: &str) -> Result<()> {
    let Some(p) = all(r).iter().find(|p| p.slug == slug) else {
        return Ok(());
    };
    let view = PlaceView {
        row: row(r, p, &[]),
        description: p.def.and_then(|d| d.description.as_deref()),
        aliases: p.def.map_or(&[], |d| d.aliases.as_slice()),
        visits: r.cards(p.visits.iter().copied()),
    };
    let route = urls::place(&p.slug);
    let mut meta = r.meta(p.name.clone(), &route, "places");
    meta.description = view.description.unwrap_or_default().to_string();
    meta.crumbs = vec![
        views::link(r.site, r.t("nav_home"), &Route::home()),
        views::link(r.site, r.t("nav_places"), &urls::places()),
    ];
    r.page(&route, "place.html", &meta, "place", &view)
}
