//! Integration tests of `dangri build` over fixture sites: the pages a reader
//! sees, what a public build must never contain, and the errors a writer gets.

use crate::common::Site;

const INTERNAL_TITLE: &str = "内部处置不合格党员绝密事项";
const INTERNAL_TEXT: &str = "机密内容甲乙丙";
const MEMBER_NAMES: &[&str] = &["李四", "王五", "赵六"];

#[test]
fn home_page_shows_latest_activity_counts_and_month_status() {
    let site = Site::fixture("basic");
    let b = site.build();
    b.assert_ok();
    let home = b.page("index.html");
    assert_eq!(home.text_of("h1"), "测试区党支部活动档案");
    let latest = home.texts(".card-title");
    // Newest first: the June lecture (06-15) leads.
    assert_eq!(latest[0], "企业党课：安全生产");
    assert!(latest.iter().any(|t| t == "学习党章第一章"));
    assert!(home.text_of(".stats").contains("8"), "8 public records");
    assert!(home.text_of("#status-title").contains("2026年6月"));
}

#[test]
fn branches_are_grouped_by_committee() {
    let b = Site::fixture("basic").build();
    b.assert_ok();
    let page = b.page("branches/index.html");
    assert_eq!(
        page.texts(".committee h2"),
        vec!["东孚街道党工委", "新阳街道党工委"]
    );
    let xinyang = &page.select(".committee")[1];
    let names: Vec<String> = xinyang
        .select(&scraper::Selector::parse(".branch-name").unwrap())
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(names, vec!["港口集团第一党支部", "新阳街道兴旺社区党支部"]);
    // Chinese branch ids are percent-encoded in links.
    assert!(
        page.attrs(".branch-name", "href")
            .contains(&"/archive/branches/%E4%B8%9C%E7%91%B6%E6%9D%91/".to_string())
    );
}

