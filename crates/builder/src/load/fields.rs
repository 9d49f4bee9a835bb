//! What the front-matter fields of the five generators mean.
//!
//! Each meaning is read from the first of its keys that a post has (the table
//! in the README lists them). Keys that only drive another generator's
//! templates are accepted quietly; any other key is either a likely typo of a
//! known one (a warning that says which) or an author's own field, counted in
//! the summary.

use std::path::Path;

use serde_json::Value;

use super::frontmatter::Raw;
use crate::diagnostics::Diagnostic;

/// The keys of each meaning, first match wins.
pub const TITLE: &[&str] = &["title"];
pub const DATE: &[&str] = &["pubDate", "date", "publishDate", "pubdate", "created"];
pub const UPDATED: &[&str] = &[
    "updatedDate",
    "updated",
    "lastmod",
    "last_modified_at",
    "modified",
    "lastModified",
];
pub const DESCRIPTION: &[&str] = &["description", "summary", "excerpt"];
pub const TAGS: &[&str] = &["keywords", "tags"];
pub const CATEGORIES: &[&str] = &["categories", "category"];
pub const AUTHORS: &[&str] = &["author", "authors"];
pub const IMAGE: &[&str] = &[
    "heroImage",
    "coverImage",
    "cover",
    "image",
    "images",
    "featured_image",
    "featuredImage",
    "thumbnail",
    "banner",
    "ogImage",
    "og_image",
];
pub const DRAFT: &[&str] = &["draft"];
pub const SLUG: &[&str] = &["slug"];
/// A post's own URL: Hugo's `url`, Jekyll's and Eleventy's `permalink`, Zola's `path`.
pub const URL: &[&str] = &["url", "permalink", "path"];
pub const ALIASES: &[&str] = &["aliases", "redirect_from"];
pub const SCHEMA: &[&str] = &["schema"];
/// Tables whose keys count too: Zola's `[taxonomies]` and `[extra]`, Hugo's `params`.
const NESTED: &[&str] = &["taxonomies", "extra", "params"];

/// Keys that only shape another generator's pages (layouts, menus, feeds,
/// comments, ordering…): accepted without a word.
pub const TEMPLATE_ONLY: &[&str] = &[
    "layout",
    "template",
    "weight",
    "toc",
    "math",
    "katex",
    "mathjax",
    "mermaid",
    "comments",
    "pinned",
    "featured",
    "type",
    "menu",
    "menus",
    "sort_by",
    "paginate",
    "paginate_by",
    "paginate_path",
    "paginate_reversed",
    "render",
    "in_search_index",
    "generate_feeds",
    "transparent",
    "page_template",
    "insert_anchor_links",
    "sitemap",
    "robots",
    "outputs",
    "build",
    "cascade",
    "headless",
    "linkTitle",
    "markup",
    "resources",
    "expiryDate",
    "keywords_meta",
    "hidden",
    "lang",
    "language",
    "translationKey",
    "isCJKLanguage",
    "eleventyNavigation",
    "eleventyComputed",
    "eleventyImport",
    "eleventyExcludeFromCollections",
    "eleventyDataSchema",
    "permalinkBypassOutputDir",
    "pagination",
    "excludeFromSidebar",
    "sidebarTitle",
    "headerTitle",
    "published",
    "series",
    "canonicalURL",
    "canonical_url",
    "showToc",
    "TocOpen",
    "hideSummary",
    "ShowReadingTime",
    "ShowBreadCrumbs",
    "ShowPostNavLinks",
    "disableShare",
    "readingTime",
    "share",
    "mastodon",
    "twitter",
    "audio",
    "video",
    "ogimageOverride",
    "external_url",
    "filename",
    "version",
    "data_file",
    "noindex",
    "nofollow",
    "archives",
    "highlight",
    "syntax",
    "css",
    "js",
    "scripts",
    "styles",
    "icon",
    "color",
    "order",
];

