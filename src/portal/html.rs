//! The portal's pages as HTML: plain, valid, accessible, styled by the
//! default theme's `style.css` (copied beside them). Every link inside the
//! portal is relative, so the folder works wherever it is served.

use crate::text::escape_html as esc;

use anyhow::Result;

use super::config::PortalConfig;
use super::read::DistrictData;
use super::strings::Strings;
use super::summary::{Figures, Kept, Lecture, Summary, rebase};

/// Appends formatted text to a `String` (writing to one cannot fail).
macro_rules! put {
    ($b:expr, $($arg:tt)*) => { $b.push_str(&format!($($arg)*)) };
}

/// `put!` and a newline.
macro_rules! putln {
    ($b:expr, $($arg:tt)*) => {{ put!($b, $($arg)*); $b.push('\n'); }};
}

/// The default theme's stylesheet, written as `/style.css`.
pub(super) const STYLE: &str = include_str!("../../themes/default/static/style.css");

/// What a page needs of the portal.
pub(super) struct Ctx<'a> {
    pub config: &'a PortalConfig,
    pub s: &'static Strings,
    /// What the portal kept of each district, in `portal.yaml`'s order;
    /// `None` when not read. Empty while the districts are being read
    /// (their own pages need none of it).
    pub districts: &'a [Option<Kept>],
}

impl Ctx<'_> {
    /// A district's URL from its export, under the address `portal.yaml`
    /// gives the district (see [`rebase`]).
    pub(super) fn district_link(&self, i: usize, url: &str) -> Option<String> {
        let site_url = self.districts.get(i).and_then(Option::as_ref);
        rebase(
            &self.config.districts[i].url,
            site_url.map(|k| k.site_url.as_str()),
            url,
        )
    }
}

/// The frame of every page. `root` leads back to the portal's root
/// (`""`, `"../"`, …); `path` is the page's folder under `base_url`.
pub(super) fn page(cx: &Ctx, root: &str, path: &str, title: &str, body: &str) -> String {
    let c = cx.config;
    let s = cx.s;
    let home = if root.is_empty() { "./" } else { root };
    let full_title = if path.is_empty() {
        esc(&c.title)
    } else {
        format!("{} · {}", esc(title), esc(&c.title))
    };
    let current = |p: &str| {
        if p == path {
            r#" aria-current="page""#
        } else {
            ""
        }
    };
    format!(
        r##"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{full_title}</title>
<link rel="canonical" href="{base}{path_attr}">
<link rel="stylesheet" href="{root}style.css">
</head>
<body class="portal">
<a class="skip-link" href="#main">{skip}</a>
<header class="site-header">
  <div class="wrap header-inner">
    <a class="site-title" href="{home}"><span class="site-mark" aria-hidden="true"></span>{site_title}</a>
    <nav class="site-nav" aria-label="{nav_label}">
      <ul>
        <li><a href="{home}"{cur_home}>{nav_home}</a></li>
        <li><a href="{root}lectures/"{cur_lectures}>{nav_lectures}</a></li>
        <li><a href="{root}search/"{cur_search}>{nav_search}</a></li>
      </ul>
    </nav>
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
<h1>{h1}</h1>
{body}</main>
<footer class="site-footer">
  <div class="wrap"><p class="generator">{generated}</p></div>
</footer>
</body>
</html>
"##,
        lang = c.lang.code(),
        base = esc(&c.base_url),
        path_attr = esc(path),
        skip = s.skip_to_content,
        site_title = esc(&c.title),
        nav_label = s.nav_label,
        cur_home = current(""),
        nav_home = s.nav_home,
        cur_lectures = current("lectures/"),
        nav_lectures = s.nav_lectures,
        cur_search = current("search/"),
        nav_search = s.nav_search,
        h1 = esc(title),
        generated = s.generated_by,
    )
}

