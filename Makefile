# crime-compare: one entry point for building, serving, testing and benchmarking.
#
#   make serve   install what is missing, build pkg/, serve the repository on 127.0.0.1:8080
#   make test    every suite in Chromium, Firefox and WebKit, and pkg/ staleness (.ci/test);
#                one summary line per engine. Alone: test-host, check-pkg, test-wasm,
#                test-wasm-firefox, test-wasm-webkit, test-e2e, test-webdriver-firefox,
#                test-webdriver-webkit
#   make pkg     rebuild pkg/ and the builder's module www/builder-wasm/ from the sources (commit both)
#   make bench   benchmark against Chart.js (not part of make test)
#   make wordpress-plugin   target/crime-compare-wordpress.zip: the WordPress plugin with pkg/ inside
#   make fuzz    run each cargo-fuzz target for FUZZ_RUNS executions (nightly; not part of make test)
#
# Every target installs what a bare machine lacks (see .ci/setup), so a fresh clone needs
# nothing else. The wasm build is reproducible: pinned tools and remapped paths, so the
# committed pkg/ can be checked byte for byte against what the sources build.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
PORT ?= 8080

CRATE := crime_compare
DATA_DIR ?= pkg/data
WASM_TARGET := wasm32-unknown-unknown
FRESH := target/pkg-fresh
CARGO_HOME ?= $(HOME)/.cargo
RUSTUP_HOME ?= $(HOME)/.rustup
# Remap every absolute path that could reach the wasm, so the output does not depend on
# where the repository or the cargo home live.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS := --remap-path-prefix=$(CURDIR)=/crime-compare --remap-path-prefix=$(CARGO_HOME)=/cargo --remap-path-prefix=$(RUSTUP_HOME)=/rustup
WASM_OPT_FLAGS := -Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals --enable-reference-types --enable-multivalue

.PHONY: help setup pkg fresh-pkg fresh-builder builder-wasm check-pkg serve test test-host test-wasm test-wasm-firefox test-wasm-webkit test-e2e \
	test-webdriver-firefox test-webdriver-webkit bench data data-files fuzz wordpress-plugin

help:
	@sed -n 's/^#   //p' Makefile

setup:
	@bash .ci/setup

# Build the package into $(FRESH) without touching pkg/.
fresh-pkg: setup
	@bash .ci/setup --wait wasm-bindgen-cli
	@cargo build --quiet --release --lib --target $(WASM_TARGET)
	@rm -rf $(FRESH) && mkdir -p $(FRESH)/bindgen
	@# wasm-opt runs before wasm-bindgen: run after it, binaryen 108 reorders the tables and
	@# the glue's externref table can no longer grow ("failed to grow table").
	@wasm-opt $(WASM_OPT_FLAGS) target/$(WASM_TARGET)/release/$(CRATE).wasm -o $(FRESH)/bindgen/opt.wasm
	@wasm-bindgen --target web --out-name $(CRATE) --out-dir $(FRESH)/bindgen $(FRESH)/bindgen/opt.wasm
	@cp $(FRESH)/bindgen/$(CRATE)_bg.wasm $(FRESH)/bindgen/$(CRATE).js $(FRESH)/bindgen/$(CRATE).d.ts $(FRESH)/
	@cp js/crime-compare.js js/embed.html js/package.json $(FRESH)/
	@rm -rf $(FRESH)/bindgen
	@# The data are built with the debug build of crime-data, which `cargo test` has already
	@# compiled: the same code gives the same bytes (tests/dataset.rs checks them against the
	@# committed ones), and CI is spared a release build with LTO of the whole tool (~10 s
	@# slower to run, over a minute quicker to build on 2 cores).
	@$(MAKE) --no-print-directory data-files DATA_DIR=$(FRESH)/data DATA_BIN=target/data/crime-compare.bin CRIME_DATA_PROFILE=

# The embed builder's own module (builder/: the same ingest and codec, with the workbook reader
# and a zip writer), which only www/builder.html loads; readers never fetch it, so it is not in
# pkg/, which publishers copy. Built in its own cargo invocation: built together with the widget,
# cargo would unify the two builds' features and each module would carry the other's code.
BUILDER_CRATE := crime_compare_builder
BUILDER_DIR := www/builder-wasm
BUILDER_FRESH := target/builder-fresh
fresh-builder: setup
	@cargo build --quiet --release -p crime-compare-builder --lib --target $(WASM_TARGET)
	@rm -rf $(BUILDER_FRESH) && mkdir -p $(BUILDER_FRESH)/bindgen
	@wasm-opt $(WASM_OPT_FLAGS) target/$(WASM_TARGET)/release/$(BUILDER_CRATE).wasm -o $(BUILDER_FRESH)/bindgen/opt.wasm
	@wasm-bindgen --target web --no-typescript --out-name $(BUILDER_CRATE) --out-dir $(BUILDER_FRESH)/bindgen $(BUILDER_FRESH)/bindgen/opt.wasm
	@cp $(BUILDER_FRESH)/bindgen/$(BUILDER_CRATE)_bg.wasm $(BUILDER_FRESH)/bindgen/$(BUILDER_CRATE).js $(BUILDER_FRESH)/
	@rm -rf $(BUILDER_FRESH)/bindgen

