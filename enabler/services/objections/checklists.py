"""Objection checklists and battlecards: the use cases the CLI and the app share.

Every function takes the library and returns plain dataclasses, so a window can call it off the
GUI thread. Marking takes the item's `version` as the caller last saw it: if someone else
changed the item since, the call raises Conflict and changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import sqlite_utils

from enabler.domain.battlecards import Battlecard
from enabler.domain.modules import ModuleState
from enabler.domain.objection_rules import competitors_in_play, likely_objections
from enabler.domain.objections import (
    ChecklistItem,
    Objection,
    ObjectionCategory,
    ObjectionChecklist,
    ObjectionState,
    buyer_facing,
    parse_category,
    parse_state,
)
from enabler.domain.prospects import Prospect
from enabler.domain.refs import CustomItemRef, ObjectionRef, ProspectRef, item_ref
from enabler.errors import Conflict, Fix, Hint, InvalidInput, NotFound

# Counts for marketing live in their own module; re-exported so callers find them here too.
from enabler.services.objections.counts import raised_counts as raised_counts
from enabler.services.objections.counts import raised_objections as raised_objections
from enabler.store import battlecards as card_store
from enabler.store import checklist_items as item_store
from enabler.store import modules as module_store
from enabler.store import objections as store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction

ADDED_BY_REP = "Added by the rep"


def _build(db: sqlite_utils.Database, prospect: Prospect) -> ObjectionChecklist:
    insights = prospect_store.insights(db, prospect.id)
    library = store.list_objections(db)
    known = [c.competitor for c in card_store.list_battlecards(db)]
    known += [o.competitor for o in library if o.competitor]
    in_play = competitors_in_play(prospect, insights, known)
    suggestions = likely_objections(prospect, insights, library, in_play)
    stored = item_store.items(db, prospect.id)
    by_objection = {i.objection.id: i for i in stored if i.objection is not None}
    out: list[ChecklistItem] = []
    for s in suggestions:
        item = by_objection.pop(s.objection.id, None)
        if item is not None:
            out.append(dataclasses.replace(item, reason=s.reason))
        else:
            obj = s.objection
            out.append(
                ChecklistItem(obj.key, obj.text, obj.category, reason=s.reason, objection=obj)
            )
    out += [
        i
        for i in stored
        if not i.custom and i.objection is not None and i.objection.id in by_objection
    ]
    out += [i for i in stored if i.custom]
    return ObjectionChecklist(prospect, tuple(out), in_play)


def checklist(db: sqlite_utils.Database, prospect: Prospect | ProspectRef) -> ObjectionChecklist:
    """The prospect's checklist: stored items plus the objections the rules suggest."""
    return _build(db, prospect_store.resolve(db, prospect))


def _find(
    db: sqlite_utils.Database, cl: ObjectionChecklist, ref: ObjectionRef | CustomItemRef
) -> tuple[ChecklistItem | None, Objection | None]:
    """(stored or suggested item, library objection or None) for an item reference."""
    ref, company = item_ref(ref, ObjectionRef), cl.prospect.company
    if isinstance(ref, CustomItemRef):
        item = item_store.find_item(db, cl.prospect.id, item_id=ref.id)
        if item is None or not item.custom:
            raise NotFound(
                f"{company}'s checklist has no item {str(ref)!r}.",
                hint=Hint(Fix.LOOK_UP, "objections", company),
            )
        return item, None
    objection = store.get_objection(db, ref)
    for item in cl.items:
        if item.objection is not None and item.objection.id == objection.id:
            return item, objection
    return None, objection


def mark(
    db: sqlite_utils.Database,
    prospect: Prospect | ProspectRef,
    ref: ObjectionRef | CustomItemRef,
    state: ObjectionState | str,
    note: str | None = None,
    *,
    expected_version: int | None = None,
    actor: str = "",
    today: dt.date | None = None,
) -> ChecklistItem:
    """Set an item's state (and note, when given; None keeps the current note).

    `expected_version` is the item's version as the caller saw it (0 for a suggested item not
    stored yet). When it no longer matches, raise Conflict: nothing is overwritten. Without it
    the change applies to the latest version.
    """
    state = parse_state(state)
    today = today or dt.date.today()
    with transaction(db):
        cl = _build(db, prospect_store.resolve(db, prospect))
        item, objection = _find(db, cl, ref)
        current = item.version if item else 0
        if expected_version is not None and expected_version != current:
            who = f" by {item.changed_by}" if item and item.changed_by else ""
            now = f"it is now {item.state.value}" if item else "it is no longer stored"
            raise Conflict(
                f"{str(ref)!r} on {cl.prospect.company}'s checklist was changed{who} since you "
                f"opened it ({now}, version {current}). Reload the checklist and mark it "
                "again; nothing was changed."
            )
        raised_stage = cl.prospect.stage if state is not ObjectionState.OPEN else None
        if item is None or item.item_id is None:
            if objection is None:  # custom items are always stored, so never here
                raise NotFound(f"{cl.prospect.company}'s checklist has no item {str(ref)!r}.")
            if objection.state is not ModuleState.APPROVED:
                raise InvalidInput(
                    f"Objection {objection.key!r} is {objection.state.value}, not approved; "
                    "only approved objections go on a checklist; add your own instead.",
                    hint=Hint(Fix.DO_FIRST, "add_objection"),
                )
            item_id = item_store.insert_item(
                db,
                cl.prospect.id,
                objection_id=objection.id,
                state=state,
                note=note or "",
                reason=item.reason if item else ADDED_BY_REP,
                raised_stage=raised_stage,
                actor=actor,
                today=today,
            )
        else:
            item_id = item.item_id
            item_store.update_item(
                db,
                item_id,
                expected_version=current,
                state=state,
                note=note,
                raised_stage=raised_stage,
                actor=actor,
                today=today,
            )
        stored = item_store.get_item(db, cl.prospect.id, item_id)
    reason = item.reason if item else stored.reason
    return dataclasses.replace(stored, reason=reason)


