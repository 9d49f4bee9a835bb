//! Whole builds: errors, ids, atomic output, entry pages.

mod common;

use std::path::Path;

use blog_builder::{Options, compile, run};
use common::{SITE, content, post, snapshot};

fn errors_of(files: &[(&str, &str)]) -> Vec<String> {
    let dir = content(files);
    let mut d = Vec::new();
    let site = compile(dir.path(), &[], &mut d);
    let errors: Vec<String> = d
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            format!(
                "{}:{}: {}",
                d.file.file_name().unwrap().to_string_lossy(),
                d.line.unwrap_or(0),
                d.message
            )
        })
        .collect();
    assert_eq!(site.is_none(), !errors.is_empty());
    errors
}

#[test]
fn content_errors() {
    let ok = post("Fine", "2025-01-01", "Body\n");
    let cases: Vec<(Vec<(&str, String)>, &str)> = vec![
        (vec![("a.md", String::new())], "a.md:0: file is empty"),
        (
            vec![("a.md", "# Just markdown\n".into())],
            "a.md:1: the post has no date: none in its front matter, file name or path",
        ),
        (
            vec![("a.md", "+++\ntitle = \"T\"\n".into())],
            "a.md:1: the front matter is not closed: add a line `+++` after it",
        ),
        (
            vec![(
                "a.md",
                "+++\ntitle = \"T\"\ndate = 2025-01-01\nbad = \n+++\n".into(),
            )],
            "a.md:4: front matter is not valid TOML",
        ),
        (
            vec![("a.md", post("T", "2025-02-30", ""))],
            "a.md:3: pubDate \"2025-02-30\" is not a date: write it as 2025-07-25 or 2025-07-25T22:55:40Z",
        ),
        (
            vec![("a.md", post("T", "xyz", ""))],
            "a.md:3: pubDate \"xyz\" is not a date",
        ),
        (
            vec![("a.md", "---\ntitle: [1]\npubDate: 2025-01-01\n---\n".into())],
            "a.md:2: `title` must be text, found a list",
        ),
        (
            vec![(
                "a.md",
                "---\ntitle: T\npubDate: 2025-01-01\nauthor: a: b\n---\n".into(),
            )],
            "a.md:4: front matter is not valid YAML",
        ),
    ];
    for (files, want) in cases {
        let mut files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        files.push(("site.toml", SITE));
        let errors = errors_of(&files);
        assert!(
            errors.iter().any(|e| e.starts_with(want)),
            "want {want}\ngot {errors:#?}"
        );
    }
    // Non-UTF-8: byte offset and line of the first bad byte.
    let dir = content(&[("site.toml", SITE)]);
    std::fs::write(
        dir.path().join("a.md"),
        b"---\ntitle: T\npubDate: 2025-01-01\n---\nok\n\xff\xfe\n",
    )
    .unwrap();
    let mut d = Vec::new();
    assert!(compile(dir.path(), &[], &mut d).is_none());
    assert_eq!(d[0].line, Some(6));
    assert!(d[0].message.contains("byte offset 40"), "{}", d[0]);
    // Too big.
    let big = post("T", "2025-01-01", &"word ".repeat(1_100_000));
    let errors = errors_of(&[("site.toml", SITE), ("a.md", &big)]);
    assert!(
        errors[0].contains("file is 6 MB; the limit is 5 MB: split the post"),
        "{errors:?}"
    );
    // No site.toml: any folder of posts still builds, with defaults and a warning.
    let dir = content(&[("a.md", &ok)]);
    let mut d = Vec::new();
    let site = compile(dir.path(), &[], &mut d).expect("builds without site.toml");
    // The language comes from the text.
    assert_eq!(site.config.language, "en");
    assert_eq!(site.config.base_url, "http://localhost/");
    assert!(!site.config.title.is_empty());
    assert!(d.iter().all(|d| !d.is_error()), "{d:?}");
    let warning = d
        .iter()
        .find(|d| d.file.ends_with("site.toml"))
        .expect("a warning");
    assert!(
        warning.message.starts_with("no site settings: using title"),
        "{warning}"
    );
    assert!(
        warning.help.as_deref().unwrap_or("").contains("base_url"),
        "{warning}"
    );
}

