# The two commands a newcomer needs: `make demo` and `make test`.
# `make test` is the inner loop (lint, type check and every test but the Spark, browser and
# slow ones); `make test-all` runs the whole suite, as CI does.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FAST := not spark and not browser and not slow

.PHONY: setup demo test test-all bench docs-images clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH"; exit 2; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: setup
	$(BIN)/clampdown extract examples/ --format table
	mkdir -p build
	$(BIN)/clampdown ingest examples/ --db sqlite:///build/demo.db
	$(BIN)/clampdown disputes --db sqlite:///build/demo.db
	$(BIN)/clampdown dispute ru-twitter-2021-01-23 --db sqlite:///build/demo.db
	$(BIN)/clampdown serve --db sqlite:///build/demo.db

test: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -m "$(FAST)"

test-all: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/store.py
	$(BIN)/python bench/api.py
	$(BIN)/python bench/spark.py

# The README's dashboard picture, taken by the browser test (needs /usr/bin/chromium).
docs-images: setup
	CLAMPDOWN_DOCS_IMAGES=1 $(BIN)/python -m pytest tests/web/test_browser_disputes.py

clean:
	rm -rf $(VENV) build .pytest_cache .hypothesis
