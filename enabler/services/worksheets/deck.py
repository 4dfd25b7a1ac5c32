"""Worksheets in decks and leave-behinds: plain-dict views of the criteria checklist and the
action plan, the template context the generated slides read, and the plan adjuster that adds
those slides for decision-stage prospects with a worksheet.

Registered in `enabler.services.deck.build`: `deck_context` as a context provider, `adjust_plan` as
a
plan adjuster. The dicts are also what `enabler criteria --json` and `enabler plan --json` print.
"""

from __future__ import annotations

import dataclasses

import sqlite_utils

from enabler.domain.action_plan import ActionPlan, PlanStep, PlanTemplate
from enabler.domain.criteria import CriteriaChecklist, Criterion, CriterionItem, CriterionStatus
from enabler.domain.deck.plan import DeckPlan
from enabler.domain.modules import Module, ModuleState, SmartLayout, Stage
from enabler.domain.preflight import Check, Finding, Severity
from enabler.domain.prospects import Prospect
from enabler.domain.refs import ProspectRef
from enabler.render.text import xml_safe
from enabler.services.worksheets.action_plans import action_plan
from enabler.services.worksheets.criteria import criteria_checklist
from enabler.store import action_plans as plan_store
from enabler.store import criteria as criteria_store
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store

GENERATED = (SmartLayout.CRITERIA, SmartLayout.PATH_TO_DECISION)


