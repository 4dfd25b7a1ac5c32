"""The Insights page loads its report in the background and shows the numbers (offscreen)."""

from __future__ import annotations

import pytest

from enabler.app.pages.insights import InsightsPage
from enabler.services import feedback, governance
from enabler.store import decks
from enabler.store import modules as module_store
from enabler.store.db import transaction


@pytest.fixture
def lib(small_library, tmp_path):
    db = small_library
    governance.set_profile(db, "Dana Rep", "sales")
    m = module_store.get_module(db, "pillars")
    prov = {
        "prospect": {"id": 1, "company": "Acme Clinics"},
        "rep": "Dana Rep",
        "modules": [{"module_id": m.id, "version_id": m.current_version_id}],
    }
    with transaction(db):
        decks.record(db, provenance=prov, output_path="x.pptx", sha256="", built_by="Dana Rep")
    feedback.record_outcome(db, "Acme Clinics", "won")
    feedback.rate(db, "pillars", 4, flag="needs_update")
    return db


class DescribeInsightsPage:
    def it_shows_usage_win_rate_and_flags(self, qtbot, lib):
        page = InsightsPage(lib.conn.execute("PRAGMA database_list").fetchone()[2])
        qtbot.addWidget(page)
        page.refresh()
        qtbot.waitUntil(lambda: page.report is not None, timeout=30000)
        cells = [page.table.item(0, c).text() for c in range(page.table.columnCount())]
        assert cells[:3] == ["pillars", "1", "4.0 (1)"]
        assert cells[3].startswith("100% [") and cells[5] == "not enough data"
        assert "open flag" in page.summary.text()
        assert page.usage_plot is not None and page.win_plot is not None

    def it_explains_an_empty_library(self, qtbot, tmp_path):
        page = InsightsPage(tmp_path / "empty.db")
        qtbot.addWidget(page)
        page.refresh()
        qtbot.waitUntil(lambda: page.report is not None, timeout=30000)
        assert page.table.rowCount() == 0
        assert "No feedback yet" in page.summary.text()
