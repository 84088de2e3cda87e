# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KHABAR := $(VENV)/bin/khabar
STAMP := $(VENV)/.installed-stamp
DEMO_DB := khabar.db

.PHONY: demo test lint format bench train-ner browser java clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,spark]'
	touch $(STAMP)

demo: $(STAMP)
	@echo "== khabar parse: a synthetic two-article page (examples/demo-page.txt) =="
	$(KHABAR) parse examples/demo-page.txt --format markdown
	@echo "== khabar ingest into a fresh $(DEMO_DB) =="
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(KHABAR) ingest examples/demo-page.txt --db $(DEMO_DB)
	@echo "== khabar search الحبوب =="
	$(KHABAR) search "الحبوب" --db $(DEMO_DB)
	@echo
	@echo "Browse the demo database:  $(KHABAR) serve --db $(DEMO_DB)   (then open http://127.0.0.1:8000)"

# Debian's chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Java 17 for the Spark tests (PySpark runs on the JVM).
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "installing Java 17 for the Spark tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; }

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts

format: $(STAMP)
	$(VENV)/bin/ruff format src tests bench scripts
	$(VENV)/bin/ruff check --fix src tests bench scripts

test: $(STAMP) browser java lint
	$(PY) -m pytest

bench: $(STAMP)
	for script in bench/bench_*.py; do echo "== $$script"; (cd bench && ../$(PY) $$(basename $$script)) || exit 1; done

train-ner: $(STAMP)
	$(PY) -m pip install -q -e '.[train]'
	$(PY) -m khabar.understand.ner.train --shared ../shared

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm test-artifacts
