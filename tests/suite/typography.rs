//! Chinese typography and old readers (issue 22, point 6), in headless
//! Chromium on the demo site: short fields break between words only, no
//! line starts with a "·", no space follows full-width punctuation (pages
//! and search snippets); text is at least 15 px with AAA contrast, tap
//! targets at least 44 px high, the text size control works and is
//! remembered, tags do not look like buttons. A harness page beside the
//! site loads each page in an iframe of a phone's width and writes one
//! line per problem, which `dump_dom` returns.

use std::path::Path;

use crate::common::{Site, copy_dir};

/// The demo site with a record whose title, attendance and duration are
/// the issue's examples, built into `www/` and served; returns the site
/// (kept alive) and the port.
fn demo() -> (Site, u16) {
    let site = Site::empty();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &site.root.join("content"),
    );
    site.write(
        "content/branches/xingwang-shequ/2026-07/qingzhu.md",
        "---\ntitle: 庆祝中国共产党成立105周年主题党日活动\ndate: 2026-07-01\nkind: study\nlocation: 社区党群服务中心二楼会议室\nduration: 70\nattendance:\n  expected: 40\n  present: 38\n  excused: [{name: 李四, reason: 出差}]\n  absent: [王五]\n---\n今天是党的生日， 我们重温入党誓词。\n\n大家一起学习，  交流体会。\n",
    );
    let www = site.root.join("www");
    site.build_with(&["-o", www.to_str().unwrap_or_default()], &[])
        .assert_ok();
    let port = crate::common::serve(www);
    (site, port)
}

