"""Helpers for the Library tab tests: a second connection, review set-ups, waiting on tabs."""

from __future__ import annotations

from PySide6.QtTest import QAbstractItemModelTester

from enabler.domain.profile import make_profile
from enabler.services.library import governance, revisions
from enabler.services.library.revisions import ModuleEdit
from enabler.store import modules as module_store
from enabler.store.connection.db import open_db
from tests.app.conftest import wait_ops

OWEN = make_profile("Owen Park", "marketing")  # the demo's profile is Lena Brandt (marketing)
FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


def other(window):
    """A second connection: another user or instance working on the same library."""
    return open_db(window.db_path)


def status(window, key):
    return module_store.module_status(other(window), key)


def in_review(window, key="value-pillars", title="Pillars that pay back", by=OWEN):
    """A revision of an approved demo module, submitted for review by `by`."""
    db = other(window)
    revisions.edit_module(db, by, key, ModuleEdit({"title": title}), note="Sharper title")
    return governance.submit(db, by, key, comment="Ready for a look")


def testers(*models):
    return [QAbstractItemModelTester(m, FATAL) for m in models]


def act(qtbot, tab, action, signal_name="status"):
    """Press a button (or call an action) and wait for its sentence and the reload after it."""
    with qtbot.waitSignal(getattr(tab, signal_name), timeout=30000) as blocker:
        action()
    wait_ops(qtbot, tab)
    return blocker.args[0]


def load(qtbot, tab):
    with qtbot.waitSignal(tab.loaded, timeout=30000):
        tab.refresh()
    wait_ops(qtbot, tab)
