//! Entry pages: the app shell's `index.html`, copied once per route with its
//! own title, description, canonical URL, social tags, JSON-LD and the app's
//! views rendered to HTML (`<div id="prerender">`, [`super::pages`]).

use std::fs;

use rayon::prelude::*;
use std::path::Path;

use serde_json::{Value, json};

use super::pages::Pages;
use crate::derive::Derived;
use crate::html::{Token, Tokenizer, escape, script_safe_json};
use crate::{BuiltPost, Site};
use blog_views::PageHead;

/// The `<head>` of one route.
pub struct Head {
    pub title: String,
    pub description: String,
    /// Route without the leading slash: `""`, `page/2/`, `blog/x/`.
    pub route: String,
    /// `None`: no canonical / og:url (the 404 page).
    pub canonical: bool,
    pub article: bool,
    pub image: Option<String>,
    pub json_ld: Option<Value>,
}

/// An absolute URL for a site path or an absolute URL.
pub fn absolute(base_url: &str, path: &str) -> String {
    let l = path.to_ascii_lowercase();
    if l.starts_with("http://") || l.starts_with("https://") {
        path.to_owned()
    } else {
        format!("{base_url}{}", path.trim_start_matches('/'))
    }
}

fn head_html(site: &Site, head: &Head) -> String {
    let base = &site.config.base_url;
    let url = format!("{base}{}", head.route);
    let mut h = String::new();
    let meta = |h: &mut String, attr: &str, key: &str, value: &str| {
        h.push_str(&format!(
            "<meta {attr}=\"{key}\" content=\"{}\">\n",
            escape(value)
        ));
    };
    meta(&mut h, "name", "description", &head.description);
    // The app reads the build its page belongs to, and never runs it on another's data.
    meta(&mut h, "name", "blog-build", &site.build_id);
    if head.canonical {
        h.push_str(&format!(
            "<link rel=\"canonical\" href=\"{}\">\n",
            escape(&url)
        ));
    } else {
        meta(&mut h, "name", "robots", "noindex");
    }
    h.push_str(&format!(
        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"{}\" href=\"{}\">\n",
        escape(&site.config.title),
        escape(&format!("{base}rss.xml"))
    ));
    meta(&mut h, "property", "og:title", &head.title);
    meta(&mut h, "property", "og:description", &head.description);
    meta(
        &mut h,
        "property",
        "og:type",
        if head.article { "article" } else { "website" },
    );
    if head.canonical {
        meta(&mut h, "property", "og:url", &url);
    }
    meta(&mut h, "property", "og:site_name", &site.config.title);
    if let Some(img) = &head.image {
        meta(&mut h, "property", "og:image", &absolute(base, img));
    }
    meta(
        &mut h,
        "name",
        "twitter:card",
        if head.image.is_some() {
            "summary_large_image"
        } else {
            "summary"
        },
    );
    if let Some(ld) = &head.json_ld {
        h.push_str("<script type=\"application/ld+json\">");
        h.push_str(&script_safe_json(ld));
        h.push_str("</script>\n");
    }
    h
}