/// Runs `script` (which fills `problems` and may use `load`) in a harness
/// page of the served site and returns its problem lines.
fn run(site: &Site, port: u16, name: &str, script: &str) -> Vec<String> {
    let page = format!(
        r#"<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>harness</title></head>
<body style="margin:0"><pre id="out"></pre><script>
"use strict";
const problems = [];
function frame(width) {{
  const f = document.createElement("iframe");
  f.style.cssText = "border:0;display:block;height:900px;width:" + width + "px";
  document.body.appendChild(f);
  return f;
}}
function load(f, url) {{
  return new Promise((r) => {{ f.onload = () => r(f.contentDocument); f.src = url; }}).then((d) => d.fonts.ready.then(() => d));
}}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Typography probe: line breaks inside words, lines that start with a
// separator, spaces after full-width punctuation.
const SHORT = "h1, h2, h3, h4, .facts dt, .facts dd, .card-title, .card-meta, .card-speaker, .card-branch, .lecture-meta, .lecture-title, .lecture-byline, .crumbs li, .pager a, .eyebrow, .tag, .branch-name, .branch-meta, .record-links a, th, .site-nav a, .speaker-role, .month-links li, .stats dt, .status-list li, .updated, .screen-links, .lecture-toc a";
const WORD = /[\p{{L}}\p{{N}}%]/u;
function chars(doc, el) {{
  const items = [];
  let wbr = false;
  const walk = (node) => {{
    for (const n of node.childNodes) {{
      if (n.nodeType === 1) {{
        if (n.tagName === "WBR") {{ wbr = true; continue; }}
        if (n.classList.contains("visually-hidden") || n.getAttribute("aria-hidden") === "true" && n.tagName !== "SPAN") continue;
        const cs = doc.defaultView.getComputedStyle(n);
        if (cs.display === "none" || cs.position === "absolute") continue;
        // A block's edges are line breaks of their own.
        const block = !cs.display.startsWith("inline");
        if (block) wbr = true;
        walk(n);
        if (block) wbr = true;
      }} else if (n.nodeType === 3) {{
        const t = n.data;
        for (let i = 0; i < t.length; i++) {{
          const r = doc.createRange();
          r.setStart(n, i); r.setEnd(n, i + 1);
          const rects = r.getClientRects();
          // White space is where lines may break.
          if (/\s/.test(t[i]) && t[i] !== "\u00a0") {{ wbr = true; continue; }}
          if (!rects.length) continue;
          items.push({{ ch: t[i], top: rects[0].top, bottom: rects[0].bottom, wbr }});
          wbr = false;
        }}
      }}
    }}
  }};
  walk(el);
  return items;
}}
function lines(items) {{
  const out = [];
  let cur = null;
  for (const it of items) {{
    if (!cur || it.top >= cur.bottom - 2) {{ cur = {{ items: [], bottom: it.bottom, wbr: it.wbr }}; out.push(cur); }}
    cur.items.push(it);
    cur.bottom = Math.max(cur.bottom, it.bottom);
  }}
  return out;
}}
function probe(doc, label, problems) {{
  for (const el of doc.querySelectorAll(SHORT)) {{
    if (el.closest(".visually-hidden")) continue;
    const ls = lines(chars(doc, el));
    for (let k = 1; k < ls.length; k++) {{
      const prev = ls[k - 1].items, next = ls[k].items;
      const a = prev[prev.length - 1], b = next[0];
      const text = ls.map((l) => l.items.map((i) => i.ch).join("")).join(" / ");
      if (b.ch === "·") problems.push(label + " line starts with ·: " + text);
      if (WORD.test(a.ch) && WORD.test(b.ch) && !b.wbr) problems.push(label + " break inside a word: " + text);
    }}
  }}
  // What a reader sees: no space after full-width punctuation.
  const seen = doc.body.innerText.split("\n");
  for (const l of seen) {{
    const m = l.match(/[，。、；：？！][ \u00a0\u3000]+\S/u);
    if (m) problems.push(label + " space after full-width punctuation: " + l.trim().slice(0, 80));
  }}
}}


// Text size and contrast: every element with text of its own.
function rgba(s) {{
  const m = s.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}}
function lum(c) {{
  const f = (v) => {{ v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }};
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
}}
function over(top, bottom) {{
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
}}
// The colour behind `el`: its and its ancestors' backgrounds composited
// on white; null behind a gradient or picture (not measured).
function behind(win, el) {{
  const layers = [];
  for (let e = el; e; e = e.parentElement) {{
    const cs = win.getComputedStyle(e);
    if (cs.backgroundImage !== "none") return null;
    const c = rgba(cs.backgroundColor);
    if (c && c[3] > 0) {{ layers.push(c); if (c[3] === 1) break; }}
  }}
  let c = [255, 255, 255, 1];
  for (let i = layers.length - 1; i >= 0; i--) c = over(layers[i], c);
  return c;
}}
function describe(el) {{
  return el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "") + " “" + el.textContent.trim().slice(0, 24) + "”";
}}
function readable(d, label, problems) {{
  const win = d.defaultView;
  for (const el of d.querySelectorAll("body *")) {{
    if (el.closest(".visually-hidden, sup, script, style, svg, .skip-link, [hidden]")) continue;
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim())) continue;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const cs = win.getComputedStyle(el);
    if (cs.visibility === "hidden") continue;
    const size = parseFloat(cs.fontSize);
    if (size < 14.95) problems.push(label + ": " + size + "px " + describe(el));
    const bg = behind(win, el), fg = rgba(cs.color);
    if (!bg || !fg) continue;
    const text = over(fg, bg);
    const [hi, lo] = [lum(text), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
    if (ratio < (large ? 4.5 : 7)) problems.push(label + ": contrast " + ratio.toFixed(2) + " " + cs.color + " on " + bg.slice(0, 3).join(",") + " " + describe(el));
  }}
}}
// Tap targets: links and buttons outside running text.
function targets(d, label, problems) {{
  for (const el of d.querySelectorAll("a[href], button, input, select, summary")) {{
    if (el.closest(".prose, .skip-link, [hidden]")) continue;
    const r = el.getBoundingClientRect();
    if (!r.width) continue;
    if (r.height < 43.5) problems.push(label + ": tap target " + r.height.toFixed(1) + "px " + describe(el));
  }}
}}
(async () => {{
  try {{
{script}
  }} catch (e) {{ problems.push("harness: " + e); }}
  document.getElementById("out").textContent = "done\n" + problems.join("\n");
}})();
</script></body></html>
"#
    );
    site.write(&format!("www/{name}.html"), &page);
    let dom = crate::common::dump_dom(&format!("http://127.0.0.1:{port}/{name}.html"), (500, 1000));
    let out = dom
        .split("<pre id=\"out\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("no output in:\n{}", &dom[..dom.len().min(3000)]))
        .replace("&amp;", "&")
        .replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("done"),
        "the harness did not finish:\n{out}"
    );
    lines.map(str::to_string).collect()
}

