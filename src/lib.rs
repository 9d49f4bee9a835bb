//! The blog reader: a Leptos single-page app that renders the builder's
//! content bundle. `main.rs` only mounts [`app::App`].

pub mod api;
pub mod app;
pub mod components;
pub mod offline;
pub mod page;
pub mod router;
pub mod routes;
pub mod search;
