//! `blog-builder serve` builds after each edit converting only the changed
//! posts and renders files only when asked: every file it serves must be
//! the bytes a full build writes. Edits of a post's text and title, a new
//! post (with an old URL) and a deleted one, each compared file by file, the
//! pictures and their copies too.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use blog_builder::emit::app::App;
use blog_builder::emit::on_demand::{MediaCache, OnDemand};
use blog_builder::{AppSource, Cache, Options, compile_with, run};

/// The server's build of `content` after the edits so far, and the number of
/// posts it converted.
fn served(content: &Path, cache: &mut Cache, media: &MediaCache) -> (OnDemand, usize) {
    let mut diags = Vec::new();
    let c = compile_with(content, &[], &mut diags, cache, false).expect("builds");
    let app = App::embedded("/").expect("the app built in");
    (
        OnDemand::new(c.site, c.related, app, media.clone()).unwrap(),
        cache.converted(),
    )
}

/// Asserts that `site` serves every file a full build of `content` writes,
/// byte for byte. The offline worker's files are the one difference: the
/// server answers `sw.js` with a worker that removes itself.
/// (Each build into the same `--out`: pictures are made once, as in use.)
fn same_as_full_build(content: &Path, site: &OnDemand, step: &str) -> BTreeMap<String, Vec<u8>> {
    let opts = Options {
        content: content.into(),
        out: content.with_file_name("site"),
        app: AppSource::Embedded(Some("/".into())),
        strict: false,
    };
    let report = run(&opts);
    assert!(report.written, "{step}: {:?}", report.diagnostics);
    let full = common::snapshot(&opts.out);
    let mut compared = 0;
    for (rel, bytes) in &full {
        if rel == ".blog-builder" || rel == "sw.js" || rel.starts_with("offline/") {
            continue;
        }
        let got = site.get(rel).unwrap();
        assert!(
            got.as_deref() == Some(bytes.as_slice()),
            "{step}: {rel} differs from the full build's"
        );
        compared += 1;
    }
    assert!(compared > 100, "{step}: only {compared} files");
    full
}

#[test]
fn every_served_file_is_the_full_builds_after_each_edit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    fs::create_dir(&content).unwrap();
    for e in fs::read_dir(root.join("content")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            fs::copy(&p, content.join(p.file_name().unwrap())).unwrap();
        }
    }
    for name in [
        "rich-content.md",
        "gradient.png",
        "landscape.jpg",
        "tone.wav",
    ] {
        fs::copy(
            root.join("tests/fixtures/rich").join(name),
            content.join(name),
        )
        .unwrap();
    }
    fs::write(
        content.join("site.toml"),
        "title = \"Blog\"\nlanguage = \"en\"\nposts_per_page = 2\nbase_url = \"https://example.com/\"\n",
    )
    .unwrap();
    let (mut cache, media) = (Cache::kept(), MediaCache::default());

    let (site, converted) = served(&content, &mut cache, &media);
    assert_eq!(converted, 6);
    same_as_full_build(&content, &site, "first build");

    // A paragraph more: that post is converted again, and only it.
    let post = content.join("otnosheniya-s.md");
    let mut text = fs::read_to_string(&post).unwrap();
    text.push_str("\nОдин абзац больше, про сервис и клиентов.\n");
    fs::write(&post, &text).unwrap();
    let (site, converted) = served(&content, &mut cache, &media);
    assert_eq!(converted, 1);
    let full = same_as_full_build(&content, &site, "edited text");
    let page =
        String::from_utf8(site.get("blog/otnosheniya-s/index.html").unwrap().unwrap()).unwrap();
    assert!(page.contains("Один абзац больше"));

    // A new title changes lists, neighbours, related lists and search.
    fs::write(&post, text.replacen("title: \"", "title: \"Новое: ", 1)).unwrap();
    let (site, converted) = served(&content, &mut cache, &media);
    assert_eq!(converted, 1);
    same_as_full_build(&content, &site, "edited title");

    // A new post, with a tag of its own: every link table changes.
    fs::write(
        content.join("new-post.md"),
        "---\ntitle: A new post\ndate: 2030-01-02\ntags: [fresh, сервис]\naliases: [/2019/old-name.html]\n---\n\nAbout service and clients.\n",
    )
    .unwrap();
    let (site, _) = served(&content, &mut cache, &media);
    same_as_full_build(&content, &site, "added post");
    assert!(site.get("blog/new-post/index.html").unwrap().is_some());
    assert!(
        site.get("2019/old-name.html").unwrap().is_some(),
        "its old URL"
    );

    // Deleted: it and its files are gone.
    fs::remove_file(content.join("new-post.md")).unwrap();
    let (site, _) = served(&content, &mut cache, &media);
    let after = same_as_full_build(&content, &site, "deleted post");
    assert!(site.get("blog/new-post/index.html").unwrap().is_none());
    assert!(!after.contains_key("blog/new-post/index.html"));
    assert!(
        full.keys().any(|k| k.starts_with("media/")),
        "pictures compared"
    );
}
