//! One article: header (headline, author, dates, reading time, hero), table
//! of contents, body, tags, related posts and the older/newer links.

use blog_bundle::{Post, PostLink, SiteConfig};
use leptos::prelude::*;

use crate::doc::document;
use crate::{PageHead, anchor, href, ui};

pub fn head(site: &SiteConfig, post: &Post) -> PageHead {
    PageHead {
        title: format!("{} — {}", post.summary.title, site.title),
        description: post.summary.description.clone(),
    }
}

/// The article. `before` goes ahead of it (the app's reading progress).
pub fn view(site: &SiteConfig, post: &Post, before: Option<AnyView>) -> AnyView {
    let t = ui();
    let summary = &post.summary;
    let here = href(&blog_bundle::post_route(&summary.path));
    let headline = post
        .headline
        .clone()
        .unwrap_or_else(|| summary.title.clone());
    let updated = summary
        .updated
        .clone()
        .filter(|u| *u != summary.date)
        .map(|u| {
            view! { " · "{t.updated}" "<time datetime=u.clone()>{t.date(&u)}</time> }
        });
    // Usually the largest thing on screen: fetched first.
    let hero = crate::doc::hero(summary, "post-hero", [1200, 675], true);
    let toc = (post.toc.len() >= 2).then(|| {
        // Sections are numbered by their own count: the subsections listed
        // between them (in the same list) would otherwise take numbers too.
        let mut section = 0;
        let items = post
            .toc
            .iter()
            .map(|entry| {
                let number = (entry.level <= 2).then(|| {
                    section += 1;
                    section
                });
                view! {
                    <li class=format!("toc-level-{}", entry.level) value=number>
                        <a href=anchor(&here, &entry.id)>{entry.text.clone()}</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <nav class="toc" aria-labelledby="toc-title">
                <h2 id="toc-title" class="toc-title">{t.contents}</h2>
                <ol>{items}</ol>
            </nav>
        }
    });
    let tags = (!summary.tags.is_empty()).then(|| {
        let items = summary
            .tags
            .iter()
            .map(|tag| {
                view! {
                    <li><a href=href(&blog_bundle::tag_route(&tag.slug, 1)) rel="tag">{tag.name.clone()}</a></li>
                }
            })
            .collect_view();
        view! { <ul class="post-tags" aria-label=t.tags>{items}</ul> }
    });
    let neighbour = |link: &Option<PostLink>, rel: &'static str, label: &'static str| {
        link.clone().map(|link| {
            view! {
                <a rel=rel href=href(&blog_bundle::post_route(&link.path))>
                    <span class="post-nav-label">{label}</span>
                    <span class="post-nav-title">{link.title}</span>
                </a>
            }
        })
    };
    let related = (!post.related.is_empty()).then(|| {
        let items = post
            .related
            .iter()
            .map(|r| {
                let why = if !r.shared_words.is_empty() && r.shared_tags.is_empty() {
                    format!("{} {}", t.shared_words, r.shared_words.join(", "))
                } else if r.shared_tags.is_empty() {
                    t.same_time.to_owned()
                } else {
                    let names: Vec<&str> =
                        r.shared_tags.iter().map(|tag| tag.name.as_str()).collect();
                    format!("{} {}", t.shared_tags, names.join(", "))
                };
                view! {
                    <li>
                        <a href=href(&blog_bundle::post_route(&r.path))>{r.title.clone()}</a>
                        <span class="related-why">{why}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="related" aria-labelledby="related-title">
                <h2 id="related-title">{t.related}</h2>
                <ul>{items}</ul>
            </section>
        }
    });
    // A post with no author (and no site author) starts with its date.
    let author = (!summary.author.is_empty())
        .then(|| view! { <span class="post-author">{summary.author.clone()}</span>" · " });
    let older = neighbour(&post.prev, "prev", t.older_post);
    let newer = neighbour(&post.next, "next", t.newer_post);
    let content = view! {
        <header class="post-header">
            <h1 class="post-title">{headline}</h1>
            <p class="post-meta">
                {author}
                <time datetime=summary.date.clone()>{t.date(&summary.date)}</time>
                {updated}
                " · "
                <span class="reading-time">{t.reading_time(summary.reading_minutes)}</span>
            </p>
            {hero}
        </header>
        {toc}
        <div class="post-body">{document(&post.body, &here)}</div>
        <footer class="post-footer">
            {tags}
            {related}
            <nav class="post-nav" aria-label=t.post_navigation>{older}{newer}</nav>
        </footer>
    };
    shell(site, before, Content::Built(content.into_any()))
}

/// What goes inside a post's `<article>` element.
pub enum Content {
    /// The article's views, built from its data.
    Built(AnyView),
    /// Nothing yet: the app's first view of an entry page leaves the element
    /// empty, and the pre-rendered article's content moves into it as it is
    /// (see the app's `page::mark_ready`).
    Adopted(NodeRef<leptos::html::Article>),
}

/// The `<article>` element around `content`.
pub fn shell(site: &SiteConfig, before: Option<AnyView>, content: Content) -> AnyView {
    let lang = site.language.clone();
    // Two kinds of view, so that the app replaces an adopted article when it
    // shows another post instead of filling it in place.
    match content {
        Content::Built(content) => view! {
            {before}
            <article class="post" lang=lang>{content}</article>
        }
        .into_any(),
        Content::Adopted(node) => view! {
            {before}
            <article class="post" lang=lang node_ref=node></article>
        }
        .into_any(),
    }
}
