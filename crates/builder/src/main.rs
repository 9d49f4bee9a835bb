//! `blog-builder`: see `--help`.

use std::path::PathBuf;
use std::process::ExitCode;

use blog_builder::{AppSource, Options, run};

const HELP: &str = "\
blog-builder: turn content/*.md + content/site.toml into the blog's JSON bundle

USAGE:
    blog-builder [build] [DIR] [--out DIR] [--prefix /P/ | --app DIR | --data-only] [--strict] [--quiet]
    blog-builder serve [DIR] [--prefix /P/ | --app DIR] [--port N] [--host H] [--quiet]

    build (the default) builds once into --out. serve builds into memory,
    serves the site at http://HOST:PORT/PREFIX, and builds again whenever a
    file of the content (or of the app) changes, converting only the posts
    that changed: open pages reload at the same scroll position, and a
    build's errors show over the page (the last good build stays served)
    until they are fixed. DIR is the same as --content.

OPTIONS:
    --content DIR   the posts and site.toml [default: content]: a folder of
                    Markdown posts (.md, .markdown, .mdx; YAML, TOML or JSON
                    front matter; any folder layout), or the root of a Hugo,
                    Zola, Jekyll, Eleventy or Astro site. Every file is
                    accounted for in the summary.
    --out DIR       where to write the site [default: dist]. Replaced atomically:
                    on any error nothing is written and DIR is left as it was.
                    Only a new or empty folder, or an earlier build (it has a
                    .blog-builder file), is ever replaced: the content folder,
                    a file, or a folder of your own is refused untouched.
    --prefix /P/    the path the site is deployed under (/blog/ on GitHub Pages'
                    USER.github.io/blog/) [default: the path of site.toml's base_url].
                    The reader app built into blog-builder is copied there, with one
                    entry page per route (index.html, page/N/, blog/SLUG/, 404.html),
                    sitemap.xml, robots.txt and rss.xml.
    --app DIR       another build of the reader app (Trunk's output, with index.html)
                    instead of the one built in; its <base href> is the prefix.
    --data-only     write only data/ (the JSON bundle), no app and no pages
    --port N        serve: the port [default: 8080]
    --host H        serve: the address to listen on [default: 127.0.0.1]
    --strict        treat warnings as errors
    --quiet         do not print warnings (errors are always printed)
    -h, --help      print this help

Exit status: 0 built, 1 content errors (nothing written), 2 usage error.
";

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("error: {msg}\n  help: run `blog-builder --help` for the options");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut opts = Options {
        content: PathBuf::from("content"),
        out: PathBuf::from("dist"),
        app: AppSource::Embedded(None),
        strict: false,
    };
    let mut quiet = false;
    let mut args = std::env::args_os().skip(1).peekable();
    let serve = match args.peek().and_then(|a| a.to_str()) {
        Some("serve") => {
            args.next();
            true
        }
        Some("build") => {
            args.next();
            false
        }
        _ => false,
    };
    let (mut host, mut port, mut prefix) = ("127.0.0.1".to_owned(), 8080u16, None);
    let mut data_only = false;
    while let Some(arg) = args.next() {
        let Some(a) = arg.to_str() else {
            return usage_error(&format!("unexpected argument {}", arg.to_string_lossy()));
        };
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(PathBuf::from(v))),
            _ => (a, None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next().map(PathBuf::from))
                .ok_or(name.to_owned())
        };
        match name {
            "-h" | "--help" => {
                print!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "--strict" => opts.strict = true,
            "--data-only" if !serve => data_only = true,
            "--quiet" | "-q" => quiet = true,
            "--out" if serve => {
                return usage_error("serve keeps the site in memory: --out is for build");
            }
            "--content" | "--out" | "--app" => match value(name) {
                Ok(v) => match name {
                    "--content" => opts.content = v,
                    "--out" => opts.out = v,
                    _ => opts.app = AppSource::Dir(v),
                },
                Err(n) => return usage_error(&format!("{n} needs a directory")),
            },
            "--port" | "--host" if serve => {
                let Some(v) = value(name).ok().and_then(|v| v.to_str().map(str::to_owned)) else {
                    return usage_error(&format!("{name} needs a value"));
                };
                match name {
                    "--port" => match v.parse() {
                        Ok(p) => port = p,
                        Err(_) => return usage_error(&format!("--port {v} is not a port")),
                    },
                    _ => host = v,
                }
            }
            "--prefix" => {
                let Some(v) = value(name).ok().and_then(|v| v.to_str().map(str::to_owned)) else {
                    return usage_error("--prefix needs a path, like /blog/");
                };
                prefix = Some(blog_builder::emit::app::normalise_path(&v));
            }
            folder if !folder.starts_with('-') => opts.content = PathBuf::from(folder),
            other => return usage_error(&format!("unknown argument `{other}`")),
        }
    }
    match (&opts.app, prefix, data_only) {
        (AppSource::Dir(_), Some(_), _) => {
            return usage_error(
                "--prefix is for the app built in: the <base href> of --app DIR (Trunk's --public-url) is its prefix",
            );
        }
        (AppSource::Dir(_), None, true) => {
            return usage_error("--data-only writes no app: leave out --app");
        }
        (_, _, true) => opts.app = AppSource::None,
        (AppSource::Embedded(_), Some(p), false) => opts.app = AppSource::Embedded(Some(p)),
        _ => {}
    }
    if serve {
        let serving = blog_builder::serve::ServeOptions {
            content: opts.content,
            app: opts.app,
            host,
            port,
            quiet,
        };
        return match blog_builder::serve::serve(serving) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        };
    }
    let report = run(&opts);
    for d in &report.diagnostics {
        if d.is_error() || !quiet {
            eprintln!("{d}");
        }
    }
    if !quiet {
        for note in report.notes() {
            eprintln!("{note}");
        }
    }
    eprintln!("{}", report.summary(&opts.out));
    if report.written {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
