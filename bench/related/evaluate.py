#!/usr/bin/env python3
"""precision@4 of related-post lists against the generator's ground truth.

usage: evaluate.py builder TRUTH.json DIST_DIR
       evaluate.py hugo    TRUTH.json PUBLIC_DIR
Prints one JSON object: posts, precision_at_4 (correct among the first 4,
divided by 4, so short and empty lists cost), precision_of_shown (correct
among those shown), empty (posts with no related post), mean_len.
"""
import json
import os
import sys


def lists_builder(dist):
    manifest = json.load(open(os.path.join(dist, "data", "manifest.json")))
    posts_dir = os.path.join(dist, "data", manifest["build_id"], "posts")
    out = {}
    slug = lambda path: path.rsplit("/", 1)[-1]
    for folder, _, names in os.walk(posts_dir):
        for name in names:
            post = json.load(open(os.path.join(folder, name)))
            out[slug(post["summary"]["path"])] = [slug(r["path"]) for r in post.get("related", [])]
    return out


def lists_hugo(public):
    posts_dir = os.path.join(public, "posts")
    out = {}
    for slug in os.listdir(posts_dir):
        path = os.path.join(posts_dir, slug, "index.html")
        if os.path.isfile(path):
            text = open(path).read().strip()
            out[slug] = json.loads(text) if text else []
    return out


def main():
    kind, truth_path, root = sys.argv[1:4]
    truth = json.load(open(truth_path))
    lists = lists_builder(root) if kind == "builder" else lists_hugo(root)
    missing = set(truth) - set(lists)
    if missing:
        sys.exit(f"{len(missing)} posts of the corpus have no output, e.g. {sorted(missing)[0]}")
    correct = shown = empty = 0
    p_at_4 = 0.0
    for slug, related in lists.items():
        top = related[:4]
        hits = sum(1 for r in top if truth.get(r) == truth[slug])
        if any(r == slug for r in top):
            sys.exit(f"{slug} relates to itself")
        p_at_4 += hits / 4
        correct += hits
        shown += len(top)
        empty += not top
    n = len(lists)
    print(json.dumps({
        "posts": n,
        "precision_at_4": round(p_at_4 / n, 3),
        "precision_of_shown": round(correct / shown, 3) if shown else 0.0,
        "empty": empty,
        "mean_len": round(shown / n, 2),
    }))


if __name__ == "__main__":
    main()
