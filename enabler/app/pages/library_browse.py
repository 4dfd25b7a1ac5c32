"""Library ▸ Modules: every module with its state, owner and stages; filter as you type."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from enabler.app.models import ListModel
from enabler.app.ops import Operation


def _line(m) -> str:
    stages = ", ".join(s.label for s in m.stages)
    return f"{m.title}   [{m.state.value}] · {m.owner} · {stages}"


def _modules(ctx):
    from enabler.services import browse

    return browse.modules(ctx.open_db())


class BrowseTab(QWidget):
    def __init__(self, db_path: Path, undo_stack=None, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.op: Operation | None = None
        self.filter = QLineEdit(placeholderText="Filter modules by title, owner or state…")
        self.filter.setAccessibleName("Filter modules")
        self.model = ListModel(text=_line, tooltip=lambda m: m.key)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QListView()
        self.view.setAccessibleName("Modules")
        self.view.setModel(self.proxy)
        self.empty = QLabel(
            "The library is empty. Load the demo library from the File menu, "
            "or import designed slides."
        )
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)

    def refresh(self) -> None:
        self.op = Operation(_modules, self.db_path, self)
        self.op.succeeded.connect(self._loaded)
        self.op.start()

    def _loaded(self, modules) -> None:
        self.model.set_items(modules)
        self.empty.setVisible(not modules)
