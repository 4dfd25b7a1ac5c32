"""Table models for the Decision page: the criteria checklist and the mutual action plan.

Like the objection checklist, an edit is not applied in the model but requested
(`edit_requested(key, field, value)`); the page saves it through the service and reloads, so
the table always shows what is stored. Order and highlighting come from the services' objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

OVERDUE_BRUSH = QBrush(QColor("#fde0dc"))
ON_HIGHLIGHT = QBrush(QColor("#1b1f24"))  # ≥ 12:1 on every highlight colour here
WEAK_BRUSH = QBrush(QColor("#fff4d6"))


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    show: Callable[[object], str]
    field: str = ""  # the service's keyword for an editable column
    value: Callable[[object], str] | None = None  # what an editor starts from


class RecordModel(QAbstractTableModel):
    """Rows of frozen records shown through `COLUMNS`; editable columns name a field."""

    COLUMNS: tuple[Column, ...] = ()
    edit_requested = Signal(str, str, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.records: list = []

    def set_records(self, records) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def key(self, record) -> str:
        raise NotImplementedError

    def record(self, row: int):
        return self.records[row]

    def row_of(self, key: str) -> int:
        return next(n for n, r in enumerate(self.records) if self.key(r) == key)

    def column_of(self, field: str) -> int:
        return next(n for n, c in enumerate(self.COLUMNS) if c.field == field)

    def highlight(self, record) -> QBrush | None:
        return None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section].header
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record, column = self.records[index.row()], self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.show(record)
        if role == Qt.ItemDataRole.EditRole:
            return (column.value or column.show)(record)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.highlight(record)
        if role == Qt.ItemDataRole.ForegroundRole and self.highlight(record) is not None:
            return ON_HIGHLIGHT  # dark text on the pale highlight, in dark mode too
        if role == Qt.ItemDataRole.UserRole:
            return record
        return None

    def flags(self, index):
        base = super().flags(index)
        if index.isValid() and self.COLUMNS[index.column()].field:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        record, column = self.records[index.row()], self.COLUMNS[index.column()]
        if not column.field or str(value) == (column.value or column.show)(record):
            return False
        self.edit_requested.emit(self.key(record), column.field, str(value))
        return True


class CriteriaModel(RecordModel):
    """Criteria, weak spots first (the order `CriteriaChecklist.ordered` gives)."""

    COLUMNS = (
        Column("Criterion", lambda i: i.label),
        Column("Weight", lambda i: str(i.weight)),
        Column("Status", lambda i: i.status.label, "status", lambda i: i.status.value),
        Column("Evidence", lambda i: i.evidence, "evidence"),
    )

    def key(self, record) -> str:
        return record.ref

    def highlight(self, record):
        return WEAK_BRUSH if record.shortfall > 0 else None


class StepsModel(RecordModel):
    """The mutual action plan; overdue steps are highlighted."""

    COLUMNS = (
        Column("#", lambda s: str(s.number)),
        Column("Step", lambda s: s.name),
        Column("Due", lambda s: s.due.isoformat() if s.due else ""),
        Column("Ours / theirs", lambda s: " / ".join(filter(None, [s.our_owner, s.their_owner]))),
        Column("Status", lambda s: s.status.label, "status", lambda s: s.status.value),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.today = dt.date.today()

    def set_plan(self, plan) -> None:
        self.today = plan.today
        self.set_records(plan.steps)

    def key(self, record) -> str:
        return str(record.number)

    def is_overdue(self, row: int) -> bool:
        return self.records[row].is_overdue(self.today)

    def highlight(self, record):
        return OVERDUE_BRUSH if record.is_overdue(self.today) else None
