//! Script-free HTML of posts and lists, put into the entry pages so that text
//! is readable (and indexable) before — or without — JavaScript.
//!
//! Every piece of text and every attribute goes through [`escape_into`]; the
//! tree itself cannot carry markup, so hostile content stays inert.

use blog_bundle::{
    Align, Archive, Block, Inline, LinkTarget, ListPage, Post, PostSummary, SiteConfig, TagIndex,
    TagPage,
};

use blog_bundle::ui::strings;

use crate::dates::human_date;
use crate::html::{escape, escape_into};

/// `href` of a link target, relative to the site root (the shell sets `<base href>`).
pub fn target_href(target: &LinkTarget) -> String {
    match target {
        LinkTarget::Post { path, fragment } => match fragment {
            Some(f) => format!("{path}/#{f}"),
            None => format!("{path}/"),
        },
        LinkTarget::Site(path) => {
            let p = path.trim_start_matches('/');
            if p.is_empty() {
                "./".into()
            } else {
                p.to_owned()
            }
        }
        LinkTarget::Anchor(id) => format!("#{id}"),
        LinkTarget::External(url) => url.clone(),
    }
}

pub fn render_inlines(inl: &[Inline], out: &mut String) {
    for i in inl {
        match i {
            Inline::Text(s) => escape_into(out, s),
            Inline::Code(s) => {
                out.push_str("<code>");
                escape_into(out, s);
                out.push_str("</code>");
            }
            Inline::Emphasis(c) => wrap(out, "em", c),
            Inline::Strong(c) => wrap(out, "strong", c),
            Inline::Strikethrough(c) => wrap(out, "del", c),
            Inline::Link {
                target,
                title,
                content,
            } => {
                out.push_str("<a href=\"");
                escape_into(out, &target_href(target));
                out.push('"');
                if let Some(t) = title {
                    out.push_str(" title=\"");
                    escape_into(out, t);
                    out.push('"');
                }
                if matches!(target, LinkTarget::External(_)) {
                    out.push_str(" rel=\"noopener noreferrer\" target=\"_blank\"");
                }
                out.push('>');
                render_inlines(content, out);
                out.push_str("</a>");
            }
            Inline::Image { src, alt, title } => {
                out.push_str("<img src=\"");
                escape_into(out, src.trim_start_matches('/'));
                out.push_str("\" alt=\"");
                escape_into(out, alt);
                out.push('"');
                if let Some(t) = title {
                    out.push_str(" title=\"");
                    escape_into(out, t);
                    out.push('"');
                }
                out.push_str(" loading=\"lazy\">");
            }
            Inline::FootnoteRef(n) => {
                out.push_str(&format!(
                    "<sup class=\"footnote-ref\"><a href=\"#fn-{n}\" id=\"fnref-{n}\">{n}</a></sup>"
                ));
            }
            Inline::LineBreak => out.push_str("<br>"),
        }
    }
}

fn wrap(out: &mut String, tag: &str, c: &[Inline]) {
    out.push('<');
    out.push_str(tag);
    out.push('>');
    render_inlines(c, out);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

fn align_class(a: Align) -> &'static str {
    match a {
        Align::None => "",
        Align::Left => " class=\"align-left\"",
        Align::Center => " class=\"align-center\"",
        Align::Right => " class=\"align-right\"",
    }
}

