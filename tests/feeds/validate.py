#!/usr/bin/env python3
"""Validates the feed, sitemap and robots.txt of a built site with real parsers.

    python3 tests/feeds/validate.py DIST [DIST ...]

RSS is read with feedparser (installed by scripts/install-tools.sh into
.tools/python); the sitemap with ElementTree against the sitemaps.org
namespace. Every URL must be absolute, under the site's base_url, and name a
file that exists in DIST. Prints one line per site and a closing
"feeds: N passed, N failed" line.
"""
import json
import os
import sys
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", ".tools", "python"))
import feedparser  # noqa: E402

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def file_for(dist, base_url, url):
    """The file a static host serves for `url`, or None when it is outside the site."""
    if not url.startswith(base_url):
        return None
    rel = url[len(base_url):].split("#")[0]
    path = os.path.join(dist, rel)
    if rel == "" or rel.endswith("/"):
        path = os.path.join(path, "index.html")
    return path


def check(dist):
    problems = []
    manifest = json.load(open(os.path.join(dist, "data", "manifest.json"), encoding="utf-8"))
    base_url = manifest["site"]["base_url"]
    posts = manifest["post_count"]

    feed = feedparser.parse(os.path.join(dist, "rss.xml"))
    if feed.bozo:
        problems.append(f"rss.xml is not well-formed: {feed.bozo_exception}")
    if feed.version != "rss20":
        problems.append(f"rss.xml is {feed.version or 'no known format'}, not RSS 2.0")
    if feed.feed.get("title") != manifest["site"]["title"]:
        problems.append(f"feed title {feed.feed.get('title')!r} is not the site title")
    if len(feed.entries) != posts:
        problems.append(f"rss.xml has {len(feed.entries)} items for {posts} posts")
    for entry in feed.entries:
        for key in ("title", "link", "published_parsed", "id"):
            if not entry.get(key):
                problems.append(f"feed item {entry.get('link')!r} has no {key}")
        path = file_for(dist, base_url, entry.get("link", ""))
        if not path or not os.path.isfile(path):
            problems.append(f"feed link {entry.get('link')!r} is not a page of the site")

    tree = ET.parse(os.path.join(dist, "sitemap.xml"))
    root = tree.getroot()
    if root.tag != f"{SITEMAP_NS}urlset":
        problems.append(f"sitemap root is {root.tag}, not a sitemaps.org urlset")
    locs = [u.findtext(f"{SITEMAP_NS}loc") for u in root.findall(f"{SITEMAP_NS}url")]
    if len(locs) < posts + 1:
        problems.append(f"sitemap lists {len(locs)} URLs for {posts} posts and the home page")
    for loc in locs:
        parsed = urlparse(loc or "")
        path = file_for(dist, base_url, loc or "")
        if parsed.scheme not in ("http", "https") or not path or not os.path.isfile(path):
            problems.append(f"sitemap URL {loc!r} is not an absolute URL of a page of the site")

    robots = open(os.path.join(dist, "robots.txt"), encoding="utf-8").read()
    if f"Sitemap: {base_url}sitemap.xml" not in robots:
        problems.append("robots.txt does not point at the sitemap with an absolute URL")
    return problems


def main():
    dists = sys.argv[1:] or ["dist"]
    failed = 0
    for dist in dists:
        problems = check(dist)
        if problems:
            failed += 1
            print(f"FAIL {dist}")
            for p in problems:
                print(f"  {p}")
        else:
            print(f"ok   {dist}: rss.xml, sitemap.xml and robots.txt are valid")
    print(f"feeds: {len(dists) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
