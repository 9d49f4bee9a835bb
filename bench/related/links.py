#!/usr/bin/env python3
"""Link-pair recall of related posts on a real blog, next to Hugo's `.Related`.

usage: links.py DIST_DIR HUGO_BIN WORK_DIR

DIST_DIR is the blog built by blog-builder. Where the author linked post A to
post B, B belongs in A's related list or A in B's: the share of such pairs the
related lists recover (first 4 of each list) is the recall. Hugo gets the same
posts (title, date, tags as keywords, the text) in a minimal site whose
related config indexes keywords and dates (as bench/related/to_hugo.py does),
at thresholds 80 and 0; the better of the two is reported. Prints one JSON
object.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from to_hugo import CONFIG, SINGLE  # noqa: E402


def walk(value, out):
    """Post link targets and plain text of a document tree (JSON)."""
    if isinstance(value, dict):
        if value.get("k") == "post":
            out["links"].add(value["v"]["path"])
        for k, v in value.items():
            if k == "s" and isinstance(v, str):
                out["text"].append(v)
            else:
                walk(v, out)
    elif isinstance(value, list):
        for v in value:
            walk(v, out)


def posts_of(dist):
    manifest = json.load(open(os.path.join(dist, "data", "manifest.json")))
    root = os.path.join(dist, "data", manifest["build_id"], "posts")
    posts = {}
    for folder, _, names in os.walk(root):
        for name in names:
            p = json.load(open(os.path.join(folder, name)))
            found = {"links": set(), "text": []}
            walk(p["body"], found)
            s = p["summary"]
            posts[s["path"]] = {
                "title": s["title"],
                "date": s["date"],
                "tags": [t["name"] for t in s.get("tags", [])],
                "text": " ".join(found["text"]),
                "links": found["links"] - {s["path"]},
                "related": [r["path"] for r in p.get("related", [])][:4],
            }
    return posts


def recall(posts, related):
    pairs = {(a, b) for a, p in posts.items() for b in p["links"] if b in posts}
    pairs = {tuple(sorted(pair)) for pair in pairs}
    hit = sum(1 for a, b in pairs if b in related.get(a, []) or a in related.get(b, []))
    return len(pairs), (round(hit / len(pairs), 3) if pairs else 0.0)


def hugo_lists(posts, hugo, work, threshold):
    site = os.path.join(work, f"hugo-{threshold}")
    content = os.path.join(site, "content", "posts")
    os.makedirs(content, exist_ok=True)
    os.makedirs(os.path.join(site, "layouts"), exist_ok=True)
    open(os.path.join(site, "hugo.toml"), "w").write(CONFIG.format(threshold=threshold))
    open(os.path.join(site, "layouts", "single.html"), "w").write(SINGLE)
    open(os.path.join(site, "layouts", "list.html"), "w").write("")
    names = {}
    for i, (path, p) in enumerate(sorted(posts.items())):
        name = f"p{i:05d}"
        names[name] = path
        with open(os.path.join(content, name + ".md"), "w") as f:
            f.write("---\n")
            f.write(f"title: {json.dumps(p['title'], ensure_ascii=False)}\n")
            f.write(f"date: {json.dumps(p['date'])}\n")
            f.write(f"keywords: {json.dumps(p['tags'], ensure_ascii=False)}\n")
            f.write("---\n")
            f.write(p["text"].replace("<", " ").replace("{{", " "))
    subprocess.run([hugo, "--source", site, "--quiet"], check=True, capture_output=True)
    lists = {}
    for name, path in names.items():
        page = os.path.join(site, "public", "posts", name, "index.html")
        text = open(page).read().strip() if os.path.isfile(page) else ""
        lists[path] = [names[n] for n in (json.loads(text) if text else []) if n in names]
    return lists


def main():
    dist, hugo, work = sys.argv[1:4]
    posts = posts_of(dist)
    pairs, ours = recall(posts, {a: p["related"] for a, p in posts.items()})
    best = None
    for threshold in (80, 0):
        _, r = recall(posts, hugo_lists(posts, hugo, work, threshold))
        if best is None or r > best[0]:
            best = (r, threshold)
    print(json.dumps({"posts": len(posts), "link_pairs": pairs, "ours": ours,
                      "hugo": best[0], "hugo_threshold": best[1]}))


if __name__ == "__main__":
    main()
