//! Any route the app doesn't know, and posts or pages that don't exist.

use leptos::prelude::*;

use crate::{PageHead, href, ui};

/// `site_title` is empty when the app has not read the site's name yet.
pub fn head(site_title: &str) -> PageHead {
    let t = ui();
    PageHead {
        title: if site_title.is_empty() {
            t.not_found_title.to_owned()
        } else {
            format!("{} — {site_title}", t.not_found_title)
        },
        description: t.not_found_text.to_owned(),
    }
}

pub fn view() -> AnyView {
    let t = ui();
    view! {
        <section class="not-found">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_text}</p>
            <p><a href=href("/")>{t.back_home}</a></p>
        </section>
    }
    .into_any()
}
