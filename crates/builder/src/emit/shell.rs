//! The app shell (Trunk's `index.html`) made into the template of every entry
//! page, once per build, with lol_html (Cloudflare's streaming HTML rewriter:
//! it parses as browsers do, so odd attribute quoting, upper-case tags or a
//! `>` inside an attribute are not this module's problem):
//!
//! - [`entry_shell`]: its stylesheets, classic scripts and small SVG icon
//!   inlined, and the app fetched after the first paint;
//! - [`PageTemplate`]: the tags each page sets itself removed, `<html lang>`
//!   and the Content-Security-Policy set, the stylesheets linked again for the
//!   pages that exist once per post or tag ([`Styles::Linked`]), and the shell
//!   cut where a page's title, head tags and content go, so a page is a few
//!   string copies.

use std::cell::RefCell;

use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, rewrite_str, text};

use crate::html::escape;

fn rewrite(
    html: &str,
    handlers: Vec<(
        std::borrow::Cow<'_, lol_html::Selector>,
        lol_html::ElementContentHandlers<'_>,
    )>,
) -> Result<String, String> {
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: handlers,
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| format!("the app's index.html cannot be rewritten: {e}"))
}

/// The `href` of the shell's `<base>` (Trunk writes the public URL there).
pub fn base_href(shell: &str) -> Option<String> {
    let found = RefCell::new(None);
    rewrite(
        shell,
        vec![element!("base[href]", |el| {
            found.borrow_mut().get_or_insert(el.get_attribute("href"));
            Ok(())
        })],
    )
    .ok()?;
    found.into_inner().flatten()
}

/// The largest stylesheet or classic script [`entry_shell`] copies into pages.
const INLINE_MAX: u64 = 64 * 1024;
/// The largest SVG icon [`entry_shell`] turns into a `data:` URI.
const ICON_INLINE_MAX: u64 = 2 * 1024;

