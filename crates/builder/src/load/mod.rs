//! Load: the content folder → the site's settings and every post's front
//! matter, date, title and path, checked, with every file accounted for.
//!
//! [`discover`] finds the posts (in the content folder, or in the posts folder
//! of the Hugo, Zola, Jekyll, Eleventy or Astro site it is the root of);
//! [`frontmatter`] reads YAML, TOML or JSON front matter; [`fields`] says what
//! each generator's fields mean; [`crate::dates`] reads their dates;
//! [`config`] reads `site.toml` or the generator's configuration; [`links`]
//! answers links written the old site's way. The Markdown itself is converted
//! afterwards ([`markdown`]), when every post's path is known.

pub mod code;
pub mod config;
pub mod discover;
pub mod fields;
pub mod frontmatter;
pub mod links;
pub mod markdown;
pub mod math;
pub mod media;
pub mod templates;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use blog_bundle::{is_valid_post_path, is_valid_segment};

use crate::dates::{self, Date, date_in_name, date_in_path};
use crate::diagnostics::{self, Diagnostic};
use config::{Permalink, PermalinkValues, Settings};
use discover::{Generator, Role};
use fields::Meta;

/// Posts larger than this are refused.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// One post, read and placed, before its Markdown is converted.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The file as shown in diagnostics.
    pub file: PathBuf,
    /// Relative to the posts folder, `/`-separated.
    pub source: String,
    /// Its path in this build (`blog/x`), unique.
    pub path: String,
    /// The last segment of its path as the old site had it.
    pub slug: String,
    pub title: String,
    pub date: Date,
    /// `YYYY-MM-DD`.
    pub updated: Option<String>,
    pub meta: Meta,
    /// The body, with link tags of other generators made into links.
    pub body: String,
    /// Line of the file on which `body` starts.
    pub body_line: usize,
    /// Old URLs to redirect from, as written without the leading slash
    /// (`2014/10/30/Stability.html`, `news/x/`).
    pub aliases: Vec<String>,
}

/// How many files of each other kind there were.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Counts {
    pub drafts: usize,
    pub sections: usize,
    pub translations: usize,
    pub assets: usize,
    /// Reason → files.
    pub ignored: BTreeMap<String, Vec<String>>,
    /// Front-matter keys only other generators read → number of posts.
    pub unknown_fields: BTreeMap<String, usize>,
}

impl Counts {
    /// Adds the counts of another part of the files, after this part's.
    fn add(&mut self, other: Counts) {
        self.drafts += other.drafts;
        self.sections += other.sections;
        self.translations += other.translations;
        self.assets += other.assets;
        for (reason, files) in other.ignored {
            self.ignored.entry(reason).or_default().extend(files);
        }
        for (key, n) in other.unknown_fields {
            *self.unknown_fields.entry(key).or_default() += n;
        }
    }
}

/// What [`load`] read.
#[derive(Debug)]
pub struct Loaded {
    pub settings: Settings,
    pub posts_root: PathBuf,
    pub generator: Option<Generator>,
    /// Where site-absolute images are found ([`discover::static_dirs`]).
    pub static_dirs: Vec<PathBuf>,
    pub posts: Vec<Parsed>,
    pub counts: Counts,
    /// Every post file (relative path, SHA-256 of its bytes): part of the
    /// build id. Digests, not bytes: a 10,000-post blog's files are 90 MB.
    pub files: Vec<(String, Digest)>,
}

/// `Fourth Post` from `fourth-post`: Jekyll's title for a post without one.
fn title_from_name(slug: &str) -> String {
    let words: Vec<&str> = slug
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    let mut title = words.join(" ");
    if let Some(first) = title.chars().next() {
        title.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
    }
    title
}

/// The text of the body's first ATX heading, outside code.
fn first_heading(body: &str) -> Option<String> {
    let mut in_fence = false;
    for line in body.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let hashes = t.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t']) {
            let text = t[hashes..].trim().trim_end_matches('#').trim();
            let text: String = text
                .chars()
                .filter(|c| !matches!(c, '*' | '_' | '`'))
                .collect();
            if !text.is_empty() {
                return Some(text);
            }
        }
    }
    None
}

