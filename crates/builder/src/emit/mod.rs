//! Emit: the files of a built site, written into a (staging) folder by
//! [`emit`]: the search index (then dropped, and only then the listings
//! derived: the two are never held together), the manifest, and with an app shell the
//! entry pages ([`entry`], each with its route's data), feeds ([`feeds`]),
//! host headers ([`headers`]) and, last, the offline worker ([`offline`]),
//! which lists every other file.
//! [`guard`] claims `--out`, and swaps the finished folder in.

pub mod app;
pub mod entry;
pub mod feeds;
pub mod guard;
pub mod headers;
pub mod media;
pub mod offline;
pub mod on_demand;
pub mod pages;
pub mod shell;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::Site;
use crate::derive::{Derived, search};

/// The staging directory being written, and the directories made in it so far:
/// `create_dir_all` costs a `mkdir` call even when the directory exists, and
/// with 10,000 posts (one directory of shards, one of pages) those calls took
/// seconds of kernel time on a VM's disk.
struct SiteDir<'a> {
    root: &'a Path,
    made: Mutex<HashSet<PathBuf>>,
    /// Every file written, with its hash, for the offline worker's lists
    /// (hashed from the bytes at hand, not read back from the disk).
    written: Mutex<Vec<offline::Entry>>,
}

impl SiteDir<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        let path = self.root.join(rel);
        if let Some(dir) = path.parent()
            && !self.made.lock().expect("not poisoned").contains(dir)
        {
            fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            self.made
                .lock()
                .expect("not poisoned")
                .insert(dir.to_path_buf());
        }
        fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        let entry = offline::Entry::of(rel, bytes);
        self.written.lock().expect("not poisoned").push(entry);
        Ok(())
    }
}

/// The site with `base_url` moved to where the app says it is deployed, put
/// back when dropped: the site (every post's tree) is not copied for one setting.
struct Deployed<'a> {
    site: &'a mut Site,
    base_url: Option<String>,
}

impl<'a> Deployed<'a> {
    fn new(site: &'a mut Site, moved: Option<String>) -> Self {
        let base_url = moved.map(|moved| std::mem::replace(&mut site.config.base_url, moved));
        Deployed { site, base_url }
    }
}

impl std::ops::Deref for Deployed<'_> {
    type Target = Site;
    fn deref(&self) -> &Site {
        self.site
    }
}

