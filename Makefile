# Blog reader: build the site into dist/, serve it, test it.
#
#   make serve                      serve the blog at http://127.0.0.1:8080/, rebuilt on save
#   make test                       unit tests, build, end-to-end tests
#   make build CONTENT=other/dir    build from another content folder
#   make build PUBLIC_URL=/blog/    build for a sub-path of the host
#   make bench                      benchmarks next to Hugo (build/bench/report.md)
#   make faults                     faults from outside, injected, with what held
#
# Every target installs what it needs first (scripts/install-tools.sh), so a
# fresh clone needs only Rust (rustup), Node/npm, Python 3 and apt.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build

CONTENT ?= content
PUBLIC_URL ?= /
PORT ?= 8080

# The builder, as every target runs it.
BUILDER := cargo run --release -q -p blog-builder --
# A site of the fixture content $(1) into $(2), with the app shell $(3) (default build/app).
build-site = $(BUILDER) --content $(1) --out $(2) --app $(or $(3),build/app) --quiet

# wasm-opt from npm binaryen@132 (.tools/) must come first: Trunk finds it on PATH.
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: tools app embed-app check-embedded-app build serve test unit e2e e2e-subpath e2e-spa faults fixture-sites subpath-sites feeds fuzz screenshots bench clean

tools:
	scripts/install-tools.sh all

# The reader app, compiled by Trunk into build/app.
app:
	scripts/install-tools.sh build
	scripts/trunk.sh build --release --offline --public-url $(PUBLIC_URL) --dist build/app

build: app
	$(BUILDER) --content $(CONTENT) --out dist --app build/app

# The app's sources Trunk watches while serving.
APP_SOURCES := src crates/views crates/bundle style public index.html Cargo.toml

# Serves the blog from memory and builds again when a post or site.toml
# changes (blog-builder serve), or when the app's sources do (trunk watch
# compiles them into build/app, which the server watches); open pages reload.
serve: app
	trap 'kill 0' EXIT; \
	scripts/trunk.sh watch --release --offline --public-url $(PUBLIC_URL) --dist build/app \
	  $(addprefix --watch ,$(APP_SOURCES)) > build/trunk-watch.log 2>&1 & \
	$(BUILDER) serve $(CONTENT) --app build/app --port $(PORT)

# The app built into blog-builder (crates/builder/app/), for authors who
# install the tool with cargo install: refresh it after changing the app.
embed-app: app
	rm -rf crates/builder/app && cp -r build/app crates/builder/app

# Fails when the app built into blog-builder is not the one the sources make.
check-embedded-app: app
	diff -r build/app crates/builder/app > /dev/null || { \
	  echo "crates/builder/app is not the app the sources build: run make embed-app and commit it" >&2; exit 1; }

test: tools unit build check-embedded-app fixture-sites e2e-subpath feeds e2e e2e-spa

