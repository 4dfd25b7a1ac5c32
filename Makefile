# Two entry points: `make run` (set up, load the demo library, start the app) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[gui,test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/enabler demo
	$(PY) -m enabler.app.launch

lint: $(STAMP)
	$(VENV)/bin/ruff check enabler tests bench templates assets
	$(VENV)/bin/ruff format --check enabler tests bench templates assets

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: $(STAMP)
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m slow -q

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
