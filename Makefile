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

# ingest the bundled fictional samples, list them, show the first outcome list
demo: setup
	$(BIN)/luoshi ingest --db $(DEMO_DB) samples/
	$(BIN)/luoshi list --db $(DEMO_DB)
	@id=$$($(BIN)/luoshi list --json --db $(DEMO_DB) \
		| $(BIN)/python -c 'import json, sys; docs = json.load(sys.stdin); \
		  print(next((d for d in docs if d["kind"] == "outcome-list"), docs[0])["id"])'); \
	echo "+ luoshi show $$id"; \
	$(BIN)/luoshi show --db $(DEMO_DB) $$id

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
