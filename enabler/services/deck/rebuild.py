"""Rebuild a deck whose modules went stale: the same prospect, order and typed fields, each
retired module swapped for its replacement (or left out when it has none), every module at its
current approved version — written beside the old deck, which is left as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from enabler.domain.modules import ModuleState
from enabler.domain.refs import ProspectRef
from enabler.errors import Fix, Hint, InvalidInput, NotFound
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.library.staleness import flagged_decks
from enabler.store import modules as module_store


@dataclass(frozen=True, slots=True)
class RebuildPlan:
    deck_id: int
    prospect_id: int
    keys: tuple[str, ...]  # in the old deck's order, replacements in place
    overrides: dict[str, str]
    rep: str
    old_path: Path
    replaced: tuple[tuple[str, str], ...]  # (retired key, replacement key)
    dropped: tuple[str, ...]  # retired without a replacement


@dataclass(frozen=True, slots=True)
class Rebuilt:
    plan: RebuildPlan
    path: Path
    deck_id: int  # the new deck's record
    slides: int


def stale_deck_ids(db: sqlite_utils.Database) -> list[int]:
    """Decks built with a module since retired (Library ▸ Stale lists them)."""
    return sorted({f.deck_id for f in flagged_decks(db)})


def rebuild_plan(db: sqlite_utils.Database, deck_id: int) -> RebuildPlan:
    """What a rebuild of deck `deck_id` will contain, before anything is written."""
    row = next(db["decks"].rows_where("id = ?", [int(deck_id)]), None)
    if row is None:
        raise NotFound(f"No deck {deck_id}.", hint=Hint(Fix.LOOK_UP, "decks"))
    if not row["output_path"]:
        raise InvalidInput(
            f"Deck {deck_id} has no file on record, so there is nowhere to write beside it: "
            "build it again from the Build page."
        )
    provenance = json.loads(row["plan"] or "{}")
    keys, replaced, dropped = [], [], []
    for used in provenance.get("modules", []):
        mid = used.get("module_id")
        if mid is None:  # an older record names only the version
            mid = db.table("module_versions").get(int(used["version_id"]))["module_id"]
        module = module_store.get_module(db, int(mid))
        current, seen = module_store.module_status(db, module.key), {module.id}
        while (
            current.state is ModuleState.RETIRED
            and (successor := current.replaced_by) is not None
            and successor not in seen
        ):
            seen.add(successor)
            replacement = module_store.get_module(db, successor)
            current = module_store.module_status(db, replacement.key)
        if current.state is ModuleState.RETIRED:
            dropped.append(module.key)
            continue
        if current.key != module.key:
            replaced.append((module.key, current.key))
        if current.key not in keys:
            keys.append(current.key)
    if not keys:
        raise InvalidInput(f"Every module of deck {deck_id} is retired with no replacement.")
    return RebuildPlan(
        int(deck_id),
        int(row["prospect_id"]),
        tuple(keys),
        dict(provenance.get("overrides") or {}),
        provenance.get("rep", "") or row["built_by"],
        Path(row["output_path"]),
        tuple(replaced),
        tuple(dropped),
    )


def rebuilt_path(old: Path, today: dt.date) -> Path:
    """'Acme.pptx' → 'Acme (rebuilt 2026-12-07).pptx' beside it; never an existing file."""
    stem = f"{old.stem} (rebuilt {today.isoformat()})"
    path, n = old.with_name(f"{stem}{old.suffix or '.pptx'}"), 2
    while path.exists():
        path, n = old.with_name(f"{stem} {n}{old.suffix or '.pptx'}"), n + 1
    return path


def rebuild_deck(
    db: sqlite_utils.Database,
    deck_id: int,
    *,
    today: dt.date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Rebuilt:
    """Rebuild deck `deck_id` beside the old file (see the module docstring)."""
    plan = rebuild_plan(db, deck_id)
    deck = plan_deck(
        db, ProspectRef.by_id(plan.prospect_id), list(plan.keys), overrides=plan.overrides
    )
    out = rebuilt_path(plan.old_path, today or dt.date.today())
    result = build_deck(db, deck, out, built_by=plan.rep, progress=progress)
    return Rebuilt(plan, result.path, result.deck_id, result.slides)