builder-wasm: fresh-builder
	@mkdir -p $(BUILDER_DIR) && find $(BUILDER_DIR) -mindepth 1 -delete && cp -r $(BUILDER_FRESH)/* $(BUILDER_DIR)/
	@echo "$(BUILDER_DIR)/ rebuilt: wasm $$(gzip -9c $(BUILDER_DIR)/$(BUILDER_CRATE)_bg.wasm | wc -c) bytes gzip"

pkg: fresh-pkg
	@mkdir -p pkg && find pkg -mindepth 1 -delete && cp -r $(FRESH)/* pkg/
	@echo "pkg/ rebuilt: $$(du -sb pkg | cut -f1) bytes, wasm $$(gzip -9c pkg/$(CRATE)_bg.wasm | wc -c) bytes gzip"
	@$(MAKE) --no-print-directory builder-wasm

# Fails when the committed pkg/ or www/builder-wasm/ is not what the sources build.
check-pkg: fresh-pkg fresh-builder
	@stale=0; \
	 if ! diff -r -q pkg $(FRESH) >/dev/null 2>&1; then \
	  echo "pkg/ is stale: it differs from what the sources build:"; diff -r -q pkg $(FRESH) || true; stale=1; fi; \
	 if ! diff -r -q $(BUILDER_DIR) $(BUILDER_FRESH) >/dev/null 2>&1; then \
	  echo "$(BUILDER_DIR)/ is stale: it differs from what the sources build:"; diff -r -q $(BUILDER_DIR) $(BUILDER_FRESH) || true; stale=1; fi; \
	 if [ $$stale -ne 0 ]; then echo "Run 'make pkg' and commit pkg/ and $(BUILDER_DIR)/."; exit 1; fi
	@echo "pkg/ and $(BUILDER_DIR)/ are up to date with the sources."

serve: pkg
	@echo "Demo: http://127.0.0.1:$(PORT)/www/index.html  (Ctrl-C to stop)"
	@python3 -m http.server $(PORT) --bind 127.0.0.1 >/dev/null 2>&1

# No `setup` prerequisite: .ci/test runs it with --defer-cargo (tools build in the background).
test:
	@bash .ci/test

test-host:
	@cargo test --quiet --no-fail-fast --workspace 2>&1 | grep -vE '^(running 0 tests|test result: ok. 0 passed.*)$$|^$$'

# The wasm tests (tests/web.rs) in each engine, through wasm-bindgen-test-runner. Without debug
# info: with it the test module was 30 MB, 26 MB of it DWARF, which wasm-bindgen and each
# browser read on every run (panics still name their functions, from the name section).
WASM_TEST := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner WASM_BINDGEN_TEST_TIMEOUT=120 \
  CARGO_PROFILE_DEV_DEBUG=false cargo test --target $(WASM_TARGET) --test web
GECKODRIVER ?= $(CARGO_HOME)/bin/geckodriver
test-wasm: setup
	@# Compiled first, so on a bare machine the compile runs while wasm-bindgen-cli is still building.
	@$(WASM_TEST) --no-run --quiet
	@bash .ci/setup --wait wasm-bindgen-cli
	@CHROMEDRIVER=/usr/bin/chromedriver $(WASM_TEST)
test-wasm-firefox: setup
	@bash .ci/setup --wait wasm-bindgen-cli && bash .ci/setup --wait geckodriver
	@GECKODRIVER=$(GECKODRIVER) $(WASM_TEST)
# The runner has no WebKitGTK driver of its own; it drives WebKitWebDriver as a remote W3C
# endpoint (its GECKODRIVER_REMOTE path, so it prints "Firefox": the sed says what it is).
test-wasm-webkit: setup
	@bash .ci/setup --wait wasm-bindgen-cli
	@# WebKitWebDriver now and then answers the runner's first script call with HTTP 500 while
	@# MiniBrowser is still loading the test page ("request failed", before any test has run).
	@# That failure of the driver, not of a test, is retried once, and says so.
	@for attempt in 1 2; do \
	  rc=0; bash .ci/webkit sh -c 'GECKODRIVER_REMOTE=$$WEBKIT_WEBDRIVER_URL WASM_BINDGEN_TEST_WEBDRIVER_JSON=$$WEBKIT_CAPABILITIES $(WASM_TEST)' \
	    >target/ci/wasm-webkit-run.log 2>&1 || rc=$$?; \
	  sed 's/headless tests in Firefox on/tests in WebKitGTK (MiniBrowser, through WebKitWebDriver) on/' target/ci/wasm-webkit-run.log; \
	  [ $$rc -eq 0 ] && exit 0; \
	  if [ $$attempt = 1 ] && grep -q 'request failed' target/ci/wasm-webkit-run.log && ! grep -q 'test result' target/ci/wasm-webkit-run.log; then \
	    echo "test-wasm-webkit: WebKitWebDriver failed before any test ran; trying once more"; continue; fi; \
	  exit $$rc; \
	done

# Runs against pkg/ (which check-pkg has just proved equal to a fresh build).
test-e2e: setup
	@cd tests/e2e && npx playwright test

# What a reader gets in Firefox and WebKit: tests/e2e/webdriver/, over W3C WebDriver.
WEBDRIVER_TEST := node --test --test-reporter=spec --test-timeout=600000 webdriver/
test-webdriver-firefox: setup
	@bash .ci/setup --wait geckodriver
	@cd tests/e2e && ENGINE=firefox GECKODRIVER=$(GECKODRIVER) $(WEBDRIVER_TEST)
test-webdriver-webkit: setup
	@bash .ci/webkit sh -c 'cd tests/e2e && ENGINE=webkit $(WEBDRIVER_TEST)'

# The plugin as a site owner installs it (Plugins > Add New > Upload): wordpress/crime-compare/
# with the committed pkg/ in its pkg/ folder.
wordpress-plugin:
	@rm -rf target/wordpress && mkdir -p target/wordpress && cp -r wordpress/crime-compare target/wordpress/
	@cp -r pkg target/wordpress/crime-compare/pkg
	@rm -f target/crime-compare-wordpress.zip && cd target/wordpress && zip -qr ../crime-compare-wordpress.zip crime-compare
	@echo "target/crime-compare-wordpress.zip: $$(wc -c < target/crime-compare-wordpress.zip) bytes"

bench: pkg
	@cd tests/e2e && node bench.mjs

FUZZ_RUNS ?= 1000000
FUZZ_TARGETS := decode decode_payload decode_geometry ingest_csv publisher
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install --quiet cargo-fuzz --version 0.13.2 --locked
	@# Captured, not piped into grep -q: under pipefail an early exit of grep fails the check.
	@grep -q '^nightly' <<<"$$(rustup toolchain list)" || rustup toolchain install nightly --profile minimal
	@mkdir -p target/fuzz fuzz/corpus/decode fuzz/corpus/decode_payload fuzz/corpus/decode_geometry fuzz/corpus/ingest_csv fuzz/corpus/publisher
	@# Seeds: real inputs, so the fuzzer starts deep inside each parser. The decoder's seed is a
	@# small real dataset (two Welsh forces, three offences, ten periods): decoding the whole
	@# bundled file on every run would allow only a few thousand runs a minute.
	@awk -F, 'NR == 1 || (($$2 == "North Wales" || $$2 == "Gwent") && ($$4 == "Sexual offences" || $$4 == "Robbery" || $$4 == "Homicide") && n++ < 60)' data/rec-crime-pfa.csv > target/fuzz/small-pfa.csv
	@cargo run --quiet --release --bin crime-data -- build --pfa target/fuzz/small-pfa.csv --population data/population.csv --lookup data/lookup.csv -o target/fuzz/small.bin >/dev/null
	@tail -c +15 target/fuzz/small.bin > fuzz/corpus/decode_payload/small
	@cp target/fuzz/small.bin fuzz/corpus/decode/small
	@cp pkg/data/g-*.ccd fuzz/corpus/decode_geometry/boundaries
	@head -c 3000 data/rec-crime-pfa.csv > fuzz/corpus/ingest_csv/pfa.csv
	@head -c 3000 data/population.csv > fuzz/corpus/ingest_csv/population.csv
	@head -c 3000 data/lookup.csv > fuzz/corpus/ingest_csv/lookup.csv
	@printf 'area,period,offence,count,population,source\nFlintshire,2019-03,Sexual offences,517,155000,"Home Office, CSP tables"\nWrexham,2020-03,Sexual offences,,,\n' > fuzz/corpus/publisher/story.csv
	@for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz $$t: $(FUZZ_RUNS) runs"; \
	  (cd fuzz && cargo +nightly fuzz run $$t corpus/$$t -- -runs=$(FUZZ_RUNS) -max_len=8192 -timeout=10 2>&1) | tee target/fuzz/$$t.log | grep -E '^(Done|#[0-9]+ +DONE)|panicked|ERROR' ; \
	done

# Rebuild the dataset from the committed sources in data/: the self-contained file the native
# tools and tests read (data/crime-compare.bin) and the same figures split for the widget
# (pkg/data/: an index, one content-addressed file per offence and one for the boundaries).
QUARTERLY := data/prc-pfa-mar2013-onwards-191023.csv.gz
DATA_BIN ?= data/crime-compare.bin
CRIME_DATA_PROFILE ?= --release
data: data-files
data-files:
	@mkdir -p target/data && gzip -dc $(QUARTERLY) > target/data/prc-pfa-mar2013-onwards-191023.csv
	@cargo run --quiet $(CRIME_DATA_PROFILE) --bin crime-data -- build --pfa data/rec-crime-pfa.csv \
	  --population data/population.csv --lookup data/lookup.csv \
	  --open-data target/data/prc-pfa-mar2013-onwards-191023.csv \
	  --boundaries data/boundaries/PFA_DEC_2022_EW_BUC_V2.shp \
	  --split-dir $(DATA_DIR) -o $(DATA_BIN)
