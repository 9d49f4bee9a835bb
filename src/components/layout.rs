//! The frame around every route (`blog_views::frame`), made live: the search
//! box shows results as the reader types, the theme switch switches, the
//! footer offers offline saving.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use blog_bundle::{Route, SEARCH_ROUTE};
use blog_views::frame::{search_form, site_footer, site_header, theme_toggle};

use crate::api::base_path;
use crate::components::offline::SaveOffline;
use crate::page::{current_theme, set_theme};
use crate::router::use_location;

/// The query the search page shows results for. The address's `?q=` sets it
/// when the page opens and on Back and Forward; while the reader types on the
/// page, the search box sets it at once, and the address follows.
#[derive(Clone, Copy)]
pub struct SearchQuery(pub RwSignal<String>);

/// The search page's address for `query`, under the site's base.
fn search_url(query: &str) -> String {
    format!(
        "{}{SEARCH_ROUTE}?q={}",
        base_path(),
        js_sys::encode_uri_component(query)
    )
}

/// The site's name, known once any view has read the manifest.
#[derive(Clone, Copy)]
pub struct SiteTitle(pub RwSignal<String>);

impl SiteTitle {
    pub fn set(&self, title: &str) {
        if self.0.get_untracked() != title {
            self.0.set(title.to_owned());
        }
    }

    /// Reads the name from the manifest, for views whose own data doesn't
    /// carry it (search, not found), then calls `then` (which shows the
    /// view): the frame appears with the name, as on the entry page.
    pub fn load(self, then: fn()) {
        leptos::task::spawn_local(async move {
            if let Ok(manifest) = crate::api::manifest(false).await {
                self.set(&manifest.site.title);
            }
            then();
        });
    }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    let SiteTitle(title) = expect_context::<SiteTitle>();
    let location = use_location();
    site_header(
        move || title.get(),
        move || location.path.get(),
        Some(view! { <SearchBox/> }.into_any()),
        Some(view! { <ThemeToggle/> }.into_any()),
    )
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let SiteTitle(title) = expect_context::<SiteTitle>();
    site_footer(
        move || title.get(),
        Some(view! { <SaveOffline/> }.into_any()),
    )
}

/// True while keys typed go into a field, so "/" must stay a slash there.
fn typing_in_field(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
}

/// The search box in the header: typing shows results live on `/search/?q=…`
/// (the query is in the URL, so results can be shared and reloaded); `/`
/// focuses it from anywhere.
#[component]
pub fn SearchBox() -> impl IntoView {
    let location = use_location();
    let input = NodeRef::<leptos::html::Input>::new();
    let on_search_page = move || location.route.with(|r| *r == Route::Search);
    // Back and forward change the query under the box: keep them in step.
    Effect::new(move |_| {
        let q = location.query("q");
        if on_search_page()
            && let Some(el) = input.get()
            && el.value() != q
        {
            el.set_value(&q);
        }
    });
    let SearchQuery(searched) = expect_context::<SearchQuery>();
    let on_input = move |ev: ev::Event| {
        let value = event_target_value(&ev);
        // Typing on the results page replaces the history entry, not one per
        // key; the results follow the box, not the address.
        let on_page = on_search_page();
        if on_page {
            searched.set(value.clone());
        }
        location.go(&search_url(&value), on_page, false);
    };
    let on_submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(el) = input.get() {
            location.go(&search_url(&el.value()), on_search_page(), false);
        }
    };
    let _ = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "/"
            && !ev.ctrl_key()
            && !ev.meta_key()
            && !ev.alt_key()
            && !typing_in_field(ev.target())
        {
            ev.prevent_default();
            if let Some(el) = input.get() {
                let _ = el.focus();
            }
        }
    });
    // A reader who focuses the box is about to search: what every query needs is read now.
    let _ = window_event_listener(ev::focusin, move |ev| {
        let on_box = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.id() == blog_views::frame::SEARCH_INPUT_ID);
        if on_box {
            leptos::task::spawn_local(crate::search::prepare());
        }
    });
    search_form(
        Some(input),
        Some(Box::new(on_input)),
        Some(Box::new(on_submit)),
    )
}

/// Switches between light and dark; the choice is remembered in this browser.
#[component]
fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(current_theme());
    let flip = move || {
        // The entry page's switch (public/theme.js) may have changed it since.
        let next = if current_theme() == "dark" {
            "light"
        } else {
            "dark"
        };
        set_theme(next);
        theme.set(next);
    };
    theme_toggle(move || theme.get() == "dark", Some(Box::new(flip)))
}
