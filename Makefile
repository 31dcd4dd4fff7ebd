# One entry point for every task. `make serve` and `make test` do all set-up
# themselves on a fresh machine; CI runs `make test` through .ci/run.
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# `make build` writes .gz and .br copies for servers that send them as they are
# (hosting/nginx/); PRECOMPRESS=false make build leaves them out (GitHub Pages).
PRECOMPRESS ?= true

.PHONY: help setup serve build check lint-js test-js test test-fast bench lighthouse chromium engines nginx clean

help:
	@echo "make serve   build and serve the site with the helper at http://$(HOST):$(PORT)"
	@echo "make test    run the whole test suite (installs what it needs: Chromium, Firefox, WebKit)"
	@echo "make test-fast   the package and build scripts only: no browser, no site build"
	@echo "make build   build the static site into site/ for the address in SITE_URL"
	@echo "             (SITE_URL=https://your.address/ make build; see docs/hosting.md)"
	@echo "make check   lint (ruff) and type-check (mypy --strict) the Python sources, and lint-js"
	@echo "make lint-js type-check (tsc, from JSDoc) and lint (ESLint) the helper's JavaScript"
	@echo "make test-js the JavaScript unit tests beside the modules (node --test)"
	@echo "make bench   measure the helper's start-up and output speed in Chromium (and on Fast 4G via nginx), and its start-up in Chromium, Firefox and WebKit"
	@echo "make lighthouse   Lighthouse scores for the home page and a rule page"

$(BIN)/activate:
	@PY=$$(bash build_scripts/dev/find-python.sh) && echo "Creating $(VENV) with $$PY" && "$$PY" -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate requirements.txt requirements.lock helper/pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e ./helper
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

.cache/wheels/.fetched: $(VENV)/.installed build_scripts/runtime/wheels.lock.json
	$(BIN)/python -m build_scripts.runtime.fetch_wheels
	@touch $@

setup: $(VENV)/.installed node_modules/.installed .cache/wheels/.fetched

chromium:
	@bash build_scripts/dev/ensure-chromium.sh

# Firefox ESR, WebKitGTK (WebKitWebDriver, MiniBrowser) and Xvfb for tests/engines/.
engines:
	@bash build_scripts/dev/ensure-engines.sh

nginx:
	@bash build_scripts/dev/ensure-nginx.sh

# Both run the build's three steps (stage, the builder, finish: build_scripts/README.md);
# mkdocs.yml is never built directly. BUILDER=zensical builds with Zensical instead.
BUILDER ?= mkdocs

serve: setup
	$(BIN)/python -m build_scripts.site.serve --host $(HOST) --port $(PORT) --builder $(BUILDER)

# Strict: a build without SITE_URL stops here rather than deploy a site that does not
# know its own address.
build: setup
	PRECOMPRESS=$(PRECOMPRESS) $(BIN)/python -m build_scripts.site.build --site-dir site --builder $(BUILDER)

check: setup lint-js
	$(BIN)/ruff check .
	$(BIN)/mypy --strict helper/src/infoshare build_scripts

# The helper's JavaScript: tsc checks every module's JSDoc types (tsconfig.json), ESLint
# the rest (eslint.config.mjs). Both from the pinned npm packages.
lint-js: node_modules/.installed
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/eslint docs/helper build_scripts/runtime/runtime_wheels.mjs build_scripts/runtime/runtime_wheels.test.mjs

# Unit tests beside the modules they test: the worker's guard, the worker client, the
# wheel loader. The site's build leaves *.test.mjs out.
JS_TESTS := $(wildcard docs/helper/*.test.mjs docs/helper/app/*.test.mjs build_scripts/runtime/*.test.mjs)
test-js: node_modules/.installed
	node --test $(JS_TESTS)

# The tests run in one process per core (pytest-xdist; at most four, set JOBS to choose),
# and a process that runs out of tests takes some from another. A site several tests read
# is built once for all of them (tests/building.py).
JOBS ?= auto
PYTEST := $(BIN)/python -m pytest -n $(JOBS) --maxprocesses 4 --dist worksteal

test: check test-js chromium engines nginx
	$(PYTEST)

# The tier to run after every change: tests/README.md says what each tier runs and takes.
test-fast: setup
	$(PYTEST) -q tests/unit tests/site -m "not browser and not build"

bench: setup chromium engines nginx
	$(BIN)/python -m build_scripts.dev.bench

lighthouse: setup chromium
	$(BIN)/python build_scripts/dev/lighthouse.py

clean:
	rm -rf site .cache .pytest_cache
