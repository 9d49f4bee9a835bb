//! What the app adds to a post in a list (`blog_views::list::Marks`): whether
//! it was read in this browser, and, offline, whether it can be opened.

use blog_bundle::PostSummary;
use leptos::prelude::*;

use crate::components::offline::OfflineMark;
use crate::page::{reading_position, ui};

/// From here on a post counts as read.
pub const FINISHED: f64 = 0.9;

pub fn post_marks(post: &PostSummary) -> AnyView {
    let t = ui();
    let read = reading_position(&post.path).map(|f| {
        let text = if f >= FINISHED {
            t.read.to_owned()
        } else {
            t.read_percent(f)
        };
        view! { " "<span class="read-mark">{text}</span> }
    });
    view! {
        " "
        <OfflineMark page=blog_bundle::route_file(&blog_bundle::post_route(&post.path))/>
        {read}
    }
    .into_any()
}
