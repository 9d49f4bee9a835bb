//! The content bundle: the one format the builder writes and the reader reads.
//!
//! Layout of a built site (paths relative to the site root):
//!
//! ```text
//! data/manifest.json        Manifest   (small, always fetched fresh)
//! index.html                ListPage   (home list, page 1) in the entry page of its route
//! page/<n>/index.html       ListPage   (home list, page n)
//! <path>/index.html         Post       (one article, with its related posts)
//! tags/index.html           TagIndex   (every tag with its post count)
//! tags/<tag>/…index.html    TagPage    (posts of one tag, page n)
//! archive/index.html        Archive    (every post by year and month)
//! data/<build_id>/search/…  the search index ([`search`])
//! ```
//!
//! A route's data travels inside the route's own entry page, beside the
//! pre-rendered view ([`data_element`], read back with [`page_data`]): one
//! file per route, as a static site generator writes, so a 10,000-post blog
//! stays within the file limits of static hosts. A first view reads its data
//! from the page it opened; a later view fetches the route's page and reads
//! only its data. Every route's data repeats the build id, so the reader can
//! refuse a mix of two builds. A build without the app (`--data-only`)
//! writes the same data as files instead ([`post_path`] and its siblings).
//!
//! The document tree ([`Block`], [`Inline`]) is allow-listed: it can only
//! express what the reader knows how to render safely. There is no variant that
//! carries raw HTML.
//!
//! The builder writes these types with serde; the reader reads them back with
//! [`decode`], which knows serde's form of them: enums externally tagged
//! (`{"p":[...]}`, `"hr"`), structs as objects, no `#[serde(flatten)]`.

use serde::{Deserialize, Serialize};

pub mod code;
pub mod decode;
pub mod embed;
pub mod lang;
pub mod math;
pub mod media;
pub mod query;
pub mod route;
pub mod search;
pub mod text;
pub mod ui;

pub use route::{Route, RouteKind};

/// Bumped whenever a change to these types would break an older reader.
pub const SCHEMA_VERSION: u32 = 7;

/// Where the manifest lives, relative to the site root.
pub const MANIFEST_PATH: &str = "data/manifest.json";

/// The `id` of the element of an entry page that carries its route's data.
pub const DATA_ID: &str = "blog-data";

/// The entry page of `route` (`/blog/x/` → `blog/x/index.html`, `/` → `index.html`).
pub fn route_file(route: &str) -> String {
    format!("{}index.html", route.trim_start_matches('/'))
}

/// The opening tag of the data element of the page at `route`. Routes are
/// made of slugs and post paths, which need no escaping in an attribute and
/// are ASCII: the tag is as long in UTF-16 (a JavaScript string) as in UTF-8.
pub fn data_open(route: &str) -> String {
    format!("<script type=\"application/json\" id=\"{DATA_ID}\" data-route=\"{route}\">")
}

/// JSON for a `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 are written
/// as `\u` escapes (inside JSON strings, where alone they can occur), so no
/// text can close the element or open a comment.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The element an entry page carries its route's data in: `json` (the
/// route's shard) in a `<script type="application/json">`, which never runs.
pub fn data_element(route: &str, json: &str) -> String {
    format!("{}{}{DATA_CLOSE}", data_open(route), script_safe(json))
}

/// What ends the data element ([`script_safe`] JSON never contains it).
pub const DATA_CLOSE: &str = "</script>";

/// The JSON of `route`'s data in an entry page's HTML, or `None` when the
/// page carries none or another route's (a host's SPA fallback answers a
/// missing page with the home page).
pub fn page_data<'a>(html: &'a str, route: &str) -> Option<&'a str> {
    let open = data_open(route);
    let start = html.find(&open)? + open.len();
    let len = html[start..].find(DATA_CLOSE)?;
    Some(&html[start..start + len])
}

/// Path of list page `page` (1-based) in a `--data-only` build.
pub fn page_path(build_id: &str, page: usize) -> String {
    format!("data/{build_id}/pages/{page}.json")
}

/// Path of the shard of the post at `path` (its URL path without the slashes
/// around it, e.g. `blog/first-post`), relative to the site root.
pub fn post_path(build_id: &str, path: &str) -> String {
    format!("data/{build_id}/posts/{path}.json")
}

/// Path of the tag index, relative to the site root.
pub fn tag_index_path(build_id: &str) -> String {
    format!("data/{build_id}/tags.json")
}

/// Path of page `page` (1-based) of the posts tagged `tag` (the tag's slug).
pub fn tag_page_path(build_id: &str, tag: &str, page: usize) -> String {
    format!("data/{build_id}/tags/{tag}/{page}.json")
}

