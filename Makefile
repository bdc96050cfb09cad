# The way in: `make demo` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo serve test lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/influent demo
	$(BIN)/influent serve

serve: install
	$(BIN)/influent serve

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format src tests benchmarks scripts
	$(BIN)/ruff check --fix src tests benchmarks scripts

bench: install
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_table.py
	$(BIN)/python benchmarks/bench_enrichment.py
	$(BIN)/python benchmarks/bench_vetting.py
	$(BIN)/python benchmarks/bench_redirect.py
	$(BIN)/python benchmarks/bench_embeddings.py
	$(BIN)/python benchmarks/bench_shortlist.py
	$(BIN)/python benchmarks/bench_hostile_files.py
	$(BIN)/python benchmarks/bench_creator_page.py
	$(BIN)/python benchmarks/bench_cli_startup.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache benchmarks/.data
