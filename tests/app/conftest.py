"""Fixtures for the app's tests: a main window over a private copy of the demo library."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture
def app_db_path(demo_db_path):
    """A private copy of the demo library, as a path (the app opens its own connections)."""
    return demo_db_path


@pytest.fixture
def app_window(qtbot, app_db_path, tmp_path):
    """The main window on the demo copy, with its settings in tmp_path."""
    from enabler.app.window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(app_db_path, settings)
    qtbot.addWidget(win)
    return win


@pytest.fixture
def history_window(qtbot, app_db_path, tmp_path):
    """The main window on the demo copy with its months of past use (what first start shows)."""
    from enabler.app.window import MainWindow
    from enabler.services.demo.history import load_history_demo
    from enabler.services.demo.library import DEMO_DIR
    from enabler.store.connection.db import open_db, transaction

    db = open_db(app_db_path)
    with transaction(db):
        load_history_demo(db, DEMO_DIR)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(app_db_path, settings)
    qtbot.addWidget(win)
    return win


def wait_ops(qtbot, widget, timeout: int = 30000) -> None:
    """Wait until `widget` has no background operation running (`op` or `ops`)."""

    def idle() -> bool:
        op = getattr(widget, "op", None)
        ops = getattr(widget, "ops", None)
        return (op is None or not op.running) and not ops

    qtbot.waitUntil(idle, timeout=timeout)