#[test]
fn branch_timeline_is_newest_first_with_five_things_marks() {
    let b = Site::fixture("basic").build();
    b.assert_ok();
    let page = b.page("branches/xingwang/index.html");
    assert_eq!(
        page.texts(".timeline-month h3 a"),
        vec!["2026年6月", "2026年5月"]
    );
    let may = &page.select(".timeline-month")[1];
    let done: Vec<String> = may
        .select(&scraper::Selector::parse(".mark.done").unwrap())
        .map(|e| {
            e.text()
                .collect::<String>()
                .chars()
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(done, vec!["学", "会", "做", "工", "课"], "May is complete");
    assert!(may.value().classes().any(|c| c == "complete"));
    // The internal record counts as done but has no link.
    let links: Vec<String> = may
        .select(&scraper::Selector::parse(".record-links a").unwrap())
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(links.len(), 5);
    assert!(!links.iter().any(|t| t.contains("内部")));
    assert!(b.path("branches/xingwang/atom.xml").exists());

    // A month the branch was due and wrote nothing for, not even a folder,
    // is on its timeline (as in the matrix and the bulletin), unlinked.
    let gangkou = b.page("branches/gangkou/index.html");
    assert_eq!(
        gangkou.texts(".timeline-month h3"),
        vec!["2026年6月", "2026年5月"]
    );
    assert_eq!(gangkou.texts(".timeline-month h3 a"), vec!["2026年6月"]);
    assert_eq!(gangkou.texts(".silent-note"), vec!["未报送记录"]);
    assert!(
        gangkou.text_of(".facts").contains("0 / 2"),
        "{}",
        gangkou.text_of(".facts")
    );
}

#[test]
fn month_page_lists_its_records_and_photos() {
    let b = Site::fixture("basic").build();
    b.assert_ok();
    let page = b.page("branches/xingwang/2026-05/index.html");
    let titles = page.texts(".card-title");
    assert_eq!(
        titles,
        vec![
            "学习党章第一章",
            "召开党员大会",
            "参观红色教育基地",
            "收缴五月党费",
            "从党史中汲取前进力量"
        ]
    );
    assert_eq!(
        page.attrs(".thumbs img", "alt"),
        vec!["党员在基地重温入党誓词"]
    );
    assert_eq!(
        page.attrs(".pager .next", "href"),
        vec!["/archive/branches/xingwang/2026-06/"]
    );
}

#[test]
fn record_page_has_facts_body_photos_and_neighbours() {
    let b = Site::fixture("basic").build();
    b.assert_ok();
    let page = b.page("branches/xingwang/2026-05/study/index.html");
    assert_eq!(page.text_of("h1"), "学习党章第一章");
    let facts = page.text_of(".facts");
    assert!(facts.contains("2026年5月10日 星期日"), "{facts}");
    assert!(facts.contains("应到 32"), "{facts}");
    assert!(facts.contains("实到 29"), "{facts}");
    assert!(facts.contains("请假 1"), "{facts}");
    assert!(facts.contains("缺席 2"), "{facts}");
    // CJK emphasis and soft breaks.
    let prose = page.select(".prose")[0].inner_html();
    assert!(
        prose.contains("<strong>“党日五件事”</strong>工作制度"),
        "{prose}"
    );
    assert!(prose.contains("全体党员认真学习"), "{prose}");
    // Same-day records follow the order of the five things.
    assert_eq!(
        page.attrs(".pager .next", "href"),
        vec!["/archive/branches/xingwang/2026-05/meeting/"]
    );
    assert!(page.select(".pager .prev").is_empty());
    // Across months, skipping the internal record of 05-11.
    let june = b.page("branches/xingwang/2026-06/study/index.html");
    assert_eq!(
        june.attrs(".pager .prev", "href"),
        vec!["/archive/branches/xingwang/2026-05/lecture/"]
    );

    let visit = b.page("branches/xingwang/2026-05/practice/index.html");
    let img = &visit.select(".gallery img")[0];
    assert_eq!(img.value().attr("alt"), Some("党员在基地重温入党誓词"));
    assert_eq!(
        img.value().attr("src"),
        Some("/archive/branches/xingwang/2026-05/visit.jpg")
    );
    // A relative image in the body is resolved to the published photo.
    assert_eq!(
        visit.attrs(".prose img", "src"),
        vec!["/archive/branches/xingwang/2026-05/visit.jpg"]
    );
    // A relative link to a record file is resolved to its page.
    let affairs = b.page("branches/xingwang/2026-05/affairs/index.html");
    assert_eq!(
        affairs.attrs(".prose a", "href"),
        vec!["/archive/branches/xingwang/2026-05/study/"]
    );
}

#[test]
fn lectures_index_phone_pages_and_short_aliases() {
    let b = Site::fixture("basic").build();
    b.assert_ok();
    let index = b.page("lectures/index.html");
    assert_eq!(
        index.texts(".lecture-title"),
        vec!["企业党课：安全生产", "从党史中汲取前进力量"]
    );
    assert!(index.text_of(".lecture-list").contains("陈建国"));
    assert!(index.text_of(".lecture-list").contains("张书记"));

    let lecture = b.page("lectures/xingwang-2026-05-lecture/index.html");
    assert_eq!(lecture.text_of("h1"), "从党史中汲取前进力量");
    assert_eq!(
        lecture.attrs(".lecture-byline a", "href"),
        vec!["/archive/speakers/chen-jianguo/"]
    );
    assert_eq!(
        lecture.attrs(".prose h2", "id"),
        vec!["一为什么学党史", "二怎样学党史"]
    );
    let short = lecture.attrs(".short-link a", "href");
    assert_eq!(short.len(), 1);
    let code = short[0]
        .trim_start_matches("https://example.org/archive/m/")
        .trim_end_matches('/');
    assert!(
        code.len() <= 8 && code.bytes().all(|c| c.is_ascii_alphanumeric()),
        "{short:?}"
    );
    let redirect = b.text(&format!("m/{code}/index.html"));
    assert!(
        redirect.contains("url=https://example.org/archive/lectures/xingwang-2026-05-lecture/"),
        "{redirect}"
    );
}

#[test]
fn speaker_pool_and_speaker_pages() {
    let b = Site::fixture("basic").build();
    b.assert_ok();
    let pool = b.page("speakers/index.html");
    assert_eq!(pool.texts(".speaker-card h2"), vec!["陈建国"]);
    let page = b.page("speakers/chen-jianguo/index.html");
    assert!(page.text_of(".speaker-role").contains("区委党校副教授"));
    assert_eq!(page.texts(".lecture-title"), vec!["从党史中汲取前进力量"]);
}

#[test]
fn five_things_matrix_and_bulletin() {
    let b = Site::fixture("basic").build();
    b.assert_ok();
    let matrix = b.page("five-things/2026/index.html");
    assert_eq!(
        matrix.texts("section.matrix-section:first-of-type .matrix thead th a"),
        vec!["2026年5月", "2026年6月"]
    );
    let row = matrix
        .select(".matrix tbody tr")
        .into_iter()
        .find(|r| r.text().collect::<String>().contains("兴旺社区"))
        .unwrap();
    let cells: Vec<String> = row
        .select(&scraper::Selector::parse("td").unwrap())
        .map(|c| c.value().attr("class").unwrap().to_string())
        .collect();
    assert_eq!(cells, vec!["cell ok", "cell part"]);
    assert!(b.path("five-things/index.html").exists());

    let june = b.page("five-things/2026-06/index.html");
    let text = june.body_text();
    // June: 兴旺 did study only, 港口 a lecture only, 东瑶村 nothing.
    assert!(
        june.text_of(".missing-list")
            .contains("新阳街道兴旺社区党支部")
    );
    assert!(
        june.text_of(".missing-list")
            .contains("会议、实践、党务、党课"),
        "{text}"
    );
    let silent = june.texts(".bulletin-committee h3.none + ul a");
    assert_eq!(silent, vec!["东孚街道东瑶村党支部"]);
    let may = b.page("five-things/2026-05/index.html");
    assert!(
        may.texts("h3.ok + ul a")
            .contains(&"新阳街道兴旺社区党支部".to_string())
    );
}

#[test]
fn free_pages_feeds_sitemap_robots_404_and_static_files() {
    let b = Site::fixture("basic").build();
    b.assert_ok();
    assert_eq!(b.page("about/index.html").text_of("h1"), "关于本站");
    let feed = b.text("atom.xml");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert!(feed.contains("<id>https://example.org/archive/branches/xingwang/2026-05/study/</id>"));
    let sitemap = b.text("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/archive/branches/%E4%B8%9C%E7%91%B6%E6%9D%91/2026-05/%E5%AD%A6%E4%B9%A0/</loc>"));
    assert!(sitemap.contains("<loc>https://example.org/archive/search/</loc>"));
    assert!(
        !sitemap.contains("internal-review"),
        "no internal record in the sitemap"
    );
    assert!(
        b.text("robots.txt")
            .contains("Sitemap: https://example.org/archive/sitemap.xml")
    );
    assert_eq!(b.page("404.html").text_of("h1"), "页面不存在");
    assert_eq!(b.text("hello.txt"), "static file\n");
    assert!(b.path("style.css").exists());
}

#[test]
fn public_build_holds_nothing_internal() {
    let b = Site::fixture("basic").build();
    b.assert_ok();
    let all = b.all_text();
    assert!(!all.contains(INTERNAL_TITLE), "internal title leaked");
    assert!(!all.contains(INTERNAL_TEXT), "internal text leaked");
    assert!(
        !all.contains("internal-review"),
        "internal record URL leaked"
    );
    for name in MEMBER_NAMES {
        assert!(!all.contains(name), "member name {name} leaked");
    }
    assert!(!b.path("branches/xingwang/2026-05/internal-review").exists());
    // The picture is re-encoded: no EXIF, no GPS, no camera maker.
    let jpeg = std::fs::read(b.path("branches/xingwang/2026-05/visit.jpg")).unwrap();
    assert!(
        !jpeg.windows(4).any(|w| w == b"Exif"),
        "EXIF left in the photo"
    );
    assert!(!jpeg.windows(16).any(|w| w == b"SecretPhoneMaker"));
    assert!(
        !b.text("index.html").contains("noindex"),
        "a public page must not be noindex"
    );
}

#[test]
fn a_link_to_an_internal_record_keeps_its_text_and_loses_the_link_in_public() {
    let site = Site::fixture("basic");
    site.write(
        "content/branches/xingwang/2026-06/study.md",
        "---\ntitle: 六月学习\ndate: 2026-06-05\nkind: study\n---\n处置意见[见内部](../2026-05/internal-review.md)，学习[党章](../2026-05/study.md)。\n",
    );
    let b = site.build();
    b.assert_ok();
    let page = b.page("branches/xingwang/2026-06/study/index.html");
    assert!(
        page.text_of(".prose")
            .contains("处置意见见内部，学习党章。")
    );
    assert_eq!(
        page.attrs(".prose a", "href"),
        vec!["/archive/branches/xingwang/2026-05/study/"]
    );
    assert!(!b.all_text().contains("internal-review"));
    let internal = site.build_with(&["--internal"], &[]);
    internal.assert_ok();
    let page = internal.page("branches/xingwang/2026-06/study/index.html");
    assert_eq!(page.attrs(".prose a", "href").len(), 2);
}

#[test]
fn a_rate_is_a_hundred_percent_only_when_nobody_is_missing() {
    let site = Site::fixture("basic");
    site.write(
        "content/branches/xingwang/2026-05/study.md",
        "---\ntitle: 学习党章第一章\ndate: 2026-05-10\nkind: 学\nattendance: {expected: 200, present: 199, absent: [王五]}\n---\n正文。\n",
    );
    let b = site.build();
    b.assert_ok();
    let facts = b
        .page("branches/xingwang/2026-05/study/index.html")
        .text_of(".facts");
    assert!(facts.contains("出席率 99%"), "{facts}");
}

#[test]
fn links_in_a_speakers_biography_lead_to_pages_and_are_checked() {
    let site = Site::fixture("basic");
    site.in_english();
    site.write(
        "content/speakers/chen-jianguo.md",
        "---\nname: 陈建国\n---\n讲过[党课](../branches/xingwang/2026-05/lecture.md)，见[坏链接](../branches/nope.md)。\n",
    );
    let b = site.build();
    b.assert_ok();
    let page = b.page("speakers/chen-jianguo/index.html");
    let hrefs = page.attrs(".prose a", "href");
    assert_eq!(hrefs[0], "/archive/branches/xingwang/2026-05/lecture/");
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_dangri"))
        .arg("check")
        .arg(&site.root)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(
        out.contains("content/speakers/chen-jianguo.md:4:")
            && out.contains("broken link `../branches/nope.md`"),
        "{out}"
    );
}

#[test]
fn a_feed_entry_without_text_has_no_empty_summary() {
    let site = Site::fixture("basic");
    site.write(
        "content/branches/xingwang/2026-06/study.md",
        "---\ntitle: 只有标题\ndate: 2026-06-05\nkind: study\n---\n## 仅有标题\n",
    );
    let b = site.build();
    b.assert_ok();
    let feed = b.text("atom.xml");
    assert!(feed.contains("只有标题"));
    assert!(!feed.contains("<summary></summary>"), "{feed}");
}

#[test]
fn rotated_photo_comes_out_upright() {
    let b = Site::fixture("basic").build();
    b.assert_ok();
    // The source is 64 × 40 with EXIF orientation 6 (rotate 90°).
    let img = image::open(b.path("branches/xingwang/2026-05/visit.jpg")).unwrap();
    assert_eq!((img.width(), img.height()), (40, 64));
    let page = b.page("branches/xingwang/2026-05/practice/index.html");
    assert_eq!(page.attrs(".gallery img", "width"), vec!["40"]);
    assert_eq!(page.attrs(".gallery img", "height"), vec!["64"]);
}

#[test]
fn internal_build_has_names_and_noindex_everywhere() {
    let site = Site::fixture("basic");
    let b = site.build_with(&["--internal"], &[]);
    b.assert_ok();
    assert!(
        b.path("branches/xingwang/2026-05/internal-review/index.html")
            .exists()
    );
    let study = b.page("branches/xingwang/2026-05/study/index.html");
    let names = study.text_of(".names");
    for name in MEMBER_NAMES {
        assert!(names.contains(name), "{name} missing from {names}");
    }
    for (path, bytes) in b.files() {
        if path.ends_with(".html") {
            let text = String::from_utf8_lossy(&bytes);
            assert!(text.contains("noindex"), "{path} lacks noindex");
            assert!(
                text.contains("internal-banner"),
                "{path} lacks the internal banner"
            );
        }
    }
    assert!(b.text("robots.txt").contains("Disallow: /"));
}

#[test]
fn front_matter_is_escaped_and_bodies_are_sanitized() {
    let b = Site::fixture("basic").build();
    b.assert_ok();
    let raw = b.text("branches/xingwang/2026-06/study/index.html");
    assert!(!raw.contains("<script>alert"), "script tag in the page");
    // The only scripts are the theme's own: the text size control's two.
    assert_eq!(raw.matches("<script").count(), 2, "scripts in the page");
    assert!(raw.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;学习"));
    assert!(!raw.contains("onerror"), "event handler kept");
    assert!(!raw.contains("javascript:"), "javascript: URL kept");
    let page = b.page("branches/xingwang/2026-06/study/index.html");
    assert_eq!(page.select(".prose script").len(), 0);
    assert_eq!(page.attrs(".prose a", "href"), vec!["#"]);
    // The feed escapes the title too.
    assert!(b.text("atom.xml").contains("&lt;script&gt;"));
}

#[test]
fn unsafe_html_lets_raw_html_through() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root.join("content/site.yaml")).unwrap();
    site.write("content/site.yaml", &format!("{config}unsafe_html: true\n"));
    let b = site.build();
    b.assert_ok();
    assert!(
        b.text("branches/xingwang/2026-06/study/index.html")
            .contains("onerror")
    );
}

