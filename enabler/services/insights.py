"""Insights on prospects, segment research from marketing, and promotion between the two."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from enabler.domain.prospects import (
    DEFAULT_STALE_AFTER_DAYS,
    Freshness,
    Insight,
    InsightKind,
    ReviewState,
    parse_date,
    parse_kind,
)
from enabler.domain.refs import ProspectRef
from enabler.errors import Conflict, Fix, Hint, InvalidInput
from enabler.store import insights as insight_store
from enabler.store import prospects as prospect_store
from enabler.store import settings
from enabler.store.connection.db import transaction

STALE_SETTING = "insights.stale_after_days"


@dataclass(frozen=True, slots=True)
class MarkedInsight:
    """An insight with how fresh it is today."""

    insight: Insight
    freshness: Freshness
    age_days: int | None

    @property
    def stale(self) -> bool:
        return self.freshness is Freshness.STALE


def stale_after_days(db: sqlite_utils.Database) -> int:
    return int(settings.get(db, STALE_SETTING, DEFAULT_STALE_AFTER_DAYS))


def set_stale_after_days(db: sqlite_utils.Database, days: int, actor: str = "") -> int:
    if days < 1 or days > 3650:
        raise InvalidInput(f"Days must be between 1 and 3650, not {days}.")
    with transaction(db):
        settings.put(db, STALE_SETTING, int(days))
    return days


def mark(insights: list[Insight], today: dt.date, after_days: int) -> tuple[MarkedInsight, ...]:
    return tuple(
        MarkedInsight(i, i.freshness(today, after_days), i.age_days(today)) for i in insights
    )


def _text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise InvalidInput("An insight needs some text.", hint=Hint(Fix.GIVE, "text"))
    return text


def add_insight(
    db: sqlite_utils.Database,
    prospect_ref: ProspectRef,
    kind: str | InsightKind,
    text: str,
    *,
    source: str = "",
    date: str | dt.date | None = None,
    author: str = "",
) -> Insight:
    """Record what a rep learned about a prospect (dated today unless told)."""
    insight = Insight(
        id=0,
        prospect_id=0,
        kind=parse_kind(kind),
        text=_text(text),
        source=source.strip(),
        author=author.strip(),
        date=parse_date(date, "insight date") or dt.date.today(),
    )
    with transaction(db):
        prospect = prospect_store.find(db, prospect_ref)
        return insight_store.add_insight(db, dataclasses.replace(insight, prospect_id=prospect.id))


def remove_insight(db: sqlite_utils.Database, insight_id: int, actor: str = "") -> Insight:
    with transaction(db):
        return insight_store.remove_insight(db, insight_id, actor)


def add_segment_research(
    db: sqlite_utils.Database,
    text: str,
    *,
    industry: str = "",
    persona: str = "",
    kind: str | InsightKind = InsightKind.PAIN,
    source: str = "",
    date: str | dt.date | None = None,
    author: str = "",
) -> Insight:
    """Marketing's industry/persona-level research; it shows on every matching prospect."""
    industry, persona = " ".join(industry.split()), " ".join(persona.split())
    if not industry and not persona:
        raise InvalidInput(
            "Segment research needs an industry, a persona or both.",
            hint=Hint(Fix.GIVE, "segment"),
        )
    insight = Insight(
        id=0,
        prospect_id=None,
        kind=parse_kind(kind),
        text=_text(text),
        source=source.strip(),
        author=author.strip(),
        date=parse_date(date, "research date") or dt.date.today(),
        industry=industry,
        persona=persona,
        review_state=ReviewState.APPROVED,
    )
    with transaction(db):
        return insight_store.add_insight(db, insight, actor=author)


def promote_insight(
    db: sqlite_utils.Database,
    insight_id: int,
    *,
    actor: str = "",
    industry: str = "",
    persona: str = "",
) -> Insight:
    """Offer a prospect insight to marketing as segment research (pending their review)."""
    with transaction(db):
        original = insight_store.get_insight(db, insight_id)
        if original.prospect_id is None:  # is_segment_research
            raise InvalidInput(f"Insight {insight_id} is already segment research.")
        if original.kind is InsightKind.PERSONAL:
            raise InvalidInput("Personal notes stay with the prospect; they cannot be promoted.")
        live = [
            p
            for p in insight_store.promotions_of(db, insight_id)
            if p.review_state is not ReviewState.REJECTED
        ]
        if live:
            raise Conflict(
                f"Insight {insight_id} was already promoted (segment research {live[0].id}, "
                f"{live[0].review_state.value})."
            )
        prospect = prospect_store.get(db, original.prospect_id)
        industry = " ".join(industry.split()) or prospect.industry
        if not industry and not persona.strip():
            raise InvalidInput(
                f"{prospect.company} has no industry; give an industry or a persona.",
                hint=Hint(Fix.GIVE, "segment"),
            )
        promoted = dataclasses.replace(
            original,
            id=0,
            prospect_id=None,
            industry=industry,
            persona=" ".join(persona.split()),
            review_state=ReviewState.PENDING,
            promoted_from=original.id,
            source=f"rep insight on {prospect.company}"
            + (f" ({original.source})" if original.source else ""),
        )
        return insight_store.add_insight(db, promoted, actor=actor)


def review_segment_research(
    db: sqlite_utils.Database, research_id: int, accept: bool, *, actor: str = "", text: str = ""
) -> Insight:
    """Marketing accepts (optionally rewording) or rejects promoted research."""
    with transaction(db):
        item = insight_store.get_insight(db, research_id)
        if not item.is_segment_research:
            raise InvalidInput(f"Insight {research_id} is a prospect insight; promote it first.")
        state = ReviewState.APPROVED if accept else ReviewState.REJECTED
        return insight_store.set_review(db, research_id, state, actor, _text(text) if text else "")


def segment_research(
    db: sqlite_utils.Database,
    state: ReviewState | None = None,
    industry: str = "",
    today: dt.date | None = None,
) -> tuple[MarkedInsight, ...]:
    items = insight_store.segment_research(db, state, industry)
    return mark(items, today or dt.date.today(), stale_after_days(db))
