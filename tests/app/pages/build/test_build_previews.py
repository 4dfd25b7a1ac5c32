"""The Build page's fields form and live slide thumbnails (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtTest import QAbstractItemModelTester

from enabler.app.pages.build.fields import UNFILLED_BACKGROUND, UNFILLED_MARK, FieldsModel
from enabler.app.pages.build.thumbs import ThumbModel
from enabler.domain.modules import SmartContent, SmartLayout, Stage
from enabler.services.deck.plan_fields import PlanField
from enabler.services.slides.preview_cache import SlidePreview
from tests.app.conftest import wait_ops
from tests.conftest import add_module, png_bytes
from tests.helpers import all_text

FIELD = "fields.pilot_start"


@pytest.fixture
def window(qtbot, app_db_path, tmp_path, monkeypatch):
    """The main window on a demo copy with one more module, whose field nobody has filled."""
    from enabler.app.window import MainWindow
    from enabler.store.connection.db import open_db

    monkeypatch.setenv("ENABLER_CACHE_DIR", str(tmp_path / "cache"))
    add_module(
        open_db(app_db_path),
        "pilot-offer",
        SmartContent(
            SmartLayout.BULLETS, "Pilot offer", bullets=("Pilot starts {{ fields.pilot_start }}",)
        ),
        stages=(Stage.AWARENESS,),  # not recommended for Northwind: added by hand
    )
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(app_db_path, settings)
    qtbot.addWidget(win)
    return win


def _northwind(qtbot, window):
    page = window.pages["Build"]
    page.refresh()
    wait_ops(qtbot, page)
    assert page.select_prospect("Northwind Health")
    wait_ops(qtbot, page)
    return page


def _add_pilot(qtbot, page) -> None:
    page.add_box.setCurrentIndex(page.add_box.findText("Pilot offer"))
    page.add_selected_module()
    qtbot.waitUntil(lambda: page.fields.model.row_of(FIELD) >= 0, timeout=30000)
    wait_ops(qtbot, page.fields)


def _row(page):
    return page.fields.model.rows()[page.fields.model.row_of(FIELD)]


class DescribeSlideThumbnails:
    def it_shows_one_thumbnail_per_slide_and_selects_the_module(self, qtbot, window):
        page = _northwind(qtbot, window)
        with qtbot.waitSignal(page.thumbs.rendered, timeout=60000) as shown:
            pass
        model = page.thumbs.model
        assert shown.args[0] == model.rowCount() > len(page.plan.module_keys())
        assert model.item(0).label == "Title slide" and model.item(0).module_key == ""
        assert not model.data(model.index(0), Qt.ItemDataRole.DecorationRole).isNull()
        assert "slides" in page.thumbs.state.text()
        row = next(r for r in range(model.rowCount()) if model.item(r).module_key)
        key = model.item(row).module_key
        page.thumbs.select_module(model.index(row))
        assert page.plan.item(page.plan_view.currentIndex().row()).key == key

    def it_renders_again_after_a_plan_edit(self, qtbot, window):
        page = _northwind(qtbot, window)
        qtbot.waitUntil(lambda: page.thumbs.model.rowCount() > 0, timeout=60000)
        before = page.thumbs.model.rowCount()
        page.plan_view.setCurrentIndex(page.plan.index(1))
        with qtbot.waitSignal(page.thumbs.rendered, timeout=60000) as shown:
            page.remove_current()
        assert shown.args[0] == before - 1

    @pytest.mark.libreoffice
    def it_renders_exactly_with_libreoffice_when_asked(self, qtbot, window, soffice):
        page = _northwind(qtbot, window)
        qtbot.waitUntil(lambda: page.thumbs.model.rowCount() > 0, timeout=60000)
        sketched = [page.thumbs.model.item(r).png for r in range(page.thumbs.model.rowCount())]
        with qtbot.waitSignal(page.thumbs.rendered, timeout=180000) as shown:
            page.thumbs.exact.setChecked(True)
        assert shown.args[0] == len(sketched)
        exact = [page.thumbs.model.item(r).png for r in range(page.thumbs.model.rowCount())]
        assert all(exact) and exact[0] != sketched[0]


class DescribeFieldsForm:
    def it_marks_fills_builds_and_undoes_a_field(self, qtbot, window, tmp_path):
        page = _northwind(qtbot, window)
        _add_pilot(qtbot, page)
        model = page.fields.model
        index = model.index(model.row_of(FIELD), 1)
        assert not _row(page).filled
        assert model.data(index) == UNFILLED_MARK
        assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == UNFILLED_BACKGROUND
        assert "1 field unfilled" in page.fields.count.text()

        assert model.setData(index, "June 1")
        assert _row(page).filled and page.fields.overrides() == {FIELD: "June 1"}
        wait_ops(qtbot, page.fields)
        assert _row(page).value == "June 1"
        assert "All" in page.fields.count.text()

        out = tmp_path / "nw.pptx"
        page.output.setText(str(out))
        with qtbot.waitSignal(page.status, timeout=60000):
            page.build()
        assert "Pilot starts June 1" in all_text(out)

        window.undo_stack.undo()
        assert page.fields.overrides() == {}
        qtbot.waitUntil(lambda: not _row(page).filled, timeout=30000)
        assert "1 field unfilled" in page.fields.count.text()

    def it_refuses_to_build_with_the_field_unfilled(self, qtbot, window, tmp_path):
        page = _northwind(qtbot, window)
        _add_pilot(qtbot, page)
        page.output.setText(str(tmp_path / "nw.pptx"))
        with qtbot.waitSignal(page.error, timeout=60000) as blocker:
            page.build()
        assert "pilot_start" in blocker.args[0]
        assert not (tmp_path / "nw.pptx").exists()

    def it_keeps_data_values_read_only(self, qtbot, window):
        page = _northwind(qtbot, window)
        qtbot.waitUntil(lambda: page.fields.model.rowCount() > 0, timeout=30000)
        model = page.fields.model
        roi = model.index(model.row_of("roi.payback_text"), 1)
        assert not model.flags(roi) & Qt.ItemFlag.ItemIsEditable
        assert not model.setData(roi, "tomorrow")
        assert page.fields.overrides() == {}


class DescribeModels:
    def it_passes_the_model_tester_for_fields(self, qtbot):
        model = FieldsModel()
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
        rows = [
            PlanField("contact.name", "", False, ("a",), True, False),
            PlanField("rep.name", "Dana", True, ("a", "b"), True, False),
        ]
        model.set_rows(rows)
        assert model.rowCount() == 2 and model.columnCount() == 3
        model.replace_row(0, PlanField("contact.name", "Jo", True, ("a",), True, True))
        assert model.data(model.index(0, 1)) == "Jo"
        model.set_rows([])
        assert model.rowCount() == 0

    def it_passes_the_model_tester_for_thumbnails(self, qtbot):
        model = ThumbModel(icon=QSize(96, 54))
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
        model.set_previews([SlidePreview(1, "Title slide", "", png_bytes(size=(48, 27)))])
        assert model.data(model.index(0)) == "1. Title slide"
        assert model.data(model.index(0), Qt.ItemDataRole.DecorationRole).width() == 96
        model.set_previews([])
        assert model.rowCount() == 0
