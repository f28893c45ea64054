//! sitemap.xml (split into an index above 50,000 URLs, the protocol's limit)
//! and robots.txt. An internal build asks every robot to stay away.

use anyhow::Result;

use crate::date::Date;
use crate::model::Site;
use crate::render::Renderer;
use crate::urls::Route;

const MAX_URLS: usize = 50_000;

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

/// Writes the sitemap of `all` (the catalogue's URLs) and robots.txt.
pub(crate) fn write(r: &Renderer, all: &[(Route, Option<Date>)]) -> Result<()> {
    let site = r.site;
    let c = &site.config;
    let sitemap = Route::file(["sitemap.xml"]);
    if all.len() <= MAX_URLS {
        r.write(&sitemap, urlset(site, all).as_bytes())?;
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
