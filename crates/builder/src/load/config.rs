//! The site's settings: `site.toml`, else the source generator's own
//! configuration (Hugo, Zola, Jekyll), else defaults named after the folder.

use std::path::Path;

use blog_bundle::SiteConfig;
use serde_json::Value;

use super::discover::Generator;
use crate::diagnostics::{Diagnostic, line_of};

const KNOWN_KEYS: [&str; 7] = [
    "title",
    "description",
    "language",
    "base_url",
    "author",
    "posts_per_page",
    "permalink",
];

/// Where posts are published: a path pattern with `:year`, `:month`, `:day`,
/// `:slug` (or `:title`) and `:section` (the post's folder), e.g.
/// `/blog/:slug/` (the default) or `/:year/:month/:day/:slug/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Permalink(String);

pub const DEFAULT_PERMALINK: &str = "/blog/:slug/";

impl Default for Permalink {
    fn default() -> Self {
        Permalink(DEFAULT_PERMALINK.to_owned())
    }
}

/// What the permalink's placeholders stand for, for one post.
pub struct PermalinkValues<'a> {
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    pub slug: &'a str,
    /// The post's folder relative to the posts folder (`inside-rust`), or empty.
    pub section: &'a str,
}

impl Permalink {
    /// Checks a pattern as written in a setting.
    pub fn parse(pattern: &str) -> Result<Permalink, String> {
        let p = pattern.trim();
        // Jekyll's and Hugo's names for the same placeholders.
        let p = p
            .replace(":title", ":slug")
            .replace(":filename", ":slug")
            .replace(":i_month", ":month")
            .replace(":i_day", ":day");
        let p = p
            .strip_suffix(".html")
            .map(|p| format!("{p}/"))
            .unwrap_or(p);
        if !p.starts_with('/') || !p.contains(":slug") {
            return Err(format!(
                "permalink \"{pattern}\" must start with `/` and contain `:slug`"
            ));
        }
        let p = if p.ends_with('/') { p } else { format!("{p}/") };
        for seg in p.split('/').filter(|s| !s.is_empty()) {
            let known = [":year", ":month", ":day", ":slug", ":section"];
            let ok =
                known.contains(&seg) || (!seg.contains(':') && blog_bundle::is_valid_segment(seg));
            if !ok {
                return Err(format!(
                    "permalink \"{pattern}\": `{seg}` is not a placeholder (:year, :month, :day, :slug, :section) or a plain folder name"
                ));
            }
        }
        Ok(Permalink(p))
    }

