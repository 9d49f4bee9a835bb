//! Any bytes as a post file: splitting the front matter (YAML, TOML, JSON),
//! parsing it and reading what its fields mean must never panic or hang, and
//! every problem must be a diagnostic.
#![no_main]

use std::path::Path;

use blog_builder::load::{fields, frontmatter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut diags = Vec::new();
    let file = Path::new("fuzz.md");
    if let Ok(split) = frontmatter::split(text)
        && let Some(raw) = frontmatter::parse(&split, file, &mut diags)
    {
        let meta = fields::read(&raw, file, &mut diags);
        if let Some((date, _, _)) = &meta.date {
            let _ = blog_builder::dates::parse_date(date);
        }
    }
});