/// Path of the archive, relative to the site root.
pub fn archive_path(build_id: &str) -> String {
    format!("data/{build_id}/archive.json")
}

/// The route of the tag index.
pub const TAGS_ROUTE: &str = "/tags/";

/// The route of the archive.
pub const ARCHIVE_ROUTE: &str = "/archive/";

/// The route of the search page (the query follows as `?q=`).
pub const SEARCH_ROUTE: &str = "/search/";

/// The route of page `page` (1-based) of the posts tagged `tag`.
pub fn tag_route(tag: &str, page: usize) -> String {
    if page <= 1 {
        format!("/tags/{tag}/")
    } else {
        format!("/tags/{tag}/page/{page}/")
    }
}

/// The route of a post inside the app, as on the author's previous site.
pub fn post_route(path: &str) -> String {
    format!("/{path}/")
}

/// The route of home list page `page` (1-based); page 1 is the home page itself.
pub fn list_route(page: usize) -> String {
    if page <= 1 {
        "/".to_owned()
    } else {
        format!("/page/{page}/")
    }
}

/// A slug (of a tag) is safe as one URL path segment and as one file name on
/// every host: lowercase ASCII letters, digits, `-` and `_`, not starting with
/// `-` or `_`.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 200
        && !slug.starts_with(['-', '_'])
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// First segments of the app's own routes and files: no post path starts with one.
pub const RESERVED_SEGMENTS: [&str; 5] = ["data", "tags", "archive", "search", "page"];

/// One segment of a post's path: ASCII letters (either case, so URLs stay as
/// the author's previous site had them), digits, `-`, `_` and `.`, starting
/// with a letter or digit and not ending with `.`; at most 200 bytes.
pub fn is_valid_segment(segment: &str) -> bool {
    segment.len() <= 200
        && segment.starts_with(|c: char| c.is_ascii_alphanumeric())
        && !segment.ends_with('.')
        && !segment.contains("..")
        && segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// A post's path (its URL without the slashes around it, `blog/first-post` or
/// `2025/06/26/Rust-1.88.0`): one to eight valid segments, the first not one
/// of [`RESERVED_SEGMENTS`] (compared without case).
pub fn is_valid_post_path(path: &str) -> bool {
    let mut segments = path.split('/');
    let first_ok = segments
        .next()
        .is_some_and(|s| !RESERVED_SEGMENTS.iter().any(|r| r.eq_ignore_ascii_case(s)));
    first_ok
        && path.len() <= 400
        && path.split('/').count() <= 8
        && path.split('/').all(is_valid_segment)
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Manifest {
    pub schema_version: u32,
    /// Changes whenever the content, the site config or the builder changes.
    pub build_id: String,
    pub site: SiteConfig,
    pub post_count: usize,
    pub page_count: usize,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// BCP 47 language tag of the content, e.g. `ru`.
    pub language: String,
    /// Absolute URL of the site root, ending in `/`.
    pub base_url: String,
    pub author: String,
    pub posts_per_page: usize,
}

/// A post as it appears in lists.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PostSummary {
    /// The post's URL path without the slashes around it (`blog/first-post`):
    /// its route and the name of its shard ([`post_route`], [`post_path`]).
    pub path: String,
    pub title: String,
    /// The front-matter description, or an excerpt of the body when there is none.
    pub description: String,
    /// Publication date, `YYYY-MM-DD` (UTC).
    pub date: String,
    /// Last update, `YYYY-MM-DD` (UTC), when the front matter gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    pub author: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hero_image: Option<String>,
    /// The cover's width, when it is the content's own picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hero_width: Option<u32>,
    /// Widths of the cover's smaller copies ([`media::variant_path`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hero_variants: Vec<u32>,
    pub word_count: u32,
    pub reading_minutes: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag {
    /// URL segment.
    pub slug: String,
    /// As the author wrote it (first spelling seen).
    pub name: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ListPage {
    pub build_id: String,
    /// 1-based.
    pub page: usize,
    pub page_count: usize,
    pub total: usize,
    pub posts: Vec<PostSummary>,
}

/// One article: everything its page needs, in one shard.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Post {
    pub build_id: String,
    pub summary: PostSummary,
    /// The body's own leading `# H1`, shown as the article's headline instead of
    /// the title (and removed from the body, so there is never a second one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    pub toc: Vec<TocEntry>,
    pub body: Vec<Block>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<PostLink>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<PostLink>,
    /// Posts worth reading next, best first (computed by the builder).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedPost>,
}

/// A related post and why it was chosen.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct RelatedPost {
    /// See [`PostSummary::path`].
    pub path: String,
    pub title: String,
    pub date: String,
    /// Tags both posts carry that say something on this blog (not carried by
    /// most posts), rarest first; may be empty when the texts alone matched.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_tags: Vec<Tag>,
    /// The words the two texts share that weighed most in the choice, as
    /// written in the post (at most three).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_words: Vec<String>,
}

/// Every tag of the site, most used first (ties by name).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct TagIndex {
    pub build_id: String,
    pub tags: Vec<TagCount>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct TagCount {
    pub tag: Tag,
    pub count: usize,
}

/// One page of the posts carrying a tag, newest first.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct TagPage {
    pub build_id: String,
    pub tag: Tag,
    /// 1-based.
    pub page: usize,
    pub page_count: usize,
    pub total: usize,
    pub posts: Vec<PostSummary>,
}

