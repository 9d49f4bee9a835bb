#!/usr/bin/env bash
# Lighthouse (mobile, performance only) on one page of a built site, RUNS
# times, one line per run: the score, total blocking time and the paint
# times. For comparing two builds of the app quickly; `make bench` runs the
# full Lighthouse stage next to Hugo.
#
#   bench/perf/lighthouse.sh [DIST] [ROUTE] [RUNS]      (default: dist / 3)
#   bench/perf/lighthouse.sh dist /blog/kachestvo-obsluzhivaniya/ 5
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIST=${1:-dist} ROUTE=${2:-/} RUNS=${3:-3} PORT=${PORT:-8089}
"$ROOT/scripts/install-tools.sh" lighthouse >&2
OUT=$(mktemp -d)
python3 "$ROOT/scripts/serve.py" --root "$DIST" --port "$PORT" --gzip --quiet >/dev/null &
server=$!
trap 'kill $server; rm -rf "$OUT"' EXIT
sleep 1
for run in $(seq "$RUNS"); do
    CHROME_PATH=/usr/bin/chromium "$ROOT/.tools/node_modules/.bin/lighthouse" \
        "http://127.0.0.1:$PORT$ROUTE" --quiet --output=json --output-path="$OUT/$run.json" \
        --only-categories=performance \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
    python3 - "$OUT/$run.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
audit = lambda key: round(report["audits"][key]["numericValue"])
print(f"performance {round(report['categories']['performance']['score'] * 100)}: "
      f"TBT {audit('total-blocking-time')} ms, FCP {audit('first-contentful-paint')} ms, "
      f"LCP {audit('largest-contentful-paint')} ms, TTI {audit('interactive')} ms")
PY
done
