//! `/tags/`, `/tags/<tag>/` and `/tags/<tag>/page/<n>/`: every tag, and the posts of one.

use crate::components::head::{Meta, Title};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{self, LoadError, href};
use crate::components::layout::SiteTitle;
use crate::components::post_list::PostList;
use crate::components::status::loaded;
use crate::page::ui;

#[component]
pub fn TagsPage() -> impl IntoView {
    let site = expect_context::<SiteTitle>();
    loaded(api::tag_index, move |(manifest, index)| {
        site.set(&manifest.site.title);
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
            <Title text=format!("{} — {}", t.tags, manifest.site.title)/>
            <Meta name="description" content=format!("{} — {}", t.tags, manifest.site.title)/>
            <section class="tags-index">
                <h1 class="page-title">{t.tags}</h1>
                <ul class="tag-cloud">{items}</ul>
                {empty}
            </section>
        }
        .into_any()
    })
}

#[component]
pub fn TagPage() -> impl IntoView {
    let params = use_params_map();
    let target = move || {
        let params = params.read();
        let tag = params.get("tag").unwrap_or_default();
        let page = match params.get("page") {
            None => Some(1),
            Some(n) => n.parse::<usize>().ok().filter(|n| *n >= 1),
        };
        (tag, page)
    };
    let site = expect_context::<SiteTitle>();
    loaded(
        move || {
            let (tag, page) = target();
            async move { api::tag_page(&tag, page.ok_or(LoadError::NotFound)?).await }
        },
        move |(manifest, tag)| {
            site.set(&manifest.site.title);
            let t = ui();
            let heading = t.tag_title(&tag.tag.name);
            let title = if tag.page == 1 {
                format!("{heading} — {}", manifest.site.title)
            } else {
                format!(
                    "{heading} — {} — {}",
                    t.page_of(tag.page, tag.page_count),
                    manifest.site.title
                )
            };
            view! {
                <Title text=title/>
                <Meta name="description" content=format!("{heading}: {}", t.post_count(tag.total))/>
                <section class="tag-page">
                    <h1 class="page-title">{heading}</h1>
                    <p class="site-description">
                        {t.post_count(tag.total)}" · "<a href=href(blog_bundle::TAGS_ROUTE)>{t.tags}</a>
                    </p>
                    <PostList posts=tag.posts.clone() build_id=tag.build_id.clone()
                        page=tag.page page_count=tag.page_count
                        route=blog_bundle::tag_route key=tag.tag.slug.clone()/>
                </section>
            }
            .into_any()
        },
    )
}