/// A URL segment from a name: kept as it is when it is already safe (so
/// URLs stay as they were), else transliterated and lowercased.
pub fn safe_segment(name: &str, lowercase: bool) -> String {
    let kept = if lowercase {
        name.to_ascii_lowercase()
    } else {
        name.to_owned()
    };
    if is_valid_segment(&kept) {
        return kept;
    }
    let s = crate::derive::tags::transliterate_slug(name);
    if s.is_empty() { "post".to_owned() } else { s }
}

/// The folder a post belongs to (`inside-rust` for `inside-rust/x.md` and for
/// the bundle `inside-rust/x/index.md`), and its name (the file's, or the
/// bundle folder's).
fn section_and_name(source: &str) -> (String, String) {
    let (dir, file) = source.rsplit_once('/').unwrap_or(("", source));
    let stem = file.split('.').next().unwrap_or(file);
    let folder = dir.rsplit('/').next().unwrap_or(dir);
    if !dir.is_empty() && (stem == "index" || stem == folder) {
        let section = dir.rsplit_once('/').map_or("", |(s, _)| s);
        (section.to_owned(), folder.to_owned())
    } else {
        // `Rust-1.88.0.md`: only the extension goes.
        let name = file.rsplit_once('.').map_or(file, |(n, _)| n);
        (dir.to_owned(), name.to_owned())
    }
}

/// A post's own URL as its front matter gives it (Hugo `url`, Jekyll and
/// Eleventy `permalink`, Zola `path`), as a post path.
fn own_path(url: &str, values: &PermalinkValues, lowercase: bool) -> Option<String> {
    let url = url.trim();
    if url.contains("{{") || url.contains("{%") {
        return None;
    }
    let path = if url.contains(':') {
        Permalink::parse(url).ok()?.expand(values)
    } else {
        let p = url.trim_matches('/');
        let p = p
            .strip_suffix("index.html")
            .unwrap_or(p)
            .trim_end_matches('/');
        let p = p.strip_suffix(".html").unwrap_or(p);
        p.split('/')
            .filter(|s| !s.is_empty())
            .map(|s| safe_segment(s, lowercase))
            .collect::<Vec<_>>()
            .join("/")
    };
    is_valid_post_path(&path).then_some(path)
}

struct Reader<'a> {
    diags: &'a mut Vec<Diagnostic>,
    counts: Counts,
    files: Vec<(String, Digest)>,
}

/// The SHA-256 of a file's bytes.
pub type Digest = [u8; 32];

/// The SHA-256 of `bytes`.
pub fn digest(bytes: &[u8]) -> Digest {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes).into()
}

impl Reader<'_> {
    /// The text of a post file, or `None` after reporting why it can't be read.
    fn text(&mut self, file: &Path, path: &Path, rel: &str) -> Option<String> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                self.diags
                    .push(Diagnostic::error(file, format!("cannot read: {e}")));
                return None;
            }
        };
        self.files.push((rel.to_owned(), digest(&bytes)));
        if bytes.len() > MAX_FILE_BYTES {
            self.diags.push(Diagnostic::error(
                file,
                format!(
                    "file is {} MB; the limit is 5 MB: split the post",
                    bytes.len().div_ceil(1024 * 1024)
                ),
            ));
            return None;
        }
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let bytes = e.as_bytes();
                let at = e.utf8_error().valid_up_to();
                let line = diagnostics::line_of(&String::from_utf8_lossy(&bytes[..at]), at);
                self.diags.push(
                    Diagnostic::error(
                        file,
                        format!(
                            "is not UTF-8 text: invalid byte 0x{:02x} at byte offset {at}",
                            bytes[at]
                        ),
                    )
                    .line(line)
                    .help("save the file as UTF-8"),
                );
                return None;
            }
        };
        if text.trim_start_matches('\u{feff}').trim().is_empty() {
            self.diags.push(
                Diagnostic::error(file, "file is empty")
                    .help("write front matter (title, date) and a body, or delete the file"),
            );
            return None;
        }
        Some(text)
    }

    fn ignore(&mut self, reason: impl Into<String>, rel: &str) {
        self.counts
            .ignored
            .entry(reason.into())
            .or_default()
            .push(rel.to_owned());
    }
}

