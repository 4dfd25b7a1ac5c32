"""The Build page's fields form: every field the plan's slides use, unfilled ones highlighted.

Values typed here become the plan's overrides (what `enabler build --field NAME=VALUE` sets);
each edit is one undoable command. The list is recomputed off the GUI thread whenever the plan
or an override changes (`enabler.services.deck.plan_fields`).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enabler.app import theme
from enabler.app.ops import Operation
from enabler.app.runner import Runner
from enabler.domain.refs import ProspectRef

UNFILLED_BACKGROUND = QColor("#FDE8E8")
UNFILLED_MARK = "⚠ unfilled"
HEADERS = ("Field", "Value", "Used by")
VALUE = 1
DEBOUNCE_MS = 250


class FieldsModel(QAbstractTableModel):
    """Rows of `PlanField`; editing a value asks `edit_requested` (the page's undo stack)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self.warning_icon = None  # set by the view's owner (needs a style)

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list:
        return list(self._rows)

    def row_of(self, name: str) -> int:
        return next((n for n, f in enumerate(self._rows) if f.name == name), -1)

    def unfilled(self) -> list[str]:
        return [f.name for f in self._rows if not f.filled]

    def replace_row(self, row: int, field) -> None:
        self._rows[row] = field
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == VALUE and self._rows[index.row()].editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        field, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return field.name
            if column == VALUE:
                return field.value if field.filled else UNFILLED_MARK
            return ", ".join(field.modules)
        if role == Qt.ItemDataRole.EditRole and column == VALUE:
            return field.value
        if role == Qt.ItemDataRole.BackgroundRole and not field.filled:
            return QBrush(UNFILLED_BACKGROUND)
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and not field.filled:
            return self.warning_icon
        if role == Qt.ItemDataRole.ForegroundRole and not field.filled:
            return QBrush(QColor("#1b1f24"))  # dark on the pale red, in dark mode too
        if role == Qt.ItemDataRole.ForegroundRole and column == VALUE and not field.editable:
            return QBrush(QColor(theme.colours().muted))  # comes from data, not typed here
        if role == Qt.ItemDataRole.FontRole and column == VALUE and not field.filled:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(field)
        if role == Qt.ItemDataRole.UserRole:
            return field
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        field = self._rows[index.row()]
        text = str(value or "")
        if text == field.value:
            return False
        self.edit_requested(field.name, text)
        return True

    def edit_requested(self, name: str, text: str) -> None:
        """Replaced by the form so edits go through the undo stack."""


def _tooltip(field) -> str:
    used = ", ".join(field.modules)
    if not field.editable:
        return f"{field.name} comes from the prospect's data (used by {used})."
    state = "typed for this deck" if field.overridden else "from the library"
    if not field.filled:
        state = "unfilled: type a value, or the build stops at this field"
    return f"{field.name}: {state}. Used by {used}. Clear a typed value to go back."


class SetField(QUndoCommand):
    """Type (or clear, with None) the value of one field for this deck."""

    def __init__(self, form: BuildFields, name: str, value: str | None) -> None:
        super().__init__(f"Set {name}")
        self.form, self.name, self.value = form, name, value
        self.before = form.overrides().get(name)

    def redo(self) -> None:
        self.form.set_override(self.name, self.value)

    def undo(self) -> None:
        self.form.set_override(self.name, self.before)


class BuildFields(QWidget):
    """The fields table and its "2 fields unfilled" line, for the Build page's plan."""

    overrides_changed = Signal()

    def __init__(self, page) -> None:
        super().__init__(page)
        self.page = page
        self.op: Operation | None = None
        self.runner = Runner(page.db_path, self)
        self._overrides: dict[str, str] = {}
        self.model = FieldsModel(self)
        self.model.warning_icon = self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        self.model.edit_requested = self.edit
        self.view = QTableView()
        self.view.setAccessibleName("Deck fields")
        self.view.setModel(self.model)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # nothing cut
        header.setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setAccessibleName("Deck fields: columns")
        self.view.verticalHeader().setAccessibleName("Deck fields: rows")
        self.count = QLabel("Choose a prospect to see the fields its slides use.")
        self.count.setAccessibleName("Unfilled fields")
        self.count.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.count)
        layout.addWidget(self.view, 1)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        plan = page.plan
        for sig in (plan.rowsInserted, plan.rowsRemoved, plan.rowsMoved):
            sig.connect(self.schedule)
        # The page resets the plan only when it loads another prospect's plan (and clears the
        # undo stack): typed values belonged to the old plan.
        plan.modelReset.connect(self.reset)

    def with_plan(self, plan_view: QWidget, below: QWidget) -> QWidget:
        """The plan list and this form side by side, `below` (the thumbnails) under them."""
        splitter = QSplitter()
        splitter.setObjectName("fields-split")  # settings remember it by this name
        splitter.addWidget(plan_view)
        splitter.addWidget(self)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 420])  # the plan's reasons need room as much as the fields
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(below)
        return box

    # overrides ---------------------------------------------------------------------------------

    def overrides(self) -> dict[str, str]:
        return dict(self._overrides)

    def reset(self) -> None:
        """A new plan (another prospect): typed values belong to the old one."""
        self._overrides.clear()
        self.overrides_changed.emit()
        self.schedule()

    def edit(self, name: str, text: str) -> None:
        """An edit from the table: one undo step; an empty value drops the typed one."""
        self.page.undo_stack.push(SetField(self, name, text if text.strip() else None))

    def set_override(self, name: str, value: str | None) -> None:
        if value is None:
            self._overrides.pop(name, None)
        else:
            self._overrides[name] = value
        row = self.model.row_of(name)
        if row >= 0 and value is not None:  # show it at once; the refresh confirms it
            old = self.model.rows()[row]
            shown = replace(old, value=value, filled=bool(value.strip()), overridden=True)
            self.model.replace_row(row, shown)
        self._show_count()
        self.overrides_changed.emit()
        self.schedule()

    # loading -----------------------------------------------------------------------------------

    def schedule(self) -> None:
        self._timer.start()

    def refresh(self) -> None:
        prospect, keys = self.page.prospect, self.page.plan.module_keys()
        if prospect is None or not keys:
            self.model.set_rows([])
            self._show_count()
            return
        pid, overrides = ProspectRef.by_id(prospect.id), self.overrides()

        def work(ctx):
            from enabler.services.deck.build import plan_deck
            from enabler.services.deck.plan_fields import plan_fields

            db = ctx.open_db()
            return plan_fields(db, plan_deck(db, pid, keys, overrides=overrides))

        self.op = self.runner.refresh(work, self._loaded, self._failed)  # replaces an older one

    def _loaded(self, rows) -> None:
        self.model.set_rows(rows)
        self._show_count()

    def _failed(self, message: str) -> None:
        # Shown in place: the build reports the same problem if it matters.
        self.count.setText(f"Fields could not be read: {message}")

    def _show_count(self) -> None:
        rows, missing = self.model.rowCount(), len(self.model.unfilled())
        if self.page.prospect is None:
            text = "Choose a prospect to see the fields its slides use."
        elif not rows:
            text = "These slides use no fields."
        elif missing:
            noun = "field" if missing == 1 else "fields"
            text = f"⚠ {missing} {noun} unfilled: double-click a highlighted value to fill it."
        else:
            text = f"All {rows} fields filled."
        self.count.setText(text)
