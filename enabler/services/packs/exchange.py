"""Signed library packs: marketing publishes the approved library; reps import it read-only.

Export: every approved module (its current version, the assets it uses and, for a designed
slide, its condition and repeat rules), the keys of retired modules with their replacements, the
glossary and the rest of marketing's library (objections, battlecards, criteria, plan templates,
ROI presets, segment research, recommendation weights: see `library`), signed with the
publisher's Ed25519 key.
Import: verify everything first (see file_format, entries, library), show what is new, changed
and retired, then apply it in one transaction; imported modules and terms are read-only on this
machine. Applying a pack that changes nothing, once more, records nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from enabler.domain.lifecycle import Action
from enabler.domain.modules import ModuleKind, ModuleState
from enabler.domain.profile import Profile
from enabler.errors import Conflict, Fix, Hint, InvalidInput
from enabler.services.library.glossary import import_term
from enabler.services.library.governance import adopt_columns, record
from enabler.services.output_guard import check_outputs
from enabler.services.packs import keys
from enabler.services.packs.entries import (
    PackModule,
    parse_glossary,
    parse_modules,
    parse_retirements,
    refs_of,
)
from enabler.services.packs.file_format import PackLimits, read_pack, write_pack
from enabler.services.packs.library import LibraryPlan, apply_library, parse_library
from enabler.services.packs.library_sections import SECTIONS
from enabler.services.packs.plan import PackImport, plan_import
from enabler.services.packs.sequence import (
    applied_sequence,
    downgrade_message,
    is_downgrade,
    next_export_sequence,
    pack_sequence,
    record_export_sequence,
    signed_here,
)
from enabler.store import assets, audit, versions
from enabler.store import glossary as glossary_store
from enabler.store import modules as module_store
from enabler.store.connection.db import transaction
from enabler.store.connection.rows import now_iso
from enabler.store.designed import slides as designed_store
from enabler.store.team import packs


@dataclass(frozen=True, slots=True)
class PackExport:
    path: Path
    modules: int
    retired: int
    glossary: int
    assets: int
    fingerprint: str
    library: dict[str, int] = dataclasses.field(default_factory=dict)  # section → items

    @property
    def library_items(self) -> int:
        return sum(self.library.values())


def export_pack(db: sqlite_utils.Database, profile: Profile, out: Path, key_path: Path):
    """Write a signed pack of the approved library to `out`."""
    check_outputs([out], db=db, inputs=[key_path])
    profile.require_marketing("publish library packs")
    key = keys.load_private_key(key_path)
    fingerprint = keys.fingerprint(key.public_key())
    modules, files, asset_info = [], {}, {}
    for status in module_store.module_statuses(db, ModuleState.APPROVED):
        snap = versions.snapshot(db, status.current_version_id)
        for sha in refs_of(snap):
            files[f"assets/{sha}"] = assets.get(db, sha)
            asset_info[sha] = packs.asset_meta(db, sha)
        modules.append(
            {
                "key": status.key,
                "owner": status.owner,
                "review_by": status.review_by.isoformat() if status.review_by else None,
                "version": packs.current_number(db, status.current_version_id),
                "kind": snap.kind,
                "content": dict(snap.content),
                "talking_points": snap.talking_points,
                "meta": dict(snap.meta),
                "fields": list(snap.fields),
                "source_blob": snap.source_blob,
                "extra": dict(snap.extra),
            }
            | _rules_of(db, status.module_id, snap.kind)
        )
    if not modules:
        raise InvalidInput("There are no approved modules to publish; approve some first.")
    by_id = {s.module_id: s.key for s in module_store.module_statuses(db)}
    retired = [
        {
            "key": s.key,
            "replacement": by_id.get(s.replaced_by) if s.replaced_by is not None else None,
        }
        for s in module_store.module_statuses(db, ModuleState.RETIRED)
    ]
    terms = [
        {"name": t.name, "label": t.label, "definition": t.definition}
        for t in glossary_store.list_terms(db)
    ]
    library = {
        section.name: [section.to_dict(item) for item in section.export(db, fingerprint)]
        for section in SECTIONS
    }
    sequence = next_export_sequence(db, fingerprint)
    manifest = library | {
        "publisher": {"name": profile.name},
        "sequence": sequence,
        "created_at": now_iso(),
        "modules": modules,
        "retired": retired,
        "glossary": terms,
        "assets": asset_info,
    }
    path = write_pack(out, manifest, files, key, fingerprint)
    counts = {name: len(items) for name, items in library.items()}
    result = PackExport(
        path, len(modules), len(retired), len(terms), len(files), fingerprint, counts
    )
    with transaction(db):
        record_export_sequence(db, fingerprint, sequence)
        audit.record(
            db,
            actor=profile.name,
            action="export",
            entity="pack",
            entity_id=fingerprint,
            after={
                "path": str(path),
                "modules": len(modules),
                "retired": len(retired),
                "sequence": sequence,
                "library": counts,
            },
        )
    return result


def _rules_of(db: sqlite_utils.Database, module_id: int, kind: str) -> dict:
    """A designed slide's condition, repeat and formatting, for its manifest entry."""
    if kind != ModuleKind.DESIGNED.value:
        return {}
    details = designed_store.designed_details(db, module_id) or {}
    return {
        "rules": {
            "condition": details.get("condition", ""),
            "repeat": details.get("repeat", ""),
            "formatting": details.get("formatting", "source"),
        }
    }


