//! What every view needs besides its data: the UI text of the page's
//! language, and the site's base path. The app sets it once
//! (from `<html lang>` and `<base href>`); the builder once per thread it
//! renders pages on.

use std::cell::RefCell;

use blog_bundle::ui::Strings;

#[derive(Clone)]
pub struct Env {
    pub ui: &'static Strings,
    /// The site's path on its host without the trailing slash: `""` or `"/sub"`.
    pub base: String,
}

thread_local!(static ENV: RefCell<Option<Env>> = const { RefCell::new(None) });

/// Sets the environment views on this thread render with.
pub fn set_env(env: Env) {
    ENV.with_borrow_mut(|slot| *slot = Some(env));
}

/// The UI text of the environment set by [`set_env`]; English if none was.
pub fn ui() -> &'static Strings {
    ENV.with_borrow(|slot| slot.as_ref().map(|e| e.ui))
        .unwrap_or(&blog_bundle::ui::EN)
}

/// A route's URL on this site: `/tags/` → `/sub/tags/`.
pub fn href(route: &str) -> String {
    ENV.with_borrow(|slot| {
        let base = slot.as_ref().map_or("", |e| e.base.as_str());
        format!("{base}{route}")
    })
}

/// A link to `#id` on the page at `here` (a full path). Written out in full
/// because the page's `<base href>` would resolve a bare `#id` against the site root.
pub fn anchor(here: &str, id: &str) -> String {
    format!("{here}#{id}")
}

/// `"/sub/"` → `"/sub"`, `"/"` → `""`; only the path part of an absolute URL counts.
pub fn normalise_base(href: &str) -> String {
    let path = match href.find("://") {
        Some(i) => href[i + 3..].find('/').map_or("/", |j| &href[i + 3 + j..]),
        None => href,
    };
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() || trimmed == "." {
        String::new()
    } else if trimmed.starts_with('/') {
        trimmed.to_owned()
    } else {
        format!("/{trimmed}")
    }
}

/// A page's `<title>` and description: the app sets them as it navigates,
/// the builder writes them into the entry page's head.
#[derive(Clone, Debug, PartialEq)]
pub struct PageHead {
    pub title: String,
    pub description: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        for (href, base) in [
            ("/", ""),
            ("", ""),
            ("./", ""),
            ("/sub/", "/sub"),
            ("/sub", "/sub"),
            ("/a/b/", "/a/b"),
            ("sub/", "/sub"),
            ("https://example.org/", ""),
            ("https://example.org/blog/", "/blog"),
            ("https://example.org", ""),
        ] {
            assert_eq!(normalise_base(href), base, "{href:?}");
        }
    }
}
