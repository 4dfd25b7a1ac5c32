"""Mutual action plans and marketing's plan templates: use cases the CLI and the app share.

Every function returns plain dataclasses (an `ActionPlan` as of a given day, so overdue steps and
the next step are worked out for the caller). Changing a step takes its `version` as the caller
last saw it; a stale version raises Conflict. Bad input raises FieldErrors naming every bad
field, and a step may never be due before the step before it; nothing is saved half-valid.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import sqlite_utils

from enabler.domain.action_plan import (
    ActionPlan,
    DealSize,
    PlanStep,
    PlanTemplate,
    StepDraft,
    StepStatus,
    deal_size_for,
    order_problems,
    parse_deal_size,
    parse_step_status,
    steps_from_template,
)
from enabler.domain.field_errors import FieldCheck, FieldErrors, parse_iso_date
from enabler.domain.prospects import Prospect
from enabler.domain.refs import ProspectRef
from enabler.errors import Conflict, Fix, Hint, InvalidInput, NotFound
from enabler.store import action_plans as store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction


def action_plan(
    db: sqlite_utils.Database,
    prospect: Prospect | ProspectRef,
    today: dt.date | str | None = None,
) -> ActionPlan:
    """The prospect's plan as of `today` (default: the real today), which decides what is
    overdue."""
    check = FieldCheck()
    as_of = check.parse("today", lambda v: parse_iso_date(v, "today"), today)
    check.done("Cannot show the plan")
    p = prospect_store.resolve(db, prospect)
    steps = tuple(store.steps(db, p.id))
    return ActionPlan(p, steps, as_of or dt.date.today(), store.plan_template(db, p.id))


def plan_templates(db: sqlite_utils.Database) -> list[PlanTemplate]:
    return store.list_templates(db)


def _positive(value: object) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or int(text) < 1:
        raise InvalidInput(f"position {value!r} is not a step number (1 is the first step)")
    return int(text)


def _check_order(drafts: list[StepDraft], what: str) -> None:
    problems = order_problems(drafts)
    if problems:
        raise FieldErrors({"due": "; ".join(problems.values())}, what)


def save_step(
    db: sqlite_utils.Database,
    prospect: Prospect | ProspectRef,
    number: int | None = None,
    *,
    name: str | None = None,
    our_owner: str | None = None,
    their_owner: str | None = None,
    due: dt.date | str | None = None,
    status: StepStatus | str | None = None,
    notes: str | None = None,
    position: int | str | None = None,
    expected_version: int | None = None,
    actor: str = "",
    today: dt.date | None = None,
) -> ActionPlan:
    """Add a step (no `number`) or change step `number`; None leaves a field as it is.

    `position` moves the step (1 = first); a new step goes last unless told otherwise. An empty
    `due` ("") clears the date.
    """
    check = FieldCheck()
    changes: dict = {}
    if name is not None:
        if not name.strip():
            check.fail("name", "name is empty (say what the step is, e.g. Security review)")
        changes["name"] = name.strip()
    elif number is None:
        check.fail("name", "a new step needs a name, e.g. Security review")
    if due is not None:
        changes["due"] = check.parse("due", lambda v: parse_iso_date(v, "due date"), due)
    if status is not None:
        changes["status"] = check.parse("status", parse_step_status, status)
    if position is not None:
        position = check.parse("position", _positive, position)
    texts = {"our_owner": our_owner, "their_owner": their_owner, "notes": notes}
    changes |= {k: v for k, v in texts.items() if v is not None}
    what = f"Cannot save step {number}" if number else "Cannot add the step"
    check.done(what)
    today = today or dt.date.today()
    with transaction(db):
        p = prospect_store.resolve(db, prospect)
        steps = store.steps(db, p.id)
        if number is None:
            step, index = None, len(steps)
            draft = StepDraft(**changes)
        else:
            step = _step(p, steps, number)
            _check_version(p, step, expected_version)
            index = step.number - 1
            draft = dataclasses.replace(step.draft(), **changes)
        order: list = [s for s in steps if s is not step]
        index = min(position - 1, len(order)) if position else index
        order.insert(index, step or draft)
        _check_order([draft if s is (step or draft) else s.draft() for s in order], what)
        new_id: int | None
        if step is None:
            new_id = store.insert_step(db, p.id, index + 1, draft, actor, today)
        else:
            new_id = step.step_id
            saved = store.update_step(
                db, step, draft, expected_version=step.version, actor=actor, today=today
            )
            if not saved:
                raise Conflict(f"Step {number} was changed by someone else just now; reload.")
        ids = [new_id if s is (step or draft) else s.step_id for s in order]
        store.renumber(db, [i for i in ids if i is not None])  # stored steps all have ids
    return action_plan(db, p, today)


def _step(p: Prospect, steps: list[PlanStep], number: int) -> PlanStep:
    if not 1 <= int(number) <= len(steps):
        count = f"steps 1 to {len(steps)}" if steps else "no steps yet"
        raise NotFound(
            f"{p.company}'s plan has no step {number} ({count}).",
            hint=Hint(Fix.LOOK_UP, "plan", p.company),
        )
    return steps[int(number) - 1]


def _check_version(p: Prospect, step: PlanStep, expected: int | None) -> None:
    if expected is not None and expected != step.version:
        who = f" by {step.changed_by}" if step.changed_by else ""
        raise Conflict(
            f"Step {step.number} {step.name!r} of {p.company}'s plan was changed{who} since you "
            f"opened it (version {step.version}). Reload the plan and try again; nothing was "
            "changed."
        )


def remove_step(
    db: sqlite_utils.Database,
    prospect: Prospect | ProspectRef,
    number: int,
    *,
    expected_version: int | None = None,
    actor: str = "",
    today: dt.date | None = None,
) -> ActionPlan:
    """Delete step `number`; the steps after it move up."""
    with transaction(db):
        p = prospect_store.resolve(db, prospect)
        steps = store.steps(db, p.id)
        step = _step(p, steps, number)
        _check_version(p, step, expected_version)
        store.delete_step(db, step, actor)
        store.renumber(db, [s.step_id for s in steps if s is not step and s.step_id is not None])
    return action_plan(db, p, today)


def apply_template(
    db: sqlite_utils.Database,
    prospect: Prospect | ProspectRef,
    size: DealSize | str | None = None,
    *,
    start: dt.date | str | None = None,
    replace: bool = False,
    actor: str = "",
    today: dt.date | None = None,
) -> ActionPlan:
    """Fill the plan from marketing's template for the deal size (from the prospect's deal
    amount when not given), dated from `start` (default today)."""
    check = FieldCheck()
    parsed = check.parse("size", parse_deal_size, size) if size is not None else None
    begin = check.parse("start", lambda v: parse_iso_date(v, "start date"), start)
    check.done("Cannot apply the template")
    today = today or dt.date.today()
    with transaction(db):
        p = prospect_store.resolve(db, prospect)
        parsed = parsed or deal_size_for(p.deal_amount)
        if parsed is None:
            raise InvalidInput(
                f"{p.company} has no deal amount, so its deal size (small, mid or large) is "
                "unknown.",
                hint=Hint(Fix.GIVE, "size"),
            )
        if store.has_steps(db, p.id):
            if not replace:
                raise Conflict(
                    f"{p.company} already has a plan; replacing it starts over from the "
                    f"{parsed.value} template (the current steps stay in the audit log).",
                    hint=Hint(Fix.CONFIRM, "replace"),
                )
            store.delete_steps(db, p.id, actor)
        template = store.get_template(db, parsed)
        committee = prospect_store.contacts(db, p.id)
        drafts = steps_from_template(template, begin or today, p.owner_rep, committee)
        for n, draft in enumerate(drafts, start=1):
            store.insert_step(db, p.id, n, draft, actor, today)
        store.set_plan_template(db, p.id, parsed, actor)
    return action_plan(db, p, today)


def save_template(db: sqlite_utils.Database, template: PlanTemplate, actor: str = "") -> None:
    """Marketing adds or replaces the template for a deal size."""
    check = FieldCheck()
    if not template.steps:
        check.fail("steps", "a template needs at least one step")
    for n, step in enumerate(template.steps, start=1):
        if not step.name.strip():
            check.fail(f"steps[{n}].name", f"step {n} has no name")
    drafts = steps_from_template(template, dt.date(2000, 1, 1))
    for n, message in order_problems(drafts).items():
        check.fail(f"steps[{n + 1}].offset_days", message)
    check.done(f"Cannot save the {template.size.value} template")
    with transaction(db):
        store.put_template(db, template, actor)
