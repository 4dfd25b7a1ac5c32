"""What importing a verified pack would change here: new, changed, retired, unchanged."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlite_utils

from enabler.domain import lifecycle
from enabler.domain.glossary import GlossaryTerm
from enabler.domain.modules import ModuleState, SlideFormatting
from enabler.domain.version_diff import diff_versions
from enabler.errors import Conflict, Fix, Hint
from enabler.services.packs.entries import PackModule
from enabler.services.packs.file_format import VerifiedPack
from enabler.services.packs.library import Library, plan_library
from enabler.store import glossary as glossary_store
from enabler.store import modules as module_store
from enabler.store import versions
from enabler.store.designed import slides as designed_store


@dataclass(frozen=True, slots=True)
class PackImport:
    """What a pack brings; `applied` is False for a dry run."""

    publisher: str
    fingerprint: str
    created_at: str
    new: tuple[str, ...] = ()
    changed: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key → what changed
    retired: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    glossary: tuple[str, ...] = ()  # terms added or changed
    # Objections, battlecards, criteria, plan templates, ROI presets, segment research and
    # recommendation weights, each named "kind:key" (see services.packs.library).
    library_new: tuple[str, ...] = ()
    library_changed: tuple[str, ...] = ()
    library_removed: tuple[str, ...] = ()
    library_unchanged: int = 0
    applied: bool = False
    sequence: int | None = None  # the pack's (None: made before packs had one)
    # The newest sequence already applied from this publisher when this pack is older than
    # (or the same as) it: importing it would roll the library back.
    older_than: int | None = None

    @property
    def changes_anything(self) -> bool:
        return any(
            (
                self.new,
                self.changed,
                self.retired,
                self.glossary,
                self.library_new,
                self.library_changed,
                self.library_removed,
            )
        )

    def summary(self) -> dict:
        """Modules and library items together (library items named "kind:key")."""
        return {
            "new": [*self.new, *self.library_new],
            "changed": [*self.changed, *self.library_changed],
            "retired": [*self.retired, *self.library_removed],
            "glossary": list(self.glossary),
        }


def _module_changes(db: sqlite_utils.Database, entry: PackModule) -> list[str]:
    status = module_store.module_status(db, entry.key)
    ours = versions.snapshot(db, status.current_version_id)
    changes = [c.summary for c in diff_versions(ours, entry.snapshot)]
    if status.state is not ModuleState.APPROVED or status.has_revision:
        changes.append(f"State: {lifecycle.describe(status)} → approved")
    review_by = status.review_by.isoformat() if status.review_by else None
    if review_by != entry.review_by:
        changes.append(f"Review by: {review_by} → {entry.review_by}")
    if status.owner != entry.owner:
        changes.append(f"Owner: {status.owner} → {entry.owner}")
    return changes + _rule_changes(db, status.module_id, entry)


def _rule_changes(db: sqlite_utils.Database, module_id: int, entry: PackModule) -> list[str]:
    """A designed slide's condition and repeat, compared with the pack's (old packs: none)."""
    if entry.rules is None:
        return []
    details = designed_store.designed_details(db, module_id) or {}
    ours = (details.get("condition", ""), details.get("repeat", ""))
    out = []
    for label, empty, before, after in zip(
        ("Condition", "Repeat"), ("always", "once"), ours, entry.rules, strict=True
    ):
        if before != after:
            out.append(f"{label}: {before or empty} → {after or empty}")
    ours_formatting = details.get("formatting", SlideFormatting.SOURCE.value)
    if entry.formatting is not None and entry.formatting != ours_formatting:
        before, after = SlideFormatting(ours_formatting), SlideFormatting(entry.formatting)
        out.append(f"Formatting: {before.label} → {after.label}")
    return out


def plan_import(
    db: sqlite_utils.Database,
    pack: VerifiedPack,
    entries: list[PackModule],
    retirements: list[tuple[str, str | None]],
    terms: list[GlossaryTerm],
    library: Library | None = None,
    *,
    replace_local: bool = False,
) -> PackImport:
    """Compare the pack with the library. Refuses (Conflict) to overwrite what was authored
    (or, for library items, changed) here, not imported, unless `replace_local`."""
    new, changed, unchanged, retired, local = [], {}, [], [], []
    for entry in entries:
        if not module_store.module_exists(db, entry.key):
            new.append(entry.key)
            continue
        changes = _module_changes(db, entry)
        if not changes:
            unchanged.append(entry.key)
            continue
        changed[entry.key] = tuple(changes)
        if not module_store.module_status(db, entry.key).read_only:
            local.append(entry.key)
    for key, _ in retirements:
        if module_store.module_exists(db, key):
            status = module_store.module_status(db, key)
            if status.state is not ModuleState.RETIRED:
                retired.append(key)
                if not status.read_only:
                    local.append(key)
    changed_terms = []
    for term in terms:
        ours = glossary_store.find(db, term.name)
        if ours is None or (ours.label, ours.definition) != (term.label, term.definition):
            changed_terms.append(term.name)
            if ours is not None and not ours.read_only:
                local.append(f"glossary:{term.name}")
    items = plan_library(db, pack.fingerprint, library or {})
    local.extend(items.local)
    if local and not replace_local:
        shown = ", ".join(sorted(local)[:5]) + ("…" if len(local) > 5 else "")
        raise Conflict(
            f"The pack would replace modules, glossary terms or library items authored or "
            f"changed on this machine ({shown}). Nothing was imported; replacing them takes "
            "the publisher's versions.",
            hint=Hint(Fix.CONFIRM, "replace_local"),
        )
    return PackImport(
        pack.publisher,
        pack.fingerprint,
        str(pack.manifest.get("created_at", "")),
        tuple(new),
        changed,
        tuple(retired),
        tuple(unchanged),
        tuple(changed_terms),
        items.new,
        items.changed,
        items.removed,
        items.unchanged,
    )
