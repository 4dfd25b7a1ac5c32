"""Repository for insights: prospect notes and segment research (rows with no prospect)."""

from __future__ import annotations

import sqlite_utils

from enabler.domain.prospects import Insight, InsightKind, ReviewState
from enabler.errors import Fix, Hint, NotFound
from enabler.store import audit
from enabler.store.connection.rows import date_or_none, row_id


def _insight(row: dict) -> Insight:
    return Insight(
        id=row["id"],
        prospect_id=row["prospect_id"],
        kind=InsightKind(row["kind"]),
        text=row["text"],
        source=row["source"],
        author=row["author"],
        date=date_or_none(row["date"]),
        industry=row["industry"],
        persona=row["persona"],
        review_state=ReviewState(row["review_state"]),
        promoted_from=row["promoted_from"],
    )


def _entity(insight: Insight) -> str:
    return "segment_research" if insight.is_segment_research else "insight"


def _summary(insight: Insight) -> dict:
    out: dict[str, object] = {"kind": insight.kind.value, "text": insight.text}
    if insight.is_segment_research:
        out |= {"industry": insight.industry, "persona": insight.persona}
        out["review_state"] = insight.review_state.value
    else:
        out["prospect_id"] = insight.prospect_id
    return out


def add_insight(db: sqlite_utils.Database, insight: Insight, actor: str = "") -> Insight:
    """Insert `insight` (its id is ignored) and record it in the audit log."""
    iid = row_id(
        db.table("insights").insert(
            {
                "prospect_id": insight.prospect_id,
                "kind": insight.kind.value,
                "text": insight.text,
                "source": insight.source,
                "author": insight.author,
                "date": insight.date.isoformat() if insight.date else None,
                "industry": insight.industry,
                "persona": insight.persona,
                "review_state": insight.review_state.value,
                "promoted_from": insight.promoted_from,
            }
        )
    )
    saved = get_insight(db, iid)
    action = "promote" if saved.promoted_from else "create"
    audit.record(
        db,
        actor=actor or insight.author,
        action=action,
        entity=_entity(saved),
        entity_id=iid,
        after=_summary(saved)
        | ({"from_insight": saved.promoted_from} if action == "promote" else {}),
    )
    return saved


def get_insight(db: sqlite_utils.Database, iid: int) -> Insight:
    rows = list(db["insights"].rows_where("id = ?", [iid]))
    if not rows:
        raise NotFound(f"No insight with id {iid}.", hint=Hint(Fix.LOOK_UP, "insights"))
    return _insight(rows[0])


def insight_exists(db: sqlite_utils.Database, iid: int) -> bool:
    return db.execute("SELECT 1 FROM insights WHERE id = ?", [iid]).fetchone() is not None


def insights(db: sqlite_utils.Database, pid: int) -> list[Insight]:
    """A prospect's own insights, newest first (undated last)."""
    rows = db["insights"].rows_where(
        "prospect_id = ?", [pid], order_by="date IS NULL, date DESC, id"
    )
    return [_insight(r) for r in rows]


def segment_research(
    db: sqlite_utils.Database, state: ReviewState | None = None, industry: str = ""
) -> list[Insight]:
    """Industry/persona-level research, optionally by review state and industry."""
    where, args = ["prospect_id IS NULL"], []
    if state is not None:
        where.append("review_state = ?")
        args.append(state.value)
    rows = db["insights"].rows_where(
        " AND ".join(where), args, order_by="industry, persona, date IS NULL, date DESC, id"
    )
    items = [_insight(r) for r in rows]
    # Filtered here, not in SQL: SQLite 3.40 answers `industry = ? COLLATE NOCASE OR …` wrongly
    # when it walks the (industry, persona) index for the ORDER BY.
    wanted = industry.casefold()
    return [i for i in items if not wanted or i.industry.casefold() in ("", wanted)]


def promotions_of(db: sqlite_utils.Database, iid: int) -> list[Insight]:
    rows = db["insights"].rows_where("promoted_from = ?", [iid], order_by="id")
    return [_insight(r) for r in rows]


def set_review(
    db: sqlite_utils.Database, iid: int, state: ReviewState, actor: str, text: str = ""
) -> Insight:
    """Accept or reject a piece of segment research (optionally rewording it)."""
    before = get_insight(db, iid)
    changes = {"review_state": state.value}
    if text:
        changes["text"] = text
    db.table("insights").update(iid, changes)
    after = get_insight(db, iid)
    audit.record(
        db,
        actor=actor,
        action="accept" if state is ReviewState.APPROVED else state.value,
        entity="segment_research",
        entity_id=iid,
        before=_summary(before),
        after=_summary(after),
    )
    return after


def replace_segment_research(
    db: sqlite_utils.Database, iid: int, insight: Insight, actor: str
) -> Insight:
    """Overwrite a piece of segment research (kind, text, source, segment, date, review)."""
    before = get_insight(db, iid)
    db.table("insights").update(
        iid,
        {
            "kind": insight.kind.value,
            "text": insight.text,
            "source": insight.source,
            "author": insight.author,
            "date": insight.date.isoformat() if insight.date else None,
            "industry": insight.industry,
            "persona": insight.persona,
            "review_state": insight.review_state.value,
        },
    )
    after = get_insight(db, iid)
    audit.record(
        db,
        actor=actor,
        action="update",
        entity="segment_research",
        entity_id=iid,
        before=_summary(before),
        after=_summary(after),
    )
    return after


def remove_insight(db: sqlite_utils.Database, iid: int, actor: str) -> Insight:
    gone = get_insight(db, iid)
    db.table("insights").delete(iid)
    audit.record(
        db, actor=actor, action="delete", entity=_entity(gone), entity_id=iid, before=_summary(gone)
    )
    return gone