pub fn render_blocks(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Paragraph(inl) => {
                out.push_str("<p>");
                render_inlines(inl, out);
                out.push_str("</p>\n");
            }
            Block::Heading { level, id, content } => {
                let level = (*level).clamp(2, 6);
                out.push_str(&format!("<h{level} id=\""));
                escape_into(out, id);
                out.push_str("\">");
                render_inlines(content, out);
                out.push_str(&format!("</h{level}>\n"));
            }
            Block::List { start, items } => {
                let tag = match start {
                    Some(1) => {
                        out.push_str("<ol>\n");
                        "ol"
                    }
                    Some(n) => {
                        out.push_str(&format!("<ol start=\"{n}\">\n"));
                        "ol"
                    }
                    None => {
                        out.push_str("<ul>\n");
                        "ul"
                    }
                };
                for item in items {
                    match item.checked {
                        Some(c) => out.push_str(&format!(
                            "<li class=\"task\"><input type=\"checkbox\" disabled{}> ",
                            if c { " checked" } else { "" }
                        )),
                        None => out.push_str("<li>"),
                    }
                    render_blocks(&item.blocks, out);
                    out.push_str("</li>\n");
                }
                out.push_str(&format!("</{tag}>\n"));
            }
            Block::BlockQuote(inner) => {
                out.push_str("<blockquote>\n");
                render_blocks(inner, out);
                out.push_str("</blockquote>\n");
            }
            Block::CodeBlock { lang, code } => {
                out.push_str("<pre><code");
                if let Some(l) = lang {
                    out.push_str(" class=\"language-");
                    escape_into(out, l);
                    out.push('"');
                }
                out.push('>');
                escape_into(out, code);
                out.push_str("</code></pre>\n");
            }
            Block::Rule => out.push_str("<hr>\n"),
            Block::Table { align, head, rows } => {
                let al = |i: usize| align.get(i).copied().map_or("", align_class);
                out.push_str("<table>\n<thead><tr>");
                for (i, cell) in head.iter().enumerate() {
                    out.push_str(&format!("<th{}>", al(i)));
                    render_inlines(cell, out);
                    out.push_str("</th>");
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        out.push_str(&format!("<td{}>", al(i)));
                        render_inlines(cell, out);
                        out.push_str("</td>");
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Footnotes(notes) => {
                out.push_str("<section class=\"footnotes\"><ol>\n");
                for note in notes {
                    let n = note.number;
                    out.push_str(&format!("<li id=\"fn-{n}\" value=\"{n}\">"));
                    render_blocks(&note.blocks, out);
                    out.push_str(&format!(
                        " <a href=\"#fnref-{n}\" class=\"footnote-back\">↩</a></li>\n"
                    ));
                }
                out.push_str("</ol></section>\n");
            }
        }
    }
}

/// The article of a post page.
pub fn render_post(post: &Post, site: &SiteConfig) -> String {
    let s = &post.summary;
    let mut out = String::from("<article class=\"post\"><header><h1 class=\"post-title\">");
    escape_into(&mut out, post.headline.as_deref().unwrap_or(&s.title));
    out.push_str("</h1><p class=\"post-meta\"><time datetime=\"");
    escape_into(&mut out, &s.date);
    out.push_str("\">");
    escape_into(&mut out, &human_date(&s.date, &site.language));
    out.push_str("</time>");
    if !s.author.is_empty() {
        out.push_str(" · ");
        escape_into(&mut out, &s.author);
    }
    out.push_str(" · ");
    escape_into(
        &mut out,
        &blog_bundle::lang::reading_time(s.reading_minutes, &site.language),
    );
    out.push_str("</p>");
    if let Some(src) = &s.hero_image {
        // As the app shows it; usually the largest thing on screen, so fetched first.
        hero(&mut out, "post-hero", src, (1200, 675), false);
    }
    out.push_str("</header>\n<div class=\"post-body\">\n");
    render_blocks(&post.body, &mut out);
    out.push_str("</div>\n");
    if post.prev.is_some() || post.next.is_some() {
        out.push_str("<nav class=\"post-nav\">");
        for (link, rel) in [(&post.next, "next"), (&post.prev, "prev")] {
            if let Some(l) = link {
                out.push_str(&format!("<a rel=\"{rel}\" href=\"{}/\">", escape(&l.path)));
                escape_into(&mut out, &l.title);
                out.push_str("</a> ");
            }
        }
        out.push_str("</nav>\n");
    }
    out.push_str("</article>");
    out
}

/// A hero image with the app's class and fixed size (no layout shift). `src`
/// is `http(s)://` or site-relative (the builder checked), resolved against `<base>`.
fn hero(out: &mut String, class: &str, src: &str, (w, h): (u32, u32), lazy: bool) {
    out.push_str(&format!("<img class=\"{class}\" src=\""));
    escape_into(out, src.trim_start_matches('/'));
    out.push_str(&format!(
        "\" alt=\"\" width=\"{w}\" height=\"{h}\" decoding=\"async\""
    ));
    out.push_str(if lazy {
        " loading=\"lazy\">"
    } else {
        " fetchpriority=\"high\">"
    });
}

