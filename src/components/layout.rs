//! The frame around every route: skip link, header and footer.

use leptos::prelude::*;

use crate::api::href;
use crate::components::offline::SaveOffline;
use crate::page::ui;

/// The site's name, known once any view has read the manifest.
#[derive(Clone, Copy)]
pub struct SiteTitle(pub RwSignal<String>);

impl SiteTitle {
    pub fn set(&self, title: &str) {
        if self.0.get_untracked() != title {
            self.0.set(title.to_owned());
        }
    }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    let SiteTitle(title) = expect_context::<SiteTitle>();
    view! {
        <a class="skip-link" href="#main">{ui().skip_to_content}</a>
        <header class="site-header">
            <a class="site-title" href=href("/") aria-label=move || {
                let t = title.get();
                if t.is_empty() { ui().home.to_owned() } else { t }
            }>
                <span aria-hidden="true">{move || title.get()}</span>
            </a>
            <nav class="site-nav" aria-label=ui().site_navigation>
                <a href=href(blog_bundle::ARCHIVE_ROUTE)>{ui().archive}</a>
                <a href=href(blog_bundle::TAGS_ROUTE)>{ui().tags}</a>
            </nav>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let SiteTitle(title) = expect_context::<SiteTitle>();
    view! {
        <footer class="site-footer">
            <p>{move || title.get()}</p>
            <SaveOffline/>
        </footer>
    }
}
