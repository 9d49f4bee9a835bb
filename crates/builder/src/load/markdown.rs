//! Markdown body → the bundle's allow-listed document tree.
//!
//! Raw HTML is never passed through: `<a href>` becomes a link, `<br>` a line
//! break, every other tag is dropped with its text kept (`<script>`/`<style>`
//! with their content). Nesting is bounded so neither this builder nor the
//! reader's JSON parser can be overwhelmed.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::load::links::Links;

use blog_bundle::embed::VideoHost;
use blog_bundle::{
    Align, Block, CalloutKind, Footnote, Inline, InlineTag, LinkTarget, ListItem, TocEntry,
    blocks_text,
};
use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

use super::media::{Local, MediaFile, locate};
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::html::{Token, Tokenizer, decode_entities};

/// Entries of a table of contents at most: past that it helps nobody find
/// their way, and a post with 100,000 headings would carry them twice.
pub const MAX_TOC: usize = 100;
/// Lists and block quotes nested deeper than this are flattened.
pub const MAX_NESTING: usize = 32;
/// Deepest JSON array the tree may open (serde_json refuses input nested more
/// than 128 levels by default; leaves need two more levels).
const MAX_JSON_DEPTH: usize = 120;
/// JSON depth of `Post.body`.
const BODY_DEPTH: usize = 2;
/// JSON depth of the blocks of a footnote (body → notes block → note → blocks).
const FOOTNOTE_DEPTH: usize = BODY_DEPTH + 4;

/// What the body conversion needs to know about the build.
pub struct Context<'a> {
    /// The `.md` file, for diagnostics.
    pub file: &'a Path,
    /// Line of the `.md` file on which the body starts.
    pub body_line: usize,
    /// The content directory as shown to the author.
    pub content_dir: &'a str,
    /// The site's absolute base URL (links under it are internal).
    pub base_url: &'a str,
    /// Every post of this build, as links can name it.
    pub links: &'a Links,
    /// This post's path (`blog/x`): relative links resolve against its URL.
    pub path: &'a str,
    /// The folder of this post's source file, relative to the posts folder.
    pub source_dir: &'a str,
    /// Where site-absolute images are ([`super::discover::static_dirs`]).
    pub static_dirs: &'a [std::path::PathBuf],
}

#[derive(Debug, Default, PartialEq)]
pub struct Document {
    /// Text of the body's leading `# H1`, removed from `body`.
    pub headline: Option<String>,
    pub body: Vec<Block>,
    pub toc: Vec<TocEntry>,
    /// The content's own image files the body shows ([`super::media`]).
    pub media: Vec<MediaFile>,
}

/// Where a link destination points, before looking its post up.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkKind {
    External(String),
    Anchor(String),
    /// A source file: `other.md`, `../x/index.md`, Zola's `@/inside-rust/x.md`.
    Source {
        file: String,
        fragment: Option<String>,
    },
    /// A path of this site, `/about/` or `/blog/x/#y`.
    Site(String),
    /// A URL relative to the post's own (`../x/`, `chart.html`).
    Relative(String),
    /// A scheme that is not allowed (`javascript:`, `data:`, …), lowercased.
    Rejected(String),
}

/// Classifies a link destination. `base_url` must end in `/`.
pub fn classify_link(dest: &str, base_url: &str) -> LinkKind {
    let dest = dest.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
    let dest = dest.trim_end();
    // Browsers ignore tabs and newlines inside URLs: so does the scheme check.
    let probe: String = dest
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if let Some(frag) = dest.strip_prefix('#') {
        return LinkKind::Anchor(frag.to_owned());
    }
    if let Some(colon) = probe.find(':') {
        let scheme = &probe[..colon];
        let is_scheme = !scheme.is_empty()
            && !probe[..colon].contains(['/', '?', '#'])
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if is_scheme {
            return match scheme {
                "http" | "https" => {
                    let base = base_url.to_ascii_lowercase();
                    let lower = dest.to_ascii_lowercase();
                    if !base.is_empty()
                        && (lower.starts_with(&base) || lower == base.trim_end_matches('/'))
                    {
                        let rest = dest.get(base.len()..).unwrap_or("");
                        LinkKind::Site(format!("/{rest}"))
                    } else {
                        LinkKind::External(dest.to_owned())
                    }
                }
                "mailto" => LinkKind::External(dest.to_owned()),
                other => LinkKind::Rejected(other.to_owned()),
            };
        }
    }
    if let Some(rest) = dest.strip_prefix("//") {
        return LinkKind::External(format!("https://{rest}"));
    }
    let (path, fragment) = split_fragment(dest);
    let file = path.split('?').next().unwrap_or("");
    let is_source = [".md", ".markdown", ".mdx"]
        .iter()
        .any(|e| file.to_ascii_lowercase().ends_with(e));
    if dest.starts_with("@/") || is_source {
        return LinkKind::Source {
            file: file.to_owned(),
            fragment,
        };
    }
    if dest.starts_with('/') {
        return LinkKind::Site(dest.to_owned());
    }
    LinkKind::Relative(dest.to_owned())
}

fn split_fragment(s: &str) -> (&str, Option<String>) {
    match s.split_once('#') {
        Some((p, f)) => (p, Some(f.to_owned()).filter(|f| !f.is_empty())),
        None => (s, None),
    }
}

/// `rel` resolved against the URL path `base` (a folder, ending in `/`).
pub fn resolve_relative(base: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    let (path, rest) = match rel.find(['?', '#']) {
        Some(i) => (&rel[..i], &rel[i..]),
        None => (rel, ""),
    };
    let trailing = path.ends_with('/') || path.is_empty();
    crate::load::links::push_segments(&mut parts, path);
    let mut out = format!("/{}", parts.join("/"));
    if trailing && out != "/" {
        out.push('/');
    }
    out + rest
}

/// The path of an `http(s)` URL (without query and fragment).
fn external_path(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let path = &rest[rest.find('/')?..];
    path.split(['?', '#']).next()
}

/// Paths like `/blog/<x>/`: links meant for a post of this blog, so one that
/// names no post is reported.
fn looks_like_post(path: &str) -> bool {
    let p = path.split(['?', '#']).next().unwrap_or("");
    p.strip_prefix("/blog/")
        .map(|rest| rest.trim_end_matches('/'))
        .is_some_and(|slug| !slug.is_empty() && !slug.contains('/'))
}

/// An anchor id from heading text: lowercase Unicode letters and digits, other
/// runs → `-`; `"section"` when nothing is left.
pub fn heading_slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}

/// Whitespace-separated tokens containing a letter or digit.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// `ceil(words / 180)`, at least 1.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(180).max(1)
}

/// The first paragraph's text, cut at a word boundary to at most `max` chars
/// (an ellipsis is added when cut).
pub fn excerpt(blocks: &[Block], max: usize) -> String {
    let Some(Block::Paragraph(inl)) = blocks.iter().find(|b| matches!(b, Block::Paragraph(_)))
    else {
        return String::new();
    };
    let text = plain(inl);
    if text.chars().count() <= max {
        return text;
    }
    let mut out = String::new();
    for word in text.split(' ') {
        let extra = if out.is_empty() { 0 } else { 1 };
        if out.chars().count() + extra + word.chars().count() + 1 > max {
            break;
        }
        if extra == 1 {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(max - 1).collect();
    }
    let out = out.trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '—' || c == '–');
    format!("{}…", out.trim_end())
}

fn is_yaml_marker(text: &str) -> bool {
    matches!(text.trim(), ">-" | ">" | "|-" | "|" | ">+" | "|+")
}

/// What a `>` container is: pulldown-cmark's quotes and alerts, and the
/// containers [`directives_to_alerts`] made alerts of.
enum Quote {
    Plain,
    Callout(CalloutKind, Option<String>),
    Details { summary: String, open: bool },
}

/// An `<audio>` or `<video>` element being read.
struct OpenPlayer {
    video: bool,
    poster: Option<String>,
    /// Its player is made (from its `src` or first `<source>`).
    made: bool,
}

/// What a line of [`directives_to_alerts`]'s output that opens a container
/// stands for, beyond its alert.
#[derive(Debug, PartialEq)]
pub enum Opening {
    /// A directive's title: `:::tip[Faster builds]`.
    Title(String),
    /// A `<details>` element, with its `<summary>` text.
    Details { summary: String, open: bool },
}

enum Kind {
    Root,
    Paragraph,
    Heading {
        level: u8,
        id: Option<String>,
    },
    BlockQuote(Quote),
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Item {
        checked: Option<bool>,
        marker_link_broken: bool,
    },
    CodeBlock {
        fence: super::code::Fence,
        code: String,
    },
    HtmlBlock,
    FootnoteDef {
        label: String,
    },
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Cells {
        head: bool,
        cells: Vec<Vec<Inline>>,
    },
    Cell,
    /// A block container nested too deep: its blocks go to the parent.
    Flattened,
    Emphasis,
    Strong,
    Strikethrough,
    Link {
        dest: String,
        title: String,
        line: usize,
        html: bool,
    },
    Image {
        dest: String,
        title: String,
        line: usize,
    },
    /// An inline container whose content goes to the parent.
    Transparent {
        html_a: bool,
    },
    /// A raw `<figure>` and its `<figcaption>` (the caption once it closed).
    Figure {
        caption: Vec<Inline>,
    },
    Caption,
    /// Inline formatting: from raw HTML (`html`, closed by its end tag or
    /// with its paragraph) or from Markdown (`^sup^`, `~sub~`).
    Styled {
        style: Style,
        html: bool,
    },
}

/// What a [`Kind::Styled`] container gives its content.
#[derive(Clone, Debug, PartialEq)]
enum Style {
    Emphasis,
    Strong,
    Strikethrough,
    Tag(InlineTag, Option<String>),
}

impl Style {
    /// The meaning of an inline HTML element, for those that have one here.
    fn of_html(name: &str, title: Option<String>) -> Option<Self> {
        Some(match name {
            "em" | "i" | "cite" | "dfn" | "var" => Self::Emphasis,
            "strong" | "b" => Self::Strong,
            "del" | "s" | "strike" => Self::Strikethrough,
            _ => Self::Tag(InlineTag::from_html(name)?, title.filter(|t| !t.is_empty())),
        })
    }

    fn wrap(self, content: Vec<Inline>) -> Inline {
        match self {
            Self::Emphasis => Inline::Emphasis(content),
            Self::Strong => Inline::Strong(content),
            Self::Strikethrough => Inline::Strikethrough(content),
            Self::Tag(tag, title) => Inline::Tagged {
                tag,
                title,
                content,
            },
        }
    }
}

