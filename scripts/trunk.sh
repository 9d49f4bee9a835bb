#!/usr/bin/env bash
# Trunk, with the reader's WebAssembly built by the pinned nightly when it is
# here (scripts/install-tools.sh wasm-nightly): the standard library compiled
# for the app (-Zbuild-std) with panics that abort at once and without
# location strings or Debug formatting. That takes 32 KB off the gzipped WASM
# and changes nothing the reader sees: the app never shows a panic's text.
# Everything else (the builder, the tests) stays on the stable toolchain of
# rust-toolchain.toml. Without the nightly, Trunk builds on stable.
#
#   scripts/trunk.sh build|watch [TRUNK ARGS]...
set -euo pipefail
NIGHTLY_DATE=2026-05-19
if rustc +nightly --version 2>/dev/null | grep -q "$NIGHTLY_DATE" \
    && rustup +nightly component list --installed 2>/dev/null | grep -qx rust-src; then
    export RUSTUP_TOOLCHAIN=nightly
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"
fi
exec trunk "$@"
