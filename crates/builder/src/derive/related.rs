//! Related posts: for every post, the `count` posts most worth reading next.
//!
//! The score of a candidate `b` for a post `a` is
//!
//! ```text
//! tag_weight     × Σ_{shared tags} idf(t) / √(Σ_a idf · Σ_b idf)     (0..1, rare tags count most)
//! + text_weight  × cosine of the TF-IDF vectors of the two texts      (0..1)
//! + recency_weight × exp(-|Δdays| / 365)                              (0..1)
//! ```
//!
//! with `idf(t) = ln(N / df(t))`, texts being title + description + body reduced
//! to stemmed content words ([`blog_bundle::text::terms`]) and TF `1 + ln(count)`.
//!
//! No pair of posts is compared unless they share something: an inverted index
//! over every post's tags and its [`TOP_TERMS`] heaviest terms yields the
//! candidates, terms or tags carried by more than [`MAX_DF_FRACTION`] of the
//! posts are left out of it (they say nothing), and at most [`POSTINGS_WINDOW`]
//! postings of one term — those nearest in time — are read per post. The work is
//! thus O(N · (TOP_TERMS + tags) · POSTINGS_WINDOW); the best [`RESCORE`] ×
//! `count` candidates by that index's partial dot product are then rescored
//! with the full vectors. Posts with fewer candidates than `count` are topped up
//! with the posts nearest in time, so no post of a site with two or more posts
//! has an empty list. Ties go to the newer post, then to the smaller slug, and
//! no hash map's order reaches the output: builds are reproducible.

use std::collections::HashMap;
use std::path::Path;

use blog_bundle::{RelatedPost, Tag, blocks_text, text};
use rayon::prelude::*;

use crate::BuiltPost;
use crate::diagnostics::Diagnostic;

/// Terms of each post that go into the inverted index.
pub const TOP_TERMS: usize = 24;
/// Terms and tags of more than this fraction of the posts (and of more than
/// [`MIN_DF_CAP`] posts) generate no candidates.
pub const MAX_DF_FRACTION: f64 = 0.5;
/// See [`MAX_DF_FRACTION`]: small sites keep every term.
pub const MIN_DF_CAP: usize = 50;
/// Postings of one term or tag read for one post at most (those nearest in time).
pub const POSTINGS_WINDOW: usize = 512;
/// Candidates rescored with the full vectors, per related post wanted.
pub const RESCORE: usize = 8;

/// `[related]` in site.toml.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Related posts per post.
    pub count: usize,
    pub tag_weight: f64,
    pub text_weight: f64,
    pub recency_weight: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            count: 4,
            tag_weight: 1.0,
            text_weight: 2.0,
            recency_weight: 0.1,
        }
    }
}

/// Keys of the `[related]` table.
pub const KNOWN_KEYS: [&str; 4] = ["count", "tag_weight", "text_weight", "recency_weight"];
/// Largest `count` accepted.
pub const MAX_COUNT: usize = 50;