#[test]
fn unusual_names_and_shared_urls_are_published() {
    let dir = content(&[
        ("site.toml", SITE),
        ("Кот.md", &post("Cat", "2025-01-01", "x\n")),
        ("a.md", &post("A", "2025-01-01", "x\n")),
        (
            "b.md",
            "---\ntitle: B\npubDate: 2025-01-02\nslug: a\n---\nx\n",
        ),
        (
            "c.md",
            "---\ntitle: C\npubDate: 2025-01-03\nslug: Bad Slug\n---\nx\n",
        ),
        ("2022-04-22-three-million.md", "---\ntitle: M\n---\nx\n"),
    ]);
    let mut d = Vec::new();
    let site = compile(dir.path(), &[], &mut d).expect("builds");
    let mut paths: Vec<&str> = site
        .posts
        .iter()
        .map(|p| p.post.summary.path.as_str())
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "blog/a",
            "blog/a-2",
            "blog/bad-slug",
            "blog/kot",
            "blog/three-million"
        ]
    );
    let shared = d
        .iter()
        .find(|d| d.message.contains("is also the URL of"))
        .expect("a warning");
    assert!(
        shared.file.ends_with("b.md") && shared.message.contains("a.md"),
        "{shared}"
    );
    assert!(
        shared.message.ends_with("published at /blog/a-2/"),
        "{shared}"
    );
    assert!(!shared.is_error());
    let m = site
        .posts
        .iter()
        .find(|p| p.post.summary.path == "blog/three-million")
        .unwrap();
    assert_eq!(m.post.summary.date, "2022-04-22");
}

#[test]
fn drafts_other_files_and_strict() {
    let dir = content(&[
        ("site.toml", SITE),
        (
            "a.md",
            &post("A", "2025-01-01", "Text with [a link](/blog/gone/).\n"),
        ),
        (
            "d.md",
            "---\ntitle: D\npubDate: 2025-01-02\ndraft: true\n---\nDraft\n",
        ),
        ("notes.txt", "an asset"),
        ("layout.njk", "{{ content }}"),
    ]);
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(
        dir.path().join("sub/_index.md"),
        "+++\ntitle = \"Sub\"\n+++\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("sub/2025-01-03-b.md"),
        "Nested, no front matter.\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let opts = Options {
        content: dir.path().into(),
        out: out.path().join("site"),
        app: blog_builder::AppSource::None,
        strict: false,
    };
    let r = run(&opts);
    assert!(r.written);
    let site = r.site.as_ref().unwrap();
    assert_eq!((site.posts.len(), site.drafts), (2, 1));
    // The broken link, and the nested post's missing title.
    assert_eq!(r.warnings(), 2, "{:?}", r.diagnostics);
    let summary = r.summary(&opts.out);
    assert!(
        summary.starts_with(
            "built 2 posts (1 draft skipped, 1 section page, 1 asset, 1 file ignored) into "
        ),
        "{summary}"
    );
    assert!(summary.ends_with("; 2 warnings"), "{summary}");
    assert_eq!(
        r.notes(),
        ["note: ignored, a template or script of another generator: layout.njk"]
    );
    // The description falls back to an excerpt of the body.
    assert_eq!(site.posts[1].post.summary.description, "Text with a link.");
    assert_eq!(site.posts[0].post.summary.title, "B");

    let strict = Options {
        strict: true,
        out: out.path().join("strict"),
        ..opts
    };
    let r = run(&strict);
    assert!(!r.written && r.errors() == 3, "{:?}", r.diagnostics);
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.message == "ignored: a template or script of another generator")
    );
    assert!(!strict.out.exists());
    assert!(
        r.summary(&strict.out)
            .starts_with("build failed: 3 errors, 0 warnings;")
    );
}

#[test]
fn build_id_is_stable_and_tracks_content() {
    let files = [
        ("site.toml", SITE),
        ("a.md", &post("A", "2025-01-01", "A\n")),
        ("b.md", &post("B", "2025-01-02", "B\n")),
    ];
    let (c1, c2) = (content(&files), content(&files));
    let out = tempfile::tempdir().unwrap();
    let run_to = |c: &Path, name: &str| {
        let r = run(&Options {
            content: c.into(),
            out: out.path().join(name),
            app: blog_builder::AppSource::None,
            strict: false,
        });
        assert!(r.written, "{:?}", r.diagnostics);
        r.site.unwrap().build_id
    };
    let id1 = run_to(c1.path(), "one");
    let id2 = run_to(c2.path(), "two");
    assert_eq!(id1, id2);
    assert_eq!(id1.len(), 16);
    assert_eq!(
        snapshot(&out.path().join("one")),
        snapshot(&out.path().join("two"))
    );
    std::fs::write(
        c2.path().join("b.md"),
        post("B", "2025-01-02", "B changed\n"),
    )
    .unwrap();
    assert_ne!(run_to(c2.path(), "two"), id1);

    let snap = snapshot(&out.path().join("one"));
    let names: Vec<_> = snap.keys().cloned().collect();
    assert_eq!(
        names,
        [
            ".blog-builder".to_owned(),
            format!("data/{id1}/archive.json"),
            format!("data/{id1}/pages/1.json"),
            format!("data/{id1}/posts/blog/a.json"),
            format!("data/{id1}/posts/blog/b.json"),
            // One-letter words aren't indexed, so these posts make no term shards.
            format!("data/{id1}/search/d/0.json"),
            format!("data/{id1}/search/keys.json"),
            format!("data/{id1}/tags.json"),
            "data/manifest.json".to_owned(),
        ]
    );
    let b: blog_bundle::Post =
        serde_json::from_slice(&snap[&format!("data/{id1}/posts/blog/b.json")]).unwrap();
    assert_eq!(b.prev.unwrap().path, "blog/a");
    assert!(b.next.is_none());
    let page: blog_bundle::ListPage =
        serde_json::from_slice(&snap[&format!("data/{id1}/pages/1.json")]).unwrap();
    assert_eq!(
        page.posts
            .iter()
            .map(|p| p.path.as_str())
            .collect::<Vec<_>>(),
        ["blog/b", "blog/a"]
    );
}

