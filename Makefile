# Two commands set everything up: `make serve` and `make test`. Each creates .venv when missing.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
WEB := web/node_modules/.package-lock.json

.PHONY: serve test lint bench clean translations fingerprints screenshots cookbook

$(STAMP): pyproject.toml $(WEB)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The query editor (YASGUI) from the npm registry; served by the app, never committed.
$(WEB): web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund --loglevel=error

# The official SARIF 2.1.0 JSON schema, as Microsoft's SARIF SDK ships it in its npm package,
# for tests/test_ci_formats.py (validate --format sarif); only this file is kept, never committed.
SARIF := microsoft-sarif-multitool-linux-5.7.0.tgz
SARIF_SCHEMA := $(VENV)/share/sarif/sarif-2.1.0.json
$(SARIF_SCHEMA):
	mkdir -p $(@D)
	cd $(@D) && npm pack --silent @microsoft/sarif-multitool-linux@5.7.0 >/dev/null \
		&& tar xzf $(SARIF) --strip-components=1 package/sarif-2.1.0.json && rm $(SARIF)

# The W3C SHACL test suite (the Data Shapes working group's core manifests), as pySHACL's source
# distribution ships it, for tests/validation/test_w3c_suite.py; only core/ is kept, never
# committed.
PYSHACL_SDIST := 0.40.1
SHACL_SUITE_DIR := $(VENV)/share/shacl-test-suite
SHACL_SUITE := $(SHACL_SUITE_DIR)/core/manifest.ttl
$(SHACL_SUITE): | $(STAMP)
	rm -rf $(SHACL_SUITE_DIR) && mkdir -p $(SHACL_SUITE_DIR)/sdist
	$(PY) -m pip download --quiet --no-deps --no-binary :all: pyshacl==$(PYSHACL_SDIST) \
		-d $(SHACL_SUITE_DIR)/sdist
	tar xzf $(SHACL_SUITE_DIR)/sdist/pyshacl-$(PYSHACL_SDIST).tar.gz -C $(SHACL_SUITE_DIR) \
		--strip-components=4 pyshacl-$(PYSHACL_SDIST)/test/resources/sht_tests/core
	rm -rf $(SHACL_SUITE_DIR)/sdist
	touch $@

# Serve the SPARQL endpoint and editor on http://127.0.0.1:8000/sparql (embedded store).
serve: $(STAMP)
	$(VENV)/bin/ltc-graph serve --host 127.0.0.1 --port 8000

test: $(STAMP) $(SARIF_SCHEMA) $(SHACL_SUITE)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ltc-graph fmt --check
	$(VENV)/bin/pytest
	$(PY) .ci/audit_dependencies.py

# Bring the catalogue of the interface's strings up to date with the code and templates: new
# strings appear in translations/it/LC_MESSAGES/messages.po without Italian, for a translator.
translations: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 --no-location \
		--sort-output --omit-header -o $(VENV)/messages.pot .
	$(VENV)/bin/pybabel update -i $(VENV)/messages.pot -d src/ltc_graph/web/translations \
		--width 100 --ignore-obsolete --no-fuzzy-matching

# Re-take the README's screenshots (docs/screenshots/) and the gallery of every page
# (docs/gallery.md) after a change to the pages they show.
screenshots: $(STAMP)
	LTC_README_SCREENSHOTS=1 $(VENV)/bin/pytest -q tests/browser/test_dashboard_browser.py \
		tests/browser/test_query_pages_browser.py -k "screenshot or readme"
	LTC_README_SCREENSHOTS=1 $(VENV)/bin/pytest -q tests/browser/test_site_browser.py

# Rebuild the brochure's fingerprints (tests/data/brochure-fingerprints.txt) after the source
# changes: make fingerprints SOURCE=path/to/brochure.txt
fingerprints: $(STAMP)
	$(PY) tests/data/fingerprints.py $(SOURCE)

# Re-run the queries of the analyst's cookbook (docs/cookbook.md) and write their fresh answers
# into it, after a change to the data; then read the diff.
cookbook: $(STAMP)
	$(PY) tests/queries/cookbook.py --write

bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	cd bench && ../$(PY) request_path.py --write
	$(PY) bench/validate_speed.py --write
	$(PY) bench/endpoint_speed.py --write
	$(PY) bench/stores.py --write
	cd bench && ../$(PY) load.py --write

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