/// Reads the `[related]` table of site.toml (`text`, already known to be valid
/// TOML: [`crate::config`] reports syntax errors). `None` after an error.
pub fn parse_settings(text: &str, file: &Path, diags: &mut Vec<Diagnostic>) -> Option<Settings> {
    let mut settings = Settings::default();
    let Ok(table) = toml::from_str::<toml::Table>(text) else {
        return Some(settings);
    };
    let header = text
        .lines()
        .position(|l| l.trim().trim_start_matches('[').starts_with("related"))
        .map(|i| i + 1);
    let line_of = |key: &str| {
        let from = header.unwrap_or(0);
        text.lines()
            .enumerate()
            .skip(from)
            .find(|(_, l)| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map(|(i, _)| i + 1)
            .or(header)
    };
    let at = |d: Diagnostic, line: Option<usize>| match line {
        Some(l) => d.line(l),
        None => d,
    };
    let related = match table.get("related") {
        None => return Some(settings),
        Some(toml::Value::Table(t)) => t,
        Some(other) => {
            diags.push(
                at(
                    Diagnostic::error(
                        file,
                        format!("`related` must be a table, found {}", other.type_str()),
                    ),
                    header,
                )
                .help("write it as a section:\n    [related]\n    count = 4"),
            );
            return None;
        }
    };
    let before = diags.iter().filter(|d| d.is_error()).count();
    for (key, value) in related {
        let line = line_of(key);
        match key.as_str() {
            "count" => match value {
                toml::Value::Integer(n) if (1..=MAX_COUNT as i64).contains(n) => {
                    settings.count = *n as usize
                }
                other => diags.push(
                    at(
                        Diagnostic::error(
                            file,
                            format!("`related.count` must be a whole number from 1 to {MAX_COUNT}, found {other}"),
                        ),
                        line,
                    )
                    .help("write e.g. count = 4"),
                ),
            },
            "tag_weight" | "text_weight" | "recency_weight" => {
                let n = match value {
                    toml::Value::Integer(n) => Some(*n as f64),
                    toml::Value::Float(f) => Some(*f),
                    _ => None,
                };
                match n {
                    Some(n) if n.is_finite() && n >= 0.0 => match key.as_str() {
                        "tag_weight" => settings.tag_weight = n,
                        "text_weight" => settings.text_weight = n,
                        _ => settings.recency_weight = n,
                    },
                    _ => diags.push(
                        at(
                            Diagnostic::error(
                                file,
                                format!("`related.{key}` must be a number ≥ 0, found {value}"),
                            ),
                            line,
                        )
                        .help(format!("write e.g. {key} = 1.0")),
                    ),
                }
            }
            _ => diags.push(
                at(
                    Diagnostic::warning(file, format!("unknown key `related.{key}` is ignored")),
                    line,
                )
                .help(format!(
                    "the known keys of [related] are: {}",
                    KNOWN_KEYS.join(", ")
                )),
            ),
        }
    }
    (diags.iter().filter(|d| d.is_error()).count() == before).then_some(settings)
}

/// One post as the scorer sees it.
#[derive(Clone, Debug)]
pub struct Doc<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub date: &'a str,
    /// Seconds since the epoch.
    pub timestamp: i64,
    pub tags: &'a [Tag],
    pub text: DocText<'a>,
}

/// What a post says, written out as plain text only while its terms are
/// counted, one post at a time: a 10,000-post blog's text is 45 MB, which
/// would otherwise all be held at once.
#[derive(Clone, Debug)]
pub enum DocText<'a> {
    /// A post's title, description, headline and body.
    Post(&'a blog_bundle::Post),
    Plain(String),
}

impl DocText<'_> {
    /// The text into `out`. What a post is about shows most in its title,
    /// description and headline: they count three, two and two times its
    /// body's words.
    fn write(&self, out: &mut String) {
        let post = match self {
            DocText::Plain(text) => return out.push_str(text),
            DocText::Post(post) => post,
        };
        let s = &post.summary;
        for (part, times) in [
            (Some(&s.title), 3),
            (Some(&s.description), 2),
            (post.headline.as_ref(), 2),
        ] {
            for _ in 0..times {
                if let Some(part) = part {
                    out.push_str(part);
                    out.push(' ');
                }
            }
        }
        blocks_text(&post.body, out);
    }
}

impl<'a> Doc<'a> {
    pub fn of(p: &'a BuiltPost) -> Self {
        let s = &p.post.summary;
        Doc {
            slug: &s.path,
            title: &s.title,
            date: &s.date,
            timestamp: p.timestamp,
            tags: &s.tags,
            text: DocText::Post(&p.post),
        }
    }
}

/// Fills `related` of every post (`posts` newest first, as [`crate::compile`] sorts them).
pub fn relate_posts(posts: &mut [BuiltPost], settings: &Settings) {
    let lists = {
        let docs: Vec<Doc> = posts.iter().map(Doc::of).collect();
        relate(&docs, settings)
    };
    for (p, list) in posts.iter_mut().zip(lists) {
        p.post.related = list;
    }
}

type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// Term counts of the docs of one thread, with the thread's own stem ids.
struct LocalTerms {
    stems: Vec<String>,
    /// A word as written for each stem (the first one seen), to show readers.
    forms: Vec<String>,
    /// Per doc: (local stem id, count), in order of first occurrence.
    docs: Vec<Vec<(u32, u32)>>,
}

const NOT_A_TERM: u32 = u32::MAX;

