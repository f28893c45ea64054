//! `/search/`: the index the build writes (what it holds, what it must never
//! hold, that it is reproducible) and, in headless Chromium, the page a
//! reader uses: typed Chinese queries, ranking, filters, the no-hit message.

use std::collections::BTreeMap;

use crate::common::{Built, Site};
use dangri::search::{index, tokenize};

/// Words that only the fixture's internal record holds.
const INTERNAL_WORDS: &[&str] = &["甲乙", "乙丙", "绝密", "代号", "zxqsecret"];
const INTERNAL_TITLE: &str = "内部处置绝密事项";

/// The number of documents the manifest announces.
fn doc_count(b: &Built) -> u32 {
    let manifest = b.text("search/index.json");
    manifest
        .split("\"docs\":")
        .nth(1)
        .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no document count in {manifest}"))
}

/// Every posting list of a build's index: token → (doc, in title).
fn index_of(b: &Built) -> BTreeMap<String, Vec<(u32, bool)>> {
    let docs = doc_count(b);
    let mut all = BTreeMap::new();
    for n in 0.. {
        let Ok(bytes) = std::fs::read(b.path(&format!("search/s/{n}.bin"))) else {
            break;
        };
        let entries = index::decode(&bytes, docs).unwrap_or_else(|| panic!("{n}.bin is corrupt"));
        for (token, postings) in entries {
            assert!(
                all.insert(token.clone(), postings).is_none(),
                "{token} twice"
            );
        }
    }
    assert!(!all.is_empty(), "no index shard written");
    all
}

/// The documents' rows of the result tables (a JSON object each, as
/// written), in id order. Each table is a JSON array of up to 32 rows, one
/// row a line.
fn rows(b: &Built) -> Vec<String> {
    let docs = doc_count(b) as usize;
    let mut rows = Vec::new();
    for n in 0..docs.div_ceil(32) {
        let table = b.text(&format!("search/d/{n}.json"));
        let parsed: Vec<serde_json::Value> = serde_json::from_str(&table)
            .unwrap_or_else(|e| panic!("search/d/{n}.json is not a JSON array: {e}"));
        let lines: Vec<String> = table
            .lines()
            .map(|l| {
                l.trim_start_matches('[')
                    .trim_end_matches([',', ']'])
                    .to_string()
            })
            .collect();
        assert_eq!(parsed.len(), lines.len(), "one row a line in {n}.json");
        assert_eq!(lines.len(), 32.min(docs - n * 32), "rows in {n}.json");
        rows.extend(lines);
    }
    assert!(
        !b.path(&format!("search/d/{}.json", docs.div_ceil(32)))
            .exists(),
        "a table past the last document"
    );
    rows
}

fn title_of(row: &str) -> &str {
    row.strip_prefix("{\"t\":\"")
        .and_then(|s| s.split('"').next())
        .unwrap_or("")
}

#[test]
fn search_page_has_the_form_filters_and_its_own_assets() {
    let b = Site::fixture("search").build();
    b.assert_ok();
    let page = b.page("search/index.html");
    assert_eq!(page.text_of("h1"), "搜索");
    assert_eq!(
        page.attrs("form[role=search]", "action"),
        ["/archive/search/"]
    );
    assert_eq!(page.attrs("input[name=q]", "type"), ["search"]);
    assert_eq!(
        page.attrs("select[name=kind] option", "value"),
        [
            "", "study", "meeting", "practice", "affairs", "lecture", "branch", "speaker", "page"
        ]
    );
    assert_eq!(
        page.attrs("select[name=in] optgroup", "label"),
        ["东孚街道党工委", "新阳街道党工委"]
    );
    assert!(
        page.attrs("select[name=in] option", "value")
            .contains(&"b:东瑶村".to_string())
    );
    assert_eq!(
        page.attrs("link[href$='search.css']", "rel"),
        ["stylesheet"]
    );
    assert_eq!(
        page.attrs("script[src$='search.js']", "src"),
        ["/archive/search.js"]
    );
    assert!(page.text_of("noscript").contains("JavaScript"));
    assert!(b.path("search.js").exists() && b.path("search.css").exists());
}

