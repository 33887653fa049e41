# Two commands set everything up: `make serve` and `make test`. Each creates .venv when missing.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
WEB := web/node_modules/.package-lock.json

.PHONY: serve test lint bench clean

$(STAMP): pyproject.toml $(WEB)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The query editor (YASGUI) from the npm registry; served by the app, never committed.
$(WEB): web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund --loglevel=error

# Serve the SPARQL endpoint and editor on http://127.0.0.1:8000/sparql (embedded store).
serve: $(STAMP)
	$(VENV)/bin/ltc-graph serve --host 127.0.0.1 --port 8000

test: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/pytest

bench: $(STAMP)
	$(PY) bench/validate_speed.py --write
	$(PY) bench/endpoint_speed.py --write

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
