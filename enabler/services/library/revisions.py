"""Editing modules as new versions, restoring old ones, history and readable diffs.

Versions are immutable. Editing a draft adds a version that becomes the draft's content;
editing an approved module adds a *revision* that reps do not see until it is approved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from enabler.domain import lifecycle
from enabler.domain.lifecycle import Action, ModuleStatus, ReviewEvent, VersionInfo
from enabler.domain.modules import ModuleKind, ModuleState, content_from_dict
from enabler.domain.modules import content_to_dict as normalise
from enabler.domain.profile import Profile
from enabler.domain.prospects import parse_stage
from enabler.domain.refs import ModuleRef
from enabler.domain.version_diff import FieldChange, VersionSnapshot, diff_versions
from enabler.errors import InvalidInput
from enabler.services.json_input import loads_json
from enabler.services.library.governance import adopt_columns, load, record
from enabler.store import modules as module_store
from enabler.store import reviews, versions
from enabler.store.connection.db import transaction

META_FIELDS = ("stages", "industries", "personas", "competitors", "tags")


@dataclass(frozen=True, slots=True)
class ModuleEdit:
    """A change typed by marketing: content fields to set (None removes), notes, metadata."""

    content: Mapping[str, object] = field(default_factory=dict)
    talking_points: str | None = None
    meta: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: object) -> ModuleEdit:
        """{"content": {...}, "talking_points": "...", "stages": [...], ...} as typed in a file."""
        if not isinstance(data, Mapping):
            raise InvalidInput('An edit file must hold a JSON object, e.g. {"content": {…}}.')
        unknown = set(data) - {"content", "talking_points", *META_FIELDS}
        if unknown:
            raise InvalidInput(f"Unknown fields in the edit: {', '.join(sorted(unknown))}.")
        content = data.get("content", {})
        if not isinstance(content, Mapping):
            raise InvalidInput("`content` in an edit must be a JSON object.")
        meta = {}
        for name in META_FIELDS:
            if name in data:
                if not isinstance(data[name], list):
                    raise InvalidInput(f"`{name}` must be a list of names.")
                meta[name] = tuple(str(v).strip() for v in data[name] if str(v).strip())
        notes = data.get("talking_points")
        return cls(dict(content), None if notes is None else str(notes), meta)


def read_edit_file(path: Path) -> ModuleEdit:
    """An edit written as JSON in a file."""
    try:
        return ModuleEdit.from_json(loads_json(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.") from exc
    except ValueError as exc:
        raise InvalidInput(f"{path} is not valid JSON ({exc}).") from exc


@dataclass(frozen=True, slots=True)
class EditResult:
    status: ModuleStatus
    version_id: int
    number: int
    changes: tuple[FieldChange, ...]


def _apply(base: VersionSnapshot, edit: ModuleEdit) -> VersionSnapshot:
    content = dict(base.content)
    if edit.content:
        if base.kind != ModuleKind.SMART.value:
            raise InvalidInput(
                "A designed module's slide changes by importing the slide again; "
                "here you can edit its talking points, stages, personas and tags."
            )
        for name, value in edit.content.items():
            if value is None:
                content.pop(name, None)
            else:
                content[name] = value
        try:
            content = normalise(content_from_dict(content))
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise InvalidInput(f"The new content is not valid: {exc}.") from exc
    meta = dict(base.meta)
    for name, values in edit.meta.items():
        if name == "stages":  # value, label or hyphen form
            meta[name] = [parse_stage(v).value for v in values]
        else:
            meta[name] = list(values)
    notes = base.talking_points if edit.talking_points is None else edit.talking_points
    return dataclasses.replace(base, content=content, talking_points=notes, meta=meta)


def _save_version(
    db, profile: Profile, status: ModuleStatus, snap: VersionSnapshot, action: Action, note: str
) -> EditResult:
    """Add `snap` as a new version where lifecycle rules say it goes, and record it."""
    target = lifecycle.edit_target(status) if action is Action.EDIT else _restore_target(status)
    base_id = status.revision_version_id if status.has_revision else status.current_version_id
    base = versions.snapshot(db, base_id)
    changes = tuple(diff_versions(base, snap))
    if not changes and status.state is not ModuleState.RETIRED:
        raise InvalidInput(f"Nothing would change in {status.key!r}; the edit was not saved.")
    version_id = versions.add_version(db, status.module_id, snap, actor=profile.name, note=note)
    if target == "revision":
        fields = {"revision_version_id": version_id, "revision_state": ModuleState.DRAFT}
    else:
        fields = adopt_columns(db, version_id) | {
            "current_version_id": version_id,
            "state": ModuleState.DRAFT,
            "replaced_by": None,
        }
    after = module_store.save_status(db, status, **fields)
    extra = {"version_id": version_id, "changes": [c.summary for c in changes]}
    record(db, profile, action, status, after, note, version_id, extra)
    number = next(v.number for v in versions.version_history(db, after) if v.id == version_id)
    return EditResult(after, version_id, number, changes)


def _restore_target(status: ModuleStatus) -> str:
    if status.state is ModuleState.RETIRED:
        lifecycle.check_writable(status)
        return "current"  # a retired module comes back as a draft
    return lifecycle.edit_target(status)


def edit_module(
    db,
    profile: Profile,
    ref: ModuleRef | int,
    edit: ModuleEdit,
    *,
    note: str = "",
    expected: int | None = None,
) -> EditResult:
    """Save `edit` as a new version (the draft, or a revision of an approved module)."""
    profile.require_marketing("edit library modules")
    with transaction(db):
        status = load(db, ref, expected)
        lifecycle.edit_target(status)
        base_id = status.revision_version_id if status.has_revision else status.current_version_id
        snap = _apply(versions.snapshot(db, base_id), edit)
        return _save_version(db, profile, status, snap, Action.EDIT, note.strip())


def restore_version(
    db,
    profile: Profile,
    ref: ModuleRef | int,
    number: int,
    *,
    note: str = "",
    expected: int | None = None,
) -> EditResult:
    """Bring back version `number`'s content as a new draft (or draft revision)."""
    profile.require_marketing("restore module versions")
    with transaction(db):
        status = load(db, ref, expected)
        old = versions.snapshot(db, versions.version_id_by_number(db, status, number))
        note = note.strip() or f"Restored from version {number}"
        return _save_version(db, profile, status, old, Action.RESTORE, note)