#[test]
fn documents_are_ordered_entities_first_then_newest_records() {
    let b = Site::fixture("search").build();
    b.assert_ok();
    let rows = rows(&b);
    let titles: Vec<String> = rows.iter().map(|f| title_of(f).to_string()).collect();
    // Branches, speakers and pages carry their text (their pages are long
    // lists); a record's snippet is cut from its page in the browser.
    let with_text: Vec<bool> = rows.iter().map(|r| r.contains(",\"s\":\"")).collect();
    assert_eq!(with_text, [[true; 5].as_slice(), &[false; 9]].concat());
    assert!(rows[3].contains("\"s\":\""), "{}", rows[3]);
    assert_eq!(
        titles,
        [
            "港口集团第一党支部",
            "新阳街道兴旺社区党支部",
            "东孚街道东瑶村党支部",
            "陈建国",
            "关于本站",
            "为七月入党的党员过政治生日",
            "六月主题党日",
            "企业党课：安全生产",
            "学习党章第一章",
            "六月党费收缴",
            "台风过后清扫街道",
            "五月支部工作",
            "学习二十大报告",
            "支委会研究防汛工作",
        ]
    );
    let ix = index_of(&b);
    // A token lists each document once, ascending, with title hits marked.
    assert_eq!(
        ix["台风"],
        [(7, false), (8, false), (10, true), (13, false)]
    );
    assert_eq!(ix["!k:affairs"].len(), 3);
    let docs = |t: &str| ix[t].iter().map(|p| p.0).collect::<Vec<_>>();
    assert_eq!(docs("!b:gangkou"), [0, 7, 13]);
    assert!(ix.contains_key("!c:新阳街道党工委"));
    // Full-width forms are folded, Latin words lower-cased.
    assert!(ix.contains_key("abc") && ix.contains_key("123") && ix.contains_key("volunteer"));
    // The speaker's name finds the speaker and the lecture.
    assert_eq!(docs("建国"), [3, 7]);
}

#[test]
fn public_index_holds_no_word_of_an_internal_record() {
    let b = Site::fixture("search").build();
    b.assert_ok();
    let ix = index_of(&b);
    for w in INTERNAL_WORDS {
        assert!(
            !ix.contains_key(*w),
            "internal word {w} is in the public index"
        );
    }
    let all = b.all_text();
    assert!(!all.contains(INTERNAL_TITLE), "internal title leaked");
    assert!(!all.contains("机密内容"), "internal text leaked");
    assert!(!all.contains("internal/"), "internal record URL leaked");
    assert_eq!(rows(&b).len(), 14);
}

#[test]
fn internal_build_indexes_internal_records_too() {
    let b = Site::fixture("search").build_with(&["--internal"], &[]);
    b.assert_ok();
    let ix = index_of(&b);
    for w in INTERNAL_WORDS {
        assert!(ix.contains_key(*w), "{w} missing from the internal index");
    }
    let rows = rows(&b);
    assert_eq!(rows.len(), 15);
    assert!(rows.iter().any(|f| title_of(f) == INTERNAL_TITLE));
    assert!(b.text("search/index.html").contains("noindex"));
}

#[test]
fn index_is_byte_identical_whatever_the_thread_count() {
    let site = Site::fixture("search");
    let mut outs = Vec::new();
    for threads in ["1", "2", "3"] {
        let out = site.root.join(format!("out-{threads}"));
        site.build_with(
            &["-o", out.to_str().unwrap_or_default()],
            &[("RAYON_NUM_THREADS", threads)],
        )
        .assert_ok();
        outs.push(Site::files_of(&out.join("search")));
    }
    let names: Vec<&str> = outs[0].iter().map(|(n, _)| n.as_str()).collect();
    for file in ["index.json", "d/0.json", "s/0.bin"] {
        assert!(names.contains(&file), "{file} not in {names:?}");
    }
    assert!(
        outs.windows(2).all(|w| w[0] == w[1]),
        "search output differs"
    );
}

#[test]
fn markup_and_odd_text_in_bodies_do_not_break_the_index() {
    let site = Site::fixture("search");
    site.write(
        "content/branches/gangkou/2026-06/odd.md",
        "---\ntitle: \"<b>怪</b>标题 \\\"引号\\\" \\\\ 反斜杠\"\ndate: 2026-06-30\nkind: study\n---\n\
         <script>alert('x')</script>\n\n正文&amp;实体 &#x5B57;符 < 未闭合\n\n\u{2028}分隔\t制表\n",
    );
    let b = site.build();
    b.assert_ok();
    let ix = index_of(&b);
    assert!(ix.contains_key("字符"), "numeric entity not decoded");
    assert!(!ix.contains_key("alert"), "script text indexed");
    let row = &rows(&b)[5];
    assert!(
        row.starts_with("{\"t\":\"\\u003cb>怪\\u003c/b>标题 \\\"引号\\\" \\\\ 反斜杠\""),
        "{row}"
    );
    assert!(!row.contains('\u{2028}') && !row.contains('\t'));
}