/// A post's front matter, by meaning.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub title: Option<(String, usize)>,
    /// (as written, key, line)
    pub date: Option<(String, &'static str, usize)>,
    pub updated: Option<(String, &'static str, usize)>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    pub image: Option<(String, usize)>,
    pub draft: bool,
    /// Eleventy's `eleventyExcludeFromCollections`: a page, not a post.
    pub excluded: bool,
    /// A listing page of another generator (Eleventy `pagination`, `eleventyImport`).
    pub listing: bool,
    pub slug: Option<(String, usize)>,
    /// (as written, key, line)
    pub url: Option<(String, &'static str, usize)>,
    pub aliases: Vec<(String, usize)>,
    pub schema: Option<Value>,
    /// Keys read by nothing here (the summary counts them).
    pub unknown: Vec<String>,
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `"a, b"`, `[a, b]` or `[{name: a}]` → `["a", "b"]` (trimmed, empties dropped).
pub fn string_list(v: &Value) -> Option<Vec<String>> {
    let list: Vec<String> = match v {
        Value::Null => Vec::new(),
        Value::String(s) => s.split(',').map(|s| s.trim().to_owned()).collect(),
        Value::Number(_) | Value::Bool(_) => vec![text_of(v)?],
        Value::Array(items) => {
            let mut out = Vec::new();
            for item in items {
                match item {
                    Value::Object(m) => out.push(
                        ["name", "title", "id"]
                            .iter()
                            .find_map(|k| m.get(*k).and_then(text_of))?,
                    ),
                    other => out.push(text_of(other)?),
                }
            }
            out
        }
        Value::Object(m) => vec![
            ["name", "title"]
                .iter()
                .find_map(|k| m.get(*k).and_then(text_of))?,
        ],
    };
    Some(list.into_iter().filter(|s| !s.is_empty()).collect())
}

/// An image field: a path, a list of them (the first), or a table with `src`/`image`/`url`.
fn image_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(image_of),
        Value::Object(m) => ["src", "image", "url", "path"]
            .iter()
            .find_map(|k| m.get(*k).and_then(image_of)),
        _ => None,
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing (null)",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// Every key a meaning reads, for the typo check.
fn known_keys() -> impl Iterator<Item = &'static str> {
    [
        TITLE,
        DATE,
        UPDATED,
        DESCRIPTION,
        TAGS,
        CATEGORIES,
        AUTHORS,
        IMAGE,
        DRAFT,
        SLUG,
        URL,
        ALIASES,
        SCHEMA,
        NESTED,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// Edit distance with adjacent transpositions (optimal string alignment),
/// for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// The known key an unknown one is probably a typo of.
fn likely_typo(key: &str) -> Option<&'static str> {
    let lower = key.to_ascii_lowercase();
    known_keys()
        .chain(TEMPLATE_ONLY.iter().copied())
        .filter(|k| *k != key)
        .find(|k| {
            let kl = k.to_ascii_lowercase();
            kl == lower
                || (key.len() >= 4 && distance(&lower, &kl) <= if key.len() >= 8 { 2 } else { 1 })
        })
}

/// Reads the meanings of `raw`. Wrong types of the fields a post cannot do
/// without are errors; the rest are warnings.
pub fn read(raw: &Raw, file: &Path, diags: &mut Vec<Diagnostic>) -> Meta {
    let mut meta = Meta::default();
    // Keys of the nested tables count like top-level ones.
    let mut fields: Vec<(&str, &Value, usize)> = Vec::new();
    for (key, (value, line)) in &raw.fields {
        if NESTED.contains(&key.as_str())
            && let Value::Object(m) = value
        {
            for (k, v) in m {
                fields.push((k.as_str(), v, *line));
            }
        } else {
            fields.push((key.as_str(), value, *line));
        }
    }
    let first = |keys: &[&'static str]| -> Option<(&'static str, &Value, usize)> {
        keys.iter().find_map(|k| {
            fields
                .iter()
                .find(|(key, v, _)| key == k && !v.is_null())
                .map(|(_, v, l)| (*k, *v, *l))
        })
    };
    let text = |keys: &[&'static str],
                diags: &mut Vec<Diagnostic>|
     -> Option<(String, &'static str, usize)> {
        let (key, v, line) = first(keys)?;
        match text_of(v) {
            Some(s) if !s.is_empty() => Some((s, key, line)),
            Some(_) => None,
            None => {
                diags.push(
                    Diagnostic::error(
                        file,
                        format!("`{key}` must be text, found {}", type_name(v)),
                    )
                    .line(line)
                    .help(format!("write it as `{key}: \"...\"`")),
                );
                None
            }
        }
    };
    let title = text(TITLE, diags)
        .map(|(s, k, l)| (s, k.to_owned(), l))
        .or_else(|| {
            // Eleventy lets authors name it anything: `newstitle`, `postTitle`…
            fields
                .iter()
                .filter(|(k, _, _)| {
                    k.to_ascii_lowercase().ends_with("title") && !TEMPLATE_ONLY.contains(k)
                })
                .find_map(|(k, v, l)| {
                    let t = v.as_str()?.trim();
                    (!t.is_empty()).then(|| (t.to_owned(), (*k).to_owned(), *l))
                })
        });
    let title_key = title.as_ref().map(|t| t.1.clone());
    meta.title = title.map(|(s, _, l)| (s, l));
    meta.date = text(DATE, diags);
    meta.updated = text(UPDATED, diags);
    meta.description = text(DESCRIPTION, diags).map(|t| t.0);
    meta.slug = text(SLUG, diags).map(|(s, _, l)| (s, l));
    meta.url = text(URL, diags);
    if let Some((key, v, line)) = first(IMAGE) {
        match image_of(v) {
            Some(src) => meta.image = Some((src, line)),
            None => diags.push(
                Diagnostic::warning(
                    file,
                    format!(
                        "`{key}` is {}, not an image path: it is ignored",
                        type_name(v)
                    ),
                )
                .line(line),
            ),
        }
    }
    let tag_keys: Vec<&str> = TAGS.iter().chain(CATEGORIES).copied().collect();
    for (group, out) in [
        (tag_keys.as_slice(), &mut meta.tags),
        (AUTHORS, &mut meta.authors),
    ] {
        for key in group {
            for (k, v, line) in fields.iter().filter(|(k, _, _)| k == key) {
                match string_list(v) {
                    Some(list) => out.extend(list),
                    None => diags.push(
                        Diagnostic::error(
                            file,
                            format!(
                                "`{k}` must be text or a list of text, found {}",
                                type_name(v)
                            ),
                        )
                        .line(*line)
                        .help(format!("write it as `{k}: [\"one\", \"two\"]`")),
                    ),
                }
            }
        }
    }
    for key in ALIASES {
        if let Some((_, v, line)) = fields.iter().find(|(k, _, _)| k == key) {
            for alias in string_list(v).unwrap_or_default() {
                meta.aliases.push((alias, *line));
            }
        }
    }
    if let Some((_, v, line)) = first(DRAFT) {
        match v {
            Value::Bool(b) => meta.draft = *b,
            Value::String(s) if s == "true" || s == "false" => meta.draft = s == "true",
            other => diags.push(
                Diagnostic::error(
                    file,
                    format!("`draft` must be true or false, found {}", type_name(other)),
                )
                .line(line)
                .help("write `draft: true` or remove the line"),
            ),
        }
    }
    // Jekyll's `published: false`.
    if let Some((_, Value::Bool(false), _)) = fields.iter().find(|(k, _, _)| *k == "published") {
        meta.draft = true;
    }
    meta.excluded = fields
        .iter()
        .any(|(k, v, _)| *k == "eleventyExcludeFromCollections" && v.as_bool() == Some(true));
    meta.listing = fields
        .iter()
        .any(|(k, _, _)| matches!(*k, "pagination" | "eleventyImport" | "paginate_by"));
    if let Some((_, v, line)) = first(SCHEMA) {
        match v {
            Value::Object(_) | Value::Array(_) => meta.schema = Some(v.clone()),
            other => diags.push(
                Diagnostic::error(
                    file,
                    format!(
                        "`schema` must be a mapping (JSON-LD), found {}",
                        type_name(other)
                    ),
                )
                .line(line)
                .help("write it as a JSON object or a nested YAML mapping, or remove it"),
            ),
        }
    }
    for (key, _, line) in &fields {
        let known = known_keys().any(|k| k == *key)
            || TEMPLATE_ONLY.contains(key)
            || title_key.as_deref() == Some(*key);
        if known {
            continue;
        }
        match likely_typo(key) {
            Some(meant) => diags.push(
                Diagnostic::warning(
                    file,
                    format!("unknown front-matter field `{key}` is ignored"),
                )
                .line(*line)
                .help(format!("did you mean `{meant}`?")),
            ),
            None => meta.unknown.push((*key).to_owned()),
        }
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::super::frontmatter::{parse, split};
    use super::*;

    fn meta(text: &str) -> (Meta, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let s = split(text).unwrap();
        let raw = parse(&s, Path::new("x.md"), &mut d).unwrap();
        (read(&raw, Path::new("x.md"), &mut d), d)
    }

    #[test]
    fn fields_of_the_five_generators() {
        // (front matter, what it means)
        let astro = "---\ntitle: 'First post'\ndescription: 'Lorem'\npubDate: 'Jul 08 2022'\nheroImage: '../../assets/x.jpg'\n---\n";
        let (m, d) = meta(astro);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(m.title.unwrap().0, "First post");
        assert_eq!(m.date.unwrap(), ("Jul 08 2022".into(), "pubDate", 4));
        assert_eq!(m.description.as_deref(), Some("Lorem"));
        assert_eq!(m.image.unwrap().0, "../../assets/x.jpg");

        let cactus = "---\ntitle: \"C\"\npublishDate: \"25 Aug 2024\"\nupdatedDate: \"26 Aug 2024\"\ntags: [\"markdown\"]\ncoverImage:\n  src: \"./cover.png\"\n  alt: \"A\"\npinned: true\n---\n";
        let (m, d) = meta(cactus);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(m.date.unwrap().1, "publishDate");
        assert_eq!(m.updated.unwrap().0, "26 Aug 2024");
        assert_eq!(m.image.unwrap().0, "./cover.png");
        assert_eq!(m.tags, ["markdown"]);

        let hugo = "---\ntitle: T\ndate: 2014-11-18T00:00:00Z\nslug: announcing\nauthor: \"Josh Aas\"\nexcerpt: Short.\nlastmod: 2023-07-10\naliases:\n  - /2022/05/19/x.html\ncategories: [Themes, Syntax]\ntags: [Go]\nimage: cover.jpg\ndraft: false\ndisplay_support_us_footer: true\n---\n";
        let (m, d) = meta(hugo);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(m.slug.unwrap().0, "announcing");
        assert_eq!(m.authors, ["Josh Aas"]);
        assert_eq!(m.description.as_deref(), Some("Short."));
        assert_eq!(m.updated.unwrap().1, "lastmod");
        assert_eq!(m.aliases, [("/2022/05/19/x.html".to_owned(), 9)]);
        assert_eq!(m.tags, ["Go", "Themes", "Syntax"]);
        assert_eq!(m.image.unwrap().0, "cover.jpg");
        assert_eq!(m.unknown, ["display_support_us_footer"]);

        let zola = "+++\npath = \"2025/06/26/Rust-1.88.0\"\ntitle = \"Announcing Rust 1.88.0\"\nauthors = [\"The Release Team\"]\naliases = [\"2025/06/26/Rust-1.88.0.html\"]\n\n[extra]\nrelease = true\n[taxonomies]\ntags = [\"release\"]\n+++\n";
        let (m, d) = meta(zola);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(m.url.unwrap(), ("2025/06/26/Rust-1.88.0".into(), "path", 2));
        assert_eq!(m.authors, ["The Release Team"]);
        assert_eq!(m.tags, ["release"]);
        assert!(m.unknown.contains(&"release".to_owned()));

        let jekyll = "---\ntitle: 'Jekyll 1.0.0 Released'\ndate: 2013-05-06 02:12:52 +0200\nauthor: parkr\nversion: 1.0.0\ncategory: release\nredirect_from: /news/x/\npublished: false\n---\n";
        let (m, d) = meta(jekyll);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(m.tags, ["release"]);
        assert_eq!(m.aliases[0].0, "/news/x/");
        assert!(m.draft);

        let eleventy = "---\ntitle: Fifth\ndate: 2018-05-01\ntags: second tag\neleventyExcludeFromCollections: true\nauthors:\n  - name: Zach\n  - name: Ana\n---\n";
        let (m, d) = meta(eleventy);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(m.tags, ["second tag"]);
        assert_eq!(m.authors, ["Zach", "Ana"]);
        assert!(m.excluded);
    }

    #[test]
    fn typos_and_wrong_types() {
        let (m, d) = meta("---\ntitle: T\npubdate2: 2025-01-01\ntitel: x\n---\n");
        assert!(
            m.unknown.contains(&"pubdate2".to_owned())
                || d.iter().any(|d| d.message.contains("pubdate2"))
        );
        let typo = d
            .iter()
            .find(|d| d.message.contains("`titel`"))
            .expect("titel");
        assert_eq!(typo.help.as_deref(), Some("did you mean `title`?"));
        assert_eq!(typo.line, Some(4));
        let (_, d) = meta("---\ntitle: [a, b]\n---\n");
        assert_eq!(d[0].message, "`title` must be text, found a list");
        let (_, d) = meta("---\ntitle: T\ndraft: maybe\n---\n");
        assert!(d[0].message.contains("`draft` must be true or false"));
        let (_, d) = meta("---\ntitle: T\ntags: {a: 1}\n---\n");
        assert!(d[0].message.contains("`tags` must be text or a list"));
    }
}