/// `href` of home list page `n`, relative to the site root (`./` for page 1).
pub fn page_href(n: usize) -> String {
    match blog_bundle::list_route(n).trim_start_matches('/') {
        "" => "./".into(),
        route => route.to_owned(),
    }
}

/// The pagination of a list, with the app's words and markup: page `page`
/// of `count`, `href(n)` the link to page `n`.
fn pagination(
    out: &mut String,
    page: usize,
    count: usize,
    site: &SiteConfig,
    href: impl Fn(usize) -> String,
) {
    if count <= 1 {
        return;
    }
    let t = strings(&site.language);
    out.push_str(&format!(
        "<nav class=\"pagination\" aria-label=\"{}\">",
        escape(t.pagination)
    ));
    if page > 1 {
        out.push_str(&format!(
            "<a rel=\"prev\" href=\"{}\">← {}</a>",
            escape(&href(page - 1)),
            escape(t.newer_posts)
        ));
    }
    out.push_str(&format!(
        "<span class=\"page-of\">{}</span>",
        escape(&t.page_of(page, count))
    ));
    if page < count {
        out.push_str(&format!(
            "<a rel=\"next\" href=\"{}\">{} →</a>",
            escape(&href(page + 1)),
            escape(t.older_posts)
        ));
    }
    out.push_str("</nav>\n");
}

/// A home list page.
pub fn render_list(page: &ListPage, site: &SiteConfig) -> String {
    let mut out = String::new();
    render_post_items(&page.posts, site, &mut out);
    pagination(&mut out, page.page, page.page_count, site, page_href);
    out
}

/// The `<ul class="post-list">` of the home list, also used by tag pages.
pub fn render_post_items(posts: &[PostSummary], site: &SiteConfig, out: &mut String) {
    out.push_str("<ul class=\"post-list\">\n");
    for p in posts {
        out.push_str("<li>");
        if let Some(src) = &p.hero_image {
            // Lazy like the app's cards, the first one too: on a list the
            // titles are what the reader needs first, and a picture fetched at
            // high priority would compete with them and with the app on a
            // phone's connection. The article's own picture is not lazy.
            hero(out, "post-card-hero", src, (640, 360), true);
        }
        out.push_str(&format!("<a href=\"{}/\">", escape(&p.path)));
        escape_into(out, &p.title);
        out.push_str("</a> <time datetime=\"");
        escape_into(out, &p.date);
        out.push_str("\">");
        escape_into(out, &human_date(&p.date, &site.language));
        out.push_str("</time><p>");
        escape_into(out, &p.description);
        out.push_str("</p></li>\n");
    }
    out.push_str("</ul>\n");
}

/// `href` of page `n` of a tag (relative to the site root, like every link here).
pub fn tag_href(slug: &str, n: usize) -> String {
    blog_bundle::tag_route(slug, n)
        .trim_start_matches('/')
        .to_owned()
}

/// The tag index: every tag with its number of posts.
pub fn render_tag_index(index: &TagIndex, site: &SiteConfig) -> String {
    let t = strings(&site.language);
    let mut out = format!("<h1>{}</h1>\n<ul class=\"tag-list\">\n", t.tags);
    for t in &index.tags {
        out.push_str(&format!(
            "<li><a href=\"{}\">",
            escape(&tag_href(&t.tag.slug, 1))
        ));
        escape_into(&mut out, &t.tag.name);
        out.push_str(&format!(
            "</a> <span class=\"count\">{}</span></li>\n",
            t.count
        ));
    }
    out.push_str("</ul>\n");
    out
}

/// One page of a tag's posts, in the style of the home list.
pub fn render_tag_page(page: &TagPage, site: &SiteConfig) -> String {
    let t = strings(&site.language);
    let mut out = String::from("<h1>");
    escape_into(&mut out, &t.tag_title(&page.tag.name));
    out.push_str("</h1>\n");
    render_post_items(&page.posts, site, &mut out);
    pagination(&mut out, page.page, page.page_count, site, |n| {
        tag_href(&page.tag.slug, n)
    });
    out
}