/// Every post, newest first, grouped by year and month.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Archive {
    pub build_id: String,
    pub years: Vec<ArchiveYear>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ArchiveYear {
    pub year: i32,
    pub months: Vec<ArchiveMonth>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ArchiveMonth {
    /// 1 to 12.
    pub month: u8,
    pub posts: Vec<PostLink>,
}

/// A link to another post: enough to show its title and open it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PostLink {
    /// See [`PostSummary::path`].
    pub path: String,
    pub title: String,
    pub date: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The heading's anchor id.
    pub id: String,
    pub text: String,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// Block-level nodes of the document tree.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum Block {
    #[serde(rename = "p")]
    Paragraph(Vec<Inline>),
    /// Levels 2 to 6; the body's level-1 headings are demoted to 2.
    #[serde(rename = "h")]
    Heading {
        level: u8,
        id: String,
        content: Vec<Inline>,
    },
    #[serde(rename = "ul")]
    List {
        /// `Some(n)`: an ordered list starting at n.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    #[serde(rename = "quote")]
    BlockQuote(Vec<Block>),
    /// A note, tip, warning…: GitHub's `> [!NOTE]` or a `:::note` directive.
    #[serde(rename = "callout")]
    Callout {
        kind: CalloutKind,
        /// The directive's own title (`:::tip[Faster builds]`), shown instead
        /// of the kind's name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        blocks: Vec<Block>,
    },
    /// `<details>`: blocks the reader opens by its summary.
    #[serde(rename = "details")]
    Details {
        summary: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        open: bool,
        blocks: Vec<Block>,
    },
    /// `<figure>`: pictures (or other inlines) with their caption.
    #[serde(rename = "figure")]
    Figure {
        content: Vec<Inline>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        caption: Vec<Inline>,
    },
    /// A video of YouTube or Vimeo, loaded from there only when played.
    #[serde(rename = "embed")]
    Embed {
        host: embed::VideoHost,
        /// Checked by [`embed::VideoHost::valid_id`].
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
    },
    #[serde(rename = "code")]
    CodeBlock {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lang: Option<String>,
        code: String,
        /// The fence's `title="file.rs"`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        /// Lines the fence marks (`{2,4-6}`, `hl_lines="2 4-6"`), 1-based.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        marked: Vec<u32>,
        /// Highlighting, made at build time: consecutive pieces of `code` as
        /// (token kind, length in bytes), the kind an index into
        /// [`code::TOKEN_CLASSES`]; empty when the language is not known.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        spans: Vec<(u8, u32)>,
    },
    #[serde(rename = "hr")]
    Rule,
    #[serde(rename = "table")]
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// Footnote definitions, collected at the end of the body in order of first reference.
    #[serde(rename = "notes")]
    Footnotes(Vec<Footnote>),
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ListItem {
    /// Task list state; `None` for an ordinary item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<bool>,
    pub blocks: Vec<Block>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Footnote {
    /// 1-based number shown to the reader; anchors are `fn-<n>` and `fnref-<n>`.
    pub number: u32,
    pub blocks: Vec<Block>,
}

/// Inline nodes of the document tree.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum Inline {
    #[serde(rename = "s")]
    Text(String),
    #[serde(rename = "code")]
    Code(String),
    #[serde(rename = "em")]
    Emphasis(Vec<Inline>),
    #[serde(rename = "b")]
    Strong(Vec<Inline>),
    #[serde(rename = "del")]
    Strikethrough(Vec<Inline>),
    #[serde(rename = "a")]
    Link {
        target: LinkTarget,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        content: Vec<Inline>,
    },
    #[serde(rename = "img")]
    Image {
        /// Always `http(s)://` or a site-relative path.
        src: String,
        alt: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        /// Width and height in pixels, known for the content's own images.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        size: Option<[u32; 2]>,
        /// Widths of its smaller WebP copies ([`media::variant_path`]).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        variants: Vec<u32>,
    },
    /// A formula: `$…$`, or `$$…$$` shown as a block of its own.
    #[serde(rename = "math")]
    Math {
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        block: bool,
        /// The children of its `<math>` element.
        nodes: Vec<math::MathNode>,
    },
    /// `<audio>` or `<video>`: with controls, never playing by itself.
    #[serde(rename = "av")]
    Media {
        video: bool,
        /// Always `https://` or a site-relative path.
        src: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        poster: Option<String>,
    },
    /// Reference to footnote `number`.
    #[serde(rename = "fn")]
    FootnoteRef(u32),
    /// Text with an inline meaning raw HTML gave it (`<sub>`, `<kbd>`…).
    #[serde(rename = "tag")]
    Tagged {
        tag: InlineTag,
        /// What an `<abbr>` stands for.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        content: Vec<Inline>,
    },
    #[serde(rename = "br")]
    LineBreak,
}

/// The kinds of callout, as GitHub names its alerts.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CalloutKind {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

impl CalloutKind {
    /// GitHub's names (`note`…) and the directive names of Docusaurus,
    /// VitePress and Starlight (`info`, `danger`…), any case.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "note" | "info" => Self::Note,
            "tip" | "hint" | "success" => Self::Tip,
            "important" => Self::Important,
            "warning" | "attention" => Self::Warning,
            "caution" | "danger" | "error" => Self::Caution,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Tip => "tip",
            Self::Important => "important",
            Self::Warning => "warning",
            Self::Caution => "caution",
        }
    }
}

