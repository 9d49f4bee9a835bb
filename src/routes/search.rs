//! `/search/?q=…`: results for the query in the URL, updated as the reader
//! types in the header's search box (components::layout::SearchBox); the
//! page around them is `blog_views::search`.

use leptos::prelude::*;

use crate::api::href;
use crate::components::head::{Meta, Title};
use crate::components::layout::{SearchQuery, SiteTitle};
use crate::components::status::{LoadFailed, Loading};
use crate::page::{mark_ready, ui};
use crate::router::use_location;
use crate::search::{self, Found, Piece};
use blog_bundle::search::SearchDoc;

/// One result: its title, date and snippet (or description).
fn result(doc: &SearchDoc, snippet: Option<&Vec<Piece>>) -> impl IntoView + use<> {
    let t = ui();
    let text = match snippet {
        Some(pieces) => pieces
            .iter()
            .map(|p| {
                if p.hit {
                    view! { <mark>{p.text.clone()}</mark> }.into_any()
                } else {
                    p.text.clone().into_any()
                }
            })
            .collect_view()
            .into_any(),
        None => doc.description.clone().into_any(),
    };
    view! {
        <li>
            <a class="search-result-title" href=href(&blog_bundle::post_route(&doc.path))>
                {doc.title.clone()}
            </a>
            " "<time datetime=doc.date.clone()>{t.date(&doc.date)}</time>
            <p class="search-snippet">{text}</p>
        </li>
    }
}

/// Runs `task` after the next frame is painted (in a task queued from the
/// frame's animation callback).
fn after_paint(task: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(task, std::time::Duration::ZERO));
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let t = ui();
    let location = use_location();
    let from_url = Memo::new(move |_| location.query("q"));
    let SearchQuery(searched) = expect_context::<SearchQuery>();
    searched.set(from_url.get_untracked());
    Effect::new(move |_| {
        let q = from_url.get();
        if searched.get_untracked() != q {
            searched.set(q);
        }
    });
    let q = Memo::new(move |_| searched.get());
    let site = expect_context::<SiteTitle>();
    site.load(mark_ready);
    leptos::task::spawn_local(search::prepare());
    // A search runs per query; a newer query simply replaces the older result.
    let results = LocalResource::new(move || {
        let q = q.get();
        async move { search::search(&q).await }
    });
    let head = move || blog_views::search::head(&site.0.get(), &q.get());
    let show = move |found: std::rc::Rc<Found>| {
        let q = found.query.clone();
        if search::parse_query(&q).is_empty() {
            return blog_views::search::hint();
        }
        if found.total == 0 {
            return view! {
                <p class="search-none" role="status" data-query=q.clone()>{t.search_none(q.trim())}</p>
            }
            .into_any();
        }
        // The first results show at once: with their snippets when their
        // posts are already read (typing), else with their descriptions,
        // and the posts are asked for once that is painted (starting
        // requests costs the main thread some milliseconds each). The
        // results after these follow once their chunks are read, asked for
        // when the snippets are painted, so that the two do not compete;
        // until then (or if they cannot be read) the list is shorter. Plain
        // signals, not resources: a newer query drops this view and its
        // signals, and a late answer then sets nothing.
        let at_hand = search::snippets_at_hand(&found);
        let read = at_hand.is_none();
        let snippets = RwSignal::new(at_hand.unwrap_or_default());
        let rest = RwSignal::new(Vec::new());
        {
            let found = found.clone();
            after_paint(move || {
                leptos::task::spawn_local(async move {
                    if read {
                        snippets.try_set(search::snippets(&found).await);
                    }
                    if found.rest.is_empty() {
                        return;
                    }
                    after_paint(move || {
                        leptos::task::spawn_local(async move {
                            if let Ok(docs) = search::more(&found).await {
                                rest.try_set(docs);
                            }
                        });
                    });
                });
            });
        }
        let items = {
            let hits = found.hits.clone();
            move || {
                snippets.with(|snippets: &Vec<Option<Vec<Piece>>>| {
                    let snippet = |i| snippets.get(i).and_then(Option::as_ref);
                    (hits.iter().enumerate())
                        .map(|(i, doc)| result(doc, snippet(i)))
                        .collect_view()
                })
            }
        };
        let rest =
            move || rest.with(|docs| docs.iter().map(|doc| result(doc, None)).collect_view());
        view! {
            <p class="search-summary" role="status">{t.found}" "{t.post_count(found.total)}</p>
            <ol class="search-results" data-query=q>{items}{rest}</ol>
        }
        .into_any()
    };
    // While a newer query runs, the previous results stay, marked as busy.
    let pending = RwSignal::new(false);
    let results = view! {
        <Transition fallback=Loading set_pending=pending.write_only()>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(found) => show(found),
                    Err(error) => view! { <LoadFailed error on_retry=move || results.refetch()/> }.into_any(),
                }
            })}
        </Transition>
    };
    view! {
        <Title text=move || head().title/>
        <Meta name="description" content=move || head().description/>
        {blog_views::search::view(Some(results.into_any()), move || pending.get())}
    }
}
