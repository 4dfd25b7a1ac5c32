"""Demo objections, battlecards and checklist state from assets/demo/objections.json.

Registered in `enabler.services.demo.library.EXTRA_LOADERS`; runs inside the demo transaction and is
idempotent: objections, battlecards and checklist items already there are left alone.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import sqlite_utils

from enabler.domain.battlecards import battlecard_from_dict
from enabler.domain.objections import objection_from_dict
from enabler.domain.refs import ProspectRef
from enabler.errors import InvalidInput
from enabler.services.objections import checklists as service
from enabler.store import battlecards as card_store
from enabler.store import checklist_items as item_store
from enabler.store import modules as module_store
from enabler.store import objections as store
from enabler.store import prospects as prospect_store

DEMO_FILE = "objections.json"
DEMO_ACTOR = "demo"


def _check_proof(db, where: str, keys) -> None:
    missing = [k for k in keys if k and not module_store.module_exists(db, k)]
    if missing:
        raise InvalidInput(f"{where} links to unknown modules: {', '.join(missing)}.")


def load_objections_demo(db: sqlite_utils.Database, folder: Path) -> None:
    """Add the demo objection library, battlecards and checklist state (idempotent)."""
    path = folder / DEMO_FILE
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        for item in data.get("objections", ()):
            if store.objection_exists(db, item["key"]):
                continue
            objection = objection_from_dict(item)
            _check_proof(db, f"Objection {objection.key!r}", objection.proof_modules)
            store.create_objection(db, objection, actor=DEMO_ACTOR)
        for item in data.get("battlecards", ()):
            if card_store.battlecard_exists(db, item["competitor"]):
                continue
            card = battlecard_from_dict(item)
            _check_proof(db, f"The {card.competitor} battlecard", card.proof_modules())
            card_store.create_battlecard(db, card, actor=DEMO_ACTOR)
    except (KeyError, ValueError) as exc:
        raise InvalidInput(f"{path} is malformed ({exc}). Restore it from the project.") from exc
    for checklist in data.get("checklists", ()):
        if prospect_store.exists(db, checklist["prospect"]):
            _load_checklist(db, checklist)


def _load_checklist(db, checklist: dict) -> None:
    prospect = prospect_store.find(db, ProspectRef.by_name(checklist["prospect"]))
    stored = item_store.items(db, prospect.id)
    refs = {i.ref for i in stored if not i.custom}
    texts = {i.text for i in stored if i.custom}
    for item in checklist.get("items", ()):
        day = dt.date.fromisoformat(item["date"]) if item.get("date") else None
        actor = item.get("author", DEMO_ACTOR)
        if "objection" in item:
            if item["objection"] in refs:
                continue
            service.mark(
                db,
                prospect,
                item["objection"],
                item["state"],
                item.get("note", ""),
                actor=actor,
                today=day,
            )
        elif item["text"] not in texts:
            service.add_item(
                db,
                prospect,
                item["text"],
                item["category"],
                item.get("note", ""),
                state=item["state"],
                actor=actor,
                today=day,
            )