// ---------------------------------------------------------------------------
// The browser. A harness page beside the site loads /search/ in an iframe,
// plays each scenario (a URL, or characters typed into the box) and writes
// one line per scenario; `dump_dom` returns the harness's DOM once every
// fetch is done.

/// A text that exercises every rule of the tokenizer.
const TOKENIZER_SAMPLE: &str = "台风“海燕”过境后，Party Day 2026年6月 ＡＢＣ１２３　COVID-19 Café \
    ひらがな 한국 𠀀𠀁 村 マルクス・レーニン ΣΑΣ İstanbul x² 々〇";

/// One line per scenario: `name \t state \t status \t titles \t kinds \t
/// marks \t location.search \t snippets`, lists joined with `|`.
const HARNESS: &str = r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>harness</title></head>
<body><iframe id="f" style="width:1024px;height:768px"></iframe>
<pre id="out"></pre><pre id="tokens"></pre>
<script>
"use strict";
const SCENARIOS = [
  ["url", "?q=台风"],
  ["typed", "", "政治生日"],
  ["phrase", "?q=党费+收缴"],
  ["none", "?q=不存在的词语"],
  ["kind", "?q=党费&kind=affairs"],
  ["branch", "?q=台风&in=b:gangkou"],
  ["committee", "?q=党费&in=c:东孚街道党工委"],
  ["filtered_none", "?q=台风&kind=speaker"],
  ["speaker", "?q=陈建国"],
  ["prefix", "?q=Volunt"],
  ["fullwidth", "?q=ＡＢＣ 123"],
  ["single", "?q=蛋"],
  ["strict", "?q=台风预警"],
  ["internal", "?q=甲乙丙"],
  ["punctuation", "?q=，。！"],
];
const FINAL = ["done", "none", "error"];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function load(url) {
  return new Promise((resolve) => {
    const f = document.getElementById("f");
    f.onload = () => resolve(f.contentWindow);
    f.src = url;
  });
}
async function until(pred) {
  for (let i = 0; i < 400; i++) {
    if (pred()) return;
    await sleep(50);
  }
  throw new Error("timed out");
}
function line(name, w) {
  const d = w.document;
  const all = (sel) => Array.from(d.querySelectorAll(sel)).map((e) => e.textContent.trim()).join("|");
  const kinds = Array.from(d.querySelectorAll(".search-result")).map((e) => e.className.replace("search-result kind-", "")).join("|");
  return [name, d.getElementById("search").dataset.state, all(".search-status"), all(".search-result-title"),
    kinds, all(".search-results mark"), decodeURIComponent(w.location.search),
    all(".search-result-snippet")].join("\t");
}
(async () => {
  const out = [];
  for (const [name, query, typed] of SCENARIOS) {
    try {
      const w = await load("/archive/search/" + query);
      const root = w.document.getElementById("search");
      if (typed) {
        const input = w.document.getElementById("search-q");
        input.focus();
        for (const ch of typed) {
          input.value += ch;
          input.dispatchEvent(new w.InputEvent("input", { bubbles: true, data: ch, inputType: "insertText" }));
          await sleep(40);
        }
      }
      await until(() => FINAL.includes(root.dataset.state));
      out.push(line(name, w));
    } catch (e) {
      out.push(name + "\tharness error\t" + e);
    }
  }
  const w = document.getElementById("f").contentWindow;
  document.getElementById("tokens").textContent = w.dangriSearch.tokens(SAMPLE).join("|");
  document.getElementById("out").textContent = out.join("\n");
})();
</script></body></html>"#;

/// The text of `<pre id="{id}">` in a dumped DOM.
fn pre(dom: &str, id: &str) -> String {
    let open = format!("<pre id=\"{id}\">");
    let text = dom
        .split(&open)
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("no <pre id={id}> in the page:\n{dom}"));
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// The harness's lines by scenario name, as columns.
struct Runs(BTreeMap<String, Vec<String>>, String);

impl Runs {
    #[track_caller]
    fn col(&self, name: &str, i: usize) -> &str {
        let cols = self
            .0
            .get(name)
            .unwrap_or_else(|| panic!("scenario {name} did not run:\n{}", self.1));
        cols.get(i).map(String::as_str).unwrap_or("")
    }

    #[track_caller]
    fn state(&self, name: &str) -> &str {
        self.col(name, 1)
    }

    #[track_caller]
    fn status(&self, name: &str) -> &str {
        self.col(name, 2)
    }

    #[track_caller]
    fn titles(&self, name: &str) -> Vec<&str> {
        let t = self.col(name, 3);
        t.split('|').filter(|s| !s.is_empty()).collect()
    }
}

