//! The reader app's files, as the build copies them: Trunk's output named
//! with `--app DIR`, or the copy built into this binary (`crates/builder/app/`,
//! refreshed by `make embed-app`), so that an author who installed the tool
//! with `cargo install` needs nothing else.
//!
//! Trunk writes the public URL into the shell (`<base href>` and the absolute
//! paths of its files). The built-in copy is made for `/`; [`App::embedded`]
//! moves it to the path the site is deployed under.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};

/// The app as `make embed-app` left it in `crates/builder/app/`.
static EMBEDDED: Dir = include_dir!("$CARGO_MANIFEST_DIR/app");

/// Which reader app a build copies.
#[derive(Clone, Debug, PartialEq)]
pub enum AppSource {
    /// None: only `data/` is written.
    None,
    /// Trunk's output in this folder.
    Dir(std::path::PathBuf),
    /// The copy inside this binary, deployed under this path (`/blog/`), or,
    /// when `None`, under the path of site.toml's `base_url`.
    Embedded(Option<String>),
}

impl AppSource {
    /// The folder the app is read from, if it is one.
    pub fn dir(&self) -> Option<&Path> {
        match self {
            AppSource::Dir(d) => Some(d),
            _ => None,
        }
    }

    /// The app, for a site whose settings say `base_url`; `None` for [`AppSource::None`].
    pub fn load(&self, base_url: &str) -> Result<Option<App>, String> {
        match self {
            AppSource::None => Ok(None),
            AppSource::Dir(dir) => App::from_dir(dir).map(Some),
            AppSource::Embedded(path) => {
                let path = path.clone().unwrap_or_else(|| path_of(base_url));
                App::embedded(&path).map(Some).ok_or_else(|| {
                    "this blog-builder was built without the reader app: name Trunk's output with --app DIR"
                        .to_owned()
                })
            }
        }
    }
}

/// The files of the app, by path relative to the site's root.
#[derive(Clone, Debug, PartialEq)]
pub struct App {
    files: BTreeMap<String, Vec<u8>>,
}

