//! How posts link to each other on the author's previous site, and which post
//! each such link means here.
//!
//! Authors wrote links the way their generator wanted: the post's URL on the
//! old site (`/blog/three-million/`, `/2015/12/03/facebook-sponsorship.html`,
//! `https://blog.rust-lang.org/2021/05/10/Rust-1.52.1/`), the source file
//! (`../other.md`, Zola's `@/inside-rust/x.md`, Jekyll's `{% post_url %}`,
//! Hugo's `{{< ref >}}`), or an alias. [`Links`] answers all of them with the
//! post's path in this build.

use std::collections::HashMap;

use crate::dates::date_in_path;

/// Prefixes under which blogs put their posts (`/blog/x/`, `/news/x/`…): a link
/// `/<prefix>/<slug>/` means the post `slug` when exactly one post has that slug.
const POST_PREFIXES: [&str; 8] = [
    "blog", "posts", "post", "news", "articles", "p", "notes", "writing",
];

/// One post as links can name it.
#[derive(Debug)]
pub struct Entry<'a> {
    /// The post's path in this build (`blog/x`).
    pub path: &'a str,
    /// Its source file relative to the posts folder (`2022-04-22-x.md`, `x/index.md`).
    pub source: &'a str,
    /// Its slug (the last segment of its path, as the old site had it).
    pub slug: &'a str,
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    /// Its old URLs (`aliases`, `redirect_from`) and own URL as written.
    pub urls: Vec<&'a str>,
}

/// Strips what different hosts and generators put around the same path:
/// slashes, `index.html`, `.html` and source extensions; lowercased.
pub fn normalise(path: &str) -> String {
    let p = path.trim_matches('/');
    let p = p
        .strip_suffix("index.html")
        .unwrap_or(p)
        .trim_end_matches('/');
    let p = [".html", ".htm", ".md", ".markdown", ".mdx"]
        .iter()
        .find_map(|e| p.strip_suffix(e))
        .unwrap_or(p);
    p.to_ascii_lowercase()
}

/// A source path without its extension (and `x/index` → `x`), lowercased.
fn source_key(source: &str) -> String {
    let s = normalise(source);
    match s
        .strip_suffix("/index")
        .or_else(|| s.strip_suffix("/_index"))
    {
        Some(dir) => dir.to_owned(),
        None => s,
    }
}

/// Follows the `/`-separated `path` from the folder `parts`: `.` and empty
/// segments stay, `..` goes up (never above the top).
pub fn push_segments<'a>(parts: &mut Vec<&'a str>, path: &'a str) {
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
}

#[derive(Default)]
pub struct Links {
    by_url: HashMap<String, String>,
    by_source: HashMap<String, String>,
    by_source_name: HashMap<String, Option<String>>,
    by_date_slug: HashMap<(String, String), String>,
    by_slug: HashMap<String, Option<String>>,
}

fn insert_unique(map: &mut HashMap<String, Option<String>>, key: String, path: &str) {
    map.entry(key)
        .and_modify(|v| {
            if v.as_deref() != Some(path) {
                *v = None
            }
        })
        .or_insert_with(|| Some(path.to_owned()));
}

