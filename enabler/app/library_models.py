"""Qt models for the Library tabs: search facets (a two-level tree), read-only tables over
service results, and a delegate that paints the rich text of a search hit.

The models hold what a service returned; they compute nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

HTML_ROLE = Qt.ItemDataRole.UserRole + 1  # rich text of a cell, painted by HtmlDelegate
_TOP = 0  # internal id of a facet row; a value row's id is its facet's row + 1


class FacetModel(QAbstractItemModel):
    """Facets (State, Stage, Industry…) with their values and counts as children.

    A value row is checked when its filter is on; its UserRole is `(facet name, value)`.
    Facets without values are left out.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.facets: list = []

    def set_facets(self, facets) -> None:
        self.beginResetModel()
        self.facets = [f for f in facets if f.values]
        self.endResetModel()

    def facet_row(self, name: str) -> int:
        return next(n for n, f in enumerate(self.facets) if f.name == name)

    def value_index(self, name: str, value: str) -> QModelIndex:
        row = self.facet_row(name)
        col = next(n for n, v in enumerate(self.facets[row].values) if v.value == value)
        return self.index(col, 0, self.index(row, 0))

    def index(self, row, column, parent=QModelIndex()) -> QModelIndex:  # noqa: B008 (Qt's)
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _TOP) if row < len(self.facets) else QModelIndex()
        if parent.internalId() != _TOP or row >= len(self.facets[parent.row()].values):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index=QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.facets)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self.facets[parent.row()].values)
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            facet = self.facets[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return facet.label
            if role == Qt.ItemDataRole.UserRole:
                return (facet.name, None)
            return None
        facet = self.facets[index.internalId() - 1]
        value = facet.values[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value.label} ({value.count})"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            on = ", filtering" if value.selected else ""
            return f"{facet.label} {value.label}: {value.count} modules{on}"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if value.selected else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return (facet.name, value.value)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class RowsModel(QAbstractTableModel):
    """A read-only table: one row per item, one column per `(header, text of item)` pair.

    `html` optionally gives a column's rich text (HTML_ROLE), `tooltip` a row's tooltip.
    """

    def __init__(
        self,
        columns: Sequence[tuple[str, Callable]],
        html: dict[int, Callable] | None = None,
        tooltip: Callable | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._html = html or {}
        self._tooltip = tooltip
        self._items: list = []

    def set_items(self, items) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list:
        return list(self._items)

    def item(self, row: int):
        return self._items[row]

    def row_where(self, test: Callable) -> int:
        """The first row whose item passes `test`, or -1."""
        return next((n for n, i in enumerate(self._items) if test(i)), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][0]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return str(self.columns[index.column()][1](item))
        if role == HTML_ROLE and index.column() in self._html:
            return self._html[index.column()](item)
        if role == Qt.ItemDataRole.ToolTipRole and self._tooltip:
            return self._tooltip(item)
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None


def marks_css(selected: bool) -> str:
    """Colours of a match (`.mark`) and of secondary text (`.muted`), readable on the row's
    background whether it is selected or not (see enabler.app.theme.contrast)."""
    from enabler.app import theme

    c = theme.colours()
    muted = c.on_accent if selected else c.muted
    return (
        f".mark {{ background-color: {c.mark}; color: {c.on_mark}; }}\n.muted {{ color: {muted}; }}"
    )


class HtmlDelegate(QStyledItemDelegate):
    """Paints a cell's HTML_ROLE rich text (bold search matches); plain cells as usual."""

    def _document(self, option, index, selected: bool = False) -> QTextDocument | None:
        html = index.data(HTML_ROLE)
        if html is None:
            return None
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDefaultStyleSheet(marks_css(selected))
        doc.setHtml(html)
        width = option.rect.width()
        view = option.widget
        if view is not None and hasattr(view, "viewport"):  # size for the width it is painted at
            width = view.viewport().width() - 2 * view.spacing() - 4
        doc.setTextWidth(max(width, 200))
        return doc

    def paint(self, painter, option, index) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        doc = self._document(option, index, selected)
        if doc is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background and selection only; the text is the document
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            colour = opt.palette.color(QPalette.ColorRole.HighlightedText)
            context.palette.setColor(QPalette.ColorRole.Text, colour)
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(opt.rect.translated(-opt.rect.topLeft()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        doc = self._document(option, index)
        if doc is None:
            return super().sizeHint(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))
