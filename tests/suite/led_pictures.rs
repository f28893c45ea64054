//! LED pictures (`pictures: true`): numbered PNGs of every show, exactly
//! the profile's size, slide for slide the HTML show, with a playlist and a
//! zip; `dangri export led` for USB sticks. They need a CJK font: CI
//! installs fonts-noto-cjk.

use std::collections::BTreeMap;
use std::path::Path;

use image::RgbImage;

use crate::common::Site;

const SHOW: &str = "led/outdoor/xingwang-2026-05-lecture";

/// The basic fixture with pictures on its outdoor profile and on a square
/// one with its own colours.
fn site() -> Site {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root.join("content/site.yaml")).unwrap();
    site.write(
        "content/site.yaml",
        &format!(
            "{config}led:\n  profiles:\n    - {{ name: outdoor, width: 384, height: 192, font_px: 32, seconds: 8, pictures: true }}\n    - {{ name: square, width: 256, height: 256, font_px: 24, seconds: 5, pictures: true, colors: {{ background: \"#001020\", heading: \"#0f0\" }} }}\n    - {{ name: hall, width: 1920, height: 1080, font_px: 72, seconds: 12 }}\n"
        ),
    );
    site
}

fn png(path: &Path) -> RgbImage {
    image::open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .to_rgb8()
}

/// The numbered pictures of a show's folder, in order.
fn pictures(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    v.sort();
    v
}

/// Pixels outside the padding that differ from the picture's background
/// (its top left pixel), and pixels of any other colour inside.
fn ink(img: &RgbImage, pad: u32) -> (usize, usize) {
    let bg = *img.get_pixel(0, 0);
    let (w, h) = img.dimensions();
    let (mut outside, mut inside) = (0, 0);
    for (x, y, p) in img.enumerate_pixels() {
        if *p == bg {
            continue;
        }
        let within = (pad..w - pad).contains(&x) && (pad..h - pad).contains(&y);
        if within { inside += 1 } else { outside += 1 }
    }
    (outside, inside)
}

#[test]
fn every_picture_is_the_profiles_size_slide_for_slide_the_html_show() {
    let b = site().build();
    b.assert_ok();
    assert!(!b.stderr.contains("warning"), "{}", b.stderr);
    let mut shows = 0;
    for (profile, w, h, pad) in [("outdoor", 384, 192, 8), ("square", 256, 256, 6)] {
        for lecture in ["xingwang-2026-05-lecture", "gangkou-2026-06-lecture"] {
            let dir = b.path(&format!("led/{profile}/{lecture}"));
            let show = b.page(&format!("led/{profile}/{lecture}/index.html"));
            let files = pictures(&dir);
            assert_eq!(
                files.len(),
                show.select(".slide").len(),
                "{profile} {lecture}"
            );
            for (n, file) in files.iter().enumerate() {
                assert_eq!(
                    file.file_name().unwrap(),
                    format!("{:03}.png", n + 1).as_str()
                );
                let img = png(file);
                assert_eq!(img.dimensions(), (w, h), "{}", file.display());
                let (outside, inside) = ink(&img, pad);
                assert_eq!(outside, 0, "ink in the margin of {}", file.display());
                assert!(inside > 100, "{} is blank", file.display());
            }
            // The cover on the cover's colour, the others on the background.
            let cover = png(&files[0]);
            assert_eq!(*cover.get_pixel(0, 0), image::Rgb([0x8b, 0, 0]));
            let bg = if profile == "square" {
                [0, 0x10, 0x20]
            } else {
                [0, 0, 0]
            };
            assert_eq!(*png(&files[1]).get_pixel(0, 0), image::Rgb(bg));
            // A small link to the zip, outside the slides.
            assert_eq!(show.attrs("body > a.pictures", "href"), ["pictures.zip"]);
            shows += 1;
        }
    }
    assert_eq!(shows, 4);
    // Headings in the profile's colour: the square's second slide has green.
    let files = pictures(&b.path("led/square/xingwang-2026-05-lecture"));
    let green = png(&files[1]).pixels().any(|p| p.0 == [0, 0xff, 0]);
    assert!(green, "the heading colour of `colors:`");
    // No pictures for a profile without them, and no link there.
    assert!(pictures(&b.path("led/hall/xingwang-2026-05-lecture")).is_empty());
    let hall = b.page("led/hall/xingwang-2026-05-lecture/index.html");
    assert!(hall.select("a.pictures").is_empty());
}