    /// The post's path (without the slashes around it).
    pub fn expand(&self, v: &PermalinkValues) -> String {
        let (y, rest) = v.date.split_once('-').unwrap_or((v.date, ""));
        let (m, d) = rest.split_once('-').unwrap_or((rest, ""));
        self.0
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|seg| match seg {
                ":year" => y,
                ":month" => m,
                ":day" => d,
                ":slug" => v.slug,
                ":section" => v.section,
                other => other,
            })
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("/")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Everything the settings decide.
#[derive(Clone, Debug)]
pub struct Settings {
    pub site: SiteConfig,
    /// The bytes of the file they came from (part of the build id).
    pub bytes: Vec<u8>,
    pub permalink: Permalink,
    /// False when no setting named the language: the posts' text decides.
    pub language_set: bool,
    /// The text of `site.toml`, when the settings came from it (its
    /// `[related]` and `[offline]` tables are read elsewhere).
    pub site_toml: Option<String>,
}
/// Tables: `[related]` is read by [`crate::derive::related::parse_settings`],
/// `[offline]` by [`crate::emit::offline::cap_setting`].
const KNOWN_TABLES: [&str; 2] = ["related", "offline"];

/// Parses the text of `site.toml`; `file` is only used in diagnostics.
/// Returns `None` when there were errors (all of them pushed to `diags`).
pub fn parse_config(text: &str, file: &Path, diags: &mut Vec<Diagnostic>) -> Option<SiteConfig> {
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            let mut d = Diagnostic::error(file, format!("invalid TOML: {}", e.message().trim()));
            if let Some(span) = e.span() {
                d = d.line(line_of(text, span.start));
            }
            diags.push(d.help("site.toml holds lines like `title = \"My blog\"`"));
            return None;
        }
    };
    let key_line = |key: &str| {
        text.lines()
            .position(|l| {
                let l = l.trim_start();
                l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map(|i| i + 1)
    };
    let with_line = |d: Diagnostic, key: &str| match key_line(key) {
        Some(l) => d.line(l),
        None => d,
    };
    let before = diags.iter().filter(|d| d.is_error()).count();

    for key in table.keys() {
        if !KNOWN_KEYS.contains(&key.as_str()) && !KNOWN_TABLES.contains(&key.as_str()) {
            diags.push(
                with_line(
                    Diagnostic::warning(file, format!("unknown key `{key}` is ignored")),
                    key,
                )
                .help(format!("the known keys are: {}", KNOWN_KEYS.join(", "))),
            );
        }
    }

    let mut string = |key: &str, required: bool, default: &str| -> String {
        match table.get(key) {
            Some(toml::Value::String(s)) if !(required && s.trim().is_empty()) => {
                s.trim().to_owned()
            }
            Some(toml::Value::String(_)) => {
                diags.push(with_line(
                    Diagnostic::error(file, format!("`{key}` is empty")),
                    key,
                ));
                String::new()
            }
            Some(other) => {
                diags.push(
                    with_line(
                        Diagnostic::error(
                            file,
                            format!("`{key}` must be a string, found {}", other.type_str()),
                        ),
                        key,
                    )
                    .help(format!("write it in quotes: {key} = \"...\"")),
                );
                String::new()
            }
            None if required => {
                diags.push(
                    Diagnostic::error(file, format!("`{key}` is missing"))
                        .help(format!("add a line `{key} = \"...\"`")),
                );
                String::new()
            }
            None => default.to_owned(),
        }
    };
    let title = string("title", true, "");
    let description = string("description", false, "");
    let language = string("language", false, "");
    let base_url = string("base_url", true, "");
    let author = string("author", false, "");

    let base_url = if base_url.is_empty() {
        base_url
    } else {
        match normalise_base_url(&base_url) {
            Some(url) => url,
            None => {
                diags.push(
                    with_line(
                        Diagnostic::error(
                            file,
                            format!("base_url \"{base_url}\" is not an absolute http(s) URL"),
                        ),
                        "base_url",
                    )
                    .help("write it like base_url = \"https://example.com/blog/\""),
                );
                String::new()
            }
        }
    };

    let posts_per_page = match table.get("posts_per_page") {
        None => 10,
        Some(toml::Value::Integer(n)) if *n >= 1 => *n as usize,
        Some(other) => {
            diags.push(
                with_line(
                    Diagnostic::error(
                        file,
                        format!("`posts_per_page` must be a whole number ≥ 1, found {other}"),
                    ),
                    "posts_per_page",
                )
                .help("write e.g. posts_per_page = 10"),
            );
            10
        }
    };

    if let Some(toml::Value::String(p)) = table.get("permalink")
        && let Err(e) = Permalink::parse(p)
    {
        diags.push(
            with_line(Diagnostic::error(file, e), "permalink")
                .help("write e.g. permalink = \"/blog/:slug/\" or \"/:year/:month/:day/:slug/\""),
        );
    }
    if diags.iter().filter(|d| d.is_error()).count() > before {
        return None;
    }
    Some(SiteConfig {
        title,
        description,
        language,
        base_url,
        author,
        posts_per_page,
    })
}

/// An absolute `http(s)://host/...` URL ending in `/`, or `None`.
pub fn normalise_base_url(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty()
        || url.contains(['?', '#'])
        || url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
    {
        return None;
    }
    let mut url = url.to_owned();
    if !url.ends_with('/') {
        url.push('/');
    }
    Some(url)
}

/// Settings for a content folder without any: named after the folder,
/// canonical URLs on localhost until the author sets `base_url`; the language
/// is left to the posts' text.
pub fn default_config(dir: &Path) -> SiteConfig {
    let title = std::fs::canonicalize(dir)
        .ok()
        .and_then(|dir| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Blog".to_owned());
    SiteConfig {
        title,
        description: String::new(),
        language: String::new(),
        base_url: "http://localhost/".to_owned(),
        author: String::new(),
        posts_per_page: 10,
    }
}

/// The configuration file of a generator's site, parsed into JSON.
fn generator_file(generator: Generator, root: &Path) -> Option<(std::path::PathBuf, Value)> {
    let names: &[&str] = match generator {
        Generator::Hugo => &[
            "hugo.toml",
            "hugo.yaml",
            "hugo.yml",
            "hugo.json",
            "config.toml",
            "config.yaml",
            "config.yml",
            "config.json",
            "config/_default/hugo.toml",
            "config/_default/config.toml",
        ],
        Generator::Zola => &["config.toml"],
        Generator::Jekyll => &["_config.yml", "_config.yaml"],
        Generator::Eleventy => &[
            "_data/metadata.json",
            "src/_data/metadata.json",
            "_data/site.json",
            "src/_data/site.json",
        ],
        Generator::Astro => &[],
    };
    names.iter().find_map(|name| {
        let path = root.join(name);
        let text = std::fs::read_to_string(&path).ok()?;
        let value: Value = if name.ends_with(".toml") {
            super::frontmatter::toml_to_json(toml::Value::Table(toml::from_str(&text).ok()?))
        } else if name.ends_with(".json") {
            serde_json::from_str(&text).ok()?
        } else {
            serde_saphyr::from_str(&text).ok()?
        };
        Some((path, value))
    })
}

/// Title, description, base URL, language, author and permalink from a
/// generator's configuration.
fn from_generator(generator: Generator, value: &Value, dir: &Path) -> (SiteConfig, Option<String>) {
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            let mut v = value;
            for part in k.split('.') {
                v = v.get(part)?;
            }
            match v {
                Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
                Value::Object(m) => m.get("name").and_then(Value::as_str).map(str::to_owned),
                _ => None,
            }
        })
    };
    let mut site = default_config(dir);
    if let Some(t) = get(&["title"]) {
        site.title = t;
    }
    site.description =
        get(&["description", "params.description", "extra.description"]).unwrap_or_default();
    site.author = get(&[
        "author",
        "params.author",
        "params.author.name",
        "extra.author",
        "author.name",
    ])
    .unwrap_or_default();
    site.language = get(&[
        "languageCode",
        "defaultContentLanguage",
        "default_language",
        "lang",
        "language",
    ])
    .map(|l| l.replace('_', "-"))
    .unwrap_or_default();
    let base = match generator {
        Generator::Jekyll => {
            get(&["url"]).map(|u| format!("{u}{}", get(&["baseurl"]).unwrap_or_default()))
        }
        _ => get(&["baseURL", "baseurl", "base_url", "url"]),
    };
    if let Some(url) = base.as_deref().and_then(normalise_base_url) {
        site.base_url = url;
    }
    let permalink = match generator {
        Generator::Hugo => get(&[
            "permalinks.posts",
            "permalinks.post",
            "permalinks.blog",
            "permalinks.page.posts",
        ]),
        Generator::Jekyll => get(&["permalink"]).filter(|p| p.starts_with('/')),
        _ => None,
    };
    (site, permalink)
}

