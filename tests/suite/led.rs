//! LED slide shows: what a screen shows, checked in the built files and in a
//! real browser (headless Chromium) at each profile's size and on windows of
//! other sizes.

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

// A passer-by who sees one slide of a long lecture knows what it is.
#[test]
fn every_text_slide_names_the_lecture_and_its_branch_in_a_running_line() {
    let site = Site::fixture("basic");
    let b = site.build();
    b.assert_ok();
    for profile in ["outdoor", "hall"] {
        let show = b.page(&format!(
            "led/{profile}/xingwang-2026-05-lecture/index.html"
        ));
        let text = show.select(".slide:not(.cover):not(.qr-slide)");
        assert!(!text.is_empty(), "{profile}: text slides");
        let runs = show.texts(".slide.run > p.r");
        assert_eq!(runs.len(), text.len(), "{profile}: a running line on each");
        for run in &runs {
            assert!(
                run.ends_with(" · 新阳街道兴旺社区党支部") && run.starts_with("从党史"),
                "{profile}: {run}"
            );
        }
        // Not on the cover, which names both already, nor on the code.
        assert!(show.select(".cover p.r, .qr-slide p.r").is_empty());
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
            "字号 font_px 16 对 128 × 64 的屏太大了",
        )
        .assert_error("content/site.yaml:", "这块屏最大用 11");
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

/// Issue 22: a show scaled itself to the window but drew only the
/// profile's height, so on a window twice the profile's size the QR code
/// was cut in half, and short slides sat at the top. For each profile of a
/// site (two landscape, one portrait of odd size), at the profile's own
/// size, at twice it and on windows of other aspect ratios, every slide
/// must be whole in the window, as large as fits with its aspect ratio
/// kept, centred between equal bars, with its last line and QR code whole
/// and visible, and its content centred vertically; and a show opened at
/// one size must fit again when its window grows (a kiosk going full
/// screen). Each window is an iframe of that size (headless Chromium's
/// `--window-size` is not the viewport's); a script measures rectangles
/// for the geometry and `elementFromPoint` for what really shows (a
/// clipped part still has a rectangle).
#[test]
fn shows_fit_any_window_whole_letterboxed_and_centred() {
    crate::common::chromium();
    let site = Site::fixture("basic");
    let config = std::fs::read_to_string(site.root.join("content/site.yaml")).unwrap();
    // The demo site's two, and a portrait screen of odd size.
    let profiles = [
        ("outdoor", 384, 192, 32),
        ("hall", 1920, 1080, 72),
        ("pillar", 301, 541, 28),
    ];
    let mut yaml = format!("{config}led:\n  profiles:\n");
    for (name, w, h, font) in profiles {
        yaml += &format!(
            "    - {{ name: {name}, width: {w}, height: {h}, font_px: {font}, seconds: 8 }}\n"
        );
    }
    site.write("content/site.yaml", &yaml);
    let b = site.build();
    b.assert_ok();
    // Jobs: the show, its profile's size, the window to load it in, and
    // the window to resize that one to (0 × 0: none).
    let mut jobs = Vec::new();
    for (name, w, h, _) in profiles {
        let url = format!("/led/{name}/xingwang-2026-05-lecture/");
        // The profile's size, twice it, a laptop, a tall phone, an ultrawide.
        for (ww, wh) in [
            (w, h),
            (2 * w, 2 * h),
            (1366, 900),
            (390, 844),
            (2560, 1080),
        ] {
            jobs.push(format!("[{url:?},{w},{h},{ww},{wh},0,0]"));
        }
        jobs.push(format!("[{url:?},{w},{h},{w},{h},{},{}]", 2 * w, 2 * h));
    }
    std::fs::write(b.path("fit.html"), fit_checker(&jobs.join(","))).unwrap();
    let port = crate::common::serve(b.path(""));
    // Room for the largest iframe (hall at 2×) below headless Chromium's bar.
    let dom = crate::common::dump_dom(&format!("http://127.0.0.1:{port}/fit.html"), (3900, 2400));
    let result = between(&dom, "<pre id=\"result\">", "</pre>").unwrap_or_else(|| {
        panic!(
            "the checker did not finish:\n{}",
            &dom[..dom.len().min(2000)]
        )
    });
    let (done, problems) = result.split_once('\n').unwrap_or((result, ""));
    assert_eq!(done.trim(), jobs.len().to_string(), "windows measured");
    assert!(problems.trim().is_empty(), "{problems}");
}

/// A page that loads each show of `jobs` in a new iframe of the job's window
/// size (resized afterwards if the job says so) and measures every slide:
/// `<pre id="result">` holds the number of windows measured, then one
/// line per problem.
fn fit_checker(jobs: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html><body style="margin:0">
<script>
var jobs=[{jobs}],k=0,done=0,out=[];
{FIT_PROBE}
function next(){{
  if(k>=jobs.length){{var p=document.createElement('pre');p.id='result';p.textContent=done+'\n'+out.join('\n');document.body.appendChild(p);return;}}
  var j=jobs[k++],old=document.getElementById('f'),f=document.createElement('iframe');
  if(old)old.remove();
  f.id='f';f.style.cssText='border:0;display:block';f.width=j[3];f.height=j[4];document.body.appendChild(f);
  f.onload=function(){{f.contentDocument.fonts.ready.then(function(){{
    if(!j[5]){{measure(f.contentWindow,j);done++;next();return;}}
    // Headless Chromium gives no frame to an iframe after the first, so it
    // fires no resize event there: the checker sends the one a browser would.
    f.width=j[5];f.height=j[6];f.contentWindow.dispatchEvent(new Event('resize'));
    setTimeout(function(){{measure(f.contentWindow,[j[0]+' resized',j[1],j[2],j[5],j[6]]);done++;next();}},200);
  }});}};
  f.src=j[0];
}}
next();
</script></body></html>"#
    )
}

