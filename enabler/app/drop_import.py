"""Drop .pptx files on the main window to import their slides as draft designed modules.

The drop is checked at once on the GUI thread (cheap path checks only: a folder, a missing or
non-PowerPoint file gets its sentence before any work starts); reading and importing run in the
background with progress in the status bar and a Cancel button. A cancelled or refused import
leaves the library as it was: each file is imported in one transaction.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressBar, QPushButton, QStatusBar

from enabler.app.ops import Operation
from enabler.app.runner import Runner


def dropped_paths(mime) -> list[Path]:
    """Local files among the dropped URLs (web links and text are not files)."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class DropImporter(QObject):
    """Runs one import at a time; the window forwards its drops here."""

    error = Signal(str)
    status = Signal(str)
    imported = Signal(object)  # list[ImportResult]

    def __init__(self, db_path: Path, status_bar: QStatusBar, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.op: Operation | None = None
        self.runner = Runner(self.db_path, self)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setAccessibleName("Import progress")
        self.cancel_button = QPushButton("Cancel import")
        self.cancel_button.clicked.connect(self.cancel)
        status_bar.addPermanentWidget(self.progress)
        status_bar.addPermanentWidget(self.cancel_button)
        self._busy(False)

    def import_files(self, paths: list[Path]) -> bool:
        """Start importing `paths`; False (with a sentence) if they cannot be imported."""
        from enabler.app.messages import error_text
        from enabler.errors import EnablerError
        from enabler.services.slides.files import check_slide_file

        if self.op is not None and self.op.running:
            self.error.emit("An import is already running; wait for it or cancel it first.")
            return False
        if not paths:
            self.error.emit("Only files can be dropped here: drop PowerPoint files (.pptx).")
            return False
        try:
            checked = [check_slide_file(p) for p in paths]
        except EnablerError as exc:
            self.error.emit(f"{error_text(exc)} Nothing was imported.")
            return False

        def work(ctx):
            from enabler.services.slides.files import import_slide_files

            def step(done: int, total: int, title: str) -> None:
                ctx.progress(int(100 * done / max(total, 1)), f"Reading slide {done}/{total}…")

            return import_slide_files(ctx.open_db(), checked, progress=step)

        # Imports queue behind each other; no other action stops one, only its Cancel.
        op = self.runner.write(work, self._done, lane="import", label="importing slides")
        op.progress.connect(self._progress)
        op.failed.connect(lambda m: self.error.emit(f"{m} Nothing was imported."))
        op.cancelled.connect(lambda: self.status.emit("Import cancelled; nothing was imported."))
        op.done.connect(lambda: self._busy(False))
        self.op = op
        self._busy(True)
        names = ", ".join(p.name for p in checked)
        self.status.emit(f"Importing {names}…")
        return True

    def cancel(self) -> None:
        if self.op is not None:
            self.op.cancel()

    def _progress(self, percent: int, message: str) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(percent)
        self.progress.setFormat(message or "%p%")

    def _done(self, results) -> None:
        from enabler.services.slides.files import summary

        self.status.emit(summary(results))
        self.imported.emit(results)

    def _busy(self, busy: bool) -> None:
        self.progress.setRange(0, 0)  # busy indicator until the first slide is read
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
