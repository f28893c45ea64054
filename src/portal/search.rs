//! `/search/`: one search over the records of every district, built from
//! their exports. The districts' own indexes live on their own sites, on
//! other origins: a browser could read them only where each district
//! allowed it (CORS), and would load every district's manifest for each
//! query. One index on the portal's own origin is static like a site's,
//! loads only the shards a query needs, and holds what the exports hold:
//! titles, branches, districts, speakers and places, never a record's text.
//! The page and `search.js` are the default theme's.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};

use crate::date::Date;
use crate::diag::Diagnostics;
use crate::render::strings::Strings;
use crate::render::theme::Theme;
use crate::search::doc::json_str;
use crate::search::index::DocTokens;
use crate::search::{self, PlainDoc};
use crate::text::escape_html as esc;

use super::html::{Ctx, page};
use super::strings::Lang;
use super::summary;

/// The filter value of district `n` (its place in `portal.yaml`).
fn district_filter(n: usize) -> String {
    format!("d:{n}")
}

/// The search page, its script and stylesheet, and the index, as paths
/// under the portal and bytes.
pub(super) fn files(cx: &Ctx) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let theme = Theme::builtin();
    let diags = Diagnostics::new();
    let lang = match cx.config.lang {
        Lang::Zh => crate::msg::Lang::ZhCn,
        Lang::En => crate::msg::Lang::En,
    };
    let t = Strings::load(Path::new("."), &theme, lang, &diags)
        .ok_or_else(|| anyhow!("the default theme's strings do not read"))?;
    let mut out = vec![(
        PathBuf::from("search/index.html"),
        page_html(cx, &t).into_bytes(),
    )];
    for name in ["search.js", "search.css"] {
        let asset = theme
            .statics
            .get(Path::new(name))
            .ok_or_else(|| anyhow!("the default theme has no {name}"))?;
        out.push((PathBuf::from(name), asset.read()?.into_bytes()));
    }
    let records = summary::records(cx.data, |_| true);
    let count = records.iter().filter(|l| link(cx, l).is_some()).count();
    search::write_plain(count, docs(cx, &t, records), |path, bytes| {
        out.push((Path::new("search").join(path), bytes.to_vec()));
        Ok(())
    })?;
    Ok(out)
}

/// Where a record's result leads: a lecture's phone page, else the
/// record's page, on the district's site.
fn link(cx: &Ctx, l: &summary::Lecture) -> Option<String> {
    let r = l.record;
    cx.district_link(l.district, r.lecture_url.as_deref().unwrap_or(&r.url))
}

/// The documents of `records` (newest first) that have a link, made one at
/// a time as the index takes them.
fn docs<'a>(
    cx: &'a Ctx,
    t: &'a Strings,
    records: Vec<summary::Lecture<'a>>,
) -> impl Iterator<Item = PlainDoc> + 'a {
    records.into_iter().filter_map(move |l| {
        let r = l.record;
        let url = link(cx, &l)?;
        let district = cx.config.districts[l.district].name.as_str();
        let speaker = r.speaker.as_ref().map_or("", |s| s.name.as_str());
        let location = r.location.as_deref().unwrap_or("");
        let facts: Vec<&str> = [speaker, location]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let mut row = String::with_capacity(256);
        let mut field = |key: &str, value: &str| {
            row.push(if row.is_empty() { '{' } else { ',' });
            json_str(&mut row, key);
            row.push(':');
            json_str(&mut row, value);
        };
        field("t", &r.title);
        field("u", &url);
        field("k", &r.kind);
        field("kl", t.get(&format!("kind_{}", r.kind)));
        field("b", &format!("{} · {district}", l.branch));
        field("d", &r.date);
        let day = Date::parse(&r.date).ok();
        field(
            "dz",
            &day.map(|d| t.date("format_date", d)).unwrap_or_default(),
        );
        field("s", &facts.join(" · "));
        row.push('}');
        let filters = [
            format!("!k:{}", r.kind),
            format!("!{}", district_filter(l.district)),
        ];
        let tokens = DocTokens::collect(&r.title, [l.branch, district, speaker, location], filters);
        Some(PlainDoc { row, tokens })
    })
}

/// The page: the default theme's search form, its scope the districts.
fn page_html(cx: &Ctx, t: &Strings) -> String {
    let kinds: String = crate::kind::Kind::all()
        .map(|k| {
            format!(
                "\n          <option value=\"{}\">{}</option>",
                k.word(),
                esc(t.get(&format!("kind_{}", k.word())))
            )
        })
        .collect();
    let districts: String = cx
        .config
        .districts
        .iter()
        .enumerate()
        .filter(|(i, _)| cx.data[*i].is_some())
        .map(|(i, d)| {
            format!(
                "\n          <option value=\"{}\">{}</option>",
                district_filter(i),
                esc(&d.name)
            )
        })
        .collect();
    let body = format!(
        r#"<link rel="stylesheet" href="../search.css">
<section class="search" id="search" data-state="idle" data-base="./" data-t-loading="{loading}" data-t-count="{count}" data-t-none="{none}" data-t-none-filtered="{none_filtered}" data-t-error="{error}">
  <form class="search-form" role="search" action="./" method="get">
    <div class="search-box">
      <input id="search-q" name="q" type="search" autocomplete="off" spellcheck="false" enterkeyhint="search" aria-label="{label}" placeholder="{placeholder}">
      <button type="submit">{button}</button>
    </div>
    <div class="search-filters">
      <div class="search-filter">
        <label for="search-kind">{kind}</label>
        <select id="search-kind" name="kind">
          <option value="">{kind_all}</option>{kinds}
        </select>
      </div>
      <div class="search-filter">
        <label for="search-in">{scope}</label>
        <select id="search-in" name="in">
          <option value="">{all_districts}</option>{districts}
        </select>
      </div>
    </div>
  </form>
  <p class="search-status" role="status" aria-live="polite"></p>
  <ol class="search-results"></ol>
  <button type="button" class="search-more" hidden>{more}</button>
  <noscript><p class="search-noscript">{noscript}</p></noscript>
</section>
<script src="../search.js" defer></script>
"#,
        loading = esc(t.get("search_loading")),
        count = esc(t.get("search_count")),
        none = esc(t.get("search_none")),
        none_filtered = esc(t.get("search_none_filtered")),
        error = esc(t.get("search_error")),
        label = esc(t.get("search_label")),
        placeholder = esc(t.get("search_placeholder")),
        button = esc(t.get("search_button")),
        kind = esc(t.get("search_kind")),
        kind_all = esc(t.get("search_kind_all")),
        scope = esc(t.get("search_scope")),
        all_districts = esc(cx.s.all_districts),
        more = esc(t.get("search_more")),
        noscript = esc(t.get("search_noscript")),
    );
    page(cx, "../", "search/", t.get("search_title"), &body)
}
