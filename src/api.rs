//! Fetching the content bundle: the manifest once per session (re-checked when
//! a route's data is missing or belongs to another build), then one route's
//! data per view: from the entry page the app started on, or from the route's
//! own entry page, which carries it ([`blog_bundle::page_data`]).

use std::any::Any;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use blog_bundle::decode::{Decode, Json};
use blog_bundle::{
    self as bundle, Archive, ListPage, Manifest, Post, SCHEMA_VERSION, TagIndex, TagPage,
};
use gloo_net::http::Request;
use js_sys::JsString;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::RequestCache;

/// Why a view's data could not be shown.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The requested post or page does not exist in this build.
    NotFound,
    /// No answer at all (offline, DNS, CORS, aborted).
    Network,
    /// No complete answer within [`TIMEOUT_MS`].
    Timeout,
    /// The server answered with this HTTP status.
    Http(u16),
    /// The answer was not the JSON we expect (damaged file, unknown schema).
    Corrupt,
    /// Shards of two different builds met and could not be reconciled.
    OtherBuild,
}

/// The site's path prefix without a trailing slash: `""` at the root of a
/// host, `"/sub"` under a sub-path. Taken from the `<base href>` that Trunk
/// writes from `--public-url`, so one build knows where it is deployed.
pub fn base_path() -> String {
    thread_local!(static BASE: String = {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("base[href]").ok().flatten())
            .and_then(|b| b.get_attribute("href"))
            .map(|href| blog_views::normalise_base(&href))
            .unwrap_or_default()
    });
    BASE.with(Clone::clone)
}

/// An in-app URL for a route such as `/blog/x/`.
pub fn href(route: &str) -> String {
    blog_views::href(route)
}

/// How long one request may take before the reader gives up and says so.
pub const TIMEOUT_MS: i32 = 15_000;

/// Aborts a request after [`TIMEOUT_MS`] unless dropped first.
struct Deadline {
    controller: web_sys::AbortController,
    timer: Option<i32>,
    _on_timeout: Closure<dyn FnMut()>,
}

impl Deadline {
    fn new() -> Option<Self> {
        let controller = web_sys::AbortController::new().ok()?;
        let abort = controller.clone();
        let on_timeout = Closure::<dyn FnMut()>::new(move || abort.abort());
        let timer = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.as_ref().unchecked_ref(),
                TIMEOUT_MS,
            )
            .ok();
        Some(Self {
            controller,
            timer,
            _on_timeout: on_timeout,
        })
    }

    fn expired(&self) -> bool {
        self.controller.signal().aborted()
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(timer), Some(window)) = (self.timer, web_sys::window()) {
            window.clear_timeout_with_handle(timer);
        }
    }
}

thread_local!(static MANIFEST: RefCell<Option<Rc<Manifest>>> = const { RefCell::new(None) });

/// How much a request may take from caches on its way.
#[derive(Clone, Copy, PartialEq)]
enum Freshness {
    /// Any cached copy (shards: their path names their build).
    Cached,
    /// Revalidated with the host (the manifest on a normal load).
    Revalidated,
    /// From the host, past every cache and the offline worker's release.
    Network,
}

/// Hosts with an SPA fallback (Netlify `/* /index.html 200`, Firebase and
/// Vercel rewrites, Cloudflare Pages without a 404 page) answer a missing
/// file with the app's HTML and status 200: such an answer is a missing file.
fn is_html(content_type: Option<String>, text: &JsString) -> bool {
    content_type.is_some_and(|t| t.to_ascii_lowercase().contains("html"))
        || text.trim_start().starts_with("<", 0)
}

