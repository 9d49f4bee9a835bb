//! The blog builder: a content folder (or a Hugo, Zola, Jekyll, Eleventy or
//! Astro site) → the JSON bundle, and with an app shell, static entry pages,
//! feeds and a sitemap. The build is three stages, data flowing one way:
//!
//! 1. [`load`]: settings, every file accounted for, front matter, dates,
//!    paths, and the Markdown as a document tree;
//! 2. [`derive`]: what follows from all posts together, each computed once:
//!    order, previous/next, related posts, tags, the archive, the search index;
//! 3. [`emit`]: the files (shards, entry pages, feeds, the offline worker)
//!    into a staging folder, then the one-step swap into `--out`.
//!
//! This file only runs them ([`compile`] = load + derive, [`run`] = all three);
//! every problem is a [`Diagnostic`].

pub mod dates;
pub mod derive;
pub mod diagnostics;
pub mod emit;
pub mod html;
pub mod load;
pub mod model;
pub mod serve;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use blog_bundle::{Post, PostSummary, SiteConfig, blocks_text};

pub use derive::tags::transliterate_slug;
pub use diagnostics::{Diagnostic, Severity};
pub use emit::app::AppSource;

pub use load::MAX_FILE_BYTES;
pub use model::{BuiltPost, EXCERPT_CHARS, Site};

/// True when `BLOG_BUILDER_TIMINGS` is set (to anything but `0` or nothing):
/// the phases of a build print their times to stderr.
pub fn timings_enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| {
        std::env::var_os("BLOG_BUILDER_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0")
    })
}

