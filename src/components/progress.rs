//! Reading progress on an article: a thin bar at the top of the window, the
//! position remembered per post (in this browser only) and offered back.

use leptos::ev;
use leptos::prelude::*;

use crate::components::marks::FINISHED;
use crate::page::{reading_position, save_reading_position, ui};

/// How far `article` has been read: 0.0 at its top, 1.0 when its end is in view.
fn fraction_read() -> Option<f64> {
    let window = web_sys::window()?;
    let article = window.document()?.query_selector("article.post").ok()??;
    let rect = article.get_bounding_client_rect();
    let viewport = window.inner_height().ok()?.as_f64()?;
    let scrolled = -rect.top();
    let span = rect.height() - viewport;
    Some(if span <= 0.0 {
        1.0
    } else {
        (scrolled / span).clamp(0.0, 1.0)
    })
}

fn scroll_to_fraction(fraction: f64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(article) = window
        .document()
        .and_then(|d| d.query_selector("article.post").ok().flatten())
    else {
        return;
    };
    let rect = article.get_bounding_client_rect();
    let viewport = window
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let top = window.scroll_y().unwrap_or(0.0) + rect.top();
    window.scroll_to_with_x_and_y(0.0, top + fraction * (rect.height() - viewport).max(0.0));
}

#[component]
pub fn ReadingProgress(path: String) -> impl IntoView {
    let t = ui();
    let saved = reading_position(&path).filter(|f| *f > 0.05 && *f < FINISHED);
    let progress = RwSignal::new(0.0_f64);
    let offer = RwSignal::new(saved);
    let last_saved = std::cell::Cell::new(saved.unwrap_or(0.0));
    let handle = window_event_listener(ev::scroll, move |_| {
        let Some(f) = fraction_read() else { return };
        progress.set(f);
        if f > 0.05 {
            offer.set(None);
        }
        // Only moving forward counts, and not for every pixel.
        let before = last_saved.get();
        if f > before + 0.02 || (f >= FINISHED && before < FINISHED) {
            last_saved.set(f);
            save_reading_position(&path, f);
        }
    });
    on_cleanup(move || handle.remove());
    view! {
        <div class="reading-progress" aria-hidden="true">
            <div class="reading-progress-bar" style:transform=move || {
                // Through integers: float formatting would cost the WebAssembly kilobytes.
                let n = (progress.get().clamp(0.0, 1.0) * 10_000.0).round() as u32;
                format!("scaleX({}.{:04})", n / 10_000, n % 10_000)
            }></div>
        </div>
        {move || offer.get().map(|f| view! {
            <p class="continue-reading">
                <button type="button" class="continue-button" on:click=move |_| {
                    offer.set(None);
                    scroll_to_fraction(f);
                }>{t.continue_reading(f)}</button>
            </p>
        })}
    }
}
