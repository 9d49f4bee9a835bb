//! What a view shows while its data loads, or when it cannot load.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use crate::api::LoadError;
use crate::page::{first_view, mark_ready, page_shown, ui};
use crate::routes::not_found::NotFound;

/// A route's data and its view: loading, then `render` (which may assume the
/// data is there), the not-found page, or the failure with a retry.
/// `fetch` is tracked: when the signals it reads change, it loads again.
pub fn loaded<T, Fut>(
    fetch: impl Fn() -> Fut + 'static,
    render: impl Fn(T) -> AnyView + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    Fut: Future<Output = Result<T, LoadError>> + 'static,
{
    // Type-erased here, so the loading machinery below (resource,
    // transition, suspense) exists once in the WebAssembly, not once per route.
    let fetch = move || -> AnyFuture {
        let future = fetch();
        Box::pin(async move {
            let value = future.await;
            // On a cold load the data was just read and decoded in this
            // task: its view is built in the next.
            if first_view() {
                crate::api::pause(0).await;
            }
            value.map(|v| Rc::new(v) as Rc<dyn Any>)
        })
    };
    let render = move |value: Rc<dyn Any>| match value.downcast_ref::<T>() {
        Some(value) => render(value.clone()),
        None => view! { <NotFound/> }.into_any(),
    };
    loaded_any(Box::new(fetch), Arc::new(render))
}

type AnyFuture = Pin<Box<dyn Future<Output = Result<Rc<dyn Any>, LoadError>>>>;

fn loaded_any(
    fetch: Box<dyn Fn() -> AnyFuture>,
    render: Arc<dyn Fn(Rc<dyn Any>) -> AnyView + Send + Sync>,
) -> AnyView {
    let data = LocalResource::new(fetch);
    view! {
        <Transition fallback=Loading>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => {
                            Effect::new(move |_| page_shown());
                            render(value)
                        }
                        Err(LoadError::NotFound) => view! { <NotFound/> }.into_any(),
                        Err(error) => {
                            view! { <LoadFailed error on_retry=move || data.refetch()/> }.into_any()
                        }
                    }
                })
            }}
        </Transition>
    }
    .into_any()
}

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <div class="loading" aria-busy="true" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {ui().loading}
        </div>
    }
}

/// A failed load: says what happened and offers a retry (or a reload when
/// the deployment changed under the reader). Never a blank page.
#[component]
pub fn LoadFailed(error: LoadError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let t = ui();
    let message = match error {
        LoadError::Network => t.error_offline.to_owned(),
        LoadError::Timeout => t.error_timeout.to_owned(),
        LoadError::Http(code) => t.http_error(code),
        LoadError::Corrupt => t.error_corrupt.to_owned(),
        LoadError::OtherBuild => t.error_other_build.to_owned(),
        LoadError::NotFound => t.not_found_text.to_owned(),
    };
    let reload = error == LoadError::OtherBuild;
    // The failed view stays on screen while the retry runs (the route keeps
    // its last view during a refetch), so it shows the wait itself.
    let retrying = RwSignal::new(false);
    let retry = move |_| {
        if reload {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        } else {
            retrying.set(true);
            on_retry.run(());
        }
    };
    Effect::new(move |_| mark_ready());
    view! {
        <div class="load-error" role="alert" aria-busy=move || retrying.get().to_string()>
            <h1>{t.error_title}</h1>
            <p>{message}</p>
            <button type="button" class="retry" on:click=retry disabled=move || retrying.get()>
                {move || if retrying.get() { t.loading } else { t.retry }}
            </button>
        </div>
    }
}
