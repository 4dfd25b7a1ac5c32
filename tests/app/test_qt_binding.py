"""The Qt binding itself: PySide6 6.12.0 dropped a reference to `True` on every Python-side
`Signal.emit()`, so a long session (or the test suite) aborted in `bool_dealloc` at exit.
pyproject.toml keeps that release out; this test catches the bug if a future release has it."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    bare = Signal()
    with_text = Signal(str)


class DescribeSignalEmit:
    def it_keeps_the_reference_counts_of_builtins(self):
        emitter = _Emitter()
        before = sys.getrefcount(True), sys.getrefcount(None)
        for _ in range(100):
            emitter.bare.emit()
            emitter.with_text.emit("x")
        after = sys.getrefcount(True), sys.getrefcount(None)
        assert after[0] - before[0] > -50, "Signal.emit() leaks references to True"
        assert after[1] - before[1] > -50, "Signal.emit() leaks references to None"
