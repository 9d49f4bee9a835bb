//! `/` and `/page/<n>/`: the list of posts, newest first, paginated
//! (the view: `blog_views::home`).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{self, LoadError};
use crate::components::head::Head;
use crate::components::layout::SiteTitle;
use crate::components::marks::post_marks;
use crate::components::status::loaded;

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
            view! {
                <Head head=blog_views::home::head(&manifest.site, &list)/>
                {blog_views::home::view(&manifest.site, &list, Some(post_marks))}
            }
            .into_any()
        },
    )
}
