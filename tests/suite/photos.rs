//! Photos: resized, upright, without metadata, cached, and located errors.

use crate::common::Site;

/// A JPEG `w` × `h` of a simple gradient, made with the image crate.
fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG header that claims `w` × `h` pixels and holds none.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(13u32.to_be_bytes());
    out.extend(&ihdr);
    out.extend(crc32(&ihdr).to_be_bytes());
    for chunk in [&b"IDAT"[..], &b"IEND"[..]] {
        out.extend(0u32.to_be_bytes());
        out.extend(chunk);
        out.extend(crc32(chunk).to_be_bytes());
    }
    out
}

const PHOTO: &str = "content/branches/xingwang/2026-05/visit.jpg";

#[test]
fn large_photos_are_published_in_several_widths_never_upscaled() {
    let site = Site::fixture("basic");
    site.write_bytes(PHOTO, &jpeg(2400, 1200));
    let b = site.build();
    b.assert_ok();
    let dir = "branches/xingwang/2026-05";
    for (file, w, h) in [
        ("visit-480.jpg", 480, 240),
        ("visit-960.jpg", 960, 480),
        ("visit.jpg", 1600, 800),
    ] {
        let img = image::open(b.path(&format!("{dir}/{file}"))).unwrap();
        assert_eq!((img.width(), img.height()), (w, h), "{file}");
    }
    assert!(!b.path(&format!("{dir}/visit-1600.jpg")).exists());
    // Pages offer every width; each srcset entry is a published file.
    let page = b.page(&format!("{dir}/practice/index.html"));
    let img = &page.select(".gallery img")[0];
    assert_eq!(
        img.value().attr("src"),
        Some("/archive/branches/xingwang/2026-05/visit-960.jpg")
    );
    assert_eq!(
        (img.value().attr("width"), img.value().attr("height")),
        (Some("960"), Some("480"))
    );
    assert_eq!(img.value().attr("loading"), Some("lazy"));
    assert_eq!(img.value().attr("decoding"), Some("async"));
    assert_eq!(img.value().attr("alt"), Some("党员在基地重温入党誓词"));
    assert!(img.value().attr("sizes").is_some());
    let srcset = img.value().attr("srcset").unwrap();
    let widths: Vec<&str> = srcset
        .split(", ")
        .map(|c| c.rsplit(' ').next().unwrap())
        .collect();
    assert_eq!(widths, vec!["480w", "960w", "1600w"]);
    for candidate in srcset.split(", ") {
        let url = candidate.split(' ').next().unwrap();
        assert!(
            b.path(url.trim_start_matches("/archive/")).exists(),
            "{url}"
        );
    }
    // The gallery opens the full-size picture, without JavaScript.
    assert_eq!(
        page.attrs(".gallery a", "href"),
        vec!["/archive/branches/xingwang/2026-05/visit.jpg"]
    );
    // The month page shows thumbnails.
    let month = b.page(&format!("{dir}/index.html"));
    assert!(month.attrs(".thumbs img", "srcset")[0].contains("visit-480.jpg 480w"));

    // A small photo is not enlarged: 700 px gives 480 and 700.
    site.write_bytes(PHOTO, &jpeg(700, 350));
    let b = site.build();
    b.assert_ok();
    assert_eq!(
        image::open(b.path(&format!("{dir}/visit.jpg")))
            .unwrap()
            .width(),
        700
    );
    assert!(b.path(&format!("{dir}/visit-480.jpg")).exists());
    assert!(!b.path(&format!("{dir}/visit-960.jpg")).exists());
}

