//! Fingertip lectures (指尖党课): the phone page of every lecture.

use crate::common::Site;

/// A long lecture: six headed sections, about 6,000 Chinese characters.
fn long_lecture() -> String {
    let sentence = "我们要把学习成果转化为推动基层治理的实际行动，做到学思用贯通、知信行统一。";
    let mut body = String::new();
    for h in ["一", "二", "三", "四", "五", "六"] {
        body.push_str(&format!("## {h}、关于党建引领基层治理的思考\n\n"));
        for _ in 0..3 {
            body.push_str(&sentence.repeat(9));
            body.push_str("\n\n");
        }
    }
    format!(
        "---\ntitle: 党建引领基层治理的长篇党课\ndate: 2026-06-20\nkind: lecture\nspeaker: chen-jianguo\nduration: 90\nphotos:\n  - src: hall.jpg\n    caption: 党课现场\n---\n{body}"
    )
}

fn site() -> Site {
    let site = Site::fixture("basic");
    site.write(
        "content/branches/xingwang/2026-06/long-lecture.md",
        &long_lecture(),
    );
    let photo = std::fs::read(
        site.root
            .join("content/branches/xingwang/2026-05/visit.jpg"),
    )
    .unwrap();
    site.write_bytes("content/branches/xingwang/2026-06/hall.jpg", &photo);
    site
}

const PAGE: &str = "lectures/xingwang-2026-06-long-lecture/index.html";

#[test]
fn phone_page_puts_speaker_branch_date_and_duration_first_and_photos_last() {
    let site = site();
    let b = site.build();
    b.assert_ok();
    let page = b.page(PAGE);
    assert_eq!(page.text_of("h1"), "党建引领基层治理的长篇党课");
    assert_eq!(
        page.attrs(".lecture-header a[href*='/speakers/']", "href"),
        vec!["/archive/speakers/chen-jianguo/"]
    );
    let header = page.text_of(".lecture-header");
    for part in ["陈建国", "新阳街道兴旺社区党支部", "2026年6月20日", "90"] {
        assert!(header.contains(part), "{part} not in the header: {header}");
    }
    // The text comes before the photos.
    let html = b.text(PAGE);
    let text_at = html.find("class=\"prose").unwrap();
    let photos_at = html.find("class=\"gallery").unwrap();
    assert!(text_at < photos_at);
    // No script is needed to read it.
    assert!(page.select("script").is_empty());
}

#[test]
fn phone_page_links_neighbours_and_the_speakers_other_lectures() {
    let site = site();
    let b = site.build();
    b.assert_ok();
    let page = b.page(PAGE);
    // Newest first: 06-20 (this), 06-15 (gangkou), 05-10 (xingwang, same speaker).
    assert_eq!(
        page.attrs(".pager a[rel=prev]", "href"),
        vec!["/archive/lectures/gangkou-2026-06-lecture/"]
    );
    assert!(
        page.select(".pager a[rel=next]").is_empty(),
        "the newest lecture has no next"
    );
    let others = page.attrs(".lecture-list a", "href");
    assert_eq!(others, vec!["/archive/lectures/xingwang-2026-05-lecture/"]);
}

#[test]
fn phone_page_with_its_stylesheets_stays_under_50_kb() {
    let site = site();
    let b = site.build();
    b.assert_ok();
    let page = b.page(PAGE);
    let html = b.text(PAGE);
    assert!(
        html.chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count()
            > 5_000,
        "the lecture is long"
    );
    let mut total = html.len();
    for href in page.attrs("link[rel=stylesheet]", "href") {
        let css = b.text(href.trim_start_matches("/archive/"));
        total += css.len();
    }
    assert!(
        total <= 50 * 1024,
        "HTML and CSS of a lecture page weigh {total} bytes"
    );
}

/// Issue 22: the site links to the LED shows, from each lecture's phone
/// page and from `/screens/` for the people who run screens.
#[test]
fn lectures_and_the_screens_page_link_to_the_led_shows() {
    let site = Site::fixture("basic");
    // A second lecture kept off screens.
    site.write(
        "content/branches/gangkou/2026-06/off.md",
        "---\ntitle: 不上大屏的党课\ndate: 2026-06-20\nkind: lecture\nspeaker_name: 王老师\nled: false\n---\n正文。\n",
    );
    let built = site.build();
    built.assert_ok();
    let out = &built.out;
    let file_of = |url: &str| {
        let path = url.strip_prefix("/archive/").unwrap();
        out.join(path).join("index.html")
    };
    let links = |page: &str, selector: &str| -> Vec<String> {
        let html = scraper::Html::parse_document(&std::fs::read_to_string(out.join(page)).unwrap());
        let sel = scraper::Selector::parse(selector).unwrap();
        html.select(&sel)
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect()
    };
    let shows = links(
        "lectures/xingwang-2026-05-lecture/index.html",
        ".screen-links a",
    );
    assert!(
        shows.len() >= 3,
        "a show per profile and the help: {shows:?}"
    );
    for url in &shows {
        assert!(file_of(url).is_file(), "{url}");
    }
    assert!(shows.iter().any(|u| u.starts_with("/archive/led/")));
    assert!(
        links("lectures/gangkou-2026-06-off/index.html", ".screen-links a").is_empty(),
        "a lecture with led: false has no show to link to"
    );
    let channels = links("screens/index.html", ".screen-profile a");
    assert!(!channels.is_empty());
    for url in &channels {
        assert!(file_of(url).is_file(), "{url}");
    }
    // The footer of every page leads there.
    assert!(links("index.html", ".footer-links a").contains(&"/archive/screens/".to_string()));
}
