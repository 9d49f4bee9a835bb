//! One article, at whatever path the builder gave it (`/blog/<slug>/` by
//! default): the app's fallback route, so any path that is no other route is
//! looked up as a post (the view: `blog_views::article`).

use leptos::prelude::*;

use blog_bundle::Route;

use crate::api;
use crate::components::head::Head;
use crate::components::layout::SiteTitle;
use crate::components::progress::ReadingProgress;
use crate::components::status::loaded;
use crate::page::{adopt_into, prerendered_article};
use crate::router::route_param;

#[component]
pub fn PostPage() -> impl IntoView {
    let path = route_param(|route| match route {
        Route::Post(path) => Some(path.clone()),
        _ => None,
    });
    let site = expect_context::<SiteTitle>();
    loaded(
        move || {
            let path = path.get().unwrap_or_default();
            async move {
                let loaded = api::post(&path).await;
                if let Ok((_, post)) = &loaded {
                    api::prefetch_neighbours(post);
                }
                loaded
            }
        },
        move |(manifest, post)| {
            site.set(&manifest.site.title);
            let progress =
                Some(view! { <ReadingProgress path=post.summary.path.clone()/> }.into_any());
            // The first view of an entry page keeps its pre-rendered article.
            let route = blog_bundle::post_route(&post.summary.path);
            let article = if prerendered_article(&route, &post.build_id) {
                let article = NodeRef::new();
                adopt_into(article);
                blog_views::article::shell(
                    &manifest.site,
                    progress,
                    blog_views::article::Content::Adopted(article),
                )
            } else {
                blog_views::article::view(&manifest.site, &post, progress)
            };
            view! {
                <Head head=blog_views::article::head(&manifest.site, &post)/>
                {article}
            }
            .into_any()
        },
    )
}
