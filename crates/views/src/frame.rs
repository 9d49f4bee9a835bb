//! The frame around every page: skip link, header (site name, search box,
//! navigation, theme switch) and footer. The app fills the slots with the
//! parts that work (the live search box, the theme switch, offline saving);
//! without them the same markup stands on its own: the search form submits
//! to `/search/?q=…`, the links are links.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use crate::{href, ui};

/// A text the app keeps current (the site's name, the page's path) and an
/// entry page writes once. Closures rather than `Signal`s: a signal's
/// general reader costs the WebAssembly kilobytes.
pub trait Text: Fn() -> String + Clone + Send + Sync + 'static {}
impl<F: Fn() -> String + Clone + Send + Sync + 'static> Text for F {}

/// The header. `here` is the page's full path (the skip link's target),
/// `title` the site's name (empty until the app has read it).
pub fn site_header(
    title: impl Text,
    here: impl Text,
    search: Option<AnyView>,
    theme: Option<AnyView>,
) -> AnyView {
    let t = ui();
    let search = search.unwrap_or_else(|| search_form(None, None, None));
    let theme = theme.unwrap_or_else(|| theme_toggle(|| false, None));
    let label = title.clone();
    view! {
        // A bare "#main" would resolve against <base href> (the home page).
        <a class="skip-link" href=move || format!("{}#main", here())>{t.skip_to_content}</a>
        <header class="site-header">
            <a class="site-title" href=href("/") aria-label=move || {
                let name = label();
                if name.is_empty() { t.home.to_owned() } else { name }
            }>
                <span aria-hidden="true">{title}</span>
            </a>
            {search}
            <nav class="site-nav" aria-label=t.site_navigation>
                <a href=href(blog_bundle::ARCHIVE_ROUTE)>{t.archive}</a>
                <a href=href(blog_bundle::TAGS_ROUTE)>{t.tags}</a>
                {theme}
            </nav>
        </header>
    }
    .into_any()
}

/// The page's main region, where each route's view goes (the skip link's target).
pub fn main_region(content: impl IntoView) -> AnyView {
    view! { <main id="main" tabindex="-1">{content}</main> }.into_any()
}

pub fn site_footer(title: impl Text, extra: Option<AnyView>) -> AnyView {
    view! {
        <footer class="site-footer">
            <p>{title}</p>
            {extra}
        </footer>
    }
    .into_any()
}

/// The id of the header's search box.
pub const SEARCH_INPUT_ID: &str = "site-search-input";

/// The search form: a plain GET form to `/search/`. The app passes what
/// makes it live: the input's node, and what typing and submitting do.
pub fn search_form(
    input: Option<NodeRef<html::Input>>,
    on_input: Option<Box<dyn Fn(ev::Event)>>,
    on_submit: Option<Box<dyn Fn(ev::SubmitEvent)>>,
) -> AnyView {
    let t = ui();
    let input = input.unwrap_or_default();
    view! {
        <form class="site-search" role="search" action=href(blog_bundle::SEARCH_ROUTE) method="get"
            on:submit=move |ev| if let Some(f) = &on_submit { f(ev) }>
            <label for=SEARCH_INPUT_ID class="visually-hidden">{t.search}</label>
            <input id=SEARCH_INPUT_ID type="search" name="q" placeholder=t.search_placeholder
                node_ref=input on:input=move |ev| if let Some(f) = &on_input { f(ev) }
                autocomplete="off" enterkeyhint="search" aria-keyshortcuts="/"/>
        </form>
    }
    .into_any()
}

/// The light/dark switch; `dark` says which theme is in effect.
pub fn theme_toggle(
    dark: impl Fn() -> bool + Copy + Send + Sync + 'static,
    on_click: Option<Box<dyn Fn()>>,
) -> AnyView {
    let t = ui();
    let label = move || if dark() { t.light_theme } else { t.dark_theme };
    view! {
        <button type="button" class="theme-toggle" on:click=move |_| if let Some(f) = &on_click { f() }
            aria-label=label title=label>
            // The glyph follows the theme in CSS, so an entry page shows the
            // right one before the app knows the theme.
            <span class="theme-icon" aria-hidden="true"></span>
        </button>
    }
    .into_any()
}
