//! Entry pages: the app shell's `index.html`, copied once per route with its
//! own title, description, canonical URL, social tags, JSON-LD and the app's
//! views rendered to HTML (`<div id="prerender">`, [`super::pages`]).

use rayon::prelude::*;
use serde_json::{Value, json};

use super::pages::Pages;
use super::shell::{PageTemplate, Styles, base_href};
use crate::derive::Derived;
use crate::html::{escape, script_safe_json};
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

/// One route's page: the template with its head, content and data element.
fn render_page(
    template: &PageTemplate,
    site: &Site,
    head: &Head,
    body: &str,
    data: &str,
) -> String {
    template.page(&head.title, &head_html(site, head), body, data)
}

/// The element that carries `route`'s data (`value`, the route's shard) in
/// its page, for the app to read instead of a file of its own.
fn data<T: serde::Serialize>(route: &str, value: &T) -> String {
    let json = serde_json::to_string(value).expect("bundle types serialise");
    blog_bundle::data_element(route, &json)
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

/// The entry pages of one build, each on its own: [`entry_pages`] writes
/// them all, `blog-builder serve` makes those it is asked for.
pub struct EntryPages<'a> {
    site: &'a Site,
    /// For the pages there is one of: the stylesheet inlined.
    one: PageTemplate,
    /// For the pages of each post, tag and list page: the stylesheet linked.
    many: PageTemplate,
    pages: Pages,
}

impl<'a> EntryPages<'a> {
    pub fn new(shell: &str, site: &'a Site) -> Result<Self, String> {
        let cfg = &site.config;
        Ok(EntryPages {
            site,
            one: PageTemplate::new(shell, &cfg.language, Styles::Inlined)?,
            many: PageTemplate::new(shell, &cfg.language, Styles::Linked)?,
            pages: Pages::new(cfg, &base_href(shell).unwrap_or_default()),
        })
    }

    /// Page `n` (1-based) of the post list: (file, HTML).
    pub fn list(&self, n: usize) -> (String, String) {
        let (site, cfg) = (self.site, &self.site.config);
        let list = site.list_page(n);
        let route = blog_bundle::list_route(n);
        let head = self
            .pages
            .head(&route, || blog_views::home::head(cfg, &list));
        let body = self
            .pages
            .render(&route, || blog_views::home::view(cfg, &list, None));
        let file = blog_bundle::route_file(&route);
        let template = if n == 1 { &self.one } else { &self.many };
        let data = data(&route, &list);
        (file, render_page(template, site, &head, &body, &data))
    }

    /// The page of post `p`, as [`BuiltPost::post`] has it (with its related posts).
    pub fn post(&self, p: &BuiltPost) -> (String, String) {
        let (site, cfg) = (self.site, &self.site.config);
        let s = &p.post.summary;
        let route = blog_bundle::post_route(&s.path);
        let head = Head {
            article: true,
            image: s.hero_image.clone(),
            json_ld: Some(post_json_ld(site, p)),
            ..self
                .pages
                .head(&route, || blog_views::article::head(cfg, &p.post))
        };
        let body = self
            .pages
            .render(&route, || blog_views::article::view(cfg, &p.post, None));
        let file = blog_bundle::route_file(&route);
        let data = data(&route, &p.post);
        (file, render_page(&self.many, site, &head, &body, &data))
    }

    /// Everything else: the tag index, tag pages, archive, search, 404 and
    /// the pages at old URLs.
    /// Each goes to `write` (file, HTML) as it is made: a large blog's tag
    /// pages are too many to hold at once.
    pub fn others(&self, derived: &Derived, write: &Write<'_>) -> Result<(), String> {
        let (site, cfg) = (self.site, &self.site.config);
        listing_pages([&self.one, &self.many], site, derived, &self.pages, write)?;
        let head = Head {
            canonical: false,
            ..self
                .pages
                .head("/", || blog_views::not_found::head(&cfg.title))
        };
        let body = self.pages.render("/404.html", blog_views::not_found::view);
        write("404.html", &render_page(&self.one, site, &head, &body, ""))?;
        for (file, html) in alias_pages(site) {
            write(&file, &html)?;
        }
        Ok(())
    }
}

