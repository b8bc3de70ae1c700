# claimx: `make help` lists the targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out
# torch is named on every pip line that could pull it in, so pip takes the CPU wheel.
PIP_INSTALL := $(BIN)/pip install -q --disable-pip-version-check

.PHONY: help install demo test test-fast lint format bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) "torch==2.13.0" -e ".[dev]"
	touch $@

install: $(VENV)/.installed ## create .venv and install claimx with its models and dev tools

demo: install ## batch over corpus/, resolve, and print a summary of what was found
	$(BIN)/claimx batch corpus --out $(OUT)/claims.parquet
	$(BIN)/claimx resolve $(OUT)/claims.parquet --out $(OUT)/resolved
	$(BIN)/python scripts/summarize.py $(OUT)/claims.parquet --resolved $(OUT)/resolved

test: install ## run the whole test suite (fast tests and the few that load the real models)
	$(BIN)/ruff check claimx tests scripts
	$(BIN)/pytest -q

test-fast: install ## only the tests that need no real model
	$(BIN)/pytest -q -m "not slow"

lint: install ## ruff check and format check
	$(BIN)/ruff check claimx tests scripts
	$(BIN)/ruff format --check claimx tests scripts

format: install ## ruff format and fix
	$(BIN)/ruff format claimx tests scripts
	$(BIN)/ruff check --fix claimx tests scripts

bench: install ## time spaCy alone, rules-only, learned claimx and resolve on FA-KES (BENCH_ARGS="--limit 100")
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean: ## remove outputs and caches (keeps .venv)
	rm -rf $(OUT) .pytest_cache .ruff_cache
