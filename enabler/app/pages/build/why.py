"""Why a module is in the plan: the recommender's reasons for the prospect, shown under the
plan list for the module selected there."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea

from enabler.app import theme
from enabler.app.models import PlanEntry

EMPTY = "Select a module in the plan to see why it is recommended."


def why_html(entry: PlanEntry) -> str:
    """The module's title, its score and each reason with its points, strongest first."""
    e = html.escape
    parts = [f"<b>{e(entry.title)}</b>"]
    if entry.score is not None:
        parts.append(f" · score {entry.score:.1f}")
    if entry.problem:
        parts.append(f"<br><span style='color:{theme.colours().problem}'>{e(entry.problem)}</span>")
    if entry.reasons:
        items = "".join(f"<li><code>{r.points:+.1f}</code> {e(r.text)}</li>" for r in entry.reasons)
        parts.append(f"<ul style='margin-left: -20px'>{items}</ul>")
    elif entry.reason:
        parts.append(f"<br>{e(entry.reason)}")
    return "".join(parts)


class WhyPanel(QScrollArea):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.label = QLabel(EMPTY)
        self.label.setAccessibleName("Why this module")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setMargin(4)
        self.setWidget(self.label)
        self.setWidgetResizable(True)

    def show_entry(self, entry: PlanEntry | None) -> None:
        self.label.setText(why_html(entry) if entry is not None else EMPTY)

    def text(self) -> str:
        return self.label.text()
