"""Desktop app entry point (`enabler-app`). A first window until the full app lands."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

from enabler.errors import EnablerError
from enabler.services.library_summary import LibrarySummary, summarise
from enabler.store.db import default_db_path, open_db


class MainWindow(QMainWindow):
    def __init__(self, summary: LibrarySummary | None, error: str = "") -> None:
        super().__init__()
        self.setWindowTitle("Enabler")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.summary_label = QLabel(self._text(summary, error), body)
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.setCentralWidget(body)
        self.statusBar().showMessage(str(default_db_path()))
        geometry = QSettings("Enabler", "Enabler").value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(720, 420)

    @staticmethod
    def _text(summary: LibrarySummary | None, error: str) -> str:
        if error:
            return f"The library could not be opened: {error}"
        assert summary is not None
        if summary.modules == 0:
            return "The library is empty. Run `enabler demo` to load the demo library."
        return (
            f"<h2>Enabler</h2><p>{summary.approved} approved modules of {summary.modules}, "
            f"{summary.prospects} prospects, {summary.decks} decks built.</p>"
            "<p>Build a deck from the command line: "
            '<code>enabler build --prospect "Northwind Health" --out deck.pptx</code></p>'
        )

    def closeEvent(self, event) -> None:
        QSettings("Enabler", "Enabler").setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    try:
        summary, error = summarise(open_db()), ""
    except EnablerError as exc:
        summary, error = None, str(exc)
    window = MainWindow(summary, error)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
