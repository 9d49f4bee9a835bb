//! The reader's views, defined once. Each is a function of bundle data
//! (`blog_bundle`) and of the page's [`Env`], with no fetching, routing or
//! browser state of its own:
//!
//! - the app (`src/routes/`) fetches a route's data and renders these views
//!   into the DOM (Leptos `csr`), adding what only a browser knows (reading
//!   marks, offline state, the search box's live results) through their slots;
//! - the builder (`crates/builder/src/emit/pages.rs`) renders the very same
//!   views to HTML (`RenderHtml::to_html`) for every entry page, so a reader
//!   without JavaScript, a crawler, and every reader before the app takes over
//!   see the page the app would show.
//!
//! Content reaches the DOM only as elements and text nodes made here
//! ([`doc`]): there is no `inner_html`, so nothing from content runs.

pub mod archive;
pub mod article;
pub mod doc;
mod env;
pub mod frame;
pub mod home;
pub mod list;
pub mod not_found;
pub mod search;
pub mod tags;

pub use env::{Env, PageHead, anchor, href, normalise_base, set_env, ui};
