"""Every long or I/O-bound call goes through `run_op`: off the GUI thread, with progress,
cancel, and errors turned into a clear message (never a traceback).

The worker opens its own database connection (SQLite connections must not cross threads):
operations are functions `fn(ctx: OpContext) -> result` that call `ctx.open_db()`.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from enabler.app.messages import error_text
from enabler.errors import EnablerError, LibraryBusy, is_lock_error

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside an operation when the user pressed Cancel."""


@dataclass
class OpContext:
    db_path: Path
    _signals: _Signals
    _cancel: threading.Event

    def open_db(self):
        from enabler.services.library_file import open_library  # in the worker: light start-up

        return open_library(self.db_path)

    def progress(self, percent: int, message: str = "") -> None:
        """Report progress; raises Cancelled if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled
        self._signals.progress.emit(int(percent), message)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Signals(QObject):
    progress = Signal(int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class _Task(QRunnable):
    def __init__(self, fn, ctx: OpContext) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.fn, self.ctx = fn, ctx

    def run(self) -> None:
        signals = self.ctx._signals
        try:
            if self.ctx.cancelled:  # cancelled while it waited in a queue: never started
                raise Cancelled
            result = self.fn(self.ctx)
        except Cancelled:
            signals.cancelled.emit()
        except EnablerError as exc:
            signals.failed.emit(error_text(exc))
        except sqlite3.OperationalError as exc:
            if not is_lock_error(exc):
                log.exception("operation failed")
                signals.failed.emit(f"Something went wrong (OperationalError: {exc}).")
            else:  # a write outside a transaction() met another program's lock
                signals.failed.emit(str(LibraryBusy.about(self.ctx.db_path)))
        except Exception as exc:  # a bug: log it, show a sentence
            log.exception("operation failed")
            signals.failed.emit(f"Something went wrong ({type(exc).__name__}: {exc}).")
        else:
            # Finished work is reported even if Cancel came too late to stop it.
            signals.finished.emit(result)


class Operation(QObject):
    """A running background call; keep a reference until `done` fires."""

    progress = Signal(int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()

    def __init__(self, fn: Callable[[OpContext], object], db_path: Path, parent=None) -> None:
        super().__init__(parent)
        self._signals = _Signals()
        self._cancel = threading.Event()
        self._ctx = OpContext(Path(db_path), self._signals, self._cancel)
        self._fn = fn
        self.running = False
        self.label = ""  # e.g. "building the deck": the window asks before quitting during it
        self.policy = None  # set by enabler.app.runner.Runner
        self.lane = ""
        self._signals.progress.connect(self.progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.cancelled.connect(self._on_cancelled)

    def start(self, pool: QThreadPool | None = None) -> Operation:
        self.running = True
        (pool or QThreadPool.globalInstance()).start(_Task(self._fn, self._ctx))
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def _finish(self) -> None:
        self.running = False
        self.done.emit()

    def _on_finished(self, result) -> None:
        self.succeeded.emit(result)
        self._finish()

    def _on_failed(self, message: str) -> None:
        self.failed.emit(message)
        self._finish()

    def _on_cancelled(self) -> None:
        self.cancelled.emit()
        self._finish()
