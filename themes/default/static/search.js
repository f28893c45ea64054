// dangri search. Cuts the query the way the build cut the text
// (src/search/tokenize.rs: CJK bigrams, whole words, full-width forms
// folded), loads only the index shards those tokens live in, intersects
// their posting lists and shows the results. No framework, no request
// outside the site. The index format is described in src/search/index.rs.
(function () {
  "use strict";

  var MAX_WORD = 32; // tokenize.rs MAX_WORD
  var MAX_TOKENS = 16; // a pasted paragraph must not load the whole index
  var PAGE = 10;
  var DEBOUNCE_MS = 200;
  var WORD = /[\p{Alphabetic}\p{N}]/u;

  // ---------------------------------------------------------------------
  // Tokenizer: the same rules as tokenize.rs.

  function isCjk(cp) {
    return cp === 0x3005 || cp === 0x3007 ||
      (cp >= 0x3040 && cp <= 0x30fa) || (cp >= 0x30fc && cp <= 0x30ff) ||
      (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0x20000 && cp <= 0x323af);
  }

  function fold(ch) {
    var cp = ch.codePointAt(0);
    if (cp >= 0xff01 && cp <= 0xff5e) ch = String.fromCodePoint(cp - 0xfee0);
    else if (cp === 0x3000) return " ";
    var lower = ch.toLowerCase();
    return Array.from(lower).length === 1 ? lower : ch;
  }

  function classOf(ch) {
    if (isCjk(ch.codePointAt(0))) return "c";
    return WORD.test(ch) ? "w" : "o";
  }

  // Runs of CJK characters and of word characters, folded; `sepAfter` says
  // whether a separator followed the run.
  function runs(text) {
    var out = [];
    var cur = null;
    Array.from(text).forEach(function (raw) {
      var ch = fold(raw);
      var cl = classOf(ch);
      if (cur && cur.kind !== cl) {
        cur.sepAfter = cl === "o";
        out.push(cur);
        cur = null;
      }
      if (cl === "o") {
        if (out.length) out[out.length - 1].sepAfter = true;
        return;
      }
      if (!cur) cur = { kind: cl, chars: [], sepAfter: false };
      if (cl === "c" || cur.chars.length < MAX_WORD) cur.chars.push(ch);
    });
    if (cur) out.push(cur);
    return out;
  }

  // The tokens the index holds for `text`, in order (tests compare them with
  // the Rust tokenizer's).
  function tokens(text) {
    var out = [];
    runs(text).forEach(function (r) {
      if (r.kind === "w") {
        out.push(r.chars.join(""));
        return;
      }
      for (var i = 0; i + 1 < r.chars.length; i++) out.push(r.chars[i] + r.chars[i + 1]);
      out.push(r.chars[r.chars.length - 1]);
    });
    return out;
  }

  // What a query asks for: groups of tokens that must all match (a group is
  // one token, or every token starting with a prefix), optional junction
  // bigrams that reward the query's terms standing side by side, and the
  // terms to highlight.
  function parseQuery(text) {
    var rs = runs(text);
    var groups = [];
    var seen = {};
    var junctions = [];
    var terms = [];
    function add(token, prefix) {
      var key = (prefix ? "*" : "=") + token;
      if (seen[key] || groups.length >= MAX_TOKENS) return;
      seen[key] = true;
      groups.push({ token: token, prefix: prefix });
    }
    rs.forEach(function (r, i) {
      var s = r.chars.join("");
      terms.push(s);
      if (r.kind === "w") {
        // The last word while typing matches as a prefix ("volunt" → volunteer).
        add(s, i === rs.length - 1 && !r.sepAfter && r.chars.length >= 3);
      } else if (r.chars.length === 1) {
        add(s, true);
      } else {
        for (var k = 0; k + 1 < r.chars.length; k++) add(r.chars[k] + r.chars[k + 1], false);
      }
      var prev = rs[i - 1];
      if (prev && prev.kind === "c" && r.kind === "c") {
        junctions.push(prev.chars[prev.chars.length - 1] + r.chars[0]);
      }
    });
    return { groups: groups, junctions: junctions.slice(0, MAX_TOKENS), terms: terms };
  }

  // ---------------------------------------------------------------------
  // The index: manifest, shards, posting lists, result tables; the text of
  // a result's snippet comes from its page.

  function Index(base) {
    this.base = base;
    this.manifest = null;
    this.shards = new Map();
    this.tables = new Map();
    this.bytes = 0; // downloaded, for the status line's data attribute
  }

  Index.prototype.fetch = function (path, type) {
    return this.get(this.base + path, type);
  };

  Index.prototype.get = function (url, type) {
    var self = this;
    return fetch(url, { cache: type === "manifest" ? "no-cache" : "default" })
      .then(function (res) {
        if (!res.ok) throw new Error(url + ": HTTP " + res.status);
        return res.arrayBuffer();
      })
      .then(function (buf) {
        self.bytes += buf.byteLength;
        return buf;
      });
  };

  Index.prototype.load = function () {
    var self = this;
    if (!this.manifest) {
      this.manifest = this.fetch("index.json", "manifest").then(function (buf) {
        return JSON.parse(new TextDecoder().decode(buf));
      });
      this.manifest.catch(function () { self.manifest = null; });
    }
    return this.manifest;
  };

  // The file `path` of the index, parsed by `parse`, loaded once into
  // `cache` under `key`; a failed load is forgotten so that it is retried.
  Index.prototype.once = function (cache, key, path, parse) {
    var p = cache.get(key);
    if (!p) {
      p = this.fetch(path).then(parse);
      p.catch(function () { cache.delete(key); });
      cache.set(key, p);
    }
    return p;
  };

  Index.prototype.shard = function (m, n) {
    return this.once(this.shards, n, "s/" + n + ".bin?v=" + m.version, function (buf) {
      return parseShard(new Uint8Array(buf), m.docs);
    });
  };

  // What the result of a document shows: title, URL, kind, branch, date,
  // from the table that holds it (tables hold `per_table` documents).
  Index.prototype.row = function (m, doc) {
    var n = Math.floor(doc / m.per_table);
    var t = this.once(this.tables, n, "d/" + n + ".json?v=" + m.version, function (buf) {
      return JSON.parse(new TextDecoder().decode(buf));
    });
    return t.then(function (rows) {
      var row = rows[doc - n * m.per_table];
      if (!row) throw new Error("search table " + n + " lacks document " + doc);
      return row;
    });
  };

  // The text of a result's page that a snippet is cut from: its body
  // (`.prose`, else `main`) and its description. A page that cannot be
  // loaded gives a result without a snippet.
  Index.prototype.pageText = function (url) {
    return this.get(url).then(function (buf) {
      var doc = new DOMParser().parseFromString(new TextDecoder().decode(buf), "text/html");
      doc.querySelectorAll("script, style, template").forEach(function (e) { e.remove(); });
      var body = doc.querySelector(".prose") || doc.querySelector("main");
      var desc = doc.querySelector('meta[name="description"]');
      return {
        // No space after full-width punctuation: a block's end in the
        // page is a line break, not a gap in the sentence.
        s: body ? body.textContent.replace(/\s+/g, " ").replace(/([，。、；：？！）」』】》]) /g, "$1").trim() : "",
        sd: desc ? (desc.getAttribute("content") || "").trim() : "",
      };
    }).catch(function () {
      return { s: "", sd: "" };
    });
  };

  // A result: its table row and its page's text. Branches, speakers and
  // free pages have their text in the row (their pages are long lists).
  Index.prototype.result = function (m, doc) {
    var self = this;
    return this.row(m, doc).then(function (row) {
      if (typeof row.s === "string") return row;
      return self.pageText(row.u).then(function (text) {
        return Object.assign({}, row, text);
      });
    });
  };

  function varint(bytes, at) {
    var v = 0;
    var mul = 1;
    for (;;) {
      if (at.pos >= bytes.length) throw new Error("truncated search shard");
      var b = bytes[at.pos++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
  }

  function parseShard(bytes, docs) {
    var dec = new TextDecoder();
    var at = { pos: 0 };
    var keys = [];
    var entries = [];
    var map = new Map();
    while (at.pos < bytes.length) {
      var len = varint(bytes, at);
      var token = dec.decode(bytes.subarray(at.pos, at.pos + len));
      at.pos += len;
      var count = varint(bytes, at);
      var kind = varint(bytes, at);
      var size = varint(bytes, at);
      map.set(token, keys.length);
      keys.push(token);
      entries.push({ off: at.pos, end: at.pos + size, count: count, kind: kind });
      at.pos += size;
    }
    return { bytes: bytes, keys: keys, entries: entries, map: map, docs: docs };
  }

  // A posting list: ascending documents and whether the token is in the
  // title, from one of the three encodings of src/search/postings.rs.
  function list(shard, k) {
    var e = shard.entries[k];
    var bytes = shard.bytes;
    var docs = new Uint32Array(e.count);
    var title = new Uint8Array(e.count);
    var at = { pos: e.off };
    var doc = 0;
    var i;
    if (e.kind === 0) {
      for (i = 0; i < e.count; i++) {
        var v = varint(bytes, at);
        doc += Math.floor(v / 2);
        docs[i] = doc;
        title[i] = v % 2;
      }
      return { docs: docs, title: title };
    }
    var b = Math.ceil(shard.docs / 8);
    var n = 0;
    for (i = 0; i < b && n < e.count; i++) {
      for (var bits = bytes[e.off + i]; bits; bits &= bits - 1) {
        docs[n++] = i * 8 + (31 - Math.clz32(bits & -bits));
      }
    }
    if (e.kind === 2) {
      for (i = 0; i < n; i++) title[i] = (bytes[e.off + b + (docs[i] >> 3)] >> (docs[i] & 7)) & 1;
    } else {
      at.pos = e.off + b;
      for (i = 0; at.pos < e.end;) {
        doc += varint(bytes, at);
        while (i < n && docs[i] < doc) i++;
        if (i < n && docs[i] === doc) title[i] = 1;
      }
    }
    return { docs: docs.subarray(0, n), title: title.subarray(0, n) };
  }

  var EMPTY = { docs: new Uint32Array(0), title: new Uint8Array(0) };

  // The last index whose value is <= key, in a sorted array of strings.
  function floorIndex(sorted, key) {
    var lo = 0;
    var hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] <= key) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  function union(lists) {
    if (lists.length === 0) return EMPTY;
    if (lists.length === 1) return lists[0];
    var n = lists.reduce(function (s, l) { return s + l.docs.length; }, 0);
    var keys = new Float64Array(n);
    var at = 0;
    lists.forEach(function (l) {
      for (var i = 0; i < l.docs.length; i++) keys[at++] = l.docs[i] * 2 + l.title[i];
    });
    keys.sort();
    var docs = new Uint32Array(n);
    var title = new Uint8Array(n);
    var m = 0;
    for (var i = 0; i < n; i++) {
      var d = Math.floor(keys[i] / 2);
      var t = keys[i] % 2;
      if (m > 0 && docs[m - 1] === d) title[m - 1] |= t;
      else { docs[m] = d; title[m] = t; m++; }
    }
    return { docs: docs.subarray(0, m), title: title.subarray(0, m) };
  }

  // The posting list of a token, or the union of every token it prefixes.
  Index.prototype.lookup = async function (token, prefix) {
    var m = await this.load();
    var first = Math.max(0, floorIndex(m.shards, token));
    var lists = [];
    for (var j = first; j < m.shards.length; j++) {
      if (j > first && !(prefix && m.shards[j].startsWith(token))) break;
      var s = await this.shard(m, j);
      if (!prefix) {
        var k = s.map.get(token);
        if (k !== undefined) lists.push(list(s, k));
        break;
      }
      var i = floorIndex(s.keys, token);
      if (i < 0 || s.keys[i] !== token) i += 1;
      for (; i < s.keys.length && s.keys[i].startsWith(token); i++) lists.push(list(s, i));
      if (i < s.keys.length) break;
    }
    return union(lists);
  };

  // ---------------------------------------------------------------------
  // Search and ranking: title hits, then junctions (the query's terms side
  // by side), then recency (smaller ids are newer, see src/search/doc.rs).

  Index.prototype.search = async function (query, filters) {
    var q = parseQuery(query);
    if (!q.groups.length) return { query: q, docs: [] };
    var self = this;
    var wanted = q.groups.map(function (g) { return self.lookup(g.token, g.prefix); });
    var filterLists = filters.map(function (f) { return self.lookup("!" + f, false); });
    var junctionLists = q.junctions.map(function (t) { return self.lookup(t, false); });
    var lists = await Promise.all(wanted);
    var fl = await Promise.all(filterLists);
    var jl = await Promise.all(junctionLists);

    lists.sort(function (a, b) { return a.docs.length - b.docs.length; });
    var docs = Array.from(lists[0].docs);
    var titleHits = Array.from(lists[0].title);
    lists.slice(1).concat(fl).forEach(function (l, n) {
      var isFilter = n >= lists.length - 1;
      var keepDocs = [];
      var keepHits = [];
      var j = 0;
      for (var i = 0; i < docs.length; i++) {
        while (j < l.docs.length && l.docs[j] < docs[i]) j++;
        if (j < l.docs.length && l.docs[j] === docs[i]) {
          keepDocs.push(docs[i]);
          keepHits.push(titleHits[i] + (isFilter ? 0 : l.title[j]));
        }
      }
      docs = keepDocs;
      titleHits = keepHits;
    });
    var joined = docs.map(function () { return 0; });
    jl.forEach(function (l) {
      var j = 0;
      for (var i = 0; i < docs.length; i++) {
        while (j < l.docs.length && l.docs[j] < docs[i]) j++;
        if (j < l.docs.length && l.docs[j] === docs[i]) joined[i]++;
      }
    });
    var order = docs.map(function (_, i) { return i; });
    order.sort(function (a, b) {
      return titleHits[b] - titleHits[a] || joined[b] - joined[a] || docs[a] - docs[b];
    });
    return { query: q, docs: order.map(function (i) { return docs[i]; }) };
  };

  // ---------------------------------------------------------------------
  // Snippets with the matches highlighted.

  // The folded text and, for each of its UTF-16 units, the offset in `text`.
  function foldWithMap(text) {
    var out = "";
    var map = [];
    var at = 0;
    Array.from(text).forEach(function (ch) {
      var f = fold(ch);
      for (var i = 0; i < f.length; i++) map.push(at);
      out += f;
      at += ch.length;
    });
    map.push(at);
    return { text: out, map: map };
  }

  // Ranges [start, end) of `text` that match a term (or, for a long CJK term
  // not found whole, its bigrams), merged and sorted.
  function matches(text, terms) {
    var f = foldWithMap(text);
    var ranges = [];
    function find(t) {
      var found = false;
      if (!t) return false;
      for (var i = f.text.indexOf(t); i >= 0; i = f.text.indexOf(t, i + t.length)) {
        ranges.push([f.map[i], f.map[i + t.length]]);
        found = true;
      }
      return found;
    }
    terms.forEach(function (t) {
      var chars = Array.from(t);
      if (!find(t) && chars.length > 2 && isCjk(t.codePointAt(0))) {
        for (var k = 0; k + 1 < chars.length; k++) find(chars[k] + chars[k + 1]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  // Appends `text` to `el`, the parts in `ranges` as <mark>.
  function highlight(el, text, ranges) {
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] > at) el.appendChild(document.createTextNode(text.slice(at, r[0])));
      var m = document.createElement("mark");
      m.textContent = text.slice(r[0], r[1]);
      el.appendChild(m);
      at = r[1];
    });
    if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
  }

  var BEFORE = 30;
  var LENGTH = 120;

  // The part of the page's text around the first match, highlighted; the
  // facts beside the body or the description when only they match.
  function snippet(el, frag, terms) {
    var text = frag.s || "";
    var ranges = matches(text, terms);
    if (!ranges.length) {
      var other = [frag.x, frag.sd].filter(Boolean);
      for (var k = 0; k < other.length; k++) {
        var or = matches(other[k], terms);
        if (or.length) {
          highlight(el, other[k], or);
          return;
        }
      }
    }
    var start = 0;
    if (ranges.length) start = Math.max(0, ranges[0][0] - BEFORE);
    // Never cut a surrogate pair.
    if (start > 0 && /[\udc00-\udfff]/.test(text[start])) start -= 1;
    var end = Math.min(text.length, start + LENGTH);
    if (end < text.length && /[\udc00-\udfff]/.test(text[end])) end += 1;
    var part = text.slice(start, end);
    var shifted = ranges
      .filter(function (r) { return r[1] > start && r[0] < end; })
      .map(function (r) { return [Math.max(r[0], start) - start, Math.min(r[1], end) - start]; });
    if (start > 0) el.appendChild(document.createTextNode("…"));
    highlight(el, part, shifted);
    if (end < text.length) el.appendChild(document.createTextNode("…"));
  }

  // ---------------------------------------------------------------------
  // The page.

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : all;
    });
  }

  function resultItem(frag, terms) {
    var li = document.createElement("li");
    li.className = "search-result kind-" + frag.k;
    var h = document.createElement("h2");
    h.className = "search-result-title";
    var a = document.createElement("a");
    a.href = frag.u;
    highlight(a, frag.t, matches(frag.t, terms));
    h.appendChild(a);
    li.appendChild(h);
    var meta = document.createElement("p");
    meta.className = "search-result-meta";
    var kind = document.createElement("span");
    kind.className = "kind kind-" + frag.k;
    kind.textContent = frag.kl;
    meta.appendChild(kind);
    if (frag.b) {
      var b = document.createElement("span");
      b.className = "search-result-branch";
      b.textContent = frag.b;
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(b);
    }
    if (frag.d) {
      var time = document.createElement("time");
      time.dateTime = frag.d;
      time.textContent = frag.dz || frag.d;
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(time);
    }
    li.appendChild(meta);
    var p = document.createElement("p");
    p.className = "search-result-snippet";
    snippet(p, frag, terms);
    li.appendChild(p);
    return li;
  }

  function start(root) {
    var form = root.querySelector("form");
    var input = form.elements.q;
    var kind = form.elements.kind;
    var scope = form.elements["in"];
    var status = root.querySelector(".search-status");
    var results = root.querySelector(".search-results");
    var more = root.querySelector(".search-more");
    var t = root.dataset;
    var index = new Index(t.base);
    var seq = 0;
    var current = null;
    var timer = 0;

    function setState(state, message) {
      root.dataset.state = state;
      status.textContent = message;
    }

    function readUrl() {
      var p = new URLSearchParams(location.search);
      input.value = p.get("q") || "";
      kind.value = p.get("kind") || "";
      if (kind.selectedIndex < 0) kind.value = "";
      scope.value = p.get("in") || "";
      if (scope.selectedIndex < 0) scope.value = "";
    }

    function writeUrl() {
      var u = new URL(location.href);
      [["q", input.value.trim()], ["kind", kind.value], ["in", scope.value]].forEach(function (kv) {
        if (kv[1]) u.searchParams.set(kv[0], kv[1]);
        else u.searchParams.delete(kv[0]);
      });
      if (u.href !== location.href) history.replaceState(null, "", u.href);
    }

    async function showPage() {
      var m = await index.load();
      var mine = seq;
      var from = results.children.length;
      var ids = current.docs.slice(from, from + PAGE);
      var frags = await Promise.all(ids.map(function (d) { return index.result(m, d); }));
      if (mine !== seq) return;
      frags.forEach(function (f) { results.appendChild(resultItem(f, current.query.terms)); });
      more.hidden = results.children.length >= current.docs.length;
    }

    async function run() {
      writeUrl();
      var mine = ++seq;
      var query = input.value.trim();
      results.textContent = "";
      more.hidden = true;
      current = null;
      if (!query) {
        setState("idle", "");
        return;
      }
      var began = performance.now();
      var bytesBefore = index.bytes;
      setState("loading", t.tLoading);
      try {
        var filters = [];
        if (kind.value) filters.push("k:" + kind.value);
        if (scope.value) filters.push(scope.value);
        var found = await index.search(query, filters);
        if (mine !== seq) return;
        current = found;
        if (!found.docs.length) {
          setState("none", fill(filters.length ? t.tNoneFiltered : t.tNone, { q: query }));
        } else {
          await showPage();
          if (mine !== seq) return;
          setState("done", fill(t.tCount, { n: found.docs.length }));
        }
        root.dataset.ms = String(Math.round(performance.now() - began));
        root.dataset.bytes = String(index.bytes - bytesBefore);
      } catch (e) {
        if (mine !== seq) return;
        setState("error", t.tError);
        if (window.console) console.error(e);
      }
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run();
    });
    input.addEventListener("input", later);
    kind.addEventListener("change", run);
    scope.addEventListener("change", run);
    more.addEventListener("click", function () {
      if (current) showPage().catch(function () { setState("error", t.tError); });
    });
    window.addEventListener("popstate", function () {
      readUrl();
      run();
    });
    readUrl();
    run();
  }

  // For tests: the tokenizer, to compare with the build's.
  window.dangriSearch = { tokens: tokens, parseQuery: parseQuery };

  var root = document.getElementById("search");
  if (root && window.fetch && window.TextDecoder) start(root);
})();