#[test]
fn the_playlists_and_the_zip_hold_every_picture_in_order() {
    let b = site().build();
    b.assert_ok();
    let dir = b.path(SHOW);
    let files = pictures(&dir);
    let m3u = b.text(&format!("{SHOW}/playlist.m3u"));
    let listed: Vec<&str> = m3u.lines().filter(|l| l.ends_with(".png")).collect();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(listed, names);
    assert_eq!(m3u.matches("#EXTINF:8,").count(), names.len());
    let json: serde_json::Value =
        serde_json::from_str(&b.text(&format!("{SHOW}/playlist.json"))).unwrap();
    assert_eq!(json["width"], 384);
    assert_eq!(json["pictures"][0]["file"], "001.png");
    assert_eq!(json["pictures"][0]["seconds"], 8);
    let zip = std::fs::File::open(dir.join("pictures.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(zip).unwrap();
    let inside: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    let mut expected = names.clone();
    expected.extend(["playlist.json".into(), "playlist.m3u".into()]);
    assert_eq!(inside, expected, "sorted, pictures and playlists");
    let mut first = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_index(0).unwrap(), &mut first).unwrap();
    assert_eq!(first, std::fs::read(&files[0]).unwrap());
    assert_eq!(
        zip.by_index(0).unwrap().last_modified().map(|t| t.year()),
        Some(1980)
    );
}

#[test]
fn the_last_pictures_qr_code_reads_the_lectures_short_url() {
    let b = site().build();
    b.assert_ok();
    for profile in ["outdoor", "square"] {
        let files = pictures(&b.path(&format!("led/{profile}/xingwang-2026-05-lecture")));
        let img = image::open(files.last().unwrap()).unwrap().to_luma8();
        let mut prepared = rqrr::PreparedImage::prepare(img);
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1, "{profile}: one code");
        let (_, url) = grids[0].decode().unwrap();
        let code = url
            .strip_prefix("https://example.org/archive/m/")
            .and_then(|c| c.strip_suffix('/'))
            .unwrap_or_else(|| panic!("not a short URL: {url}"));
        let alias = b.text(&format!("m/{code}/index.html"));
        assert!(
            alias.contains("lectures/xingwang-2026-05-lecture/"),
            "{url} leads elsewhere"
        );
    }
}

#[test]
fn a_character_the_font_lacks_is_a_warning_at_its_place() {
    let site = site();
    // U+31350 (CJK Extension H, Unicode 15): in no common CJK font yet.
    let rare = '\u{31350}';
    site.write(
        "content/branches/xingwang/2026-05/lecture.md",
        &format!("---\ntitle: 从党史中汲取前进力量\ndate: 2026-05-10\nkind: 课\nspeaker: chen-jianguo\n---\n党史是最好的教科书。\n\n一个生僻字{rare}{rare}。\n"),
    );
    let b = site.build();
    b.assert_ok();
    let line = b
        .stderr
        .lines()
        .find(|l| l.contains(rare))
        .unwrap_or_else(|| panic!("no warning:\n{}", b.stderr));
    assert!(
        line.starts_with("content/branches/xingwang/2026-05/lecture.md:9:6: warning:"),
        "{line}"
    );
    assert!(line.contains("U+31350"), "{line}");
    assert_eq!(b.stderr.matches(rare).count(), 1, "once, for both profiles");
    assert!(pictures(&b.path(SHOW)).len() >= 3, "drawn all the same");
}