/// Byte range of each tag `<name ...>` in `html` (case-insensitive).
fn find_tags(html: &str, name: &str) -> Vec<(usize, usize)> {
    let lower = html.to_ascii_lowercase();
    let needle = format!("<{name}");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find(&needle) {
        let start = from + i;
        let after = start + needle.len();
        let next = lower.as_bytes().get(after).copied();
        if matches!(next, Some(b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/')) {
            let end = lower[after..]
                .find('>')
                .map(|j| after + j + 1)
                .unwrap_or(lower.len());
            out.push((start, end));
            from = end;
        } else {
            from = after;
        }
    }
    out
}

fn attrs_of(tag: &str) -> Vec<(String, String)> {
    match Tokenizer::new(tag).next() {
        Some(Token::Start { attrs, .. }) => attrs,
        _ => Vec::new(),
    }
}

/// The value of attribute `name` of the start tag `tag`.
fn attr(tag: &str, name: &str) -> Option<String> {
    attrs_of(tag)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// Replaces each `(start, end, text)` range of `html` (ranges that don't overlap).
fn splice(html: &mut String, mut edits: Vec<(usize, usize, String)>) {
    edits.sort_by_key(|&(s, _, _)| s);
    for (s, e, text) in edits.into_iter().rev() {
        html.replace_range(s..e, &text);
    }
}

/// The `href` of the template's `<base>` (Trunk writes the public URL there).
pub fn base_href(template: &str) -> Option<String> {
    let &(s, e) = find_tags(template, "base").first()?;
    attr(&template[s..e], "href")
}

/// Fills the template for one route. Fails when the template lacks `</head>` or `<body>`.
pub fn render_page(
    template: &str,
    site: &Site,
    head: &Head,
    prerender_html: &str,
) -> Result<String, String> {
    let mut html = template.to_owned();
    // Drop tags this page sets itself.
    let mut remove: Vec<(usize, usize)> = find_tags(&html, "meta")
        .into_iter()
        .filter(|&(s, e)| {
            attrs_of(&html[s..e]).iter().any(|(k, v)| {
                let v = v.to_ascii_lowercase();
                (k == "name" && (v == "description" || v.starts_with("twitter:")))
                    || (k == "property" && v.starts_with("og:"))
            })
        })
        .collect();
    remove.extend(find_tags(&html, "link").into_iter().filter(|&(s, e)| {
        attrs_of(&html[s..e])
            .iter()
            .any(|(k, v)| k == "rel" && v.eq_ignore_ascii_case("canonical"))
    }));
    splice(
        &mut html,
        remove
            .into_iter()
            .map(|(s, e)| (s, e, String::new()))
            .collect(),
    );
    // Title.
    let title = format!("<title>{}</title>", escape(&head.title));
    let lower = html.to_ascii_lowercase();
    match (find_tags(&html, "title").first(), lower.find("</title>")) {
        (Some(&(s, _)), Some(close)) if close > s => {
            html.replace_range(s..close + "</title>".len(), &title)
        }
        _ => {
            let at = lower
                .find("</head>")
                .ok_or("the app's index.html has no </head>")?;
            html.insert_str(at, &format!("{title}\n"));
        }
    }
    let at = html
        .to_ascii_lowercase()
        .find("</head>")
        .ok_or("the app's index.html has no </head>")?;
    html.insert_str(at, &head_html(site, head));
    let &(_, body_end) = find_tags(&html, "body")
        .first()
        .ok_or("the app's index.html has no <body>")?;
    html.insert_str(
        body_end,
        &format!("\n<div id=\"prerender\">{prerender_html}</div>\n"),
    );
    set_lang(&mut html, &site.config.language);
    insert_csp(&mut html)?;
    Ok(html)
}

/// The largest stylesheet or classic script [`entry_shell`] copies into pages.
const INLINE_MAX: u64 = 64 * 1024;

/// The app shell (Trunk's `index.html` in `app`) made into the template of the
/// entry pages, once per build: its stylesheets and classic scripts inlined
/// ([`inline_assets`]) and the app fetched after the first paint ([`defer_app`]).
pub fn entry_shell(template: &str, app: &Path) -> String {
    let mut html = inline_assets(template, app);
    defer_app(&mut html);
    html
}

/// The largest SVG icon [`entry_shell`] turns into a `data:` URI.
const ICON_INLINE_MAX: u64 = 2 * 1024;

/// The app shell's stylesheets and classic scripts (theme.js), copied into the
/// page: an entry page then paints after one request, not after a second round
/// trip for files that every view needs anyway (a phone on a slow network sees
/// its text sooner). The CSP allows them by hash. Files that are missing, large,
/// or could close their own tag stay links. A small SVG favicon becomes a
/// `data:` URI, so the browser's tab icon is not one more request racing the
/// text on a cold load (the web manifest still names the file).
fn inline_assets(template: &str, app: &Path) -> String {
    let base = base_href(template).unwrap_or_else(|| "/".into());
    // A site-relative file of the app, from an href as the shell writes it, if
    // it is no larger than `max` bytes.
    let file = |href: &str, max: u64| -> Option<String> {
        let rel = href.strip_prefix(base.as_str()).unwrap_or(href);
        let rel = rel.strip_prefix('/').unwrap_or(rel);
        if rel.is_empty() || rel.contains("://") || rel.contains("..") || rel.contains(['?', '#']) {
            return None;
        }
        let path = app.join(rel);
        if fs::metadata(&path).ok()?.len() > max {
            return None;
        }
        fs::read_to_string(path).ok()
    };
    let mut html = template.to_owned();
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (s, e) in find_tags(&html, "link") {
        let tag = &html[s..e];
        let rel = attr(tag, "rel").unwrap_or_default().to_ascii_lowercase();
        let href = attr(tag, "href").unwrap_or_default();
        if rel == "stylesheet" {
            if let Some(css) = file(&href, INLINE_MAX)
                && !css.to_ascii_lowercase().contains("</style")
            {
                edits.push((s, e, format!("<style>{css}</style>")));
            }
        } else if rel == "icon"
            && href.to_ascii_lowercase().ends_with(".svg")
            && let Some(svg) = file(&href, ICON_INLINE_MAX)
        {
            let mut link = String::from("<link");
            for (k, v) in attrs_of(tag) {
                let v = if k == "href" { svg_data_uri(&svg) } else { v };
                link.push_str(&format!(" {k}=\"{}\"", escape(&v)));
            }
            edits.push((s, e, link + ">"));
        }
    }
    let lower = html.to_ascii_lowercase();
    for (s, e) in find_tags(&html, "script") {
        let tag = &html[s..e];
        if attr(tag, "type")
            .is_some_and(|t| !t.is_empty() && !t.eq_ignore_ascii_case("text/javascript"))
        {
            continue;
        }
        let Some(close) = lower[e..]
            .starts_with("</script>")
            .then_some(e + "</script>".len())
        else {
            continue;
        };
        if let Some(js) = attr(tag, "src").and_then(|h| file(&h, INLINE_MAX))
            && !js.to_ascii_lowercase().contains("</script")
        {
            edits.push((s, close, format!("<script>{js}</script>")));
        }
    }
    splice(&mut html, edits);
    html
}

/// `data:image/svg+xml,...` for an SVG document: percent-encoded except for
/// characters that are safe in a URL and in an HTML attribute.
fn svg_data_uri(svg: &str) -> String {
    let mut uri = String::from("data:image/svg+xml,");
    for b in svg.trim().bytes() {
        if b.is_ascii_alphanumeric() || b" -_.~/=:;,()!*+'".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// The statement of Trunk's loader that fetches the app's JS (and through it the WASM).
const TRUNK_IMPORT: &str = "import init, * as bindings from ";

/// An entry page paints its pre-rendered text first; the app comes after.
/// Trunk's shell preloads the app's JS and WebAssembly from the head and imports
/// them at once, so on a slow phone a third of a megabyte competes with the
/// text for the network (and Lighthouse counts it towards the largest paint).
/// Here the preloads go and the loader starts fetching the app once the text
/// is on screen (the first contentful paint; after a second at the latest, as
/// in a background tab, which does not paint).
/// A shell without Trunk's loader is left as it is. Applied to the shell only,
/// before any page's content is in it.
fn defer_app(html: &mut String) {
    let Some(at) = html.find(TRUNK_IMPORT) else {
        return;
    };
    let Some(end) = html[at..].find(';').map(|i| at + i + 1) else {
        return;
    };
    let module = html[at + TRUNK_IMPORT.len()..end - 1].trim().to_owned();
    let mut edits = vec![(
        at,
        end,
        format!(
            "await new Promise((go) => {{ setTimeout(go, 1000); try {{ new PerformanceObserver((l) => \
             l.getEntriesByName('first-contentful-paint').length && setTimeout(go)).observe({{ type: 'paint', buffered: true }}); \
             }} catch {{ go(); }} }});\n\
             const bindings = await import({module});\n\
             const init = bindings.default;"
        ),
    )];
    for (s, e) in find_tags(html, "link") {
        let get = |name: &str| {
            attr(&html[s..e], name)
                .unwrap_or_default()
                .to_ascii_lowercase()
        };
        if get("rel") == "modulepreload"
            || (get("rel") == "preload" && get("href").ends_with(".wasm"))
        {
            edits.push((s, e, String::new()));
        }
    }
    splice(html, edits);
}

/// `<html lang>` from the site config: the reader picks its UI language from
/// it, and browsers hyphenate by it.
fn set_lang(html: &mut String, lang: &str) {
    let Some(&(s, e)) = find_tags(html, "html").first() else {
        html.insert_str(0, &format!("<html lang=\"{}\">", escape(lang)));
        return;
    };
    let mut tag = String::from("<html");
    for (k, v) in attrs_of(&html[s..e])
        .into_iter()
        .filter(|(k, _)| k != "lang")
    {
        tag.push_str(&format!(" {k}=\"{}\"", escape(&v)));
    }
    tag.push_str(&format!(" lang=\"{}\">", escape(lang)));
    html.replace_range(s..e, &tag);
}

/// The page's Content-Security-Policy. Scripts run only from the site itself
/// or when they are, byte for byte, an inline script of the app shell (Trunk's
/// loader), allowed by its SHA-256; no `unsafe-inline`, no `unsafe-eval`, and
/// `wasm-unsafe-eval` only because instantiating WebAssembly needs it.
/// Content never reaches a script: the document tree has no such node.
pub fn content_security_policy(script_hashes: &[String], style_hashes: &[String]) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for h in script_hashes {
        script_src.push_str(&format!(" 'sha256-{h}'"));
    }
    let mut style_src = String::from("'self'");
    for h in style_hashes {
        style_src.push_str(&format!(" 'sha256-{h}'"));
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src {style_src}; \
         img-src 'self' https: data:; font-src 'self'; connect-src 'self'; \
         manifest-src 'self'; worker-src 'self'; object-src 'none'; frame-src 'none'; \
         base-uri 'self'; form-action 'self'"
    )
}

/// SHA-256 (base64) of every inline `<script>` (executable ones) or `<style>` in `html`.
pub fn inline_hashes(html: &str, tag: &str) -> Vec<String> {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let lower = html.to_ascii_lowercase();
    let close_tag = format!("</{tag}");
    let mut hashes = Vec::new();
    for (s, e) in find_tags(html, tag) {
        let attrs = attrs_of(&html[s..e]);
        let is_data = tag == "script"
            && attrs.iter().any(|(k, v)| {
                k == "type"
                    && !matches!(
                        v.to_ascii_lowercase().as_str(),
                        "" | "module" | "text/javascript"
                    )
            });
        if is_data || attrs.iter().any(|(k, _)| k == "src") {
            continue;
        }
        if let Some(close) = lower[e..].find(&close_tag) {
            let digest = Sha256::digest(&html.as_bytes()[e..e + close]);
            hashes.push(base64::engine::general_purpose::STANDARD.encode(digest));
        }
    }
    hashes
}

/// Puts the CSP `<meta>` first in the document, before any script it governs.
fn insert_csp(html: &mut String) -> Result<(), String> {
    let csp = content_security_policy(
        &inline_hashes(html, "script"),
        &inline_hashes(html, "style"),
    );
    let meta = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        escape(&csp)
    );
    let at = find_tags(html, "head")
        .first()
        .or(find_tags(html, "html").first())
        .map(|&(_, e)| e)
        .ok_or("the app's index.html has no <html> or <head>")?;
    html.insert_str(at, &meta);
    Ok(())
}

/// JSON-LD of a post: its front-matter `schema`, or a generated BlogPosting.
pub fn post_json_ld(site: &Site, p: &BuiltPost) -> Value {
    if let Some(schema) = &p.schema {
        return schema.clone();
    }
    let s = &p.post.summary;
    let url = format!("{}{}/", site.config.base_url, s.path);
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": s.title,
        "description": s.description,
        "datePublished": s.date,
        "dateModified": s.updated.as_deref().unwrap_or(&s.date),
        "author": {"@type": "Person", "name": s.author},
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
    });
    if let Some(img) = &s.hero_image {
        v["image"] = json!(absolute(&site.config.base_url, img));
    }
    if !s.tags.is_empty() {
        v["keywords"] = json!(
            s.tags
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    v
}

/// Every entry page: (path relative to the site root, HTML).
pub fn entry_pages(
    template: &str,
    site: &Site,
    derived: &Derived,
    write: &(dyn Fn(&str, &str) -> Result<(), String> + Sync),
) -> Result<(), String> {
    let cfg = &site.config;
    let pages = Pages::new(cfg, &base_href(template).unwrap_or_default());
    for n in 1..=site.page_count() {
        let list = site.list_page(n);
        let route = blog_bundle::list_route(n);
        let head = Head::of(blog_views::home::head(cfg, &list), &route);
        let body = pages.render(&route, || blog_views::home::view(cfg, &list, None));
        let file = format!("{}index.html", route.trim_start_matches('/'));
        write(&file, &render_page(template, site, &head, &body)?)?;
    }
    // One page per post, the bulk of the work: rendered and written in parallel.
    let post_page = |p: &crate::BuiltPost| -> Result<(), String> {
        let s = &p.post.summary;
        let route = blog_bundle::post_route(&s.path);
        let head = Head {
            article: true,
            image: s.hero_image.clone(),
            json_ld: Some(post_json_ld(site, p)),
            ..Head::of(blog_views::article::head(cfg, &p.post), &route)
        };
        let body = pages.render(&route, || blog_views::article::view(cfg, &p.post, None));
        write(
            &format!("{}/index.html", s.path),
            &render_page(template, site, &head, &body)?,
        )
    };
    site.posts
        .par_iter()
        .map(post_page)
        .collect::<Result<(), String>>()?;
    for (path, html) in listing_pages(template, site, derived, &pages)? {
        write(&path, &html)?;
    }
    let head = Head {
        canonical: false,
        ..Head::of(blog_views::not_found::head(&cfg.title), "/")
    };
    let body = pages.render("/404.html", blog_views::not_found::view);
    write("404.html", &render_page(template, site, &head, &body)?)?;
    for (path, html) in alias_pages(site) {
        write(&path, &html)?;
    }
    Ok(())
}

impl Head {
    /// The head of the page at `route` (`/tags/`) as the view gives it.
    fn of(head: PageHead, route: &str) -> Self {
        Head {
            title: head.title,
            description: head.description,
            route: route.trim_start_matches('/').to_owned(),
            canonical: true,
            article: false,
            image: None,
            json_ld: None,
        }
    }
}

/// The file an old URL is served from: `a/b.html` as it is, `a/b/` (or
/// `a/b`) as `a/b/index.html`. `None` for what cannot be a path of this site.
pub fn alias_file(alias: &str) -> Option<String> {
    let alias = alias
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_matches('/');
    let (stem, file) = match alias
        .strip_suffix(".html")
        .or_else(|| alias.strip_suffix(".htm"))
    {
        Some(stem) => (stem, alias.to_owned()),
        None => (alias, format!("{alias}/index.html")),
    };
    blog_bundle::is_valid_post_path(stem).then_some(file)
}

/// Small script-free pages at the posts' old URLs (`aliases`,
/// `redirect_from`) that send the reader on to the post. Aliases that are
/// another post's path, or that two posts claim, are skipped.
pub fn alias_pages(site: &Site) -> Vec<(String, String)> {
    let taken: std::collections::HashSet<String> = site
        .posts
        .iter()
        .map(|p| format!("{}/index.html", p.post.summary.path).to_ascii_lowercase())
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut pages = Vec::new();
    for p in &site.posts {
        let s = &p.post.summary;
        for alias in &p.aliases {
            let Some(file) = alias_file(alias) else {
                continue;
            };
            let key = file.to_ascii_lowercase();
            if key == "index.html" || key == "404.html" || taken.contains(&key) || !seen.insert(key)
            {
                continue;
            }
            let depth = file.matches('/').count();
            let target = format!("{}{}/", "../".repeat(depth), s.path);
            let canonical = format!("{}{}/", site.config.base_url, s.path);
            let html = format!(
                "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
                 <title>{title}</title><link rel=\"canonical\" href=\"{canonical}\">\
                 <meta name=\"robots\" content=\"noindex\">\
                 <meta http-equiv=\"refresh\" content=\"0; url={target}\"></head>\
                 <body><p><a href=\"{target}\">{title}</a></p></body></html>\n",
                lang = escape(&site.config.language),
                title = escape(&s.title),
                canonical = escape(&canonical),
                target = escape(&target),
            );
            pages.push((file, html));
        }
    }
    pages
}

/// Entry pages of the tag index, every tag page, the archive and search.
pub fn listing_pages(
    template: &str,
    site: &Site,
    derived: &Derived,
    pages: &Pages,
) -> Result<Vec<(String, String)>, String> {
    let cfg = &site.config;
    let mut out = Vec::new();
    let mut page = |route: &str, head: Head, body: String| -> Result<(), String> {
        let file = format!("{}index.html", route.trim_start_matches('/'));
        out.push((file, render_page(template, site, &head, &body)?));
        Ok(())
    };
    let route = blog_bundle::TAGS_ROUTE;
    page(
        route,
        Head::of(blog_views::tags::index_head(cfg), route),
        pages.render(route, || blog_views::tags::index_view(&derived.tag_index)),
    )?;
    for tag in &derived.tag_pages {
        let route = blog_bundle::tag_route(&tag.tag.slug, tag.page);
        page(
            &route,
            Head::of(blog_views::tags::tag_head(cfg, tag), &route),
            pages.render(&route, || blog_views::tags::tag_view(tag, None)),
        )?;
    }
    let route = blog_bundle::ARCHIVE_ROUTE;
    page(
        route,
        Head::of(blog_views::archive::head(cfg), route),
        pages.render(route, || blog_views::archive::view(&derived.archive)),
    )?;
    // Results depend on the query, so the page is for readers, not for indexing.
    let route = "/search/";
    page(
        route,
        Head {
            canonical: false,
            ..Head::of(blog_views::search::head(&cfg.title, ""), route)
        },
        pages.render(route, || blog_views::search::view(None, || false)),
    )?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use blog_bundle::SiteConfig;

    fn site() -> Site {
        Site {
            config: SiteConfig {
                title: "Блог & co".into(),
                description: "Desc".into(),
                language: "ru".into(),
                base_url: "https://x.org/b/".into(),
                author: "A".into(),
                posts_per_page: 10,
            },
            build_id: "0123456789abcdef".into(),
            posts: vec![],
            drafts: 0,
            counts: Default::default(),
        }
    }

    const TEMPLATE: &str = "<!DOCTYPE html>\n<html><head>\n<meta charset=\"utf-8\">\n<base href=\"/b/\">\n<TITLE>Old</TITLE>\n<meta name=\"description\" content=\"old\">\n<meta property=og:title content=old>\n<link rel=\"stylesheet\" href=\"app.css\">\n</head>\n<body class=\"x\"><script type=\"module\" src=\"app.js\"></script></body></html>";

    #[test]
    fn page_template_is_filled() {
        let head = Head {
            title: "T </title><script>".into(),
            description: "D \"quoted\"".into(),
            route: "blog/x/".into(),
            canonical: true,
            article: true,
            image: Some("/img/a.png".into()),
            json_ld: Some(json!({"name": "</script><script>alert(1)</script>"})),
        };
        let html = render_page(TEMPLATE, &site(), &head, "<p>pre</p>").unwrap();
        assert!(
            html.contains("<title>T &lt;/title&gt;&lt;script&gt;</title>"),
            "{html}"
        );
        assert!(
            !html.contains("Old") && !html.contains("\"old\"") && !html.contains("=old"),
            "{html}"
        );
        assert_eq!(html.matches("name=\"description\"").count(), 1);
        assert!(html.contains("<meta name=\"description\" content=\"D &quot;quoted&quot;\">"));
        assert!(html.contains("<link rel=\"canonical\" href=\"https://x.org/b/blog/x/\">"));
        assert!(
            html.contains("<meta property=\"og:image\" content=\"https://x.org/b/img/a.png\">")
        );
        assert!(html.contains("<meta property=\"og:type\" content=\"article\">"));
        assert!(
            html.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"),
            "{html}"
        );
        assert_eq!(html.matches("</script>").count(), 2, "{html}");
        assert!(
            html.contains("<body class=\"x\">\n<div id=\"prerender\"><p>pre</p></div>\n<script"),
            "{html}"
        );
        assert!(html.contains("<link rel=\"stylesheet\" href=\"app.css\">"));
        assert!(render_page("<html><body></body></html>", &site(), &head, "").is_err());
    }

    /// The home page's head, with a JSON-LD block.
    fn home_head() -> Head {
        Head {
            title: "T".into(),
            description: "D".into(),
            route: "".into(),
            canonical: true,
            article: false,
            image: None,
            json_ld: Some(json!({"name": "x"})),
        }
    }

    #[test]
    fn pages_carry_lang_and_a_csp_that_allows_only_the_shell_scripts() {
        let head = home_head();
        let loader = "import init from '/app.js';\nawait init();";
        let template = format!(
            "<!doctype html><html lang=en class=x><meta charset=utf-8><title>a</title>\
             <script type=module>{loader}</script></head><body></body></html>"
        );
        let html = render_page(&template, &site(), &head, "").unwrap();
        assert!(html.contains("<html class=\"x\" lang=\"ru\">"), "{html}");
        // The CSP comes before every script, and names exactly the loader's hash.
        let csp_at = html.find("Content-Security-Policy").unwrap();
        assert!(csp_at < html.find("<script").unwrap());
        use base64::Engine;
        use sha2::{Digest, Sha256};
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(loader));
        let csp = content_security_policy(std::slice::from_ref(&hash), &[]);
        assert!(html.contains(&escape(&csp)), "{html}");
        assert_eq!(
            html.matches("sha256-").count(),
            1,
            "JSON-LD is data, not a script"
        );
        assert!(csp.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}';"
        )));
        assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"));
        assert!(csp.contains("object-src 'none'") && csp.contains("frame-src 'none'"));
    }

    #[test]
    fn shell_styles_and_classic_scripts_are_inlined_and_allowed_by_hash() {
        let app = tempfile::tempdir().unwrap();
        fs::write(app.path().join("main-1.css"), "body{color:red}").unwrap();
        fs::write(app.path().join("theme.js"), "document.x=1;").unwrap();
        fs::write(
            app.path().join("evil.css"),
            "a{}</style><script>alert(1)</script>",
        )
        .unwrap();
        fs::write(app.path().join("big.css"), "a{}".repeat(30_000)).unwrap();
        fs::write(
            app.path().join("icon.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"#7a3b2e\"/></svg>\n",
        )
        .unwrap();
        fs::write(app.path().join("big.svg"), "<svg>".repeat(1_000)).unwrap();
        let template = "<!DOCTYPE html><html><head><base href=/sub/><title>a</title>\
            <script src=theme.js></script>\
            <link href=/sub/main-1.css integrity=sha384-x rel=stylesheet>\
            <link href=/sub/evil.css rel=stylesheet><link href=/sub/big.css rel=stylesheet>\
            <link href=https://cdn.example/x.css rel=stylesheet><link href=/sub/missing.css rel=stylesheet>\
            <link rel=icon href=/sub/main-1.css>\
            <link rel=icon href=/sub/icon.svg type=image/svg+xml><link rel=apple-touch-icon href=/sub/big.svg>\
            <link rel=icon href=/sub/big.svg sizes=any></head><body></body></html>";
        let shell = entry_shell(template, app.path());
        assert!(shell.contains("<script>document.x=1;</script>"), "{shell}");
        assert!(shell.contains("<style>body{color:red}</style>"), "{shell}");
        assert!(
            shell.contains(
                "<link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22\
                 %3E%3Crect fill=%22%237a3b2e%22/%3E%3C/svg%3E\" type=\"image/svg+xml\">"
            ),
            "{shell}"
        );
        assert!(
            shell.contains("<link rel=apple-touch-icon href=/sub/big.svg>"),
            "{shell}"
        );
        assert!(
            shell.contains("<link rel=icon href=/sub/big.svg sizes=any>"),
            "{shell}"
        );
        for kept in [
            "evil.css",
            "big.css",
            "https://cdn.example/x.css",
            "missing.css",
            "rel=icon",
        ] {
            assert!(shell.contains(kept), "{kept}: {shell}");
        }
        let html = render_page(&shell, &site(), &home_head(), "").unwrap();
        use base64::Engine;
        use sha2::{Digest, Sha256};
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s));
        let csp = content_security_policy(&[b64("document.x=1;")], &[b64("body{color:red}")]);
        assert!(html.contains(&escape(&csp)), "{html}");
    }

    #[test]
    fn the_app_loads_after_the_first_paint_without_preloads() {
        let head = Head {
            json_ld: None,
            ..home_head()
        };
        // Trunk 0.21's shell, as `trunk build --release` writes it.
        let template = "<!DOCTYPE html><html><head><base href=/sub/><title>a</title>\
            <link crossorigin href=/sub/app-1.js integrity=sha384-x rel=modulepreload>\
            <link as=fetch crossorigin href=/sub/app-1_bg.wasm integrity=sha384-y rel=preload type=application/wasm>\
            <link href=/sub/main.css rel=stylesheet>\
            <script type=module>import init, * as bindings from '/sub/app-1.js';\n\
            const wasm = await init({ module_or_path: '/sub/app-1_bg.wasm' });\n\
            window.wasmBindings = bindings;</script></head><body></body></html>";
        // No app folder: nothing to inline, only the loader changes.
        let shell = entry_shell(template, Path::new("/nonexistent"));
        // A post that quotes the loader keeps its text: only the shell is rewritten.
        let quoted = "<p>import init, * as bindings from &#39;x&#39;;</p>";
        let page = render_page(&shell, &site(), &head, quoted).unwrap();
        assert!(page.contains(quoted), "{page}");
        let html = render_page(&shell, &site(), &head, "<p>text</p>").unwrap();
        assert!(
            !html.contains("modulepreload") && !html.contains("rel=preload"),
            "{html}"
        );
        assert!(html.contains("<link href=/sub/main.css rel=stylesheet>"));
        assert!(!html.contains(TRUNK_IMPORT));
        let first_frame = html.find("first-contentful-paint").unwrap();
        let import = html.find("await import('/sub/app-1.js');").unwrap();
        assert!(first_frame < import);
        assert!(html.contains("const init = bindings.default;\nconst wasm = await init("));
        // The CSP allows the loader as it now is.
        let (s, e) = (
            html.find("<script type=module>").unwrap() + 20,
            html.find("</script>").unwrap(),
        );
        use base64::Engine;
        use sha2::{Digest, Sha256};
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&html[s..e]));
        assert!(html.contains(&format!("sha256-{hash}")), "{html}");
    }

    #[test]
    fn routes_of_an_empty_site() {
        let pages = std::sync::Mutex::new(Vec::new());
        let site = site();
        entry_pages(
            TEMPLATE,
            &site,
            &crate::derive::derive(&site),
            &|path, html| {
                pages
                    .lock()
                    .unwrap()
                    .push((path.to_owned(), html.to_owned()));
                Ok(())
            },
        )
        .unwrap();
        let pages = pages.into_inner().unwrap();
        let paths: Vec<_> = pages.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(
            paths,
            [
                "index.html",
                "tags/index.html",
                "archive/index.html",
                "search/index.html",
                "404.html"
            ]
        );
        assert!(pages[0].1.contains("<title>Блог &amp; co</title>"));
        assert!(pages[1].1.contains("<title>Теги — Блог &amp; co</title>"));
        assert!(pages[2].1.contains("<title>Архив — Блог &amp; co</title>"));
        assert!(pages[3].1.contains("<title>Поиск — Блог &amp; co</title>"));
        assert!(
            pages[3].1.contains("noindex"),
            "results depend on the query"
        );
        assert!(
            pages[4]
                .1
                .contains("<title>Страница не найдена — Блог &amp; co</title>")
        );
        assert!(pages[4].1.contains("noindex"));
    }
}
