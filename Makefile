# Two commands set everything up: `make serve` and `make test`. Each creates .venv when missing.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: serve test lint bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Serve the SPARQL endpoint and editor on http://127.0.0.1:8000/sparql (embedded store).
serve: $(STAMP)
	$(VENV)/bin/ltc-graph serve --host 127.0.0.1 --port 8000

test: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/pytest

bench: $(STAMP)
	$(PY) bench/validate_speed.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