#[test]
fn a_rebuild_takes_unchanged_photos_from_the_cache() {
    let site = Site::fixture("basic");
    site.write_bytes(PHOTO, &jpeg(1200, 800));
    site.build().assert_ok();
    let cache = site.root.join(".dangri-cache/photos");
    assert!(cache.join("index.tsv").exists());
    // Replace the cached full-size file: if the next build uses the cache,
    // it publishes these bytes instead of encoding the photo again.
    let entry = std::fs::read_dir(&cache)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.path().is_dir())
        .unwrap()
        .path();
    let marker = jpeg(1200, 800);
    std::fs::write(entry.join("1200.jpg"), &marker).unwrap();
    // Another change, so that the build runs (with nothing changed, it
    // leaves the output alone: `rebuild.rs`).
    let about = site.read("content/pages/about.md");
    site.write("content/pages/about.md", &format!("{about}\n又一段。\n"));
    let b = site.build();
    b.assert_ok();
    assert!(!b.stderr.contains("什么都没有变"), "{}", b.stderr);
    assert_eq!(
        std::fs::read(b.path("branches/xingwang/2026-05/visit.jpg")).unwrap(),
        marker
    );

    // A changed photo is encoded again.
    site.write_bytes(PHOTO, &jpeg(1000, 800));
    let b = site.build();
    b.assert_ok();
    assert_eq!(
        image::open(b.path("branches/xingwang/2026-05/visit.jpg"))
            .unwrap()
            .width(),
        1000
    );
}

#[test]
fn bad_photos_are_located_errors() {
    let cases: [(&[u8], &str); 3] = [
        (b"this is not a picture at all", "这不是能读取的图片"),
        (
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01",
            "这张图片不完整",
        ),
        (&png_header(20_000, 20_000), "超过了 1 亿像素的上限"),
    ];
    for (bytes, message) in cases {
        let site = Site::fixture("basic");
        site.write_bytes(PHOTO, bytes);
        site.build()
            .assert_failed()
            .assert_error(&format!("{PHOTO}:1:1:"), message);
    }
}

/// Regression: a record may show a picture of another month folder; the
/// build used to look for it in the record's own folder.
#[test]
fn a_body_may_embed_a_picture_of_another_month() {
    let site = Site::fixture("basic");
    site.write(
        "content/branches/xingwang/2026-06/recall.md",
        "---\ntitle: 回顾五月的参观\ndate: 2026-06-20\nkind: study\n---\n![五月参观](../2026-05/visit.jpg)\n",
    );
    let b = site.build();
    b.assert_ok();
    let page = b.page("branches/xingwang/2026-06/recall/index.html");
    assert_eq!(
        page.attrs(".prose img", "src"),
        vec!["/archive/branches/xingwang/2026-05/visit.jpg"]
    );
    assert!(b.path("branches/xingwang/2026-05/visit.jpg").exists());
}

#[test]
fn a_picture_a_body_only_links_to_is_published() {
    let site = Site::fixture("basic");
    site.write_bytes("content/branches/xingwang/2026-06/only-linked.jpg", &jpeg(64, 40))
        .write(
            "content/branches/xingwang/2026-06/study.md",
            "---\ntitle: 六月学习\ndate: 2026-06-05\nkind: study\n---\n见[会场照片](only-linked.jpg)。\n",
        );
    let b = site.build();
    b.assert_ok();
    let page = b.page("branches/xingwang/2026-06/study/index.html");
    assert_eq!(
        page.attrs(".prose a", "href"),
        vec!["/archive/branches/xingwang/2026-06/only-linked.jpg"]
    );
    assert!(b.path("branches/xingwang/2026-06/only-linked.jpg").exists());
}

/// Regression (issue 15, point 14): the first half of a JPEG decoded with a
/// grey lower half, and both `build` and `check` passed it. It is an error
/// at the picture in both.
#[test]
fn a_truncated_jpeg_is_an_error_in_build_and_check() {
    let site = Site::fixture("basic");
    let whole = jpeg(640, 480);
    site.write_bytes(PHOTO, &whole[..whole.len() / 2]);
    site.build()
        .assert_failed()
        .assert_error(&format!("{PHOTO}:1:1: error:"), "不完整");
    let ran = site.dangri(&["check"]);
    ran.assert_code(1);
    assert!(
        ran.stdout
            .lines()
            .any(|l| l.starts_with(&format!("{PHOTO}:1:1: error:")) && l.contains("不完整")),
        "{}",
        ran.stdout
    );
}

