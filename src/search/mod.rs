//! `/search/`: full-text search that works for Chinese on a static host.
//! The build writes a sharded inverted index of character bigrams and words
//! (`index`, cut by `tokenize`, lists encoded by `postings`), tables of what
//! a result shows (title, URL, kind, branch, date) for result lists (`doc`),
//! a manifest, and the search page; the theme's `search.js` cuts the query
//! the same way, loads only the shards its tokens live in and cuts a
//! record's snippet from the record's page. docs/search.md explains the
//! design and its measurements.

pub mod doc;
pub mod index;
pub mod postings;
pub mod tokenize;

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use crate::render::Renderer;
use crate::urls::Route;

use doc::{Doc, DocRef};
use index::{DocTokens, IndexBuilder, Stats};

/// A shard closes when the next posting list would take it past this size.
/// Per query the browser loads one shard per token (more only for a
/// one-character prefix), so this bounds the download of rare tokens; the
/// manifest grows as the index size divided by it.
pub const SHARD_BYTES: usize = 32 * 1024;

/// Documents per result table: the browser loads the tables of the results
/// it shows, ten at a time, mostly neighbours in id order. 32 documents are
/// about 8 KB of JSON.
pub const DOCS_PER_TABLE: u32 = 32;

/// Documents tokenized at a time: bounds the memory of tokens in flight.
/// A whole number of tables, so that each chunk writes its own tables.
const CHUNK: usize = 512;
const _: () = assert!(CHUNK.is_multiple_of(DOCS_PER_TABLE as usize));

fn route(parts: &[&str]) -> Route {
    let mut segments = vec!["search".to_string()];
    segments.extend(parts.iter().map(|s| s.to_string()));
    Route::file(segments)
}

pub fn page_route() -> Route {
    Route::dir(["search"])
}

pub fn shard_route(n: usize) -> Route {
    route(&["s", &format!("{n}.bin")])
}

/// The result table that holds document `doc`.
pub fn table_route(doc: u32) -> Route {
    route(&["d", &format!("{}.json", doc / DOCS_PER_TABLE)])
}

/// FNV-1a, 64 bits: a stable fingerprint of the index for cache busting.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    const fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(mut self, bytes: &[u8]) -> Fnv {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }
}

/// Writes the index, the result tables and the manifest.
pub fn write(r: &Renderer) -> Result<()> {
    let began = std::time::Instant::now();
    let docs = doc::order(r.site);
    let (ix, mut version) = index_documents(r, &docs)?;
    if std::env::var_os("DANGRI_TIMINGS").is_some() {
        eprintln!("  search tokens: {:.3} s", began.elapsed().as_secs_f64());
    }
    let mut firsts = Vec::new();
    let stats = ix.finish(SHARD_BYTES, |shard| {
        version = version.bytes(shard.first.as_bytes()).bytes(&shard.bytes);
        r.write(&shard_route(firsts.len()), &shard.bytes)?;
        firsts.push(shard.first);
        anyhow::Ok(())
    })?;
    r.write(
        &route(&["index.json"]),
        manifest(&firsts, &stats, version).as_bytes(),
    )?;
    if std::env::var_os("DANGRI_TIMINGS").is_some() {
        eprintln!(
            "    search: {:>7.3} s: {} docs, {} tokens, {} postings, {} shards, {} bytes of index (largest shard {})",
            began.elapsed().as_secs_f64(),
            stats.docs,
            stats.tokens,
            stats.postings,
            stats.shards,
            stats.bytes,
            stats.largest_shard
        );
    }
    Ok(())
}

/// Tokenizes the documents in parallel, a chunk at a time, writing their
/// result tables on the way, and adds them to the index in id order. Adding is
/// sequential: it runs while the next chunk is being tokenized.
fn index_documents(r: &Renderer, docs: &[DocRef]) -> Result<(IndexBuilder, Fnv)> {
    let mut ix = IndexBuilder::new(docs.len() as u32);
    let mut version = Fnv::new().bytes(&(docs.len() as u64).to_le_bytes());
    let mut add = |tables: Vec<(Vec<DocTokens>, u64)>| {
        for (docs, hash) in tables {
            for tokens in docs {
                ix.add(tokens);
            }
            version = version.bytes(&hash.to_le_bytes());
        }
    };
    let mut pending = Vec::new();
    for (c, chunk) in docs.chunks(CHUNK).enumerate() {
        let ((), next) = rayon::join(
            || add(std::mem::take(&mut pending)),
            || tokenize_chunk(r, c * CHUNK, chunk),
        );
        pending = next?;
    }
    add(pending);
    Ok((ix, version))
}

/// The tokens of the documents of a chunk whose first document is `first`
/// (a multiple of [`DOCS_PER_TABLE`]), a table at a time, each with a hash
/// of the result table it writes. The version of the index is made of
/// these and of the shards' bytes, the files the browser caches.
fn tokenize_chunk(
    r: &Renderer,
    first: usize,
    chunk: &[DocRef],
) -> Result<Vec<(Vec<DocTokens>, u64)>> {
    chunk
        .par_chunks(DOCS_PER_TABLE as usize)
        .enumerate()
        .map(|(t, docs)| {
            let mut table = String::with_capacity(docs.len() * 256);
            let mut tokens = Vec::with_capacity(docs.len());
            for &d in docs {
                let d = Doc::new(r, d);
                let text = d.text();
                let extra = d.extra_text();
                table.push_str(if table.is_empty() { "[" } else { ",\n" });
                d.result(&mut table, &extra, &text, &r.t);
                let filters = d.filters.iter().map(|f| format!("!{f}"));
                let indexed = [d.summary_text(), &text, &extra, d.context.unwrap_or("")];
                tokens.push(DocTokens::collect(d.title, indexed, filters));
            }
            table.push_str("]\n");
            let id = (first + t * DOCS_PER_TABLE as usize) as u32;
            r.write(&table_route(id), table.as_bytes())?;
            Ok((tokens, Fnv::new().bytes(table.as_bytes()).0))
        })
        .collect()
}

