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