/// The text at `path`, or why not. Not generic: the request's future exists
/// once in the WebAssembly, whatever is read. The text stays a JavaScript
/// string, for `JSON.parse`: only the values decoded from it cross into the
/// WebAssembly. (Read as a Rust string, a search shard's hundreds of KB
/// crossed in and then out again to be parsed.)
async fn get_text(path: &str, fresh: Freshness) -> Result<(JsString, Option<String>), LoadError> {
    let url = format!("{}/{path}", base_path());
    let deadline = Deadline::new();
    let mut request =
        Request::get(&url).abort_signal(deadline.as_ref().map(|d| d.controller.signal()).as_ref());
    match fresh {
        Freshness::Cached => {}
        Freshness::Revalidated => request = request.cache(RequestCache::NoCache),
        // The offline worker answers `reload` requests from the network.
        Freshness::Network => request = request.cache(RequestCache::Reload),
    }
    let failed = || match &deadline {
        Some(d) if d.expired() => LoadError::Timeout,
        _ => LoadError::Network,
    };
    let response = request.send().await.map_err(|_| failed())?;
    match response.status() {
        200 => {}
        404 | 410 => return Err(LoadError::NotFound),
        code => return Err(LoadError::Http(code)),
    }
    let content_type = response.headers().get("content-type");
    let text = web_sys::Response::from(response)
        .text()
        .map_err(|_| failed())?;
    let text = JsFuture::from(text).await.map_err(|_| failed())?;
    Ok((text.unchecked_into(), content_type))
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a JavaScript string (js_sys's takes a Rust one).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_json(text: &JsString) -> Result<JsValue, JsValue>;
}

/// The JSON at `path` as the browser's `JSON.parse` reads it.
async fn get_value(path: &str, fresh: Freshness) -> Result<JsValue, LoadError> {
    let (text, content_type) = get_text(path, fresh).await?;
    if is_html(content_type, &text) {
        return Err(LoadError::NotFound);
    }
    parse_json(&text).map_err(|_| LoadError::Corrupt)
}

/// The data of `route` from its entry page. A page without it (an SPA
/// fallback's answer for a missing page) is a missing page.
async fn get_route(route: &str, fresh: Freshness) -> Result<JsValue, LoadError> {
    let (text, _) = get_text(&bundle::route_file(route), fresh).await?;
    let json = page_data(&text, route).ok_or(LoadError::NotFound)?;
    parse_json(&json).map_err(|_| LoadError::Corrupt)
}

/// [`bundle::page_data`] on a JavaScript string.
fn page_data(html: &JsString, route: &str) -> Option<JsString> {
    let open = bundle::data_open(route);
    let start = u32::try_from(html.index_of(&open, 0)).ok()? + open.len() as u32;
    let end = u32::try_from(html.index_of(bundle::DATA_CLOSE, start as i32)).ok()?;
    Some(html.slice(start, end))
}

/// The data of `route` in the entry page the app started on, if it is that
/// route's; taken once (after that the route's data is among the recent, and
/// a retry after damaged data reads the page again).
fn started_with(route: &str) -> Option<JsValue> {
    thread_local!(static STARTED: RefCell<Option<(String, JsString)>> = RefCell::new(
        crate::page::entry_data()
            .and_then(|e| {
                let json = js_sys::Reflect::get(&e, &"textContent".into()).ok()?;
                Some((e.get_attribute("data-route")?, json.dyn_into().ok()?))
            })
    ));
    let (_, json) = STARTED.with_borrow_mut(|s| s.take_if(|(r, _)| r == route))?;
    parse_json(&json).ok()
}

async fn get_json<T: Decode>(path: &str, fresh: Freshness) -> Result<T, LoadError> {
    decode(get_value(path, fresh).await?)
}

pub fn decode<T: Decode>(value: JsValue) -> Result<T, LoadError> {
    T::decode(&Js(value)).ok_or(LoadError::Corrupt)
}

/// A value of the browser's `JSON.parse`, read by the bundle's decoders.
struct Js(JsValue);

impl Json for Js {
    fn string(&self) -> Option<String> {
        self.0.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn field(&self, name: &str) -> Option<Self> {
        let value = js_sys::Reflect::get(&self.0, &JsValue::from_str(name)).ok()?;
        (!value.is_undefined() && !value.is_null()).then_some(Js(value))
    }

    fn elements(&self) -> Option<Vec<Self>> {
        let array = self.0.dyn_ref::<js_sys::Array>()?;
        Some(array.iter().map(Js).collect())
    }

    fn variant(&self) -> Option<(String, Option<Self>)> {
        if let Some(name) = self.0.as_string() {
            return Some((name, None));
        }
        let keys = js_sys::Object::keys(self.0.dyn_ref::<js_sys::Object>()?);
        if keys.length() != 1 {
            return None;
        }
        let name = keys.get(0);
        let data = js_sys::Reflect::get(&self.0, &name).ok()?;
        Some((name.as_string()?, Some(Js(data))))
    }
}

/// The build of the entry page the app started on (`<meta name="blog-build">`).
pub fn page_build() -> Option<String> {
    thread_local!(static BUILD: Option<String> = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=blog-build]").ok().flatten())
        .and_then(|m| m.get_attribute("content")));
    BUILD.with(Clone::clone)
}

/// How long the reader waits before asking again for a manifest the host
/// did not give.
const MANIFEST_RETRY_MS: i32 = 1_000;

async fn fetch_manifest(fresh: Freshness) -> Result<Manifest, LoadError> {
    let mut result = get_json(bundle::MANIFEST_PATH, fresh).await;
    // Hosts that take a deployment file by file may answer 404 (or a 5xx)
    // for a moment: once more, from the host, before the reader is told.
    if matches!(result, Err(LoadError::NotFound | LoadError::Http(500..))) {
        pause(MANIFEST_RETRY_MS).await;
        result = get_json(bundle::MANIFEST_PATH, Freshness::Network).await;
    }
    match result {
        // A missing manifest is a broken deployment, not a missing page.
        Err(LoadError::NotFound) => Err(LoadError::Http(404)),
        other => other,
    }
}

/// Resolves after `ms` milliseconds (in a task of its own, also for 0).
pub async fn pause(ms: i32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(wait).await;
}

/// The manifest of the deployed build; fetched once, or again with `refresh`
/// (then from the host itself, past the offline worker's release).
pub async fn manifest(refresh: bool) -> Result<Rc<Manifest>, LoadError> {
    if !refresh && let Some(m) = MANIFEST.with_borrow(Clone::clone) {
        return Ok(m);
    }
    let fresh = if refresh {
        Freshness::Network
    } else {
        Freshness::Revalidated
    };
    let mut manifest = fetch_manifest(fresh).await?;
    // The entry page is of another build than the manifest the offline
    // worker's release keeps (a page fetched from the host after a redeploy):
    // the host's manifest, so the page never runs on another build's data.
    if !refresh
        && page_build().is_some_and(|b| b != manifest.build_id)
        && let Ok(newer) = fetch_manifest(Freshness::Network).await
    {
        manifest = newer;
    }
    if manifest.schema_version != SCHEMA_VERSION {
        return Err(LoadError::Corrupt);
    }
    let manifest = Rc::new(manifest);
    MANIFEST.set(Some(manifest.clone()));
    Ok(manifest)
}

/// A shard that knows which build it belongs to.
trait Shard {
    fn build_id(&self) -> &str;
}
macro_rules! shards {
    ($($t:ty),*) => {$(
        impl Shard for $t {
            fn build_id(&self) -> &str {
                &self.build_id
            }
        }
    )*};
}
shards!(Post, ListPage, TagIndex, TagPage, Archive);

/// A shard of build `build` (checked by [`fetch_value`]), read as it is: for
/// search, where a missing shard is an ordinary answer ("no word starts like
/// that"), not a sign of a new build.
pub async fn fetch_shard<T: Decode>(path: String, build: &str) -> Result<T, LoadError> {
    decode(fetch_value(path, build).await?)
}

/// [`fetch_shard`] as the browser's `JSON.parse` read it, not decoded: for
/// files of which a reader uses a small part (search's term shards).
pub async fn fetch_value(path: String, build: &str) -> Result<JsValue, LoadError> {
    let value = get_value(&path, Freshness::Cached).await?;
    match js_sys::Reflect::get(&value, &"build_id".into())
        .ok()
        .and_then(|b| b.as_string())
    {
        Some(b) if b == build => Ok(value),
        Some(_) => Err(LoadError::OtherBuild),
        None => Err(LoadError::Corrupt),
    }
}

// The last routes' data read, by build and route, so that going back to a
// page just seen neither waits for the cache nor parses its JSON again.
thread_local!(static RECENT: RefCell<VecDeque<(String, Rc<dyn Any>)>> = const { RefCell::new(VecDeque::new()) });
const RECENT_MAX: usize = 16;

fn recent(key: &str) -> Option<Rc<dyn Any>> {
    RECENT.with_borrow(|r| r.iter().find(|(k, _)| k == key).map(|(_, s)| s.clone()))
}

fn remember(key: String, shard: Rc<dyn Any>) {
    RECENT.with_borrow_mut(|r| {
        r.retain(|(k, _)| *k != key);
        r.push_front((key, shard));
        r.truncate(RECENT_MAX);
    });
}

/// A decoded shard, type-erased, with its build.
type AnyShard = (Rc<dyn Any>, String);

fn decode_shard<T: Shard + Decode + 'static>(value: JsValue) -> Result<AnyShard, LoadError> {
    let shard: T = decode(value)?;
    let build = shard.build_id().to_owned();
    Ok((Rc::new(shard), build))
}

