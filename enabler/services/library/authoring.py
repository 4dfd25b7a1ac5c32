"""The module editor's use cases: open a smart module for editing, save what marketing typed as a
new draft version, create a new smart module.

Saving goes through `enabler.services.library.revisions.edit_module`, so the lifecycle rules hold
(an
approved module gets a draft revision; reps keep the approved version) and a module changed by
someone else since it was opened is reported as a Conflict instead of being overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import sqlite_utils

from enabler.domain import lifecycle
from enabler.domain.lifecycle import ModuleStatus
from enabler.domain.modules import (
    ModuleKind,
    ModuleState,
    SmartContent,
    SmartLayout,
    content_from_dict,
    content_to_dict,
)
from enabler.domain.profile import Profile
from enabler.domain.prospects import Prospect
from enabler.domain.refs import ModuleRef
from enabler.errors import Conflict, EnablerError, InvalidInput
from enabler.services.deck.field_check import field_roots
from enabler.services.library.revisions import ModuleEdit, edit_module, working_copy
from enabler.store import audit
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction
from enabler.store.versions import version_history

_KEY = re.compile(r"[a-z0-9][a-z0-9-]{1,62}")
FACETS = ("stages", "industries", "competitors")
_LABELS = {"owner": "Owner", "review_by": "Review by"}


@dataclass(frozen=True, slots=True)
class ModuleDraft:
    """What the editor holds for one module: its content (JSON form) and its facets."""

    content: dict
    talking_points: str = ""
    stages: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()
    owner: str = ""
    review_by: dt.date | None = None


@dataclass(frozen=True, slots=True)
class OpenedModule:
    status: ModuleStatus  # keep it: its row version makes the save conflict-safe
    saved: ModuleDraft  # as stored now
    locked: str = ""  # why it cannot be edited now (in review, retired, read-only), else ""
    version: int = 0  # number of the version the draft starts from


@dataclass(frozen=True, slots=True)
class EditorChoices:
    """What the editor offers: smart modules to open, prospects to preview for, and the
    top-level field names decks provide beyond the core ones."""

    modules: tuple[ModuleStatus, ...]
    prospects: tuple[Prospect, ...]
    roots: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class SaveResult:
    status: ModuleStatus
    version: int | None  # the new version's number; None when only owner/review date changed
    changes: tuple[str, ...]


def editor_choices(db: sqlite_utils.Database) -> EditorChoices:
    smart = [
        m.id
        for m in module_store.list_modules(db)
        if module_store.current_version(db, m).kind is ModuleKind.SMART
    ]
    statuses = sorted(module_store.module_statuses(db, ids=smart), key=lambda s: s.title.casefold())
    return EditorChoices(tuple(statuses), tuple(prospect_store.list_prospects(db)), field_roots())


def open_module(db: sqlite_utils.Database, ref: ModuleRef | int) -> OpenedModule:
    """The module as the editor starts from it: its open revision, else its current version."""
    copy = working_copy(db, ref)
    status, snap = copy.status, copy.snapshot
    if snap.kind != ModuleKind.SMART.value:
        raise InvalidInput(
            f"{status.key!r} is a designed slide: change it in PowerPoint and import it again."
        )
    module = module_store.get_module(db, status.module_id)
    facets = {
        "stages": tuple(s.value for s in module.stages),
        "industries": module.industries,
        "competitors": module.competitors,
    }
    for name in FACETS:  # a revision carries its own facets until it is approved
        if name in snap.meta:
            facets[name] = tuple(str(v) for v in snap.meta[name])
    saved = ModuleDraft(
        _normal(dict(snap.content)),
        snap.talking_points or "",
        owner=status.owner,
        review_by=status.review_by,
        **facets,
    )
    try:
        lifecycle.edit_target(status)
        locked = ""
    except EnablerError as exc:
        locked = str(exc)
    base_id = status.revision_version_id if status.has_revision else status.current_version_id
    number = next((v.number for v in version_history(db, status) if v.id == base_id), 0)
    return OpenedModule(status, saved, locked, number)


def _normal(content: dict) -> dict:
    """Content as it is stored, so an unchanged form compares equal."""
    try:
        return content_to_dict(content_from_dict(content))
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise InvalidInput(f"The content is not valid: {exc}.") from exc


def _edit(before: ModuleDraft, after: ModuleDraft) -> ModuleEdit:
    """Only what changed, so an untouched facet does not show up as a change in the history."""
    old, new = before.content, _normal(after.content)
    content: dict = {k: v for k, v in new.items() if old.get(k) != v}
    content |= {k: None for k in old if k not in new}
    meta = {n: getattr(after, n) for n in FACETS if getattr(after, n) != getattr(before, n)}
    notes = after.talking_points if after.talking_points != before.talking_points else None
    return ModuleEdit(content, notes, meta)


def _check(draft: ModuleDraft, before: ModuleDraft, today: dt.date) -> None:
    if not str(draft.content.get("title", "")).strip():
        raise InvalidInput("Give the module a title: it is what reps see in the library.")
    if not draft.owner.strip():
        raise InvalidInput("Name the module's owner: who answers questions about it.")
    if draft.review_by != before.review_by and (
        draft.review_by is None or draft.review_by <= today
    ):
        raise InvalidInput("Choose a review-by date in the future.")


def save_module(
    db: sqlite_utils.Database,
    profile: Profile,
    opened: OpenedModule,
    draft: ModuleDraft,
    *,
    note: str = "",
    today: dt.date | None = None,
) -> SaveResult:
    """Save `draft` as a new version of `opened` (and its owner / review-by date, which belong to
    the module, not to a version). Conflict if someone changed the module since it was opened."""
    profile.require_marketing("edit library modules")
    _check(draft, opened.saved, today or dt.date.today())
    edit = _edit(opened.saved, draft)
    details = {
        "owner": draft.owner.strip(),
        "review_by": draft.review_by.isoformat() if draft.review_by else None,
    }
    before = {
        "owner": opened.status.owner,
        "review_by": opened.status.review_by.isoformat() if opened.status.review_by else None,
    }
    changed = {k: v for k, v in details.items() if v != before[k]}
    if not (edit.content or edit.meta or edit.talking_points is not None or changed):
        raise InvalidInput("Nothing has changed since the last save.")
    with transaction(db):
        status, number, changes = opened.status, None, []
        if edit.content or edit.meta or edit.talking_points is not None:
            result = edit_module(
                db, profile, status.module_id, edit, note=note, expected=status.row_version
            )
            status, number = result.status, result.number
            changes = [c.summary for c in result.changes]
        if changed:
            status = module_store.save_status(db, status, **changed)
            audit.record(
                db,
                actor=profile.name,
                action="edit",
                entity="module",
                entity_id=status.module_id,
                before={k: before[k] for k in changed},
                after=changed,
            )
            changes += [f"{_LABELS[k]}: {v or 'none'}" for k, v in changed.items()]
    return SaveResult(status, number, tuple(changes))


def create_module(
    db: sqlite_utils.Database,
    profile: Profile,
    key: str,
    title: str,
    layout: SmartLayout | str,
) -> ModuleStatus:
    """A new smart module: a draft with one version holding just its title."""
    profile.require_marketing("create library modules")
    key, title = key.strip(), " ".join(title.split())
    if not _KEY.fullmatch(key):
        raise InvalidInput(
            f"Module key {key!r}: use 2–63 lower-case letters, digits and hyphens, "
            "e.g. 'pricing-overview'."
        )
    if not title:
        raise InvalidInput("Give the new module a title.")
    try:
        layout = SmartLayout(layout)
    except ValueError:
        choices = ", ".join(layout.value for layout in SmartLayout)
        raise InvalidInput(f"Unknown layout {layout!r}; choose one of {choices}.") from None
    with transaction(db):
        if module_store.module_exists(db, key):
            raise Conflict(f"A module with the key {key!r} already exists; choose another key.")
        module = module_store.create_smart(
            db,
            key=key,
            content=SmartContent(layout, title),
            owner=profile.name,
            state=ModuleState.DRAFT,
            actor=profile.name,
        )
    return module_store.module_status(db, module.id)
