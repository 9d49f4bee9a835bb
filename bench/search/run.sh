#!/usr/bin/env bash
# Full-text search: the builder's index against Pagefind on the same
# synthetic Russian corpus (gen-corpus), at 1,000 and 10,000 posts.
#
#   bench/search/run.sh                 # SIZES="1000 10000" SEED=42
#   SIZES=2000 SEED=7 bench/search/run.sh
#
# Prints index size (raw, gzip), build time, bytes a reader downloads per
# query (gzip, median and p95 over 20 queries picked from the corpus) and, for
# Pagefind, query latency in headless Chromium. Work files: build/bench-search.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/search"
WORK=${BENCH_DIR:-$ROOT/build/bench-search}
SIZES=${SIZES:-"1000 10000"}
SEED=${SEED:-42}
PORT=${PORT:-8097}

cd "$ROOT"
cargo build --release -q -p blog-builder --bins
[ -f "$HERE/query/Cargo.lock" ] || cp "$ROOT/Cargo.lock" "$HERE/query/Cargo.lock"
cargo build --release -q --offline --manifest-path "$HERE/query/Cargo.toml" --target-dir "$ROOT/target" \
  || cargo build --release -q --manifest-path "$HERE/query/Cargo.toml" --target-dir "$ROOT/target"
GEN="$ROOT/target/release/gen-corpus"
BUILDER="$ROOT/target/release/blog-builder"
QUERY="$ROOT/target/release/search-bench-query"

now_ms() { date +%s%3N; }

# Pagefind: a binary on PATH, the pip package, or nothing.
PAGEFIND=()
if command -v pagefind >/dev/null 2>&1; then
  PAGEFIND=(pagefind)
elif python3 -m pagefind_bin --version >/dev/null 2>&1; then
  PAGEFIND=(python3 -m pagefind_bin)
else
  echo "installing Pagefind (pip install pagefind-bin)…" >&2
  if pip install --quiet pagefind-bin >&2 && python3 -m pagefind_bin --version >/dev/null 2>&1; then
    PAGEFIND=(python3 -m pagefind_bin)
  else
    echo "Pagefind could not be installed: reporting blog-builder alone" >&2
  fi
fi

# The reader as built from the sources (make build), else the builder's own copy.
APP=()
[ -f "$ROOT/build/app/index.html" ] && APP=(--app "$ROOT/build/app")
rm -rf "$WORK"
mkdir -p "$WORK"
for N in $SIZES; do
  D="$WORK/n$N"
  echo "N=$N: corpus, build, queries…" >&2
  "$GEN" --posts "$N" --out "$D/content" --seed "$SEED" >/dev/null
  start=$(now_ms)
  BLOG_BUILDER_TIMINGS=1 "$BUILDER" --content "$D/content" --out "$D/dist" "${APP[@]}" --quiet 2>"$D/builder.log"
  end=$(now_ms)
  {
    echo "OURS_MS=$((end - start))"
    echo "SEARCH_MS=$(sed -n 's/^timing: search index \([0-9.]*\) ms.*$/\1/p' "$D/builder.log")"
  } >"$D/times.env"
  python3 "$HERE/queries.py" "$D/content" "$SEED" >"$D/queries.txt"
  "$QUERY" "$D/dist" "$D/queries.txt" >"$D/ours.tsv"
  echo "N=$N: the reader in Chromium…" >&2
  node "$HERE/reader.js" "$D/dist" "$D/queries.txt" "$((PORT + 1))" >"$D/reader.jsonl"
  node "$HERE/phases.js" "$D/dist" "$D/queries.txt" "$((PORT + 2))" >"$D/phases.txt"
  if [ ${#PAGEFIND[@]} -gt 0 ]; then
    echo "N=$N: Pagefind…" >&2
    python3 "$HERE/to_html.py" "$D/content" "$D/site"
    start=$(now_ms)
    "${PAGEFIND[@]}" --site "$D/site" >"$D/pagefind.log" 2>&1 || { cat "$D/pagefind.log" >&2; exit 1; }
    end=$(now_ms)
    {
      echo "PF_MS=$((end - start))"
      echo "PF_VERSION=Pagefind_$("${PAGEFIND[@]}" --version | awk '{print $2}')"
    } >>"$D/times.env"
    node "$HERE/pagefind.js" "$D/site" "$D/queries.txt" "$PORT" >"$D/pagefind.jsonl"
  fi
done
python3 "$HERE/report.py" "$WORK" $SIZES
# The reader's in-browser latency (cold context per query, WASM already
# loaded), and typing in one page: each keystroke after a query's third letter.
for N in $SIZES; do
  F="$WORK/n$N/reader.jsonl"
  [ -f "$F" ] || continue
  python3 - "$F" "$N" <<'PY'
import json, statistics, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
rows = [r for r in lines if "q" in r]
keys = sorted(r["ms"] for r in lines if "keystroke" in r)
ms = sorted(r["ms"] for r in rows)
kb = sorted(r["gzip"] / 1024 for r in rows)
p95 = lambda v: v[min(len(v) - 1, int(round(0.95 * (len(v) - 1))))]
found = sum(1 for r in rows if r["results"] > 0)
print(f"reader in Chromium, N={sys.argv[2]}: query {statistics.median(ms):.1f} ms median, {p95(ms):.1f} ms p95; "
      f"{statistics.median(kb):.1f} KB gzip median, {p95(kb):.1f} KB p95 fetched; {found}/{len(rows)} queries found results")
if keys:
    print(f"reader in Chromium, N={sys.argv[2]}: typing, each further keystroke {statistics.median(keys):.1f} ms median, "
          f"{p95(keys):.1f} ms p95 ({len(keys)} keystrokes)")
PY
  # Where a cold query's time goes (phases.js), in the same conditions.
  if [ -f "$WORK/n$N/phases.txt" ]; then
    echo "reader in Chromium, N=$N: $(head -1 "$WORK/n$N/phases.txt")"
    tail -n +2 "$WORK/n$N/phases.txt"
  fi
done
