//! The page's title and description, set by each route. These two tags are
//! all the app changes in the head, so they are set directly instead of
//! through a head-management crate (leptos_meta cost about 6 KB of the
//! gzipped WebAssembly).

use blog_views::PageHead;
use leptos::prelude::*;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Sets a view's title and description (`blog_views::*::head`, which the
/// builder writes into the entry pages too).
#[component]
pub fn Head(head: PageHead) -> impl IntoView {
    view! {
        <Title text=head.title/>
        <Meta name="description" content=head.description/>
    }
}

/// Sets `document.title` while the route shows, following `text`.
#[component]
pub fn Title(#[prop(into)] text: TextProp) -> impl IntoView {
    Effect::new(move |_| {
        if let Some(doc) = document() {
            doc.set_title(&text.get());
        }
    });
}

/// Sets the content of `<meta name=…>` (creating it when the page has none).
#[component]
pub fn Meta(name: &'static str, #[prop(into)] content: TextProp) -> impl IntoView {
    Effect::new(move |_| {
        let Some(doc) = document() else { return };
        let selector = format!("meta[name=\"{name}\"]");
        let meta = match doc.query_selector(&selector).ok().flatten() {
            Some(meta) => meta,
            None => {
                let (Some(head), Ok(meta)) = (doc.head(), doc.create_element("meta")) else {
                    return;
                };
                let _ = meta.set_attribute("name", name);
                let _ = head.append_child(&meta);
                meta
            }
        };
        let _ = meta.set_attribute("content", &content.get());
    });
}
