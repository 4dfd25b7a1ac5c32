"""The library items of a pack: read every section, compare with this library, apply.

A section the pack does not carry (every version-1 pack) leaves that kind alone here. A section
it carries is the publisher's whole list: an item it delivered before and no longer lists is
retired or removed here, but only if it came from that publisher. Items authored here, or
changed here since they were delivered, are not replaced, retired or removed unless the user
says so (replace_local).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from enabler.domain.modules import ModuleState
from enabler.errors import InvalidInput
from enabler.services.packs.file_format import VerifiedPack
from enabler.services.packs.library_reader import MAX_ITEMS, BadEntry, Reader
from enabler.services.packs.library_sections import SECTIONS, Section
from enabler.store.team import library_items as store

# The fields that name an entry in a refusal, in the order tried.
_NAMING = ("key", "competitor", "size", "industry", "ref", "factor")

Library = dict[str, list]  # section name → its items, for the sections a pack carries


def digest(data: dict) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def label(section: Section, key: str) -> str:
    """How the plan names an item: "objection:price-too-high"."""
    return f"{section.label}:{key}"


def _refuse(path: Path, section: Section, n: int, data: object, why: str) -> InvalidInput:
    named = ""
    if isinstance(data, Mapping):
        name = next((data[f] for f in _NAMING if isinstance(data.get(f), str)), None)
        named = f" ({name[:60]!r})" if name else ""
    return InvalidInput(
        f"Pack {path.name} rejected: {section.name} entry {n}{named} {why}. Nothing was imported."
    )


def parse_library(path: Path, pack: VerifiedPack) -> Library:
    """Every library section the pack carries, each entry checked; InvalidInput on the first
    bad one."""
    if pack.manifest.get("format_version") == 1:
        return {}
    out: Library = {}
    for section in SECTIONS:
        if section.name not in pack.manifest:
            continue
        raw = pack.manifest[section.name]
        if not isinstance(raw, list) or len(raw) > MAX_ITEMS:
            raise InvalidInput(
                f"Pack {path.name} rejected: its {section.name} section is not a list of at "
                f"most {MAX_ITEMS} entries. Nothing was imported."
            )
        items, seen = [], set()
        for n, data in enumerate(raw, start=1):
            try:
                item = section.read(Reader(data))
            except BadEntry as exc:
                raise _refuse(path, section, n, data, str(exc)) from None
            key = section.key(item)
            if key in seen:
                raise _refuse(path, section, n, data, "is listed twice")
            seen.add(key)
            items.append(item)
        out[section.name] = items
    return out


@dataclass(frozen=True, slots=True)
class LibraryPlan:
    """What a pack's library sections change here, item by item ("kind:key")."""

    new: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()  # retired (objections, battlecards, criteria) or removed
    unchanged: int = 0
    local: tuple[str, ...] = ()  # authored or changed here: replaced only when allowed


def _is_theirs(db_item, tracked: store.Tracked | None, fingerprint: str, section) -> bool:
    """True when this publisher delivered the item and nobody changed it here since."""
    return (
        tracked is not None
        and tracked.fingerprint == fingerprint
        and digest(section.to_dict(db_item)) == tracked.digest
    )


def plan_library(db: sqlite_utils.Database, fingerprint: str, library: Library) -> LibraryPlan:
    new, changed, removed, local = [], [], [], []
    unchanged = 0
    for section in SECTIONS:
        items = library.get(section.name)
        if items is None:
            continue
        tracked = store.tracked(db, section.name)
        ours = section.local(db, tracked)
        for item in items:
            key = section.key(item)
            here = ours.get(key)
            if here is None:
                new.append(label(section, key))
            elif section.to_dict(here) == section.to_dict(item):
                unchanged += 1
            else:
                changed.append(label(section, key))
                if not _is_theirs(here, tracked.get(key), fingerprint, section):
                    local.append(label(section, key))
        listed = {section.key(item) for item in items}
        for key, t in tracked.items():
            if t.fingerprint != fingerprint or key in listed or key not in ours:
                continue
            if section.retires and ours[key].state is ModuleState.RETIRED:
                continue
            removed.append(label(section, key))
            if not _is_theirs(ours[key], t, fingerprint, section):
                local.append(label(section, key))  # changed here: removing it loses that
    return LibraryPlan(tuple(new), tuple(changed), tuple(removed), unchanged, tuple(local))


def apply_library(
    db: sqlite_utils.Database,
    fingerprint: str,
    library: Library,
    plan: LibraryPlan,
    actor: str,
    origin: str,
) -> None:
    """Put, retire and remove what `plan` lists, and remember where each item came from.
    Call inside the import's transaction."""
    todo, gone = set(plan.new) | set(plan.changed), set(plan.removed)
    why = f"from {origin}"
    for section in SECTIONS:
        items = library.get(section.name)
        if items is None:
            continue
        tracked = store.tracked(db, section.name)
        ours = section.local(db, tracked)
        put = {}
        for item in items:
            key = section.key(item)
            if label(section, key) in todo:
                put[key] = section.put(db, item, ours.get(key), actor, why)
        for key in sorted(k for k in tracked if label(section, k) in gone):
            section.remove(db, ours[key], actor, f"retired {why}")
            if section.retires:
                retired = dataclasses.replace(ours[key], state=ModuleState.RETIRED)
                store.track(db, section.name, key, fingerprint, digest(section.to_dict(retired)))
            else:
                store.untrack(db, section.name, key)
        # Digests of the items as stored, so a later change made here is told apart.
        for key, local_id in put.items():
            store.track(db, section.name, key, fingerprint, "", local_id)
        stored = section.local(db, store.tracked(db, section.name))
        for key, local_id in put.items():
            store.track(
                db, section.name, key, fingerprint, digest(section.to_dict(stored[key])), local_id
            )
