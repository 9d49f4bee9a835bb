//! `/` and `/page/<n>/`: the list of posts, newest first, paginated
//! (the view: `blog_views::home`).

use leptos::prelude::*;

use blog_bundle::Route;

use crate::api::{self, LoadError};
use crate::components::head::Head;
use crate::components::layout::SiteTitle;
use crate::components::marks::post_marks;
use crate::components::status::loaded;
use crate::router::route_param;

#[component]
pub fn HomePage() -> impl IntoView {
    let page = route_param(|route| match route {
        Route::List(page) => Some(*page),
        _ => None,
    });
    let site = expect_context::<SiteTitle>();
    loaded(
        move || {
            let page = page.get();
            async move { api::list_page(page.ok_or(LoadError::NotFound)?).await }
        },
        move |(manifest, list)| {
            site.set(&manifest.site.title);
            view! {
                <Head head=blog_views::home::head(&manifest.site, &list)/>
                {blog_views::home::view(&manifest.site, &list, Some(post_marks))}
            }
            .into_any()
        },
    )
}
