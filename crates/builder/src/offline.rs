//! Offline reading: the web app manifest and the service worker, written last
//! so the worker's precache lists name every file of the build with its hash.

use std::fs;
use std::path::Path;

use serde_json::json;
use sha2::{Digest, Sha256};

use crate::{Diagnostic, Site};

/// The service worker template; `/*CONFIG*/ {…}` is replaced by the build's lists.
const TEMPLATE: &str = include_str!("sw.js");
const CONFIG_MARK: &str = "/*CONFIG*/ { build: '', release: '', shell: [], content: '', cap: 0 }";

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

/// Every file below `root`, sorted by path (read and hashed in parallel).
fn files(root: &Path) -> Result<Vec<Entry>, String> {
    let mut paths = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in
            fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        {
            let path = entry
                .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
                .path();
            if path.is_dir() {
                todo.push(path);
            } else if path.ends_with(crate::guard::MARKER) && path.parent() == Some(root) {
                // The output's marker is no part of the site.
            } else {
                paths.push(path);
            }
        }
    }
    let entry = |path: &Path| -> Result<Entry, String> {
        let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let rel = path.strip_prefix(root).expect("below root");
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        Ok(Entry {
            path: rel,
            hash: hex8(&bytes),
            size: bytes.len() as u64,
        })
    };
    let mut out = crate::par_ranges(paths.len(), |range| {
        range.map(|i| entry(&paths[i])).collect()
    })
    .into_iter()
    .collect::<Result<Vec<_>, String>>()?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Splits the site's files into the app shell (cached at install: what every
/// view needs, plus the home page's data) and content (cached afterwards in
/// this order, up to the cap: list pages, posts newest first, other shards,
/// then the entry pages).
pub fn precache_lists(site: &Site, files: Vec<Entry>) -> (Vec<Entry>, Vec<Entry>) {
    let data = format!("data/{}/", site.build_id);
    let first_page = blog_bundle::page_path(&site.build_id, 1);
    // Newest first: a post's shard and its entry page by the post's position.
    let mut post_rank = std::collections::HashMap::new();
    for (i, p) in site.posts.iter().enumerate() {
        let slug = &p.post.summary.path;
        post_rank.insert(blog_bundle::post_path(&site.build_id, slug), i);
        post_rank.insert(format!("blog/{slug}/index.html"), i);
    }
    let (mut shell, mut content): (Vec<Entry>, Vec<Entry>) = files
        .into_iter()
        .filter(|e| !SKIP.contains(&e.path.as_str()))
        .partition(|e| {
            e.path == blog_bundle::MANIFEST_PATH
                || e.path == first_page
                || (!e.path.starts_with("data/") && !e.path.contains('/'))
        });
    shell.sort_by(|a, b| a.path.cmp(&b.path));
    let (pages, posts, texts) = (
        format!("{data}pages/"),
        format!("{data}posts/"),
        format!("{data}search/f/"),
    );
    let group = |path: &str| {
        if path.starts_with(&pages) {
            0
        } else if path.starts_with(&posts) {
            1
        } else if path.starts_with(&texts) {
            // Snippet texts: search works without them (it shows descriptions).
            5
        } else if path.starts_with(&data) {
            2
        } else if path.starts_with("blog/") {
            3
        } else {
            4
        }
    };
    content.sort_by_cached_key(|e| {
        let rank = post_rank.get(&e.path).copied().unwrap_or(usize::MAX);
        (group(&e.path), rank, e.path.clone())
    });
    (shell, content)
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

/// The service worker for the files now in `root`, and its content list
/// (path, JSON). The list is a file of its own, precached with the shell: the
/// worker stays a few kilobytes whatever the number of posts, and browsers
/// fetch it again on every update check.
pub fn service_worker(
    site: &Site,
    root: &Path,
    cap: u64,
) -> Result<(String, (String, String)), String> {
    let (shell, content) = precache_lists(site, files(root)?);
    let mut shell = shell
        .iter()
        .map(|e| json!([e.path, e.hash]))
        .collect::<Vec<_>>();
    let content = content
        .iter()
        .map(|e| json!([e.path, e.hash, e.size]))
        .collect::<Vec<_>>();
    // Names the cache: any changed file (app, styles or content) makes a new
    // one, so two releases never share a cache even with the same build id.
    let lists = serde_json::to_vec(&(&shell, &content)).expect("JSON values serialise");
    let release = hex8(&lists);
    let list = serde_json::to_string(&content).expect("JSON values serialise");
    let list_hash = hex8(list.as_bytes());
    let list_path = format!("offline-{list_hash}.json");
    shell.push(json!([list_path, list_hash]));
    let config = json!({
        "build": site.build_id,
        "release": release,
        "shell": shell,
        "content": list_path,
        "cap": cap,
    });
    if !TEMPLATE.contains(CONFIG_MARK) {
        return Err("the service worker template lost its CONFIG mark".into());
    }
    let script = TEMPLATE.replacen(CONFIG_MARK, &config.to_string(), 1);
    Ok((script, (list_path, list)))
}

/// Writes `manifest.webmanifest`, then `sw.js` naming every other file.
pub fn write_offline(site: &Site, root: &Path, cap: u64) -> Result<(), String> {
    let write = |name: &str, text: String| {
        fs::write(root.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))
    };
    write("manifest.webmanifest", web_manifest(site))?;
    let (script, (list_path, list)) = service_worker(site, root, cap)?;
    write(&list_path, list)?;
    write("sw.js", script)
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
            "data/b1/pages/1.json",
            "data/b1/pages/2.json",
            "data/b1/posts/a.json",
            "data/b1/tags.json",
            "blog/a/index.html",
            "page/2/index.html",
        ];
        let (shell, content) = precache_lists(&site(), all.iter().map(|p| entry(p)).collect());
        let names = |v: &[Entry]| v.iter().map(|e| e.path.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&shell),
            [
                "404.html",
                "app-1.js",
                "app-1_bg.wasm",
                "data/b1/pages/1.json",
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
                "data/b1/pages/2.json",
                "data/b1/posts/a.json",
                "data/b1/tags.json",
                "blog/a/index.html",
                "page/2/index.html"
            ]
        );
    }

    #[test]
    fn worker_carries_hashes_and_changes_with_any_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("index.html"), "a").unwrap();
        fs::create_dir_all(dir.path().join("data/b1/posts")).unwrap();
        fs::write(dir.path().join("data/b1/posts/x.json"), "{}").unwrap();
        let (one, (list_path, list)) = service_worker(&site(), dir.path(), 100).unwrap();
        assert_eq!(list, r#"[["data/b1/posts/x.json","44136fa355b3678a",2]]"#);
        // The list is a file of the shell, named and versioned by its own hash.
        let list_hash = &list_path["offline-".len()..list_path.len() - ".json".len()];
        assert_eq!(list_hash.len(), 16);
        assert!(
            one.contains(&format!(
                r#""shell":[["index.html","ca978112ca1bbdca"],["{list_path}","{list_hash}"]]"#
            )),
            "{one}"
        );
        assert!(
            one.contains(&format!(r#""content":"{list_path}""#)),
            "{one}"
        );
        assert!(!one.contains("data/b1/posts/x.json"));
        assert!(one.contains(r#""cap":100"#));
        assert!(one.contains(r#""release":""#));
        assert!(!one.contains("/*CONFIG*/"));
        fs::write(dir.path().join("index.html"), "b").unwrap();
        assert_ne!(service_worker(&site(), dir.path(), 100).unwrap().0, one);
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