impl Drop for Deployed<'_> {
    fn drop(&mut self) {
        if let Some(base_url) = self.base_url.take() {
            self.site.config.base_url = base_url;
        }
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, String> {
    serde_json::to_vec(value).map_err(|e| format!("cannot serialise JSON: {e}"))
}

/// Writes the whole site into `dir` (which must exist and be empty).
pub fn emit(
    site: &mut Site,
    search: search::SearchIndex,
    dir: &Path,
    app: Option<&app::App>,
    offline_cap: u64,
    previous: Option<&Path>,
) -> Result<(), String> {
    let shell = match app {
        Some(app) => Some((shell::entry_shell(app.index()?, app)?, app)),
        None => None,
    };
    let deployment = shell
        .as_ref()
        .map(|(template, _)| Deployment::of(template, site));
    let deployed = Deployed::new(site, deployment.as_ref().and_then(|d| d.base_url.clone()));
    let site: &Site = &deployed;
    let out = SiteDir {
        root: dir,
        made: Mutex::new(HashSet::new()),
        written: Mutex::new(Vec::new()),
    };
    if let Some(app) = app {
        for (rel, bytes) in app.files() {
            out.write(rel, bytes)?;
        }
    }
    // The search index first, and dropped once written: a 10,000-post
    // blog's index and the listings' copies of the posts' summaries (30 MB
    // each) are never held together.
    let phase = std::time::Instant::now();
    search::write_index(&search, site, |path, bytes| out.write(path, bytes))?;
    drop(search);
    crate::report_timing("write: search index", phase);
    let derived = &crate::derive::derive(site);
    let phase = std::time::Instant::now();
    out.write(blog_bundle::MANIFEST_PATH, &json(&site.manifest())?)?;
    if shell.is_none() {
        // No entry pages to carry each route's data: it goes into files.
        data_files(site, derived, &out)?;
    }
    crate::report_timing("write: bundle", phase);
    // The content's own images, once each (their names carry their hash).
    let phase = std::time::Instant::now();
    let mut seen = HashSet::new();
    let pictures: Vec<_> = site
        .posts
        .iter()
        .flat_map(|p| &p.media)
        .filter(|f| seen.insert(f.path.as_str()))
        .collect();
    let copies = media::write_media(&pictures, previous, &|rel, bytes| out.write(rel, bytes))?;
    crate::report_timing(
        &format!(
            "write: {} pictures, {} smaller copies made, {} from the previous build",
            pictures.len(),
            copies.made,
            copies.reused
        ),
        phase,
    );
    if let Some((template, app)) = shell {
        let phase = std::time::Instant::now();
        entry::entry_pages(&template, site, derived, &|path, html| {
            out.write(path, html.as_bytes())
        })?;
        crate::report_timing("write: entry pages", phase);
        let phase = std::time::Instant::now();
        out.write("sitemap.xml", feeds::sitemap(site, derived).as_bytes())?;
        out.write("robots.txt", feeds::robots(site).as_bytes())?;
        out.write("rss.xml", feeds::rss(site).as_bytes())?;
        let public = deployment.map_or_else(|| "/".to_owned(), |d| d.public);
        out.write(
            "_headers",
            headers::headers_file(site, &template, app, &public)?.as_bytes(),
        )?;
        crate::report_timing("write: feeds", phase);
        // Last: the service worker lists every other file of the build.
        let phase = std::time::Instant::now();
        out.write(
            "manifest.webmanifest",
            offline::web_manifest(site).as_bytes(),
        )?;
        let written = std::mem::take(&mut *out.written.lock().expect("not poisoned"));
        offline::write_offline(
            site,
            written,
            |path, bytes| out.write(path, bytes),
            offline_cap,
        )?;
        crate::report_timing("write: service worker", phase);
    }
    Ok(())
}

/// Each route's data as a file of its own, for a build without the app
/// (`--data-only`): what the entry pages of a full build carry.
fn data_files(site: &Site, derived: &Derived, out: &SiteDir) -> Result<(), String> {
    for n in 1..=site.page_count() {
        out.write(
            &blog_bundle::page_path(&site.build_id, n),
            &json(&site.list_page(n))?,
        )?;
    }
    site.posts
        .par_iter()
        .map(|p| {
            let path = blog_bundle::post_path(&site.build_id, &p.post.summary.path);
            out.write(&path, &json(&p.post)?)
        })
        .collect::<Result<(), String>>()?;
    out.write(
        &blog_bundle::tag_index_path(&site.build_id),
        &json(&derived.tag_index)?,
    )?;
    for page in derived.tag_pages.iter(site) {
        out.write(
            &blog_bundle::tag_page_path(&site.build_id, &page.tag.slug, page.page),
            &json(&page)?,
        )?;
    }
    out.write(
        &blog_bundle::archive_path(&site.build_id),
        &json(&derived.archive)?,
    )
}

/// Where a site whose entry pages come from `shell` is deployed: built for a
/// sub-path (Trunk's --public-url, seen as the shell's `<base href>`),
/// canonical URLs, feeds, the sitemap and the host headers point there too.
pub struct Deployment {
    /// `/` or `/sub/`.
    pub public: String,
    /// `base_url` moved to that path, when that changes it.
    pub base_url: Option<String>,
}

impl Deployment {
    pub fn of(shell: &str, site: &Site) -> Self {
        let href = shell::base_href(shell);
        let base_url = href
            .as_deref()
            .and_then(|path| with_public_path(&site.config.base_url, path))
            .filter(|moved| *moved != site.config.base_url);
        let public = href.map_or_else(|| "/".to_owned(), |h| app::normalise_path(&h));
        Deployment { public, base_url }
    }
}

/// `base_url` moved to the path the site is deployed under: the origin of
/// `base_url` plus `public_path` (an absolute path like `/sub/`).
pub fn with_public_path(base_url: &str, public_path: &str) -> Option<String> {
    if !public_path.starts_with('/') || public_path.starts_with("//") {
        return None;
    }
    let after_scheme = base_url.find("://")? + 3;
    let origin_end = base_url[after_scheme..]
        .find('/')
        .map_or(base_url.len(), |i| after_scheme + i);
    let path = public_path.trim_end_matches('/');
    Some(format!("{}{path}/", &base_url[..origin_end]))
}

#[cfg(test)]
mod public_path_tests {
    use super::with_public_path;

    #[test]
    fn base_url_follows_the_deployed_path() {
        let cases = [
            ("https://x.org/", "/", Some("https://x.org/")),
            ("https://x.org/", "/sub/", Some("https://x.org/sub/")),
            ("https://x.org/old/", "/sub", Some("https://x.org/sub/")),
            ("https://x.org", "/a/b/", Some("https://x.org/a/b/")),
            ("https://x.org/", "sub/", None),
            ("https://x.org/", "//evil/", None),
        ];
        for (base, public, want) in cases {
            assert_eq!(
                with_public_path(base, public).as_deref(),
                want,
                "{base} {public}"
            );
        }
    }
}
