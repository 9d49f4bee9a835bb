//! Any bytes as a post file: splitting and parsing the front matter must
//! never panic or hang, and every problem must be a diagnostic.
#![no_main]

use std::path::Path;

use blog_builder::frontmatter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut diags = Vec::new();
    if let Ok(split) = frontmatter::split(text) {
        let _ = frontmatter::parse(split.yaml, Path::new("fuzz.md"), &mut diags);
    }
});
