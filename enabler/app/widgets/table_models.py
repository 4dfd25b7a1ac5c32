"""Table models for the ROI, Objections and Decision pages (Qt model/view).

The models hold what a service returned and what the user typed; they compute nothing. The ROI
inputs are shown as one row per field of the model's plain-data form (`roi_model.model_to_dict`),
addressed by the same path the validator uses in its errors (``benefits[1].amount``), so each
error lands beside its own field.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QUndoCommand

_NOT_SHOWN = {"name", "kind", "preset"}  # identify a line; edited in the designer, not here
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True, slots=True)
class FieldRow:
    path: str  # e.g. "benefits[1].amount" — as in the validator's FieldError.path
    label: str
    is_list: bool = False  # a ramp: shown and typed as "50, 90, 100"


def steps(path: str) -> list[str | int]:
    return [int(i) if i else k for k, i in _STEP.findall(path)]


def get_at(data: dict, path: str):
    node = data
    for step in steps(path):
        node = node[step]
    return node


def set_at(data: dict, path: str, value) -> dict:
    """A copy of `data` with `value` at `path` (the original is left alone for undo)."""
    out = copy.deepcopy(data)
    *head, last = steps(path)
    node = out
    for step in head:
        node = node[step]
    node[last] = value
    return out


# What each field is called on screen (the validator's names never reach the user).
FIELD_LABELS = {
    "horizon_years": "Years in the business case",
    "discount_rate": "Discount rate %",
    "amount": "amount",
    "hours": "hours saved per year",
    "rate": "cost of an hour",
    "ramp": "ramp-up % by year",
    "risk_pct": "risk adjustment %",
    "year": "paid in year",
    "benefits": "change in benefits ×",
    "costs": "change in costs ×",
}


def field_label(key: str) -> str:
    return FIELD_LABELS.get(key, key.replace("_", " "))


def field_rows(data: dict) -> list[FieldRow]:
    """Every editable leaf of an ROI model's plain data, in reading order."""
    rows: list[FieldRow] = []
    for key in ("horizon_years", "discount_rate"):
        if key in data:
            rows.append(FieldRow(key, field_label(key)))
    for n, _flow in enumerate(data.get("cash_flows", [])):
        rows.append(FieldRow(f"cash_flows[{n}]", f"Net cash flow, year {n}"))
    for group, title in (("benefits", "Benefit"), ("costs", "Cost"), ("current_state", "Today")):
        for n, line in enumerate(data.get(group, [])):
            name = f"{title}: {line.get('name', n + 1)}"
            for key, value in line.items():
                if key not in _NOT_SHOWN:
                    rows.append(
                        FieldRow(
                            f"{group}[{n}].{key}",
                            f"{name} · {field_label(key)}",
                            isinstance(value, list),
                        )
                    )
    for scenario, factors in data.get("scenarios", {}).items():
        for key in factors:
            label = f"{scenario.capitalize()} case · {field_label(key)}"
            rows.append(FieldRow(f"scenarios.{scenario}.{key}", label))
    return rows


def problem_sentence(error, rows: list[FieldRow]) -> str:
    """A validator's error in the words of the form: its row's label, not its path."""
    label = next((r.label for r in rows if r.path == error.path), None)
    if label is None:
        label = field_label(error.path.rsplit(".", 1)[-1].split("[")[0])
    return f"{label}: {error.message}"


