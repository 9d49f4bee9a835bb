//! The search index, queried the way the reader will query it.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use blog_builder::derive::search::{MAX_POSTINGS, SearchIndex, build_index};
use blog_builder::{Options, Site, compile, run};
use blog_bundle::query::{parse_query, rank};
use blog_bundle::search::{
    DOCS_PER_CHUNK, MAX_TEXT_CHARS, SearchDocs, SearchShard, docs_path, post_text, shard_key,
    shard_path,
};
use blog_bundle::text;
use common::{content, post};

const SITE_RU: &str = "title = \"Блог\"\nbase_url = \"https://example.com/\"\nlanguage = \"ru\"\nposts_per_page = 5\n";

/// A post with front matter `extra` (YAML lines) besides title and date.
fn post_with(title: &str, date: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\npubDate: {date}\n{extra}---\n{body}")
}

/// Compiles posts given as (file name, text); fails the test on any error.
fn site_of(posts: &[(String, String)]) -> Site {
    let mut files: Vec<(&str, &str)> = vec![("site.toml", SITE_RU)];
    files.extend(posts.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    let dir = content(&files);
    let mut diags = Vec::new();
    let site = compile(dir.path(), &[], &mut diags);
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    site.expect("compiles")
}

/// Posts `bodies[i]` as `p<i>.md`, one day apart, `p0` the oldest.
fn site_of_bodies(bodies: &[&str]) -> Site {
    let posts: Vec<(String, String)> = bodies
        .iter()
        .enumerate()
        .map(|(i, b)| {
            (
                format!("p{i}.md"),
                post(
                    &format!("Заметка {i}"),
                    &format!("2025-01-01T{:02}:{:02}:00Z", i / 60, i % 60),
                    b,
                ),
            )
        })
        .collect();
    site_of(&posts)
}

/// What the reader does (`blog_bundle::query`, the one ranking): the query
/// read as the reader reads it, ranked over this index. Returns paths
/// without the `blog/` of the default permalink, best first.
fn query(site: &Site, index: &SearchIndex, q: &str) -> Vec<String> {
    rank(&parse_query(q), |key| index.shards.get(key), usize::MAX)
        .best
        .into_iter()
        .map(|(doc, _)| {
            site.posts[doc as usize]
                .post
                .summary
                .path
                .trim_start_matches("blog/")
                .to_owned()
        })
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn russian_word_forms_find_each_other() {
    let site = site_of_bodies(&[
        "Мы работаем с клиент каждый день.",
        "Мы работаем с клиенты каждый день.",
        "Мы работаем с клиентов каждый день.",
        "Мы работаем с клиентам каждый день.",
        "Мы работаем с поставщиками каждый день.",
    ]);
    let index = build_index(&site);
    let all = ["p0", "p1", "p2", "p3"].map(String::from).to_vec();
    for (i, form) in ["клиент", "клиенты", "клиентов", "клиентам", "Клиентами"]
        .iter()
        .enumerate()
    {
        let found = query(&site, &index, form);
        assert_eq!(sorted(found.clone()), all, "{form}");
        // The exact form comes first.
        if i < 4 {
            assert_eq!(found[0], format!("p{i}"), "{form}: {found:?}");
        }
    }
}

#[test]
fn yo_and_ye_are_one_letter() {
    let site = site_of_bodies(&[
        "Наряжаем ёлку к празднику.",
        "Наряжаем елку к празднику.",
        "Ничего общего.",
    ]);
    let index = build_index(&site);
    for q in [
        "ёлка",
        "елка",
        "ЁЛКУ",
        "Ёлки",
        "елкой",
        "е\u{0308}лка",
        "Е\u{0308}ЛКА",
    ] {
        assert_eq!(sorted(query(&site, &index, q)), ["p0", "p1"], "{q}");
    }
}

#[test]
fn prefixes_find_whole_words() {
    let site = site_of_bodies(&[
        "Мы работаем с клиентами каждый день.",
        "Клиентский сервис важен.",
        "Климат сегодня мягкий.",
        "Ничего общего.",
    ]);
    let index = build_index(&site);
    assert_eq!(sorted(query(&site, &index, "клие")), ["p0", "p1"]);
    assert_eq!(sorted(query(&site, &index, "кли")), ["p0", "p1", "p2"]);
    assert_eq!(query(&site, &index, "клим"), ["p2"]);
    assert_eq!(
        query(&site, &index, "клиентам"),
        ["p0"],
        "prefix of a longer form"
    );
    // Only the last word is a prefix; the others must match whole ("клие" is
    // no word): no document has both, so the best partial match shows.
    assert_eq!(query(&site, &index, "клие сервис"), ["p1"]);
    assert_eq!(query(&site, &index, "клиентский серв"), ["p1"]);
}

#[test]
fn title_match_ranks_above_a_body_mention() {
    let filler = "Сегодня говорим о разном: погода, дорога, работа, отдых и планы. ";
    let site = site_of(&[
        (
            "a.md".into(),
            post("Ипотека для молодых семей", "2025-01-01", &filler.repeat(3)),
        ),
        (
            "b.md".into(),
            post(
                "Планы на лето",
                "2025-01-02",
                &format!("{}Кстати, ипотека подорожала. {}", filler, filler.repeat(2)),
            ),
        ),
        (
            "c.md".into(),
            post("Прогулка", "2025-01-03", &filler.repeat(3)),
        ),
    ]);
    let index = build_index(&site);
    assert_eq!(query(&site, &index, "ипотека"), ["a", "b"]);
    assert_eq!(query(&site, &index, "ипотеку"), ["a", "b"]);
    // The scale: a one-word title match in a post of average length ≈ 1000.
    let a = site
        .posts
        .iter()
        .position(|p| p.post.summary.path == "blog/a")
        .unwrap() as u32;
    let w = index.term(&text::stem("молодых")).unwrap();
    let title_weight = w.iter().find(|p| p.0 == a).unwrap().1;
    assert!((800..=1250).contains(&title_weight), "{title_weight}");
}

#[test]
fn fields_rank_title_tags_headings_description_body() {
    // Equal body lengths; the word is once in one field of each post.
    let filler = "раз два три четыре пять шесть семь восемь девять десять";
    let posts = vec![
        (
            "body.md",
            post_with(
                "Пост",
                "2025-01-01",
                "description: \"Заметка\"\n",
                &format!("{filler} лодка\n"),
            ),
        ),
        (
            "desc.md",
            post_with(
                "Пост",
                "2025-01-02",
                "description: \"Про лодка\"\n",
                &format!("{filler} одиннадцать\n"),
            ),
        ),
        (
            "head.md",
            post_with(
                "Пост",
                "2025-01-03",
                "description: \"Заметка\"\n",
                &format!("## Лодка\n\n{filler}\n"),
            ),
        ),
        (
            "tags.md",
            post_with(
                "Пост",
                "2025-01-04",
                "description: \"Заметка\"\ntags: [лодка]\n",
                &format!("{filler} одиннадцать\n"),
            ),
        ),
        (
            "title.md",
            post_with(
                "Лодка",
                "2025-01-05",
                "description: \"Заметка\"\n",
                &format!("{filler} одиннадцать\n"),
            ),
        ),
        (
            "none.md",
            post_with(
                "Пост",
                "2025-01-06",
                "description: \"Заметка\"\n",
                &format!("{filler} одиннадцать\n"),
            ),
        ),
    ];
    let posts: Vec<(String, String)> = posts.into_iter().map(|(n, t)| (n.into(), t)).collect();
    let site = site_of(&posts);
    let words: Vec<u32> = site
        .posts
        .iter()
        .map(|p| p.post.summary.word_count)
        .collect();
    assert!(words.iter().all(|&w| w == words[0]), "{words:?}");
    let index = build_index(&site);
    assert_eq!(
        query(&site, &index, "лодка"),
        ["title", "tags", "head", "desc", "body"]
    );
}

#[test]
fn nonsense_and_hostile_queries_do_no_harm() {
    let site = site_of_bodies(&[
        "Мы работаем с клиентами каждый день.",
        "Код: `<script>alert(1)</script>` и \"; DROP TABLE posts; --",
        "Ничего общего.",
    ]);
    let index = build_index(&site);
    for q in [
        "зюзюка",
        "qwxzv",
        "",
        "   ",
        "***",
        "!!!",
        "и в на",
        "a",
        "ы",
    ] {
        assert!(query(&site, &index, q).is_empty(), "{q:?}");
    }
    // A real word next to nonsense: the document with the real word.
    assert_eq!(query(&site, &index, "клиентами зюзюка"), ["p0"]);
    // Punctuation and markup are separators: what is left are plain words.
    assert_eq!(query(&site, &index, "<script>alert(1)</script>"), ["p1"]);
    assert_eq!(query(&site, &index, "\"; DROP"), ["p1"]);
    assert_eq!(query(&site, &index, "***клиентами***"), ["p0"]);
    // Odd input never panics.
    let long = "клиент ".repeat(2000);
    for q in [
        "\u{0}\u{1}\u{7f}",
        "😀 клиент 😀",
        "й\u{0306}",
        "\u{202e}клиент",
        "ǅ İ ß ﬀ",
        "日本語 テキスト",
        long.as_str(),
        "%00 ../../etc/passwd",
    ] {
        let _ = query(&site, &index, q);
    }
}

#[test]
fn postings_are_sorted_and_capped() {
    let bodies: Vec<String> = (0..MAX_POSTINGS + 20)
        .map(|i| format!("Общее слово. {}", "дополнение ".repeat(i % 7)))
        .collect();
    let bodies: Vec<&str> = bodies.iter().map(String::as_str).collect();
    let site = site_of_bodies(&bodies);
    let index = build_index(&site);
    for shard in index.shards.values() {
        for postings in shard.terms.values().chain(shard.words.values()) {
            assert!(postings.len() <= MAX_POSTINGS);
            assert!(
                postings
                    .windows(2)
                    .all(|w| w[0].1 > w[1].1 || (w[0].1 == w[1].1 && w[0].0 < w[1].0)),
                "best first, ties by document"
            );
        }
    }
    let common = index.term(&text::stem("общее")).unwrap();
    assert_eq!(common.len(), MAX_POSTINGS);
    // The shortest posts weigh most.
    let best = common[0].0 as usize;
    assert_eq!(site.posts[best].post.summary.word_count, 2);
}

fn read<T: serde::de::DeserializeOwned>(root: &Path, rel: &str) -> T {
    let bytes = std::fs::read(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_file_a_reader_needs_exists() {
    let mut files: Vec<(String, String)> = (0..150)
        .map(|i| {
            (
                format!("p{i:03}.md"),
                post_with(
                    &format!("Пост номер {i}"),
                    &format!("2024-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
                    "tags: [клиенты, сервис]\n",
                    &format!(
                        "## Раздел {i}\n\nТекст о клиентах и сервисе, вариант {i}.   \n\n\tЕщё    строка.\n"
                    ),
                ),
            )
        })
        .collect();
    files.push((
        "long.md".into(),
        post(
            "Длинный",
            "2023-01-01",
            &"слово ".repeat(MAX_TEXT_CHARS / 3),
        ),
    ));
    let mut all: Vec<(&str, &str)> = vec![("site.toml", SITE_RU)];
    all.extend(files.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    let dir = content(&all);
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("dist");
    let report = run(&Options {
        content: dir.path().to_path_buf(),
        out: out.clone(),
        app: blog_builder::AppSource::None,
        strict: false,
    });
    assert!(report.written, "{:?}", report.diagnostics);
    let site = report.site.unwrap();
    let b = site.build_id.clone();
    let n = site.posts.len() as u32;

    // Shards: each term and form sits in the shard of its key; every
    // document it points at exists.
    let shard_dir = out.join(format!("data/{b}/search/t"));
    let mut shard_files = 0;
    for e in std::fs::read_dir(&shard_dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        let shard: SearchShard = read(&shard_dir, &name);
        assert_eq!(shard.build_id, b);
        for (key, postings) in shard.terms.iter().chain(&shard.words) {
            assert_eq!(
                out.join(shard_path(&b, &shard_key(key))),
                shard_dir.join(&name),
                "{key}"
            );
            assert!(postings.iter().all(|&(doc, w)| doc < n && w > 0));
        }
        shard_files += 1;
    }
    assert!(shard_files > 0);
    // The shards a query for a word of the corpus needs.
    for w in ["клиентах", "сервис", "раздел", "вариант", "длинный"]
    {
        let shard: SearchShard = read(&out, &shard_path(&b, &shard_key(&text::stem(w))));
        assert!(shard.terms.contains_key(&text::stem(w)), "{w}");
        let shard: SearchShard = read(&out, &shard_path(&b, &shard_key(w)));
        assert!(shard.words.contains_key(w), "{w}");
    }
    // Document chunks in site order, and each result's snippet text from its
    // own post shard.
    for doc in 0..n {
        let chunk: SearchDocs = read(&out, &docs_path(&b, doc / DOCS_PER_CHUNK));
        assert_eq!(chunk.build_id, b);
        assert_eq!(chunk.first, doc / DOCS_PER_CHUNK * DOCS_PER_CHUNK);
        let d = &chunk.docs[(doc - chunk.first) as usize];
        let s = &site.posts[doc as usize].post.summary;
        assert_eq!((&d.path, &d.title, &d.date), (&s.path, &s.title, &s.date));
        let post: blog_bundle::Post = read(&out, &blog_bundle::post_path(&b, &d.path));
        assert_eq!(post.build_id, b);
        let t = post_text(&post);
        assert!(t.starts_with(&s.title), "{t}");
        assert!(t.chars().count() <= MAX_TEXT_CHARS);
        assert!(!t.contains("  ") && !t.contains(['\n', '\t']));
    }
    assert!(!out.join(docs_path(&b, n.div_ceil(DOCS_PER_CHUNK))).exists());
    assert!(!out.join(format!("data/{b}/search/f")).exists());
    let long: blog_bundle::Post = read(
        &out,
        &blog_bundle::post_path(&b, &site.posts[n as usize - 1].post.summary.path),
    );
    assert!(post_text(&long).chars().count() > MAX_TEXT_CHARS - 10);

    // The same content builds the same bytes.
    let again = tempfile::tempdir().unwrap();
    let again = again.path().join("dist");
    assert!(
        run(&Options {
            content: dir.path().to_path_buf(),
            out: again.clone(),
            app: blog_builder::AppSource::None,
            strict: false,
        })
        .written
    );
    let search = |root: &Path| -> BTreeMap<String, Vec<u8>> {
        common::snapshot(&root.join(format!("data/{b}/search")))
    };
    assert_eq!(search(&out), search(&again));
}
