//! Derive: what follows from all the posts together, each computed once and
//! handed to the emitters: order, previous/next and related posts (in
//! [`crate::compile`], on the posts themselves), the tag index and tag pages,
//! the archive, and the search index.

pub mod archive;
pub mod related;
pub mod search;
pub mod tags;

use std::time::Instant;

use blog_bundle::{Archive, TagIndex, TagPage};

use crate::Site;

/// The site's listings and search index.
pub struct Derived {
    /// `tags.json`: every tag, most used first.
    pub tag_index: TagIndex,
    /// Every page of every tag, in the order of the index.
    pub tag_pages: Vec<TagPage>,
    pub archive: Archive,
    pub search: search::SearchIndex,
}

pub fn derive(site: &Site) -> Derived {
    let (tag_index, tag_pages) = tags::index_and_pages(site);
    let started = Instant::now();
    let search = search::build_index(site);
    crate::report_timing("search index", started);
    Derived {
        tag_index,
        tag_pages,
        archive: archive::archive(site),
        search,
    }
}