/// A whole JPEG whose frame header claims `w` × `h` pixels: the data of a
/// small picture behind the header of a huge one.
fn jpeg_claiming(w: u16, h: u16) -> Vec<u8> {
    let mut bytes = jpeg(16, 16);
    let sof = bytes
        .windows(2)
        .position(|m| m == [0xFF, 0xC0])
        .expect("a baseline frame header");
    // FF C0, length (2), precision (1), height (2), width (2).
    bytes[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
    bytes
}

/// Issue 15, point 13: a picture whose header claims huge dimensions is
/// refused before anything is allocated for it, as an error at the picture
/// in build and check, not an abort. A side over 65,535 pixels is refused
/// by the decoder's limits even when the picture has few pixels.
#[test]
fn a_picture_claiming_huge_dimensions_is_a_located_error() {
    let png = "content/branches/xingwang/2026-05/visit.png";
    let cases: [(&str, Vec<u8>, &str); 2] = [
        (
            PHOTO,
            jpeg_claiming(60_000, 60_000),
            "超过了 1 亿像素的上限",
        ),
        (png, png_header(70_000, 100), "这张图片太大，读不了"),
    ];
    for (path, bytes, message) in cases {
        let site = Site::fixture("basic");
        site.write_bytes(path, &bytes);
        if path == png {
            site.remove(PHOTO);
            let record = "content/branches/xingwang/2026-05/practice.md";
            let text = std::fs::read_to_string(site.root.join(record)).unwrap();
            site.write(record, &text.replace("visit.jpg", "visit.png"));
        }
        let prefix = format!("{path}:1:1: error:");
        site.build().assert_failed().assert_error(&prefix, message);
        let ran = site.dangri(&["check"]);
        ran.assert_code(1);
        assert!(
            ran.stdout
                .lines()
                .any(|l| l.starts_with(&prefix) && l.contains(message)),
            "{}",
            ran.stdout
        );
    }
}

/// Stands for a GPS position in the EXIF blocks of the tests.
const POSITION: &[u8] = b"GPS 24.48N 118.08E";

/// An EXIF block (TIFF, big-endian, upright) whose description holds
/// `POSITION`.
fn exif_with_position() -> Vec<u8> {
    let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
    t.extend(1u16.to_be_bytes());
    // ImageDescription, ASCII, at offset 26: header 8, count 2, entry 12,
    // next-IFD offset 4.
    t.extend([0x01, 0x0E, 0, 2]);
    t.extend((POSITION.len() as u32).to_be_bytes());
    t.extend(26u32.to_be_bytes());
    t.extend([0, 0, 0, 0]);
    t.extend(POSITION);
    t
}

fn has(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Regression (issue 15, point 10): pictures under `content/static/` were
/// copied with their EXIF, GPS position included. They lose their
/// metadata and look the same; one whose metadata cannot be removed (a
/// cut file) is an error at the file, in build and check.
#[test]
fn static_pictures_are_published_without_metadata() {
    use image::ImageEncoder;
    let img = image::RgbaImage::from_fn(48, 32, |x, y| {
        image::Rgba([(x * 5) as u8, (y * 7) as u8, 90, 255])
    });
    let mut jpg = Vec::new();
    let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpg, 90);
    enc.set_exif_metadata(exif_with_position()).unwrap();
    let rgb = image::DynamicImage::ImageRgba8(img.clone()).to_rgb8();
    enc.write_image(&rgb, 48, 32, image::ExtendedColorType::Rgb8)
        .unwrap();
    let mut png = Vec::new();
    let mut enc = image::codecs::png::PngEncoder::new(&mut png);
    enc.set_exif_metadata(exif_with_position()).unwrap();
    enc.write_image(&img, 48, 32, image::ExtendedColorType::Rgba8)
        .unwrap();
    assert!(has(&jpg, POSITION) && has(&png, POSITION));

    let site = Site::fixture("basic");
    site.write_bytes("content/static/img/banner.jpg", &jpg)
        .write_bytes("content/static/img/logo.png", &png);
    let b = site.build();
    b.assert_ok();
    for (file, source) in [("img/banner.jpg", &jpg), ("img/logo.png", &png)] {
        let published = std::fs::read(b.path(file)).unwrap();
        assert!(!has(&published, POSITION), "{file} keeps its EXIF");
        assert!(
            !has(&published, b"Exif") && !has(&published, b"eXIf"),
            "{file}"
        );
        assert_eq!(
            image::load_from_memory(&published).unwrap().to_rgba8(),
            image::load_from_memory(source).unwrap().to_rgba8(),
            "{file} looks the same"
        );
    }
    // Other static files are copied as they are.
    assert_eq!(
        b.text("hello.txt"),
        std::fs::read_to_string(site.root.join("content/static/hello.txt")).unwrap()
    );

    let cut = "content/static/img/cut.jpg";
    site.write_bytes(cut, &jpg[..jpg.len() / 2]);
    let message = "这张图片读不了、去不掉";
    site.build()
        .assert_failed()
        .assert_error(&format!("{cut}:1:1: error:"), message);
    let ran = site.dangri(&["check"]);
    ran.assert_code(1);
    assert!(
        ran.stdout
            .lines()
            .any(|l| l.starts_with(&format!("{cut}:1:1: error:")) && l.contains(message)),
        "{}",
        ran.stdout
    );
}

const SECRET_PICTURE: &str = "content/branches/xingwang/2026-05/secret.jpg";

/// The basic site with `secret.jpg`, which only an internal record shows,
/// and a public record that links to it (`[原图](secret.jpg)`) on line 6.
fn site_with_a_public_link_to_an_internal_picture() -> Site {
    let site = Site::fixture("basic");
    site.write_bytes(SECRET_PICTURE, &jpeg(1200, 800))
        .write(
            "content/branches/xingwang/2026-05/internal-review.md",
            "---\ntitle: 内部处置\ndate: 2026-05-11\nkind: meeting\nvisibility: internal\nphotos:\n  - src: secret.jpg\n    caption: 内部会议\n---\n内部处置意见。\n",
        )
        .write(
            "content/branches/xingwang/2026-05/notice.md",
            "---\ntitle: 五月通知\ndate: 2026-05-20\nkind: affairs\n---\n见[原图](secret.jpg)。\n",
        );
    site
}

/// Regression (issue 15, point 9): a plain link in a public record
/// published a picture that only an internal record uses, at three sizes.
/// The public build withholds it and drops the link (its text stays, as
/// for a link to an internal record); `check` reports the link; the
/// internal build publishes the picture and keeps the link.
#[test]
fn a_public_link_does_not_publish_a_picture_only_internal_records_use() {
    let site = site_with_a_public_link_to_an_internal_picture();
    site.in_english();
    let b = site.build();
    b.assert_ok();
    let published: Vec<String> = b.files().into_iter().map(|(p, _)| p).collect();
    assert!(
        !published.iter().any(|p| p.contains("secret")),
        "{published:?}"
    );
    let page = b.page("branches/xingwang/2026-05/notice/index.html");
    assert!(
        page.text_of(".prose").contains("见原图。"),
        "{}",
        page.text_of(".prose")
    );
    assert!(page.attrs(".prose a", "href").is_empty());
    assert!(!b.all_text().contains("secret.jpg"));

    let ran = site.dangri(&["check"]);
    ran.assert_code(1);
    assert!(
        ran.stdout.lines().any(|l| l.starts_with(
            "content/branches/xingwang/2026-05/notice.md:6:2: error: `secret.jpg` is a picture that only internal records use"
        )),
        "{}",
        ran.stdout
    );

    let internal = site.build_with(&["--internal"], &[]);
    internal.assert_ok();
    assert!(
        internal
            .path("branches/xingwang/2026-05/secret.jpg")
            .exists()
    );
    let page = internal.page("branches/xingwang/2026-05/notice/index.html");
    assert_eq!(
        page.attrs(".prose a", "href"),
        vec!["/archive/branches/xingwang/2026-05/secret.jpg"]
    );
}

/// A picture that a public page shows is public: a link to it from
/// another public record works, though an internal record uses it too.
#[test]
fn a_picture_a_public_record_shows_may_be_linked_though_internal_records_use_it() {
    let site = site_with_a_public_link_to_an_internal_picture();
    site.write(
        "content/branches/xingwang/2026-06/recall.md",
        "---\ntitle: 回顾\ndate: 2026-06-20\nkind: study\n---\n![五月会议](../2026-05/secret.jpg)\n",
    );
    let b = site.build();
    b.assert_ok();
    assert!(b.path("branches/xingwang/2026-05/secret.jpg").exists());
    let page = b.page("branches/xingwang/2026-05/notice/index.html");
    assert_eq!(
        page.attrs(".prose a", "href"),
        vec!["/archive/branches/xingwang/2026-05/secret.jpg"]
    );
    site.dangri(&["check", "--strict"]).assert_code(0);
}

/// A picture that only a month's page (`_index.md`) shows is published:
/// the page showed a missing file.
#[test]
fn a_picture_a_month_page_shows_is_published() {
    let site = Site::fixture("basic");
    site.write_bytes(
        "content/branches/xingwang/2026-05/banner.jpg",
        &jpeg(800, 300),
    )
    .write(
        "content/branches/xingwang/2026-05/_index.md",
        "---\ntitle: 五月\n---\n![五月主题](banner.jpg)\n",
    );
    let b = site.build();
    b.assert_ok();
    assert!(b.path("branches/xingwang/2026-05/banner.jpg").exists());
    site.dangri(&["check", "--strict"]).assert_code(0);
}

/// The encodings in `.dangri-cache/photos/`.
fn cached(site: &Site) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(site.root.join(".dangri-cache/photos"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

// The cache kept every encoding ever made: a replaced photo's stayed.
#[test]
fn the_photo_cache_keeps_what_the_last_builds_used() {
    let site = Site::fixture("basic");
    site.write_bytes(PHOTO, &jpeg(1200, 800));
    // A picture only the internal build publishes.
    let secret = "content/branches/xingwang/2026-05/secret.jpg";
    site.write_bytes(secret, &jpeg(900, 600));
    let review = "content/branches/xingwang/2026-05/internal-review.md";
    site.write(
        review,
        &format!("{}\n![会场](secret.jpg)\n", site.read(review)),
    );
    site.build().assert_ok();
    let public = cached(&site);
    let internal = site.root.join("internal");
    let internal = internal.to_str().unwrap();
    site.build_with(&["--internal", "-o", internal], &[])
        .assert_ok();
    let both = cached(&site);
    assert_eq!(
        both.len(),
        public.len() + 1,
        "the internal picture: {both:?}"
    );

    // The public photo replaced: the internal picture's encoding stays
    // through a public build; the old photo's goes once neither kind's
    // last build used it (the internal build used it too, until it runs).
    site.write_bytes(PHOTO, &jpeg(1000, 800));
    site.build().assert_ok();
    let now = cached(&site);
    assert!(both.iter().all(|k| now.contains(k)), "{now:?}");
    assert_eq!(now.len(), both.len() + 1, "{now:?}");
    site.build_with(&["--internal", "-o", internal], &[])
        .assert_ok();
    let after = cached(&site);
    assert_eq!(
        after.len(),
        both.len(),
        "the old photo's encoding gone: {after:?}"
    );
    assert_eq!(
        after.iter().filter(|k| !both.contains(k)).count(),
        1,
        "{after:?}"
    );
    // Nothing encoded again by another public build.
    site.write(
        "content/pages/about.md",
        &format!("{}\n又一段。\n", site.read("content/pages/about.md")),
    );
    site.build().assert_ok();
    assert_eq!(cached(&site), after);
}
