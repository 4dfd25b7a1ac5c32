"""Criteria checklists: the use cases the CLI and the app share (the action plan's are in
`enabler.services.worksheets.action_plans`).

Every function takes the library and returns plain dataclasses, so a window can call it off the
GUI thread. Changing an item takes its `version` as the caller last saw it (0 for a suggested
item not stored yet): if someone else changed the item since, the call raises Conflict and
changes nothing. Bad input raises FieldErrors naming every bad field; nothing is saved.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import sqlite_utils

from enabler.domain.criteria import (
    DEFAULT_WEIGHT,
    CriteriaChecklist,
    Criterion,
    CriterionItem,
    CriterionStatus,
    parse_status,
    parse_weight,
    prefill,
)
from enabler.domain.field_errors import FieldCheck
from enabler.domain.modules import ModuleState
from enabler.domain.prospects import Prospect
from enabler.domain.refs import CriterionRef, CustomItemRef, ProspectRef, item_ref
from enabler.errors import Conflict, Fix, Hint, InvalidInput, NotFound
from enabler.store import criteria as store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction

ADDED_BY_REP = "Added by the rep"


def criteria_library(
    db: sqlite_utils.Database, state: ModuleState | None = ModuleState.APPROVED
) -> list[Criterion]:
    """The criteria library (approved entries unless told otherwise), in library order."""
    return store.list_criteria(db, state)


def _build(db: sqlite_utils.Database, prospect: Prospect) -> CriteriaChecklist:
    committee = prospect_store.contacts(db, prospect.id)
    suggestions = prefill(prospect, committee, store.list_criteria(db, ModuleState.APPROVED))
    stored = store.items(db, prospect.id)
    by_criterion = {
        i.criterion.id: (i, dropped)
        for i, dropped in stored
        if not i.custom and i.criterion is not None
    }
    out: list[CriterionItem] = []
    for s in suggestions:
        found = by_criterion.pop(s.criterion.id, None)
        if found is None:
            c = s.criterion
            out.append(CriterionItem(c.key, c.name, s.weight, reason=s.reason, criterion=c))
        elif not found[1]:
            out.append(dataclasses.replace(found[0], reason=s.reason))
    out += [item for item, dropped in by_criterion.values() if not dropped]
    out += [item for item, dropped in stored if item.custom and not dropped]
    return CriteriaChecklist(prospect, tuple(out))


def criteria_checklist(
    db: sqlite_utils.Database, prospect: Prospect | ProspectRef
) -> CriteriaChecklist:
    """The prospect's checklist: stored items plus the criteria the rules suggest."""
    return _build(db, prospect_store.resolve(db, prospect))


def _find(
    db, cl: CriteriaChecklist, ref: CriterionRef | CustomItemRef
) -> tuple[CriterionItem | None, Criterion | None, bool]:
    """(item, library criterion or None, whether the item is on the checklist) for a ref.

    The item is the checklist's (stored or suggested), a stored but dropped one, or None.
    """
    ref, company = item_ref(ref, CriterionRef), cl.prospect.company
    if isinstance(ref, CustomItemRef):
        found = store.find_item(db, cl.prospect.id, item_id=ref.id)
        if found is None or not found[0].custom:
            raise NotFound(
                f"{company}'s criteria have no item {str(ref)!r}.",
                hint=Hint(Fix.LOOK_UP, "criteria", company),
            )
        return found[0], None, not found[1]
    crit = store.get_criterion(db, ref)
    for item in cl.items:
        if item.criterion is not None and item.criterion.id == crit.id:
            return item, crit, True
    found = store.find_item(db, cl.prospect.id, criterion_id=crit.id)
    return (found[0] if found else None), crit, False


def _check_version(
    ref: CriterionRef | CustomItemRef, cl: CriteriaChecklist, item, expected: int | None
) -> int:
    current = item.version if item else 0
    if expected is not None and expected != current:
        who = f" by {item.changed_by}" if item and item.changed_by else ""
        raise Conflict(
            f"{str(ref)!r} on {cl.prospect.company}'s criteria was changed{who} since you opened "
            f"it (version {current}). Reload the checklist and try again; nothing was changed."
        )
    return current


def _values(check: FieldCheck, status, weight, **texts) -> dict:
    """Parsed item fields, with per-field errors collected in `check`."""
    values: dict = {}
    if status is not None and (parsed := check.parse("status", parse_status, status)):
        values["status"] = parsed.value
    if weight is not None and (number := check.parse("weight", parse_weight, weight)):
        values["weight"] = number
    values.update({k: str(v) for k, v in texts.items() if v is not None})
    return values


def _save(db, cl, item, crit, values, *, current, reason, actor, today) -> int:
    """Insert or update the item; returns its id. Runs inside the caller's transaction."""
    if item is not None and item.item_id is not None:
        if not store.update_item(
            db, item.item_id, expected_version=current, changes=values, actor=actor, today=today
        ):
            raise Conflict(
                f"{item.ref!r} was changed by someone else just now. Reload and try again; "
                "nothing was changed."
            )
        return item.item_id
    if crit.state is not ModuleState.APPROVED:
        raise InvalidInput(
            f"Criterion {crit.key!r} is {crit.state.value}, not approved; only approved criteria "
            "go on a checklist; add your own instead.",
            hint=Hint(Fix.DO_FIRST, "add_criterion"),
        )
    values.setdefault("weight", item.weight if item else crit.weight)
    return store.insert_item(
        db,
        cl.prospect.id,
        criterion_id=crit.id,
        values=values,
        reason=reason,
        actor=actor,
        today=today,
    )


