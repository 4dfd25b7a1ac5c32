"""Insights: what sales tells marketing — usage, win rates with intervals, top objections,
and (with a team channel) the team's figures per rep from merged field reports, and the segment
research reps proposed, for marketing to accept or reject.

The report is built in a background refresh; the charts (`enabler.app.widgets.bar_charts`) name
every
row with a module title or an objection's words, and an empty chart says what to do in the app.
Deal outcomes, which the win rates need, are recorded here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from enabler.app.ops import Operation
from enabler.app.pages.insights import research as insights_research
from enabler.app.pages.insights.research import ResearchProposals
from enabler.app.pages.insights.team import TeamSection
from enabler.app.runner import Runner
from enabler.app.widgets.bar_charts import Bar, BarChart, Interval, IntervalChart
from enabler.domain.refs import ProspectRef

COLUMNS = ["Module", "Decks", "Rating", "Win with", "Win without", "Verdict"]
TOP = 8
RECORD_HINT = "Record how a deal ended with “Record outcome” below."
EMPTY = (
    "No feedback yet: build decks on the Build page, rate modules there, and record how deals "
    "ended below."
)
OUTCOMES = (("Won", "won"), ("Lost", "lost"), ("No decision", "no_decision"))


def _load(ctx):
    from enabler.services.app_views import insights_view

    view = insights_view(ctx.open_db())
    return replace(view, titles={k: readable(t) for k, t in view.titles.items()})


def _record(ctx, company: str, result: str):
    from enabler.services.feedback import ratings as feedback

    return feedback.record_outcome(ctx.open_db(), ProspectRef.by_name(company), result)


_TAG = re.compile(r"\{\{\s*([\w.]+)\s*\}\}")


def readable(title: str) -> str:
    """A module title as a reader sees it: 'Business case for {{ prospect.company }}' reads
    'Business case for [company]'."""
    return _TAG.sub(lambda m: f"[{m.group(1).rsplit('.', 1)[-1].replace('_', ' ')}]", title)


def _rate(rate, interval) -> str:
    if rate is None:
        return "–"
    return f"{rate:.0%} [{interval.low:.0%}–{interval.high:.0%}]"


def in_app_words(line: str, objections: dict[str, str], titles: dict[str, str]) -> str:
    """A report sentence as the app says it: module titles and objection words, not keys or
    refs, and no command-line commands."""
    line = line.replace("Record outcomes with `enabler outcome`.", RECORD_HINT)
    for key, title in titles.items():
        line = re.sub(rf"(?<![\w-]){re.escape(key)}(?![\w-])", f"“{title}”", line)
    prefix = "Most raised objection: "
    if line.startswith(prefix):
        ref, _, rest = line[len(prefix) :].partition(" (")
        line = f"{prefix}“{objections.get(ref, ref)}” ({rest}"
    return line


class InsightsPage(QWidget):
    error = Signal(str)
    status = Signal(str)

    def __init__(self, db_path: Path, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.op: Operation | None = None
        self.runner = Runner(self.db_path, self)
        self.report = None
        self.view = None  # an enabler.services.app_views.InsightsView
        self.summary = QLabel("Loading insights…")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.usage_plot = BarChart("Decks per module", "No decks built yet: build one on Build.")
        self.win_plot = IntervalChart("Win rate when used (95 % CI)", "")
        self.objection_plot = BarChart(
            "Top objections", "No objections raised yet: mark them on the Objections page."
        )
        plots = QHBoxLayout()
        for chart in (self.usage_plot, self.win_plot, self.objection_plot):
            plots.addWidget(chart)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Module insights")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.deal_box = QComboBox()
        self.deal_box.setAccessibleName("Deal")
        self.result_box = QComboBox()
        self.result_box.setAccessibleName("How the deal ended")
        for label, value in OUTCOMES:
            self.result_box.addItem(label, value)
        self.record_button = QPushButton("Record outcome")
        self.record_button.clicked.connect(self.record_outcome)
        record = QHBoxLayout()
        record.addWidget(QLabel("How did the deal end?"))
        record.addWidget(self.deal_box, 1)
        record.addWidget(self.result_box)
        record.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(plots, 1)
        layout.addWidget(self.table, 1)
        self.team = TeamSection()
        self.proposals = ResearchProposals()
        self.proposals.review_requested.connect(self.review_research)
        # One box for the team sections: hidden with them, so a single-machine library gives
        # their space to the module table instead of leaving a blank band.
        self.team_area = QWidget()
        team_row = QHBoxLayout(self.team_area)
        team_row.setContentsMargins(0, 0, 0, 0)
        team_row.addWidget(self.team, 3)
        team_row.addWidget(self.proposals, 2)
        self.team_area.setVisible(False)
        layout.addWidget(self.team_area, 1)
        layout.addLayout(record)

    def refresh(self) -> None:
        self.op = self.runner.refresh(_load, self._loaded, self.error)  # replaces an older one

    def _loaded(self, view) -> None:
        self.view, self.report = view, view.report
        report = view.report
        lines = [in_app_words(line, view.objections, view.titles) for line in report.insights]
        self.summary.setText(
            "\n".join(f"• {line}" for line in lines) if not report.empty else EMPTY
        )
        self.table.setRowCount(len(report.modules))
        for row, m in enumerate(report.modules):
            rating = "–" if m.average is None else f"{m.average:.1f} ({m.ratings})"
            cells = [
                view.titles.get(m.key, m.key),
                str(m.decks),
                rating,
                _rate(m.win.rate_used, m.win.interval_used),
                _rate(m.win.rate_rest, m.win.interval_rest),
                m.win.verdict,
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setToolTip(m.key)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self._set_deals(view.prospects)
        self._plot(view)
        self.team.show_team(view.team)
        self.proposals.show_proposals(view.proposals)
        area = self.team_area
        area.setVisible(self.team.isVisibleTo(area) or self.proposals.isVisibleTo(area))

    def _set_deals(self, prospects) -> None:
        chosen = self.deal_box.currentText()
        self.deal_box.clear()
        for p in prospects:
            self.deal_box.addItem(p.company, p.company)
        self.deal_box.setCurrentIndex(max(self.deal_box.findText(chosen), 0))
        self.record_button.setEnabled(bool(prospects))

    def follow_prospect(self, company: str) -> None:
        index = self.deal_box.findText(company)
        if index >= 0:
            self.deal_box.setCurrentIndex(index)

    def record_outcome(self) -> None:
        company, result = self.deal_box.currentData(), self.result_box.currentData()
        if not company:
            return

        def recorded(_receipt) -> None:
            self.status.emit(f"Recorded: {company} — {self.result_box.currentText().lower()}.")
            self.refresh()

        self.runner.write(lambda ctx: _record(ctx, company, result), recorded, self.error)

    def review_research(self, research_id: int, accept: bool) -> None:
        def reviewed(item) -> None:
            self.status.emit(f"Segment research #{item.id} {item.review_state.value}.")
            self.refresh()

        self.runner.write(
            lambda ctx: insights_research.review(ctx, research_id, accept), reviewed, self.error
        )

    # charts ----------------------------------------------------------------------------------

    def _plot(self, view) -> None:
        report, titles = view.report, view.titles
        used = sorted(report.modules, key=lambda m: -m.decks)[:TOP]
        self.usage_plot.set_bars(
            [Bar(titles.get(m.key, m.key), m.decks, str(m.decks)) for m in used if m.decks]
        )
        rated = [m for m in report.modules if m.win.rate_used is not None and m.win.enough]
        self.win_plot.empty = (
            f"No win rates yet: a module needs {report.min_sample} closed decks with it and "
            f"{report.min_sample} without. {RECORD_HINT}"
        )
        self.win_plot.set_intervals(
            [
                Interval(
                    titles.get(m.key, m.key),
                    m.win.rate_used,
                    m.win.interval_used.low,
                    m.win.interval_used.high,
                    _rate(m.win.rate_used, m.win.interval_used),
                )
                for m in rated[:TOP]
            ]
        )
        top = list(report.objections.get("objection", {}).items())[:TOP]
        self.objection_plot.set_bars(
            [Bar(view.objections.get(ref, ref), n, str(n)) for ref, n in top]
        )