#[test]
fn builds_are_byte_identical_with_one_or_two_threads() {
    let site = Site::fixture("basic");
    let one = site.build_with(
        &["-o", site.root.join("one").to_str().unwrap()],
        &[("RAYON_NUM_THREADS", "1")],
    );
    one.assert_ok();
    let two = site.build_with(
        &["-o", site.root.join("two").to_str().unwrap()],
        &[("RAYON_NUM_THREADS", "2")],
    );
    two.assert_ok();
    let a = crate::common::Site::files_of(&site.root.join("one"));
    let b = crate::common::Site::files_of(&site.root.join("two"));
    assert!(a.len() > 30);
    assert_eq!(
        a.iter().map(|f| &f.0).collect::<Vec<_>>(),
        b.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (x, y) in a.iter().zip(&b) {
        assert!(x.1 == y.1, "{} differs between builds", x.0);
    }
}

#[test]
fn refuses_a_folder_it_did_not_write() {
    let site = Site::fixture("basic");
    site.write("public/precious.txt", "do not delete");
    let b = site.build();
    b.assert_failed();
    assert!(
        b.stderr.contains("不是 dangri 生成的：不会替换它"),
        "{}",
        b.stderr
    );
    assert_eq!(
        std::fs::read_to_string(site.out().join("precious.txt")).unwrap(),
        "do not delete"
    );
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = Site::fixture("basic");
    site.build().assert_ok();
    let before = std::fs::read(site.out().join("index.html")).unwrap();
    site.write(
        "content/branches/xingwang/2026-06/broken.md",
        "---\ntitle: 坏\ndate: 2026-6-1\nkind: study\n---\n",
    );
    site.build().assert_failed();
    assert_eq!(
        std::fs::read(site.out().join("index.html")).unwrap(),
        before
    );
    assert!(
        site.out()
            .join("branches/xingwang/2026-05/study/index.html")
            .exists()
    );
    // A successful rebuild replaces it.
    site.remove("content/branches/xingwang/2026-06/broken.md");
    site.build().assert_ok();
}

#[test]
fn every_content_error_is_located_and_reported_at_once() {
    let site = Site::fixture("basic");
    site.in_english();
    site.write("content/branches/xingwang/2026-06/a.md", "---\ntitle：全角冒号\ndate: 2026-06-01\nkind: study\n---\n")
        .write("content/branches/xingwang/2026-06/b.md", "---\ntitle: 主题党日: 学习党章\ndate: 2026-06-01\nkind: study\n---\n")
        .write("content/branches/xingwang/2026-06/c.md", "---\ntitle: 制表符\nattendance:\n\texpected: 3\ndate: 2026-06-01\nkind: study\n---\n")
        .write("content/branches/xingwang/2026-06/d.md", "---\ntitle: 日期\ndate: 2026-6-3\nkind: study\n---\n")
        .write("content/branches/xingwang/2026-06/e.md", "---\ntitle: 中文日期\ndate: 2026年6月3日\nkind: study\n---\n")
        .write("content/branches/xingwang/2026-06/f.md", "---\ntitle: 月份不符\nkind: study\ndate: 2026-07-01\n---\n")
        .write("content/branches/xingwang/2026-06/g.md", "---\ntitle: 类型\ndate: 2026-06-01\nkind: 党课\n---\n")
        .write("content/branches/xingwang/2026-06/h.md", "---\ndate: 2026-06-01\nkind: study\nvisibilty: internal\n---\n")
        .write("content/branches/xingwang/2026-06/i.md", "---\ntitle: 讲师\ndate: 2026-06-01\nkind: lecture\nspeaker: nobody\n---\n")
        .write("content/branches/xingwang/2026-06/j.md", "---\ntitle: 照片\ndate: 2026-06-01\nkind: study\nphotos:\n  - src: missing.jpg\n    caption: 无\n---\n")
        .write("content/branches/xingwang/2026-6/k.md", "---\ntitle: 月份文件夹\ndate: 2026-06-01\nkind: study\n---\n")
        .write("content/branches/nobody/2026-06/l.md", "---\ntitle: 无支部\ndate: 2026-06-01\nkind: study\n---\n");
    let b = site.build();
    b.assert_failed();
    let p = "content/branches/xingwang/2026-06/";
    b.assert_error(&format!("{p}a.md:2:6:"), "full-width colon")
        .assert_error(&format!("{p}b.md:2:"), "quoted")
        .assert_error(&format!("{p}c.md:4:1:"), "tabs")
        .assert_error(&format!("{p}d.md:3:1:"), "2026-06-03")
        .assert_error(&format!("{p}e.md:3:1:"), "2026-06-03")
        .assert_error(&format!("{p}f.md:4:1:"), "not in 2026-06")
        .assert_error(&format!("{p}g.md:4:1:"), "unknown kind `党课`")
        .assert_error(&format!("{p}h.md:4:1:"), "did you mean `visibility`")
        .assert_error(&format!("{p}h.md:2:1:"), "`title` is missing")
        .assert_error(&format!("{p}i.md:5:1:"), "no speaker `nobody`")
        .assert_error(&format!("{p}j.md:6:5:"), "no picture `missing.jpg`")
        .assert_error(
            "content/branches/xingwang/2026-6:1:1:",
            "not a month folder",
        )
        .assert_error("content/branches/nobody/_index.md:1:1:", "no _index.md");
    assert!(!site.out().exists(), "nothing is written on errors");
}

#[test]
fn site_yaml_errors_name_the_key() {
    let site = Site::fixture("basic");
    site.write(
        "content/site.yaml",
        "title: 档案\nbase_url: https://example.org/\nlanguag: en\n",
    );
    let b = site.build();
    b.assert_failed()
        .assert_error("content/site.yaml:3:1:", "不认识“languag”");
    assert!(b.stderr.contains("是不是要写“language”？"), "{}", b.stderr);
}

#[test]
fn bom_crlf_and_chinese_names_work() {
    let site = Site::fixture("basic");
    site.write(
        "content/branches/东瑶村/2026-06/重温誓词.md",
        "\u{feff}---\r\ntitle: 重温入党誓词\r\ndate: 2026-06-12\r\nkind: 工\r\n---\r\n全体党员\r\n重温入党誓词。\r\n",
    );
    let b = site.build();
    b.assert_ok();
    let page = b.page("branches/东瑶村/2026-06/重温誓词/index.html");
    assert_eq!(page.text_of("h1"), "重温入党誓词");
    assert!(
        page.select(".prose")[0]
            .inner_html()
            .contains("全体党员重温入党誓词。")
    );
}

#[test]
fn templates_next_to_content_override_the_theme() {
    let site = Site::fixture("basic");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<h1 class=\"custom\">{{ content.title }}</h1>{% endblock content %}",
    );
    let b = site.build();
    b.assert_ok();
    assert_eq!(b.page("about/index.html").text_of("h1.custom"), "关于本站");
}