impl Links {
    pub fn new<'a>(entries: impl IntoIterator<Item = Entry<'a>>) -> Links {
        let mut links = Links::default();
        for e in entries {
            links.by_url.insert(normalise(e.path), e.path.to_owned());
            for url in &e.urls {
                links
                    .by_url
                    .entry(normalise(url))
                    .or_insert_with(|| e.path.to_owned());
            }
            let key = source_key(e.source);
            let name = key.rsplit('/').next().unwrap_or(&key).to_owned();
            links.by_source.insert(key, e.path.to_owned());
            insert_unique(&mut links.by_source_name, name, e.path);
            let slug = e.slug.to_ascii_lowercase();
            links
                .by_date_slug
                .insert((e.date.to_owned(), slug.clone()), e.path.to_owned());
            insert_unique(&mut links.by_slug, slug, e.path);
        }
        links
    }

    /// The post a site path names (`/blog/x/`, `/2015/12/03/x.html`, `/p/2009/01/01/x/`).
    pub fn site(&self, path: &str) -> Option<&str> {
        let key = normalise(path);
        if let Some(p) = self.by_url.get(&key) {
            return Some(p);
        }
        if let Some(p) = self.dated(&key) {
            return Some(p);
        }
        let segments: Vec<&str> = key.split('/').collect();
        let slug = match segments.as_slice() {
            [one] => Some(*one),
            [prefix, one] if POST_PREFIXES.contains(prefix) => Some(*one),
            _ => None,
        };
        if let Some(Some(p)) = slug.and_then(|s| self.by_slug.get(s)) {
            return Some(p);
        }
        self.source(&key, "")
    }

    /// The post a dated path names (`/2014/10/30/Stability.html`): its date and
    /// slug must both match, so this holds for links to the old site's own
    /// domain even when the settings do not say which domain that was.
    pub fn dated(&self, path: &str) -> Option<&str> {
        let key = normalise(path);
        let (date, rest) = date_in_path(&key)?;
        if rest.is_empty() || rest.contains('/') {
            return None;
        }
        self.by_date_slug
            .get(&(date.date, rest))
            .map(String::as_str)
    }

    /// The post a link to a source file names: `other.md` relative to the
    /// folder `from` (relative to the posts folder), or from the posts folder
    /// itself when it starts with `/` or `@/` (Zola).
    pub fn source(&self, link: &str, from: &str) -> Option<&str> {
        let (rooted, link) = match link.strip_prefix("@/").or_else(|| link.strip_prefix('/')) {
            Some(rest) => (true, rest),
            None => (false, link),
        };
        let mut parts: Vec<&str> = if rooted {
            Vec::new()
        } else {
            from.split('/').filter(|s| !s.is_empty()).collect()
        };
        push_segments(&mut parts, link);
        let key = source_key(&parts.join("/"));
        if let Some(p) = self.by_source.get(&key) {
            return Some(p);
        }
        // Jekyll links name `_posts/…` and `{% post_url %}` only the file name.
        let name = key.rsplit('/').next().unwrap_or(&key);
        self.by_source_name.get(name).and_then(|p| p.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links {
        Links::new([
            Entry {
                path: "blog/three-million",
                source: "2022-04-22-three-million.md",
                slug: "three-million",
                date: "2022-04-22",
                urls: vec![],
            },
            Entry {
                path: "2021/05/10/Rust-1.52.1",
                source: "Rust-1.52.1.md",
                slug: "Rust-1.52.1",
                date: "2021-05-10",
                urls: vec!["2021/05/10/Rust-1.52.1", "2021/05/10/Rust-1.52.1.html"],
            },
            Entry {
                path: "blog/facebook-sponsorship",
                source: "2015-12-03-facebook-sponsorship.markdown",
                slug: "facebook-sponsorship",
                date: "2015-12-03",
                urls: vec![],
            },
            Entry {
                path: "blog/polonius-update",
                source: "inside-rust/polonius-update/index.md",
                slug: "polonius-update",
                date: "2023-10-06",
                urls: vec![],
            },
        ])
    }

    #[test]
    fn links_written_the_old_sites_way() {
        let l = links();
        // (link as written, the post's path)
        let cases = [
            ("/blog/three-million/", Some("blog/three-million")),
            ("/2021/05/10/Rust-1.52.1/", Some("2021/05/10/Rust-1.52.1")),
            (
                "/2021/05/10/rust-1.52.1.html",
                Some("2021/05/10/Rust-1.52.1"),
            ),
            (
                "/2015/12/03/facebook-sponsorship.html",
                Some("blog/facebook-sponsorship"),
            ),
            (
                "/news/2015/12/03/facebook-sponsorship/",
                Some("blog/facebook-sponsorship"),
            ),
            (
                "/p/2023/10/06/polonius-update/",
                Some("blog/polonius-update"),
            ),
            ("/posts/three-million", Some("blog/three-million")),
            ("/docs/permalinks/", None),
            ("/2014/10/30/x/", None),
            ("/2015/12/04/facebook-sponsorship.html", None),
            ("/blog/firstpost.md", None),
        ];
        for (link, want) in cases {
            assert_eq!(l.site(link), want, "{link}");
        }
        let sources = [
            (
                "../2022-04-22-three-million.md",
                "x",
                Some("blog/three-million"),
            ),
            (
                "2022-04-22-three-million.md",
                "",
                Some("blog/three-million"),
            ),
            (
                "@/inside-rust/polonius-update/index.md",
                "a/b",
                Some("blog/polonius-update"),
            ),
            (
                "_posts/2015-12-03-facebook-sponsorship.markdown",
                "",
                Some("blog/facebook-sponsorship"),
            ),
            (
                "2015-12-03-facebook-sponsorship",
                "",
                Some("blog/facebook-sponsorship"),
            ),
            ("./rust-vision-doc.md", "", None),
        ];
        for (link, from, want) in sources {
            assert_eq!(l.source(link, from), want, "{link}");
        }
        assert_eq!(
            l.dated("/2015/12/03/facebook-sponsorship.html"),
            Some("blog/facebook-sponsorship")
        );
        assert_eq!(l.dated("/blog/three-million/"), None);
    }
}