/// Prints `timing: <phase> <ms> ms` to stderr when [`timings_enabled`], with
/// the process's peak resident memory so far where the OS tells it (Linux).
pub fn report_timing(phase: &str, since: Instant) {
    if timings_enabled() {
        let peak = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
                let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
                Some(format!(" (peak {} MB)", kb / 1024))
            })
            .unwrap_or_default();
        eprintln!(
            "timing: {phase} {:.1} ms{peak}",
            since.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// The build id: a hash of the schema version, the builder version, site.toml
/// and every post file (relative path and the digest of its bytes, sorted by path).
pub fn build_id(config_bytes: &[u8], files: &[(String, load::Digest)]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    // Length-prefixed fields, so that field boundaries count.
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(&blog_bundle::SCHEMA_VERSION.to_le_bytes());
    field(env!("CARGO_PKG_VERSION").as_bytes());
    field(config_bytes);
    let mut sorted: Vec<_> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, digest) in sorted {
        field(path.as_bytes());
        field(digest);
    }
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Posts converted by earlier builds of this process (`blog-builder serve`),
/// by a hash of everything their conversion reads: the file, its place, the
/// settings, the other posts' addresses (links between posts) and the static
/// folders. Files outside the posts (pictures) are not part of it: whoever
/// sees one change calls [`Cache::clear`].
#[derive(Default)]
pub struct Cache {
    posts: HashMap<[u8; 32], (BuiltPost, Vec<Diagnostic>)>,
    reads: load::Reads,
    converted: usize,
    /// Whether builds keep what they convert ([`Cache::kept`]); a one-off
    /// build ([`compile`]) does not, so it holds each post once.
    keep: bool,
}

impl Cache {
    /// A cache that keeps each build's posts and reads for the next build.
    pub fn kept() -> Self {
        Cache {
            keep: true,
            reads: load::Reads::kept(),
            ..Cache::default()
        }
    }

    pub fn clear(&mut self) {
        self.posts.clear();
        self.reads.clear();
    }

    /// How many posts the last compile converted (the others came from here).
    pub fn converted(&self) -> usize {
        self.converted
    }
}

/// A compiled site and the settings its related posts are scored with.
pub struct Compiled {
    pub site: Site,
    pub related: derive::related::Settings,
}

/// Reads, checks and converts the content folder. Every problem is pushed
/// to `diags`; `None` when any of them is an error. `skip` are folders never
/// read as content (the output).
pub fn compile(content_dir: &Path, skip: &[PathBuf], diags: &mut Vec<Diagnostic>) -> Option<Site> {
    compile_with(content_dir, skip, diags, &mut Cache::default(), true).map(|c| c.site)
}

/// [`compile`], converting only the posts `cache` does not have; with
/// `relate` false the posts' related lists are left empty, for
/// [`derive::related::Related`] to fill when they are asked for.
pub fn compile_with(
    content_dir: &Path,
    skip: &[PathBuf],
    diags: &mut Vec<Diagnostic>,
    cache: &mut Cache,
    relate: bool,
) -> Option<Compiled> {
    use rayon::prelude::*;
    use sha2::{Digest, Sha256};
    let started = Instant::now();
    let errors_at_start = diags.iter().filter(|d| d.is_error()).count();
    let loaded = load::load_with(content_dir, skip, diags, &mut cache.reads)?;
    report_timing("read + parse", started);
    let related_settings = derive::related::parse_settings(
        loaded.settings.site_toml.as_deref().unwrap_or(""),
        &content_dir.join("site.toml"),
        diags,
    );
    let entries = || {
        loaded.posts.iter().map(|p| load::links::Entry {
            path: &p.path,
            source: &p.source,
            slug: &p.slug,
            date: &p.date.date,
            urls: p
                .aliases
                .iter()
                .map(String::as_str)
                .chain(p.meta.url.as_ref().map(|u| u.0.as_str()))
                .collect(),
        })
    };
    let links = load::links::Links::new(entries());
    let config = &loaded.settings.site;
    let content_name = content_dir.display().to_string();
    // What every post's conversion reads besides its own file.
    let mut context = Sha256::new();
    context.update(format!(
        "{config:?}{content_name:?}{:?}",
        loaded.static_dirs
    ));
    context.update(&loaded.settings.bytes);
    for e in entries() {
        context.update(format!("{e:?}"));
    }
    let context = context.finalize();
    let digests: HashMap<&str, &[u8]> = loaded
        .files
        .iter()
        .map(|(rel, d)| (rel.as_str(), d.as_slice()))
        .collect();
    let keys: Vec<[u8; 32]> = loaded
        .posts
        .par_iter()
        .map(|p| {
            let mut h = Sha256::new();
            h.update(context);
            h.update(format!(
                "{:?}{:?}{:?}{:?}{:?}{}",
                p.source, p.path, p.title, p.date, p.updated, p.body_line
            ));
            h.update(
                digests
                    .get(p.source.as_str())
                    .copied()
                    .unwrap_or(p.body.as_bytes()),
            );
            h.finalize().into()
        })
        .collect();
    // Posts the cache does not have are converted in parallel (Markdown,
    // highlighting, pictures); notes are reported in the posts' order.
    let mut earlier = std::mem::take(&mut cache.posts);
    let found: Vec<Option<(BuiltPost, Vec<Diagnostic>)>> =
        keys.iter().map(|key| earlier.remove(key)).collect();
    drop(earlier);
    cache.converted = found.iter().filter(|hit| hit.is_none()).count();
    let converted: Vec<(BuiltPost, Vec<Diagnostic>)> = loaded
        .posts
        .par_iter()
        .zip(found)
        .map(|(p, hit)| {
            hit.unwrap_or_else(|| {
                let mut notes = Vec::new();
                let post = build_post(
                    p,
                    config,
                    &content_name,
                    &links,
                    &loaded.static_dirs,
                    &mut notes,
                );
                (post, notes)
            })
        })
        .collect();
    let mut posts: Vec<BuiltPost> = Vec::with_capacity(keys.len());
    for ((post, notes), key) in converted.into_iter().zip(keys) {
        diags.extend(notes.iter().cloned());
        // Kept for the next build only by `serve` (a copy of every post).
        if cache.keep {
            cache.posts.insert(key, (post.clone(), notes));
        }
        posts.push(post);
    }
    // The posts' text is converted: what follows needs only their trees
    // (a 10,000-post blog's text is 90 MB). Dropped here, not at the end of
    // the function as the rest of a destructured value would be.
    let load::Loaded {
        settings,
        counts,
        files,
        posts: parsed,
        ..
    } = loaded;
    drop(parsed);
    let config = &settings.site;
    if diags.iter().filter(|d| d.is_error()).count() > errors_at_start {
        return None;
    }
    let related_settings = related_settings?;
    report_timing("read + parse + markdown", started);
    posts.sort_by(|a, b| {
        b.timestamp
            .cmp(&a.timestamp)
            .then_with(|| a.post.summary.path.cmp(&b.post.summary.path))
    });
    // One spelling per tag across the site: the one of the newest post.
    let mut names: HashMap<String, String> = HashMap::new();
    for p in &mut posts {
        for t in &mut p.post.summary.tags {
            t.name = names
                .entry(t.slug.clone())
                .or_insert_with(|| t.name.clone())
                .clone();
        }
    }
    let build_id = build_id(&settings.bytes, &files);
    let links: Vec<blog_bundle::PostLink> = posts
        .iter()
        .map(|p| blog_bundle::PostLink {
            path: p.post.summary.path.clone(),
            title: p.post.summary.title.clone(),
            date: p.post.summary.date.clone(),
        })
        .collect();
    for (i, p) in posts.iter_mut().enumerate() {
        p.post.build_id = build_id.clone();
        p.post.prev = links.get(i + 1).cloned();
        p.post.next = i.checked_sub(1).map(|j| links[j].clone());
    }
    if relate {
        let related_started = Instant::now();
        derive::related::relate_posts(&mut posts, &related_settings);
        report_timing("related posts", related_started);
    }
    Some(Compiled {
        site: Site {
            config: config.clone(),
            build_id,
            posts,
            drafts: counts.drafts,
            counts,
        },
        related: related_settings,
    })
}

fn build_post(
    p: &load::Parsed,
    config: &SiteConfig,
    content_dir: &str,
    links: &load::links::Links,
    static_dirs: &[std::path::PathBuf],
    diags: &mut Vec<Diagnostic>,
) -> BuiltPost {
    let source_dir = p.source.rsplit_once('/').map_or("", |(d, _)| d);
    let ctx = load::markdown::Context {
        file: &p.file,
        body_line: p.body_line,
        content_dir,
        base_url: &config.base_url,
        links,
        path: &p.path,
        source_dir,
        static_dirs,
    };
    let mut doc = load::markdown::convert(&p.body, &ctx, diags);
    let mut text = String::new();
    blocks_text(&doc.body, &mut text);
    let words = load::markdown::word_count(&text);
    let merged = derive::tags::merge_tags(p.meta.tags.iter().map(String::as_str));
    for note in merged.notes {
        diags.push(Diagnostic::warning(&p.file, note).line(p.body_line.saturating_sub(2).max(1)));
    }
    let post_dir = p.file.parent().unwrap_or(std::path::Path::new(""));
    let (mut hero_width, mut hero_variants) = (None, Vec::new());
    let hero_image = match &p.meta.image {
        Some((src, line)) => match load::markdown::image_src(src) {
            Some(s) => match load::media::locate(post_dir, static_dirs, &s) {
                load::media::Local::NotLocal => Some(s),
                load::media::Local::Found(file) => {
                    let published = format!("/{}", file.path);
                    hero_width = file.size.map(|[w, _]| w);
                    hero_variants.clone_from(&file.variants);
                    doc.media.push(file);
                    Some(published)
                }
                load::media::Local::Missing(path) => {
                    diags.push(
                        Diagnostic::warning(
                            &p.file,
                            format!(
                                "cover image \"{src}\" is not there ({}): it is left out",
                                path.display()
                            ),
                        )
                        .line(*line)
                        .help(load::media::MISSING_HELP),
                    );
                    None
                }
            },
            None => {
                diags.push(
                    Diagnostic::warning(
                        &p.file,
                        format!("cover image \"{src}\" is not an http(s) URL or site path: it is ignored"),
                    )
                    .line(*line),
                );
                None
            }
        },
        None => None,
    };
    let description = p
        .meta
        .description
        .clone()
        .unwrap_or_else(|| load::markdown::excerpt(&doc.body, EXCERPT_CHARS));
    let author = if p.meta.authors.is_empty() {
        config.author.clone()
    } else {
        p.meta.authors.join(", ")
    };
    let summary = PostSummary {
        path: p.path.clone(),
        title: p.title.clone(),
        description,
        date: p.date.date.clone(),
        updated: p.updated.clone(),
        author,
        hero_image,
        hero_width,
        hero_variants,
        word_count: words as u32,
        reading_minutes: load::markdown::reading_minutes(words) as u32,
        tags: merged.tags,
    };
    BuiltPost {
        post: Post {
            build_id: String::new(),
            summary,
            headline: doc.headline,
            toc: doc.toc,
            body: doc.body,
            prev: None,
            related: Vec::new(),
            next: None,
        },
        timestamp: p.date.timestamp,
        schema: p.meta.schema.clone(),
        source: PathBuf::from(&p.source),
        aliases: p.aliases.clone(),
        media: doc.media,
    }
}

/// What the command line asked for.
#[derive(Clone, Debug)]
pub struct Options {
    pub content: PathBuf,
    pub out: PathBuf,
    pub app: emit::app::AppSource,
    pub strict: bool,
}

/// The outcome of [`run`].
#[derive(Debug)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub site: Option<Site>,
    /// True when the output directory was replaced.
    pub written: bool,
    pub elapsed: Duration,
}

