//! The lecture index: `/lectures/`, the newest lectures and every month
//! with its count, and `/lectures/<YYYY-MM>/`, every lecture of a month.
//! Paged by month so that the first page stays light on a phone whatever
//! the number of lectures.

use anyhow::Result;
use serde::Serialize;

use super::Renderer;
use super::pages::crumbs;
use super::views::{self, Link};
use crate::date::YearMonth;
use crate::urls;

/// How many of the newest lectures `/lectures/` lists (SPEC §5: every
/// lecture, as long as a site has no more); the rest are on the pages of
/// their months, so that the first page stays light on a phone (about
/// 45 kB) whatever the number of lectures (10,488 a year in a district of
/// 874 branches made it 4.5 MB).
pub(crate) const LATEST_LECTURES: usize = 100;

#[derive(Serialize)]
struct LectureMonthLink {
    title: String,
    url: String,
    count: usize,
    /// The page shows this month.
    current: bool,
}

#[derive(Serialize)]
struct LectureYear {
    year: u16,
    /// Newest first.
    months: Vec<LectureMonthLink>,
}

/// What the lecture pages show besides their list (`lectures`): the
/// months, newest first, and where the page is among them.
#[derive(Serialize)]
struct LectureIndex {
    /// The month a month's page shows, written out; `None` on `/lectures/`.
    month: Option<String>,
    /// Lectures in the whole site.
    total: usize,
    /// "The newest 30 of 10,488" or "874 lectures" of the month.
    summary: String,
    years: Vec<LectureYear>,
    /// The months before and after (a month's page).
    prev: Option<Link>,
    next: Option<Link>,
    /// `/lectures/`.
    index_url: String,
}

fn lecture_index(
    r: &Renderer,
    all: &[usize],
    month: Option<YearMonth>,
    shown: usize,
) -> LectureIndex {
    let site = r.site;
    let mut counts: std::collections::BTreeMap<YearMonth, usize> = Default::default();
    for &i in all {
        *counts.entry(site.records.peek(i).ym).or_default() += 1;
    }
    let mut years: Vec<LectureYear> = Vec::new();
    for (&ym, &count) in counts.iter().rev() {
        let link = LectureMonthLink {
            title: r.t.month("format_month", ym),
            url: urls::lectures_month(ym).link(&site.config),
            count,
            current: month == Some(ym),
        };
        match years.last_mut() {
            Some(y) if y.year == ym.year => y.months.push(link),
            _ => years.push(LectureYear {
                year: ym.year,
                months: vec![link],
            }),
        }
    }
    let months: Vec<YearMonth> = counts.keys().copied().collect();
    let at = month.and_then(|m| months.iter().position(|&x| x == m));
    let link =
        |m: YearMonth| views::link(site, r.t.month("format_month", m), &urls::lectures_month(m));
    let summary = match month {
        None if shown == all.len() => r.t.fill("lectures_all", &[("total", &all.len())]),
        None => r.t.fill(
            "lectures_latest",
            &[("shown", &shown), ("total", &all.len())],
        ),
        Some(m) => r.t.fill(
            "lectures_in_month",
            &[("n", &shown), ("month", &r.t.month("format_month", m))],
        ),
    };
    LectureIndex {
        month: month.map(|m| r.t.month("format_month", m)),
        total: all.len(),
        summary,
        years,
        prev: at.and_then(|i| i.checked_sub(1)).map(|i| link(months[i])),
        next: at.and_then(|i| months.get(i + 1)).map(|&m| link(m)),
        index_url: urls::lectures().link(&site.config),
    }
}

/// `/lectures/`: the newest lectures, and every month with its count.
pub(crate) fn index(r: &Renderer) -> Result<()> {
    let site = r.site;
    let all = r.lectures.get_or_init(|| site.lectures());
    let latest: Vec<usize> = all.iter().copied().take(LATEST_LECTURES).collect();
    let route = urls::lectures();
    let mut meta = r.meta(r.t("nav_lectures"), &route, "lectures");
    meta.crumbs = crumbs(r, vec![]);
    let mut ctx = tera::Context::new();
    ctx.insert("lectures", &r.cards(latest.iter().copied()));
    ctx.insert("index", &lecture_index(r, all, None, latest.len()));
    r.page_with(&route, "lectures.html", &meta, ctx)
}

/// `/lectures/<YYYY-MM>/`: every lecture of a month, newest first; nothing
/// for a month without one.
pub(crate) fn month(r: &Renderer, ym: YearMonth) -> Result<()> {
    let site = r.site;
    let all = r.lectures.get_or_init(|| site.lectures());
    let of_month: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| site.records.peek(i).ym == ym)
        .collect();
    if of_month.is_empty() {
        return Ok(());
    }
    let route = urls::lectures_month(ym);
    let section = r.t("nav_lectures");
    let label = r.t.month("format_month", ym);
    let mut meta = r.meta(format!("{label} · {section}"), &route, "lectures");
    meta.crumbs = crumbs(r, vec![views::link(site, section, &urls::lectures())]);
    let mut ctx = tera::Context::new();
    ctx.insert("lectures", &r.cards(of_month.iter().copied()));
    ctx.insert("index", &lecture_index(r, all, Some(ym), of_month.len()));
    r.page_with(&route, "lectures.html", &meta, ctx)
}