struct Frame {
    kind: Kind,
    /// `.md` line where it starts.
    line: usize,
    /// JSON depth of the arrays this frame's children go into.
    depth: usize,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
}

impl Frame {
    fn new(kind: Kind, depth: usize) -> Self {
        Frame {
            kind,
            line: 0,
            depth,
            blocks: Vec::new(),
            inlines: Vec::new(),
        }
    }

    fn flush_paragraph(&mut self) {
        let inl = trim_inlines(std::mem::take(&mut self.inlines));
        if !inl.is_empty() {
            self.blocks.push(Block::Paragraph(inl));
        }
    }
}

fn push_text(inlines: &mut Vec<Inline>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(Inline::Text(last)) = inlines.last_mut() {
        last.push_str(s);
    } else {
        inlines.push(Inline::Text(s.to_owned()));
    }
}

fn extend_inlines(inlines: &mut Vec<Inline>, more: Vec<Inline>) {
    for i in more {
        match i {
            Inline::Text(s) => push_text(inlines, &s),
            other => inlines.push(other),
        }
    }
}

/// Trims whitespace at both ends of an inline sequence and drops empty texts.
fn trim_inlines(mut inl: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text(s)) = inl.first_mut() {
        *s = s.trim_start().to_owned();
    }
    if let Some(Inline::Text(s)) = inl.last_mut() {
        *s = s.trim_end().to_owned();
    }
    inl.retain(|i| !matches!(i, Inline::Text(s) if s.is_empty()));
    // Kept until the last page is written: without the room left by pushing
    // (at least four places of 112 bytes), a 10,000-post blog's trees are 20 MB smaller.
    inl.shrink_to_fit();
    inl
}

fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut ws = false;
    for c in s.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            ws = true;
        } else {
            if ws {
                out.push(' ');
            }
            ws = false;
            out.push(c);
        }
    }
    if ws {
        out.push(' ');
    }
    out
}

/// `:::note` … `:::` directives (Docusaurus, VitePress, Starlight) and
/// `<details><summary>…</summary>` … `</details>` elements as GitHub alerts:
/// `> [!NOTE]` and the lines inside quoted, so pulldown-cmark reads the
/// Markdown inside them as a callout's. Line numbers stay as they were; code
/// fences inside are left alone; other `:::` lines, and `<details>` that is
/// indented (inside a list), are not touched. What an alert has no room for
/// (a directive's title, `:::tip[Fast]`; a details element's summary) is
/// returned by the 1-based line of its alert.
pub fn directives_to_alerts(
    markdown: &str,
) -> (std::borrow::Cow<'_, str>, HashMap<usize, Opening>) {
    let mut openings = HashMap::new();
    if !markdown.contains(":::") && !markdown.contains("<details") {
        return (markdown.into(), openings);
    }
    let mut out = String::with_capacity(markdown.len() + 64);
    // The open containers: `true` for a details element.
    let mut open: Vec<bool> = Vec::new();
    let mut fence: Option<String> = None;
    // The line of a details element still waiting for its summary.
    let mut wants_summary: Option<usize> = None;
    // Text after a one-line details element's summary, and whether the
    // element closed on that line.
    let mut pending: Option<(String, bool)> = None;
    for (n, line) in markdown.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        let trimmed = body.trim_start();
        let quote = "> ".repeat(open.len());
        if let Some((rest, closes)) = pending.take() {
            out.push_str(&quote);
            out.push_str(&rest);
            if closes {
                open.pop();
            }
            if trimmed.is_empty() {
                out.push_str(ending);
                continue;
            }
            out.push(' ');
        }
        if let Some(f) = &fence {
            if trimmed.starts_with(f.as_str()) {
                fence = None;
            }
            out.push_str(&quote);
            out.push_str(line);
            continue;
        }
        if let Some(at) = wants_summary.take()
            && let Some((summary, rest)) = take_summary(trimmed)
        {
            if let Some(Opening::Details { summary: s, .. }) = openings.get_mut(&at) {
                *s = summary;
            }
            out.push_str(&quote);
            out.push_str(rest.trim());
            out.push_str(ending);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(
                trimmed
                    .chars()
                    .take_while(|c| *c == '`' || *c == '~')
                    .collect(),
            );
        } else if body.eq_ignore_ascii_case("</details>") && open.last() == Some(&true) {
            open.pop();
            out.push_str(&"> ".repeat(open.len()));
            out.push_str(ending);
            continue;
        } else if let Some(rest) = details_start(body) {
            let is_open = rest.0;
            let (summary, rest) = match take_summary(rest.1.trim_start()) {
                Some((summary, rest)) => (summary, rest),
                None => {
                    wants_summary = Some(n + 1);
                    (String::new(), rest.1)
                }
            };
            openings.insert(
                n + 1,
                Opening::Details {
                    summary,
                    open: is_open,
                },
            );
            out.push_str(&quote);
            out.push_str("> [!NOTE]");
            out.push_str(ending);
            open.push(true);
            // Text after the summary, and a closing tag on the same line.
            let rest = rest.trim();
            let (rest, closes) = match rest.strip_suffix("</details>") {
                Some(r) => (r.trim(), true),
                None => (rest, false),
            };
            if !rest.is_empty() {
                // An alert's first line has room for nothing else: the text
                // takes the place of the next line when that is blank.
                pending = Some((rest.to_owned(), closes));
            } else if closes {
                open.pop();
            }
            continue;
        } else if let Some(rest) = trimmed.strip_prefix(":::") {
            let rest = rest.trim();
            if rest.is_empty() && open.last() == Some(&false) {
                open.pop();
                out.push_str(&"> ".repeat(open.len()));
                out.push_str(ending);
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            if let Some(kind) = CalloutKind::from_name(&name) {
                let title = rest[name.len()..].trim();
                let title = title
                    .strip_prefix('[')
                    .and_then(|t| t.strip_suffix(']'))
                    .unwrap_or(title)
                    .trim();
                // `{.class}` and `{#id}` attributes are not titles.
                if !title.is_empty() && !title.starts_with('{') {
                    openings.insert(n + 1, Opening::Title(title.to_owned()));
                }
                out.push_str(&quote);
                out.push_str(&format!("> [!{}]", kind.name().to_ascii_uppercase()));
                out.push_str(ending);
                open.push(false);
                continue;
            }
        }
        out.push_str(&quote);
        out.push_str(line);
    }
    if let Some((rest, _)) = pending {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&"> ".repeat(open.len()));
        out.push_str(&rest);
    }
    (out.into(), openings)
}

/// `<details>` or `<details open>` at the very start of `line`: whether it
/// is open, and what follows the tag.
fn details_start(line: &str) -> Option<(bool, &str)> {
    let rest = line
        .get(..8)
        .filter(|t| t.eq_ignore_ascii_case("<details"))?;
    let rest = &line[rest.len()..];
    if !rest.starts_with(['>', ' ', '\t']) {
        return None;
    }
    let end = rest.find('>')?;
    let attrs = rest[..end].to_ascii_lowercase();
    Some((
        attrs
            .split_whitespace()
            .any(|a| a == "open" || a.starts_with("open=")),
        &rest[end + 1..],
    ))
}

/// A `<summary>…</summary>` at the start of `s`: its text (tags removed,
/// entities decoded) and what follows it.
fn take_summary(s: &str) -> Option<(String, &str)> {
    let lower = s.to_ascii_lowercase();
    if !lower.starts_with("<summary") {
        return None;
    }
    let open_end = s.find('>')? + 1;
    let close = lower.find("</summary>")?;
    let inner = s.get(open_end..close)?;
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = collapse_ws(&crate::html::decode_entities(&text))
        .trim()
        .to_owned();
    Some((text, &s[close + "</summary>".len()..]))
}

/// A paragraph that is only a link to a YouTube or Vimeo video (the way
/// Markdown embeds one, and what the `youtube` shortcodes become) as the
/// video's placeholder, titled by the link's text when that is not the URL.
fn video_link(inl: &[Inline]) -> Option<Block> {
    if let [Inline::Text(url)] = inl {
        let (host, id) = VideoHost::of_url(url)?;
        return Some(Block::Embed {
            host,
            id,
            title: None,
        });
    }
    let [
        Inline::Link {
            target: LinkTarget::External(url),
            content,
            ..
        },
    ] = inl
    else {
        return None;
    };
    let (host, id) = VideoHost::of_url(url)?;
    let text = plain(content);
    let title =
        (!text.is_empty() && text != *url && VideoHost::of_url(&text).is_none()).then_some(text);
    Some(Block::Embed { host, id, title })
}

/// Whether a `$…$` pulldown-cmark read as a formula is rather prices
/// (`0.09$/GB … 0.04$/month`): a formula's dollar sign does not touch a
/// letter or digit outside it.
fn is_money(markdown: &str, span: &std::ops::Range<usize>) -> bool {
    let before = markdown[..span.start].chars().next_back();
    let after = markdown[span.end..].chars().next();
    before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
}

/// Concatenated text of inlines (images give their alt text), no extra spaces.
pub fn inline_text(inl: &[Inline], out: &mut String) {
    for i in inl {
        match i {
            Inline::Text(s) | Inline::Code(s) => out.push_str(s),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                inline_text(c, out)
            }
            Inline::Link { content, .. } | Inline::Tagged { content, .. } => {
                inline_text(content, out)
            }
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::Math { nodes, .. } => blog_bundle::math::math_text(nodes, out),
            Inline::FootnoteRef(_) | Inline::Media { .. } => {}
            Inline::LineBreak => out.push(' '),
        }
    }
}

/// Plain text of inlines with whitespace collapsed.
pub fn plain(inl: &[Inline]) -> String {
    let mut s = String::new();
    inline_text(inl, &mut s);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// File endings of the pictures a raw `<img>` may show.
const IMAGE_EXTENSIONS: [&str; 8] = [
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".bmp",
];

/// Containers dropped silently with their text kept (the inline elements
/// that mean something are kept, [`Style::of_html`]).
const QUIET_TAGS: &[&str] = &[
    "picture",
    "u",
    "span",
    "code",
    "q",
    "samp",
    "time",
    "font",
    "big",
    "tt",
    "bdi",
    "bdo",
    "wbr",
    "nobr",
    "p",
    "div",
    "center",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "figure",
    "figcaption",
    "pre",
    "hr",
    "nav",
    "address",
    "details",
    "summary",
];

/// Tags that separate words when their text is kept.
const BREAKING_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "figcaption",
    "hr",
    "caption",
    "summary",
];