#[test]
fn english_ui_strings() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root.join("content/site.yaml")).unwrap();
    site.write(
        "content/site.yaml",
        &config.replace("language: zh-CN", "language: en"),
    );
    let b = site.build();
    b.assert_ok();
    let home = b.page("index.html");
    assert_eq!(home.select("html")[0].value().attr("lang"), Some("en"));
    assert!(home.text_of(".site-nav").contains("Branches"));
    // Dates, counts and lists in English, not in Chinese punctuation.
    let study = b.page("branches/xingwang/2026-05/study/index.html");
    assert_eq!(study.texts(".facts time"), vec!["10 May 2026"]);
    let month = b.page("branches/xingwang/2026-05/index.html");
    assert!(
        month.text_of("h1").contains("May 2026"),
        "{}",
        month.text_of("h1")
    );
    let bulletin = b.page("five-things/2026-05/index.html");
    let heads = bulletin.texts("h3").join(" | ");
    assert!(heads.contains(" (") && !heads.contains('（'), "{heads}");
    for (path, bytes) in b.files() {
        if path.ends_with(".html") && !path.starts_with("led/") {
            let html = String::from_utf8_lossy(&bytes);
            assert!(!html.contains("年5月"), "a Chinese date in {path}");
        }
    }
}

#[test]
fn corrupt_photo_is_a_located_error() {
    let site = Site::fixture("basic");
    site.write_bytes(
        "content/branches/xingwang/2026-05/visit.jpg",
        b"\xff\xd8\xff\xe0 truncated",
    );
    let b = site.build();
    b.assert_failed().assert_error(
        "content/branches/xingwang/2026-05/visit.jpg:1:1:",
        "这张图片",
    );
}

