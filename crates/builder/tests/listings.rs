//! Tags, tag pages, the archive and related posts in whole builds.

mod common;

use blog_builder::{Options, compile, run};
use common::{content, snapshot};

fn post(slug: &str, date: &str, keywords: &str, body: &str) -> (String, String) {
    (
        format!("{slug}.md"),
        format!(
            "---\ntitle: \"Пост {slug}\"\npubDate: {date}\nkeywords: \"{keywords}\"\n---\n{body}\n"
        ),
    )
}

const SITE_RU: &str = "title = \"Блог\"\nbase_url = \"https://example.com/\"\nlanguage = \"ru\"\nposts_per_page = 2\n";

fn files() -> Vec<(String, String)> {
    let mut f = vec![("site.toml".to_owned(), SITE_RU.to_owned())];
    f.push(post("a", "2025-07-01", "Сервис, Яхты", "Яхты и капитаны."));
    f.push(post(
        "b",
        "2025-07-20T23:30:00+03:00",
        "сервис, Качество обслуживания",
        "Клиенты довольны.",
    ));
    f.push(post("c", "2025-06-05", "Сервис", "Клиентов обслуживают."));
    f.push(post("d", "2024-12-31", "Яхты, Сервис", "Капитан яхты."));
    f
}

#[test]
fn tags_archive_and_related_are_written() {
    let f = files();
    let refs: Vec<(&str, &str)> = f.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let c = content(&refs);
    let app = tempfile::tempdir().unwrap();
    std::fs::write(
        app.path().join("index.html"),
        "<!DOCTYPE html><html><head><title>App</title></head><body></body></html>",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let dist = out.path().join("dist");
    let r = run(&Options {
        content: c.path().into(),
        out: dist.clone(),
        app: blog_builder::AppSource::Dir(app.path().into()),
        strict: true,
    });
    assert!(r.written, "{:?}", r.diagnostics);
    let id = r.site.unwrap().build_id;
    let snap = snapshot(&dist);
    let text = |p: &str| {
        String::from_utf8(snap.get(p).unwrap_or_else(|| panic!("{p} missing")).clone()).unwrap()
    };
    // Each route's data, as its entry page carries it.
    let data = |route: &str| -> String {
        let page = text(&blog_bundle::route_file(route));
        blog_bundle::page_data(&page, route)
            .unwrap_or_else(|| panic!("{route} carries no data"))
            .to_owned()
    };
    let json = |route: &str| -> serde_json::Value { serde_json::from_str(&data(route)).unwrap() };

    // The tag index: most used first, ties by name.
    let index: blog_bundle::TagIndex = serde_json::from_str(&data("/tags/")).unwrap();
    let tags: Vec<(&str, &str, usize)> = index
        .tags
        .iter()
        .map(|t| (t.tag.slug.as_str(), t.tag.name.as_str(), t.count))
        .collect();
    assert_eq!(
        tags,
        [
            ("servis", "сервис", 4),
            ("yahty", "Яхты", 2),
            ("kachestvo-obsluzhivaniya", "Качество обслуживания", 1)
        ]
    );
    // Tag pages: newest first, paginated by posts_per_page.
    let p1: blog_bundle::TagPage = serde_json::from_str(&data("/tags/servis/")).unwrap();
    let p2: blog_bundle::TagPage = serde_json::from_str(&data("/tags/servis/page/2/")).unwrap();
    assert_eq!((p1.page, p1.page_count, p1.total), (1, 2, 4));
    let slugs = |p: &blog_bundle::TagPage| {
        p.posts
            .iter()
            .map(|s| s.path.trim_start_matches("blog/").to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(slugs(&p1), ["b", "a"]);
    assert_eq!(slugs(&p2), ["c", "d"]);
    assert!(!snap.contains_key("tags/servis/page/3/index.html"));
    assert!(snap.contains_key("tags/kachestvo-obsluzhivaniya/index.html"));
    assert!(
        !snap
            .keys()
            .any(|k| k.starts_with(&format!("data/{id}/tags"))),
        "no data files beside the pages"
    );

    // Archive: years then months, newest first, by UTC date (b is 2025-07-20 UTC).
    let archive: blog_bundle::Archive = serde_json::from_str(&data("/archive/")).unwrap();
    type Months = Vec<(u8, Vec<String>)>;
    let shape: Vec<(i32, Months)> = archive
        .years
        .iter()
        .map(|y| {
            (
                y.year,
                y.months
                    .iter()
                    .map(|m| {
                        (
                            m.month,
                            m.posts
                                .iter()
                                .map(|p| p.path.trim_start_matches("blog/").to_owned())
                                .collect(),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            (
                2025,
                vec![(7, vec!["b".into(), "a".into()]), (6, vec!["c".into()])]
            ),
            (2024, vec![(12, vec!["d".into()])]),
        ]
    );

    // Related: never itself, never empty, rare tags first in shared_tags.
    let a = json("/blog/a/");
    let related = a["related"].as_array().unwrap();
    assert_eq!(related.len(), 3);
    assert_eq!(related[0]["path"], "blog/d", "{a}");
    assert_eq!(related[0]["shared_tags"][0]["slug"], "yahty");
    for p in ["a", "b", "c", "d"] {
        let v = json(&format!("/blog/{p}/"));
        let r = v["related"].as_array().unwrap();
        assert!(
            !r.is_empty() && r.iter().all(|x| x["path"] != format!("blog/{p}")),
            "{p}"
        );
    }

    // Entry pages, titles, prerender, canonical URLs, sitemap.
    let title = |p: &str| {
        let h = text(p);
        let s = h.find("<title>").unwrap() + 7;
        h[s..h.find("</title>").unwrap()].to_owned()
    };
    assert_eq!(title("tags/index.html"), "Теги — Блог");
    assert_eq!(title("tags/servis/index.html"), "Тег «сервис» — Блог");
    assert_eq!(
        title("tags/servis/page/2/index.html"),
        "Тег «сервис» — Страница 2 из 2 — Блог"
    );
    assert_eq!(title("archive/index.html"), "Архив — Блог");
    let tag_page = text("tags/servis/index.html");
    assert!(
        tag_page.contains("<link rel=\"canonical\" href=\"https://example.com/tags/servis/\">")
    );
    // The app's own views (blog_views), so the same cards, counts and words.
    assert!(
        tag_page.contains("<h2 class=\"post-card-title\"><a href=\"/blog/b/\">Пост b</a>"),
        "{tag_page}"
    );
    assert!(
        tag_page.contains("<a rel=\"next\" href=\"/tags/servis/page/2/\">"),
        "{tag_page}"
    );
    let tags = text("tags/index.html");
    assert!(
        tags.contains(
            "<a href=\"/tags/yahty/\">Яхты</a> <span class=\"tag-count\">2 записи</span>"
        ),
        "{tags}"
    );
    let arch = text("archive/index.html");
    assert!(arch.contains("<h3>Июль 2025</h3>"), "{arch}");
    assert!(arch.contains("<h3>Декабрь 2024</h3>"), "{arch}");
    assert!(arch.contains("<link rel=\"canonical\" href=\"https://example.com/archive/\">"));
    assert!(!snap.contains_key("tags/servis/page/1/index.html"));
    let sitemap = text("sitemap.xml");
    for loc in [
        "tags/",
        "tags/servis/",
        "tags/servis/page/2/",
        "tags/yahty/",
        "archive/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.com/{loc}</loc>")),
            "{loc}"
        );
    }
}

#[test]
fn related_settings_come_from_site_toml() {
    let mut f = files();
    f[0].1.push_str("\n[related]\ncount = 1\nrecency = 2\n");
    let refs: Vec<(&str, &str)> = f.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let c = content(&refs);
    let mut d = Vec::new();
    let site = compile(c.path(), &[], &mut d).unwrap();
    assert!(site.posts.iter().all(|p| p.post.related.len() == 1));
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].message.contains("unknown key `related.recency`"));

    f[0].1.push_str("text_weight = \"high\"\n");
    let refs: Vec<(&str, &str)> = f.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let c = content(&refs);
    let mut d = Vec::new();
    assert!(compile(c.path(), &[], &mut d).is_none());
    assert!(
        d.iter()
            .any(|d| d.is_error() && d.message.contains("related.text_weight"))
    );
}

#[test]
fn builds_are_identical_with_related_posts() {
    let f = files();
    let refs: Vec<(&str, &str)> = f.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let c = content(&refs);
    let mut d = Vec::new();
    let one = compile(c.path(), &[], &mut d).unwrap();
    let two = compile(c.path(), &[], &mut d).unwrap();
    assert_eq!(one, two);
}

#[test]
fn seeds_get_related_posts() {
    let mut d = Vec::new();
    let site = compile(&common::seeds(), &[], &mut d).unwrap();
    for p in &site.posts {
        let r = &p.post.related;
        assert_eq!(r.len(), 4, "{}", p.post.summary.path);
        assert!(r.iter().all(|x| x.path != p.post.summary.path));
    }
}
