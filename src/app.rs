//! The app: router, frame and the table of routes.

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
    // The routes render one task after the frame. The first render is the
    // longest work the app does on a cold load (much of it the browser
    // compiling WebAssembly that runs for the first time); in pieces, the
    // reader can scroll or follow a link of the pre-rendered page in between.
    let routes_shown = RwSignal::new(false);
    set_timeout(move || routes_shown.set(true), Duration::ZERO);
    // While an entry page's pre-rendered copy is on screen, the app renders
    // hidden and takes over once its first route has data (see page::mark_ready).
    let pending = has_prerender().then_some("");
    view! {
        <div id="app" data-pending=pending>
            <SiteHeader/>
            <OfflineNotices/>
            {main_region(view! {
                <Show when=move || routes_shown.get()>{route_view}</Show>
            })}
            <SiteFooter/>
        </div>
    }
}
