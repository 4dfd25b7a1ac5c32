"""What marketing learns from checklists: how often objections come up, and where.

An item counts once it has come up in a deal (raised, answered or parked), with the prospect's
stage at the time it was first raised. Used by the feedback and insights views.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

import sqlite_utils

from enabler.domain.modules import Stage
from enabler.domain.objections import ObjectionCategory, ObjectionState, custom_ref
from enabler.errors import InvalidInput
from enabler.store import checklist_items as item_store
from enabler.store.connection.rows import tuple_of


@dataclass(frozen=True, slots=True)
class RaisedObjection:
    """An objection that came up in a deal (raised, answered or parked)."""

    ref: str
    text: str
    category: ObjectionCategory
    state: ObjectionState
    company: str
    stage: Stage  # the prospect's stage when it was first raised
    industry: str
    competitors: tuple[str, ...]  # the objection's competitor, else the deal's competitors


Dimension = Literal["stage", "industry", "competitor", "category", "objection"]
NO_COMPETITOR = "(none)"


def raised_objections(db: sqlite_utils.Database) -> list[RaisedObjection]:
    out = []
    for r in item_store.raised_rows(db):
        if r["key"] is None:
            ref, text, category = custom_ref(r["id"]), r["custom_text"], r["custom_category"]
        else:
            ref, text, category = r["key"], r["text"], r["category"]
        deal = tuple_of(r["competitors"])
        out.append(
            RaisedObjection(
                ref=ref,
                text=text,
                category=ObjectionCategory(category),
                state=ObjectionState(r["state"]),
                company=r["company"],
                stage=Stage(r["raised_stage"] or r["stage"]),
                industry=r["industry"],
                competitors=(r["competitor"],) if r["competitor"] else deal,
            )
        )
    return out


def raised_counts(db: sqlite_utils.Database, by: Dimension) -> dict[str, int]:
    """How often objections came up, per stage, industry, competitor, category or objection.

    Most frequent first. An objection counts once for each competitor it is about.
    """
    counts: Counter[str] = Counter()
    for r in raised_objections(db):
        if by == "stage":
            counts[r.stage.value] += 1
        elif by == "industry":
            counts[r.industry or "(none)"] += 1
        elif by == "competitor":
            counts.update(r.competitors or (NO_COMPETITOR,))
        elif by == "category":
            counts[r.category.value] += 1
        elif by == "objection":
            counts[r.ref] += 1
        else:
            raise InvalidInput(
                f"Cannot count by {by!r}; use stage, industry, competitor, category or objection."
            )
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
