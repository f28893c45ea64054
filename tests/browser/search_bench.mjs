// Times /search/ in headless Chromium, in real time (not the virtual time
// of the tests), over the DevTools protocol. For each query and run: a page
// load of /search/?q=… with the HTTP cache disabled, then the figures the
// page itself records when the results are shown: data-ms (query start →
// results on screen) and data-bytes (manifest, shards, result tables and result pages the query
// downloaded). See docs/benchmarks.md, section "search".
//
// usage: node --experimental-websocket tests/browser/search_bench.mjs \
//          http://127.0.0.1:8000/ 党费 "党费 收缴" …
// (Node 22 and later need no flag.) CHROME names the browser binary
// (default: chromium); RUNS the runs per query (default 3).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [base, ...queries] = process.argv.slice(2);
if (!base || !queries.length) {
  console.error("usage: search_bench.mjs BASE_URL QUERY...");
  process.exit(2);
}
const runs = Number(process.env.RUNS || 3);
const profile = mkdtempSync(join(tmpdir(), "search-bench-"));
const chrome = spawn(process.env.CHROME || "chromium", [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run",
  "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank",
], { stdio: ["ignore", "ignore", "pipe"] });

const wsUrl = await new Promise((resolve, reject) => {
  let err = "";
  chrome.stderr.on("data", (d) => {
    err += d;
    const m = err.match(/DevTools listening on (ws:\S+)/);
    if (m) resolve(m[1]);
  });
  setTimeout(() => reject(new Error("Chromium did not start:\n" + err)), 30000);
});
const ws = new WebSocket(wsUrl);
await new Promise((r) => ws.addEventListener("open", r));
let lastId = 0;
const pending = new Map();
ws.addEventListener("message", (e) => {
  const msg = JSON.parse(e.data);
  if (pending.has(msg.id)) {
    pending.get(msg.id)(msg);
    pending.delete(msg.id);
  }
});
function send(method, params = {}, sessionId = undefined) {
  const id = ++lastId;
  ws.send(JSON.stringify({ id, method, params, sessionId }));
  return new Promise((r) => pending.set(id, r));
}

const target = await send("Target.createTarget", { url: "about:blank" });
const attached = await send("Target.attachToTarget", { targetId: target.result.targetId, flatten: true });
const page = (method, params) => send(method, params, attached.result.sessionId);
await page("Network.enable");
await page("Network.setCacheDisabled", { cacheDisabled: true });
await page("Runtime.enable");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const PROBE = `(() => {
  const r = document.getElementById("search");
  if (!r || !["done", "none", "error"].includes(r.dataset.state)) return null;
  return JSON.stringify({ state: r.dataset.state, ms: +r.dataset.ms, bytes: +r.dataset.bytes,
    status: document.querySelector(".search-status").textContent });
})()`;

console.log(["query", "run", "state", "ms", "bytes", "status"].join("\t"));
for (const q of queries) {
  for (let run = 1; run <= runs; run++) {
    await page("Page.navigate", { url: base + "search/?q=" + encodeURIComponent(q) });
    let found = null;
    for (let i = 0; i < 800 && !found; i++) {
      await sleep(25);
      const r = await page("Runtime.evaluate", { expression: PROBE, returnByValue: true });
      found = r.result?.result?.value;
    }
    const f = found ? JSON.parse(found) : { state: "timeout" };
    console.log([q, run, f.state, f.ms, f.bytes, f.status].join("\t"));
  }
}
ws.close();
await new Promise((r) => {
  chrome.on("exit", r);
  chrome.kill();
});
rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
