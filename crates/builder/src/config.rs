//! `content/site.toml` → [`SiteConfig`].

use std::path::Path;

use blog_bundle::SiteConfig;

use crate::diagnostics::{Diagnostic, line_of};

const KNOWN_KEYS: [&str; 6] = [
    "title",
    "description",
    "language",
    "base_url",
    "author",
    "posts_per_page",
];
/// Tables: `[related]` is read by [`crate::related::parse_settings`],
/// `[offline]` by [`crate::offline::cap_setting`].
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
    let language = string("language", false, "ru");
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

/// Reads and parses `site.toml`, reporting a missing file with what to create.
/// Settings for a content folder without `site.toml`: named after the folder,
/// Russian, canonical URLs on localhost until the author sets `base_url`.
pub fn default_config(path: &Path) -> SiteConfig {
    let title = path
        .parent()
        .and_then(|dir| std::fs::canonicalize(dir).ok())
        .and_then(|dir| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Blog".to_owned());
    SiteConfig {
        title,
        description: String::new(),
        language: "ru".to_owned(),
        base_url: "http://localhost/".to_owned(),
        author: String::new(),
        posts_per_page: 10,
    }
}

pub fn load_config(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<(SiteConfig, Vec<u8>)> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // Any folder of posts builds; the settings only refine it.
            let config = default_config(path);
            diags.push(
                Diagnostic::warning(
                    path,
                    format!(
                        "no site settings: using title \"{}\", language \"{}\" and base_url \"{}\"",
                        config.title, config.language, config.base_url
                    ),
                )
                .help(
                    "create it to set them, at least:\n    title = \"My blog\"\n    base_url = \"https://example.com/\"\n  \
                     (optional: description, language = \"ru\", author, posts_per_page = 10)",
                ),
            );
            return Some((config, Vec::new()));
        }
        Err(e) => {
            diags.push(Diagnostic::error(path, format!("cannot read: {e}")));
            return None;
        }
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        diags.push(Diagnostic::error(path, "is not UTF-8 text").help("save the file as UTF-8"));
        return None;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    parse_config(text, path, diags).map(|c| (c, bytes))
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
        let (c, d) = parse(include_str!("../../../content/site.toml"));
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
        assert_eq!(c.language, "ru");
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
        let (config, bytes) = load_config(Path::new("/nonexistent/site.toml"), &mut d).unwrap();
        assert_eq!(config.title, "Blog");
        assert!(bytes.is_empty());
        assert!(!d[0].is_error());
        assert!(d[0].help.as_deref().unwrap().contains("base_url = "));
    }
}