const PAGES: &[&str] = &[
    "/branches/xingwang-shequ/2026-07/qingzhu/",
    "/branches/xingwang-shequ/2026-10/lianxidian-dangke/",
    "/lectures/binhai-xiaoxue-2026-05-lecture/",
    "/lectures/binhai-xiaoxue-2026-09-lecture/",
    "/five-things/2026-10/",
    "/lectures/",
    "/branches/xingwang-shequ/2026-10/",
    "/branches/xingwang-shequ/",
    "/",
];

/// Issue 22: "庆祝中国共产党成 / 立105周年", "出席 / 率 95%", "70 / 分钟",
/// "2026年10月 · 党 / 日五件事通报", a line starting with "·", "短链接： https…"
/// and "。 " in search snippets, at 320 and 390 px and with larger text.
#[test]
fn short_fields_break_between_words_and_no_space_follows_full_width_punctuation() {
    let (site, port) = demo();
    let mut jobs = Vec::new();
    for page in PAGES {
        for (width, scale) in [(320, 1.0), (390, 1.0), (390, 1.5)] {
            jobs.push(format!("[{page:?},{width},{scale}]"));
        }
    }
    let search = "/search/?q=%E5%85%BB%E8%80%81";
    let script = format!(
        r#"
  for (const [url, width, scale] of [{jobs}]) {{
    localStorage.setItem("dangri-text-size", String(scale));
    const f = frame(width);
    const d = await load(f, url);
    probe(d, url + " @" + width + "x" + scale, problems);
    f.remove();
  }}
  localStorage.removeItem("dangri-text-size");
  // Search snippets, cut from the records' pages by search.js.
  const f = frame(390);
  const d = await load(f, "{search}");
  for (let k = 0; k < 100 && !d.querySelector(".search-result-snippet"); k++) await sleep(100);
  const snippets = d.querySelectorAll(".search-result-snippet");
  if (snippets.length < 2) problems.push("search: " + snippets.length + " snippets");
  for (const s of snippets) {{
    if (/[，。、；：？！][ \u00a0\u3000]/u.test(s.textContent)) problems.push("search snippet: " + s.textContent);
  }}
  probe(d, "search", problems);
"#,
        jobs = jobs.join(",")
    );
    let problems = run(&site, port, "typography", &script);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Issue 22: text, dates and table cells at least 15 px, with AAA contrast
/// (7:1, or 4.5:1 for large text) on the light theme; every link and
/// button outside running text at least 44 px high on record and lecture
/// pages; tags plain words, not buttons.
#[test]
fn old_readers_get_15_px_text_strong_contrast_and_44_px_tap_targets() {
    let (site, port) = demo();
    let script = format!(
        r#"
  localStorage.removeItem("dangri-text-size");
  const tap = {tap:?};
  for (const url of {pages:?}) {{
    const f = frame(390);
    const d = await load(f, url);
    readable(d, url, problems);
    if (tap.includes(url)) targets(d, url, problems);
    f.remove();
  }}
  const f = frame(390);
  const d = await load(f, "/branches/xingwang-shequ/2026-10/lianxidian-dangke/");
  const tags = d.querySelectorAll(".tags .tag");
  if (tags.length !== 3) problems.push("tags: " + tags.length);
  for (const t of tags) {{
    const cs = d.defaultView.getComputedStyle(t);
    if (t.closest("a, button") || cs.borderTopWidth !== "0px" || cs.backgroundColor !== "rgba(0, 0, 0, 0)" || cs.cursor === "pointer")
      problems.push("tag looks like a button: " + cs.borderTopWidth + " " + cs.backgroundColor + " " + cs.cursor);
  }}
"#,
        tap = [PAGES[0], PAGES[1], PAGES[2], PAGES[3]],
        pages = PAGES,
    );
    let problems = run(&site, port, "readers", &script);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Issue 22: A− / A+ on record and lecture pages change the size of the
/// whole page, from 100 % (A− does nothing below) up, and the size chosen
/// on one page holds on the next, after a reload (localStorage).
#[test]
fn the_text_size_control_scales_the_page_and_is_remembered() {
    let (site, port) = demo();
    let script = r#"
  localStorage.removeItem("dangri-text-size");
  const record = "/branches/xingwang-shequ/2026-10/lianxidian-dangke/";
  const lecture = "/lectures/binhai-xiaoxue-2026-09-lecture/";
  const size = (d, css) => parseFloat(d.defaultView.getComputedStyle(d.querySelector(css)).fontSize);
  let f = frame(390);
  let d = await load(f, record);
  const ctl = d.querySelector(".text-size");
  if (!ctl || ctl.hidden) throw new Error("no text size control shown");
  const [minus, plus] = ctl.querySelectorAll("button");
  const base = size(d, ".prose p");
  if (base < 15) problems.push("body text " + base + "px");
  if (!minus.disabled) problems.push("A− is enabled at 100 %");
  minus.click();
  if (size(d, ".prose p") !== base) problems.push("A− made the text smaller than 100 %");
  plus.click();
  plus.click();
  const bigger = size(d, ".prose p");
  if (!(bigger >= base * 1.2)) problems.push("A+ twice: " + base + "px to " + bigger + "px");
  if (size(d, ".facts dd") < 15 * 1.2) problems.push("A+ does not scale the facts");
  if (minus.disabled) problems.push("A− disabled above 100 %");
  f.remove();
  // Remembered on the next page, from its first paint.
  f = frame(390);
  d = await load(f, lecture);
  const lectureBase = 1.125 * 16;
  const kept = size(d, ".lecture-body p");
  if (!(kept >= lectureBase * 1.2)) problems.push("not remembered on the lecture page: " + kept + "px");
  if (localStorage.getItem("dangri-text-size") !== "1.25") problems.push("stored: " + localStorage.getItem("dangri-text-size"));
  const [m2] = d.querySelectorAll(".text-size button");
  m2.click();
  m2.click();
  if (localStorage.getItem("dangri-text-size") !== null) problems.push("back at 100 % but stored " + localStorage.getItem("dangri-text-size"));
  if (size(d, ".lecture-body p") !== lectureBase) problems.push("back at 100 %: " + size(d, ".lecture-body p") + "px");
"#;
    let problems = run(&site, port, "text-size", script);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Without scripts the page reads whole and shows no dead buttons: the
/// control is `hidden` in the HTML, and no script is loaded from anywhere.
#[test]
fn the_text_size_control_needs_no_external_script_and_hides_without_one() {
    let b = Site::fixture("basic").build();
    b.assert_ok();
    for page in [
        "branches/xingwang/2026-05/lecture/index.html",
        "lectures/xingwang-2026-05-lecture/index.html",
    ] {
        let p = b.page(page);
        assert_eq!(p.attrs(".text-size", "hidden"), vec![""], "{page}");
        assert_eq!(p.select(".text-size button").len(), 2, "{page}");
        assert!(p.select("script[src]").is_empty(), "{page}");
        // Seen "A−" and "A+", heard with what they do.
        assert_eq!(
            p.texts(".text-size button"),
            vec!["A−缩小字号", "A+放大字号"],
            "{page}"
        );
    }
}
