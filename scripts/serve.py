#!/usr/bin/env python3
"""Plain static file server for the built site (dist/), Python 3.11 stdlib only.

It behaves like GitHub Pages or S3 static hosting, with no rewrite rules:

* a file is served as is, with a Content-Type from its extension;
* a directory with a trailing slash serves the index.html inside it;
* a directory without the trailing slash is redirected (301) to the slash form;
* anything else is a 404 whose body is <root>/404.html when that file exists;
* with --prefix /sub/ the root is served under that path only, and every path
  outside the prefix is a 404;
* with --gzip, text, JSON and WebAssembly go out gzip-compressed to clients that
  accept it, as GitHub Pages, Netlify and CloudFront do (the benchmarks use it,
  so that both sites are measured as a reader would fetch them);
* with --spa it acts as a host with an SPA fallback (Netlify's
  `/* /index.html 200`, Firebase and Vercel rewrites, Cloudflare Pages without
  a 404 page): every missing file is answered with <root>/index.html and 200;
* with --headers it applies <root>/_headers (Netlify's and Cloudflare Pages'
  format: a path pattern, then indented `Name: value` lines) as those hosts do.

Usage: python3 scripts/serve.py [--root dist] [--port 8080] [--host 127.0.0.1]
                                [--prefix /] [--gzip] [--spa] [--headers] [--quiet]
"""

from __future__ import annotations

import argparse
import email.utils
import fnmatch
import gzip
import os
import shutil
import sys
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Extension -> Content-Type. Checked before the mimetypes module so the answer
# does not depend on the machine's /etc/mime.types.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".pdf": "application/pdf",
}
DEFAULT_CONTENT_TYPE = "application/octet-stream"

# Content types worth compressing (images and fonts are compressed already).
COMPRESSIBLE = ("text/", "application/json", "application/wasm", "application/xml",
                "application/rss+xml", "application/atom+xml", "application/manifest+json",
                "image/svg+xml")


def content_type(path: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext in CONTENT_TYPES:
        return CONTENT_TYPES[ext]
    import mimetypes

    guessed, _ = mimetypes.guess_type(path)
    return guessed or DEFAULT_CONTENT_TYPE


def normalize_prefix(prefix: str) -> str:
    """'' / 'blog' / '/blog' / '/blog/' -> '/' or '/blog/'."""
    prefix = "/" + prefix.strip("/")
    return prefix if prefix == "/" else prefix + "/"


class StaticHandler(BaseHTTPRequestHandler):
    server_version = "blogreader-static/1"
    protocol_version = "HTTP/1.1"
    # Headers and body are two writes: with Nagle's algorithm on, the body of
    # a small file on a kept-alive connection waits for the client's delayed
    # ACK of the headers, 40 ms on Linux. Static hosts and CDNs send at once.
    disable_nagle_algorithm = True

    # Set on the subclass made in main().
    root: str = "dist"
    prefix: str = "/"
    quiet: bool = False
    gzip: bool = False
    spa: bool = False
    # (pattern, [(name, value)]) from <root>/_headers, with --headers.
    header_rules: list = []
    # (path, mtime) -> gzip body, so a benchmark's repeated loads cost no CPU here.
    gzip_cache: dict = {}

    # -- HTTP methods -------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self.handle_request(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.handle_request(send_body=False)

    # -- core ---------------------------------------------------------------

    def handle_request(self, send_body: bool) -> None:
        raw_path, _, query = self.path.partition("?")
        raw_path = raw_path.partition("#")[0]
        if not raw_path.startswith("/"):
            # Absolute-form request targets ("http://host/x") or garbage.
            parsed = urllib.parse.urlsplit(self.path)
            raw_path, query = parsed.path or "/", parsed.query

        # The prefix itself without its slash: redirect like a directory.
        if self.prefix != "/" and raw_path == self.prefix.rstrip("/"):
            self.redirect(raw_path + "/", query, send_body)
            return
        if not raw_path.startswith(self.prefix):
            self.not_found(send_body)
            return

        try:
            rel = urllib.parse.unquote(raw_path[len(self.prefix):], errors="strict")
        except UnicodeDecodeError:
            self.send_plain(HTTPStatus.BAD_REQUEST, "Bad Request: path is not UTF-8\n", send_body)
            return
        parts = rel.split("/")
        if any(p in ("..", ".") or "\\" in p or "\x00" in p for p in parts):
            self.send_plain(HTTPStatus.BAD_REQUEST, "Bad Request: path traversal\n", send_body)
            return

        fs_path = os.path.join(self.root, *[p for p in parts if p])
        real = os.path.realpath(fs_path)
        if real != self.root and not real.startswith(self.root + os.sep):
            # A symlink pointing out of the root counts as traversal too.
            self.not_found(send_body)
            return

        if os.path.isdir(real):
            if not raw_path.endswith("/"):
                self.redirect(raw_path + "/", query, send_body)
                return
            real = os.path.join(real, "index.html")
        if not os.path.isfile(real):
            self.not_found(send_body)
            return
        self.send_file(HTTPStatus.OK, real, send_body)

    # -- responses ----------------------------------------------------------

    def send_file(self, status: HTTPStatus, path: str, send_body: bool) -> None:
        try:
            f = open(path, "rb")
        except OSError:
            self.send_plain(HTTPStatus.NOT_FOUND, "Not Found\n", send_body)
            return
        with f:
            st = os.fstat(f.fileno())
            if status == HTTPStatus.OK and self.not_modified(st.st_mtime):
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.send_header("Last-Modified", email.utils.formatdate(st.st_mtime, usegmt=True))
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                return
            ctype = content_type(path)
            body = self.gzipped(f, path, st.st_mtime, ctype)
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(st.st_size if body is None else len(body)))
            extra = self.rule_headers()
            if not any(k.lower() == "cache-control" for k, _ in extra):
                self.send_header("Cache-Control", "no-cache")
            for name, value in extra:
                self.send_header(name, value)
            if self.gzip:
                self.send_header("Vary", "Accept-Encoding")
            if body is not None:
                self.send_header("Content-Encoding", "gzip")
            if status == HTTPStatus.OK:
                self.send_header("Last-Modified", email.utils.formatdate(st.st_mtime, usegmt=True))
            self.end_headers()
            if send_body:
                if body is None:
                    shutil.copyfileobj(f, self.wfile)
                else:
                    self.wfile.write(body)

    def gzipped(self, f, path: str, mtime: float, ctype: str) -> bytes | None:
        """The gzip body for this response, or None to send the file as is."""
        if not self.gzip or not ctype.startswith(COMPRESSIBLE):
            return None
        accepted = self.headers.get("Accept-Encoding", "")
        if "gzip" not in [e.split(";")[0].strip() for e in accepted.split(",")]:
            return None
        key = (path, mtime)
        if key not in self.gzip_cache:
            # Level 6, as nginx and most hosts use; mtime 0 keeps the bytes stable.
            self.gzip_cache[key] = gzip.compress(f.read(), compresslevel=6, mtime=0)
        return self.gzip_cache[key]

    def not_modified(self, mtime: float) -> bool:
        ims = self.headers.get("If-Modified-Since")
        if not ims or self.headers.get("If-None-Match"):
            return False
        try:
            since = email.utils.parsedate_to_datetime(ims).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        return int(mtime) <= int(since)

    def rule_headers(self) -> list:
        """Headers of every _headers rule whose pattern matches this request's path."""
        path = self.path.partition("?")[0].partition("#")[0]
        out = []
        for pattern, headers in self.header_rules:
            if fnmatch.fnmatchcase(path, pattern):
                out.extend(headers)
        return out

    def not_found(self, send_body: bool) -> None:
        index = os.path.join(self.root, "index.html")
        if self.spa and os.path.isfile(index):
            self.send_file(HTTPStatus.OK, index, send_body)
            return
        page = os.path.join(self.root, "404.html")
        if os.path.isfile(page):
            self.send_file(HTTPStatus.NOT_FOUND, page, send_body)
        else:
            self.send_plain(HTTPStatus.NOT_FOUND, "Not Found\n", send_body)

    def redirect(self, location: str, query: str, send_body: bool) -> None:
        if query:
            location += "?" + query
        body = f"Moved Permanently: {location}\n"
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body.encode())))
        self.end_headers()
        if send_body:
            self.wfile.write(body.encode())

    def send_plain(self, status: HTTPStatus, text: str, send_body: bool) -> None:
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if send_body:
            self.wfile.write(data)

    # -- plumbing -----------------------------------------------------------

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        if not self.quiet:
            super().log_message(format, *args)


