#!/usr/bin/env python3
"""Picks benchmark queries from a gen-corpus content dir (seeded, reproducible):
10 single words, 6 two-word queries (both words from one post, so AND can
match), 4 prefixes (the first 4 letters of a word). One query a line.

    python3 queries.py CONTENT SEED > queries.txt
"""
import pathlib
import random
import re
import sys

content, seed = pathlib.Path(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
files = sorted(content.glob("*.md"))
WORD = re.compile(r"[а-яё]{6,}", re.I)


def body_words(path):
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---") else text
    return sorted(set(w.lower() for w in WORD.findall(body)))


queries = []
while len(queries) < 20:
    words = body_words(rng.choice(files))
    if len(words) < 2:
        continue
    n = len(queries)
    if n < 10:
        q = rng.choice(words)
    elif n < 16:
        q = " ".join(rng.sample(words, 2))
    else:
        q = rng.choice(words)[:4]
    if q not in queries:
        queries.append(q)
print("\n".join(queries))