def import_pack(
    db: sqlite_utils.Database,
    profile: Profile,
    path: Path,
    *,
    dry_run: bool = False,
    replace_local: bool = False,
    allow_downgrade: bool = False,
    limits: PackLimits | None = None,
) -> PackImport:
    """Verify `path`, then apply it in one transaction (or only report, with `dry_run`).

    A pack older than (or the same as) the newest applied from its publisher is refused
    (Conflict) unless `allow_downgrade`; a dry run reports it in `older_than`.
    """
    path = Path(path)
    pack = read_pack(path, keys.trusted_public_keys(db), limits)
    entries = parse_modules(path, pack)
    retirements, terms = parse_retirements(path, pack), parse_glossary(path, pack)
    library = parse_library(path, pack)
    if signed_here(db, pack.fingerprint):
        library = {}  # the publisher's own library is where these items come from
    created = str(pack.manifest.get("created_at", ""))
    origin = f"{pack.publisher} {pack.fingerprint[:16]}, pack of {created[:10]}"
    with transaction(db):
        plan = plan_import(
            db, pack, entries, retirements, terms, library, replace_local=replace_local
        )
        sequence, ours = pack_sequence(pack.manifest), applied_sequence(db, pack.fingerprint)
        plan = dataclasses.replace(
            plan,
            sequence=sequence,
            older_than=ours[0] if ours and is_downgrade(ours, sequence, pack.sha256) else None,
        )
        if dry_run:
            return plan
        if plan.older_than is not None and not allow_downgrade:
            raise Conflict(downgrade_message(plan), hint=Hint(Fix.CONFIRM, "allow_downgrade"))
        if not plan.changes_anything and packs.was_imported(db, pack.sha256):
            return dataclasses.replace(plan, applied=True)  # the same pack again: nothing to do
        for name, data in pack.files.items():
            info = pack.manifest.get("assets", {}).get(name.removeprefix("assets/"), {})
            mime = str(info.get("mime", "application/octet-stream"))[:100]
            assets.put(db, data, mime, str(info.get("filename", ""))[:200])
        for entry in entries:
            if entry.key in plan.new:
                _add(db, profile, entry, origin)
            elif entry.key in plan.changed:
                _replace(db, profile, entry, origin, plan.changed[entry.key])
            if entry.key in plan.new or entry.key in plan.changed:
                _put_rules(db, profile, entry, path.name)
        for key, replacement in retirements:
            if key in plan.retired:
                _retire(db, profile, key, replacement, origin)
        for term in terms:
            if term.name in plan.glossary:
                _import_term(db, profile, term, origin)
        items = LibraryPlan(plan.library_new, plan.library_changed, plan.library_removed)
        apply_library(db, pack.fingerprint, library, items, profile.name, origin)
        summary = plan.summary()
        packs.record_import(
            db,
            fingerprint=pack.fingerprint,
            publisher=pack.publisher,
            pack_created_at=created,
            sha256=pack.sha256,
            actor=profile.name,
            summary=summary,
            sequence=sequence,
        )
        audit.record(
            db,
            actor=profile.name,
            action="import",
            entity="pack",
            entity_id=pack.fingerprint,
            after=summary | {"origin": origin},
        )
    return dataclasses.replace(plan, applied=True)


