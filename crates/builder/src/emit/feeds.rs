//! `sitemap.xml`, `robots.txt` and `rss.xml`, all with absolute URLs.

use crate::Site;
use crate::dates::rfc822;
use crate::derive::Derived;
use crate::html::escape;

pub fn sitemap(site: &Site, derived: &Derived) -> String {
    let base = &site.config.base_url;
    let newest = site.posts.first().map(|p| {
        p.post
            .summary
            .updated
            .clone()
            .unwrap_or(p.post.summary.date.clone())
    });
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut url = |loc: String, lastmod: Option<&str>| {
        out.push_str(&format!("<url><loc>{}</loc>", escape(&loc)));
        if let Some(m) = lastmod {
            out.push_str(&format!("<lastmod>{}</lastmod>", escape(m)));
        }
        out.push_str("</url>\n");
    };
    url(base.clone(), newest.as_deref());
    for n in 2..=site.page_count() {
        url(format!("{base}page/{n}/"), None);
    }
    for p in &site.posts {
        let s = &p.post.summary;
        url(
            format!("{base}{}/", s.path),
            Some(s.updated.as_deref().unwrap_or(&s.date)),
        );
    }
    url(format!("{base}tags/"), newest.as_deref());
    for page in derived.tag_pages.iter(site) {
        let route = blog_bundle::tag_route(&page.tag.slug, page.page);
        let lastmod = page
            .posts
            .first()
            .filter(|_| page.page == 1)
            .map(|s| s.updated.as_deref().unwrap_or(&s.date));
        url(format!("{base}{}", route.trim_start_matches('/')), lastmod);
    }
    url(format!("{base}archive/"), newest.as_deref());
    out.push_str("</urlset>\n");
    out
}

pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        site.config.base_url
    )
}

pub fn rss(site: &Site) -> String {
    let c = &site.config;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n",
    );
    out.push_str(&format!(
        "<title>{}</title>\n<link>{}</link>\n<description>{}</description>\n<language>{}</language>\n<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        escape(&c.title),
        escape(&c.base_url),
        escape(&c.description),
        escape(&c.language),
        escape(&format!("{}rss.xml", c.base_url)),
    ));
    if let Some(p) = site.posts.first() {
        out.push_str(&format!(
            "<lastBuildDate>{}</lastBuildDate>\n",
            rfc822(p.timestamp)
        ));
    }
    for p in &site.posts {
        let s = &p.post.summary;
        let link = format!("{}{}/", c.base_url, s.path);
        out.push_str("<item>\n");
        out.push_str(&format!("<title>{}</title>\n", escape(&s.title)));
        out.push_str(&format!("<link>{}</link>\n", escape(&link)));
        out.push_str(&format!(
            "<guid isPermaLink=\"true\">{}</guid>\n",
            escape(&link)
        ));
        out.push_str(&format!("<pubDate>{}</pubDate>\n", rfc822(p.timestamp)));
        out.push_str(&format!(
            "<description>{}</description>\n",
            escape(&s.description)
        ));
        for t in &s.tags {
            out.push_str(&format!("<category>{}</category>\n", escape(&t.name)));
        }
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}