#[test]
fn without_a_usable_font_the_shows_build_without_pictures() {
    let site = site();
    site.in_english();
    let config = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        &config.replace("led:\n", "led:\n  font: fonts/none.otf\n"),
    );
    let b = site.build();
    b.assert_ok();
    let line = b
        .stderr
        .lines()
        .find(|l| l.contains("led.font"))
        .unwrap_or_else(|| panic!("no message:\n{}", b.stderr));
    assert!(
        line.starts_with("content/site.yaml:7:3: warning: `led.font: fonts/none.otf`: cannot read"),
        "{line}"
    );
    assert!(line.contains("pictures are not drawn"), "{line}");
    let show = b.page(&format!("{SHOW}/index.html"));
    assert!(show.select(".slide").len() >= 3, "the HTML show is built");
    assert!(show.select("a.pictures").is_empty(), "no link to pictures");
    assert!(pictures(&b.path(SHOW)).is_empty());
    assert!(!b.path(&format!("{SHOW}/pictures.zip")).exists());
    // `check` says so too.
    let ran = site.dangri(&["check"]);
    assert!(
        ran.stdout
            .contains("content/site.yaml:7:3: warning: `led.font: fonts/none.otf`"),
        "{}",
        ran.stdout
    );
    // `export led` cannot do without one: an error.
    let out = site.root.join("usb");
    let ran = site.dangri(&[
        "export",
        "led",
        "--profile",
        "outdoor",
        "-o",
        out.to_str().unwrap(),
    ]);
    ran.assert_code(1);
    assert!(
        ran.stderr.contains("error: `led.font: fonts/none.otf`"),
        "{}",
        ran.stderr
    );
}

fn led_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    crate::common::Site::files_of(&dir.join("led"))
        .into_iter()
        .collect()
}

#[test]
fn pictures_are_byte_identical_with_one_or_two_threads() {
    let (a, b) = (site(), site());
    let one = a.build_with(&[], &[("RAYON_NUM_THREADS", "1")]);
    let two = b.build_with(&[], &[("RAYON_NUM_THREADS", "2")]);
    one.assert_ok();
    two.assert_ok();
    let (x, y) = (led_files(&one.out), led_files(&two.out));
    assert!(x.keys().filter(|k| k.ends_with(".png")).count() >= 12);
    assert!(x.keys().any(|k| k.ends_with("pictures.zip")));
    assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>());
    for (k, v) in &x {
        assert!(v == &y[k], "{k} differs");
    }
}

