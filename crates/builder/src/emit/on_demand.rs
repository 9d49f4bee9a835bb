//! The files of one build made one at a time, when they are asked for: how
//! `blog-builder serve` answers, as `hugo server` renders only what is
//! visited. After an edit the server compiles again (only the changed posts
//! are converted, [`crate::Cache`]) and renders nothing until a page asks;
//! a post's page then costs one post's related list and one render.
//!
//! Every file is the bytes [`super::emit`] writes for it, from the same
//! functions; `tests/serve.rs` compares each file of full builds with these.
//! What a whole build computes for all files (the search index, the
//! listings) is computed once per build, the first time one of its files is
//! asked for. The offline worker's lists are not made: the server answers
//! `sw.js` with a worker that removes itself.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::Site;
use crate::derive::related::{Related, Settings};
use crate::derive::{self, Derived, search};
use crate::load::media::MediaFile;

use super::app::App;
use super::entry::EntryPages;
use super::{feeds, headers, json, media, offline, shell};

/// Pictures and their copies by path: their folder is named by their hash,
/// so what one build made serves every later build too.
pub type MediaCache = Arc<Mutex<HashMap<String, Arc<Vec<u8>>>>>;

/// One build, ready to answer for any of its files.
pub struct OnDemand {
    site: Site,
    settings: Settings,
    app: App,
    /// The entry pages' template (the shell with its scripts inlined).
    shell: String,
    /// Where the site is deployed: `/` or `/sub/`.
    public: String,
    /// Post path → index in `site.posts`.
    posts: HashMap<String, usize>,
    related: OnceLock<Related>,
    derived: OnceLock<Derived>,
    /// The search index's files and the entry pages other than lists and posts.
    search: OnceLock<Result<HashMap<String, Vec<u8>>, String>>,
    others: OnceLock<Result<HashMap<String, Vec<u8>>, String>>,
    media: MediaCache,
}

impl OnDemand {
    /// `site` as compiled without related lists ([`crate::compile_with`]).
    pub fn new(
        mut site: Site,
        settings: Settings,
        app: App,
        media: MediaCache,
    ) -> Result<Self, String> {
        let shell = shell::entry_shell(app.index()?, &app)?;
        let super::Deployment { public, base_url } = super::Deployment::of(&shell, &site);
        if let Some(base_url) = base_url {
            site.config.base_url = base_url;
        }
        let posts = site
            .posts
            .iter()
            .enumerate()
            .map(|(i, p)| (p.post.summary.path.clone(), i))
            .collect();
        Ok(OnDemand {
            site,
            settings,
            app,
            shell,
            public,
            posts,
            related: OnceLock::new(),
            derived: OnceLock::new(),
            search: OnceLock::new(),
            others: OnceLock::new(),
            media,
        })
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// The path the site is served under, `/` or `/sub/`.
    pub fn public_path(&self) -> &str {
        &self.public
    }

    fn derived(&self) -> &Derived {
        self.derived.get_or_init(|| derive::derive(&self.site))
    }

    /// Prepares what every post's page needs (the related posts' index), as
    /// the server does right after a build, before the reloading page asks.
    pub fn warm(&self) {
        self.related();
    }

    fn related(&self) -> &Related {
        self.related.get_or_init(|| {
            let docs: Vec<_> = self
                .site
                .posts
                .iter()
                .map(derive::related::Doc::of)
                .collect();
            Related::prepare(&docs, &self.settings)
        })
    }

    /// Post `i` with its related posts.
    fn post(&self, i: usize) -> crate::BuiltPost {
        let related = self.related();
        let mut p = self.site.posts[i].clone();
        p.post.related = related.of(i);
        p
    }

    fn pages(&self) -> Result<EntryPages<'_>, String> {
        EntryPages::new(&self.shell, &self.site)
    }