/// Reads the content folder. `skip` are folders never read (the output).
/// Every problem goes to `diags`; posts with errors are left out of
/// `posts` (the caller fails the build when there is any error).
pub fn load(dir: &Path, skip: &[PathBuf], diags: &mut Vec<Diagnostic>) -> Option<Loaded> {
    load_with(dir, skip, diags, &mut Reads::default())
}

/// One post file as [`load`] read it: what it became, what it reported, and
/// the digest of its bytes.
type Read = (
    Option<Parsed>,
    Vec<Diagnostic>,
    Counts,
    Vec<(String, Digest)>,
);

/// Post files read by earlier builds of this process, by path: a file whose
/// bytes are the same is not parsed again. Only the posts' own bytes are
/// compared: whoever sees another file change (settings) calls `clear`.
#[derive(Default)]
pub struct Reads {
    files: HashMap<PathBuf, Read>,
    /// Whether reads are kept for the next build (`blog-builder serve`): a
    /// one-off build would only hold a second copy of every post file.
    keep: bool,
}

impl Reads {
    /// Reads that are kept for the next build.
    pub fn kept() -> Self {
        Reads {
            keep: true,
            ..Reads::default()
        }
    }

    pub fn clear(&mut self) {
        self.files.clear();
    }
}

/// [`load`], parsing only the post files `reads` does not have as they are.
pub fn load_with(
    dir: &Path,
    skip: &[PathBuf],
    diags: &mut Vec<Diagnostic>,
    reads: &mut Reads,
) -> Option<Loaded> {
    let started = std::time::Instant::now();
    let generator_root = discover::generator_at(dir).map(|g| (g, dir.to_path_buf()));
    let settings = config::load_config(
        dir,
        generator_root.as_ref().map(|(g, r)| (*g, r.as_path())),
        diags,
    );
    let language = settings
        .as_ref()
        .map(|s| s.site.language.clone())
        .filter(|l| !l.is_empty());
    let found = match discover::discover(dir, skip, language.as_deref()) {
        Ok(f) => f,
        Err(e) => {
            diags.push(
                Diagnostic::error(dir, format!("cannot read the content folder: {e}"))
                    .help("pass --content DIR with the posts and site.toml"),
            );
            return None;
        }
    };
    let mut settings = settings?;
    crate::report_timing("load: settings and files found", started);
    let generator = found.generator.as_ref().map(|g| g.0);
    let lowercase = generator == Some(Generator::Hugo);
    let mut r = Reader {
        diags,
        counts: Counts::default(),
        files: Vec::new(),
    };
    let shown_root = if found.posts_root == dir {
        dir.to_path_buf()
    } else {
        found.posts_root.clone()
    };
    // Posts are read and parsed in parallel, each with a reader of its own;
    // what they report is merged in the order of the files.
    let read: Vec<Option<Read>> = {
        use rayon::prelude::*;
        found
            .files
            .par_iter()
            .map(|src| {
                if !matches!(src.role, Role::Post | Role::Draft) {
                    return None;
                }
                if let Some(before) = reads.files.get(&src.path)
                    && let Some((_, was)) = before.3.first()
                    && std::fs::read(&src.path).is_ok_and(|now| digest(&now) == *was)
                {
                    return Some(before.clone());
                }
                let mut diags = Vec::new();
                let mut own = Reader {
                    diags: &mut diags,
                    counts: Counts::default(),
                    files: Vec::new(),
                };
                let file = shown_root.join(&src.rel);
                let parsed = read_post(&mut own, &file, src, &settings.permalink, lowercase);
                let (counts, files) = (own.counts, own.files);
                Some((parsed, diags, counts, files))
            })
            .collect()
    };
    crate::report_timing("load: posts read", started);
    if reads.keep {
        reads.files = found
            .files
            .iter()
            .zip(&read)
            .filter_map(|(src, read)| Some((src.path.clone(), read.clone()?)))
            .collect();
    }
    let mut posts = Vec::new();
    for (src, read) in found.files.iter().zip(read) {
        match &src.role {
            Role::Section => r.counts.sections += 1,
            Role::Translation => r.counts.translations += 1,
            Role::Asset => r.counts.assets += 1,
            Role::Ignored(reason) => r.ignore(*reason, &src.rel),
            Role::Post | Role::Draft => {
                let Some((parsed, diags, counts, files)) = read else {
                    continue;
                };
                r.diags.extend(diags);
                r.files.extend(files);
                r.counts.add(counts);
                posts.extend(parsed);
            }
        }
    }
    if !settings.language_set {
        settings.site.language = config::language_of_text(posts.iter().flat_map(|p: &Parsed| {
            let mut end = p.body.len().min(2000);
            while !p.body.is_char_boundary(end) {
                end -= 1;
            }
            [p.title.as_str(), &p.body[..end]]
        }))
        .to_owned();
    }
    distinct_paths(&mut posts, r.diags);
    let static_dirs = match &found.generator {
        Some((g, root)) => discover::static_dirs(Some(*g), root),
        None => discover::static_dirs(None, dir),
    };
    Some(Loaded {
        settings,
        posts_root: found.posts_root,
        generator,
        static_dirs,
        posts,
        counts: r.counts,
        files: r.files,
    })
}

