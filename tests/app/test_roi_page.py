"""The ROI page: load a business case, edit it per field, see results, undo, save (pytest-qt)."""

from __future__ import annotations

import pytest
from PySide6.QtTest import QAbstractItemModelTester

from enabler.app.widgets.table_models import RoiFieldsModel, field_rows, set_at
from enabler.services.roi import business_case as roi
from enabler.store.connection.db import open_db


@pytest.fixture
def window(app_window):
    """The main window on a private copy of the demo library (tests/app/conftest.py)."""
    return app_window


def idle(qtbot, page):
    qtbot.waitUntil(lambda: not page.ops, timeout=30000)


def open_case(qtbot, page, company="Northwind Health"):
    page.refresh()
    idle(qtbot, page)
    assert page.select_prospect(company)
    idle(qtbot, page)


def edit(qtbot, page, path, text):
    index = page.fields.index(page.fields.row_of(path), 1)
    with qtbot.waitSignal(page.computed, timeout=5000):
        assert page.fields.setData(index, text)


class DescribeRoiPage:
    def it_recomputes_as_you_type_undoes_and_saves(self, qtbot, window):
        page = window.pages["ROI"]
        QAbstractItemModelTester(page.fields, QAbstractItemModelTester.FailureReportingMode.Fatal)
        open_case(qtbot, page)
        assert page.case is not None and "Net present value" in page.results.text()
        before = page.case.result.adjusted.npv
        original = page.fields.text("benefits[0].amount")

        edit(qtbot, page, "benefits[0].amount", "1760000")
        after = page.case.result.adjusted.npv
        assert after > before
        assert after == roi.preview(page.fields.data_).case.result.adjusted.npv
        assert page.cash_chart.values == list(page.case.result.adjusted.cumulative)
        assert page.cash_chart.labels[0] == "Year 0"
        assert all(v.startswith(("$", "-$", "−$")) for v in page.cash_chart.value_labels)
        assert page.tornado_chart.bars

        with qtbot.waitSignal(page.computed, timeout=5000):
            window.undo_stack.undo()
        assert page.fields.text("benefits[0].amount") == original
        assert page.case.result.adjusted.npv == before
        with qtbot.waitSignal(page.computed, timeout=5000):
            window.undo_stack.redo()

        with qtbot.waitSignal(page.saved, timeout=30000):
            page.save()
        saved = roi.get_model(open_db(window.db_path), "Northwind Health")
        assert saved.benefits[0].amount == 1760000

    def it_marks_bad_fields_and_saves_nothing(self, qtbot, window):
        page = window.pages["ROI"]
        open_case(qtbot, page)
        edit(qtbot, page, "benefits[0].amount", "12k")
        assert "benefits[0].amount" in page.fields.errors
        assert page.case is None
        problem = page.problems.text()  # in the form's words, not the validator's path
        assert problem.startswith("Benefit: Intake keying labour") and "amount: must be" in problem
        assert "benefits[0]" not in problem
        with qtbot.waitSignal(page.error, timeout=5000) as blocker:
            page.save()
        assert "not saved" in blocker.args[0]
        assert window.last_error == blocker.args[0]
        stored = roi.get_model(open_db(window.db_path), "Northwind Health")
        assert stored.benefits[0].amount == 760000

    def it_switches_scenarios(self, qtbot, window):
        page = window.pages["ROI"]
        open_case(qtbot, page)
        expected = page.case.result.adjusted.npv
        page.scenario_box.setCurrentIndex(page.scenario_box.findData("conservative"))
        assert page.case.scenario.value == "conservative"
        assert page.case.result.adjusted.npv < expected

    def it_explains_a_missing_model_and_starts_from_the_preset(self, qtbot, window):
        roi.clear_model(open_db(window.db_path), "Northwind Health")
        page = window.pages["ROI"]
        open_case(qtbot, page)
        assert "no ROI model yet" in page.empty.text()
        assert page.table.isHidden() and not page.preset_button.isHidden()
        page.start_from_preset()
        idle(qtbot, page)
        assert page.fields.rowCount() > 0 and page.case is not None
        assert roi.get_model(open_db(window.db_path), "Northwind Health") is not None

    def it_drops_undo_of_edits_to_a_prospect_no_longer_shown(self, qtbot, window):
        page = window.pages["ROI"]
        open_case(qtbot, page)
        edit(qtbot, page, "discount_rate", "12")
        assert page.select_prospect("Harborview Bank")
        qtbot.waitUntil(lambda: not page.ops, timeout=30000)
        shown = page.fields.text("discount_rate")
        window.undo_stack.undo()
        assert page.fields.text("discount_rate") == shown


