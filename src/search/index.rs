//! The inverted index, built in one pass over the documents in id order and
//! cut into shards that the browser loads on demand.
//!
//! Each token's posting list is kept encoded while it grows (`postings`), so
//! the memory the index takes is about the size of its output. A shard holds
//! whole posting lists of consecutive tokens in the order JavaScript compares
//! strings (UTF-16 code units), so the browser finds the shard of a token by
//! a binary search over the shards' first tokens.
//!
//! Shard format, all integers LEB128 varints:
//! `(token_len token_utf8 count kind byte_len postings)*`, `kind` and
//! `postings` as in `postings.rs`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use super::postings::{self, List, put_varint};
use super::tokenize::{self, Token};

/// The tokens of one document, deduplicated, with whether each is in the title.
#[derive(Debug, Default)]
pub struct DocTokens {
    /// CJK tokens as `cjk_key << 1 | in_title`, each once, in the order
    /// of the text (the index does not need them sorted): 8 bytes a token
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
        SEEN.with_borrow_mut(|seen| {
            seen.clear();
            let mut d = DocTokens::default();
            // Each CJK token once, in order of first sight. The title is
            // read first, so a token's first sight says whether it is in
            // the title.
            let mut add = |t: Token<'_>, in_title: bool| match t {
                Token::Word(w) => d.words.push((w.into(), in_title)),
                _ => {
                    if let Some(k) = t.cjk_key()
                        && seen.insert(k)
                    {
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
            // Title occurrences sort first within a word, so the first one wins.
            d.words
                .sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            d.words.dedup_by(|later, first| later.0 == first.0);
            d
        })
    }

    pub fn len(&self) -> usize {
        self.cjk.len() + self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
    /// A product carries its inputs' low bits only upwards, and the table
    /// picks buckets by the low bits: CJK keys keep their first character
    /// in the high half (a unigram's low half is zero), so the well-mixed
    /// high bits are rotated down.
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
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
type FastSet<K> = HashSet<K, BuildHasherDefault<KeyHasher>>;

thread_local! {
    /// The CJK tokens of the document being collected on this thread; kept
    /// between documents for its capacity.
    static SEEN: std::cell::RefCell<FastSet<u64>> = Default::default();
}

/// The whole index while it is built.
pub struct IndexBuilder {
    cjk: FastMap<u64>,
    words: FastMap<Box<str>>,
    lists: Vec<List>,
    /// Documents added so far.
    added: u32,
    /// Documents the index will hold: the size of bitmaps.
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
    /// An index for `docs` documents.
    pub fn new(docs: u32) -> IndexBuilder {
        IndexBuilder {
            cjk: FastMap::default(),
            words: FastMap::default(),
            lists: Vec::new(),
            added: 0,
            docs,
        }
    }

    /// Adds the next document; documents come in id order, 0, 1, 2, ...,
    /// and no more than the index was made for.
    pub fn add(&mut self, tokens: DocTokens) {
        let (doc, docs) = (self.added, self.docs);
        if doc >= docs {
            return;
        }
        self.added += 1;
        for packed in tokens.cjk {
            let next = self.lists.len() as u32;
            let id = *self.cjk.entry(packed >> 1).or_insert(next);
            self.list(id).push(doc, packed & 1 == 1, docs);
        }
        for (word, in_title) in tokens.words {
            let next = self.lists.len() as u32;
            let id = *self.words.entry(word).or_insert(next);
            self.list(id).push(doc, in_title, docs);
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
            ..
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
            let count = list.count;
            let (kind, bytes) = list.encode(docs);
            entry.clear();
            put_varint(&mut entry, token.len() as u64);
            entry.extend_from_slice(token.as_bytes());
            put_varint(&mut entry, u64::from(count));
            put_varint(&mut entry, u64::from(kind));
            put_varint(&mut entry, bytes.len() as u64);
            entry.extend_from_slice(&bytes);
            stats.postings += u64::from(count);
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

/// Decodes a shard of an index of `docs` documents; the inverse of
/// [`IndexBuilder::finish`], for tests. `None` when the bytes do not fit.
pub fn decode(bytes: &[u8], docs: u32) -> Option<Vec<Entry>> {
    let mut out = Vec::new();
    let mut pos = 0;
    let int =
        |pos: &mut usize| postings::get_varint(bytes, pos).and_then(|v| usize::try_from(v).ok());
    while pos < bytes.len() {
        let len = int(&mut pos)?;
        let token = std::str::from_utf8(bytes.get(pos..pos.checked_add(len)?)?).ok()?;
        pos += len;
        let count = int(&mut pos)?;
        let kind = u8::try_from(int(&mut pos)?).ok()?;
        let byte_len = int(&mut pos)?;
        let list = bytes.get(pos..pos.checked_add(byte_len)?)?;
        pos += byte_len;
        let postings = postings::decode(kind, list, count, docs)?;
        out.push((token.to_string(), postings));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(docs: &[(&str, &str)], target: usize) -> (Vec<Shard>, Stats) {
        let mut ix = IndexBuilder::new(docs.len() as u32);
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

    fn all_entries(shards: &[Shard], docs: u32) -> Vec<Entry> {
        shards
            .iter()
            .flat_map(|s| decode(&s.bytes, docs).unwrap_or_default())
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
        let entries = all_entries(&shards, 3);
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
        let tokens: Vec<String> = all_entries(&shards, 1).into_iter().map(|e| e.0).collect();
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
            let entries = decode(&s.bytes, 300).unwrap_or_default();
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
        let total: usize = all_entries(&shards, 300).iter().map(|e| e.1.len()).sum();
        assert_eq!(total as u64, stats.postings);
        let entries = all_entries(&shards, 300);
        let get = |t: &str| entries.iter().find(|e| e.0 == t).map(|e| e.1.clone());
        // In every document: written as a bitmap, read back the same.
        assert_eq!(get("台风").map(|p| p.len()), Some(300));
        assert_eq!(get("记录").map(|p| p.iter().all(|x| x.1)), Some(true));
        assert_eq!(get("word7"), Some(vec![(7, false)]));
    }

    #[test]
    fn unigram_keys_spread_over_buckets() {
        use std::hash::BuildHasher;
        let hasher = BuildHasherDefault::<KeyHasher>::default();
        let buckets: std::collections::HashSet<u64> = ('一'..='龥')
            .take(4096)
            .filter_map(|c| Token::One(c).cjk_key())
            .map(|k| hasher.hash_one(k) & 4095)
            .collect();
        // Without the rotation in `finish` they all fell into one.
        assert!(buckets.len() > 1024, "{} buckets of 4096", buckets.len());
    }

    #[test]
    fn truncated_shards_do_not_decode() {
        let (shards, _) = build(&[("台风", "党员")], 1 << 20);
        let bytes = &shards[0].bytes;
        assert!(decode(bytes, 1).is_some());
        assert!(decode(&bytes[..bytes.len() - 1], 1).is_none());
        assert!(decode(&[5, b'a'], 1).is_none());
    }
}