impl App {
    /// Reads Trunk's output in `dir` (every file, symlinks followed).
    pub fn from_dir(dir: &Path) -> Result<App, String> {
        let mut files = BTreeMap::new();
        let mut todo = vec![(dir.to_path_buf(), String::new())];
        while let Some((path, rel)) = todo.pop() {
            let entries = std::fs::read_dir(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            for entry in entries {
                let entry = entry.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                let (child, child_rel) = (entry.path(), format!("{rel}{name}"));
                if child.is_dir() {
                    todo.push((child, format!("{child_rel}/")));
                } else {
                    let bytes = std::fs::read(&child)
                        .map_err(|e| format!("cannot read {}: {e}", child.display()))?;
                    files.insert(child_rel, bytes);
                }
            }
        }
        let app = App { files };
        app.index()
            .map_err(|e| format!("{e} (in {})", dir.display()))?;
        Ok(app)
    }

    /// An app of these files (path relative to the site's root, bytes).
    pub fn from_files(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> App {
        App {
            files: files.into_iter().collect(),
        }
    }

    /// The app built into this binary, for a site deployed under `public_path`
    /// (`/` or `/blog/`). `None` when this binary was built without one.
    pub fn embedded(public_path: &str) -> Option<App> {
        let mut files = BTreeMap::new();
        let mut todo = vec![&EMBEDDED];
        while let Some(dir) = todo.pop() {
            for entry in dir.entries() {
                match entry {
                    include_dir::DirEntry::Dir(d) => todo.push(d),
                    include_dir::DirEntry::File(f) => {
                        let rel = f.path().to_string_lossy().replace('\\', "/");
                        files.insert(rel, f.contents().to_vec());
                    }
                }
            }
        }
        let mut app = App { files };
        let index = app.index().ok()?.to_owned();
        let moved = moved_to(&index, &app.top_level_names(), public_path);
        app.files.insert("index.html".into(), moved.into_bytes());
        Some(app)
    }

    /// The shell, `index.html`.
    pub fn index(&self) -> Result<&str, String> {
        let bytes = self
            .files
            .get("index.html")
            .ok_or("the app has no index.html: build it with Trunk (make build)")?;
        std::str::from_utf8(bytes).map_err(|_| "the app's index.html is not UTF-8".to_owned())
    }

    /// A file of the app by its path relative to the site's root.
    pub fn get(&self, rel: &str) -> Option<&[u8]> {
        self.files.get(rel).map(Vec::as_slice)
    }

    /// Every file: (path relative to the site's root, bytes).
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Names of the files at the top of the app, sorted.
    pub fn top_level_names(&self) -> Vec<String> {
        self.files
            .keys()
            .filter(|k| !k.contains('/'))
            .cloned()
            .collect()
    }
}

/// The shell of an app built for `/`, moved to `public_path`: its `<base href>`
/// and the absolute paths of the app's own files (`href=/main-….css`,
/// `'/blogreader-….js'` in the loader) point there instead.
fn moved_to(index: &str, names: &[String], public_path: &str) -> String {
    let public = normalise_path(public_path);
    if public == "/" {
        return index.to_owned();
    }
    let mut html = index.to_owned();
    for name in names {
        for quote in ["=", "\"", "'"] {
            html = html.replace(
                &format!("{quote}/{name}"),
                &format!("{quote}{public}{name}"),
            );
        }
    }
    for base in ["<base href=/>", "<base href=\"/\">", "<base href='/'>"] {
        html = html.replace(base, &format!("<base href=\"{public}\">"));
    }
    html
}

/// The path of `base_url` (`https://x.org/blog/` → `/blog/`), `/` without one.
pub fn path_of(base_url: &str) -> String {
    let after_scheme = base_url.find("://").map_or(0, |i| i + 3);
    let path = base_url[after_scheme..]
        .find('/')
        .map_or("/", |i| &base_url[after_scheme + i..]);
    normalise_path(path)
}

/// A site path as `/` or `/blog/`, whatever slashes it was written with.
pub fn normalise_path(path: &str) -> String {
    format!("/{}/", path.trim_matches('/')).replace("//", "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shell_moves_to_the_sites_path() {
        let shell = "<base href=/><link href=/main-1.css rel=stylesheet><script src=theme.js></script>\
                     <script type=module>import init from '/app-1.js';\
                     await init({ module_or_path: '/app-1_bg.wasm' });</script>";
        let names = ["app-1.js", "app-1_bg.wasm", "main-1.css", "theme.js"].map(String::from);
        assert_eq!(
            moved_to(shell, &names, "/blog/"),
            "<base href=\"/blog/\"><link href=/blog/main-1.css rel=stylesheet><script src=theme.js></script>\
             <script type=module>import init from '/blog/app-1.js';\
             await init({ module_or_path: '/blog/app-1_bg.wasm' });</script>"
        );
        assert_eq!(moved_to(shell, &names, "/"), shell);
    }

    #[test]
    fn paths_of_base_urls() {
        for (url, want) in [
            ("https://x.org/", "/"),
            ("https://x.org", "/"),
            ("https://x.org/blog/", "/blog/"),
            ("https://x.org/a/b", "/a/b/"),
            ("", "/"),
        ] {
            assert_eq!(path_of(url), want, "{url}");
        }
    }

    #[test]
    fn the_embedded_app_has_a_shell_with_its_files() {
        let app = App::embedded("/sub/").expect("built with the app");
        let index = app.index().unwrap();
        assert!(index.contains("<base href=\"/sub/\">"), "{index}");
        let wasm = app
            .top_level_names()
            .into_iter()
            .find(|n| n.ends_with(".wasm"))
            .expect("a wasm file");
        assert!(index.contains(&format!("'/sub/{wasm}'")), "{index}");
    }
}