/// The data of `route` together with its manifest. When it is missing or
/// from another build, the manifest is fetched afresh once, and the page
/// again from the host: a new deployment replaces every page, and the reader
/// follows it instead of mixing two builds.
async fn shard<T: Shard + Decode + 'static>(
    route: &str,
) -> Result<(Rc<Manifest>, Rc<T>), LoadError> {
    let (manifest, shard) = any_shard(route, decode_shard::<T>).await?;
    let shard = shard.downcast::<T>().map_err(|_| LoadError::Corrupt)?;
    Ok((manifest, shard))
}

/// [`shard`] for every type at once: its future exists once in the WebAssembly.
async fn any_shard(
    route: &str,
    decode: fn(JsValue) -> Result<AnyShard, LoadError>,
) -> Result<(Rc<Manifest>, Rc<dyn Any>), LoadError> {
    let mut manifest = manifest(false).await?;
    // On a cold load, the manifest was decoded in this task: the route's
    // data is decoded in the next (see app::next_stage).
    if crate::page::first_view() {
        pause(0).await;
    }
    let key = |m: &Manifest| format!("{}{route}", m.build_id);
    if let Some(shard) = recent(&key(&manifest)) {
        return Ok((manifest, shard));
    }
    let mut fresh = Freshness::Cached;
    for attempt in 0..2 {
        let started = if attempt == 0 {
            started_with(route)
        } else {
            None
        };
        let value = match started {
            Some(value) => Ok(value),
            None => get_route(route, fresh).await,
        };
        let result = value.and_then(decode);
        let stale = match &result {
            Ok((_, build)) => *build != manifest.build_id,
            Err(LoadError::NotFound) => true,
            Err(_) => false,
        };
        if !stale {
            let (shard, _) = result?;
            remember(key(&manifest), shard.clone());
            return Ok((manifest, shard));
        }
        if attempt == 0 {
            let newer = self::manifest(true).await?;
            if let Err(e) = result
                && newer.build_id == manifest.build_id
            {
                // Same build: a missing page really is missing.
                return Err(e);
            }
            // The page again, from the host: a cached copy may be older.
            manifest = newer;
            fresh = Freshness::Network;
        }
    }
    Err(LoadError::OtherBuild)
}

