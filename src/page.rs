//! The few places the app touches the page outside its own views: the UI
//! language, the pre-rendered content of entry pages, and in-page anchors.

use crate::i18n::{Strings, strings};

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// UI strings for the language of the page (`<html lang>`, which the builder
/// sets from the site config), available before any data has loaded.
pub fn ui() -> &'static Strings {
    thread_local!(static UI: &'static Strings = strings(
        &document()
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .unwrap_or_default(),
    ));
    UI.with(|s| *s)
}

/// A link to `#id` on the current page. Written out in full because the
/// page's `<base href>` would otherwise resolve a bare `#id` against the site root.
pub fn anchor(id: &str) -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    format!("{path}#{id}")
}

/// Entry pages written by the builder carry a script-free rendering of their
/// route in `#prerender`, so text shows before (and without) the WebAssembly.
pub fn has_prerender() -> bool {
    document()
        .and_then(|d| d.get_element_by_id("prerender"))
        .is_some()
}

/// Called when a route has something real to show (content, not-found or an
/// error): the pre-rendered copy goes and the app's own view is revealed, in
/// one step, so the reader never sees both or a flash of "loading".
pub fn mark_ready() {
    let Some(doc) = document() else { return };
    if let Some(pre) = doc.get_element_by_id("prerender") {
        pre.remove();
    }
    if let Some(app) = doc.get_element_by_id("app") {
        let _ = app.remove_attribute("data-pending");
    }
}

/// Head tags the builder wrote for crawlers; the app manages its own copies.
pub fn drop_static_head_tags() {
    let Some(doc) = document() else { return };
    for selector in ["meta[name=description]", "link[rel=canonical]"] {
        if let Ok(Some(el)) = doc.query_selector(selector) {
            el.remove();
        }
    }
}
