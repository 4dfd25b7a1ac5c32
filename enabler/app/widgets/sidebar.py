"""The main window's sidebar: one entry per page with its icon, and counts of work waiting.

Icons are the project's own SVGs in assets/icons/ (sharp at any scale); counts come from one
read-only refresh (`counts`) after each page change, e.g. "Library (4)" when modules wait for
review or are past their review date.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem

ICONS = Path(__file__).resolve().parents[3] / "assets" / "icons"
INK = "#4a5563"  # the icons' stroke colour


def counts(ctx):
    """Read off the GUI thread: what waits for marketing (a `WaitingWork`)."""
    from enabler.services.app_views import waiting_work

    return waiting_work(ctx.open_db())


def _icon(path: Path) -> QIcon:
    """The SVG as drawn, and in white for the selected row (readable on the accent); drawn at
    three times the shown size, so it stays sharp on high-DPI screens."""
    try:
        from PySide6.QtSvg import QSvgRenderer
    except ImportError:  # pragma: no cover - QtSvg ships with PySide6-Essentials
        return QIcon(str(path))
    svg = path.read_text(encoding="utf-8")
    icon = QIcon()
    for mode, text in (
        (QIcon.Mode.Normal, svg),
        (QIcon.Mode.Selected, svg.replace(INK, "#ffffff")),
    ):
        pixmap = QPixmap(60, 60)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        QSvgRenderer(QByteArray(text.encode())).render(painter)
        painter.end()
        icon.addPixmap(pixmap, mode)
    return icon


class Sidebar(QListWidget):
    def __init__(self, names, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")  # styled by enabler.app.theme
        self.setAccessibleName("Pages")
        self.setIconSize(QSize(20, 20))
        self.setFixedWidth(160)
        self.names = list(names)
        for name in self.names:
            item = QListWidgetItem(_icon(ICONS / f"{name.lower()}.svg"), name)
            item.setToolTip(name)
            self.addItem(item)

    def show_waiting(self, work) -> None:
        """Put the counts beside the pages they concern."""
        library = self.item(self.names.index("Library"))
        waiting = work.reviews + work.stale
        library.setText(f"Library ({waiting})" if waiting else "Library")
        parts = [
            f"{work.reviews} waiting for review" if work.reviews else "",
            f"{work.stale} past their review date" if work.stale else "",
        ]
        library.setToolTip("; ".join(p for p in parts if p) or "Nothing waits for review")
        library.setData(0x0100, waiting)  # Qt.UserRole: the number, for tests
        insights = self.item(self.names.index("Insights"))
        insights.setText(f"Insights ({work.flags})" if work.flags else "Insights")
        insights.setToolTip(
            f"{work.flags} flags from reps to look at" if work.flags else "Insights"
        )