fn read_post(
    r: &mut Reader,
    file: &Path,
    src: &discover::Source,
    permalink: &Permalink,
    lowercase: bool,
) -> Option<Parsed> {
    let text = r.text(file, &src.path, &src.rel)?;
    let split = match frontmatter::split(&text) {
        Ok(s) => s,
        Err(msg) if msg.contains("JavaScript") => {
            // Eleventy's `---js`: reading it would mean running the author's code.
            r.diags.push(
                Diagnostic::warning(file, format!("{msg}: the file is left out"))
                    .line(1)
                    .help("write its front matter as YAML between `---` lines to publish it"),
            );
            r.ignore(
                "JavaScript front matter (`---js`), which is not run",
                &src.rel,
            );
            return None;
        }
        Err(msg) => {
            r.diags.push(Diagnostic::error(file, msg).line(1).help(
                "start the file with front matter, e.g.:\n    ---\n    title: \"...\"\n    date: 2025-07-25\n    ---",
            ));
            return None;
        }
    };
    let raw = frontmatter::parse(&split, file, r.diags)?;
    let errors_before = r.diags.iter().filter(|d| d.is_error()).count();
    let meta = fields::read(&raw, file, r.diags);
    if r.diags.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    let (section, name) = section_and_name(&src.rel);
    // Pages of another generator that are not posts.
    if meta.listing
        || meta
            .url
            .as_ref()
            .is_some_and(|(u, _, _)| u.trim_matches('/').is_empty())
    {
        r.counts.sections += 1;
        return None;
    }
    if meta.excluded {
        r.ignore(
            "a page left out of the blog's posts (eleventyExcludeFromCollections)",
            &src.rel,
        );
        return None;
    }
    if meta.url.as_ref().is_some_and(|(u, _, _)| u == "false") {
        r.ignore(
            "not published by its generator (permalink: false)",
            &src.rel,
        );
        return None;
    }
    if meta.draft || src.role == Role::Draft {
        r.counts.drafts += 1;
        return None;
    }
    for key in &meta.unknown {
        *r.counts.unknown_fields.entry(key.clone()).or_default() += 1;
    }
    let named = date_in_name(&name);
    let slug_name = named
        .as_ref()
        .map(|(_, rest)| *rest)
        .filter(|r| !r.is_empty())
        .unwrap_or(&name);
    // The date: front matter, else the file name, else a dated path or folder.
    let from_url = meta
        .url
        .as_ref()
        .and_then(|(u, _, _)| date_in_path(u))
        .map(|d| d.0);
    let from_folder = date_in_path(&src.rel).map(|d| d.0);
    let date = match &meta.date {
        Some((written, key, line)) => match dates::parse_date(written) {
            Some(d) => Some(d),
            None => {
                let fallback = named.as_ref().map(|n| n.0.clone()).or(from_url.clone());
                let d = date_problem(file, key, written, *line, fallback.is_some());
                r.diags.push(d);
                fallback
            }
        },
        None => named
            .as_ref()
            .map(|n| n.0.clone())
            .or(from_url)
            .or(from_folder),
    };
    let Some(date) = date else {
        // A page that only drives another generator's templates (Zola's
        // `template = "latest.html"` redirect page), not a post.
        if let Some(t) = ["template", "layout"]
            .iter()
            .find_map(|k| raw.get(k))
            .and_then(|v| v.0.as_str())
        {
            r.ignore(
                format!("a page without a date, rendered by another generator's template ({t})"),
                &src.rel,
            );
            return None;
        }
        if r.diags.iter().filter(|d| d.is_error()).count() == errors_before {
            r.diags.push(
                Diagnostic::error(
                    file,
                    "the post has no date: none in its front matter, file name or path",
                )
                .line(split.raw_line)
                .help("add e.g. `date: 2025-07-25` to its front matter"),
            );
        }
        return None;
    };
    let updated =
        meta.updated
            .as_ref()
            .and_then(|(written, key, line)| match dates::parse_date(written) {
                Some(d) => Some(d.date),
                None => {
                    r.diags.push(
                        Diagnostic::warning(
                            file,
                            format!("{key} \"{written}\" is not a date: it is ignored"),
                        )
                        .line(*line)
                        .help("write it as 2025-07-25 or 2025-07-25T22:55:40Z"),
                    );
                    None
                }
            });
    let prepared = templates::prepare(split.body, src.rel.ends_with(".mdx"));
    let (body, mdx_removed) = (prepared.body, prepared.mdx_removed);
    // One warning per kind of tag (its first use, and how many more).
    let mut kinds: Vec<(&str, usize, &str, usize)> = Vec::new();
    for (line, tag) in &prepared.removed {
        let name = templates::tag_name(tag);
        match kinds.iter_mut().find(|k| k.0 == name) {
            Some(k) => k.3 += 1,
            None => kinds.push((name, *line, tag, 0)),
        }
    }
    for (_, line, tag, more) in kinds {
        let more = match more {
            0 => String::new(),
            n => format!(" (and {n} more like it)"),
        };
        r.diags.push(
            Diagnostic::warning(
                file,
                format!(
                    "template tag {tag} is removed{more}: it is the old generator's, not Markdown"
                ),
            )
            .line(split.body_line + line)
            .help("write what it produced in Markdown, or leave it out"),
        );
    }
    if mdx_removed > 0 {
        r.diags.push(
            Diagnostic::warning(
                file,
                format!(
                    "{mdx_removed} MDX import/export line(s) removed: components are not run here"
                ),
            )
            .line(split.body_line)
            .help("the post's Markdown is published; its components' own output is not"),
        );
    }
    let title = match &meta.title {
        Some((t, _)) => t.clone(),
        None => {
            let (title, from) = match first_heading(&body) {
                Some(h) => (h, "its first heading"),
                None => (title_from_name(slug_name), "its file name"),
            };
            r.diags.push(
                Diagnostic::warning(
                    file,
                    format!("the post has no title: \"{title}\", from {from}, is used"),
                )
                .line(split.raw_line)
                .help("add `title: \"...\"` to its front matter"),
            );
            title
        }
    };
    let slug = match &meta.slug {
        Some((s, _)) => safe_segment(s, lowercase),
        None => safe_segment(slug_name, lowercase),
    };
    let section_path: String = section
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| safe_segment(s, lowercase))
        .collect::<Vec<_>>()
        .join("/");
    let values = PermalinkValues {
        date: &date.date,
        slug: &slug,
        section: &section_path,
    };
    let pattern_path = || {
        let p = permalink.expand(&values);
        if is_valid_post_path(&p) {
            p
        } else {
            format!("post/{p}")
        }
    };
    let path = match &meta.url {
        Some((url, key, line)) => own_path(url, &values, lowercase).unwrap_or_else(|| {
            r.diags.push(
                Diagnostic::warning(file, format!("{key} \"{url}\" cannot be this post's URL here: it is published at the site's permalink instead"))
                    .line(*line)
                    .help("use a plain path like /blog/my-post/"),
            );
            pattern_path()
        }),
        None => pattern_path(),
    };
    let slug = path.rsplit('/').next().unwrap_or(&path).to_owned();
    let aliases = meta
        .aliases
        .iter()
        .map(|(a, _)| a.trim().trim_start_matches('/').to_owned())
        .filter(|a| !a.is_empty())
        .collect();
    if r.diags.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    Some(Parsed {
        file: file.to_path_buf(),
        source: src.rel.clone(),
        path,
        slug,
        title,
        date,
        updated,
        meta,
        body,
        body_line: split.body_line,
        aliases,
    })
}

