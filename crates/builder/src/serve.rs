//! `blog-builder serve`: the author's loop. Builds the site into memory,
//! serves it like a plain static host, watches the content folder (notify:
//! inotify, FSEvents, ReadDirectoryChanges) and builds again when a file
//! changes; the open pages reload, at the same scroll position, or show the
//! build's errors over the last good site until they are fixed.
//!
//! A build after an edit converts only the posts that changed
//! ([`crate::Cache`]) and renders no file until it is asked for
//! ([`crate::emit::on_demand`]): a saved post is on screen after one post's
//! conversion and one page, whatever the size of the blog. Nothing is
//! written to disk (`blog-builder build` writes the site).
//!
//! The pages learn of builds by long polling `__livereload` (tiny_http has no
//! streaming responses to carry server-sent events): the request waits until
//! the build it names is no longer the latest. The served HTML gets one
//! script, `__livereload.js`, added on the way out. The site's service worker
//! is replaced by one that removes itself, so no page is ever answered from
//! an older build while writing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::emit::app::AppSource;
use crate::emit::on_demand::{MediaCache, OnDemand};
use crate::{Cache, Diagnostic};

/// How `serve` runs.
pub struct ServeOptions {
    /// The posts (or the generator's site).
    pub content: PathBuf,
    /// The reader app (not [`AppSource::None`]).
    pub app: AppSource,
    pub host: String,
    pub port: u16,
    pub quiet: bool,
}

/// What the open pages are told: the latest build, and its errors; and the
/// last good build, which is what is served.
#[derive(Default)]
struct Status {
    generation: u64,
    errors: Vec<Diagnostic>,
    site: Option<Arc<OnDemand>>,
}

struct Shared {
    status: Mutex<Status>,
    changed: Condvar,
}

/// How long a page's request for news waits before it is answered anyway.
const POLL_WAIT: Duration = Duration::from_secs(25);
/// Changes that come within this time of each other make one rebuild (an
/// editor's save is often several events).
const SETTLE: Duration = Duration::from_millis(30);
/// The same for changes of the app's folder: quiet for this long.
const APP_SETTLE: Duration = Duration::from_millis(400);

/// The builds of one server: what they keep from each other.
struct Builder {
    opts: ServeOptions,
    cache: Cache,
    media: MediaCache,
    /// The warnings the last build printed.
    shown: HashSet<String>,
}

/// What a build prints of its diagnostics: every error, and the warnings
/// the last build did not print (after a save, what the save changed, not
/// every warning of the blog again); with how many warnings were left out
/// as printed before. `shown` becomes this build's warnings.
fn to_print(
    diags: &[Diagnostic],
    shown: &mut HashSet<String>,
    quiet: bool,
) -> (Vec<String>, usize) {
    let mut print = Vec::new();
    let mut repeated = 0;
    let mut now = HashSet::new();
    for d in diags {
        let text = d.to_string();
        if d.is_error() {
            print.push(text);
        } else if !quiet {
            if shown.contains(&text) {
                repeated += 1;
            } else {
                print.push(text.clone());
            }
            now.insert(text);
        }
    }
    *shown = now;
    (print, repeated)
}

