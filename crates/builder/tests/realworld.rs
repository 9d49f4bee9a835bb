//! Ten real blogs of the five generators (`shared/realworld`, read in place;
//! see its SOURCES.md), built as they are: every one builds, publishes the
//! posts its own generator publishes, and resolves links written its way.
//! Skipped with a note where that folder is not beside the checkout.

use std::path::{Path, PathBuf};

use blog_builder::{Site, compile};

fn corpus(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/realworld")
        .join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("note: {} is not here; skipped", dir.display());
        None
    }
}

struct Expect {
    name: &'static str,
    /// What the blog's own generator publishes as posts.
    published: usize,
    drafts: usize,
    sections: usize,
    translations: usize,
}

const BLOGS: [Expect; 10] = [
    Expect {
        name: "astro-blog",
        published: 5,
        drafts: 0,
        sections: 0,
        translations: 0,
    },
    Expect {
        name: "astro-cactus",
        published: 6,
        drafts: 1,
        sections: 0,
        translations: 0,
    },
    // blog.md is the listing page; one page is left out of the collection.
    Expect {
        name: "eleventy-11ty-blog",
        published: 66,
        drafts: 0,
        sections: 1,
        translations: 0,
    },
    // The fifth post is a draft written in JavaScript front matter.
    Expect {
        name: "eleventy-base-blog",
        published: 4,
        drafts: 0,
        sections: 0,
        translations: 0,
    },
    Expect {
        name: "hugo-letsencrypt",
        published: 121,
        drafts: 0,
        sections: 1,
        translations: 0,
    },
    Expect {
        name: "hugo-stack-demo",
        published: 17,
        drafts: 0,
        sections: 0,
        translations: 8,
    },
    Expect {
        name: "jekyll-docs",
        published: 102,
        drafts: 0,
        sections: 0,
        translations: 0,
    },
    Expect {
        name: "radio-t-ru",
        published: 2017,
        drafts: 0,
        sections: 0,
        translations: 0,
    },
    // releases/latest.md is a template-only redirect page.
    Expect {
        name: "rust-blog",
        published: 750,
        drafts: 0,
        sections: 3,
        translations: 0,
    },
    Expect {
        name: "zola-rust-embedded",
        published: 38,
        drafts: 1,
        sections: 1,
        translations: 0,
    },
];

fn build(dir: &Path) -> (Site, Vec<blog_builder::Diagnostic>) {
    let mut d = Vec::new();
    let site = compile(dir, &[], &mut d);
    let errors: Vec<String> = d
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}: {errors:#?}", dir.display());
    (site.expect("built"), d)
}

fn post<'a>(site: &'a Site, path: &str) -> &'a blog_bundle::Post {
    &site
        .posts
        .iter()
        .find(|p| p.post.summary.path == path)
        .unwrap_or_else(|| panic!("no post at {path}"))
        .post
}

/// Paths of the posts a post links to.
fn links_of(post: &blog_bundle::Post) -> Vec<String> {
    let json = serde_json::to_value(&post.body).unwrap();
    let mut out = Vec::new();
    let mut todo = vec![&json];
    while let Some(v) = todo.pop() {
        match v {
            serde_json::Value::Object(m) => {
                if m.get("k").and_then(|k| k.as_str()) == Some("post") {
                    out.push(m["v"]["path"].as_str().unwrap().to_owned());
                }
                todo.extend(m.values());
            }
            serde_json::Value::Array(a) => todo.extend(a),
            _ => {}
        }
    }
    out
}

#[test]
fn every_blog_builds_with_what_its_generator_publishes() {
    for e in &BLOGS {
        let Some(dir) = corpus(e.name) else { continue };
        let (site, d) = build(&dir);
        let c = &site.counts;
        assert_eq!(
            (site.posts.len(), c.drafts, c.sections, c.translations),
            (e.published, e.drafts, e.sections, e.translations),
            "{}",
            e.name
        );
        // Warnings an author would act on, far fewer than posts. Counted
        // apart, each with its file and line: images in the asset folders
        // the corpora are stored without, and template tags of the authors'
        // own making (Eleventy shortcodes, Jekyll includes), removed and
        // named once per post and kind.
        let apart = |d: &&blog_builder::diagnostics::Diagnostic| {
            d.message.contains("is not there (") || d.message.starts_with("template tag ")
        };
        assert!(
            d.iter().filter(apart).all(|d| d.line.is_some()),
            "{}",
            e.name
        );
        let warnings = d.iter().filter(|d| !d.is_error() && !apart(d)).count();
        assert!(
            warnings <= site.posts.len() / 2 + 4,
            "{}: {warnings} warnings",
            e.name
        );
        // Every post has a title and a date, and one path of its own.
        let mut paths: Vec<&str> = site
            .posts
            .iter()
            .map(|p| p.post.summary.path.as_str())
            .collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), site.posts.len(), "{}", e.name);
        assert!(site.posts.iter().all(|p| !p.post.summary.title.is_empty()));
    }
}