def _plain(value) -> str:
    """760000.0 reads as 760000: stored numbers come back as floats."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class SetField(QUndoCommand):
    """One cell edit of the ROI inputs; Ctrl+Z puts the old text back."""

    def __init__(self, model: RoiFieldsModel, path: str, old, new) -> None:
        super().__init__(f"Edit {path}")
        self.model, self.path, self.old, self.new = model, path, old, new
        self.generation = model.generation

    def _apply(self, value) -> None:
        # Another prospect's model was loaded since: this edit no longer applies to anything.
        if self.generation != self.model.generation:
            self.setObsolete(True)
            return
        self.model.put(self.path, value)

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class RoiFieldsModel(QAbstractTableModel):
    """Field | Value | Problem. Edits go through `undo_stack` when one is given."""

    HEADERS = ("Field", "Value", "Problem")
    changed = Signal()

    def __init__(self, undo_stack=None, parent=None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.data_: dict = {}
        self.rows: list[FieldRow] = []
        self.errors: dict[str, str] = {}
        self.generation = 0  # bumped on every load, so stale undo commands can tell

    def set_data(self, data: dict) -> None:
        self.generation += 1
        self.beginResetModel()
        self.data_ = copy.deepcopy(data)
        self.rows = field_rows(self.data_)
        self.errors = {}
        self.endResetModel()

    def set_errors(self, errors) -> None:
        """`errors`: FieldError objects; each shows on the row whose path it starts with."""
        self.errors = {}
        for e in errors:
            row = next((r for r in self.rows if e.path.startswith(r.path)), None)
            key = row.path if row else ""
            self.errors[key] = "; ".join(filter(None, [self.errors.get(key), e.message]))
        if self.rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self.rows) - 1, 2))

    def row_of(self, path: str) -> int:
        return next(n for n, r in enumerate(self.rows) if r.path == path)

    def text(self, path: str) -> str:
        value = get_at(self.data_, path)
        if isinstance(value, list):
            return ", ".join(_plain(v) for v in value)
        return _plain(value)

    def put(self, path: str, value) -> None:
        self.data_ = set_at(self.data_, path, value)
        n = self.row_of(path)
        self.dataChanged.emit(self.index(n, 1), self.index(n, 1))
        self.changed.emit()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (row.label, self.text(row.path), self.errors.get(row.path, ""))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and row.path in self.errors:
            from enabler.app import theme

            return QBrush(QColor(theme.colours().problem))  # readable light or dark
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole label: the column may elide it
            return self.errors.get(row.path) or row.label
        return None

    def flags(self, index):
        base = super().flags(index)
        if index.isValid() and index.column() == 1:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 1 or role != Qt.ItemDataRole.EditRole:
            return False
        row = self.rows[index.row()]
        text = str(value).strip()
        # Typed text goes to the validator as is: it reads numeric text and names bad input.
        new = [p.strip() for p in text.split(",") if p.strip()] if row.is_list else text
        old = get_at(self.data_, row.path)
        if new == old:
            return False
        if self.undo_stack is not None:
            self.undo_stack.push(SetField(self, row.path, old, new))
        else:
            self.put(row.path, new)
        return True


class ChecklistModel(QAbstractTableModel):
    """A prospect's objection checklist. State and note are editable: an edit is not applied
    here but requested (`edit_requested(ref, state, note)`); the page saves it through the
    service and reloads, so what is shown is always what is stored.
    """

    HEADERS = ("Objection", "Category", "State", "Note", "Why it is likely")
    STATE, NOTE = 2, 3
    edit_requested = Signal(str, str, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.items: list = []

    def set_items(self, items) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def item(self, row: int):
        return self.items[row]

    def row_of(self, ref: str) -> int:
        return next(n for n, i in enumerate(self.items) if i.ref == ref)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        i = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (i.text, i.category.label, i.state.label, i.note, i.reason)[index.column()]
        if role == Qt.ItemDataRole.EditRole:
            return (i.text, i.category.value, i.state.value, i.note, i.reason)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return i.reason or i.text
        if role == Qt.ItemDataRole.UserRole:
            return i
        return None

    def flags(self, index):
        base = super().flags(index)
        if index.isValid() and index.column() in (self.STATE, self.NOTE):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        i = self.items[index.row()]
        state, note = i.state.value, i.note
        if index.column() == self.STATE:
            state = str(value)
        elif index.column() == self.NOTE:
            note = str(value)
        else:
            return False
        if (state, note) == (i.state.value, i.note):
            return False
        self.edit_requested.emit(i.ref, state, note)
        return True