def _import_term(db, profile: Profile, term, origin: str) -> None:
    before = glossary_store.find(db, term.name)
    import_term(db, term, profile.name)
    audit.record(
        db,
        actor=profile.name,
        action="import",
        entity="glossary",
        entity_id=term.name,
        before={"label": before.label, "definition": before.definition} if before else None,
        after={"label": term.label, "definition": term.definition, "origin": origin},
    )


def _note(entry: PackModule, origin: str) -> str:
    return f"Imported from {origin} (publisher's version {entry.version})"


def _add(db, profile: Profile, entry: PackModule, origin: str) -> None:
    module_id = packs.create_imported_module(
        db,
        key=entry.key,
        owner=entry.owner,
        review_by=entry.review_by,
        snap=entry.snapshot,
        origin=origin,
        actor=profile.name,
        note=_note(entry, origin),
    )
    after = module_store.module_status(db, module_id)
    _trail(db, profile, None, after, f"New from {origin}", {"version": entry.version})


def _put_rules(db, profile: Profile, entry: PackModule, source: str) -> None:
    """A designed slide's rules from the pack; a pack without rules keeps the ones here."""
    if entry.snapshot.kind != ModuleKind.DESIGNED.value:
        return
    module_id = module_store.module_status(db, entry.key).module_id
    if entry.rules is None and designed_store.designed_details(db, module_id) is not None:
        return
    packs.put_designed_rules(
        db,
        module_id,
        key=entry.key,
        source_name=source,
        rules=entry.rules or ("", ""),
        actor=profile.name,
    )
    details = designed_store.designed_details(db, module_id)
    if (
        entry.formatting is not None
        and details is not None
        and details["formatting"] != entry.formatting
    ):
        designed_store.set_formatting(db, module_id, entry.formatting, profile.name)


def _trail(db, profile, before, after, comment: str, extra=None) -> None:
    """Review trail and audit entries for one imported module."""
    record(db, profile, Action.IMPORT, before, after, comment, after.current_version_id, extra)


def _replace(db, profile: Profile, entry: PackModule, origin: str, changes) -> None:
    status = module_store.module_status(db, entry.key)
    version_id = versions.add_version(
        db, status.module_id, entry.snapshot, actor=profile.name, note=_note(entry, origin)
    )
    after = module_store.save_status(
        db,
        status,
        **adopt_columns(db, version_id),
        current_version_id=version_id,
        state=ModuleState.APPROVED,
        owner=entry.owner,
        review_by=entry.review_by,
        read_only=1,
        origin=origin,
        revision_version_id=None,
        revision_state=None,
        replaced_by=None,
    )
    _trail(db, profile, status, after, f"Updated from {origin}", {"changes": list(changes)})


def _retire(db, profile: Profile, key: str, replacement: str | None, origin: str) -> None:
    status = module_store.module_status(db, key)
    other = None
    if replacement and module_store.module_exists(db, replacement):
        other = module_store.module_status(db, replacement).module_id
    after = module_store.save_status(
        db,
        status,
        state=ModuleState.RETIRED,
        replaced_by=other,
        read_only=1,
        origin=origin,
        revision_version_id=None,
        revision_state=None,
    )
    _trail(db, profile, status, after, f"Retired by {origin}", {"replacement": replacement})
