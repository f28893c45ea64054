//! The inverted index, built in one pass over the documents in id order and
//! cut into shards that the browser loads on demand.
//!
//! Each token's posting list is kept encoded while it grows (a varint per
//! document), so the memory the index takes is about the size of its output.
//! A shard holds whole posting lists of consecutive tokens in the order
//! JavaScript compares strings (UTF-16 code units), so the browser finds the
//! shard of a token by a binary search over the shards' first tokens.
//!
//! Shard format, all integers LEB128 varints:
//! `(token_len token_utf8 count byte_len postings)*`, where each posting is
//! `(doc - previous_doc) * 2 + in_title` and `previous_doc` starts at 0.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::tokenize::{self, Token};

/// The tokens of one document, deduplicated, with whether each is in the title.
#[derive(Debug, Default)]
pub struct DocTokens {
    /// CJK tokens as `cjk_key << 1 | in_title`, sorted: 8 bytes a token
    /// keeps the tokens of the documents in flight small.
    cjk: Vec<u64>,
    /// Words and filter tokens, sorted.
    words: Vec<(Box<str>, bool)>,
}

impl DocTokens {
    /// Collects the tokens of a document's title and other text.
    pub fn collect<'a>(
        title: &str,
        text: impl IntoIterator<Item = &'a str>,
        filters: impl IntoIterator<Item = String>,
    ) -> DocTokens {
        let mut d = DocTokens::default();
        let mut add = |t: Token<'_>, in_title: bool| match t {
            Token::Word(w) => d.words.push((w.into(), in_title)),
            _ => {
                if let Some(k) = t.cjk_key() {
                    d.cjk.push(k << 1 | u64::from(in_title));
                }
            }
        };
        tokenize::tokens(title, |t| add(t, true));
        for part in text {
            tokenize::tokens(part, |t| add(t, false));
        }
        d.words
            .extend(filters.into_iter().map(|f| (f.into_boxed_str(), false)));
        d.cjk.sort_unstable();
        d.cjk.dedup_by(|later, first| {
            let same = *later >> 1 == *first >> 1;
            if same {
                *first |= *later & 1;
            }
            same
        });
        // Title occurrences sort first within a word, so the first one wins.
        d.words
            .sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        d.words.dedup_by(|later, first| later.0 == first.0);
        d
    }

    pub fn len(&self) -> usize {
        self.cjk.len() + self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A posting list being built.
#[derive(Debug, Default)]
struct List {
    bytes: Vec<u8>,
    next: u32,
    count: u32,
}

impl List {
    fn push(&mut self, doc: u32, in_title: bool) {
        // Grow by an eighth, not by doubling: the lists are the index, and
        // doubling would leave up to half of it as slack at the peak.
        if self.bytes.capacity() - self.bytes.len() < 10 {
            self.bytes.reserve_exact((self.bytes.len() / 8).max(16));
        }
        let delta = u64::from(doc - self.next);
        put_varint(&mut self.bytes, delta * 2 + u64::from(in_title));
        self.next = doc;
        self.count += 1;
    }
}

pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint at `*pos`; `None` at a truncated end.
pub fn get_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7F) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

/// A multiplicative hash (as in rustc's FxHasher) for token keys: tens of
/// millions of lookups, no untrusted peer to defend against.
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl KeyHasher {
    fn mix(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.mix(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }
}

type FastMap<K> = HashMap<K, u32, BuildHasherDefault<KeyHasher>>;

/// The whole index while it is built.
#[derive(Default)]
pub struct IndexBuilder {
    cjk: FastMap<u64>,
    words: FastMap<Box<str>>,
    lists: Vec<List>,
    docs: u32,
}

/// A finished shard: its first token and its bytes.
#[derive(Debug)]
pub struct Shard {
    pub first: String,
    pub bytes: Vec<u8>,
}

/// Sizes of a finished index, for the build's report and the benchmarks.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub docs: u32,
    pub tokens: usize,
    pub postings: u64,
    pub shards: usize,
    pub bytes: usize,
    pub largest_shard: usize,
}

