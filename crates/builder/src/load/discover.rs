//! Finding the posts: which folder holds them (the content folder itself, or
//! the posts folder of a Hugo, Zola, Jekyll, Eleventy or Astro site whose root
//! it is), and what every file below it is. Every file is accounted for: a
//! post candidate, a section page, a translation, an asset, or ignored with
//! the reason.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The generator whose site the content folder is the root of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generator {
    Hugo,
    Zola,
    Jekyll,
    Eleventy,
    Astro,
}

impl Generator {
    pub fn name(self) -> &'static str {
        match self {
            Generator::Hugo => "Hugo",
            Generator::Zola => "Zola",
            Generator::Jekyll => "Jekyll",
            Generator::Eleventy => "Eleventy",
            Generator::Astro => "Astro",
        }
    }
}

/// What a file of the content folder is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// Markdown (or HTML with front matter): read as a post.
    Post,
    /// A Jekyll `_drafts` file: a draft whatever its front matter says.
    Draft,
    /// `_index.md`: a Hugo or Zola section's own page, not a post.
    Section,
    /// `index.zh.md` beside `index.md`: another language's copy of a post.
    Translation,
    /// An image or other file a post can show or link to.
    Asset,
    /// Not part of the blog, with the reason shown in the summary.
    Ignored(&'static str),
}

/// One file below the posts folder.
#[derive(Clone, Debug)]
pub struct Source {
    /// Relative to the posts folder, `/`-separated.
    pub rel: String,
    pub path: PathBuf,
    pub role: Role,
}

/// What [`discover`] found.
#[derive(Debug)]
pub struct Found {
    /// The folder the posts are read from.
    pub posts_root: PathBuf,
    /// The site's root when the content folder is a generator's site.
    pub generator: Option<(Generator, PathBuf)>,
    /// Sorted by `rel`.
    pub files: Vec<Source>,
}

const POST_EXTENSIONS: [&str; 6] = ["md", "markdown", "mdx", "mdown", "mkd", "mkdn"];
const ASSET_EXTENSIONS: [&str; 24] = [
    "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "bmp", "tif", "tiff", "mp4", "webm",
    "ogv", "mov", "mp3", "ogg", "wav", "m4a", "pdf", "txt", "zip", "csv", "json",
];
/// Folders that never hold posts: generators' outputs, dependencies, tools.
const SKIP_DIRS: [&str; 6] = [
    "node_modules",
    "_site",
    "target",
    "vendor",
    "themes",
    "_data",
];

/// The generator of the site at `root`, by its configuration file.
pub fn generator_at(root: &Path) -> Option<Generator> {
    let has = |name: &str| root.join(name).is_file();
    let text = |name: &str| fs::read_to_string(root.join(name)).unwrap_or_default();
    if ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"]
        .iter()
        .any(|n| has(n))
        || root.join("config/_default").is_dir()
    {
        return Some(Generator::Hugo);
    }
    if has("config.toml") && root.join("content").is_dir() {
        // Zola writes `base_url`, Hugo `baseURL`.
        return Some(if text("config.toml").contains("base_url") {
            Generator::Zola
        } else {
            Generator::Hugo
        });
    }
    if ["config.yaml", "config.yml", "config.json"]
        .iter()
        .any(|n| has(n))
        && root.join("content").is_dir()
    {
        return Some(Generator::Hugo);
    }
    if has("_config.yml") || has("_config.yaml") || root.join("_posts").is_dir() {
        return Some(Generator::Jekyll);
    }
    if [
        ".eleventy.js",
        "eleventy.config.js",
        "eleventy.config.mjs",
        "eleventy.config.cjs",
    ]
    .iter()
    .any(|n| has(n))
    {
        return Some(Generator::Eleventy);
    }
    if ["astro.config.mjs", "astro.config.ts", "astro.config.js"]
        .iter()
        .any(|n| has(n))
    {
        return Some(Generator::Astro);
    }
    None
}

