//! A page of posts with its pagination (the home page and tag pages), and one
//! post in it: title, date, reading time, description, hero image.

use blog_bundle::PostSummary;
use leptos::prelude::*;

use crate::{href, ui};

/// What the app adds to a post's line in a list, from what only the browser
/// knows (read or not, saved offline or not): post in, view out.
pub type Marks = fn(&PostSummary) -> AnyView;

pub fn post_card(post: &PostSummary, marks: Option<Marks>) -> AnyView {
    let t = ui();
    let url = href(&blog_bundle::post_route(&post.path));
    let hero = crate::doc::hero(post, "post-card-hero", [640, 360], false);
    view! {
        <article class="post-card">
            {hero}
            <h2 class="post-card-title"><a href=url>{post.title.clone()}</a></h2>
            <p class="post-card-meta">
                <time datetime=post.date.clone()>{t.date(&post.date)}</time>
                " · "
                <span class="reading-time">{t.reading_time(post.reading_minutes)}</span>
                {marks.map(|marks| marks(post))}
            </p>
            <p class="post-card-desc">{post.description.clone()}</p>
        </article>
    }
    .into_any()
}

/// One page of a list. `route` gives the route of another page of it from
/// `key` (the tag, or nothing) and a 1-based page number.
pub fn post_list(
    posts: &[PostSummary],
    (page, page_count): (usize, usize),
    route: fn(&str, usize) -> String,
    key: &str,
    marks: Option<Marks>,
) -> AnyView {
    let t = ui();
    let empty = posts
        .is_empty()
        .then(|| view! { <p class="empty">{t.no_posts}</p> });
    let items = posts
        .iter()
        .map(|post| view! { <li>{post_card(post, marks)}</li> })
        .collect_view();
    let newer = (page > 1).then(|| {
        view! { <a rel="prev" href=href(&route(key, page - 1))>"← "{t.newer_posts}</a> }
    });
    let older = (page < page_count).then(|| {
        view! { <a rel="next" href=href(&route(key, page + 1))>{t.older_posts}" →"</a> }
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
    .into_any()
}