fn local_terms(docs: &[Doc]) -> LocalTerms {
    let mut memo: FxMap<String, u32> = FxMap::default();
    let mut stem_ids: FxMap<String, u32> = FxMap::default();
    let mut stems: Vec<String> = Vec::new();
    let mut forms: Vec<String> = Vec::new();
    let mut counter: Vec<u32> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    let mut lookup = |token: &str, stems: &mut Vec<String>, forms: &mut Vec<String>| -> u32 {
        if let Some(&id) = memo.get(token) {
            return id;
        }
        let id = if text::is_content_word(token) {
            let stem = text::stem(token);
            match stem_ids.get(&stem) {
                Some(&id) => id,
                None => {
                    let id = stems.len() as u32;
                    stems.push(stem.clone());
                    forms.push(token.to_owned());
                    stem_ids.insert(stem, id);
                    id
                }
            }
        } else {
            NOT_A_TERM
        };
        memo.insert(token.to_owned(), id);
        id
    };
    let mut text = String::new();
    let docs = docs
        .iter()
        .map(|d| {
            text.clear();
            d.text.write(&mut text);
            for w in text::words(&text) {
                let id = if text::needs_normalising(w) {
                    lookup(&text::normalise(w), &mut stems, &mut forms)
                } else {
                    lookup(w, &mut stems, &mut forms)
                };
                if id == NOT_A_TERM {
                    continue;
                }
                let i = id as usize;
                if i >= counter.len() {
                    counter.resize(i + 1, 0);
                }
                if counter[i] == 0 {
                    touched.push(id);
                }
                counter[i] += 1;
            }
            touched
                .drain(..)
                .map(|id| (id, std::mem::take(&mut counter[id as usize])))
                .collect()
        })
        .collect();
    LocalTerms { stems, forms, docs }
}

/// Up to `window` items of `list` (sorted by post index) nearest to post `me`.
fn window<T>(list: &[T], me: usize, index: impl Fn(&T) -> usize, window: usize) -> &[T] {
    if list.len() <= window {
        return list;
    }
    let pos = list.partition_point(|t| index(t) < me);
    let start = pos.saturating_sub(window / 2).min(list.len() - window);
    &list[start..start + window]
}

fn recency(a: i64, b: i64) -> f64 {
    let days = (a - b).unsigned_abs() as f64 / 86_400.0;
    (-days / 365.0).exp()
}