/// Where entry pages go: (path relative to the site root, HTML).
pub type Write<'a> = dyn Fn(&str, &str) -> Result<(), String> + Sync + 'a;

/// Every entry page, each to `write`.
pub fn entry_pages(
    shell: &str,
    site: &Site,
    derived: &Derived,
    write: &Write<'_>,
) -> Result<(), String> {
    let pages = EntryPages::new(shell, site)?;
    // Rendered and written in parallel: a 10,000-post blog has 15,000 pages.
    (1..=site.page_count())
        .into_par_iter()
        .map(|n| {
            let (file, html) = pages.list(n);
            write(&file, &html)
        })
        .collect::<Result<(), String>>()?;
    site.posts
        .par_iter()
        .map(|p| {
            let (file, html) = pages.post(p);
            write(&file, &html)
        })
        .collect::<Result<(), String>>()?;
    pages.others(derived, write)
}

impl Pages {
    /// The head of the page at `route` (`/tags/`) as the view gives it, in
    /// the site's language on whichever thread renders it.
    fn head(&self, route: &str, head: impl FnOnce() -> PageHead) -> Head {
        self.with_env(|| Head::of(head(), route))
    }
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

/// Entry pages of the tag index, every tag page, the archive and search;
/// `[one, many]` are the templates of single pages and of the tag pages.
pub fn listing_pages(
    [one, many]: [&PageTemplate; 2],
    site: &Site,
    derived: &Derived,
    pages: &Pages,
    write: &Write<'_>,
) -> Result<(), String> {
    let cfg = &site.config;
    let page = |route: &str, template, head: Head, body: String, data: String| {
        let file = blog_bundle::route_file(route);
        write(&file, &render_page(template, site, &head, &body, &data))
    };
    let route = blog_bundle::TAGS_ROUTE;
    page(
        route,
        one,
        pages.head(route, || blog_views::tags::index_head(cfg)),
        pages.render(route, || blog_views::tags::index_view(&derived.tag_index)),
        data(route, &derived.tag_index),
    )?;
    // A page per tag and page of it: thousands on a large blog, rendered in parallel.
    (0..derived.tag_pages.len())
        .into_par_iter()
        .try_for_each(|i| {
            let tag = &derived.tag_pages.get(site, i);
            let route = blog_bundle::tag_route(&tag.tag.slug, tag.page);
            page(
                &route,
                many,
                pages.head(&route, || blog_views::tags::tag_head(cfg, tag)),
                pages.render(&route, || blog_views::tags::tag_view(tag, None)),
                data(&route, tag),
            )
        })?;
    let route = blog_bundle::ARCHIVE_ROUTE;
    page(
        route,
        one,
        pages.head(route, || blog_views::archive::head(cfg)),
        pages.render(route, || blog_views::archive::view(&derived.archive)),
        data(route, &derived.archive),
    )?;
    // Results depend on the query, so the page is for readers, not for indexing.
    let route = blog_bundle::SEARCH_ROUTE;
    page(
        route,
        one,
        Head {
            canonical: false,
            ..pages.head(route, || blog_views::search::head(&cfg.title, ""))
        },
        pages.render(route, || blog_views::search::view(None, || false)),
        String::new(),
    )
}

#[cfg(test)]
mod tests {
    use super::super::app::App;
    use super::super::shell::{TRUNK_IMPORT, content_security_policy, entry_shell};
    use super::*;
    use blog_bundle::SiteConfig;
    use std::fs;

