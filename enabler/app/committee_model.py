"""The buying committee as a Qt table: one row per contact, read-only (edits go through a
dialog and the undo stack)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

COLUMNS = (
    ("Name", "name"),
    ("Title", "title"),
    ("Role", "role"),
    ("Persona", "persona"),
    ("Influence", "influence"),
    ("Stance", "stance"),
)


class CommitteeModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._contacts: list = []

    def set_contacts(self, contacts) -> None:
        self.beginResetModel()
        self._contacts = list(contacts)
        self.endResetModel()

    def contacts(self) -> list:
        return list(self._contacts)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._contacts)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section][0]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._contacts):
            return None
        contact = self._contacts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = getattr(contact, COLUMNS[index.column()][1])
            if index.column() == 0 and contact.primary:
                return f"{text} (primary)"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return contact.email or None
        if role == Qt.ItemDataRole.UserRole:
            return contact
        return None
