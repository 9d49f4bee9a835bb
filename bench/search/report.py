#!/usr/bin/env python3
"""Side-by-side table of bench/search/run.sh results.

    python3 report.py WORK N [N ...]
reads WORK/n<N>/{dist,site/pagefind,ours.tsv,pagefind.jsonl,times.env}.
"""
import gzip
import json
import math
import pathlib
import statistics
import sys

work = pathlib.Path(sys.argv[1])
_gz = {}


def gz(path):
    if path not in _gz:
        raw = path.read_bytes()
        _gz[path] = (len(raw), min(len(raw), len(gzip.compress(raw, 9, mtime=0))))
    return _gz[path]


def tree(d):
    files = [p for p in d.rglob("*") if p.is_file()]
    return len(files), sum(gz(p)[0] for p in files), sum(gz(p)[1] for p in files)


def p95(xs):
    xs = sorted(xs)
    return xs[max(0, math.ceil(0.95 * len(xs)) - 1)]


def kb(x):
    return f"{x / 1024:,.1f} KB"


def mb(x):
    return f"{x / 1024 / 1024:,.2f} MB"


for n in sys.argv[2:]:
    d = work / f"n{n}"
    times = dict(l.split("=", 1) for l in (d / "times.env").read_text().split())
    manifest = json.loads((d / "dist/data/manifest.json").read_text())
    search = d / "dist/data" / manifest["build_id"] / "search"
    files, raw, z = tree(search)
    ours = []
    for line in (d / "ours.tsv").read_text().splitlines():
        q, results, micros, paths = line.split("\t")
        fetched = [gz(d / "dist" / p) for p in paths.split(",")]
        ours.append(dict(q=q, results=int(results), micros=int(micros),
                         bytes=sum(f[0] for f in fetched), gzip=sum(f[1] for f in fetched),
                         files=len(fetched)))
    rows = [
        ("index files", f"{files:,}"),
        ("index size raw", mb(raw)),
        ("index size gzip", mb(z)),
        ("build time (whole site)", f"{times['OURS_MS']} ms"),
        ("  search phase", f"{times['SEARCH_MS']} ms"),
        ("files per query (median)", f"{statistics.median(o['files'] for o in ours):g}"),
        ("bytes/query gzip median", kb(statistics.median(o["gzip"] for o in ours))),
        ("bytes/query gzip p95", kb(p95([o["gzip"] for o in ours]))),
        ("bytes/query raw median", kb(statistics.median(o["bytes"] for o in ours))),
        ("  data only, gzip median", kb(statistics.median(o["gzip"] for o in ours))),
        ("  data only, gzip p95", kb(p95([o["gzip"] for o in ours]))),
        ("query latency median", f"{statistics.median(o['micros'] for o in ours) / 1000:.2f} ms*"),
        ("query latency p95", f"{p95([o['micros'] for o in ours]) / 1000:.2f} ms*"),
        ("queries with results", f"{sum(o['results'] > 0 for o in ours)}/{len(ours)}"),
    ]
    pf_col = {}
    pf_file = d / "pagefind.jsonl"
    if pf_file.exists() and (d / "site/pagefind").exists():
        pf = [json.loads(l) for l in pf_file.read_text().splitlines() if l.strip()]
        pfiles, praw, pz = tree(d / "site/pagefind")
        pf_col = {
            "index files": f"{pfiles:,}",
            "index size raw": mb(praw),
            "index size gzip": mb(pz),
            "build time (whole site)": f"{times.get('PF_MS', '?')} ms (index only)",
            "  search phase": "",
            "files per query (median)": f"{statistics.median(p['files'] for p in pf):g}",
            "bytes/query gzip median": kb(statistics.median(p["gzip"] for p in pf)),
            "bytes/query gzip p95": kb(p95([p["gzip"] for p in pf])),
            "bytes/query raw median": kb(statistics.median(p["bytes"] for p in pf)),
            "  data only, gzip median": kb(statistics.median(p["data_gzip"] for p in pf)),
            "  data only, gzip p95": kb(p95([p["data_gzip"] for p in pf])),
            "query latency median": f"{statistics.median(p['ms'] for p in pf):.1f} ms "
            f"(+ init {statistics.median(p['init_ms'] for p in pf):.0f} ms)",
            "query latency p95": f"{p95([p['ms'] for p in pf]):.1f} ms",
            "queries with results": f"{sum(p['results'] > 0 for p in pf)}/{len(pf)}",
        }
    print(f"\nN = {n} posts ({len(ours)} queries)")
    print(f"  {'':<28}{'blog-builder':>16}   {times.get('PF_VERSION', 'Pagefind (not run)')}")
    for name, value in rows:
        print(f"  {name:<28}{value:>16}   {pf_col.get(name, '')}")
print("\n* ours: native parse of the fetched shards + scoring (files already read); "
      "Pagefind: search() + 5 data() in Chromium after init, from a local server, cold cache.")
print("  bytes/query: ours = manifest + query shards + docs chunks of the top 20 + the pages (with their data) of the top 5 posts;"
      " Pagefind = every /pagefind/ response (data only: without pagefind.js and wasm).")
