//! `/` and `/page/<n>/`: the list of posts, newest first, paginated.

use crate::components::head::{Meta, Title};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{self, LoadError};
use crate::components::layout::SiteTitle;
use crate::components::post_list::PostList;
use crate::components::status::loaded;
use crate::page::ui;

#[component]
pub fn HomePage() -> impl IntoView {
    let params = use_params_map();
    // `/page/1/` is the home page under another name; anything unparsable is not found.
    let page = move || match params.read().get("page") {
        None => Some(1),
        Some(n) => n.parse::<usize>().ok().filter(|n| *n >= 1),
    };
    let site = expect_context::<SiteTitle>();
    loaded(
        move || {
            let page = page();
            async move { api::list_page(page.ok_or(LoadError::NotFound)?).await }
        },
        move |(manifest, list)| {
            site.set(&manifest.site.title);
            let title = if list.page == 1 {
                manifest.site.title.clone()
            } else {
                format!(
                    "{} — {}",
                    manifest.site.title,
                    ui().page_of(list.page, list.page_count)
                )
            };
            view! {
                <Title text=title.clone()/>
                <Meta name="description" content=manifest.site.description.clone()/>
                <section class="home">
                    <h1 class="page-title">{title}</h1>
                    <p class="site-description">{manifest.site.description.clone()}</p>
                    <PostList posts=list.posts.clone() build_id=list.build_id.clone()
                        page=list.page page_count=list.page_count
                        route=|_, n| blog_bundle::list_route(n)/>
                </section>
            }
            .into_any()
        },
    )
}