struct Converter<'a, 'c> {
    ctx: &'c Context<'a>,
    diags: &'c mut Vec<Diagnostic>,
    lines: LineIndex,
    stack: Vec<Frame>,
    /// Titles of `:::tip[Title]` callouts by their line ([`directives_to_alerts`]).
    callout_titles: HashMap<usize, Opening>,
    /// Local images found so far.
    media: Vec<MediaFile>,
    /// Open lists and block quotes.
    nesting: usize,
    nesting_warned: bool,
    /// Inside `<script>`/`<style>`: text is dropped until the end tag.
    skip_raw: Option<String>,
    /// Inside `<audio>`/`<video>`.
    media_open: Option<OpenPlayer>,
    /// The start of an HTML block's tag that goes on on its next line.
    html_carry: String,
    headline: Option<String>,
    root_started: bool,
    toc: Vec<TocEntry>,
    ids: HashSet<String>,
    footnote_numbers: HashMap<String, u32>,
    footnote_order: Vec<(String, usize)>,
    footnote_defs: HashMap<String, (Vec<Block>, usize)>,
    /// Raw-HTML warnings given so far, by what they are about: the index of
    /// the diagnostic and how often it happened (said once per post).
    html_warned: HashMap<String, (usize, usize)>,
}

/// Converts a post body. Diagnostics carry `.md` line numbers.
pub fn convert(markdown: &str, ctx: &Context, diags: &mut Vec<Diagnostic>) -> Document {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TASKLISTS);
    opts.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    // GitHub's alerts (`> [!NOTE]`); `:::note` directives are made into them.
    opts.insert(Options::ENABLE_GFM);
    opts.insert(Options::ENABLE_MATH);
    let (markdown, callout_titles) = directives_to_alerts(markdown);
    let markdown = markdown.as_ref();
    let mut c = Converter {
        callout_titles,
        media: Vec::new(),
        ctx,
        diags,
        lines: LineIndex::new(markdown),
        stack: vec![Frame::new(Kind::Root, BODY_DEPTH)],
        nesting: 0,
        nesting_warned: false,
        skip_raw: None,
        media_open: None,
        html_carry: String::new(),
        headline: None,
        root_started: false,
        toc: Vec::new(),
        ids: HashSet::new(),
        footnote_numbers: HashMap::new(),
        footnote_order: Vec::new(),
        footnote_defs: HashMap::new(),
        html_warned: HashMap::new(),
    };
    for (event, range) in Parser::new_ext(markdown, opts).into_offset_iter() {
        let line = c.ctx.body_line + c.lines.line(range.start) - 1;
        let event = match event {
            Event::InlineMath(_) if is_money(markdown, &range) => {
                Event::Text(markdown[range].to_owned().into())
            }
            event => event,
        };
        c.event(event, line);
    }
    c.finish()
}

impl Converter<'_, '_> {
    fn warn(&mut self, line: usize, message: impl Into<String>, help: Option<String>) {
        let mut d = Diagnostic::warning(self.ctx.file, message).line(line);
        d.help = help;
        self.diags.push(d);
    }

    fn top(&mut self) -> &mut Frame {
        self.stack.last_mut().expect("root frame")
    }

    fn push_inline(&mut self, inl: Inline) {
        let top = self.top();
        match inl {
            Inline::Text(s) => push_text(&mut top.inlines, &s),
            other => top.inlines.push(other),
        }
    }

    fn push_block(&mut self, b: Block) {
        if self.stack.len() == 1 {
            self.root_started = true;
        }
        let top = self.top();
        top.flush_paragraph();
        top.blocks.push(b);
    }

    fn depth(&self) -> usize {
        self.stack.last().map_or(BODY_DEPTH, |f| f.depth)
    }

    fn in_link(&self) -> bool {
        self.stack
            .iter()
            .any(|f| matches!(f.kind, Kind::Link { .. }))
    }

    /// Pushes an inline container costing `cost` JSON levels, or a transparent
    /// one when that would nest too deep.
    fn open_inline(&mut self, kind: Kind, cost: usize) {
        let depth = self.depth() + cost;
        if depth > MAX_JSON_DEPTH {
            let html_a = matches!(kind, Kind::Link { html: true, .. });
            self.stack
                .push(Frame::new(Kind::Transparent { html_a }, self.depth()));
        } else {
            self.stack.push(Frame::new(kind, depth));
        }
    }

    /// Pushes a list or block quote, or a flattened container past the limits.
    fn open_nested(&mut self, kind: Kind, cost: usize, line: usize) {
        let depth = self.depth() + cost;
        if self.nesting >= MAX_NESTING || depth > MAX_JSON_DEPTH - 10 {
            if !self.nesting_warned {
                self.nesting_warned = true;
                self.warn(
                    line,
                    format!("lists and quotes are nested too deep (the limit is {MAX_NESTING} levels): the deeper levels are flattened"),
                    Some("nest less".into()),
                );
            }
            let d = self.depth();
            self.stack.push(Frame::new(Kind::Flattened, d));
        } else {
            self.nesting += 1;
            self.stack.push(Frame::new(kind, depth));
        }
    }

    fn start_block(&mut self) {
        self.skip_raw = None;
        // Tight list items hold text directly: make it a paragraph first.
        let top = self.top();
        if matches!(
            top.kind,
            Kind::Root
                | Kind::BlockQuote(_)
                | Kind::Item { .. }
                | Kind::FootnoteDef { .. }
                | Kind::Flattened
        ) {
            top.flush_paragraph();
        }
    }

    fn event(&mut self, event: Event, line: usize) {
        match event {
            Event::Start(tag) => {
                let before = self.stack.len();
                self.start(tag, line);
                if self.stack.len() > before {
                    self.top().line = line;
                }
            }
            Event::End(end) => self.end(end, line),
            Event::Text(t) => {
                // A player's fallback text is for browsers without players.
                if self.skip_raw.is_some() || self.media_open.is_some() {
                    return;
                }
                if let Kind::CodeBlock { code, .. } = &mut self.top().kind {
                    code.push_str(&t);
                } else {
                    self.push_inline(Inline::Text(t.to_string()));
                }
            }
            Event::Code(t) => {
                if self.skip_raw.is_none() {
                    self.push_inline(Inline::Code(t.to_string()));
                }
            }
            Event::InlineMath(ref t) | Event::DisplayMath(ref t) => {
                let block = matches!(event, Event::DisplayMath(_));
                if self.skip_raw.is_none() {
                    match super::math::to_mathml(t, block) {
                        Ok(nodes) => self.push_inline(Inline::Math { block, nodes }),
                        Err(why) => {
                            self.warn(
                                line,
                                format!("formula `{}` cannot be shown: {why}", t.trim()),
                                Some(
                                    "it is shown as code; the supported LaTeX is listed at https://tmke8.github.io/math-core/"
                                        .into(),
                                ),
                            );
                            self.push_inline(Inline::Code(t.to_string()));
                        }
                    }
                }
            }
            Event::Html(s) => {
                // pulldown-cmark gives an HTML block line by line: a tag that
                // goes on (`<img alt="…"` / `src="…">`) waits for its end.
                let mut chunk = std::mem::take(&mut self.html_carry);
                chunk.push_str(&s);
                let open = chunk.rfind('<').filter(|at| {
                    !chunk[*at..].contains('>')
                        && chunk[at + 1..].starts_with(|c: char| c.is_ascii_alphabetic())
                        && chunk.len() - at < 4096
                });
                if let Some(at) = open {
                    self.html_carry = chunk.split_off(at);
                }
                self.html(&chunk, line, true)
            }
            Event::InlineHtml(s) => self.html(&s, line, false),
            Event::FootnoteReference(label) => {
                let label = label.to_string();
                let next = self.footnote_numbers.len() as u32 + 1;
                let n = *self
                    .footnote_numbers
                    .entry(label.clone())
                    .or_insert_with(|| next);
                if n == next {
                    self.footnote_order.push((label, line));
                }
                self.push_inline(Inline::FootnoteRef(n));
            }
            Event::SoftBreak => {
                if self.skip_raw.is_none() {
                    self.push_inline(Inline::Text(" ".into()));
                }
            }
            Event::HardBreak => self.push_inline(Inline::LineBreak),
            Event::Rule => {
                self.start_block();
                self.push_block(Block::Rule);
            }
            Event::TaskListMarker(checked) => {
                for f in self.stack.iter_mut().rev() {
                    if let Kind::Item { checked: c, .. } = &mut f.kind {
                        *c = Some(checked);
                        break;
                    }
                }
            }
        }
    }

