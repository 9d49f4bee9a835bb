//! `blog-builder`: see `--help`.

use std::path::PathBuf;
use std::process::ExitCode;

use blog_builder::{Options, run};

const HELP: &str = "\
blog-builder: turn content/*.md + content/site.toml into the blog's JSON bundle

USAGE:
    blog-builder [build] [DIR] [--content DIR] [--out DIR] [--app DIR] [--strict] [--quiet]
    blog-builder serve [DIR] [--out DIR] [--app DIR] [--port N] [--host H] [--prefix /P/]

    build (the default) builds once. serve builds, serves the site at
    http://HOST:PORT/PREFIX, and rebuilds whenever a file of the content (or
    of the app) changes: open pages reload at the same scroll position, and
    a build's errors show over the page (the last good build stays served)
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
    --app DIR       the reader app's compiled shell (Trunk output with index.html).
                    Its files are copied to the output together with one entry page
                    per route (index.html, page/N/, blog/SLUG/, 404.html),
                    sitemap.xml, robots.txt and rss.xml. Without it only data/ is written.
    --port N        serve: the port [default: 8080]
    --host H        serve: the address to listen on [default: 127.0.0.1]
    --prefix /P/    serve: the sub-path the app was built for [default: /]
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
        app: None,
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
    let (mut host, mut port, mut prefix) = ("127.0.0.1".to_owned(), 8080u16, "/".to_owned());
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
            "--quiet" | "-q" => quiet = true,
            "--content" | "--out" | "--app" => match value(name) {
                Ok(v) => match name {
                    "--content" => opts.content = v,
                    "--out" => opts.out = v,
                    _ => opts.app = Some(v),
                },
                Err(n) => return usage_error(&format!("{n} needs a directory")),
            },
            "--port" | "--host" | "--prefix" if serve => {
                let Some(v) = value(name).ok().and_then(|v| v.to_str().map(str::to_owned)) else {
                    return usage_error(&format!("{name} needs a value"));
                };
                match name {
                    "--port" => match v.parse() {
                        Ok(p) => port = p,
                        Err(_) => return usage_error(&format!("--port {v} is not a port")),
                    },
                    "--host" => host = v,
                    _ => prefix = format!("/{}/", v.trim_matches('/')).replace("//", "/"),
                }
            }
            folder if !folder.starts_with('-') => opts.content = PathBuf::from(folder),
            other => return usage_error(&format!("unknown argument `{other}`")),
        }
    }
    if serve {
        let Some(_) = &opts.app else {
            return usage_error(
                "serve needs --app DIR: the reader app built by Trunk (make serve passes build/app)",
            );
        };
        let serving = blog_builder::serve::ServeOptions {
            build: opts,
            host,
            port,
            prefix,
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
