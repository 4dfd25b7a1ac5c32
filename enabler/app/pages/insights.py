"""Insights: what sales tells marketing — usage, win rates with intervals, top objections.

The report is built in a background operation; the plots (pyqtgraph) are created on the first
load so opening the window does not pay for importing them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from enabler.app.ops import Operation
from enabler.app.runner import Runner

COLUMNS = ["Module", "Decks", "Rating", "Win with", "Win without", "Verdict"]
TOP_OBJECTIONS = 8


def _report(ctx):
    from enabler.services import feedback_report

    return feedback_report.build_report(ctx.open_db())


def _rate(rate, interval) -> str:
    if rate is None:
        return "–"
    return f"{rate:.0%} [{interval.low:.0%}–{interval.high:.0%}]"


class InsightsPage(QWidget):
    error = Signal(str)

    def __init__(self, db_path: Path, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.op: Operation | None = None
        self.runner = Runner(self.db_path, self)
        self.report = None
        self.summary = QLabel("Loading insights…")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Insights summary")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Module insights")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.plots = QHBoxLayout()
        self.usage_plot = self.win_plot = self.objection_plot = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(self.plots, 2)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        self.op = self.runner.refresh(_report, self._loaded, self.error)  # replaces an older one

    def _loaded(self, report) -> None:
        self.report = report
        self.summary.setText(
            "\n".join(f"• {line}" for line in report.insights)
            if not report.empty
            else "No feedback yet: build decks, rate modules and record deal outcomes."
        )
        self.table.setRowCount(len(report.modules))
        for row, m in enumerate(report.modules):
            rating = "–" if m.average is None else f"{m.average:.1f} ({m.ratings})"
            cells = [
                m.key,
                str(m.decks),
                rating,
                _rate(m.win.rate_used, m.win.interval_used),
                _rate(m.win.rate_rest, m.win.interval_rest),
                m.win.verdict,
            ]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._plot(report)

    # plots ------------------------------------------------------------------------------------

    def _ensure_plots(self) -> None:
        if self.usage_plot is not None:
            return
        import pyqtgraph as pg

        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self.usage_plot = pg.PlotWidget(title="Decks per module")
        self.win_plot = pg.PlotWidget(title="Win rate with module (95% Wilson)")
        self.objection_plot = pg.PlotWidget(title="Top objections")
        self.win_plot.setYRange(0, 1)
        for w in (self.usage_plot, self.win_plot, self.objection_plot):
            w.setMinimumHeight(180)
            self.plots.addWidget(w)

    def _plot(self, report) -> None:
        import pyqtgraph as pg

        self._ensure_plots()
        mods = list(report.modules)
        _bars(self.usage_plot, [m.key for m in mods], [m.decks for m in mods], "#2b6cb0")

        self.win_plot.clear()
        rated = [m for m in mods if m.win.rate_used is not None]
        xs = list(range(len(rated)))
        if rated:
            ys = [m.win.rate_used for m in rated]
            lows = [m.win.rate_used - m.win.interval_used.low for m in rated]
            highs = [m.win.interval_used.high - m.win.rate_used for m in rated]
            self.win_plot.addItem(
                pg.ErrorBarItem(
                    x=_arr(xs), y=_arr(ys), top=_arr(highs), bottom=_arr(lows), beam=0.2
                )
            )
            self.win_plot.plot(xs, ys, pen=None, symbol="o", symbolBrush="#2f855a")
        _ticks(self.win_plot, [m.key for m in rated])

        top = list(report.objections.get("objection", {}).items())[:TOP_OBJECTIONS]
        _bars(self.objection_plot, [k for k, _ in top], [n for _, n in top], "#c05621")


def _arr(values):
    import numpy as np

    return np.asarray(values, dtype=float)


def _bars(plot, labels: list[str], heights: list[int], colour: str) -> None:
    import pyqtgraph as pg

    plot.clear()
    if labels:
        plot.addItem(
            pg.BarGraphItem(
                x=_arr(range(len(labels))), height=_arr(heights), width=0.6, brush=colour
            )
        )
    _ticks(plot, labels)


def _ticks(plot, labels: list[str]) -> None:
    plot.getAxis("bottom").setTicks([[(i, label[:14]) for i, label in enumerate(labels)]])
