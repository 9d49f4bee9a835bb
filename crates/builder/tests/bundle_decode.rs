//! The reader reads the bundle with `blog_bundle::decode`, not with serde:
//! every file of built blogs (the seeds, the rich-content fixture and the
//! real blogs of `shared/realworld` when they are beside the checkout),
//! decoded that way, must equal what serde reads from it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use blog_builder::{AppSource, Options, run};
use blog_bundle::decode::Decode;
use blog_bundle::search::{SearchDocs, SearchKeys};
use blog_bundle::{Archive, ListPage, Manifest, Post, TagIndex, TagPage};
use serde::de::DeserializeOwned;

mod common;

fn blogs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut dirs = vec![common::seeds(), root.join("tests/fixtures/rich")];
    let realworld = root.join("../shared/realworld");
    match std::fs::read_dir(&realworld) {
        Ok(entries) => {
            let mut real: Vec<PathBuf> = entries
                .filter_map(|e| Some(e.ok()?.path()))
                .filter(|p| p.is_dir())
                .collect();
            real.sort();
            dirs.extend(real);
        }
        Err(_) => eprintln!(
            "note: {} is not here; its blogs skipped",
            realworld.display()
        ),
    }
    dirs
}

/// Decodes `json` both ways; true when they agree.
fn same<T: DeserializeOwned + Decode + PartialEq + std::fmt::Debug>(
    json: &serde_json::Value,
) -> bool {
    let by_serde: T = serde_json::from_value(json.clone()).expect("serde reads what it wrote");
    T::decode(json).as_ref() == Some(&by_serde)
}

#[test]
fn the_readers_decoders_read_every_file_as_serde_does() {
    let mut decoded: BTreeMap<&str, usize> = BTreeMap::new();
    let mut differ = Vec::new();
    for blog in blogs() {
        let out = tempfile::tempdir().unwrap();
        let report = run(&Options {
            content: blog.clone(),
            out: out.path().join("dist"),
            app: AppSource::None,
            strict: false,
        });
        assert!(
            report.written,
            "{}: {:?}",
            blog.display(),
            report.diagnostics
        );
        let data = common::snapshot(&out.path().join("dist/data"));
        for (rel, bytes) in data.iter().filter(|(rel, _)| rel.ends_with(".json")) {
            // `<build>/kind/…` below data/, or the manifest beside the builds.
            let kind = match rel.split_once('/') {
                None => "manifest",
                Some((_, rest)) => match rest.split('/').collect::<Vec<_>>()[..] {
                    ["pages", _] => "list page",
                    ["posts", ..] => "post",
                    ["tags.json"] => "tag index",
                    ["tags", ..] => "tag page",
                    ["archive.json"] => "archive",
                    ["search", "keys.json"] => "search keys",
                    ["search", "d", _] => "search documents",
                    // Term shards are read by the search itself (src/search.rs).
                    ["search", "t", _] => continue,
                    _ => panic!("{}: a file this test does not know: {rel}", blog.display()),
                },
            };
            let json: serde_json::Value = serde_json::from_slice(bytes).unwrap();
            let agree = match kind {
                "manifest" => same::<Manifest>(&json),
                "list page" => same::<ListPage>(&json),
                "post" => same::<Post>(&json),
                "tag index" => same::<TagIndex>(&json),
                "tag page" => same::<TagPage>(&json),
                "archive" => same::<Archive>(&json),
                "search keys" => same::<SearchKeys>(&json),
                _ => {
                    // The reader decodes a chunk's documents one at a time.
                    let chunk: SearchDocs = serde_json::from_value(json.clone()).unwrap();
                    let docs = json.get("docs").unwrap().as_array().unwrap();
                    docs.iter().map(Decode::decode).collect::<Option<Vec<_>>>() == Some(chunk.docs)
                }
            };
            if !agree {
                differ.push(format!("{}: {rel}", blog.display()));
            }
            *decoded.entry(kind).or_default() += 1;
        }
    }
    assert!(
        differ.is_empty(),
        "decoded otherwise than serde does: {differ:#?}"
    );
    eprintln!("decoded alike: {decoded:?}");
    assert_eq!(decoded.len(), 8, "every kind of file was read: {decoded:?}");
}
