#!/usr/bin/env bash
# make faults: faults from outside, injected, with what was tried and what held.
#
#   - the builder's output: --out naming the content folder, its parent, the
#     home or working folder, a file, a folder of the author's own; builds
#     killed at twelve moments across a 2,000-post build (Rust tests,
#     crates/builder/tests/output_guard.rs, run on the real binary);
#   - hosts and readers: an SPA-fallback host, a redeploy under an open tab,
#     a blog over the offline cap redeployed, navigator.serviceWorker present
#     but undefined, storage that throws, mangled addresses
#     (tests/e2e/faults.spec.js, each on its own server);
#   - a post with 100,000 headings: time to show and the main thread's long
#     tasks (bench/faults/big-post.js).
#
# Needs `make build` first (the Makefile's `faults` target does it).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

held=0
broke=0
line() { printf '  %-6s %s\n' "$1" "$2"; }

echo "== the builder's output (cargo test --release --test output_guard)"
while read -r status name; do
    if [ "$status" = ok ]; then held=$((held + 1)); line held "$name"; else broke=$((broke + 1)); line BROKE "$name"; fi
done < <(cargo test --release -p blog-builder --test output_guard -- --test-threads 1 2>&1 \
    | sed -n 's/^test \(.*\) \.\.\. \(ok\|FAILED\)$/\2 \1/p' | tr '_' ' ')

echo "== hosts, redeploys, readers' browsers (tests/e2e/faults.spec.js)"
while read -r status name; do
    if [ "$status" = ok ]; then held=$((held + 1)); line held "$name"; else broke=$((broke + 1)); line BROKE "$name"; fi
done < <(cd tests/e2e && npx playwright test faults --reporter=list 2>&1 \
    | sed -n 's/^ *\([✓✘]\) *[0-9]* faults\.spec\.js:[0-9:]* › faults from outside › \(.*\) ([0-9.]*m\?s)$/\1 \2/p' \
    | sed 's/^✓/ok/; s/^✘/failed/')

echo "== a post with 100,000 headings (bench/faults/big-post.js)"
tmp=$(mktemp -d)
trap 'kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/content"
python3 - "$tmp/content" <<'PY'
import sys
out = sys.argv[1]
open(f"{out}/huge.md", "w").write("---\ntitle: Huge\npubDate: 2025-07-01\n---\n" + "".join(f"## H{i}\n\n" for i in range(100_000)))
open(f"{out}/small.md", "w").write("---\ntitle: Small\npubDate: 2025-06-01\n---\nText.\n")
PY
target/release/blog-builder --content "$tmp/content" --out "$tmp/site" --app build/app --quiet 2>/dev/null
python3 scripts/serve.py --root "$tmp/site" --port 8197 --quiet &
server=$!
sleep 1
node bench/faults/big-post.js http://127.0.0.1:8197/blog/huge/ > "$tmp/big.json"
python3 - "$tmp/big.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
a, h = r["with_app"], r["pre_rendered_html_only"]
print("  text on screen {} ms, app took over {} ms; longest task {} ms ({} ms of it the browser "
      "on the pre-rendered HTML alone), long tasks {} ms in all".format(
          a["loaded_ms"], a["app_ready_ms"], a["longest_task_ms"], h["longest_task_ms"], a["long_tasks_ms"]))
PY

echo "faults: $held held, $broke broke"
[ "$broke" -eq 0 ]