/// The settings: `site.toml` when there is one, else the generator's
/// configuration, else defaults; a missing `site.toml` is reported with what
/// to create.
pub fn load_config(
    dir: &Path,
    generator: Option<(Generator, &Path)>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Settings> {
    let path = dir.join("site.toml");
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // Any folder of posts builds; the settings only refine it.
            let found = generator.and_then(|(g, root)| {
                let (file, value) = generator_file(g, root)?;
                Some((g, file, value))
            });
            let (site, permalink, from, bytes) = match &found {
                Some((g, file, value)) => {
                    let (site, permalink) = from_generator(*g, value, dir);
                    let bytes = std::fs::read(file).unwrap_or_default();
                    (
                        site,
                        permalink,
                        format!("{} settings from {}", g.name(), file.display()),
                        bytes,
                    )
                }
                None => (
                    default_config(dir),
                    None,
                    "no site settings".to_owned(),
                    Vec::new(),
                ),
            };
            let permalink = match permalink.as_deref().map(Permalink::parse) {
                Some(Ok(p)) => p,
                Some(Err(e)) => {
                    diags.push(Diagnostic::warning(
                        &path,
                        format!("{e}: {DEFAULT_PERMALINK} is used"),
                    ));
                    Permalink::default()
                }
                None => Permalink::default(),
            };
            let language_set = !site.language.is_empty();
            diags.push(
                Diagnostic::warning(
                    &path,
                    format!(
                        "{from}: using title \"{}\", base_url \"{}\" and posts at {}",
                        site.title,
                        site.base_url,
                        permalink.as_str()
                    ),
                )
                .help(
                    "create it to set them, at least:\n    title = \"My blog\"\n    base_url = \"https://example.com/\"\n  \
                     (optional: description, language = \"en\", author, posts_per_page = 10, permalink = \"/blog/:slug/\")",
                ),
            );
            return Some(Settings {
                site,
                bytes,
                permalink,
                language_set,
                site_toml: None,
            });
        }
        Err(e) => {
            diags.push(Diagnostic::error(&path, format!("cannot read: {e}")));
            return None;
        }
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        diags.push(Diagnostic::error(&path, "is not UTF-8 text").help("save the file as UTF-8"));
        return None;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let site = parse_config(text, &path, diags)?;
    let permalink = toml::from_str::<toml::Table>(text)
        .ok()
        .and_then(|t| {
            t.get("permalink")
                .and_then(|p| p.as_str())
                .map(str::to_owned)
        })
        .and_then(|p| Permalink::parse(&p).ok())
        .unwrap_or_default();
    let language_set = !site.language.is_empty();
    Some(Settings {
        site,
        permalink,
        language_set,
        site_toml: Some(text.to_owned()),
        bytes,
    })
}

