"""A module's versions, a readable diff between any two of them, and its review trail.

Shown inside the module detail pane; restoring is asked of the pane (`restore_requested`),
which owns the module's row version and the note the user typed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from enabler.app.models import ListModel
from enabler.app.pages.library import jobs
from enabler.app.pages.library.jobs import Jobs, changes_html, short_time

ONE_VERSION = "Only one version so far: there is nothing to compare yet."


def version_line(v) -> str:
    role = f" · {v.role}" if v.role else ""
    note = f" — {v.note}" if v.note else ""
    return f"Version {v.number}{role} · {short_time(v.created_at)} · {v.created_by}{note}"


def event_line(e) -> str:
    said = f" — “{e.comment}”" if e.comment else ""
    return f"{short_time(e.at)} · {e.actor} · {e.action}{said}"


class HistoryPane(Jobs, QWidget):
    error = Signal(str)
    restore_requested = Signal(int)
    diffed = Signal()  # the diff text was replaced (tests wait on it)

    def __init__(self, db_path: Path, ops: list | None = None, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self._init_jobs(ops)
        self.key: str | None = None
        self._can_restore = False

        self.versions = ListModel(text=version_line, tooltip=lambda v: v.note or v.created_at)
        self.version_view = QListView()
        self.version_view.setAccessibleName("Versions")
        self.version_view.setModel(self.versions)
        self.version_view.selectionModel().currentChanged.connect(self._selected)
        self.restore_button = QPushButton("Restore this version")
        self.restore_button.setAccessibleName("Restore the selected version as a new draft")
        self.restore_button.setToolTip(
            "Brings the selected version back as a new draft (or draft revision); "
            "the comment box above is kept as the restore note."
        )
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore)

        self.old_box, self.new_box = QComboBox(), QComboBox()
        self.old_box.setAccessibleName("Compare from version")
        self.new_box.setAccessibleName("Compare to version")
        for box in (self.old_box, self.new_box):
            box.activated.connect(self.compare)
        self.diff_view = QTextBrowser()
        self.diff_view.setAccessibleName("Differences between the two versions")
        self.events = ListModel(text=event_line)
        self.event_view = QListView()
        self.event_view.setAccessibleName("Review trail and comments")
        self.event_view.setWordWrap(True)
        self.event_view.setModel(self.events)

        compare = QHBoxLayout()
        for w in (QLabel("Compare"), self.old_box, QLabel("with"), self.new_box):
            compare.addWidget(w)
        compare.addStretch(1)
        for view, least in ((self.version_view, 48), (self.diff_view, 80), (self.event_view, 48)):
            view.setMinimumHeight(least)  # small windows: the splitter shares out the rest
        parts = QSplitter(Qt.Orientation.Vertical)  # the user gives the diff room as needed
        parts.setObjectName("history-split")  # settings remember it by this name
        for stretch, items in (
            (1, (QLabel("<b>Versions</b> (newest first)"), self.version_view, self.restore_button)),
            (3, (compare, self.diff_view)),
            (1, (QLabel("<b>Review trail and comments</b>"), self.event_view)),
        ):
            block = QWidget()
            bl = QVBoxLayout(block)
            bl.setContentsMargins(0, 0, 0, 0)
            for item in items:
                if isinstance(item, QHBoxLayout):
                    bl.addLayout(item)
                else:
                    bl.addWidget(item)
            parts.addWidget(block)
            parts.setStretchFactor(parts.count() - 1, stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(parts)

    def show_history(self, detail) -> None:
        """Fill in from a `ModuleDetail`; the chosen comparison is kept while the module is."""
        same = detail.status.key == self.key
        kept = (self.old_box.currentData(), self.new_box.currentData()) if same else (None, None)
        self.key = detail.status.key
        self.versions.set_items(detail.versions)
        self.events.set_items(detail.events)
        self.restore_button.setEnabled(False)
        self._can_restore = "restore" in detail.actions
        numbers = [v.number for v in detail.versions]
        for box in (self.old_box, self.new_box):
            box.clear()
            for v in detail.versions:
                box.addItem(f"{v.number}" + (f" ({v.role})" if v.role else ""), v.number)
        old = kept[0] if kept[0] in numbers else (numbers[1] if len(numbers) > 1 else None)
        new = kept[1] if kept[1] in numbers else (numbers[0] if numbers else None)
        self.old_box.setCurrentIndex(self.old_box.findData(old))
        self.new_box.setCurrentIndex(self.new_box.findData(new))
        self.compare()

    def clear(self) -> None:
        self.key = None
        self.versions.set_items([])
        self.events.set_items([])
        self.old_box.clear()
        self.new_box.clear()
        self.diff_view.clear()
        self.restore_button.setEnabled(False)

    def compare(self, *_args) -> None:
        """Show what changed from the 'from' version to the 'to' version."""
        key, old, new = self.key, self.old_box.currentData(), self.new_box.currentData()
        if key is None or old is None or new is None:
            self.diff_view.setHtml(f"<i>{ONE_VERSION}</i>")
            self.diffed.emit()
            return

        def shown(result) -> None:
            if self.key != key:
                return  # another module was opened meanwhile
            a, b, changes = result
            self.diff_view.setHtml(
                f"<p><b>Version {a} → {b}</b></p>"
                + changes_html(changes, f"Versions {a} and {b} say the same.")
            )
            self.diffed.emit()

        self._start(lambda ctx: jobs.diff(ctx, key, old, new), shown)

    def _selected(self, current, _previous) -> None:
        self.restore_button.setEnabled(current.isValid() and self._can_restore)

    def _restore(self) -> None:
        index = self.version_view.currentIndex()
        if index.isValid():
            self.restore_requested.emit(self.versions.item(index.row()).number)