/// The folder of a generator's site that holds its posts.
pub fn posts_root(generator: Generator, root: &Path) -> PathBuf {
    let first = |candidates: &[&str]| candidates.iter().map(|c| root.join(c)).find(|p| p.is_dir());
    match generator {
        Generator::Hugo => first(&["content/posts", "content/post", "content/blog", "content"]),
        Generator::Zola => first(&["content"]),
        Generator::Jekyll => first(&["_posts"]),
        Generator::Eleventy => first(&[
            "content/blog",
            "src/blog",
            "src/posts",
            "posts",
            "blog",
            "content",
            "src",
        ]),
        Generator::Astro => first(&[
            "src/content/blog",
            "src/content/posts",
            "src/content/post",
            "src/content",
        ]),
    }
    .unwrap_or_else(|| root.to_path_buf())
}

/// The folders of a site whose files are published at the site's root
/// (`static/images/x.png` as `/images/x.png`): where a post's site-absolute
/// images are looked for. `root` is the generator's site, or a plain posts
/// folder (`generator` is `None`), which may keep them in `static/`.
pub fn static_dirs(generator: Option<Generator>, root: &Path) -> Vec<PathBuf> {
    let names: &[&str] = match generator {
        Some(Generator::Hugo) => &["static", "assets"],
        Some(Generator::Zola) => &["static"],
        Some(Generator::Jekyll) => &[""],
        Some(Generator::Eleventy) => &["public", "src", "static", ""],
        Some(Generator::Astro) => &["public"],
        None => &["static", "public"],
    };
    names
        .iter()
        .map(|n| root.join(n))
        .filter(|d| d.is_dir())
        .collect()
}

/// A language suffix of a file stem: `index.zh` → `zh`, `post.zh-hant-tw` → `zh-hant-tw`.
pub fn language_suffix(stem: &str) -> Option<(&str, &str)> {
    let (base, lang) = stem.rsplit_once('.')?;
    let mut parts = lang.split('-');
    let primary = parts.next()?;
    let ok = (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts
            .all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    (ok && !base.is_empty()).then_some((base, lang))
}

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

fn starts_with_front_matter(path: &Path) -> bool {
    let mut head = [0u8; 8];
    let n = fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]);
    let head = head.trim_start_matches('\u{feff}');
    head.starts_with("---") || head.starts_with("+++")
}

