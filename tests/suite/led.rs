//! LED slide shows: what a screen shows, checked in the built files and in a
//! real browser (headless Chromium) at each profile's size.

use std::path::Path;

use crate::common::Site;

#[test]
fn shows_are_self_contained_with_cover_and_qr() {
    let site = Site::fixture("basic");
    let b = site.build();
    b.assert_ok();
    for profile in ["outdoor", "hall"] {
        let show = b.page(&format!(
            "led/{profile}/xingwang-2026-05-lecture/index.html"
        ));
        let slides = show.select(".slide");
        assert!(slides.len() >= 3, "cover, text, QR");
        let cover = show.text_of(".slide.cover");
        for part in [
            "从党史中汲取前进力量",
            "陈建国",
            "新阳街道兴旺社区党支部",
            "2026年5月10日",
        ] {
            assert!(
                cover.replace(' ', "").contains(part),
                "{profile}: cover lacks {part}: {cover}"
            );
        }
        assert_eq!(
            show.select(".slide:last-child svg.qr").len(),
            1,
            "the last slide is the QR code"
        );
        // Nothing points outside the file.
        for attr in ["src", "href"] {
            let sel = format!("[{attr}]");
            assert!(
                show.select(&sel).is_empty(),
                "{profile}: an element has {attr}"
            );
        }
        let raw = b.text(&format!(
            "led/{profile}/xingwang-2026-05-lecture/index.html"
        ));
        assert!(!raw.contains("url("), "CSS url() in {profile}");
        assert!(!raw.contains("@import"));
        assert!(!raw.contains("<link"));
    }
}

#[test]
fn led_false_and_internal_lectures_never_appear() {
    let site = Site::fixture("basic");
    site.write(
        "content/branches/xingwang/2026-06/lecture.md",
        "---\ntitle: 不上屏的党课\ndate: 2026-06-10\nkind: lecture\nspeaker_name: 林秀英\nled: false\n---\n内容。\n",
    )
    .write(
        "content/branches/xingwang/2026-06/secret.md",
        "---\ntitle: 内部党课绝密\ndate: 2026-06-11\nkind: lecture\nspeaker_name: 林秀英\nvisibility: internal\n---\n内容。\n",
    );
    for internal in [false, true] {
        let b = if internal {
            site.build_with(&["--internal"], &[])
        } else {
            site.build()
        };
        b.assert_ok();
        assert!(!b.path("led/outdoor/xingwang-2026-06-lecture").exists());
        assert!(!b.path("led/outdoor/xingwang-2026-06-secret").exists());
        let channel = b.text("led/outdoor/index.html");
        assert!(!channel.contains("不上屏的党课"));
        assert!(!channel.contains("内部党课绝密"));
        // The channel plays the others, newest first.
        let a = channel.find("企业党课").unwrap();
        let c = channel.find("从党史中汲取").unwrap();
        assert!(a < c);
    }
}

#[test]
fn profiles_come_from_site_yaml() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root.join("content/site.yaml")).unwrap();
    site.write(
        "content/site.yaml",
        &format!("{config}led:\n  channel_size: 1\n  profiles:\n    - {{ name: tiny, width: 256, height: 128, font_px: 20, seconds: 5 }}\n"),
    );
    let b = site.build();
    b.assert_ok();
    assert!(
        b.path("led/tiny/xingwang-2026-05-lecture/index.html")
            .exists()
    );
    assert!(!b.path("led/outdoor").exists());
    let channel = b.text("led/tiny/index.html");
    assert_eq!(
        channel.matches("class=\"slide cover\"").count(),
        1,
        "channel_size caps the channel"
    );
    assert!(channel.contains(",5000)"), "slides advance every 5 s");
}

#[test]
fn the_cover_names_title_speaker_branch_and_date_on_the_smallest_screen() {
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root.join("content/site.yaml")).unwrap();
    // Too small for four lines: refused, with the font size that fits.
    site.write(
        "content/site.yaml",
        &format!("{config}led:\n  profiles:\n    - {{ name: small, width: 128, height: 64, font_px: 16, seconds: 5 }}\n"),
    );
    site.build()
        .assert_failed()
        .assert_error(
            "content/site.yaml:",
            "font_px 16 is too large for a 128 × 64 screen",
        )
        .assert_error("content/site.yaml:", "at most 11 fits");
    // Four lines of nine characters: every part is named, shortened if it must be.
    site.write(
        "content/site.yaml",
        &format!("{config}led:\n  profiles:\n    - {{ name: small, width: 160, height: 100, font_px: 16, seconds: 5 }}\n"),
    );
    let b = site.build();
    b.assert_ok();
    let show = b.page("led/small/xingwang-2026-05-lecture/index.html");
    let lines = show.texts(".slide.cover p");
    assert_eq!(lines.len(), 4, "{lines:?}");
    let all = lines.join("|");
    for part in ["从党史", "陈建国", "新阳街道", "2026年5月10日"] {
        assert!(all.contains(part), "the cover lacks {part}: {all}");
    }
}

