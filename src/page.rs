//! The few places the app touches the page outside its own views: the UI
//! language and base path the views render with, the pre-rendered content of
//! entry pages, the theme and the reader's saved positions.

use blog_bundle::ui::{Strings, strings};
use blog_views::Env;
use leptos::prelude::{GetUntracked, NodeRef};

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Sets what the views render with: the UI text of the page's language
/// (`<html lang>`, which the builder sets from the site config, so it is
/// there before any data) and the site's base path. Called once, first.
pub fn set_view_env() {
    let lang = document()
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .unwrap_or_default();
    blog_views::set_env(Env {
        ui: strings(&lang),
        base: crate::api::base_path(),
    });
}

/// UI strings for the language of the page.
pub fn ui() -> &'static Strings {
    blog_views::ui()
}

/// Entry pages written by the builder carry a script-free rendering of their
/// route in `#prerender`, so text shows before (and without) the WebAssembly.
pub fn has_prerender() -> bool {
    document()
        .and_then(|d| d.get_element_by_id("prerender"))
        .is_some()
}

/// Whether the app's first view of the post at `route` can take the
/// pre-rendered article as it is (`blog_views::article::shell`): the entry page
/// is that route's, of the build its data is of, and its article is still there.
pub fn prerendered_article(route: &str, build: &str) -> bool {
    first_view()
        && prerendered_post().is_some()
        && crate::api::page_build().as_deref() == Some(build)
        && entry_data()
            .and_then(|data| data.get_attribute("data-route"))
            .as_deref()
            == Some(route)
}

/// The `<script id="blog-data" data-route=…>` of an entry page: the data of
/// the route it was written for.
pub fn entry_data() -> Option<web_sys::Element> {
    document()?.get_element_by_id(blog_bundle::DATA_ID)
}

/// The pre-rendered article of an entry page, while it is there.
fn prerendered_post() -> Option<web_sys::Element> {
    document()?
        .query_selector("#prerender article.post")
        .ok()
        .flatten()
}

thread_local!(static ADOPTING: std::cell::Cell<Option<NodeRef<leptos::html::Article>>> = const { std::cell::Cell::new(None) });

/// The article element the app's first view left empty for the pre-rendered
/// article's content ([`prerendered_article`]); it moves in at [`mark_ready`].
pub fn adopt_into(article: NodeRef<leptos::html::Article>) {
    ADOPTING.set(Some(article));
}

/// Called when a route has something real to show (content, not-found or an
/// error): the pre-rendered copy goes and the app's own view is revealed, in
/// one step, so the reader never sees both or a flash of "loading". An
/// article the app left empty takes the pre-rendered article's content: the
/// same elements the app would build, their pictures already decoded, a
/// video the reader started still playing.
pub fn mark_ready() {
    let Some(doc) = document() else { return };
    if let Some(pre) = doc.get_element_by_id("prerender") {
        let source = prerendered_post();
        let adopting = ADOPTING.take().and_then(|node| node.get_untracked());
        if let (Some(article), Some(source)) = (adopting, source) {
            while let Some(child) = source.first_child() {
                let _ = article.append_child(&child);
            }
        }
        pre.remove();
    }
    if let Some(app) = doc.get_element_by_id("app") {
        let _ = app.remove_attribute("data-pending");
    }
}

thread_local!(static FIRST_VIEW: std::cell::Cell<bool> = const { std::cell::Cell::new(true) });

/// True until the first route's content is on screen.
pub fn first_view() -> bool {
    FIRST_VIEW.get()
}

/// Called when a route's content is on screen. After in-app navigation, focus
/// moves to the new page's heading, so keyboard and screen-reader users start
/// there and hear where they are (the first view keeps the browser's own focus).
pub fn page_shown() {
    mark_ready();
    if FIRST_VIEW.replace(false) {
        return;
    }
    // After the new view is attached and the router has scrolled.
    leptos::prelude::request_animation_frame(|| {
        if let Some(h1) = document().and_then(|d| d.query_selector("main h1").ok().flatten()) {
            let _ = h1.set_attribute("tabindex", "-1");
            if let Some(h1) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&h1) {
                let _ = h1.focus();
            }
        }
    });
}

/// How far the reader got in the post at `path`, 0.0 to 1.0, if they started it.
/// (Numbers go through JavaScript's and integers' formatting: Rust's float
/// parsing and printing would cost the WebAssembly kilobytes.)
pub fn reading_position(path: &str) -> Option<f64> {
    let text = storage()?
        .get_item(&format!("read:{path}"))
        .ok()
        .flatten()?;
    let f = js_sys::Number::parse_float(&text);
    (!f.is_nan()).then_some(f)
}

pub fn save_reading_position(path: &str, fraction: f64) {
    if let Some(s) = storage() {
        let permille = (fraction.clamp(0.0, 1.0) * 1000.0).round() as u32;
        let _ = s.set_item(
            &format!("read:{path}"),
            &format!("{}.{:03}", permille / 1000, permille % 1000),
        );
    }
}

/// Head tags the builder wrote for crawlers that the app does not keep
/// current (the description it does, `components::head::Meta`).
pub fn drop_static_head_tags() {
    let canonical = document().and_then(|d| d.query_selector("link[rel=canonical]").ok().flatten());
    if let Some(el) = canonical {
        el.remove();
    }
}

/// The reader's saved preferences (theme, reading positions): in this browser only.
pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The theme in effect: the one the reader chose, else the system's.
pub fn current_theme() -> &'static str {
    let chosen = document()
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("data-theme"));
    match chosen.as_deref() {
        Some("dark") => "dark",
        Some("light") => "light",
        _ => {
            let dark = web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .is_some_and(|m| m.matches());
            if dark { "dark" } else { "light" }
        }
    }
}

/// Applies and remembers a theme (`public/theme.js` restores it before paint).
pub fn set_theme(theme: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-theme", theme);
    }
    if let Some(s) = storage() {
        let _ = s.set_item("theme", theme);
    }
}
