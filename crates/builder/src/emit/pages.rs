//! What an entry page shows: the app's own views (`blog_views`) in the app's
//! frame, rendered to HTML with Leptos's server renderer. A reader without
//! JavaScript, a crawler, and every reader before the app takes over see the
//! page the app would show; the app then replaces it with the same markup.
//!
//! Views render with the environment of their thread ([`blog_views::set_env`]):
//! [`Pages::render`] sets it, so it works from any of rayon's threads.

use blog_bundle::SiteConfig;
use blog_bundle::ui::strings;
use blog_views::frame::{main_region, site_footer, site_header};
use blog_views::{Env, href};
use leptos::prelude::*;

/// Renders the pages of one site.
pub struct Pages {
    env: Env,
    title: String,
}

impl Pages {
    /// `base`: the site's path on its host (the shell's `<base href>`).
    pub fn new(cfg: &SiteConfig, base: &str) -> Self {
        Self {
            env: Env {
                ui: strings(&cfg.language),
                base: blog_views::normalise_base(base),
            },
            title: cfg.title.clone(),
        }
    }

    /// `f` run in this site's view environment (its UI language and base
    /// path), set on the thread that runs it.
    pub fn with_env<T>(&self, f: impl FnOnce() -> T) -> T {
        blog_views::set_env(self.env.clone());
        f()
    }

    /// The frame of the page at `route` (`/tags/`) with `content` as its main region.
    pub fn render<V: IntoView + 'static>(
        &self,
        route: &str,
        content: impl FnOnce() -> V,
    ) -> String {
        blog_views::set_env(self.env.clone());
        let owner = Owner::new();
        owner.with(|| {
            let title = self.title.clone();
            let here = href(route);
            let name = title.clone();
            view! {
                {site_header(move || name.clone(), move || here.clone(), None, None)}
                {main_region(content())}
                {site_footer(move || title.clone(), None)}
            }
            .to_html()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(language: &str) -> SiteConfig {
        SiteConfig {
            title: "Блог <&>".into(),
            description: "D".into(),
            language: language.into(),
            base_url: "https://example.org/sub/".into(),
            author: String::new(),
            posts_per_page: 10,
        }
    }

    #[test]
    fn pages_have_the_apps_frame_under_the_base_path_in_the_sites_language() {
        let html = Pages::new(&cfg("ru"), "/sub/").render("/tags/", blog_views::not_found::view);
        assert!(
            html.contains(r#"<a href="/sub/tags/#main" class="skip-link">"#),
            "{html}"
        );
        assert!(html.contains(r#"<header class="site-header">"#));
        assert!(html.contains(r#"<form role="search" action="/sub/search/" method="get""#));
        assert!(
            html.contains(r#"<a href="/sub/archive/">Архив</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"<main id="main" tabindex="-1"><section class="not-found">"#));
        assert!(html.contains("Блог &lt;&amp;&gt;"), "{html}");
        let en = Pages::new(&cfg("en"), "/").render("/", blog_views::not_found::view);
        assert!(en.contains(r#"<a href="/archive/">Archive</a>"#), "{en}");
    }
}