impl IndexBuilder {
    /// Adds the next document; documents must come in id order, 0, 1, 2, ...
    pub fn add(&mut self, tokens: DocTokens) {
        let doc = self.docs;
        self.docs += 1;
        for packed in tokens.cjk {
            let next = self.lists.len() as u32;
            let id = *self.cjk.entry(packed >> 1).or_insert(next);
            self.list(id).push(doc, packed & 1 == 1);
        }
        for (word, in_title) in tokens.words {
            let next = self.lists.len() as u32;
            let id = *self.words.entry(word).or_insert(next);
            self.list(id).push(doc, in_title);
        }
    }

    fn list(&mut self, id: u32) -> &mut List {
        let id = id as usize;
        if id == self.lists.len() {
            self.lists.push(List::default());
        }
        &mut self.lists[id]
    }

    /// Cuts the index into shards of about `target` bytes and hands each to
    /// `emit` as soon as it is complete, freeing the lists on the way. A
    /// posting list is never split, so a shard is larger only when one list is.
    pub fn finish<E>(
        self,
        target: usize,
        mut emit: impl FnMut(Shard) -> Result<(), E>,
    ) -> Result<Stats, E> {
        let IndexBuilder {
            cjk,
            words,
            mut lists,
            docs,
        } = self;
        let mut keys: Vec<(String, u32)> = cjk
            .into_iter()
            .map(|(k, id)| (tokenize::cjk_key_text(k), id))
            .chain(words.into_iter().map(|(w, id)| (w.into_string(), id)))
            .collect();
        keys.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        let mut stats = Stats {
            docs,
            tokens: keys.len(),
            ..Stats::default()
        };
        let mut cur = Shard {
            first: String::new(),
            bytes: Vec::new(),
        };
        let mut flush = |shard: Shard, stats: &mut Stats| {
            stats.shards += 1;
            stats.bytes += shard.bytes.len();
            stats.largest_shard = stats.largest_shard.max(shard.bytes.len());
            emit(shard)
        };
        let mut entry = Vec::new();
        for (token, id) in keys {
            let list = std::mem::take(&mut lists[id as usize]);
            entry.clear();
            put_varint(&mut entry, token.len() as u64);
            entry.extend_from_slice(token.as_bytes());
            put_varint(&mut entry, u64::from(list.count));
            put_varint(&mut entry, list.bytes.len() as u64);
            entry.extend_from_slice(&list.bytes);
            stats.postings += u64::from(list.count);
            drop(list);
            if !cur.bytes.is_empty() && cur.bytes.len() + entry.len() > target {
                let full = std::mem::replace(
                    &mut cur,
                    Shard {
                        first: String::new(),
                        bytes: Vec::new(),
                    },
                );
                flush(full, &mut stats)?;
            }
            if cur.bytes.is_empty() {
                cur.first = token;
            }
            cur.bytes.extend_from_slice(&entry);
        }
        if !cur.bytes.is_empty() {
            flush(cur, &mut stats)?;
        }
        Ok(stats)
    }
}

/// One decoded posting list entry of a shard: token, (doc, in_title) pairs.
pub type Entry = (String, Vec<(u32, bool)>);

