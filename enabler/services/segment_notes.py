"""Segment research as one prospect sees it, and taking a finding into their own insights.

Marketing's research shows on every matching prospect; a rep who confirms a finding on a call
adopts it for that prospect: it becomes one of the prospect's insights (kind, text and date of
the research, its source named), linked back to the research through `promoted_from`, so the
audit log records the direction (research → prospect) as `insights promote` records the other.
Undo is `insights.remove_insight` of the insight this returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from enabler.domain.prospects import Insight, Prospect
from enabler.domain.refs import ProspectRef
from enabler.errors import Conflict, InvalidInput
from enabler.services.insights import MarkedInsight
from enabler.services.prospects import prospect_details
from enabler.store import insights as insight_store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction


@dataclass(frozen=True, slots=True)
class ApplicableResearch:
    research: MarkedInsight
    adopted_as: int | None  # the prospect's insight taken from it, if any


@dataclass(frozen=True, slots=True)
class ProspectResearch:
    """The approved segment research that matches a prospect's industry and committee."""

    prospect: Prospect
    personas: tuple[str, ...]
    items: tuple[ApplicableResearch, ...]


def _adopted(db: sqlite_utils.Database, research_id: int, prospect_id: int) -> Insight | None:
    return next(
        (i for i in insight_store.promotions_of(db, research_id) if i.prospect_id == prospect_id),
        None,
    )


def research_for(
    db: sqlite_utils.Database, prospect_ref: ProspectRef, today: dt.date | None = None
) -> ProspectResearch:
    details = prospect_details(db, prospect_ref, today)
    pid = details.prospect.id
    items = []
    for marked in details.segment_research:
        adopted = _adopted(db, marked.insight.id, pid)
        items.append(ApplicableResearch(marked, adopted.id if adopted else None))
    return ProspectResearch(details.prospect, tuple(sorted(details.personas)), tuple(items))


def adopt_research(
    db: sqlite_utils.Database, research_id: int, prospect_ref: ProspectRef, actor: str = ""
) -> Insight:
    """Copy a piece of segment research into one prospect's insights (once per prospect)."""
    with transaction(db):
        research = insight_store.get_insight(db, research_id)
        prospect = prospect_store.find(db, prospect_ref)
        if not research.is_segment_research:
            raise InvalidInput(f"Insight {research_id} is a prospect's own note, not research.")
        personas = {c.persona for c in prospect_store.contacts(db, prospect.id) if c.persona}
        if not research.applies_to(prospect.industry, personas):
            scope = " · ".join(x for x in (research.industry, research.persona) if x)
            raise InvalidInput(
                f"Segment research {research_id} ({scope}, {research.review_state.value or 'n/a'})"
                f" does not apply to {prospect.company}; only approved research for their "
                "industry and buying committee can be adopted."
            )
        already = _adopted(db, research_id, prospect.id)
        if already is not None:
            raise Conflict(
                f"{prospect.company} already has this research as insight #{already.id}."
            )
        source = f"segment research #{research.id}" + (
            f" ({research.source})" if research.source else ""
        )
        insight = Insight(
            id=0,
            prospect_id=prospect.id,
            kind=research.kind,
            text=research.text,
            source=source,
            author=actor or research.author,
            date=research.date,  # the finding's own date: it goes stale as the research does
            promoted_from=research.id,
        )
        return insight_store.add_insight(db, insight, actor=actor)