/// `n` and the noun for it: `1 warning`, `2 warnings`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// The last line printed: what was built, or why nothing was.
    pub fn summary(&self, out: &Path) -> String {
        let (e, w) = (self.errors(), self.warnings());
        match (&self.site, self.written) {
            (Some(site), true) => {
                let c = &site.counts;
                let ignored: usize = c.ignored.values().map(Vec::len).sum();
                let others: Vec<String> = [
                    (c.drafts, "draft skipped", "drafts skipped"),
                    (c.sections, "section page", "section pages"),
                    (c.translations, "translation", "translations"),
                    (c.assets, "asset", "assets"),
                    (ignored, "file ignored", "files ignored"),
                ]
                .into_iter()
                .filter(|(n, _, _)| *n > 0)
                .map(|(n, one, many)| plural(n, one, many))
                .collect();
                let others = if others.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", others.join(", "))
                };
                format!(
                    "built {}{others} into {} in {} ms; {}",
                    plural(site.posts.len(), "post", "posts"),
                    out.display(),
                    self.elapsed.as_millis(),
                    plural(w, "warning", "warnings"),
                )
            }
            _ => format!(
                "build failed: {}, {}; {} left unchanged",
                plural(e, "error", "errors"),
                plural(w, "warning", "warnings"),
                out.display()
            ),
        }
    }
}

