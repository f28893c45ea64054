// Runs axe-core in headless Chromium over a sample of dangri's page types.
//
// usage: node axe_check.mjs OUTPUT_DIR
//
// Serves OUTPUT_DIR itself (under the site's base path, read from the
// stylesheet link of index.html), picks one page of each type, and checks it
// at a phone and a desktop width, in light and dark colour schemes. Exits 1
// when a violation of an impact in AXE_FAIL_IMPACTS (default: serious,
// critical) is found; lesser ones are printed but do not fail.
//
// Environment: DANGRI_TOOLS (where axe-core and playwright-core live),
// CHROME (the browser binary), AXE_PAGES (comma-separated paths relative to
// OUTPUT_DIR, to check instead of the automatic sample).

import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";

const out = path.resolve(process.argv[2] || "");
if (!process.argv[2] || !fs.existsSync(path.join(out, "index.html"))) {
  console.error("usage: node axe_check.mjs OUTPUT_DIR (a dangri output folder with index.html)");
  process.exit(2);
}
const tools = process.env.DANGRI_TOOLS || "/tmp/dangri-tools";
const require = createRequire(path.join(tools, "package.json"));
const { chromium } = require("playwright-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const failImpacts = (process.env.AXE_FAIL_IMPACTS || "serious,critical").split(",").map((s) => s.trim());

// The base path every link starts with: "/" or "/archive/".
const home = fs.readFileSync(path.join(out, "index.html"), "utf8");
const m = home.match(/<link rel="stylesheet" href="([^"]*)style\.css"/);
const root = m ? m[1] : "/";

// ---------------------------------------------------------------- sample

function exists(rel) {
  return fs.existsSync(path.join(out, rel));
}
function dirs(rel) {
  const p = path.join(out, rel);
  if (!fs.existsSync(p)) return [];
  return fs.readdirSync(p, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}
function firstMatching(candidates, test) {
  for (const c of candidates) {
    if (!exists(c)) continue;
    if (!test || test(fs.readFileSync(path.join(out, c), "utf8"))) return c;
  }
  return null;
}

function sample() {
  if (process.env.AXE_PAGES) return process.env.AXE_PAGES.split(",").map((p) => ["page", p.trim()]);
  const pages = [["home", "index.html"], ["404", "404.html"], ["branches", "branches/index.html"]];
  const branches = dirs("branches");
  const months = [];
  const records = [];
  for (const b of branches) {
    for (const ym of dirs(`branches/${b}`).filter((d) => /^\d{4}-\d{2}$/.test(d))) {
      months.push(`branches/${b}/${ym}/index.html`);
      for (const r of dirs(`branches/${b}/${ym}`)) records.push(`branches/${b}/${ym}/${r}/index.html`);
      if (records.length > 400) break;
    }
    if (records.length > 400) break;
  }
  const add = (type, p) => p && pages.push([type, p]);
  add("branch", firstMatching(branches.map((b) => `branches/${b}/index.html`)));
  add("month", firstMatching(months, (t) => t.includes('class="thumbs"')) || months[0]);
  add("record", firstMatching(records, (t) => t.includes('class="gallery"')) || records[0]);
  add("lectures", firstMatching(["lectures/index.html"]));
  // Phone pages, not the index's month pages (lectures/YYYY-MM/); a long
  // one, with its table of contents, when there is one.
  const lectures = dirs("lectures").filter((l) => !/^\d{4}-\d{2}$/.test(l)).map((l) => `lectures/${l}/index.html`);
  add("lecture", firstMatching(lectures, (t) => t.includes("lecture-toc")) || firstMatching(lectures, (t) => t.includes("<h2")) || lectures[0]);
  add("speakers", firstMatching(["speakers/index.html"]));
  add("speaker", firstMatching(dirs("speakers").map((s) => `speakers/${s}/index.html`)));
  add("five-things", firstMatching(["five-things/index.html"]));
  add("bulletin", firstMatching(dirs("five-things").filter((d) => /^\d{4}-\d{2}$/.test(d)).map((d) => `five-things/${d}/index.html`)));
  add("search", firstMatching(["search/index.html"]));
  add("attendance", firstMatching(["attendance/index.html"]));
  add("assessment", firstMatching(dirs("assessment").map((y) => `assessment/${y}/index.html`)));
  add("places", firstMatching(["places/index.html"]));
  add("place", firstMatching(dirs("places").map((p) => `places/${p}/index.html`)));
  add("ledger", firstMatching(branches.flatMap((b) => dirs(`branches/${b}/ledger`).map((y) => `branches/${b}/ledger/${y}/index.html`))));
  const known = new Set(["branches", "lectures", "speakers", "five-things", "m", "led", "search", "attendance", "assessment", "places", "data"]);
  add("page", firstMatching(dirs(".").filter((d) => !known.has(d)).map((d) => `${d}/index.html`)));
  return pages;
}

// ---------------------------------------------------------------- server

const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".svg": "image/svg+xml", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
  ".webp": "image/webp", ".xml": "application/xml", ".json": "application/json",
};
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (!p.startsWith(root)) { res.writeHead(404); return res.end(); }
  p = path.join(out, p.slice(root.length));
  if (!p.startsWith(out)) { res.writeHead(403); return res.end(); }
  if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, "index.html");
  if (!fs.existsSync(p)) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { "content-type": types[path.extname(p)] || "application/octet-stream" });
  fs.createReadStream(p).pipe(res);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

// ---------------------------------------------------------------- run

const executablePath = process.env.CHROME || ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => fs.existsSync(p));
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const setups = [
  { name: "390 light", viewport: { width: 390, height: 844 }, colorScheme: "light" },
  { name: "1280 light", viewport: { width: 1280, height: 900 }, colorScheme: "light" },
  { name: "390 dark", viewport: { width: 390, height: 844 }, colorScheme: "dark" },
];
let failures = 0;
let notes = 0;
const pages = sample();
for (const setup of setups) {
  const context = await browser.newContext({ viewport: setup.viewport, colorScheme: setup.colorScheme });
  // Only the local server: a page that reaches out is a bug in itself.
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (r) => { console.log(`  external request blocked: ${r.request().url()}`); r.abort(); });
  const page = await context.newPage();
  for (const [type, rel] of pages) {
    const url = origin + root + rel.replace(/index\.html$/, "").split("/").map(encodeURIComponent).join("/");
    await page.goto(url, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] }, resultTypes: ["violations"] }),
    );
    const bad = result.violations.filter((v) => failImpacts.includes(v.impact));
    const minor = result.violations.filter((v) => !failImpacts.includes(v.impact));
    console.log(`${bad.length ? "FAIL" : "ok  "} [${setup.name}] ${type.padEnd(11)} ${rel}`);
    for (const v of [...bad, ...minor]) {
      const mark = failImpacts.includes(v.impact) ? "  ✗" : "  ·";
      console.log(`${mark} ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length > 1 ? "s" : ""})`);
      for (const n of v.nodes.slice(0, 3)) console.log(`      ${n.target.join(" ")}  ${(n.failureSummary || "").split("\n").slice(1, 2).join("").trim()}`);
    }
    failures += bad.length;
    notes += minor.length;
  }
  await context.close();
}
await browser.close();
server.close();
console.log(`axe: ${pages.length} pages × ${setups.length} setups, ${failures} failing violation(s), ${notes} minor`);
process.exit(failures ? 1 : 0);
