# `make html` builds the book, `make test` runs every check; both set up .venv first.
SHELL := bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
BUILD := book/_build
SPHINXOPTS ?= -W --keep-going -j 4
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Headless, single-threaded BLAS/OpenMP: same numbers every run, no stray threads.
export MPLBACKEND := Agg
export OMP_NUM_THREADS := 1

.PHONY: html pdf test lint format clean serve chromium bench

# torch first and pinned: pip then takes the local CPU wheel instead of CUDA builds.
$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[book,test]'
	touch $@

# MathJax typesets the book's math at build time (nnfig/sphinxext/math.py), pinned by the lockfile.
$(NODE_INSTALLED): package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

html: $(INSTALLED) $(NODE_INSTALLED)
	$(BIN)/sphinx-build $(SPHINXOPTS) -b html -d $(BUILD)/doctrees book $(BUILD)/html

# The print edition, book/_build/pdf/*.pdf: the book on one page, printed by Chromium
# (nnfig/sphinxext/pdf.py). Its own doctrees: the HTML build's stay as they are.
pdf: $(INSTALLED) $(NODE_INSTALLED) chromium
	$(BIN)/sphinx-build $(SPHINXOPTS) -b singlehtml -t print -d $(BUILD)/doctrees-pdf book $(BUILD)/pdf

test: $(INSTALLED) $(NODE_INSTALLED) chromium lint
	$(BIN)/pytest

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Debian's Chromium drives the browser tests (Playwright never downloads a browser here).
chromium:
	@test -x $(CHROMIUM) || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

# Build times and page weights (a benchmark: prints tables, asserts nothing).
bench: $(INSTALLED) $(NODE_INSTALLED) chromium
	$(BIN)/python tests/benchmark.py --runs 3

serve: $(INSTALLED) $(NODE_INSTALLED)
	$(BIN)/sphinx-autobuild book $(BUILD)/html --watch nnfig --watch figures --port 8000

clean:
	rm -rf $(BUILD) book/gallery book/jupyter_execute
