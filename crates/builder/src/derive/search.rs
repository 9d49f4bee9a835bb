//! The full-text search index ([`blog_bundle::search`] is the format).
//!
//! Documents are the posts in site order (newest first); a document's number
//! is its index in that order. Every post contributes five fields, each with
//! a boost on the term frequency:
//!
//! | field                                   | boost |
//! |-----------------------------------------|-------|
//! | title                                   | 3     |
//! | keywords and tags                       | 2     |
//! | headings (the headline and h2–h6 text)  | 1.5   |
//! | description (unless it is the body's excerpt) | 1.2 |
//! | body (without the headings)             | 1     |
//!
//! A term is the [`text::stem`] of a [`text::tokens`] token (stop words and
//! one-letter tokens skipped); its weight in a document is BM25
//! (`k1` = [`K1`], `b` = [`B`], field-weighted term frequency, document length
//! = the body's word count; idf floored by [`MIN_IDF_FRACTION`]) scaled by [`scale`] so that a word in the title of
//! a post of average length, a word that ~1 % of the posts contain, weighs
//! about [`TITLE_MATCH`] (1000). Word forms (the tokens themselves) get
//! [`WORD_FACTOR`] × the BM25 weight computed with their own frequencies, a
//! bonus the reader adds to the stem's weight when the query has that exact
//! form. Postings are best first (ties: smaller document number), at most
//! [`MAX_POSTINGS`] per term or word form.
//!
//! Output is deterministic: every map is a `BTreeMap` or sorted, and the
//! floating-point sums follow the text's order.

use std::collections::{BTreeMap, HashMap};

use blog_bundle::search::{
    DOCS_PER_CHUNK, Posting, SearchDoc, SearchDocs, SearchShard, docs_path, shard_key, shard_path,
};
use blog_bundle::{Block, inlines_text, text};

use crate::{BuiltPost, Site};

/// BM25 term-frequency saturation.
pub const K1: f64 = 1.2;
/// BM25 length normalisation.
pub const B: f64 = 0.75;
/// Field boosts.
pub const TITLE_BOOST: f64 = 3.0;
pub const TAGS_BOOST: f64 = 2.0;
pub const HEADINGS_BOOST: f64 = 1.5;
pub const DESCRIPTION_BOOST: f64 = 1.2;
pub const BODY_BOOST: f64 = 1.0;
/// Weight of a one-word title match in a typical post (see [`scale`]).
pub const TITLE_MATCH: f64 = 1000.0;
/// Word-form weight as a fraction of the BM25 weight.
pub const WORD_FACTOR: f64 = 0.3;
/// Postings kept per term or word form (the best ones).
pub const MAX_POSTINGS: usize = 1000;

/// The whole index, in memory.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SearchIndex {
    /// Shard key → shard.
    pub shards: BTreeMap<String, SearchShard>,
    /// Chunk `n` holds documents `n·DOCS_PER_CHUNK …`.
    pub docs: Vec<SearchDocs>,
}

impl SearchIndex {
    /// The postings of a term (a stem), if any.
    pub fn term(&self, term: &str) -> Option<&[Posting]> {
        self.shards
            .get(&shard_key(term))?
            .terms
            .get(term)
            .map(Vec::as_slice)
    }

    /// The postings of an exact word form, if any.
    pub fn word(&self, word: &str) -> Option<&[Posting]> {
        self.shards
            .get(&shard_key(word))?
            .words
            .get(word)
            .map(Vec::as_slice)
    }
}

/// BM25's inverse document frequency of a term in `df` of `n` documents.
pub fn idf(n: usize, df: usize) -> f64 {
    let (n, df) = (n as f64, df as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// BM25's term-frequency part: `tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl))`.
pub fn tf_part(tf: f64, length_ratio: f64) -> f64 {
    tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length_ratio))
}

/// The lowest idf used, as a fraction of the idf of a typical term (one in
/// 1 % of the posts): without it a word most posts contain would weigh 1 in
/// every one of them and lose its ranking by frequency and length.
pub const MIN_IDF_FRACTION: f64 = 0.05;

fn typical_df(n: usize) -> usize {
    ((n as f64 / 100.0).round() as usize).max(1)
}

/// [`idf`] with its floor ([`MIN_IDF_FRACTION`] of a typical term's).
pub fn floored_idf(n: usize, df: usize) -> f64 {
    idf(n, df).max(MIN_IDF_FRACTION * idf(n, typical_df(n)))
}