/// The cache: a rebuild draws only the decks that changed, and the cache
/// keeps only the decks of the last build.
#[test]
fn a_rebuild_draws_only_the_lectures_that_changed() {
    let site = site();
    let entries = || -> std::collections::BTreeSet<String> {
        std::fs::read_dir(site.root.join(".dangri-cache/led"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    site.build().assert_ok();
    // Two lectures on two picture profiles.
    let first_decks = entries();
    assert_eq!(first_decks.len(), 4);
    let first = led_files(&site.out());
    // Another page changed, so that the build runs: the same pictures.
    let about = site.read("content/pages/about.md");
    site.write("content/pages/about.md", &format!("{about}\n又一段。\n"));
    site.build().assert_ok();
    assert_eq!(entries(), first_decks);
    assert_eq!(
        led_files(&site.out()),
        first,
        "the same pictures from the cache"
    );
    let path = "content/branches/gangkou/2026-06/lecture.md";
    let text = site.read(path);
    site.write(path, &format!("{text}\n新加的一段话。\n"));
    site.build().assert_ok();
    let now = entries();
    assert_eq!(
        now.len(),
        4,
        "the changed lecture's old decks are gone: {now:?}"
    );
    assert_eq!(
        now.intersection(&first_decks).count(),
        2,
        "the other lecture's two decks kept, the changed one's drawn again"
    );
}

#[test]
fn export_led_writes_sorted_pictures_and_a_readme_for_usb_sticks() {
    let site = site();
    let out = site.root.join("usb");
    let o = out.to_str().unwrap();
    let ran = site.dangri(&["export", "led", "--profile", "outdoor", "-o", o]);
    ran.assert_code(0);
    assert!(
        ran.stderr.contains("exported 2 lecture(s)"),
        "{}",
        ran.stderr
    );
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let pngs: Vec<&String> = names.iter().filter(|n| n.ends_with(".png")).collect();
    // The newest lecture first, its slides in order.
    assert_eq!(pngs[0], "01-001.png");
    assert!(pngs.iter().any(|n| n.starts_with("02-")));
    let b = site.build();
    let slides = |id: &str| {
        b.page(&format!("led/outdoor/{id}/index.html"))
            .select(".slide")
            .len()
    };
    let total = slides("xingwang-2026-05-lecture") + slides("gangkou-2026-06-lecture");
    assert_eq!(pngs.len(), total);
    assert_eq!(
        pngs.iter().filter(|n| n.starts_with("01-")).count(),
        slides("gangkou-2026-06-lecture"),
        "the newest lecture plays first"
    );
    for n in &pngs {
        assert_eq!(png(&out.join(n.as_str())).dimensions(), (384, 192));
    }
    let readme = std::fs::read_to_string(out.join("说明.txt")).unwrap();
    for word in ["HDPlayer", "LedshowTV", "ViPlex", "384 × 192", "8 秒"] {
        assert!(readme.contains(word), "说明.txt lacks {word}");
    }
    let m3u = std::fs::read_to_string(out.join("playlist.m3u")).unwrap();
    let listed: Vec<&str> = m3u.lines().filter(|l| l.ends_with(".png")).collect();
    assert_eq!(listed, pngs.iter().map(|s| s.as_str()).collect::<Vec<_>>());

    // Again into the same folder, one lecture: the others' files are gone.
    let ran = site.dangri(&[
        "export",
        "led",
        "--profile",
        "outdoor",
        "--lecture",
        "xingwang-2026-05-lecture",
        "-o",
        o,
    ]);
    ran.assert_code(0);
    let left = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "png")
        })
        .count();
    assert_eq!(left, slides("xingwang-2026-05-lecture"));
    // A month, and a folder dangri did not write.
    let ran = site.dangri(&[
        "export",
        "led",
        "--profile",
        "outdoor",
        "--month",
        "2026-06",
        "-o",
        o,
    ]);
    ran.assert_code(0);
    site.write("mine/notes.txt", "my own file");
    let mine = site.root.join("mine");
    let ran = site.dangri(&[
        "export",
        "led",
        "--profile",
        "outdoor",
        "-o",
        mine.to_str().unwrap(),
    ]);
    ran.assert_code(1);
    assert!(ran.stderr.contains("is not empty"), "{}", ran.stderr);
    assert_eq!(std::fs::read_dir(&mine).unwrap().count(), 1);
}

#[test]
fn export_led_never_takes_an_internal_lecture() {
    let site = site();
    site.write(
        "content/branches/xingwang/2026-06/secret.md",
        "---\ntitle: 内部党课\ndate: 2026-06-11\nkind: lecture\nspeaker_name: 林秀英\nvisibility: internal\n---\n内容。\n",
    );
    let out = site.root.join("usb");
    let o = out.to_str().unwrap();
    let ran = site.dangri(&[
        "export",
        "led",
        "--profile",
        "outdoor",
        "--lecture",
        "xingwang-2026-06-secret",
        "-o",
        o,
    ]);
    ran.assert_code(1);
    assert!(
        ran.stderr.contains("no lecture `xingwang-2026-06-secret`"),
        "{}",
        ran.stderr
    );
    assert!(!out.exists());
    let ran = site.dangri(&[
        "export",
        "led",
        "--profile",
        "outdoor",
        "--month",
        "2026-06",
        "-o",
        o,
    ]);
    ran.assert_code(0);
    assert!(
        ran.stderr.contains("exported 1 lecture(s)"),
        "{}",
        ran.stderr
    );
    // Nor does an internal build draw it.
    let b = site.build_with(&["--internal"], &[]);
    b.assert_ok();
    assert!(!b.path("led/outdoor/xingwang-2026-06-secret").exists());
}

/// One text band of a slide: the rows `top..=bottom` that have ink, and
/// the columns `left..=right` of that ink.
#[derive(Debug, Clone, Copy)]
struct Band {
    top: u32,
    bottom: u32,
    left: u32,
    right: u32,
}

