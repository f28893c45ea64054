//! District scale on a phone (issue 22, point 5), in a browser 390 px
//! wide: the five-things table opens at its latest month with the branch
//! column pinned, and the branch list filters by name and committee
//! without a server. A harness page beside the demo site loads each page
//! in an iframe, plays the scenario and writes one line per check, which
//! `dump_dom` returns once the page is done.

use std::path::Path;

use crate::common::{Site, copy_dir};

const HARNESS: &str = r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>harness</title></head>
<body><iframe id="f" style="width:390px;height:800px;border:0"></iframe>
<pre id="out"></pre>
<script>
"use strict";
const out = [];
const f = document.getElementById("f");
function load(url) {
  return new Promise((resolve) => { f.onload = () => resolve(f.contentDocument); f.src = url; });
}
function visible(el) { return el.offsetParent !== null && !el.closest("[hidden]"); }
(async () => {
  // The five-things table of the demo's year.
  let d = await load("/five-things/2026/");
  const box = d.querySelector(".matrix-section .table-scroll");
  const r = box.getBoundingClientRect();
  const heads = d.querySelectorAll(".matrix-section:first-of-type thead th");
  const last = heads[heads.length - 1].getBoundingClientRect();
  const first = heads[1].getBoundingClientRect();
  const name = d.querySelector(".matrix-section:first-of-type tbody th").getBoundingClientRect();
  out.push("overflows\t" + (box.scrollWidth > box.clientWidth));
  out.push("last month in view\t" + (last.left >= r.left - 1 && last.right <= r.right + 1));
  out.push("first month in view\t" + (first.left >= name.right - 1 && first.right <= r.right + 1));
  out.push("branch column at the left\t" + (Math.abs(name.left - r.left) <= 2));
  out.push("last month\t" + heads[heads.length - 1].textContent.trim());

  // The branch list, filtered.
  d = await load("/branches/");
  const form = d.querySelector(".branch-filter");
  const rows = () => Array.from(d.querySelectorAll(".branch-row")).filter(visible).map((li) => li.querySelector(".branch-name").textContent.trim());
  const sections = () => Array.from(d.querySelectorAll("section.committee")).filter(visible).length;
  const status = () => d.querySelector(".filter-status").textContent;
  out.push("form shown\t" + !form.hidden);
  out.push("all\t" + rows().length + "\t" + sections() + "\t" + status());
  const input = d.getElementById("filter-name");
  input.value = "东瑶 村";
  input.dispatchEvent(new Event("input"));
  out.push("name\t" + rows().join("|") + "\t" + sections() + "\t" + status());
  input.value = "社区";
  input.dispatchEvent(new Event("input"));
  const select = d.getElementById("filter-committee");
  const option = Array.from(select.options).find((o) => o.textContent === "新阳街道党工委");
  select.value = option.value;
  select.dispatchEvent(new Event("change"));
  out.push("both\t" + rows().join("|") + "\t" + sections() + "\t" + status());
  input.value = "没有这个支部";
  input.dispatchEvent(new Event("input"));
  out.push("none\t" + rows().length + "\t" + sections() + "\t" + status());
  const label = d.querySelector("label[for=filter-name]");
  out.push("labelled\t" + (label !== null && label.textContent.trim() !== ""));
  document.getElementById("out").textContent = out.join("\n");
})();
</script></body></html>
"#;

#[test]
fn on_a_phone_the_table_opens_at_the_latest_month_and_branches_filter() {
    let site = Site::empty();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &site.root.join("content"),
    );
    let www = site.root.join("www");
    site.build_with(&["-o", www.to_str().unwrap_or_default()], &[])
        .assert_ok();
    site.write("www/harness.html", HARNESS);
    let port = crate::common::serve(www);
    let dom = crate::common::dump_dom(&format!("http://127.0.0.1:{port}/harness.html"), (420, 900));
    let out = dom
        .split("<pre id=\"out\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("no output in:\n{dom}"))
        .to_string();
    let line = |name: &str| -> Vec<String> {
        out.lines()
            .find(|l| l.split('\t').next() == Some(name))
            .unwrap_or_else(|| panic!("no line `{name}` in:\n{out}"))
            .split('\t')
            .skip(1)
            .map(str::to_string)
            .collect()
    };
    // The table is wider than the phone: it opens at its end.
    assert_eq!(line("overflows"), ["true"], "{out}");
    assert_eq!(line("last month"), ["2026年10月"], "{out}");
    assert_eq!(line("last month in view"), ["true"], "{out}");
    assert_eq!(line("first month in view"), ["false"], "{out}");
    assert_eq!(line("branch column at the left"), ["true"], "{out}");

    assert_eq!(line("form shown"), ["true"], "{out}");
    assert_eq!(line("all"), ["10", "6", ""], "{out}");
    assert_eq!(
        line("name"),
        ["东孚街道东瑶村党支部", "1", "显示 1 个支部（共 10 个）"],
        "{out}"
    );
    assert_eq!(
        line("both"),
        ["新阳街道兴旺社区党支部", "1", "显示 1 个支部（共 10 个）"],
        "{out}"
    );
    assert_eq!(line("none"), ["0", "0", "没有符合条件的支部。"], "{out}");
    assert_eq!(line("labelled"), ["true"], "{out}");
}

#[test]
fn without_scripts_the_branch_list_is_whole_and_the_filter_hidden() {
    let b = Site::fixture("basic").build();
    b.assert_ok();
    let page = b.page("branches/index.html");
    assert_eq!(page.attrs("form.branch-filter", "hidden"), vec![""]);
    assert_eq!(page.select(".branch-row").len(), 3);
    assert!(page.select(".branch-row[hidden]").is_empty());
}