/// The language of a blog from its text, when no setting names it: Russian
/// when most letters are Cyrillic, else English (the reader's two UI languages).
pub fn language_of_text<'a>(texts: impl IntoIterator<Item = &'a str>) -> &'static str {
    let (mut cyrillic, mut latin) = (0usize, 0usize);
    for t in texts {
        // Words only: URLs and link targets say nothing of the language.
        for word in t
            .split_whitespace()
            .filter(|w| !w.contains(['/', '(', ')', '[', ']', '<', '>']))
        {
            for c in word.chars() {
                if ('\u{400}'..='\u{4ff}').contains(&c) {
                    cyrillic += 1;
                } else if c.is_ascii_alphabetic() {
                    latin += 1;
                }
            }
        }
    }
    if cyrillic > latin { "ru" } else { "en" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<SiteConfig>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        (
            parse_config(text, Path::new("content/site.toml"), &mut d),
            d,
        )
    }

    #[test]
    fn seed_config() {
        let (c, d) = parse(include_str!("../../../../content/site.toml"));
        let c = c.unwrap();
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.title, "Блог ButlerSPB");
        assert_eq!(c.language, "ru");
        assert_eq!(c.base_url, "https://butlerspb-blog.netlify.app/");
        assert_eq!(c.posts_per_page, 10);
    }

    #[test]
    fn defaults_and_normalisation() {
        let (c, d) = parse("title = \"T\"\nbase_url = \"https://x.org/blog\"\n");
        let c = c.unwrap();
        assert!(d.is_empty());
        assert_eq!(c.base_url, "https://x.org/blog/");
        assert_eq!(c.language, "");
        assert_eq!(c.posts_per_page, 10);
        assert_eq!(c.description, "");
    }

    #[test]
    fn errors_and_warnings() {
        let cases: [(&str, &str); 6] = [
            ("base_url = \"https://x.org/\"", "`title` is missing"),
            (
                "title = \"T\"\nbase_url = \"/relative/\"",
                "not an absolute http(s) URL",
            ),
            (
                "title = \"T\"\nbase_url = \"ftp://x.org/\"",
                "not an absolute http(s) URL",
            ),
            (
                "title = \"T\"\nbase_url = \"https://x.org/\"\nposts_per_page = 0",
                "posts_per_page",
            ),
            (
                "title = [1]\nbase_url = \"https://x.org/\"",
                "`title` must be a string",
            ),
            ("title = \"T\nbase_url", "invalid TOML"),
        ];
        for (text, msg) in cases {
            let (c, d) = parse(text);
            assert!(c.is_none(), "{text}");
            assert!(
                d.iter().any(|d| d.is_error() && d.message.contains(msg)),
                "{text}: {d:?}"
            );
        }
        let (c, d) = parse("title = \"T\"\nbase_url = \"https://x.org\"\ntheme = \"dark\"\n");
        assert!(c.is_some());
        assert_eq!(d.len(), 1);
        assert!(!d[0].is_error());
        assert_eq!(d[0].line, Some(3));
        assert!(d[0].message.contains("theme"));
    }

    #[test]
    fn missing_file_uses_defaults_and_says_what_to_create() {
        let mut d = Vec::new();
        let dir = tempfile::tempdir().unwrap();
        let settings = load_config(dir.path(), None, &mut d).unwrap();
        assert!(!settings.site.title.is_empty());
        assert!(settings.bytes.is_empty());
        assert!(!settings.language_set);
        assert_eq!(settings.permalink, Permalink::default());
        assert!(!d[0].is_error());
        assert!(d[0].help.as_deref().unwrap().contains("base_url = "));
    }

    #[test]
    fn settings_of_the_source_generator() {
        let cases: [(Generator, &str, &str); 3] = [
            (
                Generator::Hugo,
                "hugo.toml",
                "baseURL = 'https://x.org/'\ntitle = 'Hugo blog'\nlanguageCode = 'en-us'\n[params]\ndescription = 'D'\n[permalinks]\nposts = '/:year/:month/:slug/'\n",
            ),
            (
                Generator::Zola,
                "config.toml",
                "base_url = \"https://x.org\"\ntitle = \"Zola blog\"\ndescription = \"D\"\ndefault_language = \"en\"\n",
            ),
            (
                Generator::Jekyll,
                "_config.yml",
                "title: Jekyll blog\ndescription: D\nurl: https://x.org\nbaseurl: /sub\nlang: en\npermalink: /news/:year/:month/:day/:title/\n",
            ),
        ];
        for (generator, file, text) in cases {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join(file), text).unwrap();
            let mut d = Vec::new();
            let s = load_config(dir.path(), Some((generator, dir.path())), &mut d).unwrap();
            assert!(s.site.title.ends_with(" blog"), "{file}: {:?}", s.site);
            assert_eq!(s.site.description, "D", "{file}");
            assert!(s.site.language.starts_with("en"), "{file}");
            assert!(s.site.base_url.starts_with("https://x.org/"), "{file}");
            assert!(s.language_set);
            assert!(d[0].message.contains(generator.name()), "{}", d[0]);
            let p = s.permalink.expand(&PermalinkValues {
                date: "2024-02-19",
                slug: "x",
                section: "",
            });
            let want = match generator {
                Generator::Hugo => "2024/02/x",
                Generator::Jekyll => "news/2024/02/19/x",
                _ => "blog/x",
            };
            assert_eq!(p, want, "{file}");
        }
    }

    #[test]
    fn permalinks() {
        let v = PermalinkValues {
            date: "2025-06-26",
            slug: "Rust-1.88.0",
            section: "inside-rust",
        };
        for (pattern, want) in [
            ("/blog/:slug/", "blog/Rust-1.88.0"),
            ("/:year/:month/:day/:slug/", "2025/06/26/Rust-1.88.0"),
            (
                "/:section/:year/:month/:day/:title.html",
                "inside-rust/2025/06/26/Rust-1.88.0",
            ),
            ("/:slug", "Rust-1.88.0"),
        ] {
            assert_eq!(
                Permalink::parse(pattern).unwrap().expand(&v),
                want,
                "{pattern}"
            );
        }
        let top = PermalinkValues { section: "", ..v };
        assert_eq!(
            Permalink::parse("/:section/:slug/").unwrap().expand(&top),
            "Rust-1.88.0"
        );
        for bad in [
            "blog/:slug/",
            "/blog/",
            "/:categories/:slug/",
            "/a b/:slug/",
        ] {
            assert!(Permalink::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn language_from_text() {
        assert_eq!(language_of_text(["Качество обслуживания", "a b"]), "ru");
        assert_eq!(language_of_text(["Announcing Rust 1.88.0"]), "en");
        assert_eq!(
            language_of_text([
                "Темы выпуска",
                "- https://example.com/a/very/long/path/with/english/words"
            ]),
            "ru"
        );
    }
}
