//! Content that would make two things share one output file, or that the
//! output formats cannot hold: each is reported where the writer can fix it,
//! and never written half right.

use crate::common::Site;

const MONTH: &str = "content/branches/xingwang/2026-05";

#[test]
fn control_characters_pasted_from_word_are_blanked_with_a_warning() {
    let site = Site::fixture("basic");
    site.in_english();
    site.write(
        &format!("{MONTH}/study.md"),
        "---\ntitle: \"响铃\\u0007标题\"\ndate: 2026-05-10\nkind: study\n---\n从Word粘贴的文字\u{b}第二行\u{8}。\n",
    );
    let built = site.build();
    built.assert_ok().assert_error(
        &format!("{MONTH}/study.md:6:11: warning:"),
        "U+000B (and 1 more",
    );
    for feed in ["atom.xml", "branches/xingwang/atom.xml"] {
        let xml = built.text(feed);
        assert!(xml.contains("响铃标题"), "{feed}");
        assert!(
            !xml.chars()
                .any(|c| c < ' ' && !matches!(c, '\t' | '\n' | '\r')),
            "{feed} holds a character XML forbids"
        );
    }
    let page = built.text("branches/xingwang/2026-05/study/index.html");
    assert!(page.contains("从Word粘贴的文字 第二行 。"));
    assert!(!page.contains('\u{b}') && !page.contains('\u{8}'));
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, _| image::Rgb([(x % 256) as u8, 40, 40]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

/// `dangri check` on the site: whether it passed, and what it printed
/// (the problems on standard output, the summary on standard error).
fn check(site: &Site) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dangri"))
        .arg("check")
        .arg(&site.root)
        .output()
        .unwrap();
    let stderr =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.success(), stderr)
}

/// Asserts that both `check` and `build` fail with an error line that
/// starts with `prefix` and holds `text`.
#[track_caller]
fn assert_refused(site: &Site, args: &[&str], prefix: &str, text: &str) {
    let (passed, stderr) = check(site);
    assert!(!passed, "check passed:\n{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with(prefix) && l.contains(text)),
        "check: no `{prefix}` … `{text}` in:\n{stderr}"
    );
    site.build_with(args, &[])
        .assert_failed()
        .assert_error(prefix, text);
}

fn practice_with_photos(photos: &[&str]) -> String {
    let list: String = photos
        .iter()
        .map(|p| format!("  - {{src: {p}, caption: 照片}}\n"))
        .collect();
    format!(
        "---\ntitle: 参观红色教育基地\ndate: 2026-05-10\nkind: 做\nphotos:\n{list}---\n全体党员参观红色教育基地。\n"
    )
}

