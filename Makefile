# Doorbraak — the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2

.PHONY: demo test install install-test bench lint format messages assets screenshots clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## demo: install, migrate SQLite, load demo data, run the task worker and serve on http://127.0.0.1:8000
demo: install
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	@echo ""
	@echo "Doorbraak draait op http://$(HOST):$(PORT)/ — stoppen met Ctrl+C."
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) db_worker --interval 2 >var/worker.log 2>&1 & worker=$$!; \
	$(VENV)/bin/gunicorn doorbraak.config.wsgi --pythonpath src --bind $(HOST):$(PORT) \
		--workers 2 --threads 4 --access-logfile - --error-logfile -

## test: install the test tools and run the whole suite (unit, API, access harness, browser)
test: install-test
	$(PY) -m pytest $(PYTEST_ARGS)

## bench: run every benchmark in bench/ and append the figures to bench/RESULTS.md
bench: install-test
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

## screenshots: run the browser journeys and save their screenshots to docs/screenshots/
screenshots: install-test
	DOORBRAAK_SCREENSHOTS=1 $(PY) -m pytest -q tests/browser

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## messages: refresh the Dutch translations after changing UI strings
messages: install
	cd src/doorbraak && ../../$(PY) ../../manage.py makemessages -l nl --no-obsolete --no-location
	cd src/doorbraak && ../../$(PY) ../../manage.py compilemessages -l nl

## assets: refresh the vendored NL Design System CSS and axe-core from npm (see package.json)
assets:
	npm install --no-audit --no-fund
	cp node_modules/@utrecht/component-library-css/dist/index.css src/doorbraak/static/vendor/utrecht/component-library.css
	cp node_modules/@utrecht/component-library-css/LICENSE.md src/doorbraak/static/vendor/utrecht/LICENSE.md
	cp node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css src/doorbraak/static/vendor/voorbeeld-design-tokens/theme.css
	cp node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/LICENSE.md src/doorbraak/static/vendor/voorbeeld-design-tokens/LICENSE.md
	cp node_modules/axe-core/axe.min.js tests/vendor/axe.min.js
	cp node_modules/axe-core/LICENSE tests/vendor/axe-core-LICENSE

clean:
	rm -rf $(VENV) var
