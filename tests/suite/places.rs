//! The places index (红色教育基地): `/places/` and `/places/<slug>/` from
//! the records' `location`, folded by `site.yaml`'s `places:`, and `check`'s
//! warning about one place written two ways.

use crate::common::Site;

const PLACES: &str = "places:
  - name: 谷文昌纪念馆
    aliases: [东山谷文昌纪念馆]
    slug: guwenchang
    address: 东山县铜陵镇
    description: 纪念谷文昌同志的展馆。
";

fn visit(title: &str, date: &str, location: &str, extra: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\nkind: practice\nlocation: {location}\n{extra}---\n参观学习。\n"
    )
}

/// The `basic` fixture with visits to one place written three ways over two
/// years, another place, and an internal visit to a third.
fn site(places: &str) -> Site {
    let site = Site::fixture("basic");
    let yaml = site.read("content/site.yaml");
    site.write("content/site.yaml", &format!("{yaml}{places}"));
    let b = "content/branches/xingwang";
    site.write(
        &format!("{b}/2025-12/visit.md"),
        &visit("参观纪念馆", "2025-12-05", "东山谷文昌纪念馆", ""),
    );
    site.write(
        &format!("{b}/2026-05/visit-2.md"),
        &visit("再访纪念馆", "2026-05-20", "谷文昌纪念馆", ""),
    );
    site.write(
        "content/branches/gangkou/2026-06/visit.md",
        &visit("港口支部参观", "2026-06-08", "谷文昌 纪念馆", ""),
    );
    site.write(
        &format!("{b}/2026-06/secret.md"),
        &visit(
            "内部参观秘密基地",
            "2026-06-09",
            "秘密教育基地",
            "visibility: internal\n",
        ),
    );
    site
}

#[test]
fn aliases_fold_and_the_most_visited_place_comes_first_with_counts_per_year() {
    let site = site(PLACES);
    let b = site.build();
    b.assert_ok();
    let index = b.page("places/index.html");
    let names = index.texts(".places-table tbody th a");
    // 谷文昌纪念馆: three spellings, three visits; then the fixture's
    // 社区党群服务中心 and 某某红色教育基地 (one each, by name).
    assert_eq!(names[0], "谷文昌纪念馆", "{names:?}");
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(!names.iter().any(|n| n.contains("东山")), "{names:?}");
    let first = index.texts(".places-table tbody tr:first-child td");
    // Visits, branches, then one column per year (2025, 2026).
    assert_eq!(
        index.texts(".places-table thead th")[3..5],
        ["2025", "2026"]
    );
    assert_eq!(first[..4], ["3", "2", "1", "2"], "{first:?}");
    assert_eq!(
        index.attrs(".places-table tbody th a", "href")[0],
        "/archive/places/guwenchang/"
    );

    let place = b.page("places/guwenchang/index.html");
    assert_eq!(place.text_of("h1"), "谷文昌纪念馆");
    let facts = place.text_of(".facts");
    for part in ["东山县铜陵镇", "东山谷文昌纪念馆"] {
        assert!(facts.contains(part), "{part} not in {facts}");
    }
    assert_eq!(
        place.text_of(".place-description"),
        "纪念谷文昌同志的展馆。"
    );
    assert_eq!(place.texts(".place-years tbody th"), ["2025", "2026"]);
    assert_eq!(
        place.texts(".place-years tbody td"),
        ["1", "2"],
        "counts per year"
    );
    // Newest first, each with its branch and a link to the record.
    assert_eq!(
        place.texts(".place-visits .card-title"),
        ["港口支部参观", "再访纪念馆", "参观纪念馆"]
    );
    assert!(
        place
            .attrs(".place-visits .card-title a", "href")
            .contains(&"/archive/branches/xingwang/2025-12/visit/".to_string())
    );
    // The sitemap lists the index and every place.
    let sitemap = b.text("sitemap.xml");
    for url in ["places/", "places/guwenchang/"] {
        assert!(
            sitemap.contains(&format!("https://example.org/archive/{url}<")),
            "{url}"
        );
    }
}