impl Builder {
    fn build(&mut self, shared: &Shared) {
        let started = Instant::now();
        let mut diags = Vec::new();
        let compiled =
            crate::compile_with(&self.opts.content, &[], &mut diags, &mut self.cache, false);
        let cap =
            crate::emit::offline::cap_setting(&self.opts.content.join("site.toml"), &mut diags);
        let site = match (compiled, cap) {
            (Some(c), Some(_)) => {
                let app = self
                    .opts
                    .app
                    .load(&c.site.config.base_url)
                    .and_then(|app| app.ok_or_else(|| "serve needs the reader app".to_owned()));
                match app.and_then(|app| OnDemand::new(c.site, c.related, app, self.media.clone()))
                {
                    Ok(site) => {
                        let site = Arc::new(site);
                        let warming = site.clone();
                        std::thread::spawn(move || warming.warm());
                        Some(site)
                    }
                    Err(e) => {
                        diags.push(Diagnostic::error(&self.opts.content, e));
                        None
                    }
                }
            }
            _ => None,
        };
        let (print, repeated) = to_print(&diags, &mut self.shown, self.opts.quiet);
        for text in print {
            eprintln!("{text}");
        }
        let errors: Vec<Diagnostic> = diags.into_iter().filter(Diagnostic::is_error).collect();
        let as_before = match repeated {
            0 => String::new(),
            n => format!("; {} as before", crate::plural(n, "warning", "warnings")),
        };
        match &site {
            Some(s) => eprintln!(
                "built {} posts in {} ms{as_before}",
                s.site().posts.len(),
                started.elapsed().as_millis()
            ),
            None => eprintln!(
                "build failed: {} errors; the last good build is still served",
                errors.len()
            ),
        }
        let mut status = shared.status.lock().expect("not poisoned");
        status.generation += 1;
        status.errors = errors;
        if site.is_some() {
            status.site = site;
        }
        shared.changed.notify_all();
    }
}

/// True for a file whose change can only change the post it is (so the
/// posts converted before stay good): Markdown.
fn is_post_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown" | "mdx")
    )
}

/// Builds, serves and rebuilds until the process is stopped.
pub fn serve(opts: ServeOptions) -> Result<(), String> {
    let shared = Arc::new(Shared {
        status: Mutex::new(Status::default()),
        changed: Condvar::new(),
    });
    let app_dir = opts.app.dir().map(Path::to_path_buf);
    let content = opts.content.clone();
    let addr = format!("{}:{}", opts.host, opts.port);
    let mut builder = Builder {
        opts,
        cache: Cache::kept(),
        media: MediaCache::default(),
        shown: HashSet::new(),
    };
    builder.build(&shared);
    let prefix = shared
        .status
        .lock()
        .expect("not poisoned")
        .site
        .as_ref()
        .map_or("/".to_owned(), |s| s.public_path().to_owned());
    let server =
        tiny_http::Server::http(&addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    eprintln!(
        "serving at http://{addr}{prefix} (watching {}; Ctrl+C stops)",
        content.display()
    );
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reading a file is no change (the build itself reads them all).
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            let _ = tx.send(event);
        }
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    watcher
        .watch(&content, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", content.display()))?;
    if let Some(app) = &app_dir {
        watcher
            .watch(app, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", app.display()))?;
    }
    let http = shared.clone();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let (shared, prefix) = (http.clone(), prefix.clone());
            std::thread::spawn(move || answer(request, &prefix, &shared));
        }
    });
    let ignored = |p: &Path| p.components().any(|c| c.as_os_str() == ".git");
    loop {
        let Ok(first) = rx.recv() else {
            return Ok(());
        };
        let mut events = vec![first];
        // Trunk replaces the app's files one by one: its changes are waited
        // out longer, so that the pages reload once, onto the whole new app.
        let of_app = |e: &notify::Event| {
            app_dir
                .as_ref()
                .is_some_and(|d| e.paths.iter().any(|p| p.starts_with(d)))
        };
        let mut settle = if of_app(&events[0]) {
            APP_SETTLE
        } else {
            SETTLE
        };
        let mut deadline = Instant::now() + settle;
        while let Ok(more) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            if of_app(&more) {
                settle = APP_SETTLE;
            }
            deadline = deadline.max(Instant::now() + settle);
            events.push(more);
        }
        let paths: Vec<&PathBuf> = events
            .iter()
            .flat_map(|e| &e.paths)
            .filter(|p| !ignored(p))
            .collect();
        if paths.is_empty() {
            continue;
        }
        // A picture, a template or the settings may change any post.
        if paths.iter().any(|p| !is_post_file(p)) {
            builder.cache.clear();
        }
        builder.build(&shared);
    }
}

