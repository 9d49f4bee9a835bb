//! The app's side of offline reading: registers the service worker the
//! builder writes (`sw.js`), follows its messages, and offers new builds.
//!
//! State lives in [`Offline`], a set of signals provided as context.

use js_sys::{Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

use crate::api::base_path;

/// What the reader sees of offline reading.
#[derive(Clone, Copy)]
pub struct Offline {
    /// `navigator.onLine`, kept current.
    pub online: RwSignal<bool>,
    /// A new build is installed and waiting for the reader's go-ahead.
    pub update_ready: RwSignal<bool>,
    /// The reader dismissed the update prompt for this page view.
    pub update_dismissed: RwSignal<bool>,
    /// Posts of this build, and how many of them are cached.
    pub saved: RwSignal<Option<(u32, u32)>>,
    /// While "save all" runs: files done, files in all.
    pub progress: RwSignal<Option<(u32, u32)>>,
}

fn sw_container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent on insecure origins and in some private modes, and present but
    // `undefined` in others: only an object is a container.
    Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()
        .filter(JsValue::is_object)
        .and_then(|c| c.dyn_into().ok())
}

fn message(kind: &str) -> JsValue {
    let m = Object::new();
    let _ = Reflect::set(&m, &"type".into(), &kind.into());
    m.into()
}

fn number(value: &JsValue, key: &str) -> u32 {
    Reflect::get(value, &key.into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0) as u32
}

/// Names the web app manifest in the page, which makes the blog installable.
/// The app adds it, not the pages' HTML: installing is for readers whose
/// browser runs the offline worker, and on a cold load the manifest and the
/// icons it names would be fetched ahead of the text.
fn link_manifest(base: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document
        .query_selector("link[rel=manifest]")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    let (Some(head), Ok(link)) = (document.head(), document.create_element("link")) else {
        return;
    };
    let _ = link.set_attribute("rel", "manifest");
    let _ = link.set_attribute("href", &format!("{base}/manifest.webmanifest"));
    let _ = head.append_child(&link);
}

thread_local! {
    static REGISTRATION: std::cell::RefCell<Option<ServiceWorkerRegistration>> = const { std::cell::RefCell::new(None) };
    static RELOAD_ON_CHANGE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl Offline {
    /// Creates the signals, provides them and starts the service worker.
    pub fn start() -> Self {
        let online = web_sys::window()
            .map(|w| w.navigator().on_line())
            .unwrap_or(true);
        let state = Offline {
            online: RwSignal::new(online),
            update_ready: RwSignal::new(false),
            update_dismissed: RwSignal::new(false),
            saved: RwSignal::new(None),
            progress: RwSignal::new(None),
        };
        provide_context(state);
        state.watch_connection();
        state.register();
        state
    }

    fn watch_connection(self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        for (event, value) in [("online", true), ("offline", false)] {
            let on_change = Closure::<dyn Fn()>::new(move || self.online.set(value));
            let _ =
                window.add_event_listener_with_callback(event, on_change.as_ref().unchecked_ref());
            on_change.forget();
        }
    }

    fn register(self) {
        let Some(container) = sw_container() else {
            return;
        };
        // Messages from the worker: background caching and "save all" progress.
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            match Reflect::get(&data, &"type".into())
                .ok()
                .and_then(|t| t.as_string())
                .as_deref()
            {
                Some("progress") => self
                    .progress
                    .set(Some((number(&data, "done"), number(&data, "total")))),
                Some("status") => {
                    self.progress.set(None);
                    self.saved
                        .set(Some((number(&data, "posts"), number(&data, "cachedPosts"))));
                }
                _ => {}
            }
        });
        container.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        // After the reader accepts an update, the new worker takes over: reload
        // so the page is the new build's, not a mix.
        let on_controller = Closure::<dyn Fn()>::new(move || {
            if RELOAD_ON_CHANGE.get()
                && let Some(w) = web_sys::window()
            {
                let _ = w.location().reload();
            } else {
                ask_status();
            }
        });
        let _ = container.add_event_listener_with_callback(
            "controllerchange",
            on_controller.as_ref().unchecked_ref(),
        );
        on_controller.forget();

        let base = base_path();
        link_manifest(&base);
        let options = web_sys::RegistrationOptions::new();
        options.set_scope(&format!("{base}/"));
        let promise = container.register_with_options(&format!("{base}/sw.js"), &options);
        leptos::task::spawn_local(async move {
            let Ok(registration) = JsFuture::from(promise).await else {
                return;
            };
            // Some environments (automation, privacy modes) resolve without one.
            let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
                return;
            };
            self.watch_updates(&registration);
            REGISTRATION.set(Some(registration));
            ask_status();
        });
    }

    fn watch_updates(self, registration: &ServiceWorkerRegistration) {
        let has_controller = || sw_container().and_then(|c| c.controller()).is_some();
        if registration.waiting().is_some() && has_controller() {
            self.update_ready.set(true);
        }
        let reg = registration.clone();
        let on_found = Closure::<dyn Fn()>::new(move || {
            let Some(worker) = reg.installing() else {
                return;
            };
            let w = worker.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                // "installed" with a controller present: a new build waits.
                if w.state() == ServiceWorkerState::Installed && has_controller() {
                    self.update_ready.set(true);
                }
            });
            worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
    }

    /// Switches to the waiting build; the page reloads when it has taken over.
    pub fn accept_update(self) {
        let waiting: Option<ServiceWorker> =
            REGISTRATION.with_borrow(|r| r.as_ref().and_then(|r| r.waiting()));
        match waiting {
            Some(worker) => {
                RELOAD_ON_CHANGE.set(true);
                let _ = worker.post_message(&message("skip-waiting"));
                // The reader asked for the new build: should the takeover's
                // `controllerchange` not come (the e2e suite under a sub-path
                // saw it not come, right after an in-app navigation had asked
                // for an update check), reload anyway once the new worker has
                // had time to activate.
                if let Some(w) = web_sys::window() {
                    let reload = Closure::once_into_js(move || {
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().reload();
                        }
                    });
                    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                        reload.unchecked_ref(),
                        3_000,
                    );
                }
            }
            None => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
        }
    }

    /// Downloads every post for offline reading, beyond the background cap.
    pub fn save_all(self) {
        if let Some(worker) = sw_container().and_then(|c| c.controller()) {
            self.progress.set(Some((0, 0)));
            let _ = worker.post_message(&message("cache-all"));
        }
    }
}

fn ask_status() {
    if let Some(worker) = sw_container().and_then(|c| c.controller()) {
        let _ = worker.post_message(&message("status"));
    }
}

/// Asks the server whether a new build was deployed (the browser only checks
/// on full page loads; a reader may stay in the app for a long time).
pub fn check_for_update() {
    REGISTRATION.with_borrow(|r| {
        if let Some(Ok(promise)) = r.as_ref().map(|r| r.update()) {
            // Awaited so that a failure (the worker was removed, as the
            // development server's removes itself) is not an unhandled rejection.
            leptos::task::spawn_local(async move {
                let _ = JsFuture::from(promise).await;
            });
        }
    });
}

/// Whether `path` (site-relative, e.g. a post's page) is in the offline cache.
pub async fn is_cached(path: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(caches) = window.caches() else {
        return false;
    };
    let url = format!(
        "{}{}/{path}",
        window.location().origin().unwrap_or_default(),
        base_path()
    );
    match JsFuture::from(caches.match_with_str(&url)).await {
        Ok(found) => !found.is_undefined() && !found.is_null(),
        Err(_) => false,
    }
}
