//! `/tags/`, `/tags/<tag>/` and `/tags/<tag>/page/<n>/`: every tag, and the
//! posts of one (the views: `blog_views::tags`).

use leptos::prelude::*;

use blog_bundle::Route;

use crate::api::{self, LoadError};
use crate::components::head::Head;
use crate::components::layout::SiteTitle;
use crate::components::marks::post_marks;
use crate::components::status::loaded;
use crate::router::route_param;

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
    let target = route_param(|route| match route {
        Route::Tag(tag, page) => Some((tag.clone(), *page)),
        _ => None,
    });
    let site = expect_context::<SiteTitle>();
    loaded(
        move || {
            let target = target.get();
            async move {
                let (tag, page) = target.ok_or(LoadError::NotFound)?;
                api::tag_page(&tag, page).await
            }
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
