"""Demo criteria library, plan templates and two filled worksheets from assets/demo/criteria.json.

Registered in `enabler.services.demo.library.EXTRA_LOADERS`; runs inside the demo transaction and is
idempotent: criteria and templates already there are left alone, and a prospect that already
has criteria items or plan steps keeps them. Worksheets go through the same services as a rep's
input, so the demo data obeys the same rules (weights, states, step order).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import sqlite_utils

from enabler.domain.action_plan import DealSize, PlanTemplate, TemplateStep
from enabler.domain.criteria import Criterion, KnownGap, Proof, parse_weight
from enabler.domain.modules import ModuleState
from enabler.domain.refs import ProspectRef
from enabler.errors import InvalidInput
from enabler.services.worksheets import action_plans as plan_service
from enabler.services.worksheets import criteria as criteria_service
from enabler.store import action_plans as plan_store
from enabler.store import criteria as criteria_store
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store

DEMO_FILE = "criteria.json"
DEMO_ACTOR = "demo"


def criterion_from_dict(data: dict) -> Criterion:
    """An approved library criterion from its JSON form."""
    proof = data.get("proof", {})
    return Criterion(
        id=0,
        key=data["key"],
        name=data["name"],
        question=data.get("question", ""),
        industries=tuple(data.get("industries", ())),
        personas=tuple(data.get("personas", ())),
        how_we_meet=data.get("how_we_meet", ""),
        proof=Proof(
            tuple(proof.get("modules", ())),
            tuple(proof.get("case_studies", ())),
            tuple(proof.get("certifications", ())),
        ),
        gaps=tuple(KnownGap(g["gap"], g["answer"]) for g in data.get("gaps", ())),
        weight=parse_weight(data.get("weight", 3)),
        owner=data.get("owner", ""),
        state=ModuleState.APPROVED,
        review_by=dt.date.fromisoformat(data["review_by"]) if data.get("review_by") else None,
    )


def template_from_dict(data: dict) -> PlanTemplate:
    return PlanTemplate(
        size=DealSize(data["size"]),
        steps=tuple(TemplateStep(**s) for s in data["steps"]),
        label=data.get("label", ""),
        owner=data.get("owner", ""),
    )


def load_worksheet_demo(db: sqlite_utils.Database, folder: Path) -> None:
    """Add the demo criteria library, plan templates and worksheets (idempotent)."""
    path = folder / DEMO_FILE
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        for item in data.get("criteria", ()):
            if criteria_store.criterion_exists(db, item["key"]):
                continue
            crit = criterion_from_dict(item)
            missing = [k for k in crit.proof.modules if not module_store.module_exists(db, k)]
            if missing:
                raise InvalidInput(f"criterion {crit.key!r} links to unknown modules {missing}")
            criteria_store.create_criterion(db, crit, actor=DEMO_ACTOR)
        for item in data.get("plan_templates", ()):
            template = template_from_dict(item)
            if not plan_store.template_exists(db, template.size):
                plan_service.save_template(db, template, actor=template.owner or DEMO_ACTOR)
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInput(f"{path} is malformed ({exc}). Restore it from the project.") from exc
    for sheet in data.get("worksheets", ()):
        if prospect_store.exists(db, sheet["prospect"]):
            _load_worksheet(db, sheet)


def _load_worksheet(db: sqlite_utils.Database, sheet: dict) -> None:
    prospect = prospect_store.find(db, ProspectRef.by_name(sheet["prospect"]))
    today = dt.date.fromisoformat(sheet["today"]) if sheet.get("today") else None
    actor = prospect.owner_rep or DEMO_ACTOR
    if not criteria_store.items(db, prospect.id):
        for item in sheet.get("criteria", ()):
            criteria_service.add_criterion(
                db,
                prospect,
                key=item.get("criterion"),
                name=item.get("name"),
                wording=item.get("wording", ""),
                weight=item.get("weight"),
                status=item.get("status", "unknown"),
                evidence=item.get("evidence", ""),
                note=item.get("note", ""),
                actor=actor,
                today=today,
            )
    plan = sheet.get("plan") or {}
    if plan.get("steps") and not plan_store.has_steps(db, prospect.id):
        for step in plan["steps"]:
            plan_service.save_step(db, prospect, actor=actor, today=today, **step)
        if plan.get("template"):
            plan_store.set_plan_template(db, prospect.id, DealSize(plan["template"]), actor)
