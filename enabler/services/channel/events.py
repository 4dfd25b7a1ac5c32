"""Field events a rep's library reports to marketing, each with a stable id.

Decks built (title, module keys and versions, prospect industry and stage), ratings and flags,
deal outcomes, objections raised or answered (category, stage, industry, competitor), and
segment research the rep proposed (see `research`).
Company names travel unless the `channel.share_company_names` setting is off; contacts never do:
no query here reads the contacts table or a deck's contact.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import sqlite_utils

from enabler.services.channel import research
from enabler.store import settings

SHARE_COMPANIES = "channel.share_company_names"


@dataclass(frozen=True, slots=True)
class FieldEvent:
    event_id: str
    kind: str  # deck | rating | outcome | objection | research
    at: str
    payload: dict

    def to_dict(self) -> dict:
        return {"id": self.event_id, "kind": self.kind, "at": self.at, "data": self.payload}


def _id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:32]


def collect(db: sqlite_utils.Database) -> list[FieldEvent]:
    """Every reportable event in this library (the caller drops the ones already sent)."""
    share = bool(settings.get(db, SHARE_COMPANIES, True))

    def company(name: str | None) -> str | None:
        return name if share else None

    versions = {
        vid: (key, number)
        for vid, key, number in db.execute(
            "SELECT v.id, m.key, v.number FROM module_versions v JOIN modules m "
            "ON m.id = v.module_id"
        ).fetchall()
    }
    out: list[FieldEvent] = []
    for did, plan, mvs, built_at, comp, industry, stage in db.execute(
        "SELECT d.id, d.plan, d.module_versions, d.built_at, p.company, p.industry, p.stage "
        "FROM decks d LEFT JOIN prospects p ON p.id = d.prospect_id ORDER BY d.id"
    ).fetchall():
        title = str(json.loads(plan or "{}").get("title", ""))
        modules = [
            {"module": versions[v][0], "version": versions[v][1]}
            for v in json.loads(mvs or "[]")
            if v in versions
        ]
        # A deck title often names the prospect, so it travels only with company names.
        data = {"title": title if share else None, "modules": modules}
        data |= {"industry": industry, "stage": stage}
        out.append(
            FieldEvent(
                _id("deck", did, built_at), "deck", built_at, data | {"company": company(comp)}
            )
        )
    for fid, key, vid, rating, flag, at in db.execute(
        "SELECT f.id, m.key, f.version_id, f.rating, f.flag, f.at FROM feedback f "
        "JOIN modules m ON m.id = f.module_id ORDER BY f.id"
    ).fetchall():
        version = versions.get(vid, (key, None))[1]
        data = {"module": key, "version": version, "rating": rating, "flag": flag}
        out.append(FieldEvent(_id("rating", fid, at), "rating", at, data))
    for pid, result, date, reason, at, comp, industry in db.execute(
        "SELECT o.prospect_id, o.result, o.date, o.reason, o.recorded_at, p.company, "
        "p.industry FROM outcomes o JOIN prospects p ON p.id = o.prospect_id"
    ).fetchall():
        data = {"result": result, "date": date, "reason": reason, "industry": industry}
        out.append(
            FieldEvent(_id("outcome", pid, at), "outcome", at, data | {"company": company(comp)})
        )
    for oid, category, state, stage, version, at, okey, competitor, industry in db.execute(
        "SELECT po.id, po.category, po.state, po.raised_stage, po.version, po.changed_on, "
        "o.key, o.competitor, p.industry FROM prospect_objections po "
        "JOIN prospects p ON p.id = po.prospect_id "
        "LEFT JOIN objections o ON o.id = po.objection_id ORDER BY po.id"
    ).fetchall():
        if state not in ("raised", "answered"):
            continue
        data = {
            "objection": okey,
            "category": category,
            "state": state,
            "stage": stage,
            "industry": industry,
            "competitor": competitor or "",
        }
        out.append(FieldEvent(_id("objection", oid, version, state), "objection", at, data))
    for iid, at, data in research.proposals(db, share):
        out.append(FieldEvent(_id("research", iid), "research", at, data))
    return out
