//! Offline reading: the web app manifest and the service worker, written last
//! so the worker's precache lists name every file of the build with its hash.

use std::fs;
use std::path::Path;

use serde_json::json;
use sha2::{Digest, Sha256};

use crate::{Diagnostic, Site};

/// The service worker template; `/*CONFIG*/ {…}` is replaced by the build's lists.
const TEMPLATE: &str = include_str!("sw.js");
const CONFIG_MARK: &str = "/*CONFIG*/ { build: '', release: '', shell: [], content: [], cap: 0 }";

/// Default cap of what is cached in the background after the first visit.
pub const DEFAULT_CAP_BYTES: u64 = 25 * 1024 * 1024;

/// The `[offline]` table of site.toml: `cache_mb`, what the service worker
/// caches in the background after the first visit (the reader can still save
/// everything with one button). `None` after an error; a missing file or
/// table means the default.
pub fn cap_setting(site_toml: &Path, diags: &mut Vec<Diagnostic>) -> Option<u64> {
    let Ok(text) = fs::read_to_string(site_toml) else {
        return Some(DEFAULT_CAP_BYTES);
    };
    // Syntax errors are reported by crate::config.
    let Ok(table) = toml::from_str::<toml::Table>(text.trim_start_matches('\u{feff}')) else {
        return Some(DEFAULT_CAP_BYTES);
    };
    let line = |needle: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with(needle))
            .map(|i| i + 1)
    };
    let at = |d: Diagnostic, needle: &str| match line(needle) {
        Some(l) => d.line(l),
        None => d,
    };
    let offline = match table.get("offline") {
        None => return Some(DEFAULT_CAP_BYTES),
        Some(toml::Value::Table(t)) => t,
        Some(_) => {
            diags.push(
                at(
                    Diagnostic::error(site_toml, "`offline` must be a table"),
                    "offline",
                )
                .help("write it as a section:\n    [offline]\n    cache_mb = 25"),
            );
            return None;
        }
    };
    for key in offline.keys().filter(|k| *k != "cache_mb") {
        diags.push(
            at(
                Diagnostic::warning(site_toml, format!("unknown key `offline.{key}` is ignored")),
                key,
            )
            .help("the [offline] table knows: cache_mb"),
        );
    }
    let mb = match offline.get("cache_mb") {
        None => return Some(DEFAULT_CAP_BYTES),
        Some(toml::Value::Integer(n)) if *n >= 0 => *n as f64,
        Some(toml::Value::Float(f)) if *f >= 0.0 && f.is_finite() => *f,
        Some(other) => {
            diags.push(
                at(
                    Diagnostic::error(
                        site_toml,
                        format!("`offline.cache_mb` must be a number ≥ 0, found {other}"),
                    ),
                    "cache_mb",
                )
                .help(
                    "write e.g. cache_mb = 25 (0 caches only the app and the posts readers open)",
                ),
            );
            return None;
        }
    };
    Some((mb * 1024.0 * 1024.0) as u64)
}

/// Files never precached: the worker itself and files for crawlers and feed readers.
const SKIP: [&str; 5] = ["sw.js", "sitemap.xml", "robots.txt", "rss.xml", "_headers"];

/// One file of the site: path relative to the site root, content hash, size.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub path: String,
    pub hash: String,
    pub size: u64,
}

impl Entry {
    /// The entry of the file at `path` (relative to the site root) with `bytes`.
    pub fn of(path: &str, bytes: &[u8]) -> Self {
        Entry {
            path: path.to_owned(),
            hash: hex8(bytes),
            size: bytes.len() as u64,
        }
    }
}

