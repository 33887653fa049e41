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

# Until the SPARQL endpoint lands, "serving" the graph means checking it and printing what it holds.
serve: $(STAMP)
	$(VENV)/bin/ltc-graph validate
	$(VENV)/bin/ltc-graph stats

test: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/pytest

bench: $(STAMP)
	$(PY) bench/validate_speed.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
