"""The glossary as a Qt table model (read-only; changes go through the glossary tab)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

_COLUMNS = ("Term", "In slides", "Definition", "Updated by")


class GlossaryModel(QAbstractTableModel):
    """Glossary terms as a read-only table; the rows are GlossaryTerm objects."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.terms: list = []

    def set_terms(self, terms) -> None:
        self.beginResetModel()
        self.terms = list(terms)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.terms)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.terms):
            return None
        term = self.terms[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            lock = " 🔒" if term.read_only else ""
            return (
                term.label + lock,
                f"{{{{ glossary.{term.name} }}}}",
                " ".join(term.definition.split()),
                term.updated_by,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return term.definition
        if role == Qt.ItemDataRole.UserRole:
            return term
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(_COLUMNS)
        ):
            return _COLUMNS[section]
        return None
