"""The background helper's policies: writes are never cancelled by another call, refreshes
replace each other (pytest-qt, offscreen)."""

from __future__ import annotations

import threading

import pytest

from enabler.app.runner import Policy, Runner


def _waiting(gate: threading.Event, value):
    """A call that holds its worker until `gate` opens, then answers `value`."""

    def fn(ctx):
        while not gate.wait(0.01):
            if ctx.cancelled:
                ctx.progress(0)  # raises Cancelled
        return value

    return fn


def _idle(qtbot, runner: Runner) -> None:
    qtbot.waitUntil(lambda: not runner.ops, timeout=10000)


class DescribeRunner:
    def it_runs_writes_of_one_lane_in_the_order_started(self, qtbot, runner):
        gate, heard = threading.Event(), []
        first = runner.write(_waiting(gate, "build"), heard.append, lane="deck", label="building")
        second = runner.write(lambda ctx: "export", heard.append, lane="deck")
        assert first.running and second.running and runner.busy("deck")
        gate.set()
        _idle(qtbot, runner)
        assert heard == ["build", "export"]
        assert not runner.busy("deck")

    def it_never_cancels_a_write_for_another_call(self, qtbot, runner):
        gate, heard = threading.Event(), []
        runner.write(_waiting(gate, "built"), heard.append, lane="deck")
        runner.refresh(lambda ctx: "list", heard.append, key="choices")
        runner.write(lambda ctx: "rated", heard.append)  # beside: no lane
        qtbot.waitUntil(lambda: "rated" in heard and "list" in heard, timeout=10000)
        assert "built" not in heard  # still running, not cancelled
        gate.set()
        _idle(qtbot, runner)
        assert sorted(heard) == ["built", "list", "rated"]

    def it_lets_a_newer_refresh_replace_an_older_one(self, qtbot, runner):
        gate, heard, cancelled = threading.Event(), [], []
        old = runner.refresh(_waiting(gate, "old"), heard.append, key="plan")
        old.cancelled.connect(lambda: cancelled.append(True))
        runner.refresh(lambda ctx: "new", heard.append, key="plan")
        runner.refresh(lambda ctx: "other", heard.append, key="fields")
        qtbot.waitUntil(lambda: cancelled == [True], timeout=10000)
        gate.set()
        _idle(qtbot, runner)
        assert sorted(heard) == ["new", "other"] and old.policy is Policy.REFRESH

    def it_cancels_a_lane_only_when_asked(self, qtbot, runner):
        gate, heard, failed = threading.Event(), [], []
        build = runner.write(_waiting(gate, "build"), heard.append, lane="deck")
        export = runner.write(lambda ctx: "export", heard.append, failed.append, lane="deck")
        rate = runner.write(_waiting(gate, "rated"), heard.append, lane="feedback")
        stopped = []
        build.cancelled.connect(lambda: stopped.append("build"))
        export.cancelled.connect(lambda: stopped.append("export"))
        runner.cancel_lane("deck")
        qtbot.waitUntil(lambda: len(stopped) == 2, timeout=10000)
        assert rate.running
        gate.set()
        _idle(qtbot, runner)
        assert heard == ["rated"] and not failed

    def it_reports_failures_as_a_sentence(self, qtbot, runner):
        from enabler.errors import InvalidInput

        def bad(ctx):
            raise InvalidInput("The horizon must be a number of years.")

        failed = []
        runner.write(bad, lambda r: None, failed.append)
        _idle(qtbot, runner)
        assert failed == ["The horizon must be a number of years."]

    def it_words_the_fix_for_the_build_page_without_flags(self, qtbot, runner):
        from enabler.app.pages.build.work import load_plan
        from enabler.domain.prospects import Prospect
        from enabler.store import prospects as prospect_store
        from enabler.store.connection.db import open_db, transaction

        db = open_db(runner.db_path)
        with transaction(db):
            pid = prospect_store.create(db, Prospect(id=0, company="Acme Clinics")).id
        failed = []
        runner.refresh(lambda ctx: load_plan(ctx, pid), lambda r: None, failed.append)
        _idle(qtbot, runner)
        assert len(failed) == 1 and failed[0].startswith("No approved module matches Acme")
        assert "--modules" not in failed[0] and "Add the modules you want" in failed[0]


# fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def runner(qtbot, tmp_path):
    r = Runner(tmp_path / "lib.db")
    yield r
    r.cancel_all()
    qtbot.waitUntil(lambda: not r.ops, timeout=10000)
