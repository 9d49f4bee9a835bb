//! Any route the app doesn't know, and posts or pages that don't exist.

use crate::components::head::Title;
use leptos::prelude::*;

use crate::api::{self, href};
use crate::components::layout::SiteTitle;
use crate::page::{page_shown, ui};

#[component]
pub fn NotFound() -> impl IntoView {
    let t = ui();
    let site = expect_context::<SiteTitle>();
    // The header wants the site's name even when this is the first view.
    leptos::task::spawn_local(async move {
        if let Ok(manifest) = api::manifest(false).await {
            site.set(&manifest.site.title);
        }
    });
    Effect::new(move |_| page_shown());
    let title = move || {
        let name = site.0.get();
        if name.is_empty() {
            t.not_found_title.to_owned()
        } else {
            format!("{} — {name}", t.not_found_title)
        }
    };
    view! {
        <Title text=title/>
        <section class="not-found">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_text}</p>
            <p><a href=href("/")>{t.back_home}</a></p>
        </section>
    }
}
