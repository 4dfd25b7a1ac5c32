"""The Insights page's research proposals: findings reps offered as segment research (on their
own machine, or arriving in field reports through the team channel), for marketing to accept or
reject. Hidden while none wait.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from enabler.errors import InvalidInput


def review(ctx, research_id: int, accept: bool):
    """Accept or reject one proposal as the local profile (marketing only)."""
    from enabler.domain.profile import Role
    from enabler.services import insights
    from enabler.services.library.governance import require_profile

    db = ctx.open_db()
    profile = require_profile(db)
    if profile.role is not Role.MARKETING:
        raise InvalidInput(
            "Only marketing reviews segment research; you are set up as "
            f"{profile.role.value} (change it under Library ▸ Review queue ▸ Change…)."
        )
    return insights.review_segment_research(db, research_id, accept, actor=profile.name)


def item_text(insight) -> str:
    scope = " · ".join(x for x in (insight.industry, insight.persona) if x)
    return f"{insight.text}\n{scope} — {insight.source or insight.author or 'a rep'}"


class ResearchProposals(QGroupBox):
    reviewed = Signal(object)  # the Insight, accepted or rejected
    review_requested = Signal(int, bool)  # research id, accept

    def __init__(self, parent=None) -> None:
        super().__init__("Segment research proposed by reps", parent)
        self.list = QListWidget()
        self.list.setAccessibleName("Research proposals waiting for review")
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        self.accept_button = QPushButton("Accept")
        self.reject_button = QPushButton("Reject")
        self.accept_button.clicked.connect(lambda: self._decide(True))
        self.reject_button.clicked.connect(lambda: self._decide(False))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.setVisible(False)

    def show_proposals(self, proposals) -> None:
        self.list.clear()
        for insight in proposals:
            item = QListWidgetItem(item_text(insight))
            item.setData(Qt.ItemDataRole.UserRole, insight.id)
            self.list.addItem(item)
        if proposals:
            self.list.setCurrentRow(0)
        self._enable()
        self.setVisible(bool(proposals))

    def _enable(self) -> None:
        chosen = self.list.currentItem() is not None
        self.accept_button.setEnabled(chosen)
        self.reject_button.setEnabled(chosen)

    def _decide(self, accept: bool) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.review_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)), accept)
