#!/usr/bin/env python3
"""Converts a gen-corpus content directory into a minimal Hugo site.

usage: to_hugo.py CONTENT_DIR SITE_DIR THRESHOLD

Each post becomes content/posts/<slug>.md with title, date, and its keywords
and tags merged (as the builder merges them) into a `keywords` list; the
`related` config indexes keywords (weight 100) and date (weight 10), with
includeNewer = true. The single-page layout prints the slugs of
`.Site.RegularPages.Related .`, first 4, as JSON.
"""
import json
import os
import sys


def unquote(v):
    v = v.strip()
    if v.startswith('"'):
        return json.loads(v)
    if v.startswith("'"):
        return v[1:-1].replace("''", "'")
    return v


def parse(md):
    """The two front-matter styles gen-corpus writes (one-line quoted, block YAML)."""
    _, fm, body = md.split("---\n", 2)
    fields, lists, current = {}, {"keywords": [], "tags": []}, None
    for line in fm.splitlines():
        if line.startswith("  - ") and current in lists:
            lists[current].append(unquote(line[4:]))
            continue
        if line.startswith("  ") and current:
            fields[current] = (fields.get(current, "") + " " + line.strip()).strip()
            continue
        key, _, value = line.partition(":")
        current = key.strip()
        value = value.strip()
        if value in ("", ">-"):
            continue
        if current == "keywords":
            lists["keywords"] += [k.strip() for k in unquote(value).split(",") if k.strip()]
        else:
            fields[current] = unquote(value)
    # `keywords: >-` with the comma-separated string on the following lines.
    lists["keywords"] += [k.strip() for k in fields.pop("keywords", "").split(",") if k.strip()]
    names, seen = [], set()
    for k in lists["keywords"] + lists["tags"]:
        if k.lower() not in seen:
            seen.add(k.lower())
            names.append(k)
    return fields, names, body


# Hugo's related content: keywords (weight 100) and date (weight 10), newer posts too.
RELATED = """[related]
  includeNewer = true
  threshold = {threshold}
  toLower = true
  [[related.indices]]
    name = "keywords"
    weight = 100
  [[related.indices]]
    name = "date"
    weight = 10
"""

CONFIG = """baseURL = "https://example.org/"
title = "Corpus"
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
""" + RELATED

SINGLE = """{{- $out := slice -}}
{{- range first 4 (.Site.RegularPages.Related .) -}}{{- $out = $out | append .File.ContentBaseName -}}{{- end -}}
{{- jsonify $out -}}
"""


def main():
    content, site, threshold = sys.argv[1], sys.argv[2], sys.argv[3]
    posts = os.path.join(site, "content", "posts")
    layouts = os.path.join(site, "layouts")
    os.makedirs(posts, exist_ok=True)
    os.makedirs(layouts, exist_ok=True)
    with open(os.path.join(site, "hugo.toml"), "w") as f:
        f.write(CONFIG.format(threshold=threshold))
    with open(os.path.join(layouts, "single.html"), "w") as f:
        f.write(SINGLE)
    with open(os.path.join(layouts, "list.html"), "w") as f:
        f.write("")
    for name in sorted(os.listdir(content)):
        if not name.endswith(".md"):
            continue
        fields, keywords, body = parse(open(os.path.join(content, name)).read())
        with open(os.path.join(posts, name), "w") as f:
            f.write("---\n")
            f.write(f"title: {json.dumps(fields['title'], ensure_ascii=False)}\n")
            f.write(f"date: {json.dumps(fields['pubDate'])}\n")
            f.write(f"keywords: {json.dumps(keywords, ensure_ascii=False)}\n")
            f.write("---\n")
            f.write(body)


if __name__ == "__main__":
    main()