def add_item(
    db: sqlite_utils.Database,
    prospect: Prospect | ProspectRef,
    text: str,
    category: ObjectionCategory | str,
    note: str = "",
    *,
    state: ObjectionState | str = ObjectionState.OPEN,
    actor: str = "",
    today: dt.date | None = None,
) -> ChecklistItem:
    """Add the rep's own objection to the checklist. The text is kept exactly as typed."""
    category, state = parse_category(category), parse_state(state)
    if not text or not text.strip():
        raise InvalidInput("The objection text is empty. Say what the prospect objected to.")
    with transaction(db):
        p = prospect_store.resolve(db, prospect)
        wanted = " ".join(text.split()).casefold()
        for existing in item_store.items(db, p.id):
            if existing.custom and " ".join(existing.text.split()).casefold() == wanted:
                raise Conflict(
                    f"{p.company}'s checklist already has this objection as {existing.ref!r}. "
                    "Mark that item instead."
                )
        item_id = item_store.insert_item(
            db,
            p.id,
            objection_id=None,
            text=text,
            category=category,
            state=state,
            note=note,
            reason=f"{ADDED_BY_REP}{f' ({actor})' if actor else ''}",
            raised_stage=p.stage if state is not ObjectionState.OPEN else None,
            actor=actor,
            today=today or dt.date.today(),
        )
        return item_store.get_item(db, p.id, item_id)


def objection_library(
    db: sqlite_utils.Database, state: ModuleState | None = None
) -> list[Objection]:
    """The objection library (all states unless one is given), in library order."""
    return store.list_objections(db, state)


def set_objection_state(
    db: sqlite_utils.Database,
    ref: ObjectionRef | int,
    state: ModuleState | str,
    actor: str = "",
) -> Objection:
    """Move a library objection to draft / in review / approved / retired (audited)."""
    try:
        state = ModuleState(str(state).strip().casefold())
    except ValueError:
        allowed = ", ".join(m.value for m in ModuleState)
        raise InvalidInput(f"{state!r} is not a library state; use one of: {allowed}.") from None
    with transaction(db):
        return store.set_objection_state(db, ref, state, actor)


def battlecard(db: sqlite_utils.Database, competitor: str) -> Battlecard:
    """ "How are we different from X": the competitor's battlecard."""
    if not competitor or not competitor.strip():
        raise InvalidInput("Name a competitor.", hint=Hint(Fix.GIVE, "competitor"))
    return card_store.get_battlecard(db, competitor)


def battlecards_in_play(db: sqlite_utils.Database, cl: ObjectionChecklist) -> list[Battlecard]:
    """Approved battlecards for the competitors in play for the checklist's prospect."""
    wanted = {c.casefold() for c in cl.competitors}
    return [
        c
        for c in card_store.list_battlecards(db, ModuleState.APPROVED)
        if c.competitor.casefold() in wanted
    ]


def proof_titles(db: sqlite_utils.Database, keys) -> list[dict]:
    """{key, title} for the proof modules that exist; templated titles show their key."""
    out = []
    for key in keys:
        if not module_store.module_exists(db, key):
            continue
        title = module_store.get_module(db, key).title
        out.append({"key": key, "title": key if "{{" in title or "{%" in title else title})
    return out


def leave_behind_objections(
    db: sqlite_utils.Database, prospect: Prospect | ProspectRef, group: str = "heard"
) -> list[dict] | None:
    """Approved answers for the leave-behind, by the rule the deck follows (`buyer_facing`):
    `group` "heard" (raised or answered) or "anticipated" (likely, not raised); parked never.
    None when there are none.

    Customer-facing: no rep notes, no question-back lines, no unapproved custom items.
    """
    heard, anticipated = buyer_facing(checklist(db, prospect))
    out = []
    for item in heard if group == "heard" else anticipated:
        obj = item.objection
        if obj is None:  # buyer_facing keeps library objections only
            continue
        out.append(
            {
                "objection": obj.text,
                "category": obj.category.label,
                "acknowledge": obj.answer.acknowledge,
                "answer": obj.answer.reframe,
                "proof": obj.answer.proof,
                "proof_modules": proof_titles(db, obj.proof_modules),
            }
        )
    return out or None