/// The state of builds as the pages read it.
fn news(status: &Status) -> String {
    let errors: Vec<serde_json::Value> = status
        .errors
        .iter()
        .take(10)
        .map(|d| {
            serde_json::json!({
                "file": d.file.display().to_string(),
                "line": d.line,
                "message": d.message,
                "help": d.help,
            })
        })
        .collect();
    serde_json::json!({
        "generation": status.generation,
        "errors": errors,
    })
    .to_string()
}

fn answer(request: tiny_http::Request, prefix: &str, shared: &Shared) {
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    let Some(rel) = path
        .strip_prefix(prefix)
        .or_else(|| (path.clone() + "/").strip_prefix(prefix).map(|_| ""))
    else {
        return respond(
            request,
            404,
            "text/plain; charset=utf-8",
            b"not under the site's path".to_vec(),
        );
    };
    let rel = rel.to_owned();
    match rel.as_str() {
        "__livereload" => {
            let seen: Option<u64> = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("seen="))
                .and_then(|v| v.parse().ok());
            let mut status = shared.status.lock().expect("not poisoned");
            if let Some(seen) = seen {
                let until = Instant::now() + POLL_WAIT;
                while status.generation == seen && Instant::now() < until {
                    status = shared
                        .changed
                        .wait_timeout(status, until.saturating_duration_since(Instant::now()))
                        .expect("not poisoned")
                        .0;
                }
            }
            let body = news(&status);
            drop(status);
            respond(request, 200, "application/json", body.into_bytes());
        }
        "__livereload.js" => respond(
            request,
            200,
            "text/javascript; charset=utf-8",
            include_bytes!("serve/livereload.js").to_vec(),
        ),
        // While writing, no page comes from a worker's cache of an older build.
        "sw.js" => respond(
            request,
            200,
            "text/javascript; charset=utf-8",
            include_bytes!("serve/sw.js").to_vec(),
        ),
        _ => {
            let (generation, site) = {
                let status = shared.status.lock().expect("not poisoned");
                (status.generation, status.site.clone())
            };
            file(request, site.as_deref(), &rel, prefix, generation)
        }
    }
}

/// A file of the site, as a plain static host serves it.
fn file(
    request: tiny_http::Request,
    site: Option<&OnDemand>,
    rel: &str,
    prefix: &str,
    generation: u64,
) {
    let Some(site) = site else {
        // No build has succeeded yet: a page that shows the errors and
        // reloads when they are fixed.
        let page = b"<!doctype html><html><head><meta charset=utf-8><title>Build failed</title></head><body></body></html>";
        return respond(
            request,
            500,
            "text/html; charset=utf-8",
            with_livereload(page.to_vec(), prefix, generation),
        );
    };
    let get = |rel: &str| {
        site.get(rel).unwrap_or_else(|e| {
            eprintln!("error: {rel}: {e}");
            None
        })
    };
    let index = format!("{rel}index.html");
    let found = if rel.is_empty() || rel.ends_with('/') {
        get(&index).map(|b| (b, index.as_str()))
    } else if rel.split('/').any(|seg| seg == "..") {
        None
    } else {
        match get(rel) {
            Some(bytes) => Some((bytes, rel)),
            None if get(&format!("{rel}/index.html")).is_some() => {
                let to = format!("{prefix}{rel}/");
                let header =
                    tiny_http::Header::from_bytes("Location", to.as_bytes()).expect("header");
                let _ = request.respond(tiny_http::Response::empty(301).with_header(header));
                return;
            }
            None => None,
        }
    };
    let (status, bytes, name) = match found {
        Some((bytes, name)) => (200, bytes, name),
        None => (
            404,
            get("404.html").unwrap_or_else(|| b"not found".to_vec()),
            "404.html",
        ),
    };
    let kind = content_type(Path::new(name));
    let bytes = if kind.starts_with("text/html") {
        with_livereload(bytes, prefix, generation)
    } else {
        bytes
    };
    // The app's files are named by their hash: the browser keeps them (and
    // its compiled WebAssembly) from one reload to the next.
    let cache = if crate::emit::headers::is_hashed(name) {
        "max-age=31536000, immutable"
    } else {
        "no-store"
    };
    respond_cached(request, status, kind, bytes, cache)
}