#[test]
fn a_visit_shows_its_first_photo() {
    let site = site(PLACES);
    let b = site.build();
    b.assert_ok();
    let index = b.page("places/index.html");
    let href = index
        .select(".places-table tbody th a")
        .into_iter()
        .find(|a| a.text().collect::<String>() == "某某红色教育基地")
        .and_then(|a| a.value().attr("href").map(str::to_string))
        .unwrap();
    let rel = format!("{}index.html", href.trim_start_matches("/archive/"));
    let place = b.page(&rel);
    assert_eq!(
        place.attrs(".place-visits img", "alt"),
        ["党员在基地重温入党誓词"]
    );
}

#[test]
fn without_aliases_each_spelling_is_a_place_of_its_own() {
    let site = site("");
    let b = site.build();
    b.assert_ok();
    let names = b
        .page("places/index.html")
        .texts(".places-table tbody th a");
    assert!(names.contains(&"东山谷文昌纪念馆".to_string()), "{names:?}");
    // Spaces do not make another place.
    assert_eq!(
        names
            .iter()
            .filter(|n| n.as_str() == "谷文昌纪念馆")
            .count(),
        1,
        "{names:?}"
    );
    assert_eq!(names[0], "谷文昌纪念馆", "two visits: first");
}

#[test]
fn an_internal_visit_is_on_no_public_page_but_on_the_internal_ones() {
    let site = site(PLACES);
    let b = site.build();
    b.assert_ok();
    let all = b.all_text();
    for secret in ["秘密教育基地", "内部参观秘密基地"] {
        assert!(!all.contains(secret), "{secret} published");
    }
    let count = b
        .page("places/index.html")
        .texts(".places-table tbody tr")
        .len();
    assert_eq!(count, 3);

    let internal = site.build_with(&["--internal"], &[]);
    internal.assert_ok();
    let names = internal
        .page("places/index.html")
        .texts(".places-table tbody th a");
    assert!(names.contains(&"秘密教育基地".to_string()), "{names:?}");
}

#[test]
fn check_warns_about_one_place_written_two_ways_with_both_spellings_and_where() {
    let site = site("");
    site.in_english();
    let ran = site.dangri(&["check"]);
    let warning = ran
        .stdout
        .lines()
        .find(|l| l.contains("look like one place"))
        .unwrap_or_else(|| panic!("no warning in:\n{}", ran.stdout));
    assert!(
        warning.starts_with("content/branches/xingwang/2025-12/visit.md:5:1: warning: `东山谷文昌纪念馆` and `谷文昌纪念馆`"),
        "{warning}"
    );
    assert!(
        warning.contains("`谷文昌纪念馆` at content/branches/gangkou/2026-06/visit.md:5:1 and 1 more record(s)")
            || warning.contains("`谷文昌纪念馆` at content/branches/xingwang/2026-05/visit-2.md:5:1 and 1 more record(s)"),
        "{warning}"
    );
    // One pair only: 某某红色教育基地 and 社区党群服务中心 are two places.
    assert_eq!(
        ran.stdout.matches("look like one place").count(),
        1,
        "{}",
        ran.stdout
    );

    // Folded by an alias: no warning.
    let folded = self::site(PLACES);
    let ran = folded.dangri(&["check"]);
    assert!(
        !ran.stdout.contains("look like one place"),
        "{}",
        ran.stdout
    );
}

#[test]
fn places_of_site_yaml_are_checked() {
    let site = site(
        "places:\n  - name: 甲馆\n    aliases: [乙馆]\n    slug: Bad Slug\n  - name: 乙馆\n  - 丙馆\n  - name: 丁馆\n    adress: x\n",
    );
    site.in_english();
    let ran = site.dangri(&["check"]);
    ran.assert_code(1);
    for (prefix, text) in [
        ("content/site.yaml:9:5:", "slug `Bad Slug`"),
        (
            "content/site.yaml:10:5:",
            "`乙馆` is already a name or alias of the place `甲馆`",
        ),
        ("content/site.yaml:11:3:", "each place is a map"),
        ("content/site.yaml:13:5:", "unknown field `adress`"),
    ] {
        assert!(
            ran.stdout
                .lines()
                .any(|l| l.starts_with(prefix) && l.contains(text)),
            "no `{prefix}` … `{text}` in:\n{}",
            ran.stdout
        );
    }
}
