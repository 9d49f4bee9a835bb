//! Building the real posts in /content.

mod common;

use blog_builder::{Severity, compile};

#[test]
fn seeds_build_newest_first_with_located_warnings() {
    let mut diags = Vec::new();
    let site = compile(&common::seeds(), &[], &mut diags).expect("the seeds build");
    let slugs: Vec<_> = site
        .posts
        .iter()
        .map(|p| p.post.summary.path.as_str())
        .collect();
    assert_eq!(
        slugs,
        [
            "blog/kachestvo-obsluzhivaniya",
            "blog/otnosheniya-s",
            "blog/servisnyy-podhod",
            "blog/vpechatleniya-klientov",
            "blog/rutina-konserzha"
        ]
    );
    assert_eq!(site.drafts, 0);
    assert!(
        diags.iter().all(|d| d.severity == Severity::Warning),
        "{diags:#?}"
    );

    // Every warning has a file and a line.
    let located: Vec<(String, usize, &str)> = diags
        .iter()
        .map(|d| {
            (
                d.file.file_name().unwrap().to_string_lossy().into_owned(),
                d.line.expect("line"),
                d.message.as_str(),
            )
        })
        .collect();
    let broken: Vec<_> = located
        .iter()
        .filter(|d| d.2.starts_with("links to /blog/"))
        .collect();
    let markers: Vec<_> = located
        .iter()
        .filter(|d| d.2.starts_with("link text is \">-\""))
        .collect();
    assert_eq!(broken.len(), 15, "{located:#?}");
    assert_eq!(markers.len(), 4, "{located:#?}");
    assert_eq!(diags.len(), 19, "{located:#?}");
    let at = |file: &str, line: usize| {
        located
            .iter()
            .filter(|d| d.0 == file && d.1 == line)
            .map(|d| d.2)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        at("kachestvo-obsluzhivaniya.md", 97),
        [
            "links to /blog/kak-sostavit-dogovor-arendy-maksimalno-zaschischayuschiy-sobstvennika/, which is not a post in ".to_owned()
                + &common::seeds().display().to_string()
                + ": add the post, fix the link or remove it",
            "link text is \">-\" (a YAML marker, not a title): write the linked post's title".to_owned(),
        ]
    );
    let marker_lines: Vec<_> = markers.iter().map(|d| (d.0.as_str(), d.1)).collect();
    assert_eq!(
        marker_lines,
        [
            ("kachestvo-obsluzhivaniya.md", 97),
            ("otnosheniya-s.md", 104),
            ("otnosheniya-s.md", 105),
            ("vpechatleniya-klientov.md", 106),
        ]
    );
    assert_eq!(at("rutina-konserzha.md", 117).len(), 1);

    // The >- items that were also broken are gone; the others stay as text.
    let otn = &site.posts[1].post;
    let Some(blog_bundle::Block::List { items, .. }) = otn.body.last() else {
        panic!()
    };
    assert_eq!(items.len(), 1);
    let json = serde_json::to_string(&otn.body).unwrap();
    assert!(!json.contains(">-"));
    assert!(!json.contains("/blog/"), "no dead links");

    // The leading H1 is the headline, not a body heading.
    let k = &site.posts[0].post;
    assert_eq!(
        k.headline.as_deref(),
        Some(
            "Качество обслуживания: что это такое и почему оно решает всё (особенно в премиум-сегменте)"
        )
    );
    assert!(!json.contains("\"level\":1"));
    assert_eq!(
        k.toc[0].id,
        "почему-высокий-сервис-это-не-роскошь-а-новая-норма-для-успешных-людей"
    );
    assert!(k.summary.reading_minutes >= 5 && k.summary.word_count > 900);
    assert_eq!(k.summary.tags[0].slug, "kachestvo-obsluzhivaniya");
    assert_eq!(k.prev.as_ref().unwrap().path, "blog/otnosheniya-s");
    assert!(k.next.is_none());

    // Block-style front matter: folded description joined into one line.
    let r = &site.posts[4].post;
    assert_eq!(
        r.summary.description,
        "Узнайте, из чего состоит день консьержа ButlerSPB. От утреннего кофе и планирования до решения нетривиальных задач и выполнения самых неожиданных запросов."
    );
    assert!(r.summary.tags.is_empty());
    assert_eq!(r.summary.date, "2025-07-24");
    assert_eq!(site.posts[4].schema.as_ref().unwrap()["@type"], "HowTo");
    assert!(r.next.is_some() && r.prev.is_none());
}
