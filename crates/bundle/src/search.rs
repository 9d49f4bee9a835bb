//! The full-text search index: sharded by the first two characters of each
//! term, so a query downloads only the shards of its own words, whatever the
//! size of the blog.
//!
//! ```text
//! data/<build>/search/keys.json      SearchKeys   which shard keys exist (fetched once)
//! data/<build>/search/t/<key>.json   SearchShard  terms and word forms starting with <key>
//! data/<build>/search/d/<n>.json     SearchDocs   documents n·DOCS_PER_CHUNK …, for result lists
//! ```
//!
//! Snippets are cut from [`post_text`] of the result's own post shard (the
//! file its article reads), so the index keeps no second copy of every text.
//!
//! Terms are [`crate::text::stem`]s of [`crate::text::tokens`]; word forms are
//! the tokens themselves (lowercase, `ё` folded). Weights already include
//! BM25 and the field boosts (title, keywords, headings, body), so the reader
//! only adds them up.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Documents per [`SearchDocs`] chunk. A query's twenty results fall in up
/// to twenty chunks (documents are in site order, results are not), so
/// chunks are small: at 64 a keystroke could fetch 340 KB of them.
pub const DOCS_PER_CHUNK: u32 = 16;

/// Characters of a term that pick its shard.
pub const KEY_CHARS: usize = 2;

/// The shard key of a term or word form: its first [`KEY_CHARS`] characters.
pub fn shard_key(term: &str) -> String {
    term.chars().take(KEY_CHARS).collect()
}

