//! The frame around every route: skip link, header and footer.

use leptos::ev;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use wasm_bindgen::JsCast;

use crate::api::href;
use crate::components::offline::SaveOffline;
use crate::page::{current_theme, set_theme, ui};

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
    let location = use_location();
    view! {
        // A bare "#main" would resolve against <base href> (the home page).
        <a class="skip-link" href=move || format!("{}#main", location.pathname.get())>
            {ui().skip_to_content}
        </a>
        <header class="site-header">
            <a class="site-title" href=href("/") aria-label=move || {
                let t = title.get();
                if t.is_empty() { ui().home.to_owned() } else { t }
            }>
                <span aria-hidden="true">{move || title.get()}</span>
            </a>
            <SearchBox/>
            <nav class="site-nav" aria-label=ui().site_navigation>
                <a href=href(blog_bundle::ARCHIVE_ROUTE)>{ui().archive}</a>
                <a href=href(blog_bundle::TAGS_ROUTE)>{ui().tags}</a>
                <ThemeToggle/>
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
    let t = ui();
    let location = use_location();
    let query = use_query_map();
    let navigate = use_navigate();
    let input = NodeRef::<leptos::html::Input>::new();
    let on_search_page = move || {
        location
            .pathname
            .get()
            .trim_end_matches('/')
            .ends_with("/search")
    };
    // Back and forward change the query under the box: keep them in step.
    Effect::new(move |_| {
        let q = query.read().get("q").unwrap_or_default();
        if on_search_page()
            && let Some(el) = input.get()
            && el.value() != q
        {
            el.set_value(&q);
        }
    });
    let go = move |value: &str, replace: bool| {
        // The router puts its base in front of paths it navigates to (unlike <a href>).
        let url = format!("/search/?q={}", js_sys::encode_uri_component(value));
        navigate(
            &url,
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let go_input = go.clone();
    let on_input = move |ev: ev::Event| {
        // Typing on the results page replaces the history entry, not one per key.
        go_input(&event_target_value(&ev), on_search_page());
    };
    let on_submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(el) = input.get() {
            go(&el.value(), on_search_page());
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
    view! {
        <form class="site-search" role="search" action=href("/search/") method="get" on:submit=on_submit>
            <label for="site-search-input" class="visually-hidden">{t.search}</label>
            <input id="site-search-input" type="search" name="q" placeholder=t.search_placeholder
                node_ref=input on:input=on_input autocomplete="off" enterkeyhint="search"
                aria-keyshortcuts="/"/>
        </form>
    }
}

/// Switches between light and dark; the choice is remembered in this browser.
#[component]
fn ThemeToggle() -> impl IntoView {
    let t = ui();
    let theme = RwSignal::new(current_theme());
    let flip = move |_| {
        let next = if theme.get_untracked() == "dark" {
            "light"
        } else {
            "dark"
        };
        set_theme(next);
        theme.set(next);
    };
    view! {
        <button type="button" class="theme-toggle" on:click=flip
            aria-label=move || if theme.get() == "dark" { t.light_theme } else { t.dark_theme }
            title=move || if theme.get() == "dark" { t.light_theme } else { t.dark_theme }>
            <span aria-hidden="true">{move || if theme.get() == "dark" { "☀" } else { "☾" }}</span>
        </button>
    }
}