/// The archive: years, then months (`Июль 2025`), then links to the posts.
pub fn render_archive(archive: &Archive, site: &SiteConfig) -> String {
    let t = strings(&site.language);
    let mut out = format!("<h1>{}</h1>\n", t.archive);
    for y in &archive.years {
        out.push_str(&format!(
            "<section class=\"archive-year\"><h2>{}</h2>\n",
            y.year
        ));
        for m in &y.months {
            out.push_str(&format!(
                "<h3>{}</h3>\n<ul class=\"archive-list\">\n",
                blog_bundle::lang::month_year(m.month, y.year, &site.language)
            ));
            for p in &m.posts {
                out.push_str(&format!("<li><a href=\"{}/\">", escape(&p.path)));
                escape_into(&mut out, &p.title);
                out.push_str("</a> <time datetime=\"");
                escape_into(&mut out, &p.date);
                out.push_str("\">");
                escape_into(&mut out, &human_date(&p.date, &site.language));
                out.push_str("</time></li>\n");
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
    }
    out
}

/// The not-found page.
/// The search page without JavaScript: says so and points at the archive.
pub fn render_search(site: &SiteConfig) -> String {
    let t = strings(&site.language);
    format!(
        "<section class=\"search-page\"><h1 class=\"page-title\">{}</h1><p>{} <a href=\"{}\">{}</a></p></section>",
        t.search,
        t.search_needs_js,
        blog_bundle::ARCHIVE_ROUTE.trim_start_matches('/'),
        t.archive
    )
}

pub fn render_not_found(site: &SiteConfig) -> String {
    let t = strings(&site.language);
    format!(
        "<h1>{}</h1><p><a href=\"./\">{}</a></p>",
        t.not_found_title, t.back_home
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use blog_bundle::{Footnote, ListItem, PostSummary};

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    fn site() -> SiteConfig {
        SiteConfig {
            title: "Блог".into(),
            description: "d".into(),
            language: "ru".into(),
            base_url: "https://x.org/".into(),
            author: "A".into(),
            posts_per_page: 10,
        }
    }

    #[test]
    fn hostile_text_stays_inert() {
        let evil = "<script>alert(1)</script>\"'&<img src=x onerror=alert(1)>";
        let blocks = vec![
            Block::Heading {
                level: 2,
                id: "\"><script>".into(),
                content: vec![t(evil)],
            },
            Block::Paragraph(vec![
                t(evil),
                Inline::Code(evil.into()),
                Inline::Link {
                    target: LinkTarget::External("https://x.org/\"onmouseover=\"alert(1)".into()),
                    title: Some(evil.into()),
                    content: vec![t(evil)],
                },
                Inline::Image {
                    src: "/a\"b.png".into(),
                    alt: evil.into(),
                    title: None,
                },
            ]),
            Block::CodeBlock {
                lang: Some("\"><script>".into()),
                code: evil.into(),
            },
        ];
        let mut out = String::new();
        render_blocks(&blocks, &mut out);
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img src=x"), "{out}");
        assert!(!out.contains("\"onmouseover"), "{out}");
        assert!(!out.contains("a\"b"), "{out}");
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"),
            "{out}"
        );
        // Every tag in the output is one the renderer writes.
        for tag in out.split('<').skip(1) {
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
                .collect();
            assert!(
                [
                    "h2", "/h2", "p", "/p", "code", "/code", "a", "/a", "img", "pre", "/pre"
                ]
                .contains(&name.as_str()),
                "unexpected <{name}> in {out}"
            );
        }
    }

    #[test]
    fn blocks_render() {
        let blocks = vec![
            Block::List {
                start: Some(3),
                items: vec![ListItem {
                    checked: Some(true),
                    blocks: vec![Block::Paragraph(vec![t("a")])],
                }],
            },
            Block::Table {
                align: vec![Align::Left, Align::Right],
                head: vec![vec![t("A")], vec![t("B")]],
                rows: vec![vec![vec![t("1")], vec![t("2")]]],
            },
            Block::Paragraph(vec![
                Inline::Link {
                    target: LinkTarget::Post {
                        path: "blog/x".into(),
                        fragment: Some("s".into()),
                    },
                    title: None,
                    content: vec![t("p")],
                },
                Inline::Link {
                    target: LinkTarget::Site("/about/".into()),
                    title: None,
                    content: vec![t("s")],
                },
                Inline::Link {
                    target: LinkTarget::Anchor("id".into()),
                    title: None,
                    content: vec![t("a")],
                },
                Inline::FootnoteRef(1),
            ]),
            Block::Footnotes(vec![Footnote {
                number: 1,
                blocks: vec![Block::Paragraph(vec![t("n")])],
            }]),
        ];
        let mut out = String::new();
        render_blocks(&blocks, &mut out);
        for want in [
            "<ol start=\"3\">",
            "<input type=\"checkbox\" disabled checked>",
            "<th class=\"align-left\">A</th><th class=\"align-right\">B</th>",
            "<a href=\"blog/x/#s\">p</a>",
            "<a href=\"about/\">s</a>",
            "<a href=\"#id\">a</a>",
            "id=\"fnref-1\"",
            "<section class=\"footnotes\"><ol>\n<li id=\"fn-1\"",
        ] {
            assert!(out.contains(want), "{want} in {out}");
        }
    }

    #[test]
    fn post_and_list() {
        let summary = PostSummary {
            path: "blog/a".into(),
            title: "Title <b>".into(),
            description: "Desc & more".into(),
            date: "2025-07-25".into(),
            updated: None,
            author: "A".into(),
            hero_image: None,
            word_count: 1,
            reading_minutes: 1,
            tags: vec![],
        };
        let post = Post {
            build_id: "b".into(),
            summary: summary.clone(),
            headline: Some("Headline".into()),
            toc: vec![],
            body: vec![Block::Paragraph(vec![t("x")])],
            prev: None,
            next: None,
            related: vec![],
        };
        let html = render_post(&post, &site());
        assert!(html.starts_with("<article class=\"post\"><header><h1 class=\"post-title\">Headline</h1><p class=\"post-meta\"><time datetime=\"2025-07-25\">25 июля 2025</time>"), "{html}");
        assert!(html.contains("<div class=\"post-body\">\n<p>x</p>"));
        let page = ListPage {
            build_id: "b".into(),
            page: 2,
            page_count: 3,
            total: 21,
            posts: vec![summary],
        };
        let html = render_list(&page, &site());
        assert!(
            html.contains(
                "<li><a href=\"blog/a/\">Title &lt;b&gt;</a> <time datetime=\"2025-07-25\">"
            ),
            "{html}"
        );
        assert!(html.contains("<p>Desc &amp; more</p>"));
        assert!(html.contains("href=\"./\""), "{html}");
        assert!(html.contains("href=\"page/3/\""), "{html}");
    }

    #[test]
    fn hero_images_as_the_app_shows_them_the_first_one_eager() {
        let card = |slug: &str, hero: &str| PostSummary {
            path: format!("blog/{slug}"),
            title: "T".into(),
            description: "D".into(),
            date: "2025-07-25".into(),
            updated: None,
            author: "A".into(),
            hero_image: Some(hero.into()),
            word_count: 1,
            reading_minutes: 1,
            tags: vec![],
        };
        let mut out = String::new();
        render_post_items(
            &[card("a", "/img/a.png"), card("b", "https://x.org/b\"q.jpg")],
            &site(),
            &mut out,
        );
        assert!(out.contains("<li><img class=\"post-card-hero\" src=\"img/a.png\" alt=\"\" width=\"640\" height=\"360\" decoding=\"async\" loading=\"lazy\"><a href=\"blog/a/\">"), "{out}");
        assert!(out.contains("<img class=\"post-card-hero\" src=\"https://x.org/b&quot;q.jpg\" alt=\"\" width=\"640\" height=\"360\" decoding=\"async\" loading=\"lazy\">"), "{out}");
        let post = Post {
            build_id: "b".into(),
            summary: card("a", "/img/a.png"),
            headline: None,
            toc: vec![],
            body: vec![],
            prev: None,
            next: None,
            related: vec![],
        };
        let html = render_post(&post, &site());
        assert!(html.contains("</p><img class=\"post-hero\" src=\"img/a.png\" alt=\"\" width=\"1200\" height=\"675\" decoding=\"async\" fetchpriority=\"high\"></header>"), "{html}");
    }
}
