"""Segment research a rep proposes (`insights promote`) travels up in field reports and lands in
marketing's library as pending segment research, once per event.

What travels: the finding's words, kind, date, industry and persona, and the prospect's company
only when company names travel. Not the original note's source, which may name a contact.
"""

from __future__ import annotations

import datetime as dt
import json

import sqlite_utils

from enabler.domain.prospects import Insight, InsightKind, ReviewState
from enabler.services.channel import envelope
from enabler.store import insights as insight_store

KIND = "research"
MAX_TEXT = 4000
MAX_SCOPE = 120


def proposals(db: sqlite_utils.Database, share_companies: bool) -> list[tuple[int, str, dict]]:
    """(insight id, date, payload) of every piece of research this library's rep proposed."""
    out = []
    for iid, kind, text, date, industry, persona, company in db.execute(
        "SELECT r.id, r.kind, r.text, r.date, r.industry, r.persona, p.company "
        "FROM insights r JOIN insights o ON o.id = r.promoted_from "
        "LEFT JOIN prospects p ON p.id = o.prospect_id "
        "WHERE r.prospect_id IS NULL AND o.prospect_id IS NOT NULL ORDER BY r.id"
    ).fetchall():
        data = {
            "kind": kind,
            "text": text,
            "date": date,
            "industry": industry or "",
            "persona": persona or "",
            "company": company if share_companies else None,
        }
        out.append((iid, date or "", data))
    return out


def check(payload: str) -> None:
    """Refuse a research event a trusted reporter's software should never have written."""
    data = json.loads(payload)
    text, kind = data.get("text"), data.get("kind")
    scope = [data.get("industry") or "", data.get("persona") or ""]
    if not (
        isinstance(text, str)
        and 0 < len(text.strip()) <= MAX_TEXT
        and kind in {k.value for k in InsightKind if k is not InsightKind.PERSONAL}
        and all(isinstance(s, str) and len(s) <= MAX_SCOPE for s in scope)
        and any(s.strip() for s in scope)
    ):
        raise envelope.Tampered("one of its research proposals is malformed")


def _date(text) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def add_pending(db: sqlite_utils.Database, payloads: list[str], reporter_name: str) -> int:
    """Marketing's side, inside the merge transaction: one pending item per new proposal."""
    for payload in payloads:
        data = json.loads(payload)
        company = data.get("company")
        source = f"field report from {reporter_name or 'a rep'}" + (
            f" ({company})" if isinstance(company, str) and company else ""
        )
        insight = Insight(
            id=0,
            prospect_id=None,
            kind=InsightKind(data["kind"]),
            text=data["text"].strip(),
            source=source[:200],
            author=reporter_name[:80],
            date=_date(data.get("date")),
            industry=" ".join(str(data.get("industry") or "").split()),
            persona=" ".join(str(data.get("persona") or "").split()),
            review_state=ReviewState.PENDING,
        )
        insight_store.add_insight(db, insight, actor=reporter_name or "field report")
    return len(payloads)
