//! Any text as a post body: Markdown → document tree → JSON must never panic,
//! and the JSON must read back into the same tree (the reader's side).
#![no_main]

use std::path::Path;

use blog_builder::load::links::{Entry, Links};
use blog_builder::load::markdown::{Context, convert};
use blog_builder::load::templates;
use blog_bundle::Block;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let links = Links::new([Entry {
        path: "blog/a-post",
        source: "a-post.md",
        slug: "a-post",
        date: "2025-01-01",
        urls: vec![],
    }]);
    let ctx = Context {
        file: Path::new("fuzz.md"),
        body_line: 1,
        content_dir: "content",
        base_url: "https://example.org/",
        links: &links,
        path: "blog/fuzz",
        source_dir: "",
    };
    let (body, _) = templates::prepare(text, true);
    let mut diags = Vec::new();
    let doc = convert(&body, &ctx, &mut diags);
    let json = serde_json::to_string(&doc.body).expect("the tree serialises");
    let back: Vec<Block> = serde_json::from_str(&json).expect("the reader can read the tree back");
    assert_eq!(back, doc.body);
});
