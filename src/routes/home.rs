//! `/` and `/page/<n>/`: the list of posts, newest first, paginated.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::{self, LoadError, href};
use crate::components::layout::SiteTitle;
use crate::components::post_card::PostCard;
use crate::components::status::{LoadFailed, Loading};
use crate::page::{mark_ready, ui};
use crate::routes::not_found::NotFound;

#[component]
pub fn HomePage() -> impl IntoView {
    let params = use_params_map();
    // `/page/1/` is the home page under another name; anything unparsable is not found.
    let page = move || match params.read().get("page") {
        None => Some(1),
        Some(n) => n.parse::<usize>().ok().filter(|n| *n >= 1),
    };
    let data = LocalResource::new(move || {
        let page = page();
        async move {
            match page {
                Some(page) => api::list_page(page).await,
                None => Err(LoadError::NotFound),
            }
        }
    });
    let site = expect_context::<SiteTitle>();
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((manifest, list)) => {
                        site.set(&manifest.site.title);
                        Effect::new(move |_| mark_ready());
                        let t = ui();
                        let title = if list.page == 1 {
                            manifest.site.title.clone()
                        } else {
                            format!("{} — {}", manifest.site.title, t.page_of(list.page, list.page_count))
                        };
                        let posts = list.posts.iter().cloned()
                            .map(|post| view! { <li><PostCard post build_id=list.build_id.clone()/></li> })
                            .collect_view();
                        let empty = list.posts.is_empty().then(|| view! { <p class="empty">{t.no_posts}</p> });
                        let newer = (list.page > 1).then(|| view! {
                            <a rel="prev" href=href(&blog_bundle::list_route(list.page - 1))>"← "{t.newer_posts}</a>
                        });
                        let older = (list.page < list.page_count).then(|| view! {
                            <a rel="next" href=href(&blog_bundle::list_route(list.page + 1))>{t.older_posts}" →"</a>
                        });
                        let pagination = (list.page_count > 1).then(|| view! {
                            <nav class="pagination" aria-label=t.pagination>
                                {newer}
                                <span class="page-of">{t.page_of(list.page, list.page_count)}</span>
                                {older}
                            </nav>
                        });
                        view! {
                            <Title text=title.clone()/>
                            <Meta name="description" content=manifest.site.description.clone()/>
                            <section class="home">
                                <h1 class="page-title">{title}</h1>
                                <p class="site-description">{manifest.site.description.clone()}</p>
                                <ol class="post-list">{posts}</ol>
                                {empty}
                                {pagination}
                            </section>
                        }
                        .into_any()
                    }
                    Err(LoadError::NotFound) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <LoadFailed error on_retry=move || data.refetch()/> }.into_any(),
                }
            })}
        </Transition>
    }
}
