//! `/tags/`, `/tags/<tag>/` and `/tags/<tag>/page/<n>/`: every tag, and the
//! posts of one (the views: `blog_views::tags`).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{self, LoadError};
use crate::components::head::Head;
use crate::components::layout::SiteTitle;
use crate::components::marks::post_marks;
use crate::components::status::loaded;

#[component]
pub fn TagsPage() -> impl IntoView {
    let site = expect_context::<SiteTitle>();
    loaded(api::tag_index, move |(manifest, index)| {
        site.set(&manifest.site.title);
        view! {
            <Head head=blog_views::tags::index_head(&manifest.site)/>
            {blog_views::tags::index_view(&index)}
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
            view! {
                <Head head=blog_views::tags::tag_head(&manifest.site, &tag)/>
                {blog_views::tags::tag_view(&tag, Some(post_marks))}
            }
            .into_any()
        },
    )
}
