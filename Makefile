# Two commands a newcomer needs: `make serve` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build validate lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

node_modules/axe-core/axe.min.js: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; else echo "npm not found: the accessibility tests will be skipped"; fi

serve: $(STAMP)
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

test: $(STAMP) node_modules/axe-core/axe.min.js
	$(BIN)/ruff check generator tests bench
	$(BIN)/python -m generator validate
	$(BIN)/pytest

build: $(STAMP)
	$(BIN)/mkdocs build --strict

validate: $(STAMP)
	$(BIN)/python -m generator validate

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) site node_modules .pytest_cache
