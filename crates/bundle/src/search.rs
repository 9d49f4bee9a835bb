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
    pub terms: BTreeMap<String, Vec<Posting>>,
    /// Exact word form → postings, best first (an exact form outranks a stem-only match).
    pub words: BTreeMap<String, Vec<Posting>>,
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
    fn keys_and_paths() {
        assert_eq!(shard_key("клиент"), "кл");
        assert_eq!(shard_key("a"), "a");
        assert_eq!(key_file("кл"), "d0bad0bb");
        assert_eq!(shard_path("b", "кл"), "data/b/search/t/d0bad0bb.json");
        assert_eq!(docs_path("b", 3), "data/b/search/d/3.json");
        assert_eq!(keys_path("b"), "data/b/search/keys.json");
    }
}
