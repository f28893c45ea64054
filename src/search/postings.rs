//! Posting lists: which documents hold a token, and whether in their title.
//! A list is written in whichever of three encodings is smallest, because
//! Chinese bigrams are skewed: most are rare (a varint per document is
//! best), a few hundred (党员, 支部, 工作) are in nearly every document (a
//! bitmap is eight times smaller, and so is the browser's download).
//!
//! Encodings (`docs` is the index's document count, `B = ceil(docs / 8)`;
//! bitmaps are little-endian bit order: document `d` is bit `d % 8` of byte
//! `d / 8`; all integers are LEB128 varints):
//!
//! - [`SPARSE`]: per document, `(doc - previous_doc) * 2 + in_title`, where
//!   `previous_doc` starts at 0;
//! - [`DENSE_TITLE_LIST`]: `B` bytes of presence bitmap, then the documents
//!   with the token in their title as deltas `doc - previous_doc`;
//! - [`DENSE_TITLE_BITMAP`]: `B` bytes of presence, `B` bytes of title.

pub const SPARSE: u8 = 0;
pub const DENSE_TITLE_LIST: u8 = 1;
pub const DENSE_TITLE_BITMAP: u8 = 2;

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

fn bitmap_len(docs: u32) -> usize {
    docs.div_ceil(8) as usize
}

fn set_bit(bits: &mut [u8], doc: u32) {
    if let Some(b) = bits.get_mut((doc / 8) as usize) {
        *b |= 1 << (doc % 8);
    }
}

fn has_bit(bits: &[u8], doc: u32) -> bool {
    bits.get((doc / 8) as usize)
        .is_some_and(|b| b & (1 << (doc % 8)) != 0)
}

/// A posting list while the index is built: varints until they would
/// outgrow two bitmaps, then the two bitmaps, so no list takes more memory
/// than either.
#[derive(Debug)]
enum Building {
    Sparse { bytes: Vec<u8>, next: u32 },
    Dense { present: Vec<u8>, title: Vec<u8> },
}

#[derive(Debug)]
pub struct List {
    postings: Building,
    pub count: u32,
}

impl Default for List {
    fn default() -> List {
        List {
            postings: Building::Sparse {
                bytes: Vec::new(),
                next: 0,
            },
            count: 0,
        }
    }
}

impl List {
    /// Adds a document, in ascending order, to an index of `docs` documents.
    pub fn push(&mut self, doc: u32, in_title: bool, docs: u32) {
        self.count += 1;
        match &mut self.postings {
            Building::Sparse { bytes, next } => {
                // Grow by an eighth, not by doubling: the lists are the
                // index, and doubling would leave much of it as slack.
                if bytes.capacity() - bytes.len() < 10 {
                    bytes.reserve_exact((bytes.len() / 8).max(16));
                }
                put_varint(bytes, u64::from(doc - *next) * 2 + u64::from(in_title));
                *next = doc;
                if bytes.len() > 2 * bitmap_len(docs) {
                    self.postings = self.densify(docs);
                }
            }
            Building::Dense { present, title } => {
                set_bit(present, doc);
                if in_title {
                    set_bit(title, doc);
                }
            }
        }
    }

    fn densify(&self, docs: u32) -> Building {
        let mut present = vec![0; bitmap_len(docs)];
        let mut title = vec![0; bitmap_len(docs)];
        for (doc, t) in self.postings() {
            set_bit(&mut present, doc);
            if t {
                set_bit(&mut title, doc);
            }
        }
        Building::Dense { present, title }
    }

    /// The documents, ascending, with their title flag.
    pub fn postings(&self) -> Vec<(u32, bool)> {
        match &self.postings {
            Building::Sparse { bytes, .. } => {
                decode(SPARSE, bytes, self.count as usize, 0).unwrap_or_default()
            }
            Building::Dense { present, title } => (0..(present.len() * 8) as u32)
                .filter(|&d| has_bit(present, d))
                .map(|d| (d, has_bit(title, d)))
                .collect(),
        }
    }

    /// The smallest encoding of the list: its kind and bytes.
    pub fn encode(self, docs: u32) -> (u8, Vec<u8>) {
        let b = bitmap_len(docs);
        if let Building::Sparse { bytes, .. } = &self.postings
            && bytes.len() <= b
        {
            // A bitmap alone would be larger.
            return (SPARSE, bytes.clone());
        }
        let postings = self.postings();
        let mut candidates = Vec::new();
        if let Building::Sparse { bytes, .. } = self.postings {
            candidates.push((SPARSE, bytes));
        }
        let mut present = vec![0; b];
        let mut title_bits = vec![0; b];
        let mut title_list = Vec::new();
        let mut prev = 0;
        for &(doc, t) in &postings {
            set_bit(&mut present, doc);
            if t {
                set_bit(&mut title_bits, doc);
                put_varint(&mut title_list, u64::from(doc - prev));
                prev = doc;
            }
        }
        let mut list = present.clone();
        list.extend_from_slice(&title_list);
        candidates.push((DENSE_TITLE_LIST, list));
        present.extend_from_slice(&title_bits);
        candidates.push((DENSE_TITLE_BITMAP, present));
        // The first of the smallest: ties keep the simpler encoding.
        candidates
            .into_iter()
            .min_by_key(|(kind, bytes)| (bytes.len(), *kind))
            .unwrap_or_default()
    }
}

