//! The ledger (台账): `/branches/<b>/ledger/<YYYY>/`, a page that prints as
//! an A4 document, and `dangri export ledger`, which prints it to PDF.

use crate::common::{Site, chromium};

const LEDGER: &str = "branches/xingwang/ledger/2026/index.html";

#[test]
fn the_ledger_has_a_cover_contents_and_a_section_per_month_with_signatures() {
    let site = Site::fixture("basic");
    let b = site.build();
    b.assert_ok();
    let page = b.page(LEDGER);
    let cover = page.text_of(".ledger-cover");
    for part in [
        "新阳街道兴旺社区党支部",
        "新阳街道党工委",
        "2026年党日活动台账",
        "林秀英",
    ] {
        assert!(cover.contains(part), "{part} not on the cover: {cover}");
    }
    assert_eq!(
        page.texts(".ledger-contents li a"),
        ["2026年5月", "2026年6月"]
    );
    assert_eq!(
        page.attrs(".ledger-contents li a", "href"),
        ["#m-2026-05", "#m-2026-06"]
    );
    let months = page.select("section.ledger-month");
    assert_eq!(months.len(), 2);
    assert_eq!(
        page.attrs("section.ledger-month", "id"),
        ["m-2026-05", "m-2026-06"]
    );
    // Each month: its five-things table (five rows), its records in full,
    // and lines for the recorder and the reviewer at its end.
    assert_eq!(page.select("#m-2026-05 .ledger-five tbody tr").len(), 5);
    assert_eq!(page.select("#m-2026-06 .ledger-five tbody tr").len(), 5);
    let titles = page.texts("#m-2026-05 .ledger-record h3");
    assert!(
        titles.contains(&"参观红色教育基地".to_string()),
        "{titles:?}"
    );
    assert!(
        page.text_of("#m-2026-05 .ledger-record .prose")
            .contains("全体党员参观红色教育基地")
    );
    assert_eq!(
        page.select(".ledger-photo img").len(),
        1,
        "the photo at print size"
    );
    for id in ["m-2026-05", "m-2026-06"] {
        let last = page
            .select(&format!("#{id} > *"))
            .last()
            .map(|e| e.value().attr("class").unwrap_or_default().to_string());
        assert_eq!(last.as_deref(), Some("ledger-signatures"), "{id}");
        let signs = page.text_of(&format!("#{id} .ledger-signatures"));
        assert!(
            signs.contains("记录人") && signs.contains("审核人"),
            "{signs}"
        );
    }
    // The print stylesheet starts each month on a new page, A4 portrait,
    // with page numbers, and keeps pictures and rows whole.
    assert_eq!(
        page.attrs("link[rel=stylesheet]", "href"),
        ["/archive/style.css", "/archive/ledger.css"]
    );
    let css = b.text("ledger.css");
    for rule in [
        "size: A4 portrait",
        "counter(page)",
        ".ledger-month { margin: 0; padding: 0; border: 0; break-before: page; }",
        "tr, .ledger-photo, .ledger-signatures",
        ".section-ledger .site-header",
    ] {
        assert!(css.contains(rule), "{rule} not in ledger.css");
    }
    // Linked from the branch's timeline; in the sitemap.
    let branch = b.page("branches/xingwang/index.html");
    assert_eq!(
        branch.attrs(".ledger-links a", "href"),
        ["/archive/branches/xingwang/ledger/2026/"]
    );
    assert!(
        b.text("sitemap.xml")
            .contains("https://example.org/archive/branches/xingwang/ledger/2026/<")
    );
}

#[test]
fn the_public_ledger_holds_no_member_name_or_internal_record_and_the_internal_one_does() {
    let site = Site::fixture("basic");
    let b = site.build();
    b.assert_ok();
    let public = b.text(LEDGER);
    for secret in [
        "李四",
        "王五",
        "赵六",
        "内部处置不合格党员绝密事项",
        "机密内容甲乙丙",
    ] {
        assert!(!public.contains(secret), "{secret} in the public ledger");
    }
    let page = b.page(LEDGER);
    assert!(page.select(".ledger-names").is_empty());
    // Counted, not shown: the internal review is a meeting of May.
    let meeting = &page.texts("#m-2026-05 .ledger-five tbody tr")[1];
    assert!(meeting.contains("内部记录（不公开）： 1"), "{meeting}");
    assert!(
        page.text_of("#m-2026-05")
            .contains("应到 32 · 实到 29 · 请假 1 · 缺席 2")
    );

    let internal = site.build_with(&["--internal"], &[]);
    internal.assert_ok();
    let page = internal.page(LEDGER);
    let names = page.text_of(".ledger-names");
    for name in ["李四", "王五", "赵六"] {
        assert!(names.contains(name), "{name} not in {names}");
    }
    assert!(
        page.texts("#m-2026-05 .ledger-record h3")
            .contains(&"内部处置不合格党员绝密事项".to_string())
    );
    assert!(page.text_of(".ledger-cover").contains("内部资料"));
}