/// SPEC leaves the fields of month pages, free pages and speakers open: an
/// unknown key there is a warning, not a failed build. In records it stays
/// an error (a typo in `visibility` must never publish a record).
#[test]
fn unknown_fields_of_open_files_are_warnings() {
    let site = Site::fixture("basic");
    site.in_english();
    site.write(
        "content/pages/about.md",
        "---\ntitle: 关于本站\ndate: 2026-05-01\n---\n介绍。\n",
    )
    .write(
        "content/branches/xingwang/2026-05/_index.md",
        "---\ntheme: 学党章\ncolor: red\n---\n",
    )
    .write(
        "content/speakers/chen-jianguo.md",
        "---\nname: 陈建国\nphone: 123\n---\n简介。\n",
    );
    let b = site.build();
    b.assert_ok();
    assert!(
        b.stderr
            .contains("content/pages/about.md:3:1: warning: unknown field `date`"),
        "{}",
        b.stderr
    );
    assert!(
        b.stderr
            .contains("content/speakers/chen-jianguo.md:3:1: warning: unknown field `phone`"),
        "{}",
        b.stderr
    );
    assert!(
        b.stderr
            .contains("_index.md:3:1: warning: unknown field `color`"),
        "{}",
        b.stderr
    );
}

/// Every HTML page that is not a redirect has a meta description (search
/// engines and link previews show it; Lighthouse's SEO audit asks for it):
/// its own where it has one (a record's excerpt), else the page's title and
/// the site's description.
#[test]
fn every_page_has_a_description() {
    let site = Site::fixture("basic");
    let b = site.build();
    b.assert_ok();
    let mut pages = 0;
    for (rel, bytes) in b.files() {
        let text = String::from_utf8_lossy(&bytes);
        if !rel.ends_with(".html")
            || text.contains("http-equiv=\"refresh\"")
            || rel.starts_with("led/")
        {
            continue;
        }
        pages += 1;
        let html = scraper::Html::parse_document(&text);
        let sel = scraper::Selector::parse("meta[name=description]").unwrap();
        let content = html
            .select(&sel)
            .next()
            .and_then(|m| m.value().attr("content"))
            .unwrap_or_else(|| panic!("{rel}: no meta description"));
        assert!(!content.trim().is_empty(), "{rel}: {content:?}");
    }
    assert!(pages > 20, "{pages}");
    let branch = b.text("branches/xingwang/index.html");
    assert!(
        branch.contains("<meta name=\"description\" content=\"新阳街道兴旺社区党支部：测试用站点"),
        "{branch}"
    );
}

/// The bulletin's heading names the document in the site's language as
/// one phrase (it was two strings joined: "Five thingsbulletin").
#[test]
fn the_bulletin_heading_reads_in_either_language() {
    for (language, heading) in [("zh-CN", "党日五件事通报"), ("en", "Five things bulletin")]
    {
        let site = Site::fixture("basic");
        let yaml = site.read("content/site.yaml");
        site.write(
            "content/site.yaml",
            &yaml.replace("language: zh-CN", &format!("language: {language}")),
        );
        let b = site.build();
        b.assert_ok();
        let h1 = b
            .page("five-things/2026-06/index.html")
            .texts("h1")
            .join("");
        let h1: String = h1
            .chars()
            .filter(|c| !c.is_whitespace() || *c == ' ')
            .collect();
        assert!(h1.contains(heading), "{language}: {h1:?}");
    }
}
