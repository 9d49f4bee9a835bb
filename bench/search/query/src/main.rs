//! `search-bench-query DIST QUERIES` — runs each query of the file QUERIES
//! (one a line) against the search index in DIST the way the reader does and
//! prints, per query, a tab-separated line:
//!
//! ```text
//! query  results  micros  file,file,…
//! ```
//!
//! `files` are what the reader downloads (relative to DIST): the manifest, the
//! shards of the query words (stem and word form), the document chunks of the
//! top 10 results and the texts of the top 5. `micros`: parsing those shards
//! and scoring (native, files already read), a lower bound for the reader.
//!
//! Scoring: a word scores stem weight + exact word-form weight per document;
//! the last word also matches as a prefix (terms, and longer word forms with
//! their stem's weight), best match per document and word; AND across words.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::time::Instant;

use blog_bundle::search::{
    DOCS_PER_CHUNK, SearchShard, docs_path, shard_key, shard_path, text_path,
};
use blog_bundle::{MANIFEST_PATH, Manifest, text};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dist = Path::new(&args[1]);
    let queries = std::fs::read_to_string(&args[2]).expect("queries");
    let manifest: Manifest =
        serde_json::from_slice(&std::fs::read(dist.join(MANIFEST_PATH)).expect("manifest"))
            .expect("manifest");
    let b = manifest.build_id;
    for q in queries.lines().filter(|l| !l.trim().is_empty()) {
        let words: Vec<String> = text::tokens(q)
            .filter(|t| t.chars().nth(1).is_some() && !text::is_stop_word(t))
            .collect();
        let mut files: BTreeSet<String> = BTreeSet::from([MANIFEST_PATH.to_owned()]);
        let mut raw: HashMap<String, Vec<u8>> = HashMap::new();
        for w in &words {
            for key in [shard_key(&text::stem(w)), shard_key(w)] {
                let path = shard_path(&b, &key);
                if let Ok(bytes) = std::fs::read(dist.join(&path)) {
                    files.insert(path);
                    raw.insert(key, bytes);
                }
            }
        }
        let started = Instant::now();
        let shards: HashMap<String, SearchShard> = raw
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::from_slice(v).expect("shard")))
            .collect();
        let term = |t: &str| {
            shards
                .get(&shard_key(t))
                .and_then(|s| s.terms.get(t))
                .map(Vec::as_slice)
                .unwrap_or(&[])
        };
        let word = |t: &str| {
            shards
                .get(&shard_key(t))
                .and_then(|s| s.words.get(t))
                .map(Vec::as_slice)
                .unwrap_or(&[])
        };
        let mut total: Option<HashMap<u32, u64>> = None;
        for (i, w) in words.iter().enumerate() {
            let mut best: HashMap<u32, u64> = HashMap::new();
            let mut exact: HashMap<u32, u64> = HashMap::new();
            for &(d, x) in term(&text::stem(w)).iter().chain(word(w)) {
                *exact.entry(d).or_default() += x as u64;
            }
            let mut offer = |d: u32, s: u64| {
                let e = best.entry(d).or_default();
                *e = (*e).max(s);
            };
            for (d, s) in exact {
                offer(d, s);
            }
            if i + 1 == words.len() {
                if let Some(shard) = shards.get(&shard_key(w)) {
                    for (t, postings) in shard.terms.range(w.clone()..) {
                        if !t.starts_with(w.as_str()) {
                            break;
                        }
                        for &(d, x) in postings {
                            offer(d, x as u64);
                        }
                    }
                    for (form, postings) in shard.words.range(w.clone()..) {
                        if !form.starts_with(w.as_str()) {
                            break;
                        }
                        if form == w {
                            continue;
                        }
                        let stem: HashMap<u32, u32> =
                            term(&text::stem(form)).iter().copied().collect();
                        for &(d, _) in postings {
                            offer(d, stem.get(&d).copied().unwrap_or(1) as u64);
                        }
                    }
                }
            }
            total = Some(match total {
                None => best,
                Some(prev) => prev
                    .into_iter()
                    .filter_map(|(d, s)| best.get(&d).map(|x| (d, s + x)))
                    .collect(),
            });
        }
        let mut ranked: Vec<(u32, u64)> = total.unwrap_or_default().into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let micros = started.elapsed().as_micros();
        for (rank, &(d, _)) in ranked.iter().take(10).enumerate() {
            files.insert(docs_path(&b, d / DOCS_PER_CHUNK));
            if rank < 5 {
                files.insert(text_path(&b, d));
            }
        }
        let files: Vec<String> = files.into_iter().collect();
        println!("{q}\t{}\t{micros}\t{}", ranked.len(), files.join(","));
    }
}