/// The inline HTML elements whose meaning the tree keeps: everything else
/// in raw HTML is dropped with its text kept.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum InlineTag {
    Sub,
    Sup,
    Kbd,
    Mark,
    Abbr,
    Ins,
    Small,
}

impl InlineTag {
    /// The tag for an HTML element name (lower case), if it is one kept.
    pub fn from_html(name: &str) -> Option<Self> {
        Some(match name {
            "sub" => Self::Sub,
            "sup" => Self::Sup,
            "kbd" => Self::Kbd,
            "mark" => Self::Mark,
            "abbr" => Self::Abbr,
            "ins" => Self::Ins,
            "small" => Self::Small,
            _ => return None,
        })
    }
}

/// Where a link goes. Only these kinds exist: anything else (`javascript:`,
/// `data:`, unknown schemes) is turned into plain text by the builder.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "k", content = "v")]
pub enum LinkTarget {
    /// Another post of this blog; the reader routes to it inside the app.
    #[serde(rename = "post")]
    Post {
        /// See [`PostSummary::path`].
        path: String,
        fragment: Option<String>,
    },
    /// Another page of this site (not a post), as a site-relative path like `/about/`.
    #[serde(rename = "site")]
    Site(String),
    /// `#id` within the same article.
    #[serde(rename = "anchor")]
    Anchor(String),
    /// An `http`, `https` or `mailto` URL.
    #[serde(rename = "ext")]
    External(String),
}

impl Block {
    /// Plain text of a block and its children, words separated by spaces.
    pub fn plain_text(&self, out: &mut String) {
        match self {
            Block::Paragraph(inl) | Block::Heading { content: inl, .. } => inlines_text(inl, out),
            Block::List { items, .. } => {
                for item in items {
                    blocks_text(&item.blocks, out);
                }
            }
            Block::BlockQuote(blocks) | Block::Callout { blocks, .. } => blocks_text(blocks, out),
            Block::Details {
                summary, blocks, ..
            } => {
                push_word(out, summary);
                blocks_text(blocks, out)
            }
            Block::Figure { content, caption } => {
                inlines_text(content, out);
                inlines_text(caption, out);
            }
            Block::Embed { title, .. } => push_word(out, title.as_deref().unwrap_or_default()),
            Block::CodeBlock { code, .. } => push_word(out, code),
            Block::Rule => {}
            Block::Table { head, rows, .. } => {
                for cell in head.iter().chain(rows.iter().flatten()) {
                    inlines_text(cell, out);
                }
            }
            Block::Footnotes(notes) => {
                for note in notes {
                    blocks_text(&note.blocks, out);
                }
            }
        }
    }
}

/// Plain text of a sequence of blocks.
pub fn blocks_text(blocks: &[Block], out: &mut String) {
    for b in blocks {
        b.plain_text(out);
    }
}