#[test]
fn empty_site_still_has_a_list_page() {
    let c = content(&[("site.toml", SITE)]);
    let out = tempfile::tempdir().unwrap();
    let r = run(&Options {
        content: c.path().into(),
        out: out.path().join("s"),
        app: blog_builder::AppSource::None,
        strict: false,
    });
    let id = r.site.unwrap().build_id;
    let page: blog_bundle::ListPage = serde_json::from_slice(
        &std::fs::read(out.path().join(format!("s/data/{id}/pages/1.json"))).unwrap(),
    )
    .unwrap();
    assert_eq!((page.page, page.page_count, page.total), (1, 1, 0));
}

#[test]
fn failed_build_leaves_output_untouched() {
    let good = content(&[
        ("site.toml", SITE),
        ("a.md", &post("A", "2025-01-01", "A\n")),
    ]);
    let out = tempfile::tempdir().unwrap();
    let dist = out.path().join("dist");
    let opts = Options {
        content: good.path().into(),
        out: dist.clone(),
        app: blog_builder::AppSource::None,
        strict: false,
    };
    assert!(run(&opts).written);
    let before = snapshot(&dist);
    let bad = content(&[("site.toml", SITE), ("a.md", &post("A", "never", "A\n"))]);
    let r = run(&Options {
        content: bad.path().into(),
        ..opts.clone()
    });
    assert!(!r.written);
    assert_eq!(snapshot(&dist), before);
    // A failure while writing (the app shell has no index.html) also leaves it intact.
    let app = tempfile::tempdir().unwrap();
    let r = run(&Options {
        app: blog_builder::AppSource::Dir(app.path().into()),
        ..opts.clone()
    });
    assert!(!r.written && r.errors() == 1, "{:?}", r.diagnostics);
    assert_eq!(snapshot(&dist), before);
    // No staging or old directories are left behind.
    let left: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["dist"]);
    // A successful rebuild replaces everything.
    std::fs::write(dist.join("stale.txt"), "x").unwrap();
    assert!(run(&opts).written);
    assert!(!dist.join("stale.txt").exists());
}

