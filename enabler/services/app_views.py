"""What the desktop app's pages read, each in one call: the Insights page's report with the
names to show and the team's merged field reports, the work waiting for marketing (sidebar
counts) and how closed deals ended.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from enabler.domain.feedback import Outcome
from enabler.domain.prospects import Insight, Prospect, ReviewState
from enabler.services import browse
from enabler.services.channel.team import TeamFigures, team_figures
from enabler.services.feedback import report as feedback_report
from enabler.services.feedback.report import InsightsReport
from enabler.services.insights import segment_research
from enabler.services.library.views import review_queue, stale_report
from enabler.services.objections.counts import raised_objections
from enabler.store import feedback as feedback_store
from enabler.store import modules as module_store


@dataclass(frozen=True, slots=True)
class InsightsView:
    report: InsightsReport
    titles: dict[str, str]  # module key → title (as stored, tags and all)
    objections: dict[str, str]  # objection ref → its words
    prospects: tuple[Prospect, ...]  # deals an outcome can be recorded for
    team: TeamFigures | None = None  # merged field reports (marketing, with a channel)
    proposals: tuple[Insight, ...] = ()  # segment research reps proposed, waiting for review


@dataclass(frozen=True, slots=True)
class WaitingWork:
    reviews: int  # module versions waiting for a reviewer
    stale: int  # approved modules past their review date
    flags: int  # reps' flags not yet handled


def insights_view(db: sqlite_utils.Database) -> InsightsView:
    return InsightsView(
        feedback_report.build_report(db),
        {m.key: m.title for m in module_store.list_modules(db)},
        {r.ref: r.text for r in raised_objections(db)},
        tuple(browse.prospects(db)),
        team_figures(db),
        tuple(i.insight for i in segment_research(db, ReviewState.PENDING)),
    )


def waiting_work(db: sqlite_utils.Database) -> WaitingWork:
    return WaitingWork(
        len(review_queue(db)),
        len(stale_report(db).modules),
        len(feedback_store.open_flags(db)),
    )


def closed_deals(db: sqlite_utils.Database) -> dict[int, Outcome]:
    """Prospect id → how its deal ended, for the deals that have ended."""
    return feedback_store.outcomes(db)