/// One article and the manifest it was read with.
/// `path` is the post's path ([`bundle::PostSummary::path`]).
pub async fn post(path: &str) -> Result<(Rc<Manifest>, Rc<Post>), LoadError> {
    if !bundle::is_valid_post_path(path) {
        return Err(LoadError::NotFound);
    }
    shard(&bundle::post_route(path)).await
}

/// Once the browser is idle after an article is shown, its older and newer
/// neighbours are read into the recent shards, so that "older/newer post" shows
/// text without waiting on the network or the service worker. Not when the
/// browser asks to save data or is on a 2G connection.
pub fn prefetch_neighbours(article: &Post) {
    let paths: Vec<String> = [&article.prev, &article.next]
        .into_iter()
        .flatten()
        .map(|link| link.path.clone())
        .collect();
    if paths.is_empty() || saving_data() {
        return;
    }
    when_idle(move || {
        for path in paths {
            leptos::task::spawn_local(async move {
                // A neighbour that fails now is fetched (and reported) when opened.
                let _ = post(&path).await;
            });
        }
    });
}

/// `navigator.connection.saveData`, or a 2G connection (where supported).
fn saving_data() -> bool {
    let get =
        |target: &wasm_bindgen::JsValue, key: &str| js_sys::Reflect::get(target, &key.into()).ok();
    let Some(connection) = web_sys::window()
        .and_then(|w| get(&w.navigator(), "connection"))
        .filter(wasm_bindgen::JsValue::is_object)
    else {
        return false;
    };
    let save_data = get(&connection, "saveData").and_then(|v| v.as_bool());
    let kind = get(&connection, "effectiveType").and_then(|v| v.as_string());
    save_data == Some(true) || matches!(kind.as_deref(), Some("slow-2g" | "2g"))
}

/// Runs `task` when the browser is idle (`requestIdleCallback`), or shortly
/// where there is no such call.
fn when_idle(task: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let task = Closure::once_into_js(task);
    if window.request_idle_callback(task.unchecked_ref()).is_err() {
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 200);
    }
}

/// Page `page` (1-based) of the home list and the manifest it was read with.
pub async fn list_page(page: usize) -> Result<(Rc<Manifest>, Rc<ListPage>), LoadError> {
    if page == 0 {
        return Err(LoadError::NotFound);
    }
    shard(&bundle::list_route(page)).await
}

/// Every tag with its post count.
pub async fn tag_index() -> Result<(Rc<Manifest>, Rc<TagIndex>), LoadError> {
    shard(bundle::TAGS_ROUTE).await
}

/// Page `page` (1-based) of the posts tagged `tag`.
pub async fn tag_page(tag: &str, page: usize) -> Result<(Rc<Manifest>, Rc<TagPage>), LoadError> {
    if page == 0 || !bundle::is_valid_slug(tag) {
        return Err(LoadError::NotFound);
    }
    shard(&bundle::tag_route(tag, page)).await
}

/// Every post by year and month.
pub async fn archive() -> Result<(Rc<Manifest>, Rc<Archive>), LoadError> {
    shard(bundle::ARCHIVE_ROUTE).await
}