/// The factor from BM25 to the stored weight for a site of `n` posts: a word
/// once in the title of a post of average length, in 1 % of the posts
/// (at least one), gets [`TITLE_MATCH`].
pub fn scale(n: usize) -> f64 {
    TITLE_MATCH / (tf_part(TITLE_BOOST, 1.0) * idf(n, typical_df(n)))
}

fn weight(x: f64) -> u32 {
    x.round().clamp(1.0, u32::MAX as f64) as u32
}

/// The text of the headings of `blocks` (any depth), one after another.
fn headings_text(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Heading { content, .. } => inlines_text(content, out),
            Block::BlockQuote(inner) => headings_text(inner, out),
            Block::List { items, .. } => {
                for item in items {
                    headings_text(&item.blocks, out);
                }
            }
            Block::Footnotes(notes) => {
                for n in notes {
                    headings_text(&n.blocks, out);
                }
            }
            _ => {}
        }
    }
}

/// The text of `blocks` without their headings (which are a field of their own).
fn text_without_headings(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Heading { .. } => {}
            Block::BlockQuote(inner) => text_without_headings(inner, out),
            Block::List { items, .. } => {
                for item in items {
                    text_without_headings(&item.blocks, out);
                }
            }
            Block::Footnotes(notes) => {
                for n in notes {
                    text_without_headings(&n.blocks, out);
                }
            }
            other => other.plain_text(out),
        }
    }
}

/// A post's fields as plain text, with their boosts, and its body's text.
struct Fields {
    parts: [(String, f64); 5],
}

impl Fields {
    fn of(p: &BuiltPost) -> Self {
        let s = &p.post.summary;
        let mut tags = String::new();
        for t in &s.tags {
            tags.push_str(&t.name);
            tags.push(' ');
        }
        let mut headings = String::new();
        if let Some(h) = &p.post.headline {
            headings.push_str(h);
            headings.push(' ');
        }
        headings_text(&p.post.body, &mut headings);
        let mut body = String::with_capacity(s.word_count as usize * 8);
        text_without_headings(&p.post.body, &mut body);
        // A description the builder made from the body is the body's text:
        // counting it twice would favour the first paragraph.
        let description = if s.description
            == crate::load::markdown::excerpt(&p.post.body, crate::EXCERPT_CHARS)
        {
            String::new()
        } else {
            s.description.clone()
        };
        Fields {
            parts: [
                (s.title.clone(), TITLE_BOOST),
                (tags, TAGS_BOOST),
                (headings, HEADINGS_BOOST),
                (description, DESCRIPTION_BOOST),
                (body, BODY_BOOST),
            ],
        }
    }
}

/// Interned strings.
#[derive(Default)]
struct Vocab {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Vocab {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(s.to_owned(), id);
        self.names.push(s.to_owned());
        id
    }
}

/// Statistics of one kind of key (terms or word forms): postings of
/// (document, field-weighted frequency), documents in order. Frequencies are
/// summed per document in `f64` and kept as `f32`: a 10,000-post blog has
/// five million postings, and this is the largest thing the builder holds.
#[derive(Default)]
struct Postings {
    vocab: Vocab,
    lists: Vec<Vec<(u32, f32)>>,
}

impl Postings {
    fn add_doc(&mut self, doc: u32, tfs: &HashMap<u32, f64>) {
        for (&id, &tf) in tfs {
            let id = id as usize;
            if self.lists.len() <= id {
                self.lists.resize_with(id + 1, Vec::new);
            }
            self.lists[id].push((doc, tf as f32));
        }
    }

    /// Weighted, sorted and capped postings of every key, each key's
    /// statistics dropped as its postings are made.
    fn weighted(
        self,
        n: usize,
        ratios: &[f64],
        factor: f64,
    ) -> impl Iterator<Item = (String, Vec<Posting>)> + '_ {
        let Postings { vocab, lists } = self;
        drop(vocab.ids);
        vocab.names.into_iter().zip(lists).map(move |(name, list)| {
            let idf = floored_idf(n, list.len());
            let mut postings: Vec<Posting> = list
                .iter()
                .map(|&(doc, tf)| {
                    (
                        doc,
                        weight(factor * idf * tf_part(f64::from(tf), ratios[doc as usize])),
                    )
                })
                .collect();
            postings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            postings.truncate(MAX_POSTINGS);
            postings.shrink_to_fit();
            (name, postings)
        })
    }
}

