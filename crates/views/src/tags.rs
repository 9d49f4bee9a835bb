//! `/tags/`, `/tags/<tag>/` and `/tags/<tag>/page/<n>/`: every tag, and the posts of one.

use blog_bundle::{SiteConfig, TagIndex, TagPage};
use leptos::prelude::*;

use crate::list::{Marks, post_list};
use crate::{PageHead, href, ui};

pub fn index_head(site: &SiteConfig) -> PageHead {
    let t = ui();
    PageHead {
        title: format!("{} — {}", t.tags, site.title),
        description: t.tags_description.to_owned(),
    }
}

pub fn index_view(index: &TagIndex) -> AnyView {
    let t = ui();
    let items = index
        .tags
        .iter()
        .map(|tc| {
            view! {
                <li>
                    <a href=href(&blog_bundle::tag_route(&tc.tag.slug, 1))>{tc.tag.name.clone()}</a>
                    " "<span class="tag-count">{t.post_count(tc.count)}</span>
                </li>
            }
        })
        .collect_view();
    let empty = index
        .tags
        .is_empty()
        .then(|| view! { <p class="empty">{t.no_posts}</p> });
    view! {
        <section class="tags-index">
            <h1 class="page-title">{t.tags}</h1>
            <ul class="tag-cloud">{items}</ul>
            {empty}
        </section>
    }
    .into_any()
}

pub fn tag_head(site: &SiteConfig, tag: &TagPage) -> PageHead {
    let t = ui();
    let heading = t.tag_title(&tag.tag.name);
    let title = if tag.page == 1 {
        format!("{heading} — {}", site.title)
    } else {
        format!(
            "{heading} — {} — {}",
            t.page_of(tag.page, tag.page_count),
            site.title
        )
    };
    PageHead {
        title,
        description: format!("{heading}: {}", t.post_count(tag.total)),
    }
}

pub fn tag_view(tag: &TagPage, marks: Option<Marks>) -> AnyView {
    let t = ui();
    view! {
        <section class="tag-page">
            <h1 class="page-title">{t.tag_title(&tag.tag.name)}</h1>
            <p class="site-description">
                {t.post_count(tag.total)}" · "<a href=href(blog_bundle::TAGS_ROUTE)>{t.tags}</a>
            </p>
            {post_list(&tag.posts, (tag.page, tag.page_count),
                blog_bundle::tag_route, &tag.tag.slug, marks)}
        </section>
    }
    .into_any()
}