@dataclass(frozen=True, slots=True)
class WorkingCopy:
    """What an editor opens: the status (keep its row_version for the save) and the content an
    edit starts from (the open revision's, else the current version's)."""

    status: ModuleStatus
    snapshot: VersionSnapshot


def working_copy(db: sqlite_utils.Database, ref: ModuleRef | int) -> WorkingCopy:
    status = module_store.module_status(db, ref)
    base_id = status.revision_version_id if status.has_revision else status.current_version_id
    return WorkingCopy(status, versions.snapshot(db, base_id))


@dataclass(frozen=True, slots=True)
class ModuleHistory:
    status: ModuleStatus
    versions: tuple[VersionInfo, ...]
    events: tuple[ReviewEvent, ...]


def history(db: sqlite_utils.Database, ref: ModuleRef | int) -> ModuleHistory:
    status = module_store.module_status(db, ref)
    return ModuleHistory(
        status,
        tuple(versions.version_history(db, status)),
        tuple(reviews.events(db, status.module_id)),
    )


def diff(
    db: sqlite_utils.Database, ref: ModuleRef | int, old: int | None = None, new: int | None = None
) -> tuple[int, int, list[FieldChange]]:
    """Changes from version `old` to `new` (numbers). By default: the version before the
    latest, to the latest."""
    status = module_store.module_status(db, ref)
    numbers = [v.number for v in versions.version_history(db, status)]
    new = numbers[0] if new is None else new
    if old is None:
        earlier = [n for n in numbers if n < new]
        if not earlier:
            raise InvalidInput(f"Module {status.key!r} has only one version; nothing to compare.")
        old = earlier[0]
    a = versions.snapshot(db, versions.version_id_by_number(db, status, old))
    b = versions.snapshot(db, versions.version_id_by_number(db, status, new))
    return old, new, diff_versions(a, b)