    fn start(&mut self, tag: Tag, line: usize) {
        let d = self.depth();
        match tag {
            Tag::Paragraph => {
                self.start_block();
                self.stack.push(Frame::new(Kind::Paragraph, d + 2));
            }
            Tag::Heading { level, id, .. } => {
                self.start_block();
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                let id = id.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
                self.stack
                    .push(Frame::new(Kind::Heading { level, id }, d + 3));
            }
            Tag::BlockQuote(kind) => {
                self.start_block();
                let callout = kind.map(|k| match k {
                    BlockQuoteKind::Note => CalloutKind::Note,
                    BlockQuoteKind::Tip => CalloutKind::Tip,
                    BlockQuoteKind::Important => CalloutKind::Important,
                    BlockQuoteKind::Warning => CalloutKind::Warning,
                    BlockQuoteKind::Caution => CalloutKind::Caution,
                });
                let opening = callout
                    .and_then(|_| self.callout_titles.remove(&(line + 1 - self.ctx.body_line)));
                let quote = match (callout, opening) {
                    (None, _) => Quote::Plain,
                    (Some(_), Some(Opening::Details { summary, open })) => {
                        Quote::Details { summary, open }
                    }
                    (Some(kind), Some(Opening::Title(t))) => Quote::Callout(kind, Some(t)),
                    (Some(kind), None) => Quote::Callout(kind, None),
                };
                self.open_nested(Kind::BlockQuote(quote), 2, line);
            }
            Tag::List(start) => {
                self.start_block();
                self.open_nested(
                    Kind::List {
                        start,
                        items: Vec::new(),
                    },
                    5,
                    line,
                );
            }
            Tag::Item => {
                self.start_block();
                self.stack.push(Frame::new(
                    Kind::Item {
                        checked: None,
                        marker_link_broken: false,
                    },
                    d,
                ));
            }
            Tag::CodeBlock(kind) => {
                self.start_block();
                let fence = match kind {
                    CodeBlockKind::Fenced(info) => super::code::parse_fence(&info),
                    CodeBlockKind::Indented => Default::default(),
                };
                self.stack.push(Frame::new(
                    Kind::CodeBlock {
                        fence,
                        code: String::new(),
                    },
                    d,
                ));
            }
            Tag::HtmlBlock => {
                self.start_block();
                self.stack.push(Frame::new(Kind::HtmlBlock, d + 2));
            }
            Tag::FootnoteDefinition(label) => {
                self.start_block();
                self.stack.push(Frame::new(
                    Kind::FootnoteDef {
                        label: label.to_string(),
                    },
                    FOOTNOTE_DEPTH,
                ));
            }
            Tag::Table(align) => {
                self.start_block();
                let align = align
                    .iter()
                    .map(|a| match a {
                        pulldown_cmark::Alignment::None => Align::None,
                        pulldown_cmark::Alignment::Left => Align::Left,
                        pulldown_cmark::Alignment::Center => Align::Center,
                        pulldown_cmark::Alignment::Right => Align::Right,
                    })
                    .collect();
                self.stack.push(Frame::new(
                    Kind::Table {
                        align,
                        head: Vec::new(),
                        rows: Vec::new(),
                    },
                    d + 5,
                ));
            }
            Tag::TableHead => self.stack.push(Frame::new(
                Kind::Cells {
                    head: true,
                    cells: Vec::new(),
                },
                d,
            )),
            Tag::TableRow => self.stack.push(Frame::new(
                Kind::Cells {
                    head: false,
                    cells: Vec::new(),
                },
                d,
            )),
            Tag::TableCell => self.stack.push(Frame::new(Kind::Cell, d)),
            Tag::Emphasis => self.open_inline(Kind::Emphasis, 2),
            Tag::Strong => self.open_inline(Kind::Strong, 2),
            Tag::Strikethrough => self.open_inline(Kind::Strikethrough, 2),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                if self.in_link() {
                    self.stack
                        .push(Frame::new(Kind::Transparent { html_a: false }, d));
                } else {
                    // `<someone@example.org>` comes without its scheme.
                    let dest = match link_type {
                        pulldown_cmark::LinkType::Email => format!("mailto:{dest_url}"),
                        _ => dest_url.to_string(),
                    };
                    let kind = Kind::Link {
                        dest,
                        title: title.to_string(),
                        line,
                        html: false,
                    };
                    self.open_inline(kind, 3);
                }
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                let kind = Kind::Image {
                    dest: dest_url.to_string(),
                    title: title.to_string(),
                    line,
                };
                self.stack.push(Frame::new(kind, d));
            }
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {
                self.start_block();
                self.stack.push(Frame::new(Kind::Flattened, d));
            }
            Tag::Superscript | Tag::Subscript => {
                let tag = if matches!(tag, Tag::Superscript) {
                    InlineTag::Sup
                } else {
                    InlineTag::Sub
                };
                self.open_inline(
                    Kind::Styled {
                        style: Style::Tag(tag, None),
                        html: false,
                    },
                    3,
                )
            }
        }
    }

    fn end(&mut self, end: TagEnd, line: usize) {
        // Close `<a>` elements the author left open.
        while self.stack.len() > 1
            && matches!(
                self.top().kind,
                Kind::Link { html: true, .. }
                    | Kind::Transparent { html_a: true }
                    | Kind::Styled { html: true, .. }
                    | Kind::Figure { .. }
                    | Kind::Caption
            )
        {
            self.close_top(line);
        }
        if end == TagEnd::HtmlBlock && !self.html_carry.is_empty() {
            let rest = std::mem::take(&mut self.html_carry);
            self.html(&rest, line, true);
        }
        if matches!(
            end,
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::HtmlBlock | TagEnd::TableCell
        ) {
            self.skip_raw = None;
            self.media_open = None;
        }
        if self.stack.len() > 1 {
            self.close_top(line);
        }
    }

    fn close_top(&mut self, line: usize) {
        let mut frame = self.stack.pop().expect("frame");
        if matches!(
            frame.kind,
            Kind::Paragraph | Kind::Heading { .. } | Kind::Cell | Kind::Item { .. }
        ) {
            let mut labels = Vec::new();
            undefined_refs(&frame.inlines, &mut labels);
            for label in labels {
                self.warn(
                    frame.line,
                    format!(
                        "footnote [^{label}] is referenced but never defined: it is shown as text"
                    ),
                    Some(format!(
                        "add a line `[^{label}]: text` at the end of the post"
                    )),
                );
            }
        }
        let at_root = self.stack.len() == 1;
        let kind = std::mem::replace(&mut frame.kind, Kind::Flattened);
        match kind {
            Kind::Root => unreachable!("root is never popped"),
            Kind::Paragraph | Kind::HtmlBlock => {
                let inl = trim_inlines(frame.inlines);
                let top = self.top();
                top.blocks.extend(frame.blocks);
                if let Some(embed) = video_link(&inl) {
                    self.push_block(embed);
                } else if !inl.is_empty() {
                    self.push_block(Block::Paragraph(inl));
                }
            }
            Kind::Heading { level, id } => {
                let content = trim_inlines(frame.inlines);
                let text = plain(&content);
                if level == 1 && at_root && !self.root_started && self.headline.is_none() {
                    self.root_started = true;
                    self.headline = Some(text);
                    return;
                }
                let base = id.unwrap_or_else(|| heading_slug(&text));
                let mut id = base.clone();
                let mut n = 2;
                while !self.ids.insert(id.clone()) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                let level = level.max(2);
                if at_root && level <= 3 && self.toc.len() < MAX_TOC {
                    self.toc.push(TocEntry {
                        level,
                        id: id.clone(),
                        text,
                    });
                }
                self.push_block(Block::Heading { level, id, content });
            }
            Kind::BlockQuote(kind) => {
                self.nesting -= 1;
                frame.flush_paragraph();
                self.push_block(match kind {
                    Quote::Callout(kind, title) => Block::Callout {
                        kind,
                        title,
                        blocks: frame.blocks,
                    },
                    Quote::Details { summary, open } => Block::Details {
                        summary,
                        open,
                        blocks: frame.blocks,
                    },
                    Quote::Plain => Block::BlockQuote(frame.blocks),
                });
            }
            Kind::List { start, items } => {
                self.nesting -= 1;
                let top = self.top();
                top.blocks.extend(frame.blocks);
                if !items.is_empty() {
                    self.push_block(Block::List { start, items });
                }
            }
            Kind::Flattened => {
                frame.flush_paragraph();
                let top = self.top();
                top.flush_paragraph();
                top.blocks.extend(frame.blocks);
            }
            Kind::Item {
                checked,
                marker_link_broken,
            } => {
                frame.flush_paragraph();
                if marker_link_broken {
                    let mut text = String::new();
                    blocks_text(&frame.blocks, &mut text);
                    if text.trim().is_empty() || is_yaml_marker(&text) {
                        return;
                    }
                }
                let top = self.top();
                if let Kind::List { items, .. } = &mut top.kind {
                    items.push(ListItem {
                        checked,
                        blocks: frame.blocks,
                    });
                } else {
                    top.flush_paragraph();
                    top.blocks.extend(frame.blocks);
                }
            }
            Kind::CodeBlock { fence, code } => {
                let spans = fence
                    .lang
                    .as_deref()
                    .and_then(|lang| super::code::highlight(lang, &code))
                    .unwrap_or_default();
                self.push_block(Block::CodeBlock {
                    lang: fence.lang,
                    code,
                    title: fence.title,
                    marked: fence.marked,
                    spans,
                })
            }
            Kind::FootnoteDef { label } => {
                frame.flush_paragraph();
                if let std::collections::hash_map::Entry::Vacant(e) =
                    self.footnote_defs.entry(label.clone())
                {
                    e.insert((frame.blocks, line));
                } else {
                    self.warn(
                        line,
                        format!(
                            "footnote [^{label}] is defined twice; the first definition is used"
                        ),
                        None,
                    );
                }
            }
            Kind::Table { align, head, rows } => {
                self.push_block(Block::Table { align, head, rows })
            }
            Kind::Cells { head, cells } => {
                if let Kind::Table { head: h, rows, .. } = &mut self.top().kind {
                    if head {
                        *h = cells;
                    } else {
                        rows.push(cells);
                    }
                }
            }
            Kind::Cell => {
                let inl = trim_inlines(frame.inlines);
                if let Kind::Cells { cells, .. } = &mut self.top().kind {
                    cells.push(inl);
                }
            }
            Kind::Emphasis if !frame.inlines.is_empty() => {
                self.push_inline(Inline::Emphasis(frame.inlines))
            }
            Kind::Strong if !frame.inlines.is_empty() => {
                self.push_inline(Inline::Strong(frame.inlines))
            }
            Kind::Strikethrough if !frame.inlines.is_empty() => {
                self.push_inline(Inline::Strikethrough(frame.inlines))
            }
            Kind::Emphasis | Kind::Strong | Kind::Strikethrough => {}
            Kind::Transparent { .. } => {
                let top = self.top();
                extend_inlines(&mut top.inlines, frame.inlines);
            }
            Kind::Styled { style, .. } => {
                if !frame.inlines.is_empty() {
                    self.push_inline(style.wrap(frame.inlines));
                }
            }
            Kind::Caption => {
                let caption = trim_inlines(frame.inlines);
                match &mut self.top().kind {
                    Kind::Figure { caption: c } => *c = caption,
                    _ => extend_inlines(&mut self.top().inlines, caption),
                }
            }
            Kind::Figure { caption } => {
                let content = trim_inlines(frame.inlines);
                if !content.is_empty() || !caption.is_empty() {
                    self.push_block(Block::Figure { content, caption });
                }
            }
            Kind::Link {
                dest, title, line, ..
            } => self.finish_link(dest, title, line, frame.inlines),
            Kind::Image { dest, title, line } => {
                let alt = plain(&frame.inlines);
                let src = dest.trim();
                if let Some(src) = image_src(src) {
                    let title = Some(title).filter(|t| !t.is_empty());
                    match self.local_image(src, line) {
                        Some((src, size, variants)) => self.push_inline(Inline::Image {
                            src,
                            alt,
                            title,
                            size,
                            variants,
                        }),
                        None => self.push_inline(Inline::Text(alt)),
                    }
                } else {
                    self.warn(
                        line,
                        format!("image source \"{}\" is not an http(s) or site path: only its alt text is kept", short(src)),
                        Some("use an https:// URL or a path like /images/x.jpg".into()),
                    );
                    self.push_inline(Inline::Text(alt));
                }
            }
        }
    }

    fn finish_link(&mut self, dest: String, title: String, line: usize, content: Vec<Inline>) {
        let text = plain(&content);
        let marker = is_yaml_marker(&text);
        let title = Some(title).filter(|t| !t.is_empty());
        let mut broken = None;
        let links = self.ctx.links;
        let site = |p: String, broken: &mut Option<String>| {
            let (path, fragment) = split_fragment(&p);
            match links.site(path) {
                Some(post) => Some(LinkTarget::Post {
                    path: post.to_owned(),
                    fragment,
                }),
                None if looks_like_post(&p) => {
                    *broken = Some(path.to_owned());
                    None
                }
                None => Some(LinkTarget::Site(p)),
            }
        };
        let target = match classify_link(&dest, self.ctx.base_url) {
            // The old site's own dated URLs, on whatever domain it had.
            LinkKind::External(u) => match external_path(&u).and_then(|p| links.dated(p)) {
                Some(post) => Some(LinkTarget::Post {
                    path: post.to_owned(),
                    fragment: split_fragment(&u).1,
                }),
                None => Some(LinkTarget::External(u)),
            },
            LinkKind::Anchor(a) => Some(LinkTarget::Anchor(a)),
            LinkKind::Site(p) => site(p, &mut broken),
            LinkKind::Relative(r) => site(
                resolve_relative(&blog_bundle::post_route(self.ctx.path), &r),
                &mut broken,
            ),
            LinkKind::Source { file, fragment } => match links.source(&file, self.ctx.source_dir) {
                Some(post) => Some(LinkTarget::Post {
                    path: post.to_owned(),
                    fragment,
                }),
                None => {
                    broken = Some(file);
                    None
                }
            },
            LinkKind::Rejected(scheme) => {
                self.warn(
                    line,
                    format!("link to a `{scheme}:` URL is not allowed: it is shown as plain text"),
                    Some("link to http(s)://, mailto:, #anchor or a site path".into()),
                );
                None
            }
        };
        if let Some(route) = &broken {
            self.warn(
                line,
                format!(
                    "links to {route}, which is not a post in {}: add the post, fix the link or remove it",
                    self.ctx.content_dir
                ),
                Some("the link text is published as plain text".into()),
            );
        }
        let broken = broken.is_some();
        if marker {
            let help = if broken {
                let mut in_item = false;
                for f in self.stack.iter_mut().rev() {
                    if let Kind::Item {
                        marker_link_broken, ..
                    } = &mut f.kind
                    {
                        *marker_link_broken = true;
                        in_item = true;
                        break;
                    }
                }
                if in_item {
                    "the link is also broken: a list item holding only this link is removed from the output"
                } else {
                    "the link is also broken: its text is published as plain text"
                }
            } else {
                "the link is published with this text until it is fixed"
            };
            self.warn(
                line,
                format!("link text is \"{text}\" (a YAML marker, not a title): write the linked post's title"),
                Some(help.into()),
            );
        }
        match target {
            Some(target) => self.push_inline(Inline::Link {
                target,
                title,
                content,
            }),
            None => {
                let top = self.top();
                extend_inlines(&mut top.inlines, content);
            }
        }
    }

    fn html(&mut self, s: &str, line: usize, block: bool) {
        let mut tok = Tokenizer::new(s);
        if let Some(name) = self.skip_raw.clone() {
            if !tok.skip_raw_text(&name) {
                return;
            }
            self.skip_raw = None;
        }
        while let Some(t) = tok.next() {
            match t {
                Token::Text(_) if self.media_open.is_some() => {}
                Token::Text(raw) => {
                    let text = decode_entities(raw);
                    let text = if block { collapse_ws(&text) } else { text };
                    self.push_inline(Inline::Text(text));
                }
                Token::Ignored => {}
                Token::Start { name, attrs } => {
                    for (attr, _) in &attrs {
                        if attr.starts_with("on") {
                            self.warn_html(
                                line,
                                format!("event handler attribute `{attr}` on <{name}> is dropped"),
                                "raw HTML is not published; scripts never run",
                            );
                        }
                    }
                    // An attribute's value, and the same trimmed when not empty.
                    let attr =
                        |k: &str| attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str());
                    let filled = |k: &str| {
                        attr(k)
                            .map(str::trim)
                            .filter(|v| !v.is_empty())
                            .map(str::to_owned)
                    };
                    match name.as_str() {
                        "a" => match attr("href").map(str::to_owned) {
                            Some(dest) if !self.in_link() => {
                                let title = attr("title").unwrap_or_default().to_owned();
                                self.open_inline(
                                    Kind::Link {
                                        dest,
                                        title,
                                        line,
                                        html: true,
                                    },
                                    3,
                                );
                            }
                            _ => {
                                let d = self.depth();
                                self.stack
                                    .push(Frame::new(Kind::Transparent { html_a: true }, d));
                            }
                        },
                        "br" => self.push_inline(Inline::LineBreak),
                        name if let Some(style) =
                            Style::of_html(name, attr("title").map(str::to_owned)) =>
                        {
                            self.open_inline(Kind::Styled { style, html: true }, 3)
                        }
                        // Pictures keep their picture and alt text.
                        "img" => {
                            let get = |k: &str| attr(k).map(|v| v.trim().to_owned());
                            let alt = get("alt").unwrap_or_default();
                            // A relative source must name an image file: `src=x` is
                            // no picture of the post.
                            let src = get("src").filter(|s| {
                                let l = s.to_ascii_lowercase();
                                l.starts_with("http://") || l.starts_with("https://") || {
                                    let file = l.split(['?', '#']).next().unwrap_or("");
                                    IMAGE_EXTENSIONS.iter().any(|e| file.ends_with(e))
                                }
                            });
                            match src.as_deref().and_then(image_src) {
                                Some(src) => match self.local_image(src, line) {
                                    Some((src, size, variants)) => {
                                        self.push_inline(Inline::Image {
                                            src,
                                            alt,
                                            title: get("title").filter(|t| !t.is_empty()),
                                            size,
                                            variants,
                                        })
                                    }
                                    None => self.push_inline(Inline::Text(alt)),
                                },
                                None => {
                                    self.warn_html(
                                        line,
                                        "<img> without an http(s) or site source is dropped; its alt text is kept".into(),
                                        "use an https:// URL or a path like /images/x.jpg",
                                    );
                                    self.push_inline(Inline::Text(alt));
                                }
                            }
                        }
                        // Sound and video: a player with controls, its source
                        // given on the element or by its first `<source>`.
                        "audio" | "video" if !self.in_link() => {
                            let video = name == "video";
                            let poster =
                                filled("poster").and_then(|p| self.media_src(p, line, "poster"));
                            self.media_open = Some(OpenPlayer {
                                video,
                                poster,
                                made: false,
                            });
                            if let Some(src) = filled("src") {
                                self.push_media(src, line);
                            }
                        }
                        "source" => {
                            if let Some(src) = filled("src") {
                                self.push_media(src, line);
                            }
                        }
                        "iframe"
                            if let Some((host, id)) = attr("src").and_then(VideoHost::of_url) =>
                        {
                            let title = filled("title");
                            self.push_block(Block::Embed { host, id, title });
                            if !tok.skip_raw_text(&name) {
                                self.skip_raw = Some(name);
                                return;
                            }
                        }
                        "figure" if block => self.open_inline(
                            Kind::Figure {
                                caption: Vec::new(),
                            },
                            3,
                        ),
                        "figcaption" if matches!(self.top().kind, Kind::Figure { .. }) => {
                            self.open_inline(Kind::Caption, 2)
                        }
                        "script" | "style" | "template" | "noscript" | "textarea" | "title"
                        | "xmp" => {
                            self.warn_html(
                                line,
                                format!("<{name}> element is dropped with its content"),
                                "raw HTML is not published",
                            );
                            if !tok.skip_raw_text(&name) {
                                self.skip_raw = Some(name);
                                return;
                            }
                        }
                        _ => {
                            if block && BREAKING_TAGS.contains(&name.as_str()) {
                                self.push_inline(Inline::Text(" ".into()));
                            }
                            if !QUIET_TAGS.contains(&name.as_str()) {
                                self.warn_html(
                                    line,
                                    format!("<{name}> element is dropped (raw HTML is not published); its text is kept"),
                                    "use Markdown instead, e.g. ![alt](https://…) for images",
                                );
                            }
                        }
                    }
                }
                Token::End { name } => {
                    let closes_styled = match &self.top().kind {
                        Kind::Styled { style, html: true } => Style::of_html(&name, None)
                            .is_some_and(|s| match (&s, style) {
                                (Style::Tag(a, _), Style::Tag(b, _)) => a == b,
                                _ => s == *style,
                            }),
                        _ => false,
                    };
                    let closes_figure = match self.top().kind {
                        Kind::Figure { .. } => name == "figure",
                        Kind::Caption => name == "figcaption",
                        _ => false,
                    };
                    if closes_styled || closes_figure {
                        self.close_top(line);
                    } else if name == "audio" || name == "video" {
                        self.media_open = None;
                    } else if name == "a" {
                        if matches!(
                            self.top().kind,
                            Kind::Link { html: true, .. } | Kind::Transparent { html_a: true }
                        ) {
                            self.close_top(line);
                        }
                    } else if block && BREAKING_TAGS.contains(&name.as_str()) {
                        self.push_inline(Inline::Text(" ".into()));
                    }
                }
            }
        }
    }

    /// The player of the `<audio>`/`<video>` element open, with `src`; the
    /// element's later sources are alternatives a browser would skip.
    fn push_media(&mut self, src: String, line: usize) {
        let Some(open) = self.media_open.as_mut().filter(|o| !o.made) else {
            return;
        };
        // Still inside the element (its fallback text stays out), with its player.
        open.made = true;
        let (video, poster) = (open.video, open.poster.take());
        if let Some(src) = self.media_src(src, line, if video { "video" } else { "audio" }) {
            self.push_inline(Inline::Media { video, src, poster });
        }
    }

    /// A sound, video or poster source as published: `https://`, a site
    /// path, or a file next to the post (copied like images).
    fn media_src(&mut self, src: String, line: usize, what: &str) -> Option<String> {
        let lower = src.to_ascii_lowercase();
        if lower.starts_with("https://") || (src.starts_with('/') && !src.starts_with("//")) {
            return Some(src);
        }
        // As browsers upgrade a secure page's http:// sound and video.
        if lower.starts_with("http://") {
            return Some(format!("https://{}", &src["http://".len()..]));
        }
        if lower.contains(':') || src.starts_with("//") {
            self.warn_html(
                line,
                format!(
                    "<{what}> source \"{}\" is not https:// or a file of the site: it is left out",
                    short(&src)
                ),
                "use an https:// URL or a file next to the post",
            );
            return None;
        }
        self.local_image(src, line).map(|(src, ..)| src)
    }

    /// An image source as published: a file next to the post becomes its
    /// `/media/…` path with its size; `None` (and a warning) when the file
    /// is not there.
    fn local_image(
        &mut self,
        src: String,
        line: usize,
    ) -> Option<(String, Option<[u32; 2]>, Vec<u32>)> {
        let dir = self.ctx.file.parent().unwrap_or(Path::new(""));
        match locate(dir, self.ctx.static_dirs, &src) {
            Local::NotLocal => Some((src, None, Vec::new())),
            Local::Found(file) => {
                let published = (format!("/{}", file.path), file.size, file.variants.clone());
                self.media.push(file);
                Some(published)
            }
            Local::Missing(path) => {
                self.warn(
                    line,
                    format!(
                        "image \"{}\" is not there ({}): only its alt text is kept",
                        short(&src),
                        path.display()
                    ),
                    Some(super::media::MISSING_HELP.into()),
                );
                None
            }
        }
    }

    /// A raw-HTML warning, once per post and kind; later ones are counted.
    fn warn_html(&mut self, line: usize, message: String, help: &str) {
        if let Some((_, n)) = self.html_warned.get_mut(&message) {
            *n += 1;
            return;
        }
        self.html_warned
            .insert(message.clone(), (self.diags.len(), 1));
        self.warn(line, message, Some(help.into()));
    }

    fn finish(mut self) -> Document {
        for (index, n) in self.html_warned.values() {
            if *n > 1 {
                self.diags[*index]
                    .message
                    .push_str(&format!(" ({n} times in this post; the first is here)"));
            }
        }
        while self.stack.len() > 1 {
            self.close_top(0);
        }
        let mut root = self.stack.pop().expect("root");
        root.flush_paragraph();
        let mut body = root.blocks;
        let mut notes = Vec::new();
        for (label, line) in std::mem::take(&mut self.footnote_order) {
            let number = self.footnote_numbers[&label];
            match self.footnote_defs.remove(&label) {
                Some((blocks, _)) => notes.push(Footnote { number, blocks }),
                None => {
                    self.warn(
                        line,
                        format!("footnote [^{label}] is referenced but never defined"),
                        Some(format!(
                            "add a line `[^{label}]: text` at the end of the post"
                        )),
                    );
                    notes.push(Footnote {
                        number,
                        blocks: vec![Block::Paragraph(vec![Inline::Text(format!("[^{label}]"))])],
                    });
                }
            }
        }
        let mut unused: Vec<_> = self.footnote_defs.drain().collect();
        unused.sort_by_key(|(_, (_, line))| *line);
        for (label, (_, line)) in unused {
            self.warn(
                line,
                format!("footnote [^{label}] is defined but never referenced: it is dropped"),
                None,
            );
        }
        if !notes.is_empty() {
            body.push(Block::Footnotes(notes));
        }
        Document {
            headline: self.headline,
            body,
            toc: self.toc,
            media: self.media,
        }
    }
}