    /// The file at `rel` (relative to the site's root), as a full build writes
    /// it; `None` for a file the build does not have.
    pub fn get(&self, rel: &str) -> Result<Option<Vec<u8>>, String> {
        let site = &self.site;
        let page_number = |s: &str| {
            s.parse::<usize>()
                .ok()
                .filter(|n| (1..=site.page_count()).contains(n))
        };
        if rel == blog_bundle::MANIFEST_PATH {
            return json(&site.manifest()).map(Some);
        }
        if let Some(data) = rel.strip_prefix(&format!("data/{}/", site.build_id)) {
            // Routes' data is in their pages: only the search index is here.
            if data.starts_with("search/") {
                return self.search_file(rel);
            }
            return Ok(None);
        }
        if rel.starts_with("media/") {
            return self.media_file(rel);
        }
        // Files that are not pages: the few below, or the app's.
        let fixed = match rel {
            "sitemap.xml" => Some(feeds::sitemap(site, self.derived())),
            "robots.txt" => Some(feeds::robots(site)),
            "rss.xml" => Some(feeds::rss(site)),
            "_headers" => Some(headers::headers_file(
                site,
                &self.shell,
                &self.app,
                &self.public,
            )?),
            "manifest.webmanifest" => Some(offline::web_manifest(site)),
            _ => None,
        };
        if let Some(text) = fixed {
            return Ok(Some(text.into_bytes()));
        }
        if !(rel.ends_with(".html") || rel.ends_with(".htm")) {
            return Ok(self.app.get(rel).map(<[u8]>::to_vec));
        }
        // Entry pages: the post list's, a post's, then all the others.
        if let Some(route) = rel.strip_suffix("index.html") {
            let n = match route {
                "" => Some(1),
                _ => route
                    .strip_prefix("page/")
                    .and_then(|r| r.strip_suffix('/'))
                    .and_then(page_number)
                    .filter(|&n| n > 1),
            };
            if let Some(n) = n {
                return Ok(Some(self.pages()?.list(n).1.into_bytes()));
            }
            if let Some(&i) = route.strip_suffix('/').and_then(|p| self.posts.get(p)) {
                return Ok(Some(self.pages()?.post(&self.post(i)).1.into_bytes()));
            }
        }
        let others = self
            .others
            .get_or_init(|| {
                let pages = self.pages()?;
                let made = Mutex::new(HashMap::new());
                pages.others(self.derived(), &|path, html| {
                    let page = html.as_bytes().to_vec();
                    made.lock()
                        .expect("not poisoned")
                        .insert(path.to_owned(), page);
                    Ok(())
                })?;
                Ok(made.into_inner().expect("not poisoned"))
            })
            .as_ref()
            .map_err(Clone::clone)?;
        Ok(others
            .get(rel)
            .cloned()
            .or_else(|| self.app.get(rel).map(<[u8]>::to_vec)))
    }

    fn search_file(&self, rel: &str) -> Result<Option<Vec<u8>>, String> {
        let files = self
            .search
            .get_or_init(|| {
                let index = derive::search_index(&self.site);
                let mut files = HashMap::new();
                search::write_index(&index, &self.site, |path, bytes| {
                    files.insert(path.to_owned(), bytes.to_vec());
                    Ok(())
                })?;
                Ok(files)
            })
            .as_ref()
            .map_err(Clone::clone)?;
        Ok(files.get(rel).cloned())
    }

    /// A picture or one of its smaller copies, made the first time it is asked for.
    fn media_file(&self, rel: &str) -> Result<Option<Vec<u8>>, String> {
        if let Some(bytes) = self.media.lock().expect("not poisoned").get(rel) {
            return Ok(Some(bytes.to_vec()));
        }
        let is_of = |f: &&MediaFile| {
            f.path == rel
                || f.variants
                    .iter()
                    .any(|&w| blog_bundle::media::variant_path(&f.path, w) == rel)
        };
        let Some(file) = self.site.posts.iter().flat_map(|p| &p.media).find(is_of) else {
            return Ok(None);
        };
        let made = Mutex::new(HashMap::new());
        media::write_media(&[file], None, &|path, bytes| {
            made.lock()
                .expect("not poisoned")
                .insert(path.to_owned(), Arc::new(bytes.to_vec()));
            Ok(())
        })?;
        let made = made.into_inner().expect("not poisoned");
        let found = made.get(rel).map(|b| b.to_vec());
        self.media.lock().expect("not poisoned").extend(made);
        Ok(found)
    }
}
