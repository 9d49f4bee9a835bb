#!/usr/bin/env python3
"""Turns a content folder (the seeds or a gen-corpus corpus) into a Hugo site
that publishes what the reader shows, for a fair side-by-side benchmark.

usage: hugo_site.py CONTENT_DIR SITE_DIR

The theme is deliberately minimal but complete: a paginated home page
(10 posts per page, as content/site.toml), one page per post with author,
date, reading time, hero image (fixed size, lazy below the fold like ours),
table of contents, body, tags, previous/next and the four related posts
(Hugo's `.Related` on keywords and date, includeNewer), tag pages, the tags
index, RSS and a sitemap. Front matter is read with the related benchmark's
parser (bench/related/to_hugo.py), which knows both seed styles.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "related"))
from to_hugo import RELATED, parse  # noqa: E402

CONFIG = """baseURL = "https://example.org/"
languageCode = "ru"
title = "Блог"
disableKinds = ["robotstxt"]
[pagination]
  pagerSize = 10
[taxonomies]
  tag = "tags"
[markup.tableOfContents]
  startLevel = 2
  endLevel = 3
""" + RELATED.format(threshold=80)

STYLE = """body{margin:0;font:18px/1.6 Georgia,serif;color:#1d1a17;background:#fbf8f3}
header,main,footer{max-width:42rem;margin:0 auto;padding:0 1rem}
header{display:flex;gap:1rem;align-items:baseline;padding-top:1rem}
a{color:#8a3a24}h1{line-height:1.2}img{max-width:100%;height:auto}
.meta{color:#5c544c;font-size:.9rem}.card{margin:2rem 0}
nav.toc{border-left:3px solid #d9cfc2;padding-left:1rem}
@media (prefers-color-scheme:dark){body{background:#181513;color:#ece5dc}a{color:#f0a585}}
"""

LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} — {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
<style>""" + STYLE + """</style>
</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}"><strong>{{ site.Title }}</strong></a>
<nav><a href="/tags/">Теги</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p class="meta">{{ now.Year }}</p></footer>
</body>
</html>
""",
    "index.html": """{{ define "main" }}
{{ $p := .Paginate (where site.RegularPages "Section" "posts") }}
{{ range $p.Pages }}{{ partial "card.html" . }}{{ end }}
{{ partial "pager.html" $p }}
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $p := .Paginate .Pages }}
{{ range $p.Pages }}{{ partial "card.html" . }}{{ end }}
{{ partial "pager.html" $p }}
{{ end }}
""",
    "_default/terms.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",
    "_default/single.html": """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="meta">{{ .Params.author }} · <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02.01.2006" }}</time> · {{ .ReadingTime }} мин</p>
{{ with .Params.hero }}<img src="{{ . }}" alt="" width="1200" height="630" fetchpriority="high">{{ end }}
{{ with .TableOfContents }}<nav class="toc" aria-label="Содержание">{{ . }}</nav>{{ end }}
{{ .Content }}
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>
<nav>{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
{{ with first 4 (site.RegularPages.Related .) }}<section><h2>Читайте также</h2><ul>
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></section>{{ end }}
{{ end }}
""",
    "partials/card.html": """<article class="card">
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02.01.2006" }}</time> · {{ .ReadingTime }} мин</p>
{{ with .Params.hero }}<img src="{{ . }}" alt="" width="600" height="315" loading="lazy">{{ end }}
<p>{{ .Description }}</p>
</article>
""",
    "partials/pager.html": """{{ if gt .TotalPages 1 }}<nav>
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">←</a>{{ end }} {{ .PageNumber }} / {{ .TotalPages }}
{{ with .Next }}<a rel="next" href="{{ .URL }}">→</a>{{ end }}</nav>{{ end }}
""",
}


def main():
    content, site = sys.argv[1], sys.argv[2]
    posts = os.path.join(site, "content", "posts")
    os.makedirs(posts, exist_ok=True)
    with open(os.path.join(site, "hugo.toml"), "w") as f:
        f.write(CONFIG)
    for rel, text in LAYOUTS.items():
        path = os.path.join(site, "layouts", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    for name in sorted(os.listdir(content)):
        if not name.endswith(".md"):
            continue
        fields, keywords, body = parse(open(os.path.join(content, name), encoding="utf-8").read())
        if str(fields.get("draft", "")).lower() == "true":
            continue
        # The post's own "# Title" would be a second headline under the layout's <h1>
        # (the reader drops it too).
        lines = body.lstrip("\n").split("\n", 1)
        if lines[0].startswith("# "):
            body = lines[1] if len(lines) > 1 else ""
        slug = fields.get("slug") or name[: -len(".md")]
        with open(os.path.join(posts, slug + ".md"), "w", encoding="utf-8") as f:
            f.write("---\n")
            for key, field in (("title", "title"), ("description", "description"), ("author", "author"), ("hero", "heroImage")):
                if fields.get(field):
                    f.write(f"{key}: {json.dumps(fields[field], ensure_ascii=False)}\n")
            f.write(f"date: {json.dumps(fields['pubDate'])}\n")
            f.write(f"keywords: {json.dumps(keywords, ensure_ascii=False)}\n")
            f.write(f"tags: {json.dumps(keywords, ensure_ascii=False)}\n")
            f.write(f"url: {json.dumps('/blog/' + slug + '/')}\n")
            f.write("---\n")
            f.write(body)


if __name__ == "__main__":
    main()