class DescribeRoiFieldsModel:
    def it_passes_the_qt_model_tester_and_edits_lists(self, qtbot):
        model = RoiFieldsModel()
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
        data = {"horizon_years": 3, "benefits": [{"name": "A", "amount": 5, "ramp": [50, 100]}]}
        model.set_data(data)
        assert [r.path for r in field_rows(data)] == [
            "horizon_years",
            "benefits[0].amount",
            "benefits[0].ramp",
        ]
        assert model.text("benefits[0].ramp") == "50, 100"
        assert model.setData(model.index(2, 1), "40, 80 ,100")
        assert model.data_["benefits"][0]["ramp"] == ["40", "80", "100"]
        assert data["benefits"][0]["ramp"] == [50, 100]  # the caller's data is left alone
        assert set_at(data, "horizon_years", 5)["horizon_years"] == 5
        model.set_data({})
        assert model.rowCount() == 0


class DescribeCopyToDeck:
    def it_saves_and_puts_the_business_case_back_into_the_plan(self, qtbot, window):
        build = window.pages["Build"]
        build.refresh()
        qtbot.waitUntil(lambda: build.proxy.rowCount() > 0, timeout=30000)
        assert build.select_prospect("Northwind Health")
        qtbot.waitUntil(lambda: build.plan.rowCount() > 0 and not build.op.running, timeout=30000)
        roi_keys = [k for k in build.plan.module_keys() if k.startswith("roi-")]
        assert roi_keys, "the demo plan has the business-case slides"
        for key in roi_keys:  # the rep took them out…
            build.plan_view.setCurrentIndex(build.plan.index(build.plan.module_keys().index(key)))
            build.remove_current()
        without = build.plan.module_keys()

        page = window.pages["ROI"]
        window.show_page("ROI")
        open_case(qtbot, page)
        edit(qtbot, page, "benefits[0].amount", "900000")
        page.copy_to_build()  # …and copies the case back from the ROI page
        qtbot.waitUntil(lambda: len(build.plan.module_keys()) > len(without), timeout=30000)
        assert window.current_page_name() == "Build"
        keys = build.plan.module_keys()
        assert sorted(k for k in keys if k not in without) == sorted(roi_keys)
        assert keys[-1] == without[-1]  # before the closing module, not after it
        saved = roi.get_model(open_db(window.db_path), "Northwind Health")
        assert saved.benefits[0].amount == 900000

        window.undo_stack.undo()  # one step takes the whole copy back
        assert build.plan.module_keys() == without

    def it_opens_the_build_page_on_that_prospect(self, qtbot, window):
        window.show_page("ROI")
        page = window.pages["ROI"]
        open_case(qtbot, page, "Harborview Bank")
        page.copy_to_build()
        build = window.pages["Build"]
        qtbot.waitUntil(
            lambda: "already in the deck" in window.statusBar().currentMessage(), timeout=30000
        )
        assert build.prospect.company == "Harborview Bank"
        assert [k for k in build.plan.module_keys() if k.startswith("roi-")]

    def it_says_when_there_is_nothing_to_copy(self, qtbot, window):
        page = window.pages["ROI"]
        with qtbot.waitSignal(page.error, timeout=5000) as caught:
            page.copy_to_build()
        assert "Choose a prospect" in caught.args[0]


class DescribeRoiLabels:
    def it_keeps_both_ends_of_a_long_label_and_tooltips_the_whole(self, qtbot, window):
        from PySide6.QtCore import Qt

        page = window.pages["ROI"]
        open_case(qtbot, page)
        assert page.table.textElideMode() == Qt.TextElideMode.ElideMiddle
        assert not page.table.wordWrap()
        row = page.fields.row_of("benefits[0].ramp")
        label = page.fields.rows[row].label
        assert label.startswith("Benefit: ") and label.endswith("· ramp-up % by year")
        tip = page.fields.data(page.fields.index(row, 0), Qt.ItemDataRole.ToolTipRole)
        assert tip == label