# Sites the e2e tests need besides dist/, built with the same app shell (run `make build` first):
# the hostile corpus, build B of the update test (the posts plus tests/fixtures/update), and
# the posts with no background caching ([offline] cache_mb = 0) for the "save all" test,
# the posts and a post of rich content (tests/fixtures/rich) on an English site,
# two to a page, for the localisation and rich-content tests and the
# comparison of every kind of page with and without the app, and two real blogs (a Zola
# and a Jekyll site, tests/fixtures/realworld) built as they are, and 60
# generated posts (gen-corpus), for what needs more results than the seeds give.
fixture-sites:
	$(call build-site,tests/fixtures/hostile,build/hostile-site)
	rm -rf build/update-content && mkdir -p build/update-content
	cp $(CONTENT)/*.md tests/fixtures/update/*.md build/update-content/
	if [ -f $(CONTENT)/site.toml ]; then cp $(CONTENT)/site.toml build/update-content/; fi
	$(call build-site,build/update-content,build/update-site)
	rm -rf build/capped-content && mkdir -p build/capped-content
	cp $(CONTENT)/*.md build/capped-content/
	{ cat $(CONTENT)/site.toml 2>/dev/null || true; printf '\n[offline]\ncache_mb = 0\n'; } > build/capped-content/site.toml
	$(call build-site,build/capped-content,build/capped-site)
	rm -rf build/en-content && mkdir -p build/en-content
	cp $(CONTENT)/*.md build/en-content/ && cp -r tests/fixtures/rich/. build/en-content/
	{ printf 'language = "en"\nposts_per_page = 2\n'; grep -v '^\(language\|posts_per_page\) *=' $(CONTENT)/site.toml 2>/dev/null || true; } > build/en-content/site.toml
	$(call build-site,build/en-content,build/en-site)
	$(call build-site,tests/fixtures/realworld/zola,build/zola-site)
	$(call build-site,tests/fixtures/realworld/jekyll,build/jekyll-site)
	rm -rf build/many-content
	cargo run --release -q -p blog-builder --bin gen-corpus -- --posts 60 --out build/many-content --seed 7
	$(call build-site,build/many-content,build/many-site)

# The same site built for a sub-path of its host (as on GitHub Pages), and
# the suites that depend on where the site lives run against it.
SUBPATH ?= /sub/
subpath-sites:
	scripts/trunk.sh build --release --offline --public-url $(SUBPATH) --dist build/app-sub
	$(call build-site,$(CONTENT),build/site-sub,build/app-sub)
	$(call build-site,build/update-content,build/update-site-sub,build/app-sub)
	$(call build-site,build/capped-content,build/capped-site-sub,build/app-sub)
	$(call build-site,build/en-content,build/en-site-sub,build/app-sub)
	$(call build-site,build/many-content,build/many-site-sub,build/app-sub)

e2e-subpath: subpath-sites
	cd tests/e2e && PUBLIC_URL=$(SUBPATH) E2E_DIST=../../build/site-sub \
		E2E_UPDATE_DIST=../../build/update-site-sub E2E_CAPPED_DIST=../../build/capped-site-sub \
		E2E_EN_DIST=../../build/en-site-sub E2E_MANY_DIST=../../build/many-site-sub npx playwright test foundation bad-data offline nojs navigation search

# The reading suites again, every site served as by a host with an SPA fallback
# (Netlify's /* /index.html 200, Firebase and Vercel rewrites): missing files
# come back as the app's HTML with status 200.
e2e-spa:
	cd tests/e2e && E2E_HOST=spa PUBLIC_URL=$(PUBLIC_URL) npx playwright test foundation navigation search reader realworld bad-data

# Faults from outside, injected: bad --out folders and killed builds, SPA-fallback
# hosts, redeploys under open tabs, storage that throws, a 100,000-heading post.
faults: build fixture-sites
	scripts/install-tools.sh e2e
	scripts/faults.sh

# Feed, sitemap and robots.txt through real parsers, at the root and under a sub-path.
feeds:
	python3 tests/feeds/validate.py dist build/update-site $(if $(wildcard build/site-sub),build/site-sub)

# The Rust tests: builder, bundle and the reader's pure logic.
unit:
	cargo test --workspace

e2e: fixture-sites
	scripts/install-tools.sh e2e
	cd tests/e2e && PUBLIC_URL=$(PUBLIC_URL) npm test

# Fuzz the front-matter parser and Markdown → tree → JSON (cargo-fuzz, nightly).
FUZZ_SECONDS ?= 60
fuzz:
	scripts/install-tools.sh fuzz
	mkdir -p fuzz/corpus/frontmatter fuzz/corpus/markdown
	# Seeded with real posts and the fixture corpora, so mutation starts from real Markdown.
	cp content/*.md tests/fixtures/hostile/*.md tests/fixtures/malformed/*.md fuzz/corpus/frontmatter/
	cp content/*.md tests/fixtures/hostile/*.md fuzz/corpus/markdown/
	cd fuzz && cargo +nightly fuzz run frontmatter -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536
	cd fuzz && cargo +nightly fuzz run markdown -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536

# Home page, an article and the rich-content fixture (whole) at 390 and 1280 px,
# light and dark, into build/screenshots/.
screenshots: build fixture-sites
	scripts/install-tools.sh e2e
	node bench/screenshots.js dist build/screenshots build/en-site

# This reader next to Hugo at 10, 1,000 and 10,000 posts: builder time and memory,
# bytes, paint and navigation times, Lighthouse; report and plot in build/bench/.
bench: build
	bench/perf/run.sh

# Build outputs and test reports; target/ and .tools/ are kept (cargo clean, rm -rf .tools).
clean:
	rm -rf dist build tests/e2e/test-results tests/e2e/playwright-report
