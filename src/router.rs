//! The router: the address read as a [`Route`] (the contract the builder
//! writes entry pages by), links inside the site followed without a page
//! load, Back and Forward.
//!
//! It does for this app what `leptos_router` did, which was a seventh of the
//! WebAssembly (78 KB before compression) for six routes known in advance:
//! their parsing is the bundle's [`Route::parse`], and the view of each kind
//! is chosen in `app.rs`. What a link click does follows `leptos_router`'s
//! rules, so nothing changed for readers.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use blog_bundle::Route;

use crate::api::base_path;

/// The address, as signals.
#[derive(Clone, Copy)]
pub struct Location {
    /// The path, with the site's base in front (`/sub/blog/x/`).
    pub path: RwSignal<String>,
    /// The query with its `?` (`?q=rust`), or empty.
    pub search: RwSignal<String>,
    /// What the path names below the site's base.
    pub route: Memo<Route>,
}

/// The router's [`Location`], from any view inside the app.
pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// Reads the address and starts following links and history, for the
/// views inside the app (a context).
pub fn start() -> Location {
    let (path, search) = address();
    let path = RwSignal::new(path);
    let search = RwSignal::new(search);
    let route = Memo::new(move |_| {
        let base = base_path();
        path.with(|p| Route::parse(below_base(p, &base).unwrap_or(p)))
    });
    let location = Location {
        path,
        search,
        route,
    };
    provide_context(location);
    // Back, Forward, and in-page anchors the browser followed itself.
    let _ = window_event_listener(ev::popstate, move |_| location.sync());
    let _ = window_event_listener(ev::click, move |ev| {
        if let Some(link) = followed_in_app(&ev) {
            ev.prevent_default();
            location.go(&link, false, true);
        }
    });
    location
}

impl Location {
    /// The value of the query's parameter `name` (`+` and `%xx` decoded), or empty.
    pub fn query(&self, name: &str) -> String {
        self.search.with(|search| {
            web_sys::UrlSearchParams::new_with_str(search)
                .ok()
                .and_then(|params| params.get(name))
                .unwrap_or_default()
        })
    }

    /// Goes to `url` (a path with the site's base, and maybe a query and an
    /// anchor) in a new history entry, or in place of this one; `scroll`
    /// brings the anchor, or else the top of the page, into view.
    pub fn go(&self, url: &str, replace: bool, scroll: bool) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Ok(history) = window.history() {
            let _ = if replace {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
            } else {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
            };
        }
        self.sync();
        if scroll {
            scroll_to_anchor_or_top(&window);
        }
    }

    /// Brings the signals in step with the browser's address.
    fn sync(&self) {
        let (path, search) = address();
        if self.path.with_untracked(|p| *p != path) {
            self.path.set(path);
        }
        if self.search.with_untracked(|s| *s != search) {
            self.search.set(search);
        }
    }
}

/// A parameter of the current route, for the view of one kind of route:
/// `pick` takes it from a route of that kind. While the address names
/// another kind, on the view's way out, it keeps its last value, so the view
/// doesn't ask for other data in its last moment.
pub fn route_param<T>(pick: fn(&Route) -> Option<T>) -> Memo<Option<T>>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let route = use_location().route;
    Memo::new(move |last: Option<&Option<T>>| route.with(pick).or_else(|| last.cloned().flatten()))
}

/// The browser's path and query.
fn address() -> (String, String) {
    let location = web_sys::window().map(|w| w.location());
    let part = |read: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
        location
            .as_ref()
            .and_then(|l| read(l).ok())
            .unwrap_or_default()
    };
    (
        part(web_sys::Location::pathname),
        part(web_sys::Location::search),
    )
}

/// `path` below the site's `base` (`/sub/tags/` → `/tags/` under `/sub`), or
/// None when it is outside the site.
fn below_base<'a>(path: &'a str, base: &str) -> Option<&'a str> {
    let rest = path.strip_prefix(base)?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

/// The address a click on a link asks the app to go to, when the app
/// follows it itself: a plain left click on a link inside the site, which
/// is not a download, opens in this tab and is not `rel="external"` (the
/// site's own files, such as feeds and attachments). A link to an anchor
/// of this very page is left to the browser, which scrolls to it.
fn followed_in_app(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return None;
    }
    let link = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    let rel = link.rel();
    if !link.target().is_empty()
        || link.has_attribute("download")
        || rel.split_ascii_whitespace().any(|r| r == "external")
    {
        return None;
    }
    let here = web_sys::window()?.location();
    let path = link.pathname();
    if link.origin() != here.origin().ok()? || below_base(&path, &base_path()).is_none() {
        return None;
    }
    let (search, hash) = (link.search(), link.hash());
    let same_page = here.pathname().ok()? == path && here.search().ok()? == search;
    if same_page && !hash.is_empty() {
        return None;
    }
    Some(format!("{path}{search}{hash}"))
}

/// After going to another address: its anchor's element into view if the
/// page has it, else the top of the page.
fn scroll_to_anchor_or_top(window: &web_sys::Window) {
    let anchor = window
        .location()
        .hash()
        .ok()
        .filter(|h| h.len() > 1)
        .and_then(|h| js_sys::decode_uri_component(&h[1..]).ok())
        .and_then(|id| id.as_string())
        .and_then(|id| window.document()?.get_element_by_id(&id));
    match anchor {
        Some(el) => el.scroll_into_view(),
        None => window.scroll_to_with_x_and_y(0.0, 0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::below_base;

    #[test]
    fn paths_below_the_sites_base() {
        for (path, base, below) in [
            ("/blog/x/", "", Some("/blog/x/")),
            ("/sub/blog/x/", "/sub", Some("/blog/x/")),
            ("/sub", "/sub", Some("")),
            ("/subway/", "/sub", None),
            ("/other/x/", "/sub", None),
        ] {
            assert_eq!(below_base(path, base), below, "{path} under {base:?}");
        }
    }
}
