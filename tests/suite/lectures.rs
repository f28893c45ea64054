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
    // No script is needed to read it: the only ones are the text size
    // control's, inline (its buttons hidden without them).
    assert!(page.select("script[src]").is_empty());
    assert_eq!(page.attrs(".text-size", "hidden"), vec![""]);
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

/// The lecture index stays light however many lectures there are
/// (issue 22, point 5: 10,488 lectures made a 4.5 MB page): `/lectures/`
/// lists the newest 100 (every lecture of a smaller site, as SPEC §5 says)
/// and every month with its count; each month has a page with all of its
/// lectures, and every lecture is on exactly one.
#[test]
fn the_lecture_index_is_paged_by_month_with_a_light_first_page() {
    let site = Site::fixture("basic");
    // 120 more lectures: 70 in May, 50 in June (the fixture has one each).
    for n in 0..120 {
        let (month, day) = if n < 70 {
            ("2026-05", 1 + n % 28)
        } else {
            ("2026-06", 1 + n % 28)
        };
        site.write(
            &format!("content/branches/gangkou/{month}/wuke-{n:03}.md"),
            &format!("---\ntitle: 微党课第{n}讲\ndate: {month}-{day:02}\nkind: 课\nspeaker_name: 王老师\n---\n正文。\n"),
        );
    }
    let b = site.build();
    b.assert_ok();
    let index = b.page("lectures/index.html");
    let latest = index.attrs(".lecture-list .lecture-title", "href");
    assert_eq!(latest.len(), 100, "the first page lists the newest 100");
    assert_eq!(
        index.text_of(".lecture-summary"),
        "最新 100 讲，共 122 讲；更早的党课请按月份查看。"
    );
    assert_eq!(
        index.texts(".lecture-months li"),
        vec!["2026年6月 51", "2026年5月 71"]
    );
    let may = b.page("lectures/2026-05/index.html");
    let june = b.page("lectures/2026-06/index.html");
    assert_eq!(june.text_of("h1"), "2026年6月 · 指尖党课");
    let in_may = may.attrs(".lecture-list .lecture-title", "href");
    let in_june = june.attrs(".lecture-list .lecture-title", "href");
    assert_eq!((in_may.len(), in_june.len()), (71, 51));
    assert!(in_may.iter().all(|h| h.contains("-2026-05-")), "{in_may:?}");
    assert!(
        in_june.iter().all(|h| h.contains("-2026-06-")),
        "{in_june:?}"
    );
    // The newest 100 are June's 51 and May's newest 49, in that order.
    assert_eq!(latest[..51], in_june[..]);
    assert_eq!(latest[51..], in_may[..49]);
    // Months link to each other and back to the first page.
    assert_eq!(
        june.attrs(".pager a[rel=prev]", "href"),
        vec!["/archive/lectures/2026-05/"]
    );
    assert!(june.select(".pager a[rel=next]").is_empty());
    assert_eq!(
        june.attrs(".lecture-months a[aria-current=page]", "href"),
        vec!["/archive/lectures/2026-06/"]
    );
    let sitemap = b.text("sitemap.xml");
    assert!(
        sitemap.contains("/archive/lectures/2026-05/</loc>"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("/archive/lectures/2026-06/</loc>"),
        "{sitemap}"
    );
    assert!(
        !b.path("lectures/2026-04").exists(),
        "no page for a month without a lecture"
    );
}

#[test]
fn a_site_with_fewer_lectures_lists_every_one_on_the_first_page() {
    let b = Site::fixture("basic").build();
    b.assert_ok();
    let index = b.page("lectures/index.html");
    assert_eq!(index.attrs(".lecture-list .lecture-title", "href").len(), 2);
    assert_eq!(
        index.text_of(".lecture-summary"),
        "共 2 讲，按日期从新到旧排列；也可按月份查看。"
    );
}

/// Issue 22: a long lecture opens with a table of contents, one entry per
/// section, each a link to its heading; a short one has none.
#[test]
fn long_lectures_get_a_table_of_contents() {
    let site = site();
    let b = site.build();
    b.assert_ok();
    let page = b.page(PAGE);
    let entries = page.texts(".lecture-toc li a");
    assert_eq!(entries.len(), 6, "{entries:?}");
    assert_eq!(entries[0], "一、关于党建引领基层治理的思考");
    let ids = page.attrs(".lecture-body h2", "id");
    let hrefs: Vec<String> = page.attrs(".lecture-toc a", "href");
    assert_eq!(
        hrefs,
        ids.iter().map(|id| format!("#{id}")).collect::<Vec<_>>()
    );
    // The TOC comes before the text.
    let html = b.text(PAGE);
    assert!(html.find("lecture-toc").unwrap() < html.find("lecture-body").unwrap());
    let short = b.page("lectures/xingwang-2026-05-lecture/index.html");
    assert!(short.select(".lecture-toc").is_empty());
}

/// Issue 22: the phone page shows its own QR code, the short link a
/// reader passes on: an inline SVG that reads back as that link.
#[test]
fn phone_page_shows_a_qr_code_of_its_short_link() {
    let site = site();
    let b = site.build();
    b.assert_ok();
    let page = b.page(PAGE);
    let short = page.text_of(".pass-on .short-link a");
    assert!(
        short.starts_with("https://example.org/archive/m/"),
        "{short}"
    );
    let svg = page.select(".pass-on svg.qr");
    assert_eq!(svg.len(), 1);
    let label = svg[0].value().attr("aria-label").unwrap();
    assert!(label.contains(&short), "{label}");
    let view = svg[0].value().attr("viewBox").unwrap();
    let total: usize = view.split(' ').nth(2).unwrap().parse().unwrap();
    let path = page.attrs(".pass-on svg.qr path", "d").remove(0);
    assert_eq!(read_qr(&path, total), short);
}

/// Reads a QR code drawn as the SVG path of `qr::Drawing` (`M x y.5` to a
/// row, `h n` a dark run, `m dx 0` a gap) of `total` modules a side.
fn read_qr(path: &str, total: usize) -> String {
    let mut dark = vec![false; total * total];
    let (mut x, mut y) = (0usize, 0usize);
    let mut chars = path.chars().peekable();
    let number = |chars: &mut std::iter::Peekable<std::str::Chars>| -> f64 {
        while chars.peek() == Some(&' ') {
            chars.next();
        }
        let mut s = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_ascii_digit() || c == '.' {
                s.push(c);
                chars.next();
            } else {
                break;
            }
        }
        s.parse().unwrap()
    };
    while let Some(c) = chars.next() {
        match c {
            'M' => {
                x = number(&mut chars) as usize;
                y = number(&mut chars).floor() as usize;
            }
            'm' => {
                x += number(&mut chars) as usize;
                number(&mut chars);
            }
            'h' => {
                let n = number(&mut chars) as usize;
                for k in x..x + n {
                    dark[y * total + k] = true;
                }
                x += n;
            }
            _ => panic!("unexpected {c} in {path}"),
        }
    }
    let scale = 4;
    let side = total * scale;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |px, py| {
        if dark[(py / scale) * total + px / scale] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one code");
    grids[0].decode().unwrap().1
}
