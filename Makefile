# Two entry points: `make run` (set up, load the demo library, start the app) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint bench fidelity screenshots clean

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
	$(VENV)/bin/mypy enabler/domain enabler/store enabler/services enabler/render enabler/export

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# bench/all.py runs every bench script and the 200-kill crash test, then prints one table.
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/all.py
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m slow -q \
		--deselect tests/reliability/test_crash_consistency.py::DescribeCrashConsistency::it_survives_many_more_kills

# Real material: imported slides against their originals, and the demo deck on real customer
# templates (LibreOffice renders; contact sheets in out/fidelity/).
fidelity: $(STAMP)
	$(PY) bench/fidelity.py
	$(PY) bench/fidelity_templates.py

# Each page of the app as PNG, under Xvfb when it is installed, else Qt's offscreen platform.
screenshots: $(STAMP)
	@if command -v xvfb-run >/dev/null; then xvfb-run -a $(PY) -m enabler.app.screenshots docs/screenshots; \
	else QT_QPA_PLATFORM=offscreen $(PY) -m enabler.app.screenshots docs/screenshots; fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# The inner loop, under a minute: domain rules, the store and the services that neither start
# LibreOffice or Qt nor read big files (those stay in `make test`).
SLOW_SERVICES := preflight pack_rules buyer_facing leave_behind import_slides isolated_read \
	channel batch_build package_guard rebuild export templates template_fidelity slide_previews
test-fast: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider -p no:pytestqt \
		-m "not libreoffice and not slow" tests/domain tests/store tests/test_layers.py \
		tests/test_core_wording.py tests/services \
		$(foreach name,$(SLOW_SERVICES),--ignore-glob=tests/services/*test_$(name).py)
