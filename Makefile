# luoshi developer targets. `make test` is what CI runs (via .ci/run).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := test

VENV ?= .venv
BIN := $(VENV)/bin
# First python3.11+ on PATH (override: make PYTHON=/path/to/python3.12 setup)
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && { echo $$p; break; }; done)
LINT_PATHS := luoshi tests benchmarks
DEMO_DB := ./luoshi.db
# what `make demo` ingests: the bundled fictional samples, or your own files,
# folders and URLs (make demo DOCS="~/outcomes/ https://example.org/list.html")
DOCS ?= samples/
# the samples are dated 2031-2033: judge their deadlines as of the end of that story
DEMO_AS_OF ?= 2033-12-31

.PHONY: setup demo test lint pytest bench clean

# The stamp is newer than pyproject.toml once the editable install succeeded; a
# changed dependency list reinstalls.
$(BIN)/.luoshi-installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: need Python 3.11 or newer on PATH" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(BIN)/.luoshi-installed

# ingest (and link) the documents, print the commitment tracker, write the HTML
# report, then serve the ledger on http://127.0.0.1:8000/ until Ctrl+C
demo: setup
	$(BIN)/luoshi ingest --db $(DEMO_DB) $(DOCS)
	$(BIN)/luoshi track --db $(DEMO_DB) --as-of $(DEMO_AS_OF)
	$(BIN)/luoshi report --db $(DEMO_DB) --as-of $(DEMO_AS_OF) -o report.html
	$(BIN)/luoshi serve --db $(DEMO_DB)

lint: setup
	$(BIN)/ruff check $(LINT_PATHS)

pytest: setup
	$(BIN)/pytest -q

# services the tests need (PostgreSQL, Chromium: .ci/services/*.sh), then lint and
# tests; both run (so CI shows every problem) and either failing fails the target
test: setup
	PYTHON=$(BIN)/python bash scripts/run-tests

bench: setup
	$(BIN)/python benchmarks/parse_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache luoshi.egg-info