/// Builds the index of `site`'s posts.
pub fn build_index(site: &Site) -> SearchIndex {
    let posts = &site.posts;
    let n = posts.len();
    // token → (word-form id, term id); None for skipped tokens.
    let mut cache: HashMap<String, Option<(u32, u32)>> = HashMap::new();
    let mut terms = Postings::default();
    let mut words = Postings::default();
    let mut term_tf: HashMap<u32, f64> = HashMap::new();
    let mut word_tf: HashMap<u32, f64> = HashMap::new();
    for (doc, p) in posts.iter().enumerate() {
        term_tf.clear();
        word_tf.clear();
        for (field, boost) in &Fields::of(p).parts {
            for raw in text::words(field) {
                let ids = match cache.get(raw) {
                    Some(ids) => *ids,
                    None => {
                        let token = text::normalise(raw);
                        let ids = match cache.get(&token) {
                            Some(ids) => *ids,
                            None => {
                                let ids = (token.chars().nth(1).is_some()
                                    && !text::is_stop_word(&token))
                                .then(|| {
                                    (words.vocab.id(&token), terms.vocab.id(&text::stem(&token)))
                                });
                                cache.insert(token.clone(), ids);
                                ids
                            }
                        };
                        if token != raw {
                            cache.insert(raw.to_owned(), ids);
                        }
                        ids
                    }
                };
                if let Some((w, t)) = ids {
                    *word_tf.entry(w).or_default() += boost;
                    *term_tf.entry(t).or_default() += boost;
                }
            }
        }
        terms.add_doc(doc as u32, &term_tf);
        words.add_doc(doc as u32, &word_tf);
    }

    let total_words: f64 = posts.iter().map(|p| p.post.summary.word_count as f64).sum();
    let avg = if n > 0 { total_words / n as f64 } else { 0.0 };
    let ratios: Vec<f64> = posts
        .iter()
        .map(|p| {
            if avg > 0.0 {
                p.post.summary.word_count as f64 / avg
            } else {
                1.0
            }
        })
        .collect();
    let scale = scale(n);
    let mut shards: BTreeMap<String, SearchShard> = BTreeMap::new();
    let new_shard = || SearchShard {
        build_id: site.build_id.clone(),
        ..SearchShard::default()
    };
    drop(cache);
    for (term, postings) in terms.weighted(n, &ratios, scale) {
        (shards
            .entry(shard_key(&term))
            .or_insert_with(new_shard)
            .terms)
            .insert(term, postings);
    }
    for (word, postings) in words.weighted(n, &ratios, WORD_FACTOR * scale) {
        (shards
            .entry(shard_key(&word))
            .or_insert_with(new_shard)
            .words)
            .insert(word, postings);
    }

    let docs = posts
        .chunks(DOCS_PER_CHUNK as usize)
        .enumerate()
        .map(|(i, chunk)| SearchDocs {
            build_id: site.build_id.clone(),
            first: i as u32 * DOCS_PER_CHUNK,
            docs: chunk
                .iter()
                .map(|p| {
                    let s = &p.post.summary;
                    SearchDoc {
                        path: s.path.clone(),
                        title: s.title.clone(),
                        date: s.date.clone(),
                        description: s.description.clone(),
                    }
                })
                .collect(),
        })
        .collect();
    SearchIndex { shards, docs }
}

fn json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, String> {
    serde_json::to_vec(value).map_err(|e| format!("cannot serialise JSON: {e}"))
}

/// Builds the index and hands every file of it (path relative to the site
/// root, compact JSON) to `write`: the term shards, the keys and the
/// document chunks.
pub fn write_index(
    index: &SearchIndex,
    site: &Site,
    mut write: impl FnMut(&str, &[u8]) -> Result<(), String>,
) -> Result<(), String> {
    for (key, shard) in &index.shards {
        write(&shard_path(&site.build_id, key), &json(shard)?)?;
    }
    let keys = blog_bundle::search::SearchKeys {
        build_id: site.build_id.clone(),
        keys: index.shards.keys().cloned().collect(),
    };
    write(
        &blog_bundle::search::keys_path(&site.build_id),
        &json(&keys)?,
    )?;
    for chunk in &index.docs {
        write(
            &docs_path(&site.build_id, chunk.first / DOCS_PER_CHUNK),
            &json(chunk)?,
        )?;
    }
    Ok(())
}
