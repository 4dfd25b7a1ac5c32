"""Demo data for governance: the shared glossary and a marketing user profile."""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils

from enabler.domain.glossary import make_term
from enabler.domain.profile import make_profile
from enabler.store import audit, users
from enabler.store import glossary as glossary_store

DEMO_ACTOR = "demo"


def load_governance_demo(db: sqlite_utils.Database, folder: Path) -> None:
    """Add missing glossary terms and, when nobody is set up yet, a marketing profile.

    Idempotent; runs inside the demo transaction.
    """
    path = folder / "glossary.json"
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    if users.get_profile(db) is None and data.get("profile"):
        users.put_profile(db, make_profile(data["profile"]["name"], data["profile"]["role"]))
    for item in data.get("terms", ()):
        term = make_term(item["label"], item["definition"])
        if glossary_store.find(db, term.name) is None:
            glossary_store.put(db, term, DEMO_ACTOR)
            audit.record(
                db,
                actor=DEMO_ACTOR,
                action="create",
                entity="glossary",
                entity_id=term.name,
                after={"name": term.name, "label": term.label, "definition": term.definition},
            )
