//! The blog builder: `content/*.md` + `content/site.toml` → the JSON bundle
//! (and, with an app shell, static entry pages, feeds and a sitemap).
//!
//! [`compile`] reads and checks everything and collects every problem as a
//! [`Diagnostic`]; [`output::write_site`] writes the result atomically.

pub mod archive;
pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod entry;
pub mod feeds;
pub mod frontmatter;
pub mod guard;
pub mod html;
pub mod markdown;
pub mod offline;
pub mod output;
pub mod prerender;
pub mod related;
pub mod search;
pub mod tags;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use blog_bundle::{Post, PostSummary, SiteConfig, blocks_text, is_valid_slug};

pub use diagnostics::{Diagnostic, Severity};
pub use tags::transliterate_slug;

/// Posts larger than this are refused.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
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
    /// The `.md` file, relative to the content directory.
    pub source: PathBuf,
}

/// Everything a build writes.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    pub config: SiteConfig,
    pub build_id: String,
    /// Newest first.
    pub posts: Vec<BuiltPost>,
    pub drafts: usize,
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

/// Threads for `n` items of work: one per core, but none for fewer than 64 items.
fn threads_for(n: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.min(n.div_ceil(64)).max(1)
}

/// Runs `f` on consecutive ranges covering `0..n`, each on its own thread
/// (as many as [`threads_for`] says), and concatenates the results in order.
pub fn par_ranges<R: Send>(
    n: usize,
    f: impl Fn(std::ops::Range<usize>) -> Vec<R> + Sync,
) -> Vec<R> {
    let threads = threads_for(n);
    if threads <= 1 {
        return f(0..n);
    }
    let chunk = n.div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| s.spawn(move || f(start..(start + chunk).min(n))))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a builder worker panicked"))
            .collect()
    })
}

/// FNV-1a, 64 bits.
pub struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv64 {
    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// Writes a length-prefixed field, so that field boundaries count.
    pub fn field(&mut self, bytes: &[u8]) {
        self.write(&(bytes.len() as u64).to_le_bytes());
        self.write(bytes);
    }

    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// The build id: a hash of the schema version, the builder version, site.toml
/// and every post file (relative path and bytes, sorted by path).
pub fn build_id(config_bytes: &[u8], files: &[(String, Vec<u8>)]) -> String {
    let mut h = Fnv64::default();
    h.field(&blog_bundle::SCHEMA_VERSION.to_le_bytes());
    h.field(env!("CARGO_PKG_VERSION").as_bytes());
    h.field(config_bytes);
    let mut sorted: Vec<_> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, bytes) in sorted {
        h.field(path.as_bytes());
        h.field(bytes);
    }
    h.hex()
}

struct Parsed {
    file: PathBuf,
    rel: String,
    slug: String,
    fm: frontmatter::FrontMatter,
    date: dates::Date,
    updated: Option<String>,
    body_offset: usize,
    body_line: usize,
    text: String,
}