#[test]
fn entry_pages_for_every_route() {
    let evil = "---\ntitle: \"Evil </script><script>alert(1)</script>\"\npubDate: 2025-03-01\ndescription: \"D & <b>\"\nheroImage: /img/e.jpg\nkeywords: \"x, y\"\n---\n# Headline\n\nBody <script>alert(2)</script> text.\n";
    let c = content(&[
        ("site.toml", SITE),
        ("a.md", &post("A", "2025-01-01", "A text\n")),
        ("b.md", &post("B", "2025-01-02", "B text\n")),
        ("evil.md", evil),
        (
            "schema.md",
            "---\ntitle: S\npubDate: 2025-01-03\nschema: {\"@type\": \"HowTo\", \"name\": \"</script>\"}\n---\nS\n",
        ),
    ]);
    let app = tempfile::tempdir().unwrap();
    std::fs::write(
        app.path().join("index.html"),
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><base href=\"/\"><title>App</title><meta name=\"description\" content=\"x\"><link rel=\"modulepreload\" href=\"/app-1a2b.js\"></head><body><script type=\"module\">import init from '/app-1a2b.js';init('/app-1a2b_bg.wasm');</script></body></html>",
    )
    .unwrap();
    std::fs::write(app.path().join("app-1a2b.js"), "js").unwrap();
    std::fs::create_dir(app.path().join("assets")).unwrap();
    std::fs::write(app.path().join("assets/style.css"), "css").unwrap();
    let out = tempfile::tempdir().unwrap();
    let dist = out.path().join("dist");
    let r = run(&Options {
        content: c.path().into(),
        out: dist.clone(),
        app: blog_builder::AppSource::Dir(app.path().into()),
        strict: false,
    });
    assert!(r.written, "{:?}", r.diagnostics);
    let snap = snapshot(&dist);
    let page = |p: &str| {
        String::from_utf8(snap.get(p).unwrap_or_else(|| panic!("{p} missing")).clone()).unwrap()
    };
    assert_eq!(page("app-1a2b.js"), "js");
    assert_eq!(page("assets/style.css"), "css");
    let title = |p: &str| {
        let h = page(p);
        let s = h.find("<title>").unwrap() + 7;
        h[s..h.find("</title>").unwrap()].to_owned()
    };
    assert_eq!(title("index.html"), "Test &lt;blog&gt;");
    assert_eq!(
        title("page/2/index.html"),
        "Test &lt;blog&gt; — Page 2 of 2"
    );
    assert!(!snap.contains_key("page/1/index.html") && !snap.contains_key("page/3/index.html"));
    assert_eq!(title("blog/a/index.html"), "A — Test &lt;blog&gt;");
    assert_eq!(title("404.html"), "Page not found — Test &lt;blog&gt;");

    let e = page("blog/evil/index.html");
    assert_eq!(e.matches("<title>").count(), 1);
    assert_eq!(e.matches("name=\"description\"").count(), 1);
    assert!(e.contains("<meta name=\"description\" content=\"D &amp; &lt;b&gt;\">"));
    assert!(e.contains("<link rel=\"canonical\" href=\"https://example.com/blog/evil/\">"));
    assert!(e.contains("<meta property=\"og:image\" content=\"https://example.com/img/e.jpg\">"));
    assert!(!e.contains("alert(2)"));
    assert_eq!(
        e.matches("<script").count(),
        3,
        "only JSON-LD, the route's data and the app's own script: {e}"
    );
    // The route's data travels in its page, and only there.
    let data = blog_bundle::page_data(&e, "/blog/evil/").expect("the post's data");
    let post: blog_bundle::Post = serde_json::from_str(data).unwrap();
    assert_eq!(post.summary.path, "blog/evil");
    assert_eq!(post.build_id, r.site.as_ref().unwrap().build_id);
    assert!(!data.contains('<'), "{data}");
    assert_eq!(blog_bundle::page_data(&e, "/blog/a/"), None);
    let list: blog_bundle::ListPage = serde_json::from_str(
        blog_bundle::page_data(&page("page/2/index.html"), "/page/2/").unwrap(),
    )
    .unwrap();
    assert_eq!(list.page, 2);
    assert!(blog_bundle::page_data(&page("tags/index.html"), "/tags/").is_some());
    assert!(blog_bundle::page_data(&page("archive/index.html"), "/archive/").is_some());
    assert!(blog_bundle::page_data(&page("tags/x/index.html"), "/tags/x/").is_some());
    let data_files: Vec<&String> = snap
        .keys()
        .filter(|k| k.starts_with("data/") && !k.contains("/search/"))
        .collect();
    assert_eq!(data_files, ["data/manifest.json"], "one file per route");
    let ld_start = e.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let ld = &e[ld_start..ld_start + e[ld_start..].find("</script>").unwrap()];
    let ld: serde_json::Value = serde_json::from_str(ld).unwrap();
    assert_eq!(ld["@type"], "BlogPosting");
    assert_eq!(ld["headline"], "Evil </script><script>alert(1)</script>");
    assert_eq!(
        ld["mainEntityOfPage"]["@id"],
        "https://example.com/blog/evil/"
    );
    // The app's frame and article view (blog_views), under the shell's base path.
    assert!(e.contains(
        "<body>\n<div id=\"prerender\"><a href=\"/blog/evil/#main\" class=\"skip-link\">"
    ));
    assert!(e.contains("<header class=\"site-header\">"));
    assert!(e.contains("<header class=\"post-header\"><h1 class=\"post-title\">Headline</h1>"));
    assert!(e.contains("<footer class=\"site-footer\"><p>Test &lt;blog&gt;</p>"));
    let s = page("blog/schema/index.html");
    assert!(
        s.contains(r#"{"@type":"HowTo","name":"\u003c/script\u003e"}"#),
        "{s}"
    );

    let sitemap = page("sitemap.xml");
    // Home, page 2, 4 posts, the tag index, tags x and y, the archive.
    assert_eq!(sitemap.matches("<url>").count(), 1 + 1 + 4 + 1 + 2 + 1);
    assert!(
        sitemap.contains("<loc>https://example.com/blog/evil/</loc><lastmod>2025-03-01</lastmod>")
    );
    assert!(page("robots.txt").contains("Sitemap: https://example.com/sitemap.xml"));
    let rss = page("rss.xml");
    assert!(rss.contains("<pubDate>Sat, 01 Mar 2025 00:00:00 +0000</pubDate>"));
    assert!(
        rss.contains("<title>Evil &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>")
    );
    assert!(rss.contains("<guid isPermaLink=\"true\">https://example.com/blog/a/</guid>"));
    assert!(snap.contains_key("data/manifest.json"));
}
