//! One post in a list: title, date, reading time, description, hero image.

use blog_bundle::PostSummary;
use leptos::prelude::*;

use crate::api::href;
use crate::components::offline::OfflineMark;
use crate::page::{reading_position, ui};

/// From here on a post counts as read.
pub const FINISHED: f64 = 0.9;

#[component]
pub fn PostCard(post: PostSummary, #[prop(into)] build_id: String) -> impl IntoView {
    let t = ui();
    let url = href(&blog_bundle::post_route(&post.path));
    let hero = post.hero_image.clone().map(|src| {
        view! {
            <img class="post-card-hero" src=src alt="" width="640" height="360"
                loading="lazy" decoding="async"/>
        }
    });
    view! {
        <article class="post-card">
            {hero}
            <h2 class="post-card-title"><a href=url>{post.title.clone()}</a></h2>
            <p class="post-card-meta">
                <time datetime=post.date.clone()>{t.date(&post.date)}</time>
                " · "
                <span class="reading-time">{t.reading_time(post.reading_minutes)}</span>
                " "
                <OfflineMark shard=blog_bundle::post_path(&build_id, &post.path)/>
                {reading_position(&post.path).map(|f| {
                    let text = if f >= FINISHED { t.read.to_owned() } else { t.read_percent(f) };
                    view! { " "<span class="read-mark">{text}</span> }
                })}
            </p>
            <p class="post-card-desc">{post.description.clone()}</p>
        </article>
    }
}
