"""The CRM import wizard asks for the date order when a file's dates disagree (pytest-qt)."""

from __future__ import annotations

import datetime as dt

import pytest

from enabler.app.pages.prospects.page import ProspectsPage
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import open_db
from tests.app.conftest import wait_ops

EXPORT = (
    "Account Name,Stage,Close Date\n"
    "Harbor Clinic,Prospecting,12/15/2026\n"
    "Alder Precision,Prospecting,23/12/2026\n"
)


@pytest.fixture
def page(qtbot, app_db_path):
    widget = ProspectsPage(app_db_path)
    qtbot.addWidget(widget)
    widget.refresh()
    wait_ops(qtbot, widget)
    return widget


class DescribeDateOrderChoice:
    def it_names_the_lines_then_imports_in_the_order_chosen(
        self, qtbot, page, tmp_path, app_db_path
    ):
        path = tmp_path / "report.csv"
        path.write_text(EXPORT, encoding="utf-8")
        wizard = page.open_import_wizard()
        wizard.file_page.path_edit.setText(str(path))
        wizard.file_page.load(str(path))
        wait_ops(qtbot, wizard)
        wizard.next()
        wait_ops(qtbot, wizard)
        mapping = wizard.mapping_page
        problem = mapping.problem.text()
        assert "writes dates both ways" in problem
        assert "line 2 (Close Date '12/15/2026')" in problem
        assert "line 3 (Close Date '23/12/2026')" in problem
        assert not mapping.isComplete()

        mapping.dates.setCurrentIndex(mapping.dates.findData("DMY"))
        qtbot.waitUntil(mapping.isComplete, timeout=30000)
        wait_ops(qtbot, wizard)
        assert mapping.problem.text() == ""
        for _ in range(3):  # stages, dry run, import
            wizard.next()
            wait_ops(qtbot, wizard)
        db = open_db(app_db_path)
        alder = prospect_store.find(db, "Alder Precision")
        assert alder.close_date == dt.date(2026, 12, 23)
        assert not prospect_store.exists(db, "Harbor Clinic")  # 12/15 is no day-first date
