"""The Decision page: criteria with fit score and weak spots first, the action plan with overdue
steps highlighted, edits saved through the services, undo, conflicts (pytest-qt)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from enabler.app.decision_models import OVERDUE_BRUSH
from enabler.services.worksheets import action_plans
from enabler.services.worksheets import criteria as worksheets
from enabler.store.connection.db import open_db

COMPANY = "Northwind Health"


@pytest.fixture
def window(app_window):
    """The main window on a private copy of the demo library (tests/app/conftest.py)."""
    return app_window


@pytest.fixture
def page(qtbot, window):
    page = window.pages["Decision"]
    for model in (page.criteria, page.steps):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    page.refresh()
    qtbot.waitUntil(lambda: not page.ops, timeout=30000)
    with qtbot.waitSignal(page.loaded, timeout=30000):
        assert page.select_prospect(COMPANY)
    return page


def stored(window):
    db = open_db(window.db_path)
    return worksheets.criteria_checklist(db, COMPANY), action_plans.action_plan(db, COMPANY)


def edit(qtbot, page, model, key, field, value):
    index = model.index(model.row_of(key), model.column_of(field))
    with qtbot.waitSignal(page.loaded, timeout=30000):
        assert model.setData(index, value)
    qtbot.waitUntil(lambda: not page.ops, timeout=30000)


class DescribeDecisionPage:
    def it_shows_weak_spots_first_and_the_fit_score(self, window, page):
        checklist, plan = stored(window)
        assert [i.ref for i in page.criteria.records] == [i.ref for i in checklist.ordered()]
        assert page.fit.text() == checklist.fit.label
        shown = [
            page.steps.record(n).number
            for n in range(page.steps.rowCount())
            if page.steps.data(page.steps.index(n, 0), Qt.ItemDataRole.BackgroundRole)
            == OVERDUE_BRUSH
        ]
        assert shown == [s.number for s in plan.overdue]

    def it_saves_a_criterion_status_and_undoes_it(self, qtbot, window, page):
        before = stored(window)[0]
        ref = "security-review"
        edit(qtbot, page, page.criteria, ref, "status", "met")
        after = stored(window)[0]
        assert next(i for i in after.items if i.ref == ref).status.value == "met"
        assert after.fit.percent > before.fit.percent
        assert page.fit.text() == after.fit.label
        with qtbot.waitSignal(page.loaded, timeout=30000):
            window.undo_stack.undo()
        qtbot.waitUntil(lambda: not page.ops, timeout=30000)
        assert stored(window)[0].fit.label == before.fit.label

    def it_marks_a_step_done_and_clears_its_overdue_mark(self, qtbot, window, page):
        plan = stored(window)[1]
        step = (plan.overdue or list(plan.steps))[0]
        edit(qtbot, page, page.steps, str(step.number), "status", "done")
        plan = stored(window)[1]
        assert plan.steps[step.number - 1].status.value == "done"
        row = page.steps.row_of(str(step.number))
        assert page.steps.data(page.steps.index(row, 0), Qt.ItemDataRole.BackgroundRole) is None

    def it_refuses_a_concurrent_edit_and_reloads(self, qtbot, window, page):
        ref = "no-code-changes"
        worksheets.mark_criterion(open_db(window.db_path), COMPANY, ref, status="partly")
        model = page.criteria
        with qtbot.waitSignal(page.error, timeout=30000) as blocker:
            model.setData(model.index(model.row_of(ref), model.column_of("status")), "met")
        assert "changed" in blocker.args[0]
        qtbot.waitUntil(lambda: not page.ops, timeout=30000)
        assert model.record(model.row_of(ref)).status.value == "partly"
