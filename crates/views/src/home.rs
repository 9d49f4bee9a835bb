//! `/` and `/page/<n>/`: the list of posts, newest first, paginated.

use blog_bundle::{ListPage, SiteConfig};
use leptos::prelude::*;

use crate::list::{Marks, post_list};
use crate::{PageHead, ui};

pub fn head(site: &SiteConfig, list: &ListPage) -> PageHead {
    PageHead {
        title: heading(site, list),
        description: site.description.clone(),
    }
}

fn heading(site: &SiteConfig, list: &ListPage) -> String {
    if list.page == 1 {
        site.title.clone()
    } else {
        format!(
            "{} — {}",
            site.title,
            ui().page_of(list.page, list.page_count)
        )
    }
}

pub fn view(site: &SiteConfig, list: &ListPage, marks: Option<Marks>) -> AnyView {
    view! {
        <section class="home">
            <h1 class="page-title">{heading(site, list)}</h1>
            <p class="site-description">{site.description.clone()}</p>
            {post_list(&list.posts, (list.page, list.page_count),
                |_, n| blog_bundle::list_route(n), "", marks)}
        </section>
    }
    .into_any()
}
