"""The Build page's background work: a build the user started survives a page switch and a
rating pressed meanwhile (pytest-qt, offscreen)."""

from __future__ import annotations

import threading

import pytest
from pptx import Presentation

from enabler.app.pages.build import work as build_work
from tests.app.conftest import wait_ops


class DescribeABuildInProgress:
    def it_survives_a_page_switch_and_a_rating(self, qtbot, app_window, tmp_path, gated_build):
        from enabler.store.connection.db import open_db

        page = _northwind(qtbot, app_window)
        out = tmp_path / "during.pptx"
        page.output.setText(str(out))
        page.build()
        build = page.op
        qtbot.waitUntil(lambda: gated_build.started.is_set(), timeout=10000)
        app_window.show_page("ROI")
        app_window.show_page("Build")  # refreshes the page: must not touch the build
        page.plan_view.setCurrentIndex(page.plan.index(0))
        with qtbot.waitSignal(page.status, timeout=30000) as rated:
            page.rate_button.click()
        assert rated.args[0].startswith("Rated ")
        assert build.running and not out.exists()
        with qtbot.waitSignal(page.status, timeout=60000) as built:
            gated_build.gate.set()
        assert built.args[0].startswith("Built during.pptx")
        wait_ops(qtbot, page)
        assert len(Presentation(str(out)).slides) >= len(page.plan.module_keys())
        assert "Cancelled" not in page.result.text()
        ratings = list(open_db(app_window.db_path).query("SELECT rating FROM feedback"))
        assert ratings == [{"rating": 5}]

    def it_keeps_building_through_a_list_refresh(self, qtbot, app_window, gated_build):
        page = _northwind(qtbot, app_window)
        page.build()
        qtbot.waitUntil(lambda: gated_build.started.is_set(), timeout=10000)
        page.refresh()  # a list refresh meanwhile runs beside it
        assert page.runner.busy("deck") and not page.build_button.isEnabled()
        gated_build.gate.set()
        wait_ops(qtbot, page)
        assert page.build_button.isEnabled() and page.last_output.exists()


# fixtures -----------------------------------------------------------------------------------


def _northwind(qtbot, window):
    page = window.pages["Build"]
    page.refresh()
    wait_ops(qtbot, page)
    assert page.select_prospect("Northwind Health")
    wait_ops(qtbot, page)
    return page


class _Gate:
    def __init__(self) -> None:
        self.started, self.gate = threading.Event(), threading.Event()


@pytest.fixture
def gated_build(monkeypatch, tmp_path):
    """The build waits at its start until the test opens the gate (no sleeps, no timing)."""
    gate, real = _Gate(), build_work.build

    def build(ctx, *args):
        gate.started.set()
        while not gate.gate.wait(0.01):
            ctx.progress(1, "Waiting")  # raises Cancelled if anything cancelled it
        return real(ctx, *args)

    monkeypatch.setattr(build_work, "build", build)
    yield gate
    gate.gate.set()
