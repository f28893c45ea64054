//! sitemap.xml (split into an index above 50,000 URLs, the protocol's limit)
//! and robots.txt. An internal build asks every robot to stay away.

use anyhow::Result;

use crate::date::Date;
use crate::kind::Kind;
use crate::model::Site;
use crate::render::Renderer;
use crate::urls::{self, Route};

const MAX_URLS: usize = 50_000;

/// Every published HTML page, with the date it shows where it has one.
fn routes(site: &Site) -> Vec<(Route, Option<Date>)> {
    let mut v: Vec<(Route, Option<Date>)> = vec![
        (Route::home(), None),
        (urls::branches(), None),
        (urls::lectures(), None),
        (urls::speakers(), None),
        (urls::five_things(), None),
        (Route::dir(["search"]), None),
    ];
    v.extend(
        site.years()
            .into_iter()
            .map(|y| (urls::five_things_year(y), None)),
    );
    v.extend(site.months.iter().map(|&m| (urls::bulletin(m), None)));
    v.extend(site.pages.iter().map(|p| (urls::page(&p.slug), None)));
    v.extend(site.speakers.iter().map(|s| (urls::speaker(&s.id), None)));
    for b in &site.branches {
        v.push((urls::branch(&b.id), None));
        for m in &b.months {
            v.push((urls::month(&b.id, m.ym), None));
        }
    }
    for (i, r) in site.records.iter().enumerate() {
        if !site.visible(i) {
            continue;
        }
        v.push((site.record_route(i), Some(r.date)));
        if r.kind == Kind::Lecture {
            v.push((site.lecture_route(i), Some(r.date)));
        }
    }
    v
}

fn urlset(site: &Site, routes: &[(Route, Option<Date>)]) -> String {
    let mut x = String::with_capacity(routes.len() * 100 + 200);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (route, date) in routes {
        x.push_str("  <url><loc>");
        x.push_str(&route.absolute(&site.config));
        x.push_str("</loc>");
        if let Some(d) = date {
            x.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

pub fn write(r: &Renderer) -> Result<()> {
    let site = r.site;
    let c = &site.config;
    let all = routes(site);
    let sitemap = Route::file(["sitemap.xml"]);
    if all.len() <= MAX_URLS {
        r.write(&sitemap, urlset(site, &all).as_bytes())?;
    } else {
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (n, chunk) in all.chunks(MAX_URLS).enumerate() {
            let part = Route::file([format!("sitemap-{}.xml", n + 1)]);
            r.write(&part, urlset(site, chunk).as_bytes())?;
            index.push_str(&format!(
                "  <sitemap><loc>{}</loc></sitemap>\n",
                part.absolute(c)
            ));
        }
        index.push_str("</sitemapindex>\n");
        r.write(&sitemap, index.as_bytes())?;
    }
    let robots = if site.internal {
        "# Internal build: not for publication.\nUser-agent: *\nDisallow: /\n".to_string()
    } else {
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            sitemap.absolute(c)
        )
    };
    r.write(&Route::file(["robots.txt"]), robots.as_bytes())
}
