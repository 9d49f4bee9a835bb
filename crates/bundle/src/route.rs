//! The app's routes as a type: what an address inside the site names.
//!
//! The builder writes a route's entry page at the path [`crate::route_file`]
//! gives it, and the reader reads an address back with [`Route::parse`]; the
//! route builders ([`crate::list_route`], [`crate::tag_route`]…) and this
//! parser are the two directions of one contract, and the tests below hold
//! them to each other.

use crate::{ARCHIVE_ROUTE, SEARCH_ROUTE, TAGS_ROUTE};

/// The view an address inside the site names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// Page `n` (1-based) of the posts, newest first: `/`, `/page/<n>/`.
    List(usize),
    /// Every tag: `/tags/`.
    Tags,
    /// Page `n` of the posts tagged with a slug: `/tags/<tag>/`, `/tags/<tag>/page/<n>/`.
    Tag(String, usize),
    /// Every post by year and month: `/archive/`.
    Archive,
    /// The search page (its query is the address's `?q=`): `/search/`.
    Search,
    /// Any other address is looked up as a post at that path (`blog/x`,
    /// `2025/06/26/x`); the reader decides whether one is there.
    Post(String),
}

impl Route {
    /// The route of an address's path below the site's base (`/tags/rust/`
    /// for `https://host/sub/tags/rust/` under `/sub`). It forgives what
    /// hosts and hands add: a doubled or missing slash, a closing
    /// `index.html`. A page number that is not one (`/page/0/`, `/page/x/`)
    /// names no list page, so it is left to the post lookup, which finds none.
    pub fn parse(path: &str) -> Route {
        let path = path.strip_suffix("index.html").unwrap_or(path);
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let page = |n: &str| n.parse::<usize>().ok().filter(|n| *n >= 1);
        let named = |route: &str| segments == [route.trim_matches('/')];
        match segments[..] {
            [] => return Route::List(1),
            ["page", n] => {
                if let Some(n) = page(n) {
                    return Route::List(n);
                }
            }
            _ if named(TAGS_ROUTE) => return Route::Tags,
            ["tags", tag] => return Route::Tag(tag.to_owned(), 1),
            ["tags", tag, "page", n] => {
                if let Some(n) = page(n) {
                    return Route::Tag(tag.to_owned(), n);
                }
            }
            _ if named(ARCHIVE_ROUTE) => return Route::Archive,
            _ if named(SEARCH_ROUTE) => return Route::Search,
            _ => {}
        }
        Route::Post(segments.join("/"))
    }

    /// Which view shows this route, whatever its parameters: two addresses
    /// of one kind (two posts, two list pages) keep the view and change its data.
    pub fn kind(&self) -> RouteKind {
        match self {
            Route::List(_) => RouteKind::List,
            Route::Tags => RouteKind::Tags,
            Route::Tag(..) => RouteKind::Tag,
            Route::Archive => RouteKind::Archive,
            Route::Search => RouteKind::Search,
            Route::Post(_) => RouteKind::Post,
        }
    }
}

/// [`Route`] without its parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteKind {
    List,
    Tags,
    Tag,
    Archive,
    Search,
    Post,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{list_route, post_route, tag_route};

    #[test]
    fn each_route_builder_parses_back_to_its_route() {
        let routes = [
            (list_route(1), Route::List(1)),
            (list_route(7), Route::List(7)),
            (TAGS_ROUTE.to_owned(), Route::Tags),
            (tag_route("rust", 1), Route::Tag("rust".into(), 1)),
            (tag_route("rust", 3), Route::Tag("rust".into(), 3)),
            (ARCHIVE_ROUTE.to_owned(), Route::Archive),
            (SEARCH_ROUTE.to_owned(), Route::Search),
            (
                post_route("blog/first-post"),
                Route::Post("blog/first-post".into()),
            ),
            (
                post_route("2025/06/26/Rust-1.88.0"),
                Route::Post("2025/06/26/Rust-1.88.0".into()),
            ),
        ];
        for (path, route) in routes {
            assert_eq!(Route::parse(&path), route, "{path}");
        }
    }

    #[test]
    fn addresses_as_hosts_and_hands_write_them() {
        let cases = [
            ("", Route::List(1)),
            ("/index.html", Route::List(1)),
            ("/page/1/", Route::List(1)),
            ("/page/2", Route::List(2)),
            ("//tags", Route::Tags),
            ("/tags/index.html", Route::Tags),
            ("/tags/rust/page/2/index.html", Route::Tag("rust".into(), 2)),
            ("/search", Route::Search),
            ("/archive//", Route::Archive),
            ("/blog//x/index.html", Route::Post("blog/x".into())),
        ];
        for (path, route) in cases {
            assert_eq!(Route::parse(path), route, "{path}");
        }
    }

    #[test]
    fn a_page_number_that_is_not_one_names_no_list_page() {
        // Left to the post lookup, which refuses paths under the app's own
        // segments: the reader shows "not found".
        for path in [
            "/page/0/",
            "/page/x/",
            "/page/2/extra/",
            "/tags/rust/page/0/",
            "/tags/a/b/",
        ] {
            let Route::Post(post) = Route::parse(path) else {
                panic!("{path} parsed as a route of the app");
            };
            assert!(!crate::is_valid_post_path(&post), "{path}");
        }
    }

    #[test]
    fn routes_of_one_kind_share_their_view() {
        assert_eq!(Route::List(1).kind(), Route::List(2).kind());
        assert_eq!(
            Route::Post("a".into()).kind(),
            Route::Post("b".into()).kind()
        );
        assert_ne!(Route::Tags.kind(), Route::Tag("a".into(), 1).kind());
    }
}