/// Splits the site's files into the app shell (cached at install: what every
/// view needs, plus the home page with its data) and content (cached
/// afterwards in this order, up to the cap: list pages and the other pages
/// there is one of, posts' pages newest first, the search index, tag pages,
/// then pictures).
pub fn precache_lists(site: &Site, files: Vec<Entry>) -> (Vec<Entry>, Vec<Entry>) {
    let data = format!("data/{}/", site.build_id);
    // Newest first: a post's page by the post's position.
    let post_rank: std::collections::HashMap<String, usize> = site
        .posts
        .iter()
        .enumerate()
        .map(|(i, p)| (post_page(&p.post.summary.path), i))
        .collect();
    let (mut shell, mut content): (Vec<Entry>, Vec<Entry>) = files
        .into_iter()
        .filter(|e| !SKIP.contains(&e.path.as_str()))
        .partition(|e| {
            e.path == blog_bundle::MANIFEST_PATH
                || (!e.path.starts_with("data/") && !e.path.contains('/'))
        });
    shell.sort_by(|a, b| a.path.cmp(&b.path));
    // A picture with smaller copies is kept offline as one of them (the
    // 960 px one, what phones and the text column show); the worker answers
    // for any copy of a picture with the one it has.
    let is_copy = |path: &str| {
        path.starts_with("media/")
            && path
                .strip_suffix("w.webp")
                .and_then(|p| p.rsplit_once('-'))
                .is_some_and(|(_, w)| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
    };
    let with_copies: std::collections::HashSet<String> = content
        .iter()
        .filter(|e| is_copy(&e.path))
        .filter_map(|e| e.path.rsplit_once('/').map(|(dir, _)| dir.to_owned()))
        .collect();
    let group = |path: &str| {
        if path.starts_with("media/") {
            let in_dir = path
                .rsplit_once('/')
                .is_some_and(|(dir, _)| with_copies.contains(dir));
            let kept = if is_copy(path) {
                path.ends_with("-960w.webp")
            } else {
                !in_dir
            };
            return if kept { 4 } else { 6 };
        }
        if is_listing(path) {
            0
        } else if post_rank.contains_key(path) {
            1
        } else if path.starts_with(&data) {
            2
        } else {
            3
        }
    };
    content.sort_by_cached_key(|e| {
        let rank = post_rank.get(&e.path).copied().unwrap_or(usize::MAX);
        (group(&e.path), rank, e.path.clone())
    });
    (shell, content)
}

/// The entry page of the post at `path`, which carries its data.
fn post_page(path: &str) -> String {
    blog_bundle::route_file(&blog_bundle::post_route(path))
}

/// The pages of the post list and the pages there is one of (tags, archive,
/// search): what reading offline needs first.
fn is_listing(path: &str) -> bool {
    use blog_bundle::{ARCHIVE_ROUTE, SEARCH_ROUTE, TAGS_ROUTE, route_file};
    // List pages after the first are `page/<n>/` (`blog_bundle::list_route`).
    path.starts_with("page/")
        || [TAGS_ROUTE, ARCHIVE_ROUTE, SEARCH_ROUTE]
            .iter()
            .any(|route| route_file(route) == path)
}

/// The web app manifest, so the blog can be installed.
pub fn web_manifest(site: &Site) -> String {
    let c = &site.config;
    let manifest = json!({
        "name": c.title,
        "short_name": c.title.chars().take(12).collect::<String>(),
        "description": c.description,
        "lang": c.language,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#fffdf9",
        "theme_color": "#8a3a24",
        "icons": [
            {"src": "favicon.svg", "sizes": "any", "type": "image/svg+xml"},
            {"src": "icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "icon-512.png", "sizes": "512x512", "type": "image/png"},
            {"src": "icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"}
        ]
    });
    serde_json::to_string_pretty(&manifest).expect("a JSON value serialises")
}

/// The first 8 bytes of the SHA-256 of `bytes`, in hex: file and list versions.
fn hex8(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The content list, in chunks: `[path, kilobytes]` per file, where a path
/// in this build's data folder is written `~/…` (`~/search/keys.json`), and
/// a post's page `[path, kilobytes, 1]` (the worker counts what is saved).
///
/// The chunks are cut so that they stay the same from one release to the
/// next unless their files change: list pages; then a post's page by the
/// month of the post, newest first; then every other file by a hash of its
/// path. A chunk is named by its content's hash, and the worker of
/// a new release takes the chunks it already has from the old release's
/// cache: a release of a 50,000-post blog downloads the chunks of the months
/// that changed, not the whole list again. Sizes are kilobytes, rounded up,
/// so a byte more in a neighbour's "related" list seldom changes a chunk.
pub fn content_chunks(site: &Site, content: &[Entry]) -> Vec<(String, String)> {
    let data = format!("data/{}/", site.build_id);
    let month_of: std::collections::HashMap<String, String> = site
        .posts
        .iter()
        .map(|p| {
            let s = &p.post.summary;
            (post_page(&s.path), s.date.get(..7).unwrap_or("").to_owned())
        })
        .collect();
    let others = content
        .iter()
        .filter(|e| !month_of.contains_key(&e.path))
        .count();
    let buckets = (others / 1000).max(1).next_power_of_two() as u64;
    // (order, entries): pages first, months newest first, then buckets.
    let mut chunks: std::collections::BTreeMap<
        (u8, std::cmp::Reverse<String>, u64),
        Vec<serde_json::Value>,
    > = std::collections::BTreeMap::new();
    for e in content {
        let key = if is_listing(&e.path) {
            (0, std::cmp::Reverse(String::new()), 0)
        } else if let Some(month) = month_of.get(&e.path) {
            (1, std::cmp::Reverse(month.clone()), 0)
        } else {
            let bucket =
                u64::from_str_radix(&hex8(e.path.trim_start_matches(&data).as_bytes())[..8], 16)
                    .unwrap_or(0)
                    % buckets;
            (2, std::cmp::Reverse(String::new()), bucket)
        };
        let path = match e.path.strip_prefix(&data) {
            Some(rest) => format!("~/{rest}"),
            None => e.path.clone(),
        };
        let size = e.size.div_ceil(1024);
        chunks
            .entry(key)
            .or_default()
            .push(if month_of.contains_key(&e.path) {
                json!([path, size, 1])
            } else {
                json!([path, size])
            });
    }
    chunks
        .into_values()
        .map(|entries| {
            let text = serde_json::to_string(&entries).expect("JSON values serialise");
            (format!("offline/{}.json", hex8(text.as_bytes())), text)
        })
        .collect()
}

/// The service worker for the site's `files` (every file but the worker's
/// own, in the order they were written), and its content list in chunks (path, JSON): files of their own,
/// precached with the shell, so the worker stays a few kilobytes whatever the
/// number of posts, and browsers fetch it again on every update check.
pub fn service_worker(
    site: &Site,
    files: Vec<Entry>,
    cap: u64,
) -> Result<(String, Vec<(String, String)>), String> {
    // By path; a file written twice (the app's index.html, then the home
    // page over it) is what was written last.
    let files: std::collections::BTreeMap<String, Entry> =
        files.into_iter().map(|e| (e.path.clone(), e)).collect();
    let (shell, content) = precache_lists(site, files.into_values().collect());
    let mut shell = shell
        .iter()
        .map(|e| json!([e.path, e.hash]))
        .collect::<Vec<_>>();
    let chunks = content_chunks(site, &content);
    // Names the cache: any changed file (app, styles or content) makes a new
    // one, so two releases never share a cache even with the same build id.
    let hashes: Vec<(&str, &str)> = content
        .iter()
        .map(|e| (e.path.as_str(), e.hash.as_str()))
        .collect();
    let lists = serde_json::to_vec(&(&shell, &hashes)).expect("JSON values serialise");
    let release = hex8(&lists);
    let names: Vec<&str> = chunks.iter().map(|(name, _)| name.as_str()).collect();
    for name in &names {
        // Named by their content: the hash is in the name.
        shell.push(json!([
            name,
            name["offline/".len()..name.len() - ".json".len()]
        ]));
    }
    let config = json!({
        "build": site.build_id,
        "release": release,
        "shell": shell,
        "content": names,
        "cap": cap,
    });
    if !TEMPLATE.contains(CONFIG_MARK) {
        return Err("the service worker template lost its CONFIG mark".into());
    }
    let script = TEMPLATE.replacen(CONFIG_MARK, &config.to_string(), 1);
    Ok((script, chunks))
}

/// Writes `sw.js` and its content list, naming every file `written` before.
pub fn write_offline(
    site: &Site,
    written: Vec<Entry>,
    write: impl Fn(&str, &[u8]) -> Result<(), String>,
    cap: u64,
) -> Result<(), String> {
    let (script, chunks) = service_worker(site, written, cap)?;
    for (path, text) in &chunks {
        write(path, text.as_bytes())?;
    }
    write("sw.js", script.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use blog_bundle::SiteConfig;

    fn site() -> Site {
        Site {
            config: SiteConfig {
                title: "Блог".into(),
                description: "D".into(),
                language: "ru".into(),
                base_url: "https://x.org/".into(),
                author: "A".into(),
                posts_per_page: 10,
            },
            build_id: "b1".into(),
            posts: vec![],
            drafts: 0,
            counts: Default::default(),
        }
    }

    fn entry(path: &str) -> Entry {
        Entry {
            path: path.into(),
            hash: "h".into(),
            size: 1,
        }
    }

    #[test]
    fn shell_holds_what_every_view_needs_and_content_the_rest() {
        let all = [
            "index.html",
            "404.html",
            "app-1.js",
            "app-1_bg.wasm",
            "main.css",
            "favicon.svg",
            "manifest.webmanifest",
            "sw.js",
            "rss.xml",
            "sitemap.xml",
            "robots.txt",
            "data/manifest.json",
            "data/b1/search/keys.json",
            "blog/p0/index.html",
            "page/2/index.html",
            "tags/index.html",
            "tags/x/index.html",
            "archive/index.html",
            "media/aa/photo.jpg",
            "media/aa/photo-480w.webp",
            "media/aa/photo-960w.webp",
            "media/bb/icon.png",
        ];
        let (site, _) = grown(1, "b1");
        let (shell, content) = precache_lists(&site, all.iter().map(|p| entry(p)).collect());
        let names = |v: &[Entry]| v.iter().map(|e| e.path.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&shell),
            [
                "404.html",
                "app-1.js",
                "app-1_bg.wasm",
                "data/manifest.json",
                "favicon.svg",
                "index.html",
                "main.css",
                "manifest.webmanifest"
            ]
        );
        assert_eq!(
            names(&content),
            [
                "archive/index.html",
                "page/2/index.html",
                "tags/index.html",
                "blog/p0/index.html",
                "data/b1/search/keys.json",
                "tags/x/index.html",
                // A picture offline as its 960 px copy; its others last.
                "media/aa/photo-960w.webp",
                "media/bb/icon.png",
                "media/aa/photo-480w.webp",
                "media/aa/photo.jpg"
            ]
        );
        // Posts' pages are marked, so the worker can count the posts it keeps.
        let chunks = content_chunks(&site, &content);
        let listed: Vec<&str> = chunks.iter().map(|(_, text)| text.as_str()).collect();
        assert!(
            listed.contains(&r#"[["blog/p0/index.html",1,1]]"#),
            "{listed:?}"
        );
        assert!(
            listed.contains(
                &r#"[["archive/index.html",1],["page/2/index.html",1],["tags/index.html",1]]"#
            ),
            "{listed:?}"
        );
    }

    #[test]
    fn worker_carries_hashes_and_changes_with_any_file() {
        let files = |index: &str| {
            vec![
                Entry::of("index.html", b"the app's own"),
                Entry::of("data/b1/search/keys.json", b"{}"),
                Entry::of("index.html", index.as_bytes()),
            ]
        };
        let (one, chunks) = service_worker(&site(), files("a"), 100).unwrap();
        assert_eq!(chunks.len(), 1);
        let (chunk_path, chunk) = &chunks[0];
        assert_eq!(chunk, r#"[["~/search/keys.json",1]]"#);
        // The chunk is a file of the shell, named and versioned by its own hash.
        let hash = &chunk_path["offline/".len()..chunk_path.len() - ".json".len()];
        assert_eq!(hash.len(), 16);
        assert!(
            one.contains(&format!(
                r#""shell":[["index.html","ca978112ca1bbdca"],["{chunk_path}","{hash}"]]"#
            )),
            "{one}"
        );
        assert!(
            one.contains(&format!(r#""content":["{chunk_path}"]"#)),
            "{one}"
        );
        assert!(!one.contains("search/keys.json"));
        assert!(one.contains(r#""cap":100"#));
        assert!(one.contains(r#""release":""#));
        assert!(!one.contains("/*CONFIG*/"));
        assert_ne!(service_worker(&site(), files("b"), 100).unwrap().0, one);
    }

    /// A site of `n` posts, one a day, and its content files.
    fn grown(n: usize, build: &str) -> (Site, Vec<Entry>) {
        let mut s = site();
        s.build_id = build.into();
        let mut files = Vec::new();
        for i in 0..n {
            let path = format!("blog/p{i}");
            let date = crate::dates::ymd_of_days(19_000 + i as i64);
            let mut p = crate::BuiltPost {
                post: blog_bundle::Post {
                    build_id: build.into(),
                    summary: blog_bundle::PostSummary {
                        path: path.clone(),
                        title: "T".into(),
                        description: String::new(),
                        date,
                        updated: None,
                        author: String::new(),
                        hero_image: None,
                        hero_width: None,
                        hero_variants: vec![],
                        word_count: 1,
                        reading_minutes: 1,
                        tags: vec![],
                    },
                    headline: None,
                    toc: vec![],
                    body: vec![],
                    prev: None,
                    next: None,
                    related: vec![],
                },
                timestamp: 0,
                schema: None,
                source: Default::default(),
                aliases: vec![],
                media: vec![],
            };
            p.timestamp = i as i64;
            s.posts.insert(0, p);
            files.push(Entry {
                path: format!("{path}/index.html"),
                hash: build.into(),
                size: 9000,
            });
            files.push(Entry {
                path: format!("data/{build}/search/t/{i:04x}.json"),
                hash: build.into(),
                size: 500,
            });
        }
        (s, files)
    }

    #[test]
    fn a_release_changes_only_the_chunks_whose_files_changed() {
        let (a, files_a) = grown(3000, "b1");
        // A new build: one post more, every path under the new build id.
        let (b, files_b) = grown(3001, "b2");
        let names = |site: &Site, files: &[Entry]| -> std::collections::HashSet<String> {
            content_chunks(site, files)
                .into_iter()
                .map(|c| c.0)
                .collect()
        };
        let (old, new) = (names(&a, &files_a), names(&b, &files_b));
        let changed = new.difference(&old).count();
        assert!(new.len() > 50, "{}", new.len());
        // The new post's month and the bucket of its search shard.
        assert!(changed <= 2, "{changed} of {} chunks changed", new.len());
    }

    #[test]
    fn cap_comes_from_the_offline_table() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("site.toml");
        let cap = |text: &str| {
            fs::write(&file, text).unwrap();
            let mut d = Vec::new();
            (cap_setting(&file, &mut d), d)
        };
        assert_eq!(cap("title = \"T\"\n").0, Some(DEFAULT_CAP_BYTES));
        assert_eq!(cap("[offline]\ncache_mb = 1\n").0, Some(1024 * 1024));
        assert_eq!(cap("[offline]\ncache_mb = 0.5\n").0, Some(512 * 1024));
        assert_eq!(cap("[offline]\ncache_mb = 0\n").0, Some(0));
        let (c, d) = cap("[offline]\ncache_mb = 2\nsize = 1\n");
        assert_eq!(c, Some(2 * 1024 * 1024));
        assert!(!d[0].is_error() && d[0].line == Some(3), "{d:?}");
        for bad in [
            "[offline]\ncache_mb = -1\n",
            "[offline]\ncache_mb = \"25\"\n",
            "offline = 3\n",
        ] {
            let (c, d) = cap(bad);
            assert_eq!(c, None, "{bad}");
            assert!(d[0].is_error() && d[0].line.is_some(), "{bad}: {d:?}");
        }
        assert_eq!(
            cap_setting(&dir.path().join("missing.toml"), &mut Vec::new()),
            Some(DEFAULT_CAP_BYTES)
        );
    }

    #[test]
    fn manifest_is_installable() {
        let m: serde_json::Value = serde_json::from_str(&web_manifest(&site())).unwrap();
        assert_eq!(m["name"], "Блог");
        assert_eq!(m["start_url"], "./");
        assert!(
            m["icons"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["sizes"] == "512x512")
        );
    }
}