/// A document of an index built from something other than a site's pages
/// (the portal's, from the districts' data exports): its result row, a
/// JSON object as the result tables hold it (`t`, `u`, `k`, `kl`, `b`, `d`,
/// `dz`, and `s`, the text a snippet is cut from, so that the browser
/// loads no page), and its tokens.
pub struct PlainDoc {
    pub row: String,
    pub tokens: DocTokens,
}

/// Writes an index of the `count` documents of `docs`, in id order (the
/// first ranks as the newest), in the layout of a site's: `write` gets each
/// file's path under the index's folder (`index.json`, `s/<n>.bin`,
/// `d/<n>.json`) and bytes. Documents are consumed one at a time: only a
/// table of rows and the posting lists are held.
pub fn write_plain(
    count: usize,
    docs: impl IntoIterator<Item = PlainDoc>,
    mut write: impl FnMut(String, &[u8]) -> Result<()>,
) -> Result<()> {
    let mut version = Fnv::new().bytes(&(count as u64).to_le_bytes());
    let mut ix = IndexBuilder::new(count as u32);
    let (mut table, mut rows, mut n) = (String::new(), 0, 0);
    let mut flush = |table: &mut String, n: &mut usize| -> Result<()> {
        table.push_str("]\n");
        version = version.bytes(&Fnv::new().bytes(table.as_bytes()).0.to_le_bytes());
        write(format!("d/{n}.json"), table.as_bytes())?;
        table.clear();
        *n += 1;
        Ok(())
    };
    for d in docs.into_iter().take(count) {
        table.push_str(if rows == 0 { "[" } else { ",\n" });
        table.push_str(&d.row);
        ix.add(d.tokens);
        rows += 1;
        if rows == DOCS_PER_TABLE as usize {
            flush(&mut table, &mut n)?;
            rows = 0;
        }
    }
    if rows > 0 {
        flush(&mut table, &mut n)?;
    }
    let mut firsts = Vec::new();
    let stats = ix.finish(SHARD_BYTES, |shard| {
        version = version.bytes(shard.first.as_bytes()).bytes(&shard.bytes);
        write(format!("s/{}.bin", firsts.len()), &shard.bytes)?;
        firsts.push(shard.first);
        anyhow::Ok(())
    })?;
    write(
        "index.json".to_string(),
        manifest(&firsts, &stats, version).as_bytes(),
    )
}

fn manifest(firsts: &[String], stats: &Stats, version: Fnv) -> String {
    let mut j = String::with_capacity(firsts.len() * 12 + 128);
    j.push_str(&format!(
        "{{\"version\":\"{:016x}\",\"docs\":{},\"per_table\":{},\"shards\":[",
        version.0, stats.docs, DOCS_PER_TABLE
    ));
    for (i, f) in firsts.iter().enumerate() {
        if i > 0 {
            j.push(',');
        }
        doc::json_str(&mut j, f);
    }
    j.push_str("]}\n");
    j
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

#[derive(Serialize)]
struct CommitteeChoice {
    name: String,
    value: String,
    branches: Vec<Choice>,
}

#[derive(Serialize)]
struct SearchView {
    /// The folder of the index, ending in `/`.
    base: String,
    kinds: Vec<Choice>,
    committees: Vec<CommitteeChoice>,
}

/// The search page.
pub fn search_page(r: &Renderer) -> Result<()> {
    let site = r.site;
    let c = &site.config;
    let mut kinds: Vec<Choice> = crate::kind::Kind::all()
        .map(|k| Choice {
            value: k.word().to_string(),
            label: r.kind_label(k),
        })
        .collect();
    for (value, key, any) in [
        ("branch", "search_kind_branch", !site.branches.is_empty()),
        ("speaker", "search_kind_speaker", !site.speakers.is_empty()),
        ("page", "search_kind_page", !site.pages.is_empty()),
    ] {
        if any {
            kinds.push(Choice {
                value: value.to_string(),
                label: r.t(key),
            });
        }
    }
    let committees = site
        .committees
        .iter()
        .map(|com| {
            let mut branches: Vec<Choice> = com
                .branches
                .iter()
                .map(|&b| Choice {
                    value: doc::branch_filter(&site.branches[b].id),
                    label: site.branches[b].name.clone(),
                })
                .collect();
            branches.sort_by(|a, b| a.label.cmp(&b.label).then_with(|| a.value.cmp(&b.value)));
            CommitteeChoice {
                name: com.name.clone(),
                value: doc::committee_filter(&com.name),
                branches,
            }
        })
        .collect();
    let view = SearchView {
        base: page_route().link(c),
        kinds,
        committees,
    };
    let route = page_route();
    let mut meta = r.meta(r.t("search_title"), &route, "search");
    meta.crumbs = vec![crate::render::views::link(
        site,
        r.t("nav_home"),
        &Route::home(),
    )];
    r.page(&route, "search.html", &meta, "search", &view)
}
