//! Derive: what follows from all the posts together, each computed once and
//! handed to the emitters: order, previous/next and related posts (in
//! [`crate::compile`], on the posts themselves), the tag index and tag pages,
//! the archive, and, apart, the search index.

pub mod archive;
pub mod related;
pub mod search;
pub mod tags;

use std::time::Instant;

use blog_bundle::{Archive, TagIndex};

use crate::Site;

/// The site's listings.
pub struct Derived {
    /// `tags.json`: every tag, most used first.
    pub tag_index: TagIndex,
    /// Every page of every tag, in the order of the index.
    pub tag_pages: tags::TagPages,
    pub archive: Archive,
}

pub fn derive(site: &Site) -> Derived {
    let (tag_index, tag_pages) = tags::index_and_pages(site);
    Derived {
        tag_index,
        tag_pages,
        archive: archive::archive(site),
    }
}

/// The search index (apart from the listings: `blog-builder serve` builds it
/// only when a search is made).
pub fn search_index(site: &Site) -> search::SearchIndex {
    let started = Instant::now();
    let search = search::build_index(site);
    crate::report_timing("search index", started);
    search
}
