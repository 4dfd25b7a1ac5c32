"""Horizontal bar and interval charts for the Insights page, drawn with QPainter.

Labels sit on the left, one per row, elided rather than overlapped, so every bar — the first
included — is named. An empty chart says why it is empty and what to do about it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from enabler.app import theme

ROW_H = 22.0
TITLE_H = 24.0


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as text, at the end of the bar


@dataclass(frozen=True, slots=True)
class Interval:
    label: str
    rate: float  # 0–1
    low: float
    high: float
    shown: str


class _Chart(QWidget):
    def __init__(self, title: str, empty: str, parent=None) -> None:
        super().__init__(parent)
        self.title, self.empty = title, empty
        self.setAccessibleName(title)
        self.setMinimumSize(240, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def labels(self) -> list[str]:
        """The row labels as drawn (tests read them)."""
        return [row.label for row in self.rows]

    def _painter(self) -> tuple[QPainter, theme.Colours]:
        c = theme.colours()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor(c.surface))
        p.setPen(QColor(c.text))
        font = p.font()
        font.setBold(True)
        p.setFont(font)
        p.drawText(
            QRectF(8, 0, self.width() - 16, TITLE_H), Qt.AlignmentFlag.AlignVCenter, self.title
        )
        font.setBold(False)
        p.setFont(font)
        return p, c

    def _empty(self, p: QPainter, c: theme.Colours) -> None:
        p.setPen(QColor(c.muted))
        box = QRectF(16, TITLE_H, self.width() - 32, self.height() - TITLE_H - 8)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty)

    def _label(self, p: QPainter, text: str, y: float, width: float) -> None:
        shown = p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(width) - 12)
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        p.drawText(QRectF(4, y, width - 12, ROW_H), align, shown)

    def _rows_shown(self) -> int:
        return max(1, int((self.height() - TITLE_H - 4) // ROW_H))

    def _set_rows(self, rows) -> None:
        """Show `rows` (each with a label and its shown value, also listed in the tooltip)."""
        self.rows = list(rows)
        self.setToolTip("\n".join(f"{r.label}: {r.shown}" for r in self.rows))
        self.update()

    def _begin(self):
        """A painter and colours, or None after drawing the empty state."""
        p, c = self._painter()
        if self.rows:
            return p, c
        self._empty(p, c)
        p.end()
        return None


class BarChart(_Chart):
    """One labelled horizontal bar per row, longest first as given."""

    def __init__(self, title: str, empty: str, parent=None) -> None:
        super().__init__(title, empty, parent)
        self.rows: list[Bar] = []

    def set_bars(self, bars: list[Bar]) -> None:
        self._set_rows(bars)

    def paintEvent(self, _event) -> None:
        if (begun := self._begin()) is None:
            return
        p, c = begun
        label_w = self.width() * 0.55
        top = max((b.value for b in self.rows), default=1) or 1
        span = self.width() - label_w - 36
        for n, bar in enumerate(self.rows[: self._rows_shown()]):
            y = TITLE_H + n * ROW_H
            p.setPen(QColor(c.text))
            self._label(p, bar.label, y, label_w)
            w = max(span * bar.value / top, 2.0)
            p.fillRect(QRectF(label_w, y + 4, w, ROW_H - 8), QColor(c.accent))
            p.drawText(
                QRectF(label_w + w + 4, y, 32, ROW_H), Qt.AlignmentFlag.AlignVCenter, bar.shown
            )
        p.end()


class IntervalChart(_Chart):
    """Per row a rate (dot) inside its 95 % interval (line), on a 0–100 % scale."""

    def __init__(self, title: str, empty: str, parent=None) -> None:
        super().__init__(title, empty, parent)
        self.rows: list[Interval] = []

    def set_intervals(self, intervals: list[Interval]) -> None:
        self._set_rows(intervals)

    def paintEvent(self, _event) -> None:
        if (begun := self._begin()) is None:
            return
        p, c = begun
        label_w = self.width() * 0.5
        span = self.width() - label_w - 16

        def x(v: float) -> float:
            return label_w + span * v

        p.setPen(QColor(c.border))
        for v in (0.0, 0.5, 1.0):
            p.drawLine(int(x(v)), int(TITLE_H), int(x(v)), self.height() - 18)
        p.setPen(QColor(c.muted))
        for v in (0.0, 0.5, 1.0):
            box = QRectF(x(v) - 20, self.height() - 18, 40, 16)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, f"{v:.0%}")
        for n, row in enumerate(self.rows[: self._rows_shown()]):
            y = TITLE_H + n * ROW_H
            p.setPen(QColor(c.text))
            self._label(p, row.label, y, label_w)
            mid = y + ROW_H / 2
            pen = p.pen()
            pen.setColor(QColor(c.accent))
            pen.setWidthF(2.0)
            p.setPen(pen)
            p.drawLine(int(x(row.low)), int(mid), int(x(row.high)), int(mid))
            p.setBrush(QColor(c.accent))
            p.drawEllipse(QRectF(x(row.rate) - 4, mid - 4, 8, 8))
        p.end()