#[test]
fn two_pictures_published_under_one_name_are_an_error_at_the_later() {
    // A WebP is published as JPEG: `visit.webp` would overwrite `visit.jpg`,
    // one or the other depending on the threads.
    let site = Site::fixture("basic");
    site.in_english();
    site.write_bytes(&format!("{MONTH}/visit.webp"), &jpeg(80, 40))
        .write(
            &format!("{MONTH}/practice.md"),
            &practice_with_photos(&["visit.jpg", "visit.webp"]),
        );
    assert_refused(
        &site,
        &[],
        &format!("{MONTH}/visit.webp:1:1: error:"),
        "published as `visit.jpg`, as the picture `visit.jpg` is",
    );

    // A photo named like a smaller size of another.
    let site = Site::fixture("basic");
    site.in_english();
    site.write_bytes(&format!("{MONTH}/visit-480.jpg"), &jpeg(480, 240))
        .write(
            &format!("{MONTH}/practice.md"),
            &practice_with_photos(&["visit.jpg", "visit-480.jpg"]),
        );
    assert_refused(
        &site,
        &[],
        &format!("{MONTH}/visit.jpg:1:1: error:"),
        "published as `visit-480.jpg`, as the picture `visit-480.jpg` is",
    );

    // Different stems share nothing, nor a PNG and a JPEG of one stem
    // (their smaller sizes keep their formats).
    let site = Site::fixture("basic");
    site.in_english();
    let mut png = Vec::new();
    image::RgbaImage::from_pixel(600, 300, image::Rgba([200, 30, 30, 255]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    site.write_bytes(&format!("{MONTH}/visit2.jpg"), &jpeg(600, 300))
        .write_bytes(&format!("{MONTH}/visit2.png"), &png)
        .write(
            &format!("{MONTH}/practice.md"),
            &practice_with_photos(&["visit.jpg", "visit2.jpg", "visit2.png"]),
        );
    assert!(check(&site).0);
    let b = site.build();
    b.assert_ok();
    for file in [
        "visit2.jpg",
        "visit2-480.jpg",
        "visit2.png",
        "visit2-480.png",
    ] {
        assert!(
            b.path(&format!("branches/xingwang/2026-05/{file}"))
                .exists(),
            "{file}"
        );
    }
}

#[test]
fn a_record_named_like_a_picture_or_a_page_file_is_an_error() {
    let site = Site::fixture("basic");
    site.in_english();
    site.write(
        &format!("{MONTH}/visit.jpg.md"),
        "---\ntitle: 照片说明\ndate: 2026-05-12\nkind: study\n---\n正文。\n",
    );
    assert_refused(
        &site,
        &[],
        &format!("{MONTH}/visit.jpg:1:1: error:"),
        "as the page of `visit.jpg.md` is",
    );

    let site = Site::fixture("basic");
    site.in_english();
    site.write(
        &format!("{MONTH}/index.html.md"),
        "---\ntitle: 首页\ndate: 2026-05-12\nkind: study\n---\n正文。\n",
    );
    assert_refused(
        &site,
        &[],
        &format!("{MONTH}/index.html.md:1:1: error:"),
        "may not be named `index.html.md`",
    );

    let site = Site::fixture("basic");
    site.in_english();
    site.write(
        "content/branches/index.html/_index.md",
        "---\nname: 某党支部\ncommittee: 某党委\n---\n",
    );
    assert_refused(
        &site,
        &[],
        "content/branches/index.html/_index.md:1:1: error:",
        "may not be named `index.html`",
    );
}

#[test]
fn two_lectures_with_one_phone_page_are_an_error_at_the_later() {
    // b1 + x-2026-05-y.md and b1-2026-05-x + y.md: both /lectures/b1-2026-05-x-2026-05-y/.
    let site = Site::fixture("basic");
    site.in_english();
    let lecture = |title: &str| {
        format!(
            "---\ntitle: {title}\ndate: 2026-05-20\nkind: lecture\nspeaker_name: 张书记\n---\n党课内容。\n"
        )
    };
    site.write(
        "content/branches/b1/_index.md",
        "---\nname: 甲党支部\ncommittee: 某党委\n---\n",
    )
    .write(
        "content/branches/b1/2026-05/x-2026-05-y.md",
        &lecture("讲座甲"),
    )
    .write(
        "content/branches/b1-2026-05-x/_index.md",
        "---\nname: 乙党支部\ncommittee: 某党委\n---\n",
    )
    .write(
        "content/branches/b1-2026-05-x/2026-05/y.md",
        &lecture("讲座乙"),
    );
    assert_refused(
        &site,
        &[],
        "content/branches/b1-2026-05-x/2026-05/y.md:1:1: error:",
        "/lectures/b1-2026-05-x-2026-05-y/ is already the page of content/branches/b1/2026-05/x-2026-05-y.md",
    );
}

#[test]
fn a_static_file_may_replace_a_theme_asset_but_not_a_generated_file() {
    for (file, args) in [
        ("robots.txt", &["--internal"][..]),
        ("index.html", &[][..]),
        ("branches/xingwang/index.html", &[][..]),
        ("search/index.json", &[][..]),
        ("sitemap-1.xml", &[][..]),
        ("about/index.html", &[][..]),
    ] {
        let site = Site::fixture("basic");
        site.write(
            &format!("content/static/{file}"),
            "User-agent: *\nAllow: /\n",
        );
        assert_refused(
            &site,
            args,
            &format!("content/static/{file}:1:1: error:"),
            &format!("网站自己会生成“{file}”"),
        );
    }
    // A picture of a month folder, with the other clashes of the run.
    let site = Site::fixture("basic");
    site.write_bytes(
        "content/static/branches/xingwang/2026-05/visit.jpg",
        &jpeg(10, 10),
    )
    .write("content/static/404.html", "<p>404</p>");
    assert_refused(
        &site,
        &[],
        "content/static/branches/xingwang/2026-05/visit.jpg:1:1: error:",
        "网站自己会生成",
    );
    assert_refused(
        &site,
        &[],
        "content/static/404.html:1:1: error:",
        "网站自己会生成",
    );

    let site = Site::fixture("basic");
    site.write("content/static/style.css", "body{color:red}")
        .write("content/static/old/index.html", "<p>旧页面</p>");
    assert!(check(&site).0);
    let b = site.build();
    b.assert_ok();
    assert_eq!(b.text("style.css"), "body{color:red}");
    assert_eq!(b.text("old/index.html"), "<p>旧页面</p>");
    assert!(b.text("robots.txt").contains("Sitemap"));
}