#[test]
fn browser_search_finds_typed_chinese_ranks_filters_and_says_when_nothing_matches() {
    let site = Site::fixture("search");
    let www = site.root.join("www");
    let b = site.build_with(
        &["-o", www.join("archive").to_str().unwrap_or_default()],
        &[],
    );
    b.assert_ok();
    let sample = TOKENIZER_SAMPLE.replace('\\', "\\\\").replace('"', "\\\"");
    let harness = HARNESS.replace(
        "\"use strict\";",
        &format!("\"use strict\";\nconst SAMPLE = \"{sample}\";"),
    );
    site.write("www/harness.html", &harness);
    let port = crate::common::serve(www);
    let dom = crate::common::dump_dom(
        &format!("http://127.0.0.1:{port}/harness.html"),
        (1024, 768),
    );

    // The browser cuts text exactly as the build does.
    assert_eq!(
        pre(&dom, "tokens"),
        tokenize::token_strings(TOKENIZER_SAMPLE).join("|"),
        "search.js and tokenize.rs cut the sample differently"
    );

    let out = pre(&dom, "out");
    let runs = Runs(
        out.lines()
            .map(|l| {
                let cols: Vec<String> = l.split('\t').map(str::to_string).collect();
                (cols[0].clone(), cols)
            })
            .collect(),
        out.clone(),
    );

    // A query in the URL: the title hit first, then the newest.
    assert_eq!(runs.state("url"), "done", "{out}");
    assert_eq!(runs.status("url"), "找到 4 条结果");
    assert_eq!(
        runs.titles("url"),
        [
            "台风过后清扫街道",
            "企业党课：安全生产",
            "学习党章第一章",
            "支委会研究防汛工作"
        ]
    );
    assert!(runs.col("url", 5).split('|').all(|m| m == "台风"), "{out}");

    // Typed character by character: every bigram must match, so 六月主题党日
    // (政治理论 … 生日蛋糕) is no hit; the URL follows the query.
    assert_eq!(runs.state("typed"), "done", "{out}");
    assert_eq!(runs.titles("typed"), ["为七月入党的党员过政治生日"]);
    assert_eq!(runs.col("typed", 6), "?q=政治生日");
    assert!(runs.col("typed", 5).contains("政治生日"), "{out}");
    // The snippet is cut from the record's page, around the match.
    let snippet = runs.col("typed", 7);
    assert!(snippet.contains("政治生日"), "{out}");
    assert!(snippet.chars().count() <= 124, "{snippet}");

    // The title, then the two words side by side (党费收缴), then recency.
    assert_eq!(
        runs.titles("phrase"),
        ["六月党费收缴", "五月支部工作", "六月主题党日"]
    );

    // No hit: a clear message that repeats the query.
    assert_eq!(runs.state("none"), "none");
    assert!(
        runs.status("none")
            .contains("没有找到与“不存在的词语”相关的内容"),
        "{out}"
    );
    assert!(runs.titles("none").is_empty());

    // Filters by kind, branch and committee.
    assert_eq!(runs.titles("kind"), ["六月党费收缴", "五月支部工作"]);
    assert_eq!(runs.col("kind", 4), "affairs|affairs");
    assert_eq!(
        runs.titles("branch"),
        ["企业党课：安全生产", "支委会研究防汛工作"]
    );
    assert_eq!(runs.titles("committee"), ["六月主题党日"]);
    assert_eq!(runs.state("filtered_none"), "none");
    assert!(runs.status("filtered_none").contains("筛选"), "{out}");

    // Speakers, Latin prefixes, full-width forms, one character.
    assert_eq!(runs.titles("speaker"), ["陈建国", "企业党课：安全生产"]);
    // The speaker's snippet comes from the table (no match in the text:
    // its start), the lecture's from its page.
    let snippets: Vec<&str> = runs.col("speaker", 7).split('|').collect();
    assert_eq!(snippets.first(), Some(&"长期从事党史教学。"), "{out}");
    assert_eq!(snippets.len(), 2, "{out}");
    assert_eq!(runs.titles("prefix"), ["台风过后清扫街道"]);
    assert_eq!(runs.titles("fullwidth"), ["学习二十大报告"]);
    assert_eq!(runs.col("fullwidth", 5), "ＡＢＣ|１２３");
    assert_eq!(runs.titles("single"), ["六月主题党日"]);

    // 台风 预警 with a space between is not the phrase 台风预警; internal
    // words and bare punctuation find nothing.
    assert_eq!(runs.state("strict"), "none", "{out}");
    assert_eq!(runs.state("internal"), "none", "{out}");
    assert_eq!(runs.state("punctuation"), "none", "{out}");
}
