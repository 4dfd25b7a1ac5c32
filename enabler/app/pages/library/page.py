"""Library (marketing): one page of tabs — modules, review queue, stale list, glossary… — and
*Publish…*, which puts the approved library in the team channel as a signed release.

Each tab is its own widget class in its own module, built as `Tab(db_path, undo_stack)`. A tab
may define `refresh()` (called when it is shown) and the signals `status(str)` and `error(str)`,
which the page forwards to the main window. Add a tab by adding one line to `TABS`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QPushButton, QTabWidget, QVBoxLayout, QWidget

from enabler.app.channel import jobs as channel_jobs
from enabler.app.pages.library.browse import BrowseTab
from enabler.app.pages.library.glossary import GlossaryTab
from enabler.app.pages.library.review import ReviewTab
from enabler.app.pages.library.stale import StaleTab
from enabler.app.pages.module_editor.editor import ModuleEditorTab
from enabler.app.runner import Runner

TABS: tuple[tuple[str, type], ...] = (
    ("Modules", BrowseTab),
    ("Review queue", ReviewTab),
    ("Stale", StaleTab),
    ("Editor", ModuleEditorTab),
    ("Glossary", GlossaryTab),
)


class LibraryPage(QWidget):
    status = Signal(str)
    error = Signal(str)

    def __init__(self, db_path: Path, undo_stack: QUndoStack | None = None, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.undo_stack = undo_stack or QUndoStack(self)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Library sections")
        self.tab: dict[str, QWidget] = {}
        self._carried: str | None = None  # the Modules choice the Editor last opened
        for name, cls in TABS:
            widget = cls(self.db_path, self.undo_stack)
            if hasattr(widget, "status"):
                widget.status.connect(self.status)
            if hasattr(widget, "error"):
                widget.error.connect(self.error)
            if hasattr(widget, "changed"):  # one tab's edit can change what another shows
                widget.changed.connect(self._changed)
            self.tab[name] = widget
            self.tabs.addTab(widget, name)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.runner = Runner(self.db_path, self)
        self.publish_button = QPushButton("Publish…")
        self.publish_button.setAccessibleName("Publish the approved library to the team channel")
        self.publish_button.setToolTip(
            "Put the approved library in the team channel as the next signed release"
        )
        self.publish_button.clicked.connect(self.choose_key_and_publish)
        self.tabs.setCornerWidget(self.publish_button)
        QVBoxLayout(self).addWidget(self.tabs)

    @property
    def op(self):
        """The current tab's running operation, if any (tests wait on it)."""
        return getattr(self.tabs.currentWidget(), "op", None)

    def show_tab(self, name: str) -> QWidget:
        self.tabs.setCurrentWidget(self.tab[name])
        return self.tab[name]

    def refresh(self) -> None:
        current = self.tabs.currentWidget()
        if hasattr(current, "refresh"):
            current.refresh()
        if current is self.tab["Editor"]:  # open what was newly chosen on Modules
            key = self.tab["Modules"].detail.key
            if key and key != self._carried:
                self._carried = key
                current.open_when_listed(key)

    def _changed(self) -> None:
        self.refresh()

    # publishing ------------------------------------------------------------------------------

    def choose_key_and_publish(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Your publisher key", "", "Publisher keys (*.key);;All files (*)"
        )
        if path:
            self.publish(Path(path))

    def publish(self, key_path: Path):
        """Publish in the background, as a write nothing else cancels."""
        self.publish_button.setEnabled(False)

        def done(published) -> None:
            self.publish_button.setEnabled(True)
            self.status.emit(
                f"Published release {published.seq}: {published.modules} module(s), "
                f"{published.retired} retired, {published.library} other library item(s) "
                "(objections, battlecards, criteria, templates, presets, research, weights). "
                "Reps receive it at their next sync."
            )

        def failed(message: str) -> None:
            self.publish_button.setEnabled(True)
            self.error.emit(message)

        return self.runner.write(
            lambda ctx: channel_jobs.publish(ctx, key_path),
            done,
            failed,
            lane="channel",
            label="publishing the library",
        )