/// The source of an allowed image (`http(s)://`, site path or relative path).
pub fn image_src(src: &str) -> Option<String> {
    if src.is_empty() {
        return None;
    }
    match classify_link(src, "") {
        LinkKind::External(u) => {
            let l = u.to_ascii_lowercase();
            (l.starts_with("http://") || l.starts_with("https://")).then_some(u)
        }
        LinkKind::Site(_) | LinkKind::Source { .. } | LinkKind::Relative(_) => Some(src.to_owned()),
        LinkKind::Anchor(_) | LinkKind::Rejected(_) => None,
    }
}

/// Labels of `[^label]` left as text (pulldown-cmark only makes references of defined notes).
fn undefined_refs(inl: &[Inline], out: &mut Vec<String>) {
    for i in inl {
        match i {
            Inline::Text(s) => {
                let mut rest = s.as_str();
                while let Some(start) = rest.find("[^") {
                    rest = &rest[start + 2..];
                    let Some(end) = rest.find(']') else { break };
                    let label = &rest[..end];
                    if !label.is_empty()
                        && !label.contains(char::is_whitespace)
                        && !label.contains('[')
                    {
                        out.push(label.to_owned());
                    }
                }
            }
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                undefined_refs(c, out)
            }
            Inline::Link { content, .. } => undefined_refs(content, out),
            _ => {}
        }
    }
}