/// The key as a file name: lowercase hex of its UTF-8 bytes (`кл` → `d0bad0bb`).
pub fn key_file(key: &str) -> String {
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

pub fn shard_path(build_id: &str, key: &str) -> String {
    format!("data/{build_id}/search/t/{}.json", key_file(key))
}

pub fn keys_path(build_id: &str) -> String {
    format!("data/{build_id}/search/keys.json")
}

pub fn docs_path(build_id: &str, chunk: u32) -> String {
    format!("data/{build_id}/search/d/{chunk}.json")
}

/// A posting: document number and its weight for the term (BM25 × field
/// boosts, scaled so that 1000 is a strong title match).
pub type Posting = (u32, u32);

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct SearchShard {
    pub build_id: String,
    /// Stem → postings, best first.
    #[serde(with = "compact")]
    pub terms: BTreeMap<String, Vec<Posting>>,
    /// Exact word form → postings, best first (an exact form outranks a stem-only match).
    #[serde(with = "compact")]
    pub words: BTreeMap<String, Vec<Posting>>,
}

/// Postings in JSON as one string per key: each document number and weight
/// as a LEB128 varint, the bytes in base64 (standard alphabet, no padding).
/// As arrays of number pairs, a 10,000-post blog's shards were 420 KB each
/// and decoding one in the reader (every number a value crossing from
/// JavaScript) took longer than fetching it; as strings they are about half
/// the size and each key's postings cross as one value.
///
/// Written here rather than taken from the `base64` crate: the reader needs
/// only this decoder, and the WebAssembly carries every byte of a crate.
pub mod compact {
    use std::collections::BTreeMap;

    use serde::de::{Error as _, MapAccess, Visitor};
    use serde::{Deserializer, Serializer};

    use super::Posting;

    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    fn push_varint(out: &mut Vec<u8>, mut n: u32) {
        while n >= 0x80 {
            out.push((n as u8 & 0x7f) | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    }

    /// `postings` as base64 of their varints.
    pub fn encode(postings: &[Posting]) -> String {
        let mut bytes = Vec::with_capacity(postings.len() * 4);
        for &(doc, weight) in postings {
            push_varint(&mut bytes, doc);
            push_varint(&mut bytes, weight);
        }
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
            for i in 0..=chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        out
    }

    /// The postings [`encode`] wrote, or `None` for any other text.
    pub fn decode(text: &str) -> Option<Vec<Posting>> {
        if text.len() % 4 == 1 {
            return None;
        }
        let mut bytes = Vec::with_capacity(text.len() * 3 / 4);
        let (mut acc, mut bits) = (0u32, 0);
        for c in text.bytes() {
            let v = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                _ => return None,
            };
            acc = acc << 6 | u32::from(v);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                bytes.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        if acc != 0 {
            return None; // bits past the last byte: not what encode writes
        }
        let mut numbers = Vec::with_capacity(bytes.len() / 2);
        let (mut n, mut shift) = (0u32, 0);
        for b in bytes {
            if shift > 28 {
                return None;
            }
            n |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                numbers.push(n);
                (n, shift) = (0, 0);
            } else {
                shift += 7;
            }
        }
        if shift != 0 || numbers.len() % 2 != 0 {
            return None;
        }
        Some(numbers.chunks(2).map(|p| (p[0], p[1])).collect())
    }

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<String, Vec<Posting>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_map(map.iter().map(|(k, v)| (k, encode(v))))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, Vec<Posting>>, D::Error> {
        // A visitor of its own rather than a map of strings converted after:
        // one pass, and less code in the WebAssembly.
        struct Postings;
        impl<'de> Visitor<'de> for Postings {
            type Value = BTreeMap<String, Vec<Posting>>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of compact postings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((key, text)) = map.next_entry::<String, String>()? {
                    let postings =
                        decode(&text).ok_or_else(|| A::Error::custom("damaged postings"))?;
                    out.insert(key, postings);
                }
                Ok(out)
            }
        }
        d.deserialize_map(Postings)
    }
}

/// The keys that have a shard, sorted: the reader asks only for shards that
/// exist (its size is bounded by the alphabet, not by the number of posts).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SearchKeys {
    pub build_id: String,
    pub keys: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SearchDocs {
    pub build_id: String,
    /// Number of the first document of this chunk.
    pub first: u32,
    pub docs: Vec<SearchDoc>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SearchDoc {
    /// See [`crate::PostSummary::path`].
    pub path: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub description: String,
}

/// Characters of a [`post_text`] at most.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// The plain text a reader's snippets are cut from: title, description,
/// headline and body (headings in place), whitespace collapsed, at most
/// [`MAX_TEXT_CHARS`] characters. The builder indexes the same text.
pub fn post_text(post: &crate::Post) -> String {
    let s = &post.summary;
    let mut raw = String::with_capacity(s.word_count as usize * 8);
    for part in [Some(&s.title), Some(&s.description), post.headline.as_ref()]
        .into_iter()
        .flatten()
    {
        raw.push_str(part);
        raw.push(' ');
    }
    crate::blocks_text(&post.body, &mut raw);
    let mut out = String::with_capacity(raw.len().min(MAX_TEXT_CHARS * 2));
    let mut chars = 0;
    for w in raw.split_whitespace() {
        let n = w.chars().count();
        let sep = usize::from(!out.is_empty());
        if chars + sep + n > MAX_TEXT_CHARS {
            if out.is_empty() {
                out.extend(w.chars().take(MAX_TEXT_CHARS));
            }
            break;
        }
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(w);
        chars += sep + n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip_through_their_compact_text() {
        for postings in [
            vec![],
            vec![(0, 0)],
            vec![(0, 1), (127, 128), (16_383, 16_384), (9_999, 1_000)],
            vec![(u32::MAX, u32::MAX), (1, 2), (3, 4)],
            (0..1000).map(|i| (i * 7, 1000 - i)).collect(),
        ] {
            let text = compact::encode(&postings);
            assert!(
                text.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
            );
            assert_eq!(compact::decode(&text), Some(postings), "{text}");
        }
        // Two bytes a number below 16,384: about 5.3 characters a posting.
        assert_eq!(compact::encode(&[(9_999, 1_000)]).len(), 6);
        for damaged in ["A", "AB=", "gA", "////////", "é"] {
            assert_eq!(compact::decode(damaged), None, "{damaged}");
        }
        let shard = SearchShard {
            build_id: "b".into(),
            terms: [("клиент".to_owned(), vec![(3, 900), (1, 20)])].into(),
            words: BTreeMap::new(),
        };
        let json = serde_json::to_string(&shard).unwrap();
        assert_eq!(
            json,
            r#"{"build_id":"b","terms":{"клиент":"A4QHARQ"},"words":{}}"#
        );
        assert_eq!(serde_json::from_str::<SearchShard>(&json).unwrap(), shard);
        assert!(
            serde_json::from_str::<SearchShard>(r#"{"build_id":"b","terms":{"x":"!"},"words":{}}"#)
                .is_err()
        );
    }

    #[test]
    fn keys_and_paths() {
        assert_eq!(shard_key("клиент"), "кл");
        assert_eq!(shard_key("a"), "a");
        assert_eq!(key_file("кл"), "d0bad0bb");
        assert_eq!(shard_path("b", "кл"), "data/b/search/t/d0bad0bb.json");
        assert_eq!(docs_path("b", 3), "data/b/search/d/3.json");
        assert_eq!(keys_path("b"), "data/b/search/keys.json");
    }
}