/// The app shell made into the template of the entry pages, once per build:
/// its stylesheets and classic scripts inlined and the app fetched after the
/// first paint ([`defer_app`]).
///
/// Inlining: an entry page then paints after one request, not after a second
/// round trip for files that every view needs anyway (a phone on a slow
/// network sees its text sooner). The CSP allows them by hash. Files that are
/// missing, large, or could close their own tag stay links. An inlined
/// stylesheet keeps its `href` (`data-href`), so that the pages that exist
/// once per post or tag can link it again ([`Styles::Linked`]). A small SVG
/// favicon becomes a `data:` URI, so the browser's tab icon is not one more
/// request racing the text on a cold load (the web manifest still names the file).
pub fn entry_shell(shell: &str, app: &super::app::App) -> Result<String, String> {
    let base = base_href(shell).unwrap_or_else(|| "/".into());
    // A site-relative file of the app, from an href as the shell writes it, if
    // it is no larger than `max` bytes.
    let file = |href: &str, max: u64| -> Option<String> {
        let rel = href.strip_prefix(base.as_str()).unwrap_or(href);
        let rel = rel.strip_prefix('/').unwrap_or(rel);
        if rel.is_empty() || rel.contains("://") || rel.contains("..") || rel.contains(['?', '#']) {
            return None;
        }
        let bytes = app.get(rel)?;
        if bytes.len() as u64 > max {
            return None;
        }
        String::from_utf8(bytes.to_vec()).ok()
    };
    let rel = |el: &lol_html::html_content::Element| {
        el.get_attribute("rel")
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    let inlined = rewrite(
        shell,
        vec![
            element!("link[href]", |el| {
                let href = el.get_attribute("href").unwrap_or_default();
                match rel(el).as_str() {
                    "stylesheet" => {
                        if let Some(css) = file(&href, INLINE_MAX)
                            && !css.to_ascii_lowercase().contains("</style")
                        {
                            // Where it came from, for the pages that link it instead.
                            let mut from = format!(" data-href=\"{}\"", escape(&href));
                            if let Some(integrity) = el.get_attribute("integrity") {
                                from += &format!(" data-integrity=\"{}\"", escape(&integrity));
                            }
                            el.replace(&format!("<style{from}>{css}</style>"), ContentType::Html);
                        }
                    }
                    "icon" if href.to_ascii_lowercase().ends_with(".svg") => {
                        if let Some(svg) = file(&href, ICON_INLINE_MAX) {
                            el.set_attribute("href", &svg_data_uri(&svg))?;
                        }
                    }
                    _ => {}
                }
                Ok(())
            }),
            // Deferred scripts stay files: they are not needed for the first paint.
            element!("script[src]", |el| {
                let kind = el.get_attribute("type").unwrap_or_default();
                if (kind.is_empty() || kind.eq_ignore_ascii_case("text/javascript"))
                    && !el.has_attribute("defer")
                    && !el.has_attribute("async")
                    && let Some(js) = el.get_attribute("src").and_then(|h| file(&h, INLINE_MAX))
                    && !js.to_ascii_lowercase().contains("</script")
                {
                    el.replace(&format!("<script>{js}</script>"), ContentType::Html);
                }
                Ok(())
            }),
        ],
    )?;
    defer_app(&inlined)
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
pub const TRUNK_IMPORT: &str = "import init, * as bindings from ";

/// An entry page paints its pre-rendered text first; the app comes after.
/// Trunk's shell preloads the app's JS and WebAssembly from the head and imports
/// them at once, so on a slow phone a third of a megabyte competes with the
/// text for the network (and Lighthouse counts it towards the largest paint).
/// Here the preloads go and the loader starts fetching the app once the text
/// is on screen (the first contentful paint; after a second at the latest, as
/// in a background tab, which does not paint).
/// A shell without Trunk's loader is left as it is.
fn defer_app(shell: &str) -> Result<String, String> {
    let Some(at) = shell.find(TRUNK_IMPORT) else {
        return Ok(shell.to_owned());
    };
    let Some(end) = shell[at..].find(';').map(|i| at + i + 1) else {
        return Ok(shell.to_owned());
    };
    let module = shell[at + TRUNK_IMPORT.len()..end - 1].trim();
    // The loader is JavaScript, not HTML: its one statement is replaced as text.
    let deferred = format!(
        "{}await new Promise((go) => {{ setTimeout(go, 1000); try {{ new PerformanceObserver((l) => \
         l.getEntriesByName('first-contentful-paint').length && setTimeout(go)).observe({{ type: 'paint', buffered: true }}); \
         }} catch {{ go(); }} }});\n\
         const bindings = await import({module});\n\
         const init = bindings.default;{}",
        &shell[..at],
        &shell[end..]
    );
    rewrite(
        &deferred,
        vec![element!("link[rel]", |el| {
            let get = |name: &str| {
                el.get_attribute(name)
                    .unwrap_or_default()
                    .to_ascii_lowercase()
            };
            if get("rel") == "modulepreload"
                || (get("rel") == "preload" && get("href").ends_with(".wasm"))
            {
                el.remove();
            }
            Ok(())
        })],
    )
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
    let frames = blog_bundle::embed::FRAME_ORIGINS.join(" ");
    let mut style_src = String::from("'self'");
    for h in style_hashes {
        style_src.push_str(&format!(" 'sha256-{h}'"));
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src {style_src}; \
         img-src 'self' https: data:; font-src 'self'; connect-src 'self'; \
         media-src 'self' https:; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
         frame-src {frames}; \
         base-uri 'self'; form-action 'self'"
    )
}

/// The CSP of pages made from `shell`: its inline scripts and styles by hash.
pub fn shell_csp(shell: &str) -> Result<String, String> {
    Ok(content_security_policy(
        &inline_hashes(shell, "script")?,
        &inline_hashes(shell, "style")?,
    ))
}

/// SHA-256 (base64) of every inline `<script>` (executable ones) or `<style>` in `html`.
pub fn inline_hashes(html: &str, tag: &str) -> Result<Vec<String>, String> {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let hashes = RefCell::new(Vec::new());
    // The text of the element being read, while it is one to hash.
    let current: RefCell<Option<String>> = RefCell::new(None);
    rewrite(
        html,
        vec![
            element!(tag, |el| {
                let data = el.tag_name() == "script"
                    && el.get_attribute("type").is_some_and(|t| {
                        !matches!(
                            t.to_ascii_lowercase().as_str(),
                            "" | "module" | "text/javascript"
                        )
                    });
                let inline = !data && !el.has_attribute("src");
                *current.borrow_mut() = inline.then(String::new);
                Ok(())
            }),
            text!(tag, |chunk| {
                let mut current = current.borrow_mut();
                if let Some(text) = current.as_mut() {
                    text.push_str(chunk.as_str());
                    if chunk.last_in_text_node() {
                        let digest = Sha256::digest(text.as_bytes());
                        hashes
                            .borrow_mut()
                            .push(base64::engine::general_purpose::STANDARD.encode(digest));
                        *current = None;
                    }
                }
                Ok(())
            }),
        ],
    )?;
    Ok(hashes.into_inner())
}

/// The shell with an explicit `<head>` start tag. Trunk's minified shell
/// leaves it out (HTML allows that: the parser opens the head itself), and a
/// rewriter sees only the tags that are written.
fn with_head_tag(shell: &str) -> Result<String, String> {
    let has_head = RefCell::new(false);
    rewrite(
        shell,
        vec![element!("head", |_| {
            *has_head.borrow_mut() = true;
            Ok(())
        })],
    )?;
    if has_head.into_inner() {
        return Ok(shell.to_owned());
    }
    rewrite(
        shell,
        vec![element!("html", |el| {
            el.prepend("<head>", ContentType::Html);
            Ok(())
        })],
    )
}

/// Where a page's own parts go in the template.
const TITLE: &str = "<!--blog:title-->";
const HEAD: &str = "<!--blog:head-->";
const BODY: &str = "<!--blog:body-->";
const DATA: &str = "<!--blog:data-->";

/// The entry page template: the shell cut into the parts around a page's
/// title, head tags and content.
pub struct PageTemplate {
    parts: [String; 5],
}

/// How a page carries the app's stylesheet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Styles {
    /// In the page: it paints after one request. For the pages there is one
    /// of (the home page, tags, archive, search, 404), where a reader often
    /// arrives first and the copy costs its bytes once.
    Inlined,
    /// As the app shell links it: for the pages that exist once per post,
    /// tag or list page. Inlined there, the 14 KB stylesheet was more than
    /// half of every page (200 MB of a 10,000-post build); linked, it is
    /// fetched once and cached for every further page and offline. Lighthouse
    /// charges it 0.1 s of first paint on its slow phone network.
    Linked,
}

/// `shell` with each stylesheet [`entry_shell`] inlined linked again.
fn link_styles(shell: &str) -> Result<String, String> {
    rewrite(
        shell,
        vec![element!("style[data-href]", |el| {
            let href = el.get_attribute("data-href").unwrap_or_default();
            let integrity = el
                .get_attribute("data-integrity")
                .map(|i| format!(" integrity=\"{}\"", escape(&i)))
                .unwrap_or_default();
            el.replace(
                &format!(
                    "<link href=\"{}\"{integrity} rel=\"stylesheet\">",
                    escape(&href)
                ),
                ContentType::Html,
            );
            Ok(())
        })],
    )
}

impl PageTemplate {
    /// From the shell ([`entry_shell`]): the tags every page sets itself
    /// (title, description, social tags, canonical URL) removed, `<html lang>`
    /// set (the reader picks its UI language from it, and browsers hyphenate by
    /// it) and the CSP first in the head, before any script it governs. Fails
    /// when the shell has no `<head>` or `<body>`.
    pub fn new(shell: &str, lang: &str, styles: Styles) -> Result<Self, String> {
        // One policy for both kinds of page: the inlined stylesheet's hash is
        // allowed on pages that link it (the `_headers` file has one CSP too).
        let csp = shell_csp(shell)?;
        let linked;
        let shell = match styles {
            Styles::Inlined => shell,
            Styles::Linked => {
                linked = link_styles(shell)?;
                &linked
            }
        };
        let shell = &with_head_tag(shell)?;
        let seen = RefCell::new((false, false, false));
        let html = rewrite(
            shell,
            vec![
                element!("html", |el| {
                    seen.borrow_mut().0 = true;
                    el.set_attribute("lang", lang)?;
                    Ok(())
                }),
                element!("title", |el| {
                    el.remove();
                    Ok(())
                }),
                element!("meta", |el| {
                    let is = |name: &str, f: &dyn Fn(&str) -> bool| {
                        el.get_attribute(name)
                            .is_some_and(|v| f(&v.to_ascii_lowercase()))
                    };
                    if is("name", &|v| v == "description" || v.starts_with("twitter:"))
                        || is("property", &|v| v.starts_with("og:"))
                    {
                        el.remove();
                    }
                    Ok(())
                }),
                element!("link[rel]", |el| {
                    if el
                        .get_attribute("rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                    {
                        el.remove();
                    }
                    Ok(())
                }),
                element!("head", |el| {
                    seen.borrow_mut().1 = true;
                    let meta = format!(
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
                        escape(&csp)
                    );
                    el.prepend(&meta, ContentType::Html);
                    el.append(
                        &format!("<title>{TITLE}</title>\n{HEAD}"),
                        ContentType::Html,
                    );
                    Ok(())
                }),
                element!("body", |el| {
                    seen.borrow_mut().2 = true;
                    el.prepend(
                        // The route's data after the view, outside what the app replaces.
                        &format!("\n<div id=\"prerender\">{BODY}</div>\n{DATA}"),
                        ContentType::Html,
                    );
                    Ok(())
                }),
            ],
        )?;
        let (html_tag, head, body) = seen.into_inner();
        if !head {
            return Err("the app's index.html has no <head>".into());
        }
        if !body {
            return Err("the app's index.html has no <body>".into());
        }
        if !html_tag {
            return Err("the app's index.html has no <html>".into());
        }
        let cut = |s: &str, marker: &str| -> Result<(String, String), String> {
            let (a, b) = s
                .split_once(marker)
                .ok_or_else(|| format!("the app's index.html already holds {marker}"))?;
            if b.contains(marker) {
                return Err(format!("the app's index.html already holds {marker}"));
            }
            Ok((a.to_owned(), b.to_owned()))
        };
        let (p0, rest) = cut(&html, TITLE)?;
        let (p1, rest) = cut(&rest, HEAD)?;
        let (p2, rest) = cut(&rest, BODY)?;
        let (p3, p4) = cut(&rest, DATA)?;
        Ok(Self {
            parts: [p0, p1, p2, p3, p4],
        })
    }

    /// One page: its title (text), head tags, content (HTML) and the
    /// route's data element ([`blog_bundle::data_element`], or nothing).
    pub fn page(&self, title: &str, head: &str, body: &str, data: &str) -> String {
        let [p0, p1, p2, p3, p4] = &self.parts;
        let title = escape(title);
        let pieces = [p0.as_str(), &title, p1, head, p2, body, p3, data, p4];
        let mut html = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
        for piece in pieces {
            html.push_str(piece);
        }
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_reads_the_shell_as_a_browser_does() {
        // A `>` inside an attribute, upper-case tags, a "<title>" that is
        // attribute text and a comment: a tag finder gets each of these wrong.
        let shell = "<!DOCTYPE html><HTML><HEAD><META NAME=\"Description\" CONTENT=\"a > b\">\
            <meta name=keep content=\"<title>x</title>\"><!-- <body> -->\
            <Title>Old</Title><LINK REL=Canonical HREF=/x></HEAD><BODY data-x=\"1>2\"></BODY></HTML>";
        let t = PageTemplate::new(shell, "en", Styles::Inlined).unwrap();
        let page = t.page(
            "New & <b>",
            "<meta name=\"description\" content=\"d\">",
            "<p>c</p>",
            "<script id=d></script>",
        );
        assert!(
            !page.contains("a > b") && !page.contains("Old") && !page.contains("/x>"),
            "{page}"
        );
        assert!(
            page.contains("<meta name=keep content=\"<title>x</title>\">"),
            "{page}"
        );
        assert!(
            page.contains("<title>New &amp; &lt;b&gt;</title>"),
            "{page}"
        );
        assert!(page.contains("<!-- <body> -->"), "{page}");
        assert!(
            page.contains("<BODY data-x=\"1>2\">\n<div id=\"prerender\"><p>c</p></div>\n<script id=d></script></BODY>"),
            "{page}"
        );
        assert!(page.contains("<HTML lang=\"en\">"), "{page}");
        assert_eq!(base_href("<base HREF=\"/sub/\">").as_deref(), Some("/sub/"));
        // Trunk's minified shell: no <head> start tag.
        let minified = "<!doctype html><html lang=ru><meta charset=utf-8><title>a</title>\
            <script type=module>init()</script></head><body></body></html>";
        let page = PageTemplate::new(minified, "en", Styles::Inlined)
            .unwrap()
            .page("T", "<meta x>", "B", "");
        let csp = page.find("Content-Security-Policy").unwrap();
        assert!(
            page.starts_with("<!doctype html><html lang=\"en\"><head><meta http-equiv"),
            "{page}"
        );
        assert!(csp < page.find("<script").unwrap());
        assert!(
            page.contains("<title>T</title>\n<meta x></head><body>\n<div id=\"prerender\">B</div>"),
            "{page}"
        );
        assert!(PageTemplate::new("<html><head></head></html>", "en", Styles::Inlined).is_err());
    }
}