    /// A page made from `shell` as entry_pages makes it.
    fn render(shell: &str, head: &Head, body: &str) -> Result<String, String> {
        Ok(render_page(
            &PageTemplate::new(shell, "ru", Styles::Inlined)?,
            &site(),
            head,
            body,
            "",
        ))
    }

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
        let html = render(TEMPLATE, &head, "<p>pre</p>").unwrap();
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
        assert!(render("<html><body></body></html>", &head, "").is_err());
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
            "<!doctype html><html lang=en class=x><head><meta charset=utf-8><title>a</title>\
             <script type=module>{loader}</script></head><body></body></html>"
        );
        let html = render(&template, &head, "").unwrap();
        assert!(html.contains("<html lang=\"ru\" class=x>"), "{html}");
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
        assert!(csp.contains("object-src 'none'"));
        assert!(
            csp.contains("frame-src https://www.youtube-nocookie.com https://player.vimeo.com;")
        );
    }

    #[test]
    fn shell_styles_and_classic_scripts_are_inlined_and_allowed_by_hash() {
        let app = tempfile::tempdir().unwrap();
        fs::write(app.path().join("main-1.css"), "body{color:red}").unwrap();
        fs::write(app.path().join("theme.js"), "document.x=1;").unwrap();
        fs::write(app.path().join("later.js"), "document.y=1;").unwrap();
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
            <script src=theme.js></script><script src=later.js defer></script>\
            <link href=/sub/main-1.css integrity=sha384-x rel=stylesheet>\
            <link href=/sub/evil.css rel=stylesheet><link href=/sub/big.css rel=stylesheet>\
            <link href=https://cdn.example/x.css rel=stylesheet><link href=/sub/missing.css rel=stylesheet>\
            <link rel=icon href=/sub/main-1.css>\
            <link rel=icon href=/sub/icon.svg type=image/svg+xml><link rel=apple-touch-icon href=/sub/big.svg>\
            <link rel=icon href=/sub/big.svg sizes=any></head><body></body></html>";
        fs::write(app.path().join("index.html"), template).unwrap();
        let shell = entry_shell(template, &App::from_dir(app.path()).unwrap()).unwrap();
        assert!(shell.contains("<script>document.x=1;</script>"), "{shell}");
        assert!(
            shell.contains("<script src=later.js defer></script>"),
            "{shell}"
        );
        assert!(
            shell.contains(
                "<style data-href=\"/sub/main-1.css\" data-integrity=\"sha384-x\">body{color:red}</style>"
            ),
            "{shell}"
        );
        assert!(
            shell.contains(
                "<link rel=icon href=\"data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22\
                 %3E%3Crect fill=%22%237a3b2e%22/%3E%3C/svg%3E\" type=image/svg+xml>"
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
        let html = render(&shell, &home_head(), "").unwrap();
        use base64::Engine;
        use sha2::{Digest, Sha256};
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s));
        let csp = content_security_policy(&[b64("document.x=1;")], &[b64("body{color:red}")]);
        assert!(html.contains(&escape(&csp)), "{html}");
        // The pages of each post and tag link the stylesheet again, under the same policy.
        let linked = render_page(
            &PageTemplate::new(&shell, "ru", Styles::Linked).unwrap(),
            &site(),
            &home_head(),
            "",
            "",
        );
        assert!(
            linked.contains(
                "<link href=\"/sub/main-1.css\" integrity=\"sha384-x\" rel=\"stylesheet\">"
            ),
            "{linked}"
        );
        assert!(!linked.contains("body{color:red}"), "{linked}");
        assert!(linked.contains(&escape(&csp)), "{linked}");
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
        let shell = entry_shell(template, &App::from_files([])).unwrap();
        // A post that quotes the loader keeps its text: only the shell is rewritten.
        let quoted = "<p>import init, * as bindings from &#39;x&#39;;</p>";
        let page = render(&shell, &head, quoted).unwrap();
        assert!(page.contains(quoted), "{page}");
        let html = render(&shell, &head, "<p>text</p>").unwrap();
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
