//! The app: router, frame and the table of routes.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use blog_views::frame::main_region;

use crate::api::base_path;
use crate::components::layout::{SearchQuery, SiteFooter, SiteHeader, SiteTitle};
use crate::components::offline::OfflineNotices;
use crate::offline::Offline;
use crate::page::{drop_static_head_tags, has_prerender};
use crate::routes::{
    archive::ArchivePage,
    home::HomePage,
    post::PostPage,
    search::SearchPage,
    tags::{TagPage, TagsPage},
};

#[component]
pub fn App() -> impl IntoView {
    drop_static_head_tags();
    provide_context(SiteTitle(RwSignal::new(String::new())));
    provide_context(SearchQuery(RwSignal::new(String::new())));
    Offline::start();
    // The routes render one task after the frame, and the date formatter is
    // made in a third while the route's data is on its way. The first render
    // is the longest work the app does on a cold load (much of it the browser
    // compiling WebAssembly that runs for the first time); in pieces, the
    // reader can scroll or follow a link of the pre-rendered page in between.
    let routes_shown = RwSignal::new(false);
    set_timeout(
        move || {
            routes_shown.set(true);
            set_timeout(
                || crate::i18n::prepare_dates(&crate::page::ui()),
                Duration::ZERO,
            );
        },
        Duration::ZERO,
    );
    // While an entry page's pre-rendered copy is on screen, the app renders
    // hidden and takes over once its first route has data (see page::mark_ready).
    let pending = has_prerender().then_some("");
    view! {
        <div id="app" data-pending=pending>
            <Router base=base_path()>
                <SiteHeader/>
                <OfflineNotices/>
                {main_region(view! {
                    <Show when=move || routes_shown.get()>
                        // Posts live at the paths of the author's previous site
                        // (`/blog/x/`, `/2025/06/26/x/`…): any path that is not one of
                        // these routes is looked up as a post, else it is not found.
                        <Routes fallback=PostPage>
                            <Route path=path!("/") view=HomePage/>
                            <Route path=path!("/page/:page") view=HomePage/>
                            <Route path=path!("/tags") view=TagsPage/>
                            <Route path=path!("/tags/:tag") view=TagPage/>
                            <Route path=path!("/tags/:tag/page/:page") view=TagPage/>
                            <Route path=path!("/archive") view=ArchivePage/>
                            <Route path=path!("/search") view=SearchPage/>
                        </Routes>
                    </Show>
                })}
                <SiteFooter/>
            </Router>
        </div>
    }
}
