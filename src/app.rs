//! The app: router, frame and the table of routes.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use blog_bundle::RouteKind;
use blog_views::frame::main_region;

use crate::components::layout::{SearchQuery, SiteFooter, SiteHeader, SiteTitle};
use crate::components::offline::OfflineNotices;
use crate::offline::Offline;
use crate::page::{drop_static_head_tags, has_prerender};
use crate::router;
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
    let location = router::start();
    let kind = Memo::new(move |_| location.route.with(|route| route.kind()));
    // Posts live at the paths of the author's previous site (`/blog/x/`,
    // `/2025/06/26/x/`…): any path that is not one of the app's routes is
    // looked up as a post (blog_bundle::Route). Two addresses of one kind
    // keep the view, which loads the other's data.
    let route_view = move || match kind.get() {
        RouteKind::List => view! { <HomePage/> }.into_any(),
        RouteKind::Tags => view! { <TagsPage/> }.into_any(),
        RouteKind::Tag => view! { <TagPage/> }.into_any(),
        RouteKind::Archive => view! { <ArchivePage/> }.into_any(),
        RouteKind::Search => view! { <SearchPage/> }.into_any(),
        RouteKind::Post => view! { <PostPage/> }.into_any(),
    };
    // The app builds its first view in several tasks, one part each (the
    // header, then the notices and footer, then the route), so that no one of
    // them blocks the page for long: a cold load runs much of the app's code,
    // and the browser compiles that WebAssembly as it first runs. Between
    // them the reader can scroll or follow a link of the pre-rendered page.
    let stage = RwSignal::new(0_u8);
    next_stage(stage);
    let part = |n: u8, view: fn() -> AnyView| staged(stage, n, Arc::new(view));
    // While an entry page's pre-rendered copy is on screen, the app renders
    // hidden and takes over once its first route has data (see page::mark_ready).
    let pending = has_prerender().then_some("");
    view! {
        <div id="app" data-pending=pending>
            {part(1, || view! { <SiteHeader/> }.into_any())}
            {part(2, || view! { <OfflineNotices/> }.into_any())}
            {main_region(staged(stage, 3, Arc::new(route_view)))}
            {part(2, || view! { <SiteFooter/> }.into_any())}
        </div>
    }
}

/// `view` once the start-up has reached `stage` `n` (one function for every
/// part, so the WebAssembly has one copy of it).
fn staged(stage: RwSignal<u8>, n: u8, view: Arc<dyn Fn() -> AnyView + Send + Sync>) -> AnyView {
    // A memo, so the part is built once, when the stage is reached, and not
    // again at the stages after it.
    let reached = Memo::new(move |_| stage.get() >= n);
    (move || reached.get().then(|| view())).into_any()
}

/// Moves the start-up to its next stage in a task of its own, up to the last.
fn next_stage(stage: RwSignal<u8>) {
    set_timeout(
        move || {
            stage.update(|s| *s += 1);
            if stage.get_untracked() < 3 {
                next_stage(stage);
            }
        },
        Duration::ZERO,
    );
}
