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
//! top 20 results (what the reader shows) and the pages of the top 5 posts
//! (snippets are cut from their data). `micros`: parsing those shards and
//! scoring (native, files already read), a lower bound for the reader.
//!
//! Scoring: the reader's own (`blog_bundle::query`).

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::time::Instant;

use blog_bundle::query::{parse_query, rank};
use blog_bundle::search::{
    DOCS_PER_CHUNK, SearchDocs, SearchShard, docs_path, shard_key, shard_path,
};
use blog_bundle::{MANIFEST_PATH, Manifest};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dist = Path::new(&args[1]);
    let queries = std::fs::read_to_string(&args[2]).expect("queries");
    let manifest: Manifest =
        serde_json::from_slice(&std::fs::read(dist.join(MANIFEST_PATH)).expect("manifest"))
            .expect("manifest");
    let b = manifest.build_id;
    for q in queries.lines().filter(|l| !l.trim().is_empty()) {
        // The query as the reader reads it, while typing (the last word a prefix).
        let words = parse_query(q);
        let mut files: BTreeSet<String> = BTreeSet::from([MANIFEST_PATH.to_owned()]);
        let mut raw: HashMap<String, Vec<u8>> = HashMap::new();
        for w in &words {
            for key in [shard_key(&w.stem), shard_key(&w.form)] {
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
        let ranked = rank(&words, |key| shards.get(key), 20);
        let micros = started.elapsed().as_micros();
        for (rank, &(d, _)) in ranked.best.iter().enumerate() {
            let chunk = docs_path(&b, d / DOCS_PER_CHUNK);
            if rank < 5 {
                let docs: SearchDocs =
                    serde_json::from_slice(&std::fs::read(dist.join(&chunk)).expect("chunk"))
                        .expect("chunk");
                let doc = &docs.docs[(d - docs.first) as usize];
                // Snippets are cut from the post, which its page carries.
                files.insert(blog_bundle::route_file(&blog_bundle::post_route(&doc.path)));
            }
            files.insert(chunk);
        }
        let files: Vec<String> = files.into_iter().collect();
        println!("{q}\t{}\t{micros}\t{}", ranked.total, files.join(","));
    }
}
