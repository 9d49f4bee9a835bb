#!/usr/bin/env python3
"""Trunk post-build hook (Trunk.toml): minifies the app's JS loader, the
wasm-bindgen glue Trunk 0.21 leaves as it is ("Failed to minify JS": its
minifier cannot parse `export default`), with esbuild, and puts the new
file's hash into the `integrity` of index.html's modulepreload link.

The JavaScript snippets of the app (`#[wasm_bindgen(inline_js)]`, which
wasm-bindgen writes to snippets/ for the loader to import) are bundled into
the loader: imported, each would be one more request, after the loader's,
before the app can start.

Release builds only, as Trunk's own `minify = "on_release"`; the file keeps
its name (Trunk's hash of the unminified file, which minifying does not
change: the same sources give the same bytes)."""
import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESBUILD = ROOT / ".tools/node_modules/.bin/esbuild"


def main():
    if os.environ.get("TRUNK_PROFILE") != "release":
        return
    staging = Path(os.environ["TRUNK_STAGING_DIR"])
    index = staging / "index.html"
    html = index.read_text()
    if not ESBUILD.exists():
        sys.exit(f"minify-loader: {ESBUILD} is missing: run scripts/install-tools.sh esbuild")
    for js in sorted(staging.glob("*.js")):
        if f"/{js.name}" not in html or not re.search(r"_bg\.wasm", js.read_text()):
            continue  # not the wasm-bindgen loader (public/ scripts stay as written)
        subprocess.run(
            [str(ESBUILD), str(js), "--bundle", "--minify", "--log-level=warning", f"--outfile={js}",
             "--allow-overwrite", "--format=esm", "--target=es2022"],
            check=True,
        )
        digest = base64.b64encode(hashlib.sha384(js.read_bytes()).digest()).decode()
        # Trunk's tag that preloads the loader, attributes in any order.
        def rehash(tag):
            if not re.search(r"href=\"?[^\s>\"]*/" + re.escape(js.name), tag.group(0)):
                return tag.group(0)
            return re.sub(r"sha384-[A-Za-z0-9+/=]+", "sha384-" + digest, tag.group(0))
        html = re.sub(r"<link\b[^>]*>", rehash, html)
    # Trunk preloads each snippet: they are in the loader now.
    html = re.sub(r"<link\b[^>]*/snippets/[^>]*>", "", html)
    shutil.rmtree(staging / "snippets", ignore_errors=True)
    index.write_text(html)


if __name__ == "__main__":
    main()