/// Decodes a list of `count` postings of `kind` in an index of `docs`
/// documents; `None` when the bytes do not fit.
pub fn decode(kind: u8, bytes: &[u8], count: usize, docs: u32) -> Option<Vec<(u32, bool)>> {
    let mut out = Vec::with_capacity(count.min(bytes.len() * 8));
    match kind {
        SPARSE => {
            let mut pos = 0;
            let mut doc = 0u64;
            for _ in 0..count {
                let v = get_varint(bytes, &mut pos)?;
                doc += v >> 1;
                out.push((u32::try_from(doc).ok()?, v & 1 == 1));
            }
            (pos == bytes.len()).then_some(out)
        }
        DENSE_TITLE_LIST | DENSE_TITLE_BITMAP => {
            let b = bitmap_len(docs);
            let present = bytes.get(..b)?;
            let rest = &bytes[b..];
            let mut titles = Vec::new();
            if kind == DENSE_TITLE_BITMAP {
                if rest.len() != b {
                    return None;
                }
            } else {
                let (mut pos, mut doc) = (0, 0u64);
                while pos < rest.len() {
                    doc += get_varint(rest, &mut pos)?;
                    titles.push(u32::try_from(doc).ok()?);
                }
            }
            for d in 0..docs {
                if has_bit(present, d) {
                    let t = if kind == DENSE_TITLE_BITMAP {
                        has_bit(rest, d)
                    } else {
                        titles.binary_search(&d).is_ok()
                    };
                    out.push((d, t));
                }
            }
            (out.len() == count).then_some(out)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(postings: &[(u32, bool)], docs: u32) -> List {
        let mut l = List::default();
        for &(d, t) in postings {
            l.push(d, t, docs);
        }
        l
    }

    fn round_trip(postings: &[(u32, bool)], docs: u32) -> u8 {
        let l = list(postings, docs);
        assert_eq!(l.postings(), postings);
        let count = l.count as usize;
        let (kind, bytes) = l.encode(docs);
        assert_eq!(decode(kind, &bytes, count, docs).as_deref(), Some(postings));
        kind
    }

    #[test]
    fn rare_tokens_stay_sparse() {
        assert_eq!(
            round_trip(&[(0, true), (5, false), (700, true)], 1000),
            SPARSE
        );
        assert_eq!(round_trip(&[], 10), SPARSE);
    }

    #[test]
    fn common_tokens_become_bitmaps() {
        let docs = 1000;
        let few_titles: Vec<(u32, bool)> = (0..docs).map(|d| (d, d % 100 == 0)).collect();
        assert_eq!(round_trip(&few_titles, docs), DENSE_TITLE_LIST);
        let many_titles: Vec<(u32, bool)> = (0..docs).map(|d| (d, d % 2 == 0)).collect();
        assert_eq!(round_trip(&many_titles, docs), DENSE_TITLE_BITMAP);
        // Half the documents, no title: a bitmap still beats a byte each.
        let half: Vec<(u32, bool)> = (0..docs).step_by(2).map(|d| (d, false)).collect();
        assert_eq!(round_trip(&half, docs), DENSE_TITLE_LIST);
        // Odd sizes: the last byte of the bitmap is partial.
        let odd: Vec<(u32, bool)> = (0..13).map(|d| (d, d == 12)).collect();
        round_trip(&odd, 13);
    }

    #[test]
    fn memory_while_building_is_bounded_by_two_bitmaps() {
        let docs = 8000;
        let l = list(&(0..docs).map(|d| (d, false)).collect::<Vec<_>>(), docs);
        assert!(matches!(l.postings, Building::Dense { .. }));
        assert_eq!(l.count, docs);
    }

    #[test]
    fn bad_bytes_do_not_decode() {
        assert_eq!(decode(SPARSE, &[0x80], 1, 10), None);
        assert_eq!(decode(SPARSE, &[2, 2], 1, 10), None, "bytes left over");
        assert_eq!(decode(DENSE_TITLE_BITMAP, &[0xff], 8, 8), None);
        assert_eq!(decode(DENSE_TITLE_LIST, &[0b101], 1, 8), None, "count");
        assert_eq!(decode(9, &[], 0, 0), None);
        assert_eq!(get_varint(&[0xff; 11], &mut 0), None);
    }
}