def _stored(db: sqlite_utils.Database, prospect: Prospect, item_id: int) -> CriterionItem:
    found = store.find_item(db, prospect.id, item_id=item_id)
    if found is None:  # only if the row vanished inside our own transaction
        raise NotFound(f"{prospect.company}'s criteria have no item {item_id}.")
    return found[0]


def mark_criterion(
    db: sqlite_utils.Database,
    prospect: Prospect | ProspectRef,
    ref: CriterionRef | CustomItemRef,
    *,
    status: CriterionStatus | str | None = None,
    weight: int | str | None = None,
    wording: str | None = None,
    evidence: str | None = None,
    note: str | None = None,
    expected_version: int | None = None,
    actor: str = "",
    today: dt.date | None = None,
) -> CriterionItem:
    """Record how we stand on a criterion; None leaves a field as it is."""
    check = FieldCheck()
    values = _values(check, status, weight, wording=wording, evidence=evidence, note=note)
    check.done(f"Cannot update {str(ref)!r}")
    if not values:
        raise InvalidInput(
            "Nothing to change: give a status, weight, the buyer's wording, evidence or a note."
        )
    today = today or dt.date.today()
    with transaction(db):
        cl = _build(db, prospect_store.resolve(db, prospect))
        item, crit, _ = _find(db, cl, ref)
        current = _check_version(ref, cl, item, expected_version)
        values["dropped"] = 0  # marking a dropped item puts it back on the checklist
        reason = (item.reason if item else "") or ADDED_BY_REP
        item_id = _save(
            db, cl, item, crit, values, current=current, reason=reason, actor=actor, today=today
        )
        saved = _stored(db, cl.prospect, item_id)
    return dataclasses.replace(saved, reason=item.reason if item and item.reason else saved.reason)


def add_criterion(
    db: sqlite_utils.Database,
    prospect: Prospect | ProspectRef,
    *,
    key: str | None = None,
    name: str | None = None,
    wording: str = "",
    weight: int | str | None = None,
    status: CriterionStatus | str = CriterionStatus.UNKNOWN,
    evidence: str = "",
    note: str = "",
    actor: str = "",
    today: dt.date | None = None,
) -> CriterionItem:
    """Put a library criterion (`key`) or the rep's own (`name`) on the checklist."""
    check = FieldCheck()
    if bool(key and key.strip()) == bool(name and name.strip()):
        check.fail("criterion", "name either a library criterion (key) or your own (name)")
    values = _values(check, status, weight, wording=wording, evidence=evidence, note=note)
    check.done("Cannot add the criterion")
    today = today or dt.date.today()
    with transaction(db):
        cl = _build(db, prospect_store.resolve(db, prospect))
        if key:
            item, crit, on_list = _find(db, cl, CriterionRef.of(key))
            if on_list and item is not None and item.version > 0:
                raise Conflict(
                    f"{cl.prospect.company}'s criteria already include {item.ref!r}; change its "
                    "mark instead.",
                    hint=Hint(Fix.DO_FIRST, "mark_criterion"),
                )
            values["dropped"] = 0
            current = item.version if item else 0
            item_id = _save(
                db,
                cl,
                item,
                crit,
                values,
                current=current,
                reason=ADDED_BY_REP,
                actor=actor,
                today=today,
            )
        else:
            own = name or ""  # checked above: a name when there is no key
            wanted = " ".join(own.split()).casefold()
            for existing in cl.items:
                if existing.custom and " ".join(existing.name.split()).casefold() == wanted:
                    raise Conflict(
                        f"{cl.prospect.company}'s criteria already have {name!r} as "
                        f"{existing.ref!r}; change that one instead."
                    )
            values.setdefault("weight", DEFAULT_WEIGHT)
            item_id = store.insert_item(
                db,
                cl.prospect.id,
                criterion_id=None,
                name=own.strip(),
                values=values,
                reason=f"{ADDED_BY_REP}{f' ({actor})' if actor else ''}",
                actor=actor,
                today=today,
            )
        return _stored(db, cl.prospect, item_id)


def drop_criterion(
    db: sqlite_utils.Database,
    prospect: Prospect | ProspectRef,
    ref: CriterionRef | CustomItemRef,
    *,
    expected_version: int | None = None,
    actor: str = "",
    today: dt.date | None = None,
) -> CriterionItem:
    """Take a criterion off the checklist; it is kept (and not suggested again) so no note is
    lost, and marking or adding it again brings it back."""
    today = today or dt.date.today()
    with transaction(db):
        cl = _build(db, prospect_store.resolve(db, prospect))
        item, crit, on_list = _find(db, cl, ref)
        if not on_list or item is None:
            raise NotFound(f"{str(ref)!r} is not on {cl.prospect.company}'s criteria checklist.")
        current = _check_version(ref, cl, item, expected_version)
        item_id = _save(
            db,
            cl,
            item,
            crit,
            {"dropped": 1},
            current=current,
            reason=item.reason,
            actor=actor,
            today=today,
        )
        return _stored(db, cl.prospect, item_id)