/// The `k` terms that add most to the dot product of two sorted vectors,
/// heaviest first (ties: smaller id).
fn top_shared(a: &[(u32, f32)], b: &[(u32, f32)], k: usize) -> Vec<u32> {
    let mut shared = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared.push((a[i].0, a[i].1 * b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    shared.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    shared.into_iter().take(k).map(|(id, _)| id).collect()
}

fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 as f64 * b[j].1 as f64;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// The related posts of every doc (`docs` sorted newest first, then by slug).
pub fn relate(docs: &[Doc], settings: &Settings) -> Vec<Vec<RelatedPost>> {
    let related = Related::prepare(docs, settings);
    let n = docs.len();
    let lists = (0..n)
        .into_par_iter()
        .with_min_len(n.div_ceil(rayon::current_num_threads() * 4).max(64))
        .map_init(|| related.buffers(), |buffers, a| related.list(a, buffers))
        .collect();
    crate::report_timing("related: scoring", related.prepared);
    lists
}

/// What scoring reads, computed once for all posts ([`Related::prepare`]);
/// then any post's list on its own ([`Related::of`]), which is how
/// `blog-builder serve` computes only the lists of the pages it is asked for.
/// It owns its data, so a server can keep it next to the site it came from.
pub struct Related {
    n: usize,
    max_df: usize,
    count: usize,
    settings: Settings,
    /// Per post: path, title, date, seconds since the epoch, tags.
    posts: Vec<(String, String, String, i64, Vec<Tag>)>,
    /// One written form per stem id.
    forms: Vec<String>,
    /// Unit TF-IDF vectors, sorted by stem id.
    vectors: Vec<Vec<(u32, f32)>>,
    /// Per stem id: (post, weight) of the posts it is a top term of.
    postings: Vec<Vec<(u32, f32)>>,
    top_terms: Vec<Vec<(u32, f32)>>,
    tag_ids: HashMap<String, u32>,
    tag_df: Vec<u32>,
    tag_idf: Vec<f64>,
    tag_postings: Vec<Vec<u32>>,
    tag_mass: Vec<f64>,
    doc_tags: Vec<Vec<u32>>,
    /// When preparing ended (for the timing of scoring).
    prepared: std::time::Instant,
}

/// Scratch space of one scoring thread: per candidate the partial text dot
/// product and the idf of the indexed shared tags, the post that last touched
/// each slot, and the slots touched.
pub struct Buffers {
    acc: Vec<(f32, f32)>,
    seen: Vec<u32>,
    touched: Vec<usize>,
}

impl Related {
    pub fn prepare(docs: &[Doc], settings: &Settings) -> Self {
        let n = docs.len();
        let max_df = ((n as f64 * MAX_DF_FRACTION) as usize).max(MIN_DF_CAP);
        let mut phase = std::time::Instant::now();
        let mut lap = |name: &str| {
            crate::report_timing(name, phase);
            phase = std::time::Instant::now();
        };

        // 1. Stemmed terms of every text, in parallel.
        let per_thread = n.div_ceil(rayon::current_num_threads()).max(64);
        let locals: Vec<LocalTerms> = docs.par_chunks(per_thread).map(local_terms).collect();
        lap("related: stemming");

        // 2. Global ids in the order of the stems themselves, so that nothing
        //    depends on how the docs were split between threads.
        let mut vocabulary: Vec<&str> = locals
            .iter()
            .flat_map(|l| l.stems.iter().map(String::as_str))
            .collect();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        // One written form per stem: the smallest, so it does not depend on threads.
        let mut forms: Vec<String> = vec![String::new(); vocabulary.len()];
        let mut df: Vec<u32> = vec![0; vocabulary.len()];
        let mut doc_terms: Vec<Vec<(u32, u32)>> = Vec::with_capacity(n);
        for local in &locals {
            let to_global: Vec<u32> = local
                .stems
                .iter()
                .map(|s| {
                    vocabulary
                        .binary_search(&s.as_str())
                        .expect("in the vocabulary") as u32
                })
                .collect();
            for (i, form) in local.forms.iter().enumerate() {
                let slot = &mut forms[to_global[i] as usize];
                if slot.is_empty() || form < slot {
                    *slot = form.clone();
                }
            }
            for terms in &local.docs {
                let mut v: Vec<(u32, u32)> = terms
                    .iter()
                    .map(|&(id, c)| (to_global[id as usize], c))
                    .collect();
                v.sort_unstable();
                for &(id, _) in &v {
                    df[id as usize] += 1;
                }
                doc_terms.push(v);
            }
        }
        drop(vocabulary);
        drop(locals);
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| (n as f64 / d as f64).ln() as f32)
            .collect();

        // 3. Unit TF-IDF vectors (terms of one post only are left out: they match nothing,
        //    but count in the norm) and each post's heaviest indexable terms.
        let vectors: Vec<Vec<(u32, f32)>> = doc_terms
            .iter()
            .map(|terms| {
                let weighted: Vec<(u32, f32)> = terms
                    .iter()
                    .map(|&(id, c)| (id, (1.0 + (c as f32).ln()) * idf[id as usize]))
                    .collect();
                let norm = weighted
                    .iter()
                    .map(|&(_, w)| w as f64 * w as f64)
                    .sum::<f64>()
                    .sqrt();
                if norm == 0.0 {
                    return Vec::new();
                }
                weighted
                    .into_iter()
                    .filter(|&(id, w)| df[id as usize] >= 2 && w > 0.0)
                    .map(|(id, w)| (id, (w as f64 / norm) as f32))
                    .collect()
            })
            .collect();
        drop(doc_terms);
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); df.len()];
        let mut top_terms: Vec<Vec<(u32, f32)>> = Vec::with_capacity(n);
        for (i, v) in vectors.iter().enumerate() {
            let mut top: Vec<(u32, f32)> = v
                .iter()
                .copied()
                .filter(|&(id, _)| df[id as usize] as usize <= max_df)
                .collect();
            top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            top.truncate(TOP_TERMS);
            for &(id, w) in &top {
                postings[id as usize].push((i as u32, w));
            }
            top_terms.push(top);
        }

        // 4. Tags: ids by slug, rarity, postings.
        let mut tag_ids: HashMap<String, u32> = HashMap::new();
        let mut tag_df: Vec<u32> = Vec::new();
        let doc_tags: Vec<Vec<u32>> = docs
            .iter()
            .map(|d| {
                let mut v: Vec<u32> = d
                    .tags
                    .iter()
                    .map(|t| {
                        let next = tag_ids.len() as u32;
                        let id = *tag_ids.entry(t.slug.clone()).or_insert(next);
                        if id == next {
                            tag_df.push(0);
                        }
                        id
                    })
                    .collect();
                v.sort_unstable();
                v.dedup();
                for &id in &v {
                    tag_df[id as usize] += 1;
                }
                v
            })
            .collect();
        let tag_idf: Vec<f64> = tag_df.iter().map(|&d| (n as f64 / d as f64).ln()).collect();
        let mut tag_postings: Vec<Vec<u32>> = vec![Vec::new(); tag_df.len()];
        for (i, tags) in doc_tags.iter().enumerate() {
            for &t in tags {
                tag_postings[t as usize].push(i as u32);
            }
        }
        let tag_mass: Vec<f64> = doc_tags
            .iter()
            .map(|tags| tags.iter().map(|&t| tag_idf[t as usize]).sum())
            .collect();
        lap("related: vectors and index");
        Related {
            n,
            max_df,
            count: settings.count.min(n.saturating_sub(1)),
            settings: settings.clone(),
            posts: docs
                .iter()
                .map(|d| {
                    let (slug, title, date) =
                        (d.slug.to_owned(), d.title.to_owned(), d.date.to_owned());
                    (slug, title, date, d.timestamp, d.tags.to_vec())
                })
                .collect(),
            forms,
            vectors,
            postings,
            top_terms,
            tag_ids,
            tag_df,
            tag_idf,
            tag_postings,
            tag_mass,
            doc_tags,
            prepared: std::time::Instant::now(),
        }
    }

    /// Scratch space for [`Related::list`].
    pub fn buffers(&self) -> Buffers {
        Buffers {
            acc: vec![(0.0, 0.0); self.n],
            seen: vec![u32::MAX; self.n],
            touched: Vec::new(),
        }
    }

    /// The related posts of post `a` (its index in the docs prepared).
    pub fn of(&self, a: usize) -> Vec<RelatedPost> {
        self.list(a, &mut self.buffers())
    }

    fn tag_score(&self, a: usize, b: usize) -> f64 {
        let denom = (self.tag_mass[a] * self.tag_mass[b]).sqrt();
        if denom <= 0.0 {
            return 0.0;
        }
        let (ta, tb) = (&self.doc_tags[a], &self.doc_tags[b]);
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < ta.len() && j < tb.len() {
            match ta[i].cmp(&tb[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += self.tag_idf[ta[i] as usize];
                    i += 1;
                    j += 1;
                }
            }
        }
        sum / denom
    }

    /// 5. Candidates and scores of post `a`, on its own, so that the result
    ///    depends neither on the number of threads nor on which posts are scored.
    fn chosen(&self, a: usize, buffers: &mut Buffers) -> Vec<(usize, f64)> {
        let (n, count) = (self.n, self.count);
        if n < 2 {
            return Vec::new();
        }
        let Settings {
            tag_weight,
            text_weight,
            recency_weight,
            ..
        } = self.settings;
        let Buffers { acc, seen, touched } = buffers;
        touched.clear();
        let stamp = a as u32;
        let mut touch = |b: usize, text: f32, tag: f32, touched: &mut Vec<usize>| {
            if b == a {
                return;
            }
            if seen[b] != stamp {
                seen[b] = stamp;
                acc[b] = (0.0, 0.0);
                touched.push(b);
            }
            acc[b].0 += text;
            acc[b].1 += tag;
        };
        for &(id, wa) in &self.top_terms[a] {
            let list = &self.postings[id as usize];
            for &(b, wb) in window(list, a, |p| p.0 as usize, POSTINGS_WINDOW) {
                touch(b as usize, wa * wb, 0.0, touched);
            }
        }
        for &t in &self.doc_tags[a] {
            let list = &self.tag_postings[t as usize];
            if list.len() < 2 || list.len() > self.max_df {
                continue;
            }
            let idf = self.tag_idf[t as usize] as f32;
            for &b in window(list, a, |&p| p as usize, POSTINGS_WINDOW) {
                touch(b as usize, 0.0, idf, touched);
            }
        }
        let order = |x: &(usize, f64), y: &(usize, f64)| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0));
        // Partial scores (text over the indexed terms only), then the best
        // few rescored with the full vectors.
        let tag_mass = &self.tag_mass;
        let mut cands: Vec<(usize, f64)> = touched
            .iter()
            .map(|&b| {
                let (text, tag) = acc[b];
                let denom = (tag_mass[a] * tag_mass[b]).sqrt();
                let tag = if denom > 0.0 { tag as f64 / denom } else { 0.0 };
                (b, tag_weight * tag + text_weight * text as f64)
            })
            .collect();
        let keep = (count * RESCORE).max(32);
        if cands.len() > keep {
            cands.select_nth_unstable_by(keep - 1, order);
            cands.truncate(keep);
        }
        let time = |i: usize| self.posts[i].3;
        for c in &mut cands {
            let b = c.0;
            c.1 = tag_weight * self.tag_score(a, b)
                + text_weight * dot(&self.vectors[a], &self.vectors[b])
                + recency_weight * recency(time(a), time(b));
        }
        cands.sort_by(order);
        cands.truncate(count);
        if cands.len() < count {
            // Top up with the posts nearest in time (newer first on a tie).
            let mut near: Vec<(i64, usize)> = (a.saturating_sub(count + 1)..(a + count + 2).min(n))
                .filter(|&b| b != a && !cands.iter().any(|c| c.0 == b))
                .map(|b| ((time(a) - time(b)).abs(), b))
                .collect();
            near.sort_unstable();
            let missing = count - cands.len();
            cands.extend(near.into_iter().take(missing).map(|(_, b)| (b, 0.0)));
        }
        cands
    }

    /// 6. The list of post `a`, with the shared tags rarest first.
    pub fn list(&self, a: usize, buffers: &mut Buffers) -> Vec<RelatedPost> {
        let tag_df = |t: &Tag| {
            self.tag_ids
                .get(t.slug.as_str())
                .map(|&i| self.tag_df[i as usize] as usize)
        };
        // A tag many posts carry says little: it is no reason to show.
        let informative = |t: &Tag| tag_df(t).is_some_and(|df| df * 5 <= self.n || df <= 3);
        let tags_of = |i: usize| &self.posts[i].4;
        self.chosen(a, buffers)
            .into_iter()
            .map(|(b, _)| {
                let mut shared: Vec<&Tag> = tags_of(a)
                    .iter()
                    .filter(|t| informative(t) && tags_of(b).iter().any(|u| u.slug == t.slug))
                    .collect();
                shared.sort_by(|x, y| {
                    let df = |t: &Tag| tag_df(t).unwrap_or(0);
                    df(x).cmp(&df(y)).then(x.slug.cmp(&y.slug))
                });
                shared.dedup_by(|x, y| x.slug == y.slug);
                let (path, title, date, _, _) = &self.posts[b];
                RelatedPost {
                    path: path.clone(),
                    title: title.clone(),
                    date: date.clone(),
                    shared_tags: shared.into_iter().cloned().collect(),
                    shared_words: top_shared(&self.vectors[a], &self.vectors[b], 3)
                        .into_iter()
                        .map(|id| self.forms[id as usize].clone())
                        .collect(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(name: &str) -> Tag {
        Tag {
            slug: crate::derive::tags::transliterate_slug(name),
            name: name.to_owned(),
        }
    }

    struct Post {
        slug: String,
        date: String,
        timestamp: i64,
        tags: Vec<Tag>,
        text: String,
    }

    /// Posts one day apart, the first the newest.
    fn posts(specs: &[(&str, &[&str], &str)]) -> Vec<Post> {
        specs
            .iter()
            .enumerate()
            .map(|(i, (slug, tags, text))| {
                let day = 20_000 - i as i64;
                Post {
                    slug: slug.to_string(),
                    date: crate::dates::ymd_of_days(day),
                    timestamp: day * 86_400,
                    tags: tags.iter().map(|t| tag(t)).collect(),
                    text: text.to_string(),
                }
            })
            .collect()
    }

    fn docs(p: &[Post]) -> Vec<Doc<'_>> {
        p.iter()
            .map(|p| Doc {
                slug: &p.slug,
                title: &p.slug,
                date: &p.date,
                timestamp: p.timestamp,
                tags: &p.tags,
                text: DocText::Plain(p.text.clone()),
            })
            .collect()
    }

    #[test]
    fn text_decides_when_tags_are_careless_and_reasons_are_honest() {
        // Two topics, every post tagged "блог" and one of three tags shared
        // across topics; each topic's words are in half the posts (far above
        // the old 10 % cut that left them out of the candidates).
        let sea = "яхта причал капитан парус шкипер палуба волна бухта";
        let food = "ресторан повар десерт соус рецепт ужин бокал блюдо";
        let generic = ["кейсы", "новости", "советы"];
        let specs: Vec<(String, [&str; 2], String)> = (0..24)
            .map(|i| {
                let text = format!(
                    "{} общий текст про жизнь клиентов и сервис каждый день",
                    if i % 2 == 0 { sea } else { food }
                );
                (format!("p{i:02}"), ["блог", generic[i % 3]], text)
            })
            .collect();
        let owned: Vec<(&str, &[&str], &str)> = specs
            .iter()
            .map(|(s, t, x)| (s.as_str(), &t[..], x.as_str()))
            .collect();
        let p = posts(&owned);
        let r = relate(&docs(&p), &Settings::default());
        for (i, list) in r.iter().enumerate() {
            assert_eq!(list.len(), 4);
            for rel in list {
                let j: usize = rel.path[1..].parse().unwrap();
                assert_eq!(i % 2, j % 2, "p{i:02} → {}", rel.path);
                assert!(rel.shared_tags.iter().all(|t| t.name != "блог"), "{rel:?}");
                assert!(!rel.shared_words.is_empty(), "{rel:?}");
                let topic = if i % 2 == 0 { sea } else { food };
                assert!(
                    rel.shared_words.iter().all(|w| topic.contains(w.as_str())),
                    "{rel:?}"
                );
            }
        }
    }

    fn slugs(list: &[RelatedPost]) -> Vec<&str> {
        list.iter().map(|r| r.path.as_str()).collect()
    }

    fn tags_only() -> Settings {
        Settings {
            count: 4,
            tag_weight: 1.0,
            text_weight: 0.0,
            recency_weight: 0.0,
        }
    }

    #[test]
    fn a_rare_shared_tag_beats_a_common_one() {
        // "common" is on most posts; "rare" only on a and rare-b.
        let p = posts(&[
            ("a", &["common", "rare"], ""),
            ("common-b", &["common"], ""),
            ("rare-b", &["rare"], ""),
            ("c", &["common"], ""),
            ("d", &["common"], ""),
            ("e", &["other"], ""),
        ]);
        let r = relate(
            &docs(&p),
            &Settings {
                count: 1,
                ..tags_only()
            },
        );
        assert_eq!(slugs(&r[0]), ["rare-b"]);
        assert_eq!(r[0][0].shared_tags, [tag("rare")]);
        // With both shared, the rare one comes first in shared_tags.
        let p = posts(&[
            ("a", &["common", "rare"], ""),
            ("b", &["common", "rare"], ""),
            ("c", &["common"], ""),
        ]);
        let r = relate(&docs(&p), &tags_only());
        assert_eq!(r[0][0].path, "b");
        assert_eq!(r[0][0].shared_tags, [tag("rare"), tag("common")]);
    }

    #[test]
    fn word_forms_of_a_russian_text_match() {
        let p = posts(&[
            ("a", &[], "Клиенты довольны обслуживанием консьержа"),
            ("noise", &[], "Погода в Петербурге дождливая осенью"),
            ("b", &[], "Клиентов радует обслуживание консьержей"),
            ("noise2", &[], "Яхта стоит у причала летом"),
        ]);
        let s = Settings {
            count: 1,
            recency_weight: 0.0,
            ..Settings::default()
        };
        let r = relate(&docs(&p), &s);
        assert_eq!(slugs(&r[0]), ["b"]);
        assert_eq!(slugs(&r[2]), ["a"]);
    }

    #[test]
    fn never_itself_never_empty_and_older_and_newer_both_count() {
        let p = posts(&[
            ("new", &["x"], "консьерж сервис"),
            ("mid", &["y"], "консьерж сервис"),
            ("old", &["x"], "консьерж сервис"),
            ("alone", &[], "совсем другое"),
        ]);
        let r = relate(&docs(&p), &Settings::default());
        for (i, list) in r.iter().enumerate() {
            assert_eq!(list.len(), 3, "{i}");
            assert!(list.iter().all(|x| x.path != p[i].slug));
        }
        // Shares a tag with an older post and with a newer one.
        assert_eq!(r[2][0].path, "new");
        assert_eq!(r[0][0].path, "old");
    }

    #[test]
    fn posts_without_candidates_fall_back_to_the_nearest_in_time() {
        let p = posts(&[
            ("p0", &[], "альфа"),
            ("p1", &[], "бета"),
            ("p2", &[], "гамма"),
            ("p3", &[], "дельта"),
            ("p4", &[], "эпсилон"),
            ("p5", &[], "дзета"),
        ]);
        let r = relate(
            &docs(&p),
            &Settings {
                count: 2,
                ..Settings::default()
            },
        );
        assert_eq!(slugs(&r[0]), ["p1", "p2"]);
        assert_eq!(slugs(&r[3]), ["p2", "p4"], "newer first on a tie");
        assert!(r.iter().flatten().all(|x| x.shared_tags.is_empty()));
        // A site of one post has nothing to relate.
        assert_eq!(relate(&docs(&p[..1]), &Settings::default()), [vec![]]);
        // A site of two: each the other's.
        let r = relate(&docs(&p[..2]), &Settings::default());
        assert_eq!(slugs(&r[0]), ["p1"]);
        assert_eq!(slugs(&r[1]), ["p0"]);
    }

    #[test]
    fn results_are_deterministic() {
        // Many posts with ties everywhere, run twice (and across thread counts,
        // since each post is scored on its own).
        let words = ["сервис", "консьерж", "яхта", "ресторан", "клиент", "отель"];
        let tags = ["a", "b", "c"];
        let owned: Vec<(String, Vec<&str>, String)> = (0..300)
            .map(|i| {
                (
                    format!("p{i:03}"),
                    vec![tags[i % 3]],
                    format!("{} {}", words[i % 6], words[(i / 6) % 6]),
                )
            })
            .collect();
        let specs: Vec<(&str, &[&str], &str)> = owned
            .iter()
            .map(|(s, t, x)| (s.as_str(), t.as_slice(), x.as_str()))
            .collect();
        let p = posts(&specs);
        let first = relate(&docs(&p), &Settings::default());
        let second = relate(&docs(&p), &Settings::default());
        assert_eq!(first, second);
        assert!(first.iter().all(|l| l.len() == 4));
    }

    #[test]
    fn settings_from_site_toml() {
        let file = Path::new("site.toml");
        let mut d = Vec::new();
        assert_eq!(
            parse_settings("title = \"T\"\n", file, &mut d),
            Some(Settings::default())
        );
        let s = parse_settings(
            "title = \"T\"\n[related]\ncount = 6\ntag_weight = 2\ntext_weight = 0.5\nsimilarity = 1\n",
            file,
            &mut d,
        )
        .unwrap();
        assert_eq!((s.count, s.tag_weight, s.text_weight), (6, 2.0, 0.5));
        assert_eq!(s.recency_weight, Settings::default().recency_weight);
        assert_eq!(d.len(), 1);
        assert!(!d[0].is_error() && d[0].message.contains("related.similarity"));
        assert_eq!(d[0].line, Some(6));
        for bad in [
            "[related]\ncount = 0\n",
            "[related]\ncount = \"4\"\n",
            "[related]\ntag_weight = -1\n",
            "related = 4\n",
        ] {
            let mut d = Vec::new();
            assert!(parse_settings(bad, file, &mut d).is_none(), "{bad}");
            assert!(d[0].is_error() && d[0].line.is_some(), "{bad}: {d:?}");
        }
    }
}
