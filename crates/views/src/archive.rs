//! `/archive/`: every post, by year and month.

use blog_bundle::{Archive, SiteConfig};
use leptos::prelude::*;

use crate::{PageHead, href, ui};

pub fn head(site: &SiteConfig) -> PageHead {
    let t = ui();
    PageHead {
        title: format!("{} — {}", t.archive, site.title),
        description: t.archive_description.to_owned(),
    }
}

pub fn view(archive: &Archive) -> AnyView {
    let t = ui();
    let years = archive
        .years
        .iter()
        .map(|year| {
            let months = year
                .months
                .iter()
                .map(|month| {
                    let posts = month
                        .posts
                        .iter()
                        .map(|post| {
                            view! {
                                <li>
                                    <time datetime=post.date.clone()>{t.date(&post.date)}</time>
                                    " "
                                    <a href=href(&blog_bundle::post_route(&post.path))>{post.title.clone()}</a>
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <h3>{t.month_year(month.month, year.year)}</h3>
                        <ul class="archive-posts">{posts}</ul>
                    }
                })
                .collect_view();
            view! { <section class="archive-year"><h2>{year.year}</h2>{months}</section> }
        })
        .collect_view();
    let empty = archive
        .years
        .is_empty()
        .then(|| view! { <p class="empty">{t.no_posts}</p> });
    view! {
        <section class="archive">
            <h1 class="page-title">{t.archive}</h1>
            {years}
            {empty}
        </section>
    }
    .into_any()
}
