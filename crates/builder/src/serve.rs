//! `blog-builder serve`: the author's loop. Builds the site, serves it like a
//! plain static host, watches the content folder (notify: inotify, FSEvents,
//! ReadDirectoryChanges) and rebuilds when a file changes; the open pages
//! reload, at the same scroll position, or show the build's errors over the
//! last good site until they are fixed.
//!
//! The pages learn of builds by long polling `__livereload` (tiny_http has no
//! streaming responses to carry server-sent events): the request waits until
//! the build it names is no longer the latest. The served HTML gets one
//! script, `__livereload.js`, added on the way out; the files of the build
//! are the same as `blog-builder build` writes. Its service worker is
//! replaced by one that removes itself, so no page is ever answered from an
//! older release while writing.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::{Diagnostic, Options, Report, run};

/// How `serve` runs.
pub struct ServeOptions {
    pub build: Options,
    pub host: String,
    pub port: u16,
    /// The sub-path the site is served under (`/` or `/blog/`), as the app
    /// was built for (Trunk's `--public-url`).
    pub prefix: String,
    pub quiet: bool,
}

/// What the open pages are told: the latest build, and its errors.
#[derive(Default)]
struct Status {
    generation: u64,
    errors: Vec<Diagnostic>,
}

struct Shared {
    status: Mutex<Status>,
    changed: Condvar,
}

/// How long a page's request for news waits before it is answered anyway.
const POLL_WAIT: Duration = Duration::from_secs(25);
/// Changes that come within this time of each other make one rebuild (an
/// editor's save is often several events).
const SETTLE: Duration = Duration::from_millis(80);

/// Builds, serves and rebuilds until the process is stopped.
pub fn serve(opts: ServeOptions) -> Result<(), String> {
    let shared = Arc::new(Shared {
        status: Mutex::new(Status::default()),
        changed: Condvar::new(),
    });
    rebuild(&opts, &shared);
    let addr = format!("{}:{}", opts.host, opts.port);
    let server =
        tiny_http::Server::http(&addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    eprintln!(
        "serving {} at http://{addr}{} (watching {}; Ctrl+C stops)",
        opts.build.out.display(),
        opts.prefix,
        opts.build.content.display()
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
        .watch(&opts.build.content, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", opts.build.content.display()))?;
    if let Some(app) = &opts.build.app {
        watcher
            .watch(app, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", app.display()))?;
    }
    let out = std::fs::canonicalize(&opts.build.out).unwrap_or(opts.build.out.clone());
    let prefix = opts.prefix.clone();
    let site = opts.build.out.clone();
    let http = shared.clone();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let (shared, site, prefix) = (http.clone(), site.clone(), prefix.clone());
            std::thread::spawn(move || answer(request, &site, &prefix, &shared));
        }
    });
    // Rebuild on changes, except those of the build's own output.
    let ours = |p: &Path| {
        let staging = out.with_extension("staging");
        p.starts_with(&out)
            || p.starts_with(&staging)
            || p.components().any(|c| c.as_os_str() == ".git")
    };
    loop {
        let Ok(first) = rx.recv() else {
            return Ok(());
        };
        let mut relevant = first.paths.iter().any(|p| !ours(p));
        let deadline = Instant::now() + SETTLE;
        while let Ok(more) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            relevant |= more.paths.iter().any(|p| !ours(p));
        }
        if relevant {
            rebuild(&opts, &shared);
        }
    }
}

fn rebuild(opts: &ServeOptions, shared: &Shared) {
    let report: Report = run(&opts.build);
    for d in &report.diagnostics {
        if d.is_error() || !opts.quiet {
            eprintln!("{d}");
        }
    }
    eprintln!("{}", report.summary(&opts.build.out));
    let mut status = shared.status.lock().expect("not poisoned");
    status.generation += 1;
    status.errors = report
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    shared.changed.notify_all();
}

/// The state of builds as the pages read it.
fn news(status: &Status, site: &Path) -> String {
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
        "site": site.display().to_string(),
    })
    .to_string()
}

fn answer(request: tiny_http::Request, site: &Path, prefix: &str, shared: &Shared) {
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
            let body = news(&status, site);
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
            let generation = shared.status.lock().expect("not poisoned").generation;
            file(request, site, &rel, prefix, generation)
        }
    }
}

/// A file of the site, as a plain static host serves it.
fn file(request: tiny_http::Request, site: &Path, rel: &str, prefix: &str, generation: u64) {
    if rel.split('/').any(|seg| seg == "..") {
        return respond(
            request,
            404,
            "text/plain; charset=utf-8",
            b"not found".to_vec(),
        );
    }
    let mut path: PathBuf = site.join(rel);
    if path.is_dir() {
        if !rel.is_empty() && !rel.ends_with('/') {
            let to = format!("{prefix}{rel}/");
            let header = tiny_http::Header::from_bytes("Location", to.as_bytes()).expect("header");
            let _ = request.respond(tiny_http::Response::empty(301).with_header(header));
            return;
        }
        path = path.join("index.html");
    }
    let (status, path) = if path.is_file() {
        (200, path)
    } else {
        (404, site.join("404.html"))
    };
    let Ok(bytes) = std::fs::read(&path) else {
        return respond(
            request,
            404,
            "text/plain; charset=utf-8",
            b"not found".to_vec(),
        );
    };
    let kind = content_type(&path);
    let bytes = if kind.starts_with("text/html") {
        with_livereload(bytes, prefix, generation)
    } else {
        bytes
    };
    respond(request, status, kind, bytes)
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
    let response = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(
            tiny_http::Header::from_bytes("Content-Type", kind.as_bytes()).expect("header"),
        )
        .with_header(tiny_http::Header::from_bytes("Cache-Control", "no-store").expect("header"));
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
    fn news_names_each_error_with_file_and_line() {
        let status = Status {
            generation: 3,
            errors: vec![Diagnostic::error(Path::new("content/a.md"), "bad date").line(4)],
        };
        let v: serde_json::Value = serde_json::from_str(&news(&status, Path::new("dist"))).unwrap();
        assert_eq!(v["generation"], 3);
        assert_eq!(v["errors"][0]["file"], "content/a.md");
        assert_eq!(v["errors"][0]["line"], 4);
        assert_eq!(v["errors"][0]["message"], "bad date");
    }
}