/// Decodes a shard; the inverse of [`IndexBuilder::finish`], for tests.
pub fn decode(bytes: &[u8]) -> Option<Vec<Entry>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let len = usize::try_from(get_varint(bytes, &mut pos)?).ok()?;
        let token = std::str::from_utf8(bytes.get(pos..pos + len)?).ok()?;
        pos += len;
        let count = get_varint(bytes, &mut pos)?;
        let byte_len = usize::try_from(get_varint(bytes, &mut pos)?).ok()?;
        let end = pos + byte_len;
        let mut doc = 0u64;
        let mut postings = Vec::new();
        for _ in 0..count {
            let v = get_varint(bytes, &mut pos)?;
            doc += v >> 1;
            postings.push((u32::try_from(doc).ok()?, v & 1 == 1));
        }
        if pos != end {
            return None;
        }
        out.push((token.to_string(), postings));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(docs: &[(&str, &str)], target: usize) -> (Vec<Shard>, Stats) {
        let mut ix = IndexBuilder::default();
        for (i, (title, body)) in docs.iter().enumerate() {
            ix.add(DocTokens::collect(
                title,
                [*body],
                [format!(
                    "!k:{}",
                    if i % 2 == 0 { "study" } else { "lecture" }
                )],
            ));
        }
        let mut shards = Vec::new();
        let stats = ix.finish(target, |s| {
            shards.push(s);
            Ok::<(), ()>(())
        });
        (shards, stats.unwrap_or_default())
    }

    fn all_entries(shards: &[Shard]) -> Vec<Entry> {
        shards
            .iter()
            .flat_map(|s| decode(&s.bytes).unwrap_or_default())
            .collect()
    }

    #[test]
    fn postings_record_documents_and_title_hits() {
        let (shards, stats) = build(
            &[
                ("台风过后", "党员清扫街道"),
                ("党费收缴", "台风预警，党员值守"),
                ("Party Day", "学习 party 章程"),
            ],
            1 << 20,
        );
        assert_eq!(shards.len(), 1);
        assert_eq!(stats.docs, 3);
        let entries = all_entries(&shards);
        let get = |t: &str| {
            entries
                .iter()
                .find(|e| e.0 == t)
                .map(|e| e.1.clone())
                .unwrap_or_default()
        };
        assert_eq!(get("台风"), vec![(0, true), (1, false)]);
        assert_eq!(get("党员"), vec![(0, false), (1, false)]);
        assert_eq!(get("party"), vec![(2, true)]);
        assert_eq!(get("!k:study"), vec![(0, false), (2, false)]);
        assert_eq!(get("风"), Vec::new(), "风 is not run-final in any text");
        assert_eq!(get("过后"), vec![(0, true)]);
    }

    #[test]
    fn tokens_are_sorted_as_javascript_compares_strings() {
        // U+FF5E sorts after U+1D400 in code points but before it in UTF-16.
        let (shards, _) = build(&[("𝐀 ～ｘ", "\u{FFE0}x 𝐀b 中文")], 1 << 20);
        let tokens: Vec<String> = all_entries(&shards).into_iter().map(|e| e.0).collect();
        let mut js = tokens.clone();
        js.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
        assert_eq!(tokens, js);
        assert!(tokens.first().is_some_and(|t| t.starts_with('!')));
    }

    #[test]
    fn shards_hold_whole_lists_near_the_target_size() {
        let docs: Vec<(String, String)> = (0..300)
            .map(|i| (format!("记录{i}"), format!("第{i}次党员大会 word{i} 台风")))
            .collect();
        let refs: Vec<(&str, &str)> = docs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let (shards, stats) = build(&refs, 256);
        assert!(shards.len() > 5);
        for s in &shards {
            let entries = decode(&s.bytes).unwrap_or_default();
            assert!(
                s.bytes.len() <= 256 || entries.len() == 1,
                "oversized shard"
            );
            assert_eq!(
                entries.first().map(|e| e.0.as_str()),
                Some(s.first.as_str())
            );
        }
        let firsts: Vec<&str> = shards.iter().map(|s| s.first.as_str()).collect();
        let mut sorted = firsts.clone();
        sorted.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
        assert_eq!(firsts, sorted);
        let total: usize = all_entries(&shards).iter().map(|e| e.1.len()).sum();
        assert_eq!(total as u64, stats.postings);
        let taifeng = all_entries(&shards)
            .into_iter()
            .find(|e| e.0 == "台风")
            .map(|e| e.1.len());
        assert_eq!(taifeng, Some(300));
    }

    #[test]
    fn truncated_shards_do_not_decode() {
        let (shards, _) = build(&[("台风", "党员")], 1 << 20);
        let bytes = &shards[0].bytes;
        assert!(decode(bytes).is_some());
        assert!(decode(&bytes[..bytes.len() - 1]).is_none());
    }
}
