//! Any text as a post body: Markdown → document tree → JSON must never panic,
//! and the JSON must read back into the same tree (the reader's side).
#![no_main]

use std::collections::HashSet;
use std::path::Path;

use blog_builder::markdown::{Context, convert};
use blog_bundle::Block;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let posts: HashSet<String> = ["a-post".to_owned()].into_iter().collect();
    let ctx = Context {
        file: Path::new("fuzz.md"),
        body_line: 1,
        content_dir: "content",
        base_url: "https://example.org/",
        posts: &posts,
    };
    let mut diags = Vec::new();
    let doc = convert(text, &ctx, &mut diags);
    let json = serde_json::to_string(&doc.body).expect("the tree serialises");
    let back: Vec<Block> = serde_json::from_str(&json).expect("the reader can read the tree back");
    assert_eq!(back, doc.body);
});