#[test]
fn export_ledger_without_chromium_names_what_to_install() {
    let site = Site::fixture("basic");
    let empty = site.root.join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dangri"))
        .current_dir(&site.root)
        .env("PATH", &empty)
        .args([
            "export", "ledger", "--branch", "xingwang", "--year", "2026", "-o", "l.pdf",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: printing the ledger to PDF needs a headless Chromium"),
        "{stderr}"
    );
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
    assert!(!site.root.join("l.pdf").exists());
}

#[test]
fn export_ledger_names_a_branch_or_year_that_has_none() {
    let site = Site::fixture("basic");
    let ran = site.dangri(&[
        "export", "ledger", "--branch", "nobody", "--year", "2026", "-o", "l.pdf",
    ]);
    // Without a browser the message about it comes first; either way, no PDF.
    assert_eq!(ran.code(), Some(1), "{}", ran.stderr);
    if !ran.stderr.contains("needs a headless Chromium") {
        assert!(
            ran.stderr
                .contains("content/branches/nobody:1:1: error: 没有“nobody”这个支部"),
            "{}",
            ran.stderr
        );
        let ran = site.dangri(&[
            "export", "ledger", "--branch", "xingwang", "--year", "2024", "-o", "l.pdf",
        ]);
        assert!(
            ran.stderr
                .contains("所以没有这一年的台账：有 2026 年的台账"),
            "{}",
            ran.stderr
        );
    }
    assert!(!site.root.join("l.pdf").exists());
}

/// The number of pages of a PDF and whether each is A4 portrait (595 × 842
/// points), read from its page objects.
fn pdf_pages(pdf: &[u8]) -> (usize, bool) {
    let text = String::from_utf8_lossy(pdf);
    let pages = text.matches("/Type /Page\n").count()
        + text.matches("/Type /Page/").count()
        + text.matches("/Type /Page ").count()
        + text.matches("/Type /Page>").count();
    let a4 = text
        .match_indices("/MediaBox [")
        .all(|(i, _)| text[i..].starts_with("/MediaBox [0 0 594.9"));
    (pages, a4 && text.contains("/MediaBox [0 0 594.9"))
}

/// Prints with the real browser (installed for the browser tests).
#[test]
fn export_ledger_prints_an_a4_document_a_page_per_month() {
    let browser = chromium();
    let site = Site::fixture("basic");
    let bin = site.root.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(&browser, bin.join("chromium")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dangri"))
        .current_dir(&site.root)
        .env("PATH", &bin)
        .args([
            "export", "ledger", "--branch", "xingwang", "--year", "2026", "-o", "l.pdf",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let pdf = std::fs::read(site.root.join("l.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let (pages, a4) = pdf_pages(&pdf);
    assert!(a4, "not A4 portrait");
    // A cover, the contents, then May and June each from a new page: at
    // least four pages; the fixture's six short records need no more than
    // two pages a month.
    assert!((4..=6).contains(&pages), "{pages} pages");
    let texts = page_texts(&site.root.join("l.pdf"), pages);
    assert!(
        texts[0].contains("2026年党日活动台账"),
        "the cover: {}",
        texts[0]
    );
    assert!(texts[1].starts_with("目录"), "the contents: {}", texts[1]);
    for month in ["2026年5月", "2026年6月"] {
        assert!(
            texts.iter().any(|t| t.starts_with(month)),
            "no page starts with {month}: {texts:#?}"
        );
    }
    // Page numbers in the margin, from the second page on.
    let number = |t: &str, n: usize| t.replace(' ', "").contains(&format!("{n}/{pages}"));
    assert!(number(&texts[1], 2), "{}", texts[1]);
    assert!(
        !number(&texts[0], 1),
        "no number on the cover: {}",
        texts[0]
    );
    // Nothing runs into the side margins (16 mm; 20 px at 40 dpi is 12.7
    // mm) or off the top or the bottom (the page number sits in the bottom
    // margin). An element wider than the printable area (a 2000 px table,
    // tried) is clipped or shrunk by Chromium rather than printed into the
    // margin, so this cannot see one: that is checked by eye.
    for (n, page) in page_images(&site.root.join("l.pdf")).iter().enumerate() {
        assert!(
            page.edges_blank(20, 5),
            "page {}: ink at the edge of the paper",
            n + 1
        );
    }
    assert_pictures_whole(&site.root.join("l.pdf"));
}

/// A page rendered in grey (poppler's `pdftoppm`, 40 dpi: 5 px ≈ 3 mm).
struct Gray {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

impl Gray {
    /// Whether the `side` outermost pixels left and right and the `band`
    /// top and bottom are white.
    fn edges_blank(&self, side: usize, band: usize) -> bool {
        (0..self.height).all(|y| {
            (0..self.width).all(|x| {
                let edge =
                    x < side || y < band || x >= self.width - side || y >= self.height - band;
                !edge || self.pixels[y * self.width + x] >= 240
            })
        })
    }
}

/// Every page of a PDF as a grey picture (`page_texts` installs poppler).
fn page_images(pdf: &std::path::Path) -> Vec<Gray> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("p");
    let ok = std::process::Command::new("pdftoppm")
        .args(["-r", "40", "-gray"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .unwrap()
        .success();
    assert!(ok, "pdftoppm failed");
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            // P5, width, height, maxval, then one byte a pixel.
            let bytes = std::fs::read(f).unwrap();
            let mut fields = Vec::new();
            let mut at = 0;
            while fields.len() < 4 {
                while bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                let start = at;
                while !bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
            }
            assert_eq!(fields[0], "P5");
            let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
            let pixels = bytes[at + 1..].to_vec();
            assert_eq!(pixels.len(), width * height);
            Gray {
                width,
                height,
                pixels,
            }
        })
        .collect()
}

/// The text of each page, with poppler's `pdftotext` (installed with
/// apt-get when missing and possible, as `chromium()` does).
fn page_texts(pdf: &std::path::Path, pages: usize) -> Vec<String> {
    let run = |page: usize| {
        std::process::Command::new("pdftotext")
            .args(["-f", &page.to_string(), "-l", &page.to_string()])
            .arg(pdf)
            .arg("-")
            .output()
    };
    if run(1).is_err() {
        let installed = std::process::Command::new("sh")
            .arg("-c")
            .arg("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils")
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            installed,
            "this test needs pdftotext: apt-get install poppler-utils"
        );
    }
    (1..=pages)
        .map(|p| {
            let out = run(p).unwrap();
            String::from_utf8_lossy(&out.stdout).trim().to_string()
        })
        .collect()
}

/// No picture is split across pages: a split picture is drawn on both
/// (poppler's `pdfimages -list`, one row per picture drawn, with its page
/// and object). Returns how many pictures were printed.
fn assert_pictures_whole(pdf: &std::path::Path) -> usize {
    let list = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(pdf)
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&list.stdout);
    let mut pages_of: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    for row in list.lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        if cols.len() > 11 && cols[2] == "image" {
            pages_of
                .entry(cols[10].to_string())
                .or_default()
                .insert(cols[0].to_string());
        }
    }
    assert!(!pages_of.is_empty(), "no picture printed:\n{list}");
    for (object, pages) in &pages_of {
        assert_eq!(
            pages.len(),
            1,
            "picture {object} split over pages {pages:?}"
        );
    }
    pages_of.len()
}

/// Tall photos print whole, each on one page (without `break-inside:
/// avoid` and the 150 mm cap, Chromium splits them).
/// The basic site with what often runs off the paper in a 2026 month of
/// xingwang: four tall photos, a long address and a wide table.
fn wide_and_tall() -> Site {
    let site = Site::fixture("basic");
    let month = "content/branches/xingwang/2026-05";
    let mut front =
        String::from("---\ntitle: 长图记录\ndate: 2026-05-12\nkind: practice\nphotos:\n");
    for i in 0..4 {
        let picture = image::RgbImage::from_fn(400, 1100, |x, y| {
            let v = if (x / 20 + y / 20) % 2 == 0 { 40 } else { 220 };
            image::Rgb([v, v, v])
        });
        picture
            .save(site.root.join(format!("{month}/tall{i}.png")))
            .unwrap();
        front.push_str(&format!("  - {{src: tall{i}.png, caption: 第{i}张}}\n"));
    }
    // And what is often too wide: a long address, a wide table and a long
    // line of code.
    let long = format!("https://example.org/{}", "a".repeat(300));
    let table = format!(
        "| {} |\n|{}\n| {} |\n",
        ["很长的表头"; 12].join(" | "),
        "---|".repeat(12),
        ["内容"; 12].join(" | ")
    );
    site.write(
        &format!("{month}/tall.md"),
        &format!(
            "{front}---\n一段文字：{long}\n\n{table}\n```\n{}\n```\n",
            "x = 1; ".repeat(60)
        ),
    );
    site
}

#[test]
fn tall_photos_print_whole_and_nothing_runs_off_the_paper() {
    let browser = chromium();
    let site = wide_and_tall();
    let bin = site.root.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(&browser, bin.join("chromium")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dangri"))
        .current_dir(&site.root)
        .env("PATH", &bin)
        .args([
            "export", "ledger", "--branch", "xingwang", "--year", "2026", "-o", "l.pdf",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // pdftotext's installer brings pdfimages too.
    let _ = page_texts(&site.root.join("l.pdf"), 1);
    assert!(assert_pictures_whole(&site.root.join("l.pdf")) >= 4);
    for (n, page) in page_images(&site.root.join("l.pdf")).iter().enumerate() {
        assert!(
            page.edges_blank(20, 5),
            "page {}: ink in the side margins or at the edge",
            n + 1
        );
    }
}

// The raster test above sees ink at the paper's edge; this one names the
// element: with the print rules in force and the frame as wide as A4's
// printable area (210 mm less the 16 mm margins), no element reaches past it.
#[test]
fn no_element_is_wider_than_the_printable_area() {
    crate::common::chromium();
    let site = wide_and_tall();
    let b = site.build();
    b.assert_ok();
    // 178 mm at 96 px to the inch.
    let width = 178.0 / 25.4 * 96.0;
    // The site lives at /archive/ (its base_url's path).
    let web = site.root.join("web");
    std::fs::create_dir_all(&web).unwrap();
    std::os::unix::fs::symlink(b.path(""), web.join("archive")).unwrap();
    std::fs::write(web.join("print.html"), print_checker(LEDGER, width)).unwrap();
    let port = crate::common::serve(web);
    let dom = crate::common::dump_dom(&format!("http://127.0.0.1:{port}/print.html"), (1000, 1200));
    let start = dom.find("<pre id=\"result\">").unwrap_or_else(|| {
        panic!(
            "the checker did not finish:\n{}",
            &dom[..dom.len().min(2000)]
        )
    }) + "<pre id=\"result\">".len();
    let result = &dom[start..start + dom[start..].find("</pre>").unwrap()];
    let (count, problems) = result.split_once('\n').unwrap_or((result, ""));
    let count: usize = count.trim().parse().unwrap();
    assert!(count > 200, "only {count} elements measured");
    assert!(
        problems.trim().is_empty(),
        "wider than the paper:\n{problems}"
    );
}

/// A page that loads `page` in a frame `width` pixels wide, puts its print
/// rules in force (and its screen-only rules out), and lists every element
/// whose box reaches past the frame: `<pre id="result">` holds the number
/// of elements measured, then one line per problem.
fn print_checker(page: &str, width: f64) -> String {
    format!(
        r#"<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" style="border:0;display:block;width:{width}px;height:1100px"></iframe>
<script>
var f=document.getElementById('f');
function flip(rules){{
  for(var i=0;i<rules.length;i++){{
    var r=rules[i];
    if(r.media&&r.cssRules){{
      var m=r.media.mediaText;
      if(/\bprint\b/.test(m)&&!/\bnot\b/.test(m))r.media.mediaText='all';
      else if(/\bscreen\b/.test(m))r.media.mediaText='not all';
      flip(r.cssRules);
    }}
  }}
}}
f.onload=function(){{
  var doc=f.contentDocument;
  if(doc.styleSheets.length<2)return;
  for(var s=0;s<doc.styleSheets.length;s++)flip(doc.styleSheets[s].cssRules);
  var imgs=[].slice.call(doc.images).map(function(i){{return i.decode().catch(function(){{}});}});
  Promise.all(imgs).then(function(){{return doc.fonts.ready;}}).then(function(){{
    var W=doc.documentElement.clientWidth,out=[],n=0,all=doc.body.querySelectorAll('*');
    if(W>{width}+0.5)out.push('the page is '+W+' wide');
    for(var i=0;i<all.length;i++){{
      var e=all[i],r=e.getBoundingClientRect();
      if(!r.width&&!r.height)continue;
      n++;
      if(r.right>W+0.5||r.left<-0.5)out.push(e.tagName.toLowerCase()+(e.className?'.'+e.className:'')+' '+Math.round(r.left)+'..'+Math.round(r.right)+' of '+W+': '+(e.textContent||e.getAttribute('src')||'').slice(0,60));
    }}
    // Text runs past its box without widening it: measure text too.
    var walk=doc.createTreeWalker(doc.body,NodeFilter.SHOW_TEXT),t,range=doc.createRange();
    while((t=walk.nextNode())){{
      range.selectNodeContents(t);
      var q=range.getBoundingClientRect();
      if(q.width&&(q.right>W+0.5||q.left<-0.5))out.push('text in '+t.parentNode.tagName.toLowerCase()+(t.parentNode.className?'.'+t.parentNode.className:'')+' '+Math.round(q.left)+'..'+Math.round(q.right)+' of '+W+': '+t.textContent.trim().slice(0,60));
    }}
    if(doc.documentElement.scrollWidth>W)out.push('the page scrolls sideways: '+doc.documentElement.scrollWidth);
    var p=document.createElement('pre');p.id='result';p.textContent=n+'\n'+out.join('\n');document.body.appendChild(p);
  }});
}};
f.src='/archive/{page}';
</script></body></html>"#
    )
}
