//! Any route the app doesn't know, and posts or pages that don't exist
//! (the view: `blog_views::not_found`).

use leptos::prelude::*;

use crate::components::head::{Meta, Title};
use crate::components::layout::SiteTitle;
use crate::page::page_shown;

#[component]
pub fn NotFound() -> impl IntoView {
    let site = expect_context::<SiteTitle>();
    // The header wants the site's name even when this is the first view.
    site.load(page_shown);
    let head = move || blog_views::not_found::head(&site.0.get());
    view! {
        <Title text=move || head().title/>
        <Meta name="description" content=move || head().description/>
        {blog_views::not_found::view()}
    }
}