/// Two posts on one path (Hugo publishes both when their dates differ): the
/// later ones get `-2`, `-3`… and a warning names both files.
fn distinct_paths(posts: &mut [Parsed], diags: &mut Vec<Diagnostic>) {
    let mut order: Vec<usize> = (0..posts.len()).collect();
    order.sort_by(|&a, &b| {
        (posts[a].date.timestamp, &posts[a].source)
            .cmp(&(posts[b].date.timestamp, &posts[b].source))
    });
    let mut taken: HashMap<String, usize> = HashMap::new();
    for i in order {
        let key = posts[i].path.to_ascii_lowercase();
        let Some(&first) = taken.get(&key) else {
            taken.insert(key, i);
            continue;
        };
        let mut n = 2;
        let path = loop {
            let candidate = format!("{}-{n}", posts[i].path);
            if !taken.contains_key(&candidate.to_ascii_lowercase()) {
                break candidate;
            }
            n += 1;
        };
        let mut d = Diagnostic::warning(
            &posts[i].file,
            format!(
                "/{}/ is also the URL of {}: this post is published at /{path}/",
                posts[i].path,
                posts[first].file.display()
            ),
        )
        .help("give one of them another `slug` to choose its URL");
        if let Some((_, line)) = &posts[i].meta.slug {
            d = d.line(*line);
        }
        diags.push(d);
        taken.insert(path.to_ascii_lowercase(), i);
        posts[i].slug = path.rsplit('/').next().unwrap_or(&path).to_owned();
        posts[i].path = path;
    }
}