/// The bands of ink of `img` (`w` × `h` from its top left): pixels whose
/// colour is far from the background (the top left pixel), grouped into
/// runs of rows with gaps of at most 2 rows (a line's strokes).
fn bands(img: &RgbImage, w: u32, h: u32) -> Vec<Band> {
    let bg = img.get_pixel(0, 0).0;
    let inked = |x: u32, y: u32| {
        let p = img.get_pixel(x, y).0;
        (0..3).any(|c| p[c].abs_diff(bg[c]) > 96)
    };
    let mut out: Vec<Band> = Vec::new();
    let mut gap = u32::MAX;
    for y in 0..h {
        let xs: Vec<u32> = (0..w).filter(|&x| inked(x, y)).collect();
        let (Some(&left), Some(&right)) = (xs.first(), xs.last()) else {
            gap = gap.saturating_add(1);
            continue;
        };
        match out.last_mut() {
            Some(b) if gap <= 2 => {
                b.bottom = y;
                b.left = b.left.min(left);
                b.right = b.right.max(right);
            }
            _ => out.push(Band {
                top: y,
                bottom: y,
                left,
                right,
            }),
        }
        gap = 0;
    }
    out
}

/// Issue 17: the two writers of a deck agree. Each of the first slides and
/// the QR slide, drawn by dangri and screenshotted from the HTML show in
/// headless Chromium at the profile's size with the same font (Noto Sans
/// CJK), has the same lines of ink in the same places. The tolerance: 3 px
/// on a line's top and bottom (Chromium's Skia and ab_glyph rasterize and
/// round glyph edges differently, and the HTML rounds line boxes to CSS
/// pixels) and 6 px on its left and right ends (the two shape a line's
/// glyphs independently: up to a third of a pixel of advance over the
/// dozen characters of a 384 px line). A line moved, added, dropped or
/// wrapped differently is off by a line height (40 px here) or a glyph
/// (32 px).
#[test]
fn a_drawn_slide_and_the_html_shows_screenshot_have_the_same_lines() {
    let chromium = crate::common::chromium();
    let b = site().build();
    b.assert_ok();
    let (w, h) = (384, 192);
    let files = pictures(&b.path(SHOW));
    assert!(files.len() > 3, "{files:?}");
    std::fs::write(
        b.path("compare.html"),
        format!(
            r#"<!DOCTYPE html><html><body style="margin:0;background:#0f0">
<iframe id="f" src="/{SHOW}/" width="{w}" height="{h}" style="border:0;display:block"></iframe>
<script>
var i=+location.hash.slice(1)||0,f=document.getElementById('f');
f.onload=function(){{f.contentDocument.fonts.ready.then(function(){{
  var s=f.contentDocument.querySelectorAll('.slide');
  for(var m=0;m<s.length;m++)s[m].classList.toggle('active',m===i);
}});}};
</script></body></html>"#
        ),
    )
    .unwrap();
    let port = crate::common::serve(b.path(""));
    let shots = tempfile::tempdir().unwrap();
    let last = files.len() - 1;
    for i in [0, 1, 2, last] {
        let shot = shots.path().join(format!("{i}.png"));
        let profile = tempfile::tempdir().unwrap();
        let ran = std::process::Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--window-size=600,400",
                "--virtual-time-budget=3000",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--screenshot={}", shot.display()))
            .arg(format!("http://127.0.0.1:{port}/compare.html#{i}"))
            .output()
            .unwrap();
        assert!(
            shot.is_file(),
            "no screenshot: {}",
            String::from_utf8_lossy(&ran.stderr)
        );
        let shot = image::imageops::crop_imm(&png(&shot), 0, 0, w, h).to_image();
        let drawn = png(&files[i]);
        let (drawn, html) = (bands(&drawn, w, h), bands(&shot, w, h));
        // Text slides have two lines at least (a line and the running
        // line); the QR slide is one band (the code, its caption beside).
        let lines = if i == last { 1 } else { 2 };
        assert!(drawn.len() >= lines, "slide {i}: {drawn:?}");
        let what = format!("slide {i}: drawn {drawn:?}\nhtml {html:?}");
        assert_eq!(drawn.len(), html.len(), "{what}");
        for (d, s) in drawn.iter().zip(&html) {
            assert!(
                d.top.abs_diff(s.top) <= 3 && d.bottom.abs_diff(s.bottom) <= 3,
                "{what}"
            );
            assert!(
                d.left.abs_diff(s.left) <= 6 && d.right.abs_diff(s.right) <= 6,
                "{what}"
            );
        }
    }
}
