//! `/search/?q=…`: the page around the results. The query is in the URL and
//! the index is searched in the browser, so only the app shows results; the
//! entry page shows the hint on what to type.

use leptos::prelude::*;

use crate::{PageHead, href, ui};

/// `query` as typed (may be empty).
pub fn head(site_title: &str, query: &str) -> PageHead {
    let t = ui();
    PageHead {
        title: if query.trim().is_empty() {
            format!("{} — {site_title}", t.search)
        } else {
            format!("{query} — {} — {site_title}", t.search)
        },
        description: t.search_description.to_owned(),
    }
}

/// What to type, shown while there is no query.
pub fn hint() -> AnyView {
    view! { <p class="search-hint">{ui().search_hint}</p> }.into_any()
}

/// The page with `results` in it; `None` shows the [`hint`]. A reader
/// without JavaScript is told where else to look.
pub fn view(results: Option<AnyView>, busy: impl Fn() -> bool + Send + Sync + 'static) -> AnyView {
    let t = ui();
    let results = results.unwrap_or_else(hint);
    view! {
        <section class="search-page" aria-busy=move || busy().to_string()>
            <h1 class="page-title">{t.search}</h1>
            <noscript>
                <p>{t.search_needs_js}" "<a href=href(blog_bundle::ARCHIVE_ROUTE)>{t.archive}</a></p>
            </noscript>
            {results}
        </section>
    }
    .into_any()
}
