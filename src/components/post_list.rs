//! A page of posts with its pagination: the home page and tag pages.

use blog_bundle::PostSummary;
use leptos::prelude::*;

use crate::api::href;
use crate::components::post_card::PostCard;
use crate::page::ui;

#[component]
pub fn PostList(
    posts: Vec<PostSummary>,
    #[prop(into)] build_id: String,
    /// 1-based.
    page: usize,
    page_count: usize,
    /// The route of another page of this list.
    route: fn(&str, usize) -> String,
    /// What `route` needs besides the page number (the tag, or nothing).
    #[prop(optional, into)]
    key: String,
) -> impl IntoView {
    let t = ui();
    let empty = posts
        .is_empty()
        .then(|| view! { <p class="empty">{t.no_posts}</p> });
    let items = posts
        .into_iter()
        .map(|post| view! { <li><PostCard post build_id=build_id.clone()/></li> })
        .collect_view();
    let newer = (page > 1).then(|| {
        view! { <a rel="prev" href=href(&route(&key, page - 1))>"← "{t.newer_posts}</a> }
    });
    let older = (page < page_count).then(|| {
        view! { <a rel="next" href=href(&route(&key, page + 1))>{t.older_posts}" →"</a> }
    });
    let pagination = (page_count > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=t.pagination>
                {newer}
                <span class="page-of">{t.page_of(page, page_count)}</span>
                {older}
            </nav>
        }
    });
    view! {
        <ol class="post-list">{items}</ol>
        {empty}
        {pagination}
    }
}
