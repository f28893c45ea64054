//! `dangri portal` (issue 21): three fixture districts built with `dangri
//! build`, one missing and one malformed, read through their `/data/`
//! exports only. The portal's totals are the districts' own, every link
//! into a district leads to a page that district built, and an unreadable
//! district is reported and marked while the rest builds.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{Page, Site};

/// A district: a fixture built at `url`.
struct District {
    name: &'static str,
    url: &'static str,
    site: Site,
}

impl District {
    fn build(name: &'static str, fixture: &str, url: &'static str) -> District {
        let site = Site::fixture(fixture);
        let yaml = fs::read_to_string(site.root.join("content/site.yaml")).unwrap();
        let yaml: String = yaml
            .lines()
            .map(|l| {
                if l.starts_with("base_url:") {
                    format!("base_url: {url}\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        site.write("content/site.yaml", &yaml);
        site.build().assert_ok();
        District { name, url, site }
    }

    fn data(&self) -> PathBuf {
        self.site.out().join("data")
    }

    fn site_json(&self) -> Value {
        serde_json::from_str(&fs::read_to_string(self.data().join("site.json")).unwrap()).unwrap()
    }

    fn records(&self) -> Vec<Value> {
        let site = self.site_json();
        site["files"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|f| {
                let path = self
                    .data()
                    .join(format!("records/{}.json", f["month"].as_str().unwrap()));
                let v: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
                v["records"].as_array().unwrap().clone()
            })
            .collect()
    }

    fn lectures(&self) -> usize {
        self.records()
            .iter()
            .filter(|r| r["kind"] == "lecture")
            .count()
    }

    /// The file of this district's output an absolute URL names, if the
    /// URL is this district's.
    fn file_of(&self, url: &str) -> Option<PathBuf> {
        let rest = url.strip_prefix(self.url)?;
        let rest = rest.split('#').next().unwrap_or_default();
        let rest = percent_encoding::percent_decode_str(rest)
            .decode_utf8()
            .unwrap()
            .into_owned();
        let out = self.site.out();
        Some(if rest.is_empty() || rest.ends_with('/') {
            out.join(rest).join("index.html")
        } else {
            out.join(rest)
        })
    }
}

struct Portal {
    _dir: tempfile::TempDir,
    root: PathBuf,
    districts: Vec<District>,
}

/// Three built districts, one missing, one with bad JSON and one of
/// another version, in a portal folder beside them.
fn portal() -> Portal {
    let districts = vec![
        District::build("海沧区", "basic", "https://haicang.example.org/"),
        District::build(
            "思明区",
            "supervision",
            "https://siming.example.org/archive/",
        ),
        District::build("湖里区", "basic", "https://huli.example.org/"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("portal");
    fs::create_dir_all(&root).unwrap();
    let broken = dir.path().join("broken/data");
    fs::create_dir_all(&broken).unwrap();
    fs::write(broken.join("site.json"), "{\"format\": \"dangri-site\", ").unwrap();
    let future = dir.path().join("future/data");
    fs::create_dir_all(&future).unwrap();
    fs::write(
        future.join("site.json"),
        r#"{"format":"dangri-site","version":2,"site":{}}"#,
    )
    .unwrap();
    // A relative path, a file:// URL, and a plain absolute path.
    let relative = pathdiff(&districts[0].data(), &root);
    let yaml = format!(
        "title: 厦门市基层党组织活动档案门户
base_url: https://portal.example.org/
language: zh-CN
districts:
  - {{ name: {}, url: {}, data: {} }}
  - {{ name: {}, url: {}, data: 'file://{}' }}
  - {{ name: 缺失区, url: https://missing.example.org/, data: ../nowhere/data }}
  - {{ name: 损坏区, url: https://broken.example.org/, data: {} }}
  - {{ name: {}, url: {}, data: {} }}
  - {{ name: 新版区, url: https://future.example.org/, data: {} }}
",
        districts[0].name,
        districts[0].url,
        relative.display(),
        districts[1].name,
        districts[1].url,
        districts[1].data().display(),
        broken.display(),
        districts[2].name,
        districts[2].url,
        districts[2].data().display(),
        future.display(),
    );
    fs::write(root.join("portal.yaml"), yaml).unwrap();
    Portal {
        _dir: dir,
        root,
        districts,
    }
}

/// `path` relative to `base` (both absolute, in the same temporary tree).
fn pathdiff(path: &Path, base: &Path) -> PathBuf {
    let common = path.ancestors().find(|a| base.starts_with(a)).unwrap();
    let ups = base.strip_prefix(common).unwrap().components().count();
    let mut rel = PathBuf::new();
    for _ in 0..ups {
        rel.push("..");
    }
    rel.join(path.strip_prefix(common).unwrap())
}

fn run(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dangri"))
        .arg("portal")
        .arg(dir)
        .args(args)
        .output()
        .unwrap()
}

fn page(out: &Path, rel: &str) -> Page {
    let text = fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    Page {
        html: scraper::Html::parse_document(&text),
        rel: rel.to_string(),
    }
}

fn number(s: &str) -> usize {
    s.trim()
        .parse()
        .unwrap_or_else(|_| panic!("`{s}` is not a number"))
}

#[test]
fn the_portal_sums_the_districts_and_marks_the_unreadable_ones() {
    let p = portal();
    let done = run(&[], &p.root);
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(done.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // The unreadable districts, each named with its reason.
    for (name, why) in [
        ("缺失区", "is not a folder"),
        ("损坏区", "not a dangri data file"),
        ("新版区", "version 2"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(&format!("district {name}:")) && l.contains(why)),
            "no line for {name} ({why}) in:\n{stderr}"
        );
    }
    for d in &p.districts {
        assert!(!stderr.contains(d.name), "{}: {stderr}", d.name);
    }

    let out = p.root.join("public");
    let index = page(&out, "index.html");
    let rows = index.select("table.portal-districts tbody tr");
    assert_eq!(rows.len(), 6);
    let row_texts = index.texts("table.portal-districts tbody tr");
    for (i, name) in [(2, "缺失区"), (3, "损坏区"), (5, "新版区")] {
        assert!(
            row_texts[i].contains(name) && row_texts[i].contains("数据不可用"),
            "{}",
            row_texts[i]
        );
    }
    let branches: Vec<usize> = index
        .texts("table.portal-districts tbody tr td.branches")
        .iter()
        .map(|t| number(t))
        .collect();
    let lectures: Vec<usize> = index
        .texts("table.portal-districts tbody tr td.lectures")
        .iter()
        .map(|t| number(t))
        .collect();
    let own_branches: Vec<usize> = p
        .districts
        .iter()
        .map(|d| d.site_json()["branches"].as_array().unwrap().len())
        .collect();
    let own_lectures: Vec<usize> = p.districts.iter().map(District::lectures).collect();
    assert_eq!(branches, own_branches);
    assert_eq!(lectures, own_lectures);
    assert!(own_lectures.iter().all(|&n| n > 0), "{own_lectures:?}");
    let total = |class: &str| number(&index.text_of(&format!("tfoot td.{class}")));
    assert_eq!(total("branches"), own_branches.iter().sum::<usize>());
    assert_eq!(total("lectures"), own_lectures.iter().sum::<usize>());

    // The five things of the latest year: each month's total is the sum of
    // the branch-months the districts themselves mark complete.
    let months = index.texts("table.five tbody th");
    assert!(!months.is_empty());
    let totals_complete = index.attrs("table.five td[data-total]", "data-complete");
    assert_eq!(totals_complete.len(), months.len());
    for (month, shown) in months.iter().zip(&totals_complete) {
        let own: usize = p
            .districts
            .iter()
            .map(|d| {
                d.site_json()["branches"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|b| b["months"].as_array().unwrap().clone())
                    .filter(|m| m["month"] == month.as_str() && m["complete"] == true)
                    .count()
            })
            .sum();
        assert_eq!(number(shown), own, "{month}");
    }

    // The combined lecture index holds every district's lectures, a page
    // per month, newest first; its first page is the newest month's and
    // lists every month.
    let lectures_page = page(&out, "lectures/index.html");
    let months = lectures_page.attrs("nav.portal-months a", "href");
    assert!(months.len() > 1, "{months:?}");
    let mut sorted = months.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(months, sorted, "newest month first");
    let mut all_dates = Vec::new();
    for href in &months {
        let month = page(&out, &format!("lectures/{href}index.html"));
        let dates = month.texts("table.portal-lectures tbody tr td:first-child");
        assert!(!dates.is_empty(), "{href}");
        assert!(
            dates
                .iter()
                .all(|d| d.starts_with(href.trim_end_matches('/'))),
            "{href}: {dates:?}"
        );
        all_dates.extend(dates);
    }
    assert_eq!(all_dates.len(), own_lectures.iter().sum::<usize>());
    let mut sorted = all_dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(all_dates, sorted, "newest first");
    let newest = page(&out, &format!("lectures/{}index.html", months[0]));
    assert_eq!(
        lectures_page.texts("table.portal-lectures tbody tr td:first-child"),
        newest.texts("table.portal-lectures tbody tr td:first-child"),
        "the index shows the newest month"
    );

    // Every link into a district is a page that district built; every
    // link inside the portal is a page of the portal.
    let mut pages = vec!["index.html".to_string(), "lectures/index.html".to_string()];
    pages.extend(months.iter().map(|m| format!("lectures/{m}index.html")));
    for n in [1, 2, 5] {
        pages.push(format!("districts/{n}/index.html"));
    }
    assert!(!out.join("districts/3").exists());
    let mut into_districts = 0;
    for rel in &pages {
        let pg = page(&out, rel);
        for href in pg.attrs("a", "href") {
            if href.starts_with('#') || href.starts_with("https://portal.example.org/") {
                continue;
            }
            if let Some(file) = p.districts.iter().find_map(|d| d.file_of(&href)) {
                assert!(
                    file.is_file(),
                    "{rel}: {href} → {} is not built",
                    file.display()
                );
                into_districts += 1;
            } else if href.starts_with("https://") {
                assert!(
                    ["missing", "broken", "future"]
                        .iter()
                        .any(|h| href.starts_with(&format!("https://{h}.example.org/"))),
                    "{rel}: {href} leads nowhere known"
                );
            } else {
                let base = out.join(rel).parent().unwrap().to_path_buf();
                let target = base.join(&href);
                let file = if href.ends_with('/') {
                    target.join("index.html")
                } else {
                    target
                };
                assert!(file.is_file(), "{rel}: {href} is not a page of the portal");
            }
        }
    }
    let expected_links: usize =
        own_branches.iter().sum::<usize>() + own_lectures.iter().sum::<usize>();
    assert!(
        into_districts >= expected_links,
        "{into_districts} < {expected_links}"
    );
    let district_page = page(&out, "districts/2/index.html");
    assert_eq!(
        district_page.select("ul.portal-branches a").len(),
        own_branches[1]
    );

    // Deterministic: a second portal is the same bytes.
    let again = p.root.join("again");
    let done = run(&["-o", again.to_str().unwrap()], &p.root);
    assert!(done.status.success());
    assert_eq!(Site::files_of(&out), Site::files_of(&again));
}

#[test]
fn a_portal_without_a_readable_district_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("portal.yaml"),
        "title: t\nbase_url: https://p.example.org/\ndistricts:\n  - { name: 缺失区, url: https://m.example.org/, data: nowhere }\n",
    )
    .unwrap();
    let done = run(&[], dir.path());
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("district 缺失区") && stderr.contains("is not a folder"),
        "{stderr}"
    );
    assert!(!dir.path().join("public").exists());
}

#[test]
fn a_typo_in_portal_yaml_is_an_error_that_names_the_key() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("portal.yaml"),
        "title: t\nbase_url: https://p.example.org/\ndistrict: []\n",
    )
    .unwrap();
    let done = run(&[], dir.path());
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("portal.yaml") && stderr.contains("district"),
        "{stderr}"
    );
}

#[test]
fn a_districts_month_in_progress_is_marked_and_not_a_failure() {
    // One district built on 4 June 2026: June (its latest month) is before
    // its deadline, and its export says so.
    let site = Site::fixture("basic");
    site.build_with(&[], &[("DANGRI_TODAY", "2026-06-04")])
        .assert_ok();
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("portal.yaml"),
        format!(
            "title: t\nbase_url: https://p.example.org/\ndistricts:\n  - {{ name: 海沧区, url: https://example.org/archive/, data: {} }}\n",
            site.out().join("data").display()
        ),
    )
    .unwrap();
    let done = run(&[], dir.path());
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let index = page(&dir.path().join("public"), "index.html");
    let marked = |css: &str| -> Vec<String> {
        index
            .select(css)
            .iter()
            .map(|td| td.text().collect::<String>())
            .collect()
    };
    // May is over; June is not, in the district's cell and in the total.
    assert_eq!(
        marked("table.five td[data-in-progress]"),
        vec!["0 / 3（进行中）", "0 / 3（进行中）"]
    );
    assert_eq!(marked("table.five td:not([data-in-progress])").len(), 2);
}

/// Issue 21: the portal's search covers every district read, from their
/// exports: in headless Chromium, a query finds a record of each district
/// that has it, the district filter keeps one, results link to the
/// district's own site, and nothing internal is in the index.
#[test]
fn the_portal_searches_every_district() {
    let p = portal();
    let done = run(&[], &p.root);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let out = p.root.join("public");
    let index = page(&out, "search/index.html");
    assert_eq!(
        index.attrs("#search-in option", "value"),
        ["", "d:0", "d:1", "d:4"],
        "the districts read, and only them"
    );
    let tables: String = (0..)
        .map_while(|n| fs::read_to_string(out.join(format!("search/d/{n}.json"))).ok())
        .collect();
    assert!(tables.contains("参观红色教育基地"), "{tables}");
    assert!(
        !tables.contains("绝密"),
        "an internal record is in the index"
    );

    let port = crate::common::serve(out.clone());
    let results = |query: &str| {
        let dom = crate::common::dump_dom(
            &format!("http://127.0.0.1:{port}/search/?q={query}"),
            (1024, 768),
        );
        let html = scraper::Html::parse_document(&dom);
        let state = html
            .select(&scraper::Selector::parse("#search").unwrap())
            .next()
            .and_then(|s| s.value().attr("data-state").map(str::to_string))
            .unwrap_or_default();
        let links: Vec<(String, String)> = html
            .select(&scraper::Selector::parse(".search-result-title a").unwrap())
            .map(|a| {
                (
                    a.text().collect::<String>(),
                    a.value().attr("href").unwrap_or("").to_string(),
                )
            })
            .collect();
        (state, links)
    };
    let (state, found) = results("红色教育");
    assert_eq!(state, "done", "{found:?}");
    let visits: Vec<&str> = found
        .iter()
        .filter(|(t, _)| t == "参观红色教育基地")
        .map(|(_, u)| u.as_str())
        .collect();
    assert!(
        visits
            .iter()
            .any(|u| u.starts_with("https://haicang.example.org/"))
            && visits
                .iter()
                .any(|u| u.starts_with("https://huli.example.org/")),
        "{found:?}"
    );
    let (state, found) = results("红色教育&in=d:4");
    assert_eq!(state, "done", "{found:?}");
    assert!(
        found
            .iter()
            .all(|(_, u)| u.starts_with("https://huli.example.org/")),
        "{found:?}"
    );
    let (state, found) = results("绝密");
    assert_eq!(state, "none", "{found:?}");
}

/// Issue 21: the yearly assessment across districts, from their exports:
/// per district the branches assessed, their average and the count of each
/// grade equal what the district's own `dangri report assessment` gives,
/// and the total row sums them.
#[test]
fn the_portal_puts_the_districts_assessments_side_by_side() {
    let p = portal();
    let done = run(&[], &p.root);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let index = page(&p.root.join("public"), "index.html");
    let year = p
        .districts
        .iter()
        .flat_map(|d| d.site_json()["assessments"].as_array().unwrap().clone())
        .map(|a| a["year"].as_u64().unwrap())
        .max()
        .unwrap();
    let caption = index.texts("table.portal-assessment caption").join("");
    assert!(caption.contains(&year.to_string()), "{caption}");
    let assessed = index.texts("table.portal-assessment tbody td.assessed");
    let averages = index.texts("table.portal-assessment tbody td.average");
    let grade_counts = index.attrs("table.portal-assessment tbody td.grades span", "data-count");
    let grade_names = index.attrs("table.portal-assessment tbody td.grades span", "data-grade");
    let (mut total, mut shown_grades) = (0, 0);
    let mut row = 0;
    for d in &p.districts {
        let rows = crate::report::assessment_rows(&d.site, year);
        if rows.is_empty() {
            continue;
        }
        assert_eq!(number(&assessed[row]), rows.len(), "{}", d.name);
        let mean = rows
            .iter()
            .map(|r| r["score"].parse::<f64>().unwrap())
            .sum::<f64>()
            / rows.len() as f64;
        assert_eq!(averages[row], format!("{mean:.1}"), "{}", d.name);
        // This district's grades: one span each, best first.
        let mut names: Vec<&str> = Vec::new();
        while shown_grades < grade_names.len() {
            let name = grade_names[shown_grades].as_str();
            if names.contains(&name) {
                break;
            }
            let n = rows.iter().filter(|r| r["grade"] == name).count();
            assert_eq!(number(&grade_counts[shown_grades]), n, "{} {name}", d.name);
            names.push(name);
            shown_grades += 1;
        }
        let graded: usize = rows
            .iter()
            .filter(|r| names.contains(&r["grade"].as_str()))
            .count();
        assert_eq!(
            graded,
            rows.len(),
            "{}: every branch has a grade shown",
            d.name
        );
        total += rows.len();
        row += 1;
    }
    assert_eq!(
        row,
        assessed.len(),
        "one row per district with an assessment"
    );
    assert_eq!(shown_grades, grade_names.len());
    let foot = index.texts("table.portal-assessment tfoot td.assessed");
    assert_eq!(number(&foot[0]), total);
}