impl Report {
    /// Lines that account for what was not published as a post: the files
    /// ignored (with the reason) and the front-matter fields only other
    /// generators read.
    pub fn notes(&self) -> Vec<String> {
        let Some(site) = &self.site else {
            return Vec::new();
        };
        let mut notes = Vec::new();
        for (reason, files) in &site.counts.ignored {
            let shown: Vec<&str> = files.iter().take(3).map(String::as_str).collect();
            let more = if files.len() > 3 {
                format!(" and {} more", files.len() - 3)
            } else {
                String::new()
            };
            notes.push(format!(
                "note: ignored, {reason}: {}{more}",
                shown.join(", ")
            ));
        }
        if !site.counts.unknown_fields.is_empty() {
            let fields: Vec<String> = site
                .counts
                .unknown_fields
                .iter()
                .map(|(k, n)| format!("{k} ({n})"))
                .collect();
            notes.push(format!(
                "note: front-matter fields that only other generators' templates read, not used here: {}",
                fields.join(", ")
            ));
        }
        notes
    }
}

/// Emits the site into the staging folder of the claimed `--out`, then, as
/// the last step, swaps it in (see [`emit::guard`]). On failure `--out` is
/// left untouched and the staging folder removed.
fn write(
    site: &mut Site,
    search: derive::search::SearchIndex,
    opts: &Options,
    offline_cap: u64,
) -> Result<(), Diagnostic> {
    let app = opts
        .app
        .load(&site.config.base_url)
        .map_err(|e| Diagnostic::error(opts.app.dir().unwrap_or(&opts.out), e))?;
    let target = emit::guard::Target::claim(&opts.out, &opts.content, opts.app.dir())?;
    let staging = target.staging();
    std::fs::create_dir(staging)
        .map_err(|e| Diagnostic::error(staging, format!("cannot create: {e}")))?;
    let result = emit::guard::mark(staging)
        .and_then(|()| {
            // Claimed, `--out` is absent, empty or the previous build.
            let previous = opts.out.is_dir().then_some(opts.out.as_path());
            emit::emit(site, search, staging, app.as_ref(), offline_cap, previous)
                .map_err(|e| Diagnostic::error(&opts.out, e))
        })
        .and_then(|()| target.swap());
    if result.is_err() {
        let _ = emit::guard::remove_build(staging);
    }
    result
}

/// Compiles and, when there is no error, writes the site.
pub fn run(opts: &Options) -> Report {
    let start = Instant::now();
    let mut diags = Vec::new();
    let mut site = compile(&opts.content, std::slice::from_ref(&opts.out), &mut diags);
    let offline_cap = emit::offline::cap_setting(&opts.content.join("site.toml"), &mut diags);
    if offline_cap.is_none() {
        site = None;
    }
    let offline_cap = offline_cap.unwrap_or(emit::offline::DEFAULT_CAP_BYTES);
    if opts.strict {
        for d in &mut diags {
            d.severity = Severity::Error;
        }
        // Nothing may be left out silently either.
        if let Some(s) = &site {
            for (reason, files) in &s.counts.ignored {
                for f in files {
                    diags.push(
                        Diagnostic::error(&opts.content.join(f), format!("ignored: {reason}"))
                            .help("move or delete the file, or build without --strict"),
                    );
                }
            }
        }
        if !diags.is_empty() {
            site = None;
        }
    }
    let mut written = false;
    if let Some(s) = &mut site {
        let search = derive::search_index(s);
        let write_started = Instant::now();
        match write(s, search, opts, offline_cap) {
            Ok(()) => written = true,
            Err(e) => diags.push(e),
        }
        report_timing("write", write_started);
    }
    report_timing("total", start);
    Report {
        diagnostics: diags,
        site,
        written,
        elapsed: start.elapsed(),
    }
}
