//! Offline reading in the UI: the update prompt, the offline notice, the
//! "save everything" control and the per-post "available offline" mark.

use leptos::prelude::*;

use crate::offline::{Offline, check_for_update, is_cached};
use crate::page::ui;
use crate::router::use_location;

/// Prompt and notice at the top of every view; also asks for a new build
/// whenever the reader moves to another route.
#[component]
pub fn OfflineNotices() -> impl IntoView {
    let state = expect_context::<Offline>();
    let t = ui();
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.path.get();
        if previous.is_some_and(|p| p != path) {
            check_for_update();
        }
        path
    });
    let show_prompt = move || state.update_ready.get() && !state.update_dismissed.get();
    view! {
        <Show when=show_prompt>
            <div class="notice update-prompt" role="status">
                <span>{t.update_available}</span>
                <button type="button" class="notice-action" on:click=move |_| state.accept_update()>
                    {t.update_action}
                </button>
                <button type="button" class="notice-dismiss" aria-label=t.dismiss
                    on:click=move |_| state.update_dismissed.set(true)>"×"</button>
            </div>
        </Show>
        <Show when=move || !state.online.get()>
            <div class="notice offline-notice" role="status">{t.offline_notice}</div>
        </Show>
    }
}

/// In the footer: how much is saved for offline reading, and a button to save the rest.
#[component]
pub fn SaveOffline() -> impl IntoView {
    let state = expect_context::<Offline>();
    let t = ui();
    move || {
        if let Some((done, total)) = state.progress.get() {
            let text = if total == 0 {
                t.loading.to_owned()
            } else {
                t.saving(done, total)
            };
            return view! {
                <p class="save-offline" aria-live="polite">
                    <progress max=total.max(1) value=done></progress>" "{text}
                </p>
            }
            .into_any();
        }
        match state.saved.get() {
            Some((posts, cached)) if cached >= posts => {
                view! { <p class="save-offline" aria-live="polite">{t.all_saved}</p> }.into_any()
            }
            Some((posts, cached)) => view! {
                <p class="save-offline" aria-live="polite">
                    {t.saved_of(cached, posts)}" "
                    <button type="button" class="save-all" on:click=move |_| state.save_all()
                        disabled=move || !state.online.get()>
                        {t.save_all}
                    </button>
                </p>
            }
            .into_any(),
            None => ().into_any(),
        }
    }
}

/// While offline, says whether the post at `shard` can be opened.
#[component]
pub fn OfflineMark(page: String) -> impl IntoView {
    let state = expect_context::<Offline>();
    let t = ui();
    // Asked once, the first time the reader is offline with the mark on
    // screen. (A signal, not a resource: each type a resource is made for
    // compiles its machinery into the WebAssembly once more.)
    let cached = RwSignal::new(None);
    let asked = RwSignal::new(false);
    move || {
        if state.online.get() {
            return None;
        }
        if !asked.get_untracked() {
            asked.set(true);
            let page = page.clone();
            leptos::task::spawn_local(async move {
                cached.try_set(Some(is_cached(&page).await));
            });
        }
        cached.get().map(|saved| {
            if saved {
                view! { <span class="offline-mark saved">{t.available_offline}</span> }.into_any()
            } else {
                view! { <span class="offline-mark missing">{t.not_available_offline}</span> }
                    .into_any()
            }
        })
    }
}