def _clean(value):
    """Text safe for slide XML (notes and evidence come from anyone's clipboard)."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def criterion_to_dict(c: Criterion) -> dict:
    """A library criterion: how we meet it, the proof and the known gaps."""
    return {
        "key": c.key,
        "name": c.name,
        "question": c.question,
        "industries": list(c.industries),
        "personas": list(c.personas),
        "weight": c.weight,
        "how_we_meet": c.how_we_meet,
        "proof_modules": list(c.proof.modules),
        "case_studies": list(c.proof.case_studies),
        "certifications": list(c.proof.certifications),
        "known_gaps": [dataclasses.asdict(g) for g in c.gaps],
        "owner": c.owner,
        "review_by": c.review_by,
    }


def template_to_dict(t: PlanTemplate) -> dict:
    return {
        "size": t.size.value,
        "label": t.label or t.size.label,
        "owner": t.owner,
        "steps": [dataclasses.asdict(s) for s in t.steps],
    }


def item_to_dict(item: CriterionItem) -> dict:
    crit = item.criterion
    return {
        "ref": item.ref,
        "name": item.name,
        "label": item.label,
        "wording": item.wording,
        "weight": item.weight,
        "status": item.status.value,
        "status_label": item.status.label,
        "evidence": item.evidence,
        "note": item.note,
        "reason": item.reason,
        "custom": item.custom,
        "stored": item.version > 0,
        "version": item.version,
        "changed_on": item.changed_on,
        "changed_by": item.changed_by,
        "how_we_meet": crit.how_we_meet if crit else "",
        "proof_modules": list(crit.proof.modules) if crit else [],
        "case_studies": list(crit.proof.case_studies) if crit else [],
        "certifications": list(crit.proof.certifications) if crit else [],
        "known_gaps": [dataclasses.asdict(g) for g in crit.gaps] if crit else [],
    }


def checklist_to_dict(cl: CriteriaChecklist) -> dict:
    """The checklist, weak spots first, with its weighted fit."""
    fit = cl.fit
    return {
        "prospect": cl.prospect.company,
        "fit_percent": fit.percent,
        "fit_label": fit.label,
        "counts": {s.value: fit.counts[s] for s in CriterionStatus},
        "stored": cl.stored,
        "weak_spots": [i.ref for i in cl.weak_spots],
        "items": [item_to_dict(i) for i in cl.ordered()],
    }


def step_to_dict(step: PlanStep, plan: ActionPlan) -> dict:
    nxt = plan.next_step
    return {
        "number": step.number,
        "name": step.name,
        "our_owner": step.our_owner,
        "their_owner": step.their_owner,
        "due": step.due,
        "status": step.status.value,
        "status_label": step.status.label,
        "overdue": step.is_overdue(plan.today),
        "days_overdue": step.days_overdue(plan.today),
        "next": nxt is not None and nxt.number == step.number,
        "notes": step.notes,
        "version": step.version,
        "changed_on": step.changed_on,
        "changed_by": step.changed_by,
    }


def plan_to_dict(plan: ActionPlan) -> dict:
    nxt = plan.next_step
    return {
        "prospect": plan.prospect.company,
        "today": plan.today,
        "template": plan.template.value if plan.template else None,
        "next_step": nxt.name if nxt else None,
        "next_step_date": plan.next_step_date,
        "end_date": plan.end_date,
        "done": plan.done_count,
        "total": len(plan.steps),
        "overdue": [s.number for s in plan.overdue],
        "steps": [step_to_dict(s, plan) for s in plan.steps],
    }


def deck_context(db: sqlite_utils.Database, plan: DeckPlan) -> dict:
    """Context provider: `criteria` and `action_plan` for slides (as of the deck's date)."""
    cl = criteria_checklist(db, plan.prospect)
    return _clean(
        {
            "criteria": checklist_to_dict(cl),
            "action_plan": plan_to_dict(action_plan(db, plan.prospect, plan.date))
            | {"show_status": plan.show_status},
        }
    )


# Why `adjust_plan` adds each slide, for the rep ({company} is the prospect's name).
WHY_ADDED = {
    SmartLayout.CRITERIA: "{company} is deciding and has evaluation criteria",
    SmartLayout.PATH_TO_DECISION: "{company} is deciding and has a mutual action plan",
}


def has_worksheet(db: sqlite_utils.Database, prospect: Prospect) -> dict[SmartLayout, bool]:
    """Which worksheet slides the prospect has data for."""
    return {
        SmartLayout.CRITERIA: criteria_store.has_items(db, prospect.id),
        SmartLayout.PATH_TO_DECISION: plan_store.has_steps(db, prospect.id),
    }


def _generated_modules(db: sqlite_utils.Database) -> dict[SmartLayout, Module]:
    """The first approved decision-stage module of each worksheet layout, in library order."""
    found: dict[SmartLayout, Module] = {}
    for module in module_store.list_modules(db, ModuleState.APPROVED):
        if module.current_version_id is None or Stage.DECISION not in module.stages:
            continue
        content = module_store.current_version(db, module).content
        if content is not None and content.layout in GENERATED:
            found.setdefault(content.layout, module)
    return found


def adjust_plan(
    db: sqlite_utils.Database, prospect: Prospect, modules: list[Module]
) -> list[Module]:
    """Plan adjuster: the criteria and path-to-decision slides, just before the closing
    modules, for a decision-stage prospect that has a worksheet; dropped otherwise, so a build
    never fails or shows an empty slide."""
    generated = _generated_modules(db)
    ids = {m.id for m in generated.values()}
    kept = [m for m in modules if m.id not in ids]
    if prospect.stage is not Stage.DECISION or not generated:
        return kept
    wanted = has_worksheet(db, prospect)
    add = [
        generated[layout]
        for layout in GENERATED
        if layout in generated
        and wanted[layout]
        and generated[layout].fits_industry(prospect.industry)
    ]
    closing = next((n for n, m in enumerate(kept) if m.is_closing), len(kept))
    return kept[:closing] + add + kept[closing:]


def past_due_findings(db: sqlite_utils.Database, plan: DeckPlan) -> tuple[Finding, ...]:
    """A path-to-decision slide showing steps past their due date and not done: the slide
    keeps their dates as planned (status stays off a buyer's slide unless asked for), so the
    rep hears it before the buyer reads last month's date as the next step."""
    shows_plan = any(
        p.version.content is not None and p.version.content.layout is SmartLayout.PATH_TO_DECISION
        for p in plan.modules
    )
    if not shows_plan:
        return ()
    late = action_plan(db, plan.prospect, plan.date).overdue
    if not late:
        return ()
    first = late[0]
    due = first.due.strftime("%d %b %Y").lstrip("0") if first.due else ""
    others = f" and {len(late) - 1} more" if len(late) > 1 else ""
    return (
        Finding(
            Severity.WARNING,
            Check.PAST_DUE_STEPS,
            f"The path to decision shows {len(late)} step(s) past their due date and not done "
            f"(step {first.number} “{first.name}”, due {due}{others}): update the mutual action "
            "plan's dates or statuses before presenting.",
        ),
    )


# --- leave-behind ------------------------------------------------------------------------
# Plain text, shaped like the leave-behind's sections (title, intro, a table whose first row is
# the header, notes), so a section provider there can pass them straight through.


def _long_date(value) -> str:
    return value.strftime("%d %B %Y").lstrip("0") if value else ""


def leave_behind_criteria(
    db: sqlite_utils.Database, prospect: Prospect | ProspectRef
) -> dict | None:
    """The buyer's criteria and where we stand, heaviest weight first; None without a worksheet.

    Customer-facing: the buyer's wording, weight, status and our evidence (or how we meet it);
    no rep notes, pre-fill reasons or fit arithmetic beyond the headline.
    """
    p = prospect_store.resolve(db, prospect)
    if not criteria_store.has_items(db, p.id):
        return None
    cl = criteria_checklist(db, p)
    rows = [
        [
            i.label,
            str(i.weight),
            i.status.label,
            i.evidence or (i.criterion.how_we_meet if i.criterion else ""),
        ]
        for i in sorted(cl.items, key=lambda i: -i.weight)
    ]
    return {
        "title": "Your evaluation criteria",
        "intro": f"How we stand on each criterion your team set, heaviest first: {cl.fit.label}.",
        "table": [["Criterion", "Weight", "Where we stand", "Evidence"], *rows],
        "notes": [
            "Weight runs from 1 (nice to have) to 5 (must have). The weighted fit counts a "
            "criterion met in full, a partly met one as half, and a gap or one not yet "
            "assessed as nothing."
        ],
    }


def leave_behind_plan(db: sqlite_utils.Database, prospect: Prospect | ProspectRef) -> dict | None:
    """The agreed steps to a decision with owners and dates; None when there is no plan."""
    plan = action_plan(db, prospect)
    if not plan.steps:
        return None
    rows = []
    for s in plan.steps:  # buyer-facing: the status as agreed, no internal "overdue"
        rows.append(
            [str(s.number), s.name, s.our_owner, s.their_owner, _long_date(s.due), s.status.label]
        )
    nxt = plan.next_step
    intro = "The steps to a decision we agreed together, with an owner on each side."
    if nxt is not None:
        upcoming = nxt.due is not None and nxt.due >= plan.today
        when = f" on {_long_date(nxt.due)}" if upcoming else ""
        intro += f" Next: {nxt.name}{when}."
    return {
        "title": "Path to decision",
        "intro": intro,
        "table": [["#", "Step", "Our owner", "Your owner", "Due", "Status"], *rows],
        "notes": [],
    }


def leave_behind_sections(db: sqlite_utils.Database, prospect: Prospect | ProspectRef) -> dict:
    """{"criteria": …, "action_plan": …}, leaving out a section the prospect has no data for."""
    sections = {
        "criteria": leave_behind_criteria(db, prospect),
        "action_plan": leave_behind_plan(db, prospect),
    }
    return {k: v for k, v in sections.items() if v is not None}
