//! One file per route.
pub mod archive;
pub mod home;
pub mod not_found;
pub mod post;
pub mod search;
pub mod tags;