/// A link when there is an address, else the text alone.
fn link(href: Option<&str>, text: &str) -> String {
    match href {
        Some(h) => format!(r#"<a href="{}">{}</a>"#, esc(h), esc(text)),
        None => esc(text),
    }
}

/// `/index.html`: the districts side by side.
pub(super) fn index(cx: &Ctx, summary: &Summary) -> String {
    let s = cx.s;
    let mut b = String::new();
    putln!(
        b,
        r#"<table class="portal-districts">
<caption>{}</caption>
<thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead>
<tbody>"#,
        s.districts,
        s.district,
        s.committees,
        s.branches,
        s.months_reported,
        s.lectures
    );
    for (i, (d, f)) in cx
        .config
        .districts
        .iter()
        .zip(&summary.districts)
        .enumerate()
    {
        let name = link(Some(&d.url), &d.name);
        match f {
            Some(f) => {
                putln!(
                    b,
                    r#"<tr class="district"><th scope="row">{name} <small>(<a href="districts/{n}/">{page}</a>)</small></th><td class="committees">{}</td><td class="branches">{}</td><td class="months">{}</td><td class="lectures">{}</td></tr>"#,
                    f.committees,
                    f.branches,
                    f.months_reported,
                    f.lectures,
                    n = i + 1,
                    page = s.portal_page,
                );
            }
            None => {
                putln!(
                    b,
                    r#"<tr class="district missing"><th scope="row">{name}</th><td colspan="4" class="missing">{}</td></tr>"#,
                    s.missing
                );
            }
        }
    }
    let t = summary.total();
    putln!(
        b,
        r#"</tbody>
<tfoot><tr class="total"><th scope="row">{}</th><td class="committees">{}</td><td class="branches">{}</td><td class="months"></td><td class="lectures">{}</td></tr></tfoot>
</table>"#,
        s.total,
        t.committees,
        t.branches,
        t.lectures
    );
    missing_note(cx, summary, &mut b);
    if let Some(year) = &summary.year {
        month_table(
            cx,
            summary,
            &t,
            &s.five_things_year.replace("{year}", year),
            "five",
            |m| {
                let open = if m.in_progress {
                    format!("<span class=\"open\">{}</span>", s.in_progress)
                } else {
                    String::new()
                };
                format!(
                    r#"<td class="five" data-complete="{}" data-due="{}"{}>{} / {}{open}</td>"#,
                    m.complete,
                    m.due,
                    if m.in_progress {
                        r#" data-in-progress="""#
                    } else {
                        ""
                    },
                    m.complete,
                    m.due
                )
            },
            &mut b,
        );
        putln!(b, "<p>{}</p>", s.five_things_note);
        month_table(
            cx,
            summary,
            &t,
            &s.lectures_year.replace("{year}", year),
            "lectures-per-month",
            |m| format!(r#"<td class="lectures">{}</td>"#, m.lectures),
            &mut b,
        );
    }
    assessment(cx, &mut b);
    page(cx, "", "", &cx.config.title, &b)
}

/// The yearly assessment of the latest year any district exports: per
/// district the branches assessed, their average score and how many have
/// each grade (in the district's own grades), with a total row. Nothing
/// when no district exports one.
fn assessment(cx: &Ctx, b: &mut String) {
    let s = cx.s;
    let Some(year) = cx
        .districts
        .iter()
        .flatten()
        .flat_map(|d| d.assessments.iter().map(|a| a.year))
        .max()
    else {
        return;
    };
    putln!(
        b,
        r#"<table class="portal-assessment">
<caption>{}</caption>
<thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead>
<tbody>"#,
        s.assessment_year.replace("{year}", &year.to_string()),
        s.district,
        s.assessed,
        s.average,
        s.grades
    );
    let (mut branches, mut points) = (0usize, 0f64);
    for (i, d) in cx.config.districts.iter().enumerate() {
        let Some(a) = cx.districts[i]
            .as_ref()
            .and_then(|x| x.assessments.iter().find(|a| a.year == year))
        else {
            continue;
        };
        let sum: f64 = a.branches.iter().map(|r| r.score).sum();
        let average = if a.branches.is_empty() {
            String::new()
        } else {
            format!("{:.1}", sum / a.branches.len() as f64)
        };
        let grades: Vec<String> = a
            .grades
            .iter()
            .map(|g| {
                let n = a.branches.iter().filter(|r| r.grade == g.name).count();
                format!(
                    r#"<span class="grade" data-grade="{name}" data-count="{n}">{name} {n}</span>"#,
                    name = esc(&g.name)
                )
            })
            .collect();
        let open = if a.in_progress {
            format!("<span class=\"open\">{}</span>", s.in_progress)
        } else {
            String::new()
        };
        putln!(
            b,
            r#"<tr class="district"><th scope="row">{}{open}</th><td class="assessed">{}</td><td class="average">{average}</td><td class="grades">{}</td></tr>"#,
            link(Some(&d.url), &d.name),
            a.branches.len(),
            grades.join(s.list_sep)
        );
        branches += a.branches.len();
        points += sum;
    }
    let average = if branches == 0 {
        String::new()
    } else {
        format!("{:.1}", points / branches as f64)
    };
    putln!(
        b,
        r#"</tbody>
<tfoot><tr class="total"><th scope="row">{}</th><td class="assessed">{branches}</td><td class="average">{average}</td><td></td></tr></tfoot>
</table>"#,
        s.total
    );
}

fn missing_note(cx: &Ctx, summary: &Summary, b: &mut String) {
    let missing: Vec<String> = cx
        .config
        .districts
        .iter()
        .zip(&summary.districts)
        .filter(|(_, f)| f.is_none())
        .map(|(d, _)| format!("<li>{}（{}）</li>", esc(&d.name), cx.s.missing))
        .collect();
    if !missing.is_empty() {
        putln!(
            b,
            r#"<div class="portal-missing" role="note"><p>{}</p><ul>{}</ul></div>"#,
            cx.s.missing_note,
            missing.concat()
        );
    }
}

/// A table of the latest year's months, a column per district read and
/// one for the total.
fn month_table(
    cx: &Ctx,
    summary: &Summary,
    total: &Figures,
    caption: &str,
    class: &str,
    cell: impl Fn(&super::summary::MonthFigures) -> String,
    b: &mut String,
) {
    let read: Vec<(usize, &Figures)> = summary
        .districts
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.as_ref().map(|f| (i, f)))
        .collect();
    put!(
        b,
        r#"<table class="portal-months {class}">
<caption>{}</caption>
<thead><tr><th scope="col">{}</th>"#,
        esc(caption),
        cx.s.month
    );
    for (i, _) in &read {
        put!(
            b,
            r#"<th scope="col">{}</th>"#,
            esc(&cx.config.districts[*i].name)
        );
    }
    putln!(
        b,
        r#"<th scope="col">{}</th></tr></thead><tbody>"#,
        cx.s.total
    );
    for (m, ym) in summary.months.iter().enumerate() {
        put!(b, r#"<tr><th scope="row">{ym}</th>"#);
        for (_, f) in &read {
            b.push_str(&cell(&f.per_month[m]));
        }
        putln!(
            b,
            r#"{}</tr>"#,
            cell(&total.per_month[m]).replacen("<td", r#"<td data-total="""#, 1)
        );
    }
    b.push_str("</tbody></table>\n");
}

/// `/districts/<n>/index.html`: a district's committees and branches,
/// written while its data is held.
pub(super) fn district(cx: &Ctx, i: usize, d: &DistrictData, f: &Figures) -> String {
    let s = cx.s;
    let src = &cx.config.districts[i];
    let mut b = String::new();
    putln!(
        b,
        r#"<p class="portal-district-site"><a href="{}">{} · {}</a></p>
<p>{}: {} · {}: {} · {}: {}</p>"#,
        esc(&src.url),
        esc(&src.name),
        s.own_site,
        s.branches,
        f.branches,
        s.months_reported,
        f.months_reported,
        s.lectures,
        f.lectures
    );
    let by_id: std::collections::BTreeMap<&str, &super::read::Branch> = d
        .site
        .branches
        .iter()
        .map(|br| (br.id.as_str(), br))
        .collect();
    for c in &d.site.committees {
        putln!(
            b,
            r#"<section class="committee"><h2>{}</h2><ul class="portal-branches">"#,
            esc(&c.name)
        );
        for id in &c.branches {
            if let Some(br) = by_id.get(id.as_str()) {
                putln!(
                    b,
                    "<li>{}</li>",
                    link(
                        rebase(&src.url, Some(&d.site.site.url), &br.url).as_deref(),
                        &br.name
                    )
                );
            }
        }
        b.push_str("</ul></section>\n");
    }
    let path = format!("districts/{}/", i + 1);
    page(cx, "../../", &path, &src.name, &b)
}

/// The combined lecture index, paged by month so that a province's
/// hundreds of thousands of lectures never make one page: `/lectures/`
/// shows the newest month and lists every month; `/lectures/<YYYY-MM>/`
/// shows one. `write` gets each page's path (under the portal) and HTML as
/// it is made; the number of pages comes back. `all` is newest first.
pub(super) fn lectures(
    cx: &Ctx,
    all: &[Lecture],
    mut write: impl FnMut(&str, &str) -> Result<()>,
) -> Result<usize> {
    let s = cx.s;
    if all.is_empty() {
        let b = format!("<p>{}</p>\n", s.no_lectures);
        write(
            "lectures/index.html",
            &page(cx, "../", "lectures/", s.lecture_index, &b),
        )?;
        return Ok(1);
    }
    // Months, newest first, each with its run of `all`.
    fn month(l: &Lecture) -> &str {
        l.date.get(..7).unwrap_or("")
    }
    let months: Vec<(&str, &[Lecture])> = all
        .chunk_by(|a, b| month(a) == month(b))
        .map(|run| (month(&run[0]), run))
        .collect();
    let nav = |here: Option<&str>, up: &str| {
        let mut b = format!(
            "<nav class=\"lecture-months portal-months\" aria-label=\"{}\"><ul class=\"month-links\">\n",
            s.by_month
        );
        for (ym, items) in &months {
            let current = if here == Some(*ym) {
                r#" aria-current="page""#
            } else {
                ""
            };
            putln!(
                b,
                r#"<li><a href="{up}{ym}/"{current}>{}</a> <span class="count">{}</span></li>"#,
                esc(ym),
                items.len()
            );
        }
        b.push_str("</ul></nav>\n");
        b
    };
    for (n, (ym, items)) in months.iter().enumerate() {
        let mut b = nav(Some(ym), "../");
        b.push_str(&lecture_table(cx, items, "../../"));
        let title = format!("{} · {ym}", s.lecture_index);
        let path = format!("lectures/{ym}/");
        write(
            &format!("{path}index.html"),
            &page(cx, "../../", &path, &title, &b),
        )?;
        if n == 0 {
            let mut b = nav(None, "");
            putln!(b, "<h2>{}</h2>", esc(ym));
            b.push_str(&lecture_table(cx, items, "../"));
            write(
                "lectures/index.html",
                &page(cx, "../", "lectures/", s.lecture_index, &b),
            )?;
        }
    }
    Ok(months.len() + 1)
}

/// A table of lectures; `root` leads back to the portal's root.
fn lecture_table(cx: &Ctx, items: &[Lecture], root: &str) -> String {
    let s = cx.s;
    let mut b = String::new();
    putln!(
        b,
        r#"<table class="portal-lectures">
<thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead>
<tbody>"#,
        s.date,
        s.title,
        s.branch,
        s.district,
        s.speaker
    );
    for l in items {
        putln!(
            b,
            r#"<tr><td>{}</td><td>{}</td><td>{}</td><td><a href="{root}districts/{}/">{}</a></td><td>{}</td></tr>"#,
            esc(&l.date),
            link(l.href.as_deref(), &l.title),
            esc(&l.branch),
            l.district + 1,
            esc(&cx.config.districts[l.district].name),
            l.speaker.as_deref().map(esc).unwrap_or_default()
        );
    }
    b.push_str("</tbody></table>\n");
    b
}