/// Reads, checks and converts the content directory. Every problem is pushed
/// to `diags`; `None` when any of them is an error.
pub fn compile(content_dir: &Path, diags: &mut Vec<Diagnostic>) -> Option<Site> {
    let started = Instant::now();
    let errors_at_start = diags.iter().filter(|d| d.is_error()).count();
    let entries = match std::fs::read_dir(content_dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    content_dir,
                    format!("cannot read the content directory: {e}"),
                )
                .help("pass --content DIR with the posts (*.md) and site.toml"),
            );
            return None;
        }
    };
    let mut md_files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_type()
                .map(|t| t.is_file() || t.is_symlink())
                .unwrap_or(false)
        })
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md") && p.is_file())
        .collect();
    md_files.sort();

    let config_path = content_dir.join("site.toml");
    let config = config::load_config(&config_path, diags);

    let content_name = content_dir.display().to_string();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut parsed: Vec<Parsed> = Vec::new();
    let mut drafts = 0;
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();

    for path in &md_files {
        let rel = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = content_dir.join(&rel);
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                diags.push(Diagnostic::error(&file, format!("cannot read: {e}")));
                continue;
            }
        };
        files.push((rel.clone(), bytes));
        let bytes = &files.last().expect("pushed").1;
        if bytes.len() > MAX_FILE_BYTES {
            diags.push(Diagnostic::error(
                &file,
                format!(
                    "file is {} MB; the limit is 5 MB: split the post",
                    bytes.len().div_ceil(1024 * 1024)
                ),
            ));
            continue;
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.valid_up_to();
                let line = diagnostics::line_of(&String::from_utf8_lossy(&bytes[..at]), at);
                diags.push(
                    Diagnostic::error(
                        &file,
                        format!(
                            "is not UTF-8 text: invalid byte 0x{:02x} at byte offset {at}",
                            bytes[at]
                        ),
                    )
                    .line(line)
                    .help("save the file as UTF-8"),
                );
                continue;
            }
        };
        if text.trim_start_matches('\u{feff}').trim().is_empty() {
            diags.push(
                Diagnostic::error(&file, "file is empty")
                    .help("write front matter (title, pubDate) and a body, or delete the file"),
            );
            continue;
        }
        let split = match frontmatter::split(text) {
            Ok(s) => s,
            Err(msg) => {
                diags.push(Diagnostic::error(&file, msg).line(1).help(
                    "start the file with:\n    ---\n    title: \"...\"\n    pubDate: 2025-07-25\n    ---",
                ));
                continue;
            }
        };
        let body_offset = text.len() - split.body.len();
        let body_line = split.body_line;
        let Some(fm) = frontmatter::parse(split.yaml, &file, diags) else {
            continue;
        };
        let date = match dates::parse_date(&fm.pub_date) {
            Some(d) => Some(d),
            None => {
                diags.push(bad_date(&file, "pubDate", &fm.pub_date, fm.pub_date_line));
                None
            }
        };
        let updated = match &fm.updated_date {
            None => Some(None),
            Some(u) => match dates::parse_date(u) {
                Some(d) => Some(Some(d.date)),
                None => {
                    diags.push(bad_date(&file, "updatedDate", u, fm.updated_date_line));
                    None
                }
            },
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (slug, slug_line) = match &fm.slug {
            Some(s) => (s.clone(), Some(fm.slug_line)),
            None => (stem.clone(), None),
        };
        let mut slug_ok = true;
        if !is_valid_slug(&slug) {
            slug_ok = false;
            let suggestion = transliterate_slug(&slug);
            let what = if slug_line.is_some() {
                "slug"
            } else {
                "file name"
            };
            let mut d = Diagnostic::error(
                &file,
                format!(
                    "{what} \"{slug}\" is not a valid slug (lowercase latin letters, digits, `-`, `_`)"
                ),
            );
            if let Some(l) = slug_line {
                d = d.line(l);
            }
            let help = match (slug_line.is_some(), suggestion.is_empty()) {
                (_, true) => "use lowercase latin letters, digits and `-`".to_owned(),
                (true, false) => format!("write `slug: {suggestion}`"),
                (false, false) => {
                    format!("rename the file to {suggestion}.md or add `slug: {suggestion}`")
                }
            };
            diags.push(d.help(help));
        }
        if fm.draft {
            drafts += 1;
            continue;
        }
        if slug_ok {
            if let Some(other) = slugs.get(&slug) {
                diags.push(
                    Diagnostic::error(
                        &file,
                        format!("slug \"{slug}\" is also the slug of {}", other.display()),
                    )
                    .help("give one of them another `slug:` or file name"),
                );
                continue;
            }
            slugs.insert(slug.clone(), file.clone());
        }
        let (Some(date), Some(updated), true) = (date, updated, slug_ok) else {
            continue;
        };
        parsed.push(Parsed {
            file,
            rel,
            slug,
            fm,
            date,
            updated,
            body_offset,
            body_line,
            text: text.to_owned(),
        });
    }

    let (config, config_bytes) = config?;
    let related_settings = {
        let text = String::from_utf8_lossy(&config_bytes);
        related::parse_settings(
            text.strip_prefix('\u{feff}').unwrap_or(&text),
            &config_path,
            diags,
        )
    };
    let post_slugs: HashSet<String> = parsed.iter().map(|p| p.slug.clone()).collect();
    let mut posts = Vec::new();
    for p in parsed {
        posts.push(build_post(p, &config, &content_name, &post_slugs, diags));
    }
    if diags.iter().filter(|d| d.is_error()).count() > errors_at_start {
        return None;
    }
    let related_settings = related_settings?;
    report_timing("read + parse + markdown", started);
    posts.sort_by(|a, b| {
        b.timestamp
            .cmp(&a.timestamp)
            .then_with(|| a.post.summary.slug.cmp(&b.post.summary.slug))
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
    let build_id = build_id(&config_bytes, &files);
    let links: Vec<blog_bundle::PostLink> = posts
        .iter()
        .map(|p| blog_bundle::PostLink {
            slug: p.post.summary.slug.clone(),
            title: p.post.summary.title.clone(),
            date: p.post.summary.date.clone(),
        })
        .collect();
    for (i, p) in posts.iter_mut().enumerate() {
        p.post.build_id = build_id.clone();
        p.post.prev = links.get(i + 1).cloned();
        p.post.next = i.checked_sub(1).map(|j| links[j].clone());
    }
    let related_started = Instant::now();
    related::relate_posts(&mut posts, &related_settings);
    report_timing("related posts", related_started);
    Some(Site {
        config,
        build_id,
        posts,
        drafts,
    })
}

fn bad_date(file: &Path, field: &str, value: &str, line: usize) -> Diagnostic {
    Diagnostic::error(
        file,
        format!(
            "{field} \"{value}\" is not a date: write it as 2025-07-25 or 2025-07-25T22:55:40Z"
        ),
    )
    .line(line)
}

fn build_post(
    p: Parsed,
    config: &SiteConfig,
    content_dir: &str,
    slugs: &HashSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> BuiltPost {
    let ctx = markdown::Context {
        file: &p.file,
        body_line: p.body_line,
        content_dir,
        base_url: &config.base_url,
        posts: slugs,
    };
    let doc = markdown::convert(&p.text[p.body_offset..], &ctx, diags);
    let mut text = String::new();
    blocks_text(&doc.body, &mut text);
    let words = markdown::word_count(&text);
    let merged = tags::merge_tags(p.fm.keywords.iter().chain(&p.fm.tags).map(String::as_str));
    for note in merged.notes {
        diags.push(Diagnostic::warning(&p.file, note).line(frontmatter::YAML_FIRST_LINE));
    }
    let hero_image = match &p.fm.hero_image {
        Some(src) => {
            match markdown::image_src(src) {
                Some(s) => Some(s),
                None => {
                    diags.push(
                    Diagnostic::warning(&p.file, format!("heroImage \"{src}\" is not an http(s) URL or site path: it is ignored"))
                        .line(frontmatter::YAML_FIRST_LINE),
                );
                    None
                }
            }
        }
        None => None,
    };
    let description =
        p.fm.description
            .clone()
            .unwrap_or_else(|| markdown::excerpt(&doc.body, EXCERPT_CHARS));
    let summary = PostSummary {
        slug: p.slug.clone(),
        title: p.fm.title.clone(),
        description,
        date: p.date.date.clone(),
        updated: p.updated.clone(),
        author: p.fm.author.clone().unwrap_or_else(|| config.author.clone()),
        hero_image,
        word_count: words as u32,
        reading_minutes: markdown::reading_minutes(words) as u32,
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
        schema: p.fm.schema,
        source: PathBuf::from(p.rel),
    }
}

/// What the command line asked for.
#[derive(Clone, Debug)]
pub struct Options {
    pub content: PathBuf,
    pub out: PathBuf,
    pub app: Option<PathBuf>,
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
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match (&self.site, self.written) {
            (Some(site), true) => {
                let drafts = if site.drafts > 0 {
                    format!(" ({} skipped)", plural(site.drafts, "draft", "drafts"))
                } else {
                    String::new()
                };
                format!(
                    "built {}{drafts} into {} in {} ms; {}",
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

/// Compiles and, when there is no error, writes the site.
pub fn run(opts: &Options) -> Report {
    let start = Instant::now();
    let mut diags = Vec::new();
    let mut site = compile(&opts.content, &mut diags);
    let offline_cap = offline::cap_setting(&opts.content.join("site.toml"), &mut diags);
    if offline_cap.is_none() {
        site = None;
    }
    let offline_cap = offline_cap.unwrap_or(offline::DEFAULT_CAP_BYTES);
    if opts.strict {
        for d in &mut diags {
            d.severity = Severity::Error;
        }
        if !diags.is_empty() {
            site = None;
        }
    }
    let mut written = false;
    if let Some(s) = &site {
        let write_started = Instant::now();
        match output::write_site(
            s,
            &opts.out,
            &opts.content,
            opts.app.as_deref(),
            offline_cap,
        ) {
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