def read_headers(path: str) -> list:
    """Rules of a Netlify/Cloudflare `_headers` file: [(pattern, [(name, value)])]."""
    rules: list = []
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        return rules
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules and ":" in line:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Serve a directory like a static host (no rewrites).")
    ap.add_argument("--root", default="dist", help="directory to serve (default: dist)")
    ap.add_argument("--port", type=int, default=8080, help="port (default: 8080; 0 picks a free one)")
    ap.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    ap.add_argument("--prefix", default="/", help="URL path the root is served under (default: /)")
    ap.add_argument("--gzip", action="store_true",
                    help="gzip text, JSON and wasm for clients that accept it")
    ap.add_argument("--spa", action="store_true",
                    help="answer every missing file with index.html and 200, as SPA-fallback hosts do")
    ap.add_argument("--headers", action="store_true",
                    help="apply <root>/_headers (Netlify / Cloudflare Pages format)")
    ap.add_argument("--quiet", action="store_true", help="do not log requests")
    args = ap.parse_args(argv)

    root = os.path.realpath(args.root)
    if not os.path.isdir(root):
        print(f"serve.py: no such directory: {args.root}", file=sys.stderr)
        return 2

    handler = type(
        "Handler",
        (StaticHandler,),
        {
            "root": root,
            "prefix": normalize_prefix(args.prefix),
            "quiet": args.quiet,
            "gzip": args.gzip,
            "gzip_cache": {},
            "spa": args.spa,
            "header_rules": read_headers(os.path.join(root, "_headers")) if args.headers else [],
        },
    )
    ThreadingHTTPServer.daemon_threads = True
    try:
        httpd = ThreadingHTTPServer((args.host, args.port), handler)
    except OSError as e:
        print(f"serve.py: cannot listen on {args.host}:{args.port}: {e}", file=sys.stderr)
        return 1
    port = httpd.server_address[1]
    print(f"serving {args.root} at http://{args.host}:{port}{handler.prefix}", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