/// A date field that no known form fits: an error, or a warning when the
/// file name or path gives the date instead.
fn date_problem(file: &Path, key: &str, written: &str, line: usize, fallback: bool) -> Diagnostic {
    if fallback {
        Diagnostic::warning(
            file,
            format!("{key} \"{written}\" is not a date: the date in the file name is used"),
        )
        .line(line)
        .help("write it as 2025-07-25 or 2025-07-25T22:55:40Z")
    } else {
        Diagnostic::error(
            file,
            format!(
                "{key} \"{written}\" is not a date: write it as 2025-07-25 or 2025-07-25T22:55:40Z"
            ),
        )
        .line(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_titles_and_sections() {
        assert_eq!(title_from_name("three-million"), "Three million");
        assert_eq!(
            first_heading("```\n# not\n```\n\nText\n## Real *one*\n"),
            Some("Real one".into())
        );
        assert_eq!(first_heading("no heading\n#hashtag\n"), None);
        assert_eq!(section_and_name("a.md"), ("".into(), "a".into()));
        assert_eq!(
            section_and_name("Rust-1.88.0.md"),
            ("".into(), "Rust-1.88.0".into())
        );
        assert_eq!(
            section_and_name("inside-rust/x.md"),
            ("inside-rust".into(), "x".into())
        );
        assert_eq!(
            section_and_name("inside-rust/x/index.md"),
            ("inside-rust".into(), "x".into())
        );
        assert_eq!(
            section_and_name("fourthpost/fourthpost.md"),
            ("".into(), "fourthpost".into())
        );
        assert_eq!(
            section_and_name("Markdown Syntax/index.md"),
            ("".into(), "Markdown Syntax".into())
        );
        assert_eq!(safe_segment("Markdown Syntax", false), "markdown-syntax");
        assert_eq!(safe_segment("Rust-1.88.0", false), "Rust-1.88.0");
        assert_eq!(
            safe_segment("database-to-app-TLS", true),
            "database-to-app-tls"
        );
        assert_eq!(safe_segment("conf-lineup@0", false), "conf-lineup-0");
        assert_eq!(safe_segment("качество", false), "kachestvo");
    }

    #[test]
    fn own_urls() {
        let v = PermalinkValues {
            date: "2024-02-19",
            slug: "x",
            section: "",
        };
        for (url, want) in [
            ("2025/06/26/Rust-1.88.0", Some("2025/06/26/Rust-1.88.0")),
            (
                "/blog/certification/success/",
                Some("blog/certification/success"),
            ),
            ("/2014/10/30/Stability.html", Some("2014/10/30/Stability")),
            ("/news/:year/:month/:slug/", Some("news/2024/02/x")),
            ("/blog/{{ page.fileSlug }}/", None),
            ("/tags/x/", None),
        ] {
            assert_eq!(own_path(url, &v, false).as_deref(), want, "{url}");
        }
    }
}