/// Every file below `content` (or below the posts folder of the site it is
/// the root of), classified. `skip` are folders never read (the output).
pub fn discover(
    content: &Path,
    skip: &[PathBuf],
    language: Option<&str>,
) -> std::io::Result<Found> {
    let generator = generator_at(content).map(|g| (g, content.to_path_buf()));
    let posts_root = match generator {
        Some((g, ref root)) => posts_root(g, root),
        None => content.to_path_buf(),
    };
    let skip: HashSet<PathBuf> = skip
        .iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .collect();
    let real_root = fs::canonicalize(&posts_root)?;
    let mut files = Vec::new();
    let mut todo = vec![posts_root.clone()];
    // Jekyll's drafts live beside `_posts`.
    let drafts = (generator.as_ref().map(|g| g.0) == Some(Generator::Jekyll))
        .then(|| content.join("_drafts"))
        .filter(|d| d.is_dir());
    if let Some(d) = &drafts {
        todo.push(d.clone());
    }
    while let Some(dir) = todo.pop() {
        let mut entries: Vec<_> = fs::read_dir(&dir)?.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let in_drafts = drafts.as_ref().is_some_and(|d| path.starts_with(d));
            let rel = if in_drafts {
                format!(
                    "_drafts/{}",
                    path.strip_prefix(drafts.as_ref().unwrap())
                        .unwrap_or(&path)
                        .to_string_lossy()
                )
            } else {
                path.strip_prefix(&posts_root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/")
            };
            if kind.is_dir() {
                let real = fs::canonicalize(&path).unwrap_or(path.clone());
                if name.starts_with('.')
                    || SKIP_DIRS.contains(&name.as_str())
                    || skip.contains(&real)
                {
                    continue;
                }
                todo.push(path);
                continue;
            }
            if name.starts_with('.') || name == "site.toml" {
                continue;
            }
            let role = if kind.is_symlink()
                && !fs::canonicalize(&path).is_ok_and(|p| p.starts_with(&real_root))
            {
                Role::Ignored("a symbolic link to a file outside the content folder")
            } else {
                classify(&name, &path, in_drafts)
            };
            files.push(Source { rel, path, role });
        }
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    mark_translations(&mut files, language);
    Ok(Found {
        posts_root,
        generator,
        files,
    })
}

fn classify(name: &str, path: &Path, in_drafts: bool) -> Role {
    let ext = extension(name);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let is_text_post = POST_EXTENSIONS.contains(&ext.as_str())
        || (matches!(ext.as_str(), "html" | "htm") && starts_with_front_matter(path));
    if is_text_post {
        if stem == "_index" || stem.starts_with("_index.") {
            return Role::Section;
        }
        if in_drafts {
            return Role::Draft;
        }
        return Role::Post;
    }
    if ASSET_EXTENSIONS.contains(&ext.as_str()) {
        if ext == "json" {
            return Role::Ignored("a data file for another generator's templates");
        }
        return Role::Asset;
    }
    match ext.as_str() {
        "js" | "mjs" | "cjs" | "ts" | "njk" | "liquid" | "hbs" | "html" | "htm" | "astro" => {
            Role::Ignored("a template or script of another generator")
        }
        "yml" | "yaml" | "toml" => Role::Ignored("a data file for another generator's templates"),
        _ => Role::Ignored("not a post (unknown kind of file)"),
    }
}

/// `index.zh.md` beside `index.md` (or in another language than the site's)
/// is a translation, not a post of its own.
fn mark_translations(files: &mut [Source], language: Option<&str>) {
    let posts: HashSet<String> = files
        .iter()
        .filter(|f| f.role == Role::Post)
        .map(|f| f.rel.clone())
        .collect();
    let site_lang = language.map(|l| l.split('-').next().unwrap_or(l).to_ascii_lowercase());
    for f in files.iter_mut().filter(|f| f.role == Role::Post) {
        let Some((stem, ext)) = f.rel.rsplit_once('.') else {
            continue;
        };
        let Some((base, lang)) = language_suffix(stem) else {
            continue;
        };
        let primary = lang.split('-').next().unwrap_or(lang);
        let sibling = posts.contains(&format!("{base}.{ext}"));
        let other_language = site_lang.as_deref().is_some_and(|l| l != primary);
        if sibling || other_language {
            f.role = Role::Translation;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let p = dir.path().join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, "---\ntitle: x\n---\n").unwrap();
        }
        dir
    }

    fn roles(found: &Found) -> Vec<(String, Role)> {
        found
            .files
            .iter()
            .map(|f| (f.rel.clone(), f.role.clone()))
            .collect()
    }

    #[test]
    fn every_file_is_accounted_for() {
        let dir = tree(&[
            "a.md",
            "2013-05-06-b.markdown",
            "c.mdx",
            "_index.md",
            "bundle/index.md",
            "bundle/index.zh.md",
            "bundle/photo.jpg",
            "inside/_index.md",
            "inside/2023/x.md",
            "blog.json",
            "layout.njk",
            "node_modules/pkg/readme.md",
            ".hidden/x.md",
            "Markdown Syntax/index.md",
            "Markdown Syntax/index.ja.md",
            "notes.html",
        ]);
        fs::write(dir.path().join("notes.html"), "<p>no front matter</p>").unwrap();
        let found = discover(dir.path(), &[], Some("en")).unwrap();
        assert!(found.generator.is_none());
        assert_eq!(
            roles(&found),
            [
                ("2013-05-06-b.markdown".into(), Role::Post),
                ("Markdown Syntax/index.ja.md".into(), Role::Translation),
                ("Markdown Syntax/index.md".into(), Role::Post),
                ("_index.md".into(), Role::Section),
                ("a.md".into(), Role::Post),
                (
                    "blog.json".into(),
                    Role::Ignored("a data file for another generator's templates")
                ),
                ("bundle/index.md".into(), Role::Post),
                ("bundle/index.zh.md".into(), Role::Translation),
                ("bundle/photo.jpg".into(), Role::Asset),
                ("c.mdx".into(), Role::Post),
                ("inside/2023/x.md".into(), Role::Post),
                ("inside/_index.md".into(), Role::Section),
                (
                    "layout.njk".into(),
                    Role::Ignored("a template or script of another generator")
                ),
                (
                    "notes.html".into(),
                    Role::Ignored("a template or script of another generator")
                ),
            ]
        );
    }

    #[test]
    fn language_suffixes() {
        assert_eq!(language_suffix("index.zh"), Some(("index", "zh")));
        assert_eq!(
            language_suffix("index.zh-hant-tw"),
            Some(("index", "zh-hant-tw"))
        );
        for no in ["Rust-1.88.0", "index", "conf-lineup@0", "a.b.c.D"] {
            assert_eq!(language_suffix(no), None, "{no}");
        }
    }

    #[test]
    fn site_roots_of_the_five_generators() {
        let cases: [(&[&str], Generator, &str); 6] = [
            (
                &["hugo.toml", "content/posts/a.md"],
                Generator::Hugo,
                "content/posts",
            ),
            (
                &["config.toml", "content/post/a.md"],
                Generator::Hugo,
                "content/post",
            ),
            (
                &["_config.yml", "_posts/2020-01-01-a.md"],
                Generator::Jekyll,
                "_posts",
            ),
            (
                &["eleventy.config.js", "content/blog/a.md"],
                Generator::Eleventy,
                "content/blog",
            ),
            (
                &["astro.config.mjs", "src/content/blog/a.md"],
                Generator::Astro,
                "src/content/blog",
            ),
            (
                &["_config.yml", "_posts/x.md", "_drafts/y.md"],
                Generator::Jekyll,
                "_posts",
            ),
        ];
        for (files, generator, root) in cases {
            let dir = tree(files);
            let found = discover(dir.path(), &[], None).unwrap();
            assert_eq!(
                found.generator.as_ref().map(|g| g.0),
                Some(generator),
                "{files:?}"
            );
            assert_eq!(found.posts_root, dir.path().join(root), "{files:?}");
        }
        let dir = tree(&["config.toml", "content/a.md"]);
        fs::write(
            dir.path().join("config.toml"),
            "base_url = \"https://x.org\"\n",
        )
        .unwrap();
        assert_eq!(generator_at(dir.path()), Some(Generator::Zola));
        let dir = tree(&["_config.yml", "_posts/x.md", "_drafts/y.md"]);
        let found = discover(dir.path(), &[], None).unwrap();
        assert_eq!(
            roles(&found),
            [
                ("_drafts/y.md".into(), Role::Draft),
                ("x.md".into(), Role::Post)
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_are_not_followed() {
        let outside = tree(&["secret.md"]);
        let dir = tree(&["a.md"]);
        std::os::unix::fs::symlink(outside.path().join("secret.md"), dir.path().join("s.md"))
            .unwrap();
        std::os::unix::fs::symlink(dir.path().join("a.md"), dir.path().join("inside.md")).unwrap();
        let found = discover(dir.path(), &[], None).unwrap();
        assert_eq!(
            roles(&found),
            [
                ("a.md".into(), Role::Post),
                ("inside.md".into(), Role::Post),
                (
                    "s.md".into(),
                    Role::Ignored("a symbolic link to a file outside the content folder")
                ),
            ]
        );
    }
}
