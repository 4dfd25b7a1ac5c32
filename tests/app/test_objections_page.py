"""The Objections page: checklist states, undo, conflicts, battlecards, prep sheet (pytest-qt)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtTest import QAbstractItemModelTester

from enabler.app.widgets.table_models import ChecklistModel
from enabler.services.objections import checklists as objections
from enabler.store.connection.db import open_db

COMPANY = "Northwind Health"


@pytest.fixture
def window(app_window):
    """The main window on a private copy of the demo library (tests/app/conftest.py)."""
    return app_window


@pytest.fixture
def page(qtbot, window):
    page = window.pages["Objections"]
    QAbstractItemModelTester(page.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    page.refresh()
    qtbot.waitUntil(lambda: not page.ops, timeout=30000)
    with qtbot.waitSignal(page.loaded, timeout=30000):
        assert page.select_prospect(COMPANY)
    return page


def state_of(window, ref):
    cl = objections.checklist(open_db(window.db_path), COMPANY)
    return next(i for i in cl.items if i.ref == ref)


def set_cell(qtbot, page, ref, column, value):
    index = page.model.index(page.model.row_of(ref), column)
    with qtbot.waitSignal(page.loaded, timeout=30000):
        assert page.model.setData(index, value)


class DescribeObjectionsPage:
    def it_marks_items_shows_progress_and_undoes(self, qtbot, window, page):
        stored = objections.checklist(open_db(window.db_path), COMPANY)
        assert page.progress.text() == stored.progress.label
        assert "Paperbridge" in page.cards.text()
        ref = "timing-big-project"
        set_cell(qtbot, page, ref, ChecklistModel.STATE, "answered")
        qtbot.waitUntil(lambda: not page.ops, timeout=30000)
        assert state_of(window, ref).state.value == "answered"
        after = objections.checklist(open_db(window.db_path), COMPANY).progress
        assert after.answered == stored.progress.answered + 1
        assert page.progress.text() == after.label

        set_cell(qtbot, page, ref, ChecklistModel.NOTE, "CFO wants Q3 start")
        qtbot.waitUntil(lambda: not page.ops, timeout=30000)
        assert state_of(window, ref).note == "CFO wants Q3 start"

        with qtbot.waitSignal(page.loaded, timeout=30000):
            window.undo_stack.undo()
        qtbot.waitUntil(lambda: not page.ops, timeout=30000)
        item = state_of(window, ref)
        assert (item.state.value, item.note) == ("answered", "")

    def it_refuses_a_concurrent_edit_and_reloads(self, qtbot, window, page):
        ref = "timing-big-project"
        objections.mark(open_db(window.db_path), COMPANY, ref, "parked", actor="someone else")
        with qtbot.waitSignal(page.error, timeout=30000) as blocker:
            page.model.setData(page.model.index(page.model.row_of(ref), 2), "raised")
        assert "changed" in blocker.args[0] and "nothing was changed" in blocker.args[0]
        qtbot.waitUntil(lambda: not page.ops, timeout=30000)
        assert page.model.item(page.model.row_of(ref)).state.value == "parked"
        assert state_of(window, ref).state.value == "parked"

    def it_exports_the_prep_sheet(self, qtbot, page, tmp_path):
        out = tmp_path / "prep.pdf"
        page.output.setText(str(out))
        with qtbot.waitSignal(page.exported, timeout=120000):
            page.export()
        reader = PdfReader(str(out))
        assert len(reader.pages) == 1
        assert COMPANY in reader.pages[0].extract_text()

    def it_asks_for_an_output_path(self, qtbot, page):
        with qtbot.waitSignal(page.error, timeout=5000) as blocker:
            page.export()
        assert ".pdf" in blocker.args[0]
