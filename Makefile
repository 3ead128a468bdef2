# The quick start: `make demo` serves the demo municipality, `make test` runs the tests.
# Both create .venv/ in the checkout with the Python found as $(PYTHON) (3.11 or newer).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup demo demo-data test test-postgres lint typecheck bench bench-floor bench-search messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

demo-data: setup
	TSUNAGARI_DEMO=1 $(BIN)/tsunagari migrate --noinput --verbosity 0
	TSUNAGARI_DEMO=1 $(BIN)/tsunagari load_reference
	TSUNAGARI_DEMO=1 $(BIN)/tsunagari load_demo

demo: demo-data
	@echo "tsunagari demo: http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	TSUNAGARI_DEMO=1 $(BIN)/tsunagari runserver --noreload $(HOST):$(PORT)

test: setup
	$(BIN)/pytest -n 2

test-postgres: setup
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest -n 2

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	TSUNAGARI_DEBUG=1 $(BIN)/mypy src

bench: setup
	cd bench && ../$(BIN)/python run.py

bench-floor: setup
	cd bench && ../$(BIN)/python floor.py

bench-search: setup
	$(BIN)/python bench/search.py

# Refresh the translation catalogues from the sources (extraction needs GNU gettext's
# xgettext), then compile them with polib. The compiled .mo files are committed, so
# running the site or the tests never needs gettext.
messages: setup
	cd src/tsunagari && TSUNAGARI_DEBUG=1 ../../$(BIN)/tsunagari makemessages -l en -l ja_Easy --no-location --no-obsolete
	TSUNAGARI_DEBUG=1 $(BIN)/tsunagari compile_catalogues

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
