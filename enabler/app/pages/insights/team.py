"""The Insights page's team section: what merged field reports say, per rep by profile name.

Hidden until at least one trusted reporter has contributed, so a rep's own library (which
merges nothing) shows no empty team table.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

COLUMNS = ["Rep", "Decks", "Win rate", "Objections raised", "Last report"]


def age_text(days: float | None) -> str:
    if days is None:
        return "never"
    if days < 1 / 24:
        return "within the hour"
    if days < 1:
        return f"{days * 24:.0f} h ago"
    return f"{days:.0f} day(s) ago"


def summary_text(team) -> str:
    """Two lines: who contributed and the team's win rate; objection trend by month."""
    who = f"{team.contributors} rep(s) sent field reports"
    if team.win_rate is not None:
        closed = team.outcomes.get("won", 0) + team.outcomes.get("lost", 0)
        who += f" · team win rate {team.win_rate:.0%} of {closed} closed deal(s)"
    lines = [who + "."]
    trend = team.objection_trend or {}
    if trend:
        parts = []
        for month, counts in trend.items():
            top = ", ".join(f"{c} {n}" for c, n in list(counts.items())[:2])
            parts.append(f"{month}: {top}")
        lines.append("Objections raised by month — " + "; ".join(parts) + ".")
    return "\n".join(lines)


class TeamSection(QGroupBox):
    def __init__(self, parent=None) -> None:
        super().__init__("Team (field reports from the channel)", parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Team figures per rep")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.setVisible(False)

    def show_team(self, team) -> None:
        if team is None or not team.contributors:
            self.setVisible(False)
            return
        self.summary.setText(summary_text(team))
        self.table.setRowCount(len(team.reps))
        for row, rep in enumerate(team.reps):
            rate = "–" if rep.win_rate is None else f"{rep.win_rate:.0%} of {rep.won + rep.lost}"
            cells = [
                rep.name,
                str(rep.decks),
                rate,
                str(rep.objections),
                age_text(rep.reporter.age_days()),
            ]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.setVisible(True)
