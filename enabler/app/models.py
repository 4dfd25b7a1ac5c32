"""Qt item models over plain service results (lists of dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QByteArray, QMimeData, QModelIndex, Qt

ROW_MIME = "application/x-enabler-plan-row"


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """One module in the deck plan as the Build page shows it."""

    key: str
    title: str
    reason: str = ""  # a short why: its facets, or who added it
    reasons: tuple = ()  # the recommender's Reasons for the prospect, strongest first
    score: float | None = None
    problem: str = ""  # what stops it rendering for this prospect, if anything


class ListModel(QAbstractListModel):
    """A read-only list of items shown by a text function; items stay Python objects."""

    def __init__(self, text=str, tooltip=None, parent=None) -> None:
        super().__init__(parent)
        self._items: list = []
        self._text = text
        self._tooltip = tooltip

    def set_items(self, items) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list:
        return list(self._items)

    def item(self, row: int):
        return self._items[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._items)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item)
        if role == Qt.ItemDataRole.ToolTipRole and self._tooltip:
            return self._tooltip(item)
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None


class PlanModel(ListModel):
    """The ordered modules of a deck; rows can be dragged to reorder."""

    def __init__(self, parent=None) -> None:
        super().__init__(
            text=lambda e: e.title,
            tooltip=lambda e: (
                e.problem or "\n".join(r.text for r in e.reasons[:3]) or e.reason or e.key
            ),
            parent=parent,
        )

    def module_keys(self) -> list[str]:
        return [e.key for e in self._items]

    def insert(self, row: int, entry: PlanEntry) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.insert(row, entry)
        self.endInsertRows()

    def remove(self, row: int) -> PlanEntry:
        self.beginRemoveRows(QModelIndex(), row, row)
        entry = self._items.pop(row)
        self.endRemoveRows()
        return entry

    def move(self, src: int, dest: int) -> bool:
        """Move row `src` so it ends up at index `dest`."""
        n = len(self._items)
        if src == dest or not (0 <= src < n and 0 <= dest < n):
            return False
        qt_dest = dest + 1 if dest > src else dest  # Qt counts the gap before the move
        self.beginMoveRows(QModelIndex(), src, src, QModelIndex(), qt_dest)
        self._items.insert(dest, self._items.pop(src))
        self.endMoveRows()
        return True

    # drag and drop -------------------------------------------------------------------------

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes):
        mime = QMimeData()
        if indexes:
            mime.setData(ROW_MIME, QByteArray(str(indexes[0].row()).encode()))
        return mime

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(ROW_MIME):
            return False
        src = int(bytes(data.data(ROW_MIME)).decode())
        dest = row if row >= 0 else (parent.row() if parent.isValid() else len(self._items))
        dest = dest - 1 if dest > src else dest
        self.move_requested(src, min(max(dest, 0), len(self._items) - 1))
        return False  # the move is done by the undo command, not by Qt's remove

    def move_requested(self, src: int, dest: int) -> None:
        """Overridden (or replaced) by the page so drags go through the undo stack."""
        self.move(src, dest)