/// The page with the live-reload script added before `</head>`, told which
/// build the page is of.
fn with_livereload(bytes: Vec<u8>, prefix: &str, generation: u64) -> Vec<u8> {
    let Ok(html) = String::from_utf8(bytes.clone()) else {
        return bytes;
    };
    let tag = format!("<script src=\"{prefix}__livereload.js?{generation}\" defer></script>");
    match html.find("</head>") {
        Some(at) => format!("{}{tag}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{tag}{html}").into_bytes(),
    }
}

fn respond(request: tiny_http::Request, status: u16, kind: &str, body: Vec<u8>) {
    respond_cached(request, status, kind, body, "no-store")
}

fn respond_cached(
    request: tiny_http::Request,
    status: u16,
    kind: &str,
    body: Vec<u8>,
    cache: &str,
) {
    let response = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(
            tiny_http::Header::from_bytes("Content-Type", kind.as_bytes()).expect("header"),
        )
        .with_header(tiny_http::Header::from_bytes("Cache-Control", cache).expect("header"));
    let _ = request.respond(response);
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "webmanifest" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "ogg" => "audio/ogg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_the_reload_script_in_their_head() {
        let page = with_livereload(
            b"<html><head><title>a</title></head><body>x</body></html>".to_vec(),
            "/sub/",
            7,
        );
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><head><title>a</title><script src=\"/sub/__livereload.js?7\" defer></script></head><body>x</body></html>"
        );
    }

    #[test]
    fn a_rebuild_prints_new_warnings_and_counts_the_others() {
        let a = Diagnostic::warning(Path::new("content/a.md"), "no description").line(2);
        let b = Diagnostic::warning(Path::new("content/b.md"), "link to /nope/").line(9);
        let bad = Diagnostic::error(Path::new("content/c.md"), "bad date").line(3);
        let mut shown = HashSet::new();
        let (print, repeated) = to_print(&[a.clone(), bad.clone()], &mut shown, false);
        assert_eq!(print, [a.to_string(), bad.to_string()]);
        assert_eq!(repeated, 0);
        // The same warning again is counted, a new one printed; errors always are.
        let (print, repeated) = to_print(&[a.clone(), b.clone(), bad.clone()], &mut shown, false);
        assert_eq!(print, [b.to_string(), bad.to_string()]);
        assert_eq!(repeated, 1);
        // A warning gone and back is printed again.
        let (_, repeated) = to_print(std::slice::from_ref(&b), &mut shown, false);
        assert_eq!(repeated, 1);
        let (print, _) = to_print(&[a.clone(), b.clone()], &mut shown, false);
        assert_eq!(print, [a.to_string()]);
        // --quiet: errors only.
        let (print, repeated) = to_print(&[a, bad.clone()], &mut HashSet::new(), true);
        assert_eq!((print, repeated), (vec![bad.to_string()], 0));
    }

    #[test]
    fn news_names_each_error_with_file_and_line() {
        let status = Status {
            generation: 3,
            errors: vec![Diagnostic::error(Path::new("content/a.md"), "bad date").line(4)],
            site: None,
        };
        let v: serde_json::Value = serde_json::from_str(&news(&status)).unwrap();
        assert_eq!(v["generation"], 3);
        assert_eq!(v["errors"][0]["file"], "content/a.md");
        assert_eq!(v["errors"][0]["line"], 4);
        assert_eq!(v["errors"][0]["message"], "bad date");
    }
}