fn short(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://example.com/blog/";

    fn conv(md: &str) -> (Document, Vec<Diagnostic>) {
        let links = Links::new(["known", "other"].map(|slug| crate::load::links::Entry {
            path: if slug == "known" {
                "blog/known"
            } else {
                "blog/other"
            },
            source: if slug == "known" {
                "known.md"
            } else {
                "other.md"
            },
            slug,
            date: "2025-01-01",
            urls: vec![],
        }));
        let ctx = Context {
            file: Path::new("content/t.md"),
            body_line: 10,
            content_dir: "content",
            base_url: BASE,
            links: &links,
            path: "blog/t",
            source_dir: "",
            static_dirs: &[],
        };
        let mut d = Vec::new();
        let doc = convert(md, &ctx, &mut d);
        (doc, d)
    }

    fn json(doc: &Document) -> String {
        serde_json::to_string(&doc.body).unwrap()
    }

    fn all_text(doc: &Document) -> String {
        let mut s = String::new();
        blocks_text(&doc.body, &mut s);
        s
    }

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn details_hold_markdown() {
        let md = "Before\n\n<details open>\n<summary>Show <b>more</b> &amp; more</summary>\n\nHidden **text**.\n\n```rust\nfn x() {}\n```\n\n</details>\n\nAfter\n";
        let (doc, d) = conv(md);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(doc.body.len(), 3, "{:?}", doc.body);
        let Block::Details {
            summary,
            open,
            blocks,
        } = &doc.body[1]
        else {
            panic!("{:?}", doc.body)
        };
        assert_eq!(summary, "Show more & more");
        assert!(*open);
        assert!(
            matches!(&blocks[..], [Block::Paragraph(_), Block::CodeBlock { .. }]),
            "{blocks:?}"
        );
        // One line, closed, no summary.
        let (doc, _) = conv("<details><summary>Q</summary>A</details>\n");
        assert!(
            matches!(&doc.body[..], [Block::Details { summary, open: false, blocks }] if summary == "Q" && blocks.len() == 1),
            "{:?}",
            doc.body
        );
    }

    #[test]
    fn html_tags_may_go_on_over_lines() {
        let (doc, d) = conv(
            "<div>\n<img alt=\"An infographic\"\n     src=\"https://e.com/a.png\"\n     class=\"w-1/2\"/>\n</div>\n\nAfter.\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert!(
            json(&doc).contains(r#""src":"https://e.com/a.png","alt":"An infographic""#),
            "{}",
            json(&doc)
        );
        let (doc, _) = conv("<div>\n1 < 2 and <b\n</div>\n");
        assert!(all_text(&doc).contains("1 < 2"), "{}", all_text(&doc));
    }

    #[test]
    fn figures_keep_picture_and_caption() {
        let (doc, d) = conv(
            "<figure>\n  <img src=\"https://e.com/a.png\" alt=\"A chart\">\n  <figcaption>Issuance, <em>per day</em></figcaption>\n</figure>\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let [Block::Figure { content, caption }] = &doc.body[..] else {
            panic!("{:?}", doc.body)
        };
        assert!(
            matches!(&content[..], [Inline::Image { alt, .. }] if alt == "A chart"),
            "{content:?}"
        );
        assert_eq!(plain(caption), "Issuance, per day");
        // A picture's sources are alternatives: its <img> stays.
        let (doc, d) = conv(
            "<picture><source srcset=\"a.avif\" type=\"image/avif\"><img src=\"https://e.com/a.jpg\" alt=\"Alt\"></picture>\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert!(json(&doc).contains(r#""alt":"Alt""#), "{}", json(&doc));
    }

    #[test]
    fn videos_are_placeholders_and_players() {
        let (doc, d) = conv(
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n[The talk](https://vimeo.com/76979871)\n\n<iframe width=560 src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\" title=\"Framed\" allowfullscreen></iframe>\n\nSee https://youtu.be/dQw4w9WgXcQ inline.\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let embeds: Vec<_> = doc
            .body
            .iter()
            .filter_map(|b| match b {
                Block::Embed { host, id, title } => {
                    Some((host.name(), id.as_str(), title.as_deref()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            embeds,
            [
                ("YouTube", "dQw4w9WgXcQ", None),
                ("Vimeo", "76979871", Some("The talk")),
                ("YouTube", "dQw4w9WgXcQ", Some("Framed")),
            ]
        );
        assert!(
            matches!(doc.body.last(), Some(Block::Paragraph(_))),
            "a link inside text stays a link"
        );
        let (doc, _) = conv("Listen: <audio src=\"/a.mp3\">No *player*.</audio> Done.\n");
        assert_eq!(collapse_ws(&all_text(&doc)).trim(), "Listen: Done.");
        let (doc, d) = conv(
            "<video controls autoplay poster=\"https://e.com/p.jpg\">\n<source src=\"https://e.com/v.webm\" type=\"video/webm\">\n<source src=\"https://e.com/v.mp4\">\nYour browser cannot play it.\n</video>\n\n<audio src=\"/ep/1.mp3\" controls></audio>\n\n<audio src=\"javascript:x\"></audio>\n",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("javascript:x"), "{}", d[0].message);
        let text = json(&doc);
        assert!(text.contains(r#"{"av":{"video":true,"src":"https://e.com/v.webm","poster":"https://e.com/p.jpg"}}"#), "{text}");
        assert!(
            text.contains(r#"{"av":{"video":false,"src":"/ep/1.mp3"}}"#),
            "{text}"
        );
        assert!(
            !text.contains("cannot play") && !text.contains("v.mp4"),
            "{text}"
        );
    }

    #[test]
    fn formulas_become_mathml() {
        let (doc, d) = conv("Energy $E = mc^2$ and\n\n$$\\sum_{i=1}^n i$$\n");
        assert!(d.is_empty(), "{d:?}");
        let Block::Paragraph(p) = &doc.body[0] else {
            panic!("{:?}", doc.body)
        };
        assert!(
            matches!(&p[1], Inline::Math { block: false, nodes } if !nodes.is_empty()),
            "{p:?}"
        );
        let Block::Paragraph(p) = &doc.body[1] else {
            panic!("{:?}", doc.body)
        };
        assert!(matches!(&p[0], Inline::Math { block: true, .. }), "{p:?}");
        assert!(all_text(&doc).contains("E=mc2"), "{}", all_text(&doc));
    }

    #[test]
    fn prices_stay_text_and_bad_formulas_stay_code() {
        for prices in [
            "It costs $5 and $10.",
            "Egress is pricey (0.09$/GB), while the other is (0.04$/month).",
        ] {
            let (doc, d) = conv(prices);
            assert!(d.is_empty(), "{d:?}");
            assert_eq!(all_text(&doc).trim(), prices);
        }
        let (doc, d) = conv("Text\n\nSee $\\frobnicate{x}$ here\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, Some(12));
        assert!(d[0].message.contains("frobnicate"), "{}", d[0].message);
        assert!(
            json(&doc).contains(r#"{"code":"\\frobnicate{x}"}"#),
            "{}",
            json(&doc)
        );
    }

    #[test]
    fn a_table_of_contents_keeps_its_first_entries() {
        let md: String = (0..1000).map(|i| format!("## H{i}\n\n")).collect();
        let (doc, d) = conv(&md);
        assert!(d.is_empty());
        assert_eq!(doc.toc.len(), MAX_TOC);
        assert_eq!(doc.toc[MAX_TOC - 1].text, format!("H{}", MAX_TOC - 1));
        // The headings themselves all stay.
        assert_eq!(doc.body.len(), 1000);
    }

    #[test]
    fn leading_h1_becomes_headline() {
        let (doc, d) = conv("# Заголовок *статьи*\n\nТекст.\n\n# Второй\n\n## Третий\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(doc.headline.as_deref(), Some("Заголовок статьи"));
        assert_eq!(doc.body.len(), 3);
        assert_eq!(doc.body[0], Block::Paragraph(vec![text("Текст.")]));
        assert!(matches!(&doc.body[1], Block::Heading { level: 2, id, .. } if id == "второй"));
        let (doc, _) = conv("Текст.\n\n# Не первый\n");
        assert_eq!(doc.headline, None);
        assert!(matches!(&doc.body[1], Block::Heading { level: 2, .. }));
    }

    #[test]
    fn alerts_and_directives_become_callouts() {
        let md = "> [!WARNING]\n> Back up first.\n\n\
                  :::tip[Faster builds]\nUse `--release`.\n\n```\n:::\n```\n:::\n\n\
                  :::danger\nGone.\n:::\n\n> A quote.\n\n::: not a directive\n\n\
                  A <blink>tag</blink>.\n";
        let (doc, d) = conv(md);
        let callout = |kind, title: Option<&str>, blocks| Block::Callout {
            kind,
            title: title.map(Into::into),
            blocks,
        };
        assert_eq!(
            doc.body[0],
            callout(
                CalloutKind::Warning,
                None,
                vec![Block::Paragraph(vec![text("Back up first.")])]
            )
        );
        assert_eq!(
            doc.body[1],
            callout(
                CalloutKind::Tip,
                Some("Faster builds"),
                vec![
                    Block::Paragraph(vec![
                        text("Use "),
                        Inline::Code("--release".into()),
                        text(".")
                    ]),
                    Block::CodeBlock {
                        lang: None,
                        code: ":::\n".into(),
                        title: None,
                        marked: vec![],
                        spans: vec![],
                    },
                ]
            )
        );
        assert_eq!(
            doc.body[2],
            callout(
                CalloutKind::Caution,
                None,
                vec![Block::Paragraph(vec![text("Gone.")])]
            )
        );
        assert_eq!(
            doc.body[3],
            Block::BlockQuote(vec![Block::Paragraph(vec![text("A quote.")])])
        );
        assert_eq!(
            doc.body[4],
            Block::Paragraph(vec![text("::: not a directive")])
        );
        // Lines are counted as the author wrote them.
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, Some(10 + 19), "{d:?}");
        assert!(json(&doc).contains(r#"{"callout":{"kind":"warning","blocks":"#));
    }

    #[test]
    fn inline_html_keeps_its_meaning() {
        let (doc, d) = conv(
            "H<sub>2</sub>O, E = mc<sup>2</sup>, <kbd>Ctrl</kbd>+<kbd>C</kbd>, \
             <mark>key</mark> <abbr title=\"HyperText Markup Language\">HTML</abbr> \
             <ins>new</ins> <small>fine print</small> <b>bold</b> <i>it</i> <s>old</s> \
             <sup>open <em>to the end\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let tag = |tag, content: &str| Inline::Tagged {
            tag,
            title: None,
            content: vec![text(content)],
        };
        let Block::Paragraph(p) = &doc.body[0] else {
            panic!("{doc:?}")
        };
        assert_eq!(
            &p[..4],
            &[
                text("H"),
                tag(InlineTag::Sub, "2"),
                text("O, E = mc"),
                tag(InlineTag::Sup, "2")
            ]
        );
        assert!(
            p.contains(&tag(InlineTag::Kbd, "Ctrl")) && p.contains(&tag(InlineTag::Mark, "key"))
        );
        assert!(p.contains(&Inline::Tagged {
            tag: InlineTag::Abbr,
            title: Some("HyperText Markup Language".into()),
            content: vec![text("HTML")],
        }));
        assert!(
            p.contains(&tag(InlineTag::Ins, "new"))
                && p.contains(&tag(InlineTag::Small, "fine print"))
        );
        assert!(p.contains(&Inline::Strong(vec![text("bold")])));
        assert!(p.contains(&Inline::Emphasis(vec![text("it")])));
        assert!(p.contains(&Inline::Strikethrough(vec![text("old")])));
        // Left open, they close with their paragraph.
        assert_eq!(
            p.last(),
            Some(&Inline::Tagged {
                tag: InlineTag::Sup,
                title: None,
                content: vec![text("open "), Inline::Emphasis(vec![text("to the end")])],
            })
        );
        assert!(
            json(&doc).contains(r#"{"tag":{"tag":"sub","content":[{"s":"2"}]}}"#),
            "{}",
            json(&doc)
        );
    }

    #[test]
    fn html_link_in_heading() {
        let (doc, d) = conv(
            "# H\n\n### 1. Проактивность на <a href=\"https://butlerspb.ru\" target=\"_blank\" rel=\"nofollow\">официальном сайте</a>\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let Block::Heading {
            level: 3,
            id,
            content,
        } = &doc.body[0]
        else {
            panic!("{:?}", doc.body)
        };
        assert_eq!(id, "1-проактивность-на-официальном-сайте");
        assert_eq!(
            content,
            &vec![
                text("1. Проактивность на "),
                Inline::Link {
                    target: LinkTarget::External("https://butlerspb.ru".into()),
                    title: None,
                    content: vec![text("официальном сайте")],
                },
            ]
        );
        assert_eq!(doc.toc[0].text, "1. Проактивность на официальном сайте");
    }

    #[test]
    fn html_link_attribute_forms() {
        for html in [
            "<a href='/blog/known/'>x</a>",
            "<a class=c href=/blog/known/>x</a>",
            "<A HREF=\"https://example.com/blog/blog/known\" >x</A>",
            "<a title=\"t\" href=\"/blog/known/#part\">x",
        ] {
            let (doc, d) = conv(&format!("Hi {html} end\n"));
            assert!(d.is_empty(), "{html}: {d:?}");
            let Block::Paragraph(inl) = &doc.body[0] else {
                panic!()
            };
            assert!(
                matches!(&inl[1], Inline::Link { target: LinkTarget::Post { path, .. }, content, .. }
                    if path == "blog/known" && plain(content).starts_with('x')),
                "{html}: {inl:?}"
            );
        }
        let (doc, _) = conv("<a href=\"https://x.org/?a=1&amp;b=2\">q</a>\n");
        assert!(
            json(&doc).contains("https://x.org/?a=1&b=2"),
            "{}",
            json(&doc)
        );
    }

    #[test]
    fn hostile_html_is_inert() {
        let cases = [
            "Hello <script>alert(1)</script> world\n",
            "<script>\nalert(1)\n</script>\n\nHello world\n",
            "Hello <img src=x onerror=alert(1)> world\n",
            "<div onclick=\"alert(1)\">Hello world</div>\n",
            "Hello <iframe src=\"javascript:alert(1)\"></iframe> world\n",
            "<style>body{display:none} /* alert(1) */</style>\n\nHello world\n",
            "Hello <!-- alert(1) --> world\n",
            "<p>Hello <SCRIPT type=x>alert(1)</SCRIPT >world</p>\n",
            "Hello [world](javascript:alert(1))\n",
        ];
        for md in cases {
            let (doc, _) = conv(md);
            let j = json(&doc);
            assert!(!j.contains("alert"), "{md}: {j}");
            assert!(!j.contains('<') && !j.contains('>'), "{md}: {j}");
            assert!(all_text(&doc).contains("Hello"), "{md}: {j}");
            assert!(all_text(&doc).contains("world"), "{md}: {j}");
        }
        for (md, warning) in [
            ("x <script>alert(1)</script>\n", "<script>"),
            ("x <img src=x onerror=alert(1)>\n", "onerror"),
            ("x <img src=x onerror=alert(1)>\n", "<img>"),
            ("x <iframe src=y></iframe>\n", "<iframe>"),
        ] {
            let (_, d) = conv(md);
            assert!(
                d.iter()
                    .any(|d| d.message.contains(warning) && d.line == Some(10)),
                "{md}: {d:?}"
            );
        }
        // Formatting tags and <br> are quiet, and keep their meaning.
        let (doc, d) = conv("a <b>bold</b><br>next\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            doc.body[0],
            Block::Paragraph(vec![
                text("a "),
                Inline::Strong(vec![text("bold")]),
                Inline::LineBreak,
                text("next")
            ])
        );
    }

    #[test]
    fn dangerous_schemes_become_text() {
        for dest in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:x",
            "file:///etc/passwd",
            "java\tscript:x",
            "weird-scheme:x",
        ] {
            for md in [
                format!("[click](<{dest}>)\n"),
                format!("<a href=\"{dest}\">click</a>\n"),
            ] {
                let (doc, d) = conv(&md);
                let j = json(&doc);
                assert!(!j.contains("\"a\""), "{md}: {j}");
                assert!(all_text(&doc).contains("click"), "{md}");
                assert!(
                    d.iter().any(|d| d.message.contains("is not allowed")),
                    "{md}: {d:?}"
                );
            }
        }
    }

    #[test]
    fn link_classification() {
        let source = |s: &str, f: Option<&str>| LinkKind::Source {
            file: s.into(),
            fragment: f.map(Into::into),
        };
        let site = |s: &str| LinkKind::Site(s.into());
        let cases = [
            (
                "https://x.org/a",
                LinkKind::External("https://x.org/a".into()),
            ),
            ("HTTP://x.org", LinkKind::External("HTTP://x.org".into())),
            ("mailto:a@b.c", LinkKind::External("mailto:a@b.c".into())),
            ("#part", LinkKind::Anchor("part".into())),
            ("/blog/abc/", site("/blog/abc/")),
            ("/blog/abc/#sec", site("/blog/abc/#sec")),
            ("https://example.com/blog/blog/abc/", site("/blog/abc/")),
            ("https://EXAMPLE.com/blog/", LinkKind::Site("/".into())),
            ("other.md", source("other.md", None)),
            ("./other.md#x", source("./other.md", Some("x"))),
            ("@/inside/x.md#y", source("@/inside/x.md", Some("y"))),
            ("../other/", LinkKind::Relative("../other/".into())),
            ("/about/", LinkKind::Site("/about/".into())),
            ("/blog/", LinkKind::Site("/blog/".into())),
            ("/blog/a/b/", LinkKind::Site("/blog/a/b/".into())),
            ("  javascript:x", LinkKind::Rejected("javascript".into())),
            ("\u{1}JAVASCRIPT:x", LinkKind::Rejected("javascript".into())),
            ("data:x", LinkKind::Rejected("data".into())),
            (
                "//cdn.org/x",
                LinkKind::External("https://cdn.org/x".into()),
            ),
        ];
        for (dest, want) in cases {
            assert_eq!(classify_link(dest, BASE), want, "{dest}");
        }
    }

    #[test]
    fn broken_post_links_and_yaml_markers() {
        let md = "# H\n\n## Читайте также\n\n*   [Known](/blog/known/)\n*   [>-](/blog/missing-one/)\n*   [Real title](/blog/missing-two/)\n*   [>-](/blog/other/)\n";
        let (doc, d) = conv(md);
        let Block::List { items, .. } = &doc.body[1] else {
            panic!("{:?}", doc.body)
        };
        assert_eq!(items.len(), 3, "{items:?}");
        let j = json(&doc);
        assert!(
            j.contains(r#"{"k":"post","v":{"path":"blog/known","fragment":null}}"#),
            "{j}"
        );
        assert!(!j.contains("missing"), "{j}");
        assert!(j.contains(r#"{"s":"Real title"}"#), "{j}");
        let lines: Vec<_> = d
            .iter()
            .map(|d| (d.line.unwrap(), d.message.as_str()))
            .collect();
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert_eq!(lines[0].0, 15);
        assert_eq!(
            lines[0].1,
            "links to /blog/missing-one/, which is not a post in content: add the post, fix the link or remove it"
        );
        assert_eq!(
            lines[1],
            (
                15,
                "link text is \">-\" (a YAML marker, not a title): write the linked post's title"
            )
        );
        assert!(d[1].help.as_deref().unwrap().contains("removed"));
        assert_eq!(lines[2].0, 16);
        assert_eq!(lines[3].0, 17);
        assert!(!d[3].help.as_deref().unwrap().contains("removed"));
    }

    #[test]
    fn heading_ids() {
        let cases = [
            (
                "Почему высокий сервис — это не роскошь?",
                "почему-высокий-сервис-это-не-роскошь",
            ),
            ("Hello, World!", "hello-world"),
            ("  ---  ", "section"),
            ("Шаг 2: готово", "шаг-2-готово"),
            ("Ёлка ÄÖ", "ёлка-äö"),
        ];
        for (input, want) in cases {
            assert_eq!(heading_slug(input), want, "{input}");
        }
        let (doc, _) =
            conv("## Итоги\n\n### Итоги\n\n## Итоги\n\n#### Деталь\n\n## Свой {#custom}\n\n## ?\n");
        let ids: Vec<_> = doc
            .body
            .iter()
            .map(|b| match b {
                Block::Heading { id, .. } => id.as_str(),
                _ => "",
            })
            .collect();
        assert_eq!(
            ids,
            ["итоги", "итоги-2", "итоги-3", "деталь", "custom", "section"]
        );
        let toc: Vec<_> = doc.toc.iter().map(|t| (t.level, t.id.as_str())).collect();
        assert_eq!(
            toc,
            [
                (2, "итоги"),
                (3, "итоги-2"),
                (2, "итоги-3"),
                (2, "custom"),
                (2, "section")
            ]
        );
        assert_eq!(doc.toc[3].text, "Свой");
        // Stable across runs.
        assert_eq!(
            conv("## Итоги\n## Итоги\n").0,
            conv("## Итоги\n## Итоги\n").0
        );
    }

    #[test]
    fn footnotes() {
        let (doc, d) =
            conv("A[^b] B[^a] C[^b] D[^none].\n\n[^a]: Note A.\n[^b]: Note *B*.\n[^unused]: x\n");
        let Block::Paragraph(inl) = &doc.body[0] else {
            panic!("{:?}", doc.body)
        };
        let refs: Vec<u32> = inl
            .iter()
            .filter_map(|i| {
                if let Inline::FootnoteRef(n) = i {
                    Some(*n)
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(&refs[..3], &[1, 2, 1]);
        let Some(Block::Footnotes(notes)) = doc.body.last() else {
            panic!("{:?}", doc.body)
        };
        assert_eq!(notes[0].number, 1);
        assert_eq!(
            notes[0].blocks,
            vec![Block::Paragraph(vec![
                text("Note "),
                Inline::Emphasis(vec![text("B")]),
                text(".")
            ])]
        );
        assert_eq!(
            notes[1].blocks,
            vec![Block::Paragraph(vec![text("Note A.")])]
        );
        assert!(all_text(&doc).contains("[^none]"), "{}", json(&doc));
        assert!(
            d.iter().any(|d| d
                .message
                .starts_with("footnote [^none] is referenced but never defined")
                && d.line == Some(10)),
            "{d:?}"
        );
        assert!(d.iter().any(|d| d.message.contains("[^unused]")), "{d:?}");
    }

    #[test]
    fn tables_and_tasks() {
        let (doc, _) = conv(
            "| A | B | C |\n|:--|:-:|--:|\n| 1 | **2** | 3 |\n\n- [x] done\n- [ ] todo\n- plain\n",
        );
        assert_eq!(
            doc.body[0],
            Block::Table {
                align: vec![Align::Left, Align::Center, Align::Right],
                head: vec![vec![text("A")], vec![text("B")], vec![text("C")]],
                rows: vec![vec![
                    vec![text("1")],
                    vec![Inline::Strong(vec![text("2")])],
                    vec![text("3")]
                ]],
            }
        );
        let Block::List { start: None, items } = &doc.body[1] else {
            panic!()
        };
        let checked: Vec<_> = items.iter().map(|i| i.checked).collect();
        assert_eq!(checked, [Some(true), Some(false), None]);
        assert_eq!(items[0].blocks, vec![Block::Paragraph(vec![text("done")])]);
        let (doc, _) = conv("3. a\n4. b\n\n```rust title\nfn x() {}\n```\n");
        assert!(matches!(&doc.body[0], Block::List { start: Some(3), items } if items.len() == 2));
        let Block::CodeBlock {
            lang, code, spans, ..
        } = &doc.body[1]
        else {
            panic!("{doc:?}")
        };
        assert_eq!(
            (lang.as_deref(), code.as_str()),
            (Some("rust"), "fn x() {}\n")
        );
        assert!(!spans.is_empty(), "highlighted");
    }

    #[test]
    fn images() {
        let (doc, d) = conv(
            "![A cat](https://x.org/c.jpg \"t\") ![local](/img/a.png) ![bad](javascript:alert(1))\n",
        );
        let Block::Paragraph(inl) = &doc.body[0] else {
            panic!()
        };
        assert_eq!(
            inl[0],
            Inline::Image {
                src: "https://x.org/c.jpg".into(),
                alt: "A cat".into(),
                title: Some("t".into()),
                size: None,
                variants: vec![],
            }
        );
        assert!(matches!(&inl[2], Inline::Image { src, .. } if src == "/img/a.png"));
        assert_eq!(inl.last(), Some(&text(" bad")));
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn deep_nesting_is_flattened() {
        for md in [
            "> ".repeat(10_000) + "deep\n",
            "- ".repeat(2_000) + "deep\n",
            "*".repeat(10_000) + "x" + &"*".repeat(10_000),
        ] {
            let (doc, d) = conv(&md);
            assert!(all_text(&doc).contains("deep") || all_text(&doc).contains('x'));
            let j = json(&doc);
            let back: Vec<Block> =
                serde_json::from_str(&j).expect("the reader's parser accepts it");
            assert_eq!(back, doc.body);
            let mut max = 0;
            let mut cur = 0i32;
            for b in j.bytes() {
                match b {
                    b'[' | b'{' => {
                        cur += 1;
                        max = max.max(cur);
                    }
                    b']' | b'}' => cur -= 1,
                    _ => {}
                }
            }
            assert!(max < 126, "depth {max}");
            if md.starts_with('>') {
                assert_eq!(d.len(), 1, "{d:?}");
                assert!(d[0].message.contains("nested too deep"));
            }
        }
        // 32 quotes are kept as they are.
        let (doc, d) = conv(&("> ".repeat(32) + "x\n"));
        assert!(d.is_empty());
        let mut depth = 0;
        let mut b = &doc.body;
        while let Some(Block::BlockQuote(inner)) = b.first() {
            depth += 1;
            b = inner;
        }
        assert_eq!(depth, 32);
    }

    #[test]
    fn words_and_excerpts() {
        assert_eq!(word_count("Привет, мир — 2025 !! ok"), 4);
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(180), 1);
        assert_eq!(reading_minutes(181), 2);
        let long = "слово ".repeat(100);
        let (doc, _) = conv(&format!("## H\n\n{long}\n"));
        let e = excerpt(&doc.body, 200);
        assert!(e.ends_with('…'), "{e}");
        assert!(e.chars().count() <= 200);
        assert!(e.trim_end_matches('…').ends_with("слово"));
        let (doc, _) = conv("Короткий *текст*.\n");
        assert_eq!(excerpt(&doc.body, 200), "Короткий текст.");
    }
}
