"""Two small charts drawn with QPainter (no plotting dependency): cumulative cash per year and
a sensitivity tornado. They draw the numbers they are given; a service computes them.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

POSITIVE = QColor("#2e7d32")
NEGATIVE = QColor("#c62828")
AXIS = QColor("#555555")


class _Chart(QWidget):
    def __init__(self, title: str, parent=None) -> None:
        super().__init__(parent)
        self.title = title
        self.setAccessibleName(title)
        self.setMinimumSize(260, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def _begin(self) -> QPainter:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        p.setPen(AXIS)
        p.drawText(QRectF(0, 0, self.width(), 18), Qt.AlignmentFlag.AlignCenter, self.title)
        return p


class CashChart(_Chart):
    """Cumulative cash per year as bars around a zero line."""

    def __init__(self, parent=None) -> None:
        super().__init__("Cumulative cash per year", parent)
        self.values: list[float] = []
        self.labels: list[str] = []
        self.value_labels: list[str] = []

    def set_values(self, values, labels, value_labels=None) -> None:
        """`value_labels`: each bar's figure as the page formats money ("$1.2M"); drawn at the
        bar's end and listed in the tooltip."""
        self.values, self.labels = list(values), list(labels)
        self.value_labels = list(value_labels) if value_labels else [f"{v:,.0f}" for v in values]
        self.setToolTip(
            "\n".join(f"{a}: {b}" for a, b in zip(self.labels, self.value_labels, strict=True))
        )
        self.update()

    def paintEvent(self, _event) -> None:
        p = self._begin()
        if not self.values:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No figures yet")
            p.end()
            return
        # Room above and below the bars for their figures, and at the foot for the year labels.
        line = 16.0
        top, bottom = 24.0 + line, self.height() - 20.0 - line
        hi, lo = max(max(self.values), 0.0), min(min(self.values), 0.0)
        span = (hi - lo) or 1.0
        zero = top + (bottom - top) * hi / span
        slot = self.width() / len(self.values)
        for n, v in enumerate(self.values):
            h = (bottom - top) * abs(v) / span
            y = zero - h if v >= 0 else zero
            p.fillRect(
                QRectF(n * slot + slot * 0.2, y, slot * 0.6, h), POSITIVE if v >= 0 else NEGATIVE
            )
            p.setPen(self.palette().text().color())
            figure = QRectF(n * slot, y - line if v >= 0 else y + h, slot, line)
            p.drawText(figure, Qt.AlignmentFlag.AlignCenter, self.value_labels[n])
            p.setPen(AXIS)
            p.drawText(
                QRectF(n * slot, self.height() - 20.0, slot, 20),
                Qt.AlignmentFlag.AlignCenter,
                self.labels[n],
            )
        p.drawLine(0, int(zero), self.width(), int(zero))
        p.end()


class TornadoChart(_Chart):
    """Bars from each driver's low-case to high-case NPV around the base NPV, widest first."""

    def __init__(self, parent=None) -> None:
        super().__init__("Sensitivity (NPV)", parent)
        self.base = 0.0
        self.bars: list[tuple[str, float, float]] = []

    def set_bars(self, base: float, bars) -> None:
        self.base, self.bars = base, list(bars)
        self.setToolTip("\n".join(f"{d}: {lo:,.0f} to {hi:,.0f}" for d, lo, hi in self.bars))
        self.update()

    def paintEvent(self, _event) -> None:
        p = self._begin()
        if not self.bars:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No drivers yet")
            p.end()
            return
        label_w = self.width() * 0.4
        values = [v for _, lo, hi in self.bars for v in (lo, hi)] + [self.base]
        vmin, vmax = min(values), max(values)
        span = (vmax - vmin) or 1.0

        def x(v: float) -> float:
            return label_w + (self.width() - label_w - 8) * (v - vmin) / span

        row_h = min(22.0, (self.height() - 24) / len(self.bars))
        for n, (driver, lo, hi) in enumerate(self.bars):
            y = 24 + n * row_h
            p.setPen(AXIS)
            text_rect = QRectF(0, y, label_w - 4, row_h)
            shown = p.fontMetrics().elidedText(
                driver, Qt.TextElideMode.ElideRight, int(label_w) - 4
            )
            p.drawText(
                text_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown
            )
            left, right = sorted((x(lo), x(hi)))
            p.fillRect(
                QRectF(left, y + 3, max(right - left, 1.0), row_h - 6), NEGATIVE.lighter(130)
            )
        p.setPen(AXIS)
        p.drawLine(int(x(self.base)), 22, int(x(self.base)), self.height())
        p.end()
