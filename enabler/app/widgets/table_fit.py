"""Tables whose text is read, not skimmed: long-text columns share the width and wrap, short
columns fit their contents, rows grow to show the whole text (nothing cut to "Documents are…").
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView

LONG_TEXT = {
    "Objection",
    "Note",
    "Why it is likely",
    "Evidence",
    "Criterion",
    "Step",
    "Value",
    "Used by",
}


SHORT_MAX = 110  # px: a short column (category, state, weight) wraps beyond this


def fit_columns(view: QTableView) -> None:
    """Size `view`'s columns by what they hold; call after setting its model."""
    model, header = view.model(), view.horizontalHeader()
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    for column in range(model.columnCount()):
        title = model.headerData(column, Qt.Orientation.Horizontal)
        mode = (
            QHeaderView.ResizeMode.Stretch
            if title in LONG_TEXT
            else QHeaderView.ResizeMode.Interactive
        )
        header.setSectionResizeMode(column, mode)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    model.modelReset.connect(lambda: _fit_short(view))
    model.layoutChanged.connect(lambda: _fit_short(view))
    _fit_short(view)


def _fit_short(view: QTableView) -> None:
    """Short columns fit their contents up to SHORT_MAX, leaving the rest to the long ones."""
    model = view.model()
    for column in range(model.columnCount()):
        if model.headerData(column, Qt.Orientation.Horizontal) not in LONG_TEXT:
            view.resizeColumnToContents(column)
            view.setColumnWidth(column, min(view.columnWidth(column), SHORT_MAX))