#[test]
fn dates_titles_and_urls_as_the_old_sites_had_them() {
    if let Some(dir) = corpus("astro-blog") {
        let (site, _) = build(&dir);
        // `pubDate: 'Jul 08 2022'`.
        assert_eq!(post(&site, "blog/first-post").summary.date, "2022-07-08");
        assert_eq!(site.config.language, "en");
    }
    if let Some(dir) = corpus("jekyll-docs") {
        let (site, _) = build(&dir);
        // `2013-05-06 02:12:52 +0200`, the date prefix gone from the URL.
        let p = post(&site, "blog/jekyll-1-0-0-released");
        assert_eq!(p.summary.date, "2013-05-06");
        // `{% post_url 2013-05-06-jekyll-1-0-0-released %}` follows to it.
        assert!(
            site.posts
                .iter()
                .any(|q| links_of(&q.post).contains(&"blog/jekyll-1-0-0-released".to_owned()))
        );
    }
    if let Some(dir) = corpus("rust-blog") {
        let (site, _) = build(&dir);
        // Zola's `path` is the URL, and its date.
        let p = post(&site, "2025/06/26/Rust-1.88.0");
        assert_eq!(p.summary.date, "2025-06-26");
        assert_eq!(p.summary.author, "The Rust Release Team");
        // Links to the old site's dated URLs and `@/` source links find their posts.
        let linked: usize = site.posts.iter().map(|q| links_of(&q.post).len()).sum();
        assert!(linked > 500, "{linked}");
        assert!(site.posts.iter().any(|q| {
            links_of(&q.post)
                .iter()
                .any(|l| l.starts_with("inside-rust/"))
        }));
    }
    if let Some(dir) = corpus("eleventy-11ty-blog") {
        let (site, _) = build(&dir);
        // The date from the file name, the title from `newstitle`, and
        // `/blog/three-million/` links to the post.
        let p = post(&site, "blog/three-million");
        assert_eq!(p.summary.date, "2022-04-22");
        assert!(!p.summary.title.is_empty());
        assert!(
            links_of(post(&site, "blog/six-million")).contains(&"blog/three-million".to_owned())
        );
    }
    if let Some(dir) = corpus("radio-t-ru") {
        let (site, _) = build(&dir);
        assert_eq!(site.config.language, "ru");
        // A zone-less TOML string date, CRLF front matter; categories become tags.
        let p = post(&site, "blog/podcast-907");
        assert_eq!(p.summary.date, "2024-04-27");
        assert!(p.summary.tags.iter().any(|t| t.name == "podcast"));
    }
    if let Some(dir) = corpus("hugo-stack-demo") {
        let (site, _) = build(&dir);
        // A page bundle's `slug`, its folder name with spaces beside it.
        post(&site, "blog/markdown-syntax");
    }
}

#[test]
fn page_bundle_images_are_published_with_their_size() {
    let Some(dir) = corpus("hugo-stack-demo") else {
        return;
    };
    let (site, d) = build(&dir);
    let media: Vec<_> = site.posts.iter().flat_map(|p| &p.media).collect();
    assert!(media.len() >= 5, "{media:?}");
    for file in &media {
        assert!(
            file.path.starts_with("media/") && file.size.is_some(),
            "{file:?}"
        );
    }
    // The tree points at them, with width and height.
    let json = serde_json::to_string(&site.posts.iter().map(|p| &p.post.body).collect::<Vec<_>>())
        .unwrap();
    assert!(
        json.contains(r#""src":"/media/"#) && json.contains(r#""size":["#),
        "{json:.300}"
    );
    assert!(
        !d.iter().any(|d| d.message.contains("is not there (")),
        "{d:?}"
    );
}