/// Plain text of a sequence of inlines (images contribute their alt text).
pub fn inlines_text(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(s) | Inline::Code(s) => out.push_str(s),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                inlines_text(c, out)
            }
            Inline::Link { content, .. } | Inline::Tagged { content, .. } => {
                inlines_text(content, out)
            }
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::Math { nodes, .. } => math::math_text(nodes, out),
            Inline::FootnoteRef(_) | Inline::Media { .. } => {}
            Inline::LineBreak => out.push(' '),
        }
    }
    if !out.ends_with(' ') && !out.is_empty() {
        out.push(' ');
    }
}

fn push_word(out: &mut String, s: &str) {
    out.push_str(s);
    out.push(' ');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for ok in ["a", "kachestvo-obsluzhivaniya", "post_2", "2025-review"] {
            assert!(is_valid_slug(ok), "{ok}");
        }
        for bad in ["", "-a", "_a", "A", "a/b", "a b", "..", "кот", "a.b", "a?b"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn post_paths() {
        for ok in [
            "blog/a",
            "2025/06/26/Rust-1.88.0",
            "inside-rust/2023/10/06/polonius-update",
            "p/2009/01/01/prep-119",
            "x",
            "blog/post_2",
        ] {
            assert!(is_valid_post_path(ok), "{ok}");
        }
        for bad in [
            "",
            "blog/",
            "/blog/a",
            "blog//a",
            "tags/x",
            "Archive",
            "data/x",
            "page/2",
            "blog/../x",
            "blog/.x",
            "blog/x.",
            "a b",
            "кот",
            "a?b",
            "a#b",
            "a/b/c/d/e/f/g/h/i",
        ] {
            assert!(!is_valid_post_path(bad), "{bad}");
        }
    }

    #[test]
    fn routes_and_paths() {
        assert_eq!(post_route("blog/x"), "/blog/x/");
        assert_eq!(list_route(1), "/");
        assert_eq!(list_route(3), "/page/3/");
        assert_eq!(page_path("abc", 2), "data/abc/pages/2.json");
        assert_eq!(post_path("abc", "blog/x"), "data/abc/posts/blog/x.json");
        assert_eq!(tag_index_path("abc"), "data/abc/tags.json");
        assert_eq!(
            tag_page_path("abc", "servis", 2),
            "data/abc/tags/servis/2.json"
        );
        assert_eq!(archive_path("abc"), "data/abc/archive.json");
        assert_eq!(tag_route("servis", 1), "/tags/servis/");
        assert_eq!(tag_route("servis", 3), "/tags/servis/page/3/");
        assert_eq!(route_file("/"), "index.html");
        assert_eq!(
            route_file("/tags/servis/page/3/"),
            "tags/servis/page/3/index.html"
        );
    }

    #[test]
    fn route_data_is_read_back_from_its_page_only() {
        let json = r#"{"t":"</script><!-- & \u2028","n":1}"#;
        let element = data_element("/blog/x/", json);
        assert_eq!(element.matches('<').count(), 2, "{element}");
        assert_eq!(element.matches("</script>").count(), 1, "{element}");
        assert!(!element.contains("<!--"), "{element}");
        let page =
            format!("<html><body><p>x</p>{element}\n<script src=app.js></script></body></html>");
        let read = page_data(&page, "/blog/x/").unwrap();
        assert_eq!(
            read,
            r#"{"t":"\u003c/script\u003e\u003c!-- \u0026 \u2028","n":1}"#
        );
        // Another route's page (an SPA fallback's home page) has none of this one.
        assert_eq!(page_data(&page, "/blog/y/"), None);
        assert_eq!(page_data(&page, "/blog/"), None);
        assert_eq!(page_data("<html>no data</html>", "/blog/x/"), None);
    }

    #[test]
    fn tree_round_trips_through_json() {
        let body = crate::decode::tests::every_kind_of_node();
        let json = serde_json::to_string(&body).unwrap();
        assert!(json.contains(r#"{"h":{"level":2"#), "{json}");
        let back: Vec<Block> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, body);
    }

    #[test]
    fn plain_text_joins_words() {
        let mut s = String::new();
        blocks_text(
            &[
                Block::Paragraph(vec![
                    Inline::Text("Привет, ".into()),
                    Inline::Emphasis(vec![Inline::Text("мир".into())]),
                ]),
                Block::Paragraph(vec![Inline::Text("второй".into())]),
            ],
            &mut s,
        );
        assert_eq!(s.trim(), "Привет, мир второй");
    }
}
