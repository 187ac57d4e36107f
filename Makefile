# Two commands a newcomer needs: `make serve` and `make test`. Both set everything up first.
# `make test-fast` is the loop while editing: ruff, validate, the JavaScript unit tests and every test that needs no build,
# server, CLI subprocess or browser (tests/conftest.py marks those), in under a minute.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1
# setuptools warns on every editable install that a folder named like the package (generator/, at
# the top of the repository by design) may shadow it; it is the package itself, so say nothing.
QUIET := PYTHONWARNINGS="ignore:Editable installation"

.PHONY: serve serve-nl test test-fast build build-properdocs lock validate lint bench clean words

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(QUIET) $(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

node_modules/axe-core/axe.min.js: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; else echo "npm not found: the accessibility tests will be skipped"; fi

serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty -a 127.0.0.1:8000

# The Dutch edition alone, with live reload, at http://127.0.0.1:8001/knowledge-base/nl/
serve-nl: $(STAMP)
	$(BIN)/mkdocs serve --dirty -f mkdocs.nl.yml -a 127.0.0.1:8001

# The self-assessment's pure logic under node's own test runner (no package needed).
NODE_TEST := @if command -v node >/dev/null; then node --test tests/js/; else echo "node not found: the JavaScript unit tests (tests/js/) are skipped"; fi

test: $(STAMP) node_modules/axe-core/axe.min.js
	$(BIN)/ruff check generator tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m generator validate
	$(NODE_TEST)
	$(BIN)/pytest

test-fast: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m generator validate
	$(NODE_TEST)
	HYPOTHESIS_PROFILE=fast $(BIN)/pytest -q -m "not build and not browser"

build: $(STAMP)
	$(BIN)/mkdocs build --strict

validate: $(STAMP)
	$(BIN)/python -m generator validate

# Bring the word catalogs (generator/locale/) in step with the code: add the messages it names, drop
# those nothing uses, put each English text beside its Dutch one. Then write any new message's text.
words: $(STAMP)
	$(BIN)/python -m generator.tools.catalog --update

# The same site built by ProperDocs, which continues MkDocs 1.x, in a virtual environment of its own.
build-properdocs: constraints.txt
	$(PYTHON) -m venv .venv-properdocs
	.venv-properdocs/bin/pip install --quiet --upgrade pip
	$(QUIET) .venv-properdocs/bin/pip install --quiet -c constraints.txt -e ".[properdocs]"
	.venv-properdocs/bin/properdocs build --strict -f mkdocs.yml -d site-properdocs
	@# every case has its page in both editions (whatever cases there are)
	@for record in content/cases/*.yaml; do id=$$(basename $$record .yaml); \
	  test -f site-properdocs/cases/$$id/index.html && test -f site-properdocs/nl/cases/$$id/index.html \
	  || { echo "ProperDocs built no page for case $$id"; exit 1; }; done

# Refresh constraints.txt: the exact versions every install uses. Run after changing pyproject.toml.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --upgrade pip
	.venv-lock/bin/pip install --quiet -e ".[test,properdocs]"
	.venv-lock/bin/pip freeze --exclude-editable | grep -v '^pip==' > constraints.txt
	rm -rf .venv-lock

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .venv-properdocs site site-properdocs node_modules .pytest_cache
