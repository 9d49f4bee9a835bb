//! `/archive/`: every post, by year and month (the view: `blog_views::archive`).

use leptos::prelude::*;

use crate::api;
use crate::components::head::Head;
use crate::components::layout::SiteTitle;
use crate::components::status::loaded;

#[component]
pub fn ArchivePage() -> impl IntoView {
    let site = expect_context::<SiteTitle>();
    loaded(api::archive, move |(manifest, archive)| {
        site.set(&manifest.site.title);
        view! {
            <Head head=blog_views::archive::head(&manifest.site)/>
            {blog_views::archive::view(&archive)}
        }
        .into_any()
    })
}
