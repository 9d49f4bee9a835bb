#!/usr/bin/env python3
"""Renders a gen-corpus content dir as plain static HTML for Pagefind: one
page per post, <html lang="ru">, <main data-pagefind-body> with the title
(<h1>), the description and the body (paragraphs, ## headings as <h2>).

    python3 to_html.py CONTENT OUT
"""
import html
import pathlib
import re
import sys

content, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])


def field(fm, name):
    m = re.search(rf"^{name}:\s*(>-\s*\n((?:[ \t]+.*\n?)+)|(.*))$", fm, re.M)
    if not m:
        return ""
    value = " ".join(m.group(2).split()) if m.group(2) else m.group(3).strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value


for md in sorted(content.glob("*.md")):
    text = md.read_text(encoding="utf-8")
    _, fm, body = text.split("---\n", 2)
    if re.search(r"^draft:\s*true", fm, re.M):
        continue
    title, desc = field(fm, "title"), field(fm, "description")
    parts = [f"<h1>{html.escape(title)}</h1>"]
    if desc:
        parts.append(f"<p>{html.escape(desc)}</p>")
    for block in re.split(r"\n\s*\n", body.strip()):
        block = " ".join(block.split())
        if block.startswith("#"):
            parts.append(f"<h2>{html.escape(block.lstrip('#').strip())}</h2>")
        elif block:
            parts.append(f"<p>{html.escape(block)}</p>")
    page = out / "blog" / md.stem / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(
        '<!doctype html>\n<html lang="ru"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>\n"
        f"<body><main data-pagefind-body>\n{chr(10).join(parts)}\n</main></body></html>\n",
        encoding="utf-8",
    )
(out / "search.html").write_text(
    '<!doctype html>\n<html lang="ru"><head><meta charset="utf-8"><title>search</title></head>'
    "<body><p>search</p></body></html>\n",
    encoding="utf-8",
)
