"""Every input control on every page can be named by a screen reader, and every page has an
empty state or content once loaded (pytest-qt, offscreen)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from tests.app.conftest import wait_ops

INPUTS = (QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QPlainTextEdit, QTextEdit)


def inside_compound(widget: QWidget) -> bool:
    """Part of a combo box or spin box (its line edit, its popup list): named by its owner."""
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return True
        parent = parent.parent()
    return False


def unnamed_inputs(root: QWidget) -> list[str]:
    return [
        f"{type(w).__name__} in {type(w.parent()).__name__}"
        for w in root.findChildren(QWidget)
        if isinstance(w, INPUTS)
        and not isinstance(w, QHeaderView)  # a table's header: named by the table
        and not inside_compound(w)
        and not (w.accessibleName() or w.toolTip())
    ]


class DescribeEveryPage:
    def it_names_every_input_for_assistive_technology(self, qtbot, app_window):
        problems = []
        for name in app_window.pages:
            app_window.show_page(name)
            page = app_window.pages[name]
            wait_ops(qtbot, page)
            problems += [f"{name}: {p}" for p in unnamed_inputs(page)]
        assert problems == []

    def it_finds_an_unnamed_input(self, qtbot):
        root = QWidget()
        qtbot.addWidget(root)
        named = QLineEdit(root)
        named.setAccessibleName("Company")
        QLineEdit(root)
        assert unnamed_inputs(root) == ["QLineEdit in QWidget"]