/// `measure(win, [url, w, h, W, H])`: every slide of the show in `win`,
/// a window of W × H, for a profile of w × h; pushes problems onto `out`.
const FIT_PROBE: &str = r#"
function measure(win,j){
  var doc=win.document,w=j[1],h=j[2],W=j[3],H=j[4],at0=j[0]+' on '+W+'x'+H+': ';
  var k=Math.min(W/w,H/h),slides=doc.querySelectorAll('.slide');
  function near(a,b){return Math.abs(a-b)<=1;}
  function px(v){return Math.round(v*10)/10;}
  function box(r){return px(r.left)+','+px(r.top)+' '+px(r.width)+'x'+px(r.height);}
  function shows(s,x,y){var e=doc.elementFromPoint(x,y);return !!e&&s.contains(e);}
  function whole(s,r,what,at){
    if(r.left<-0.5||r.top<-0.5||r.right>W+0.5||r.bottom>H+0.5)out.push(at+what+' outside the window: '+box(r));
    var pts=[[r.left+1,r.top+1],[r.right-1,r.top+1],[r.left+1,r.bottom-1],[r.right-1,r.bottom-1],[(r.left+r.right)/2,(r.top+r.bottom)/2]];
    for(var p=0;p<pts.length;p++)if(!shows(s,pts[p][0],pts[p][1]))out.push(at+what+' hidden at '+px(pts[p][0])+','+px(pts[p][1]));
  }
  if(win.innerWidth!==W||win.innerHeight!==H)out.push(at0+'the window is '+win.innerWidth+'x'+win.innerHeight);
  if(slides.length<3)out.push(at0+'only '+slides.length+' slides');
  var d=doc.documentElement;
  if(d.scrollWidth>W||d.scrollHeight>H)out.push(at0+'the page scrolls: '+d.scrollWidth+'x'+d.scrollHeight);
  for(var i=0;i<slides.length;i++){
    for(var m=0;m<slides.length;m++)slides[m].classList.toggle('active',i===m);
    var s=slides[i],r=s.getBoundingClientRect(),at=at0+'slide '+i+': ';
    if(!near(r.width,w*k)||!near(r.height,h*k))out.push(at+'box '+box(r)+', not '+px(w*k)+'x'+px(h*k));
    if(!near(r.left,W-r.right)||!near(r.top,H-r.bottom))out.push(at+'not centred: '+box(r));
    whole(s,r,'the slide',at);
    var kids=s.children,top=Infinity,bottom=-Infinity;
    // The running line (.r) is pinned to the foot; the rest is centred
    // in the height above it.
    var run=s.querySelector('p.r'),cs=win.getComputedStyle(s),foot=(parseFloat(cs.paddingBottom)-parseFloat(cs.paddingTop))*k;
    for(var c=0;c<kids.length;c++){if(kids[c]===run)continue;var q=kids[c].getBoundingClientRect();top=Math.min(top,q.top);bottom=Math.max(bottom,q.bottom);}
    if(!kids.length)out.push(at+'empty');
    else if(!near(top-r.top,r.bottom-foot-bottom))out.push(at+'content not centred vertically: '+px(top-r.top)+' above, '+px(r.bottom-foot-bottom)+' below');
    if(run){var q=run.getBoundingClientRect();whole(s,q,'the running line',at);var lp=s.querySelector('p:not(.r)'),hl=lp?(lp.getBoundingClientRect().height-parseFloat(win.getComputedStyle(lp).fontSize)*k)/2:0;if(q.top<bottom-hl-0.5)out.push(at+'the running line overlaps the text');if(run.scrollWidth>run.clientWidth+1)out.push(at+'the running line is cut: '+run.textContent);}
    if(s.classList.contains('run')!==!!run)out.push(at+'a running slide without its line');
    var lines=s.querySelectorAll('p'),qr=s.querySelector('svg.qr');
    if(lines.length)whole(s,lines[lines.length-1].getBoundingClientRect(),'the last line',at);
    if(qr)whole(s,qr.getBoundingClientRect(),'the QR code',at);
  }
}
"#;

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