/// Every slide of every show of the demo site, opened in Chromium at the
/// profile's size: no line and no slide may overflow.
#[test]
fn demo_slides_never_overflow_in_a_browser() {
    crate::common::chromium();
    // The demo site, plus a lecture of wide Latin letters, long numbers and
    // mixed text, the hardest case for the width model.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    crate::common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &root.join("content"),
    );
    std::fs::write(
        root.join("content/branches/xingwang-shequ/2026-10/stress.md"),
        "---\ntitle: WWW MMM 与 2026 年 Party Day 的 QR Code 测试讲稿标题很长很长很长很长很长\ndate: 2026-10-20\nkind: lecture\nspeaker_name: Dr. William McMillan\n---\n\
         ## MWMWMWMWMW Heading with WIDE WORDS\n\n\
         WWWWWW MMMMMM WWWWWW MMMMMM. The Communist Party of China (CPC) had 99,185,000 members in 2023.\
         党员人数达到99185000名，增长率为3.14%，网址是https://www.example.org/long/path/to/page。\n\n\
         WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW\n\n\
         “引号开头”的句子，（括号）里的内容；数字1234567890和English words mixed together in one long paragraph。\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_dangri"))
        .arg("build")
        .arg(&root)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let profiles = [("outdoor", 384u32, 192u32), ("hall", 1920, 1080)];
    for (name, w, h) in profiles {
        let mut shows: Vec<String> = std::fs::read_dir(out.join("led").join(name))
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_dir())
            .map(|e| format!("/led/{name}/{}/", e.file_name().to_string_lossy()))
            .collect();
        shows.sort();
        assert!(shows.len() >= 10, "{name}: {} shows", shows.len());
        shows.push(format!("/led/{name}/"));
        let list = shows
            .iter()
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join(",");
        std::fs::write(out.join(format!("check-{name}.html")), checker(&list, w, h)).unwrap();
        let port = crate::common::serve(out.clone());
        let dom = crate::common::dump_dom(
            &format!("http://127.0.0.1:{port}/check-{name}.html"),
            (w + 40, h + 40),
        );
        let result = between(&dom, "<pre id=\"result\">", "</pre>").unwrap_or_else(|| {
            panic!(
                "{name}: the checker did not finish:\n{}",
                &dom[..dom.len().min(2000)]
            )
        });
        let (checked, problems) = result.split_once('\n').unwrap_or((result, ""));
        let checked: usize = checked.trim().parse().unwrap_or(0);
        assert!(
            checked > shows.len() * 3,
            "{name}: only {checked} slides checked"
        );
        assert!(problems.trim().is_empty(), "{name}: overflow:\n{problems}");
    }
    assert!(Path::new(&out).exists());
}

fn between<'a>(s: &'a str, a: &str, b: &str) -> Option<&'a str> {
    let start = s.find(a)? + a.len();
    let end = s[start..].find(b)? + start;
    Some(&s[start..end])
}

/// A page that loads each show in a W × H frame and measures every slide.
fn checker(list: &str, w: u32, h: u32) -> String {
    format!(
        r#"<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" width="{w}" height="{h}" style="border:0;display:block"></iframe>
<pre id="out"></pre>
<script>
var shows=[{list}],k=0,checked=0,problems=[];
function measure(doc,url){{
  var slides=doc.querySelectorAll('.slide');
  for(var i=0;i<slides.length;i++){{
    for(var j=0;j<slides.length;j++)slides[j].classList.toggle('active',i===j);
    var s=slides[i];checked++;
    var r=s.getBoundingClientRect();
    if(Math.round(r.width)!=={w}||Math.round(r.height)!=={h})problems.push(url+' #'+i+' box '+r.width+'x'+r.height);
    if(s.scrollWidth>s.clientWidth||s.scrollHeight>s.clientHeight)problems.push(url+' #'+i+' slide '+s.scrollWidth+'x'+s.scrollHeight);
    var ls=s.querySelectorAll('p');
    for(var m=0;m<ls.length;m++){{if(ls[m].scrollWidth>ls[m].clientWidth+1)problems.push(url+' #'+i+' line '+ls[m].textContent+' '+ls[m].scrollWidth+'>'+ls[m].clientWidth);}}
    var last=ls.length?ls[ls.length-1].getBoundingClientRect():null;
    if(last&&last.bottom>r.bottom+0.5)problems.push(url+' #'+i+' text below the slide');
  }}
}}
function next(){{
  if(k>=shows.length){{var p=document.createElement('pre');p.id='result';p.textContent=checked+'\n'+problems.join('\n');document.body.appendChild(p);return;}}
  var url=shows[k++],f=document.getElementById('f');
  f.onload=function(){{document.fonts.ready.then(function(){{measure(f.contentDocument,url);next();}});}};
  f.src=url;
}}
next();
</script></body></html>"#
    )
}
