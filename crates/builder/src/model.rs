//! The data that flows from stage to stage: a built post and the site.

use std::path::PathBuf;

use blog_bundle::{Post, SiteConfig};

use crate::load;

/// Length limit of generated excerpts, in characters.
pub const EXCERPT_CHARS: usize = 200;

/// One post, ready to be written.
#[derive(Clone, Debug, PartialEq)]
pub struct BuiltPost {
    /// The shard, with `build_id`, `prev` and `next` filled in by [`compile`].
    pub post: Post,
    pub timestamp: i64,
    /// Front-matter JSON-LD, for the entry page.
    pub schema: Option<serde_json::Value>,
    /// The source file, relative to the posts folder.
    pub source: PathBuf,
    /// Old URLs that redirect to the post, as written without the leading
    /// slash (`2014/10/30/Stability.html`, `news/x/`).
    pub aliases: Vec<String>,
    /// The content's own images it shows, copied into `media/`.
    pub media: Vec<crate::load::media::MediaFile>,
}

/// Everything a build writes.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    pub config: SiteConfig,
    pub build_id: String,
    /// Newest first.
    pub posts: Vec<BuiltPost>,
    pub drafts: usize,
    /// Files that are not published posts, by kind.
    pub counts: load::Counts,
}

impl Site {
    pub fn page_count(&self) -> usize {
        self.posts.len().div_ceil(self.config.posts_per_page).max(1)
    }

    pub fn manifest(&self) -> blog_bundle::Manifest {
        blog_bundle::Manifest {
            schema_version: blog_bundle::SCHEMA_VERSION,
            build_id: self.build_id.clone(),
            site: self.config.clone(),
            post_count: self.posts.len(),
            page_count: self.page_count(),
        }
    }

    /// List page `page` (1-based).
    pub fn list_page(&self, page: usize) -> blog_bundle::ListPage {
        let per = self.config.posts_per_page;
        blog_bundle::ListPage {
            build_id: self.build_id.clone(),
            page,
            page_count: self.page_count(),
            total: self.posts.len(),
            posts: self
                .posts
                .iter()
                .skip((page - 1) * per)
                .take(per)
                .map(|p| p.post.summary.clone())
                .collect(),
        }
    }
}
