"""Marketing's library beyond modules, for pack and channel tests: one or more of every kind
a release carries, plus a draft and a pending item that must not travel."""

from __future__ import annotations

import datetime as dt

from enabler.domain.action_plan import DealSize, PlanTemplate, TemplateStep
from enabler.domain.battlecards import Battlecard, Differentiator, Pitch
from enabler.domain.criteria import Criterion, KnownGap, Proof
from enabler.domain.modules import ModuleState, Stage
from enabler.domain.objections import Answer, Objection, ObjectionCategory
from enabler.domain.prospects import Insight, InsightKind, Prospect, ReviewState
from enabler.domain.roi.model import RoiPreset
from enabler.domain.roi.parse import parse_model
from enabler.errors import NotFound
from enabler.services import insights, recommend
from enabler.services.objections import checklists
from enabler.services.roi import business_case
from enabler.services.worksheets import action_plans, criteria
from enabler.store import battlecards as card_store
from enabler.store import criteria as criteria_store
from enabler.store import insights as insight_store
from enabler.store import objections as objection_store
from enabler.store import prospects as prospect_store
from enabler.store import roi as roi_store
from enabler.store.connection.db import transaction

MODEL = {
    "horizon_years": 3,
    "discount_rate": 10,
    "benefits": [{"name": "Intake labour", "kind": "cost_saving", "amount": 600000}],
    "costs": [{"name": "Subscription", "kind": "recurring", "amount": 150000}],
}


def objection(key: str, text: str, state=ModuleState.APPROVED, owner="Lena Brandt") -> Objection:
    return Objection(
        id=0,
        key=key,
        text=text,
        category=ObjectionCategory.PRICE,
        answer=Answer("Fair question", "Look at the cost of delay", "Acme paid back in 7 months"),
        stages=(Stage.DECISION,),
        industries=("Healthcare",),
        keywords=("budget", "expensive"),
        proof_modules=("proof",),
        owner=owner,
        state=state,
        review_by=dt.date(2027, 6, 30),
    )


def criterion(key: str, name: str, weight: int = 4, owner="Lena Brandt") -> Criterion:
    return Criterion(
        id=0,
        key=key,
        name=name,
        question="How do you keep patient data safe?",
        industries=("Healthcare",),
        personas=("CIO",),
        how_we_meet="Encrypted at rest and in transit",
        proof=Proof(("proof",), ("Acme Clinics",), ("ISO 27001",)),
        gaps=(KnownGap("No on-premises option", "Dedicated tenant instead"),),
        weight=weight,
        owner=owner,
        state=ModuleState.APPROVED,
    )


def preset(industry: str, name: str) -> RoiPreset:
    return RoiPreset(industry, name, parse_model(MODEL).model, "Lena Brandt", "2026 medians")


def add_marketing_items(db) -> None:
    """Two approved objections and a draft, a battlecard, two criteria, a plan template, an
    ROI preset, approved and pending segment research, and a changed weight."""
    with transaction(db):
        objection_store.create_objection(db, objection("too-expensive", "It costs too much"))
        objection_store.create_objection(db, objection("no-time", "Not this quarter"))
        objection_store.create_objection(
            db, objection("draft-one", "Still being written", ModuleState.DRAFT)
        )
        card_store.create_battlecard(
            db,
            Battlecard(
                id=0,
                competitor="Rival Corp",
                summary="Cheaper up front, slower to roll out",
                differentiators=(Differentiator("Live in 6 weeks", "Acme case", "proof"),),
                strengths=("Brand",),
                pitches=(Pitch("We are cheaper", "Compare three-year cost"),),
                landmines=("Ask about their rollout times",),
                owner="Lena Brandt",
                state=ModuleState.APPROVED,
            ),
        )
        criteria_store.create_criterion(db, criterion("data-security", "Data security", 5))
        criteria_store.create_criterion(db, criterion("fast-rollout", "Fast rollout", 3))
        roi_store.save_preset(db, preset("Healthcare", "Healthcare intake"), actor="Lena Brandt")
    action_plans.save_template(
        db,
        PlanTemplate(
            DealSize.MID,
            (
                TemplateStep("Discovery call", "Account Executive", "CIO", 0),
                TemplateStep("Security review", "Solutions Engineer", "CISO", 14, "Send pack"),
            ),
            label="Mid-market",
            owner="Lena Brandt",
        ),
        actor="Lena Brandt",
    )
    insights.add_segment_research(
        db,
        "Hospitals freeze budgets in Q4",
        industry="Healthcare",
        persona="CFO",
        source="Analyst call",
        date="2026-10-01",
        author="Lena Brandt",
    )
    with transaction(db):
        pending = insight_store.add_insight(
            db,
            Insight(
                id=0,
                prospect_id=None,
                kind=InsightKind.PAIN,
                text="A rep's proposal, not reviewed yet",
                industry="Retail",
                review_state=ReviewState.PENDING,
            ),
        )
    assert pending.review_state is ReviewState.PENDING
    recommend.set_weight(db, "stage", 25, actor="Lena Brandt")


def add_rep_prospect(db) -> Prospect:
    with transaction(db):
        return prospect_store.create(
            db, Prospect(id=0, company="Acme Clinics", industry="Healthcare", deal_amount=80000)
        )


def _battlecard(db, competitor: str) -> tuple | None:
    try:
        card = checklists.battlecard(db, competitor)
    except NotFound:
        return None
    return card.summary, card.state.value


def library_view(db) -> dict:
    """What a rep sees of every kind, queried through the services."""
    return {
        "objections": {o.key: (o.text, o.state.value) for o in checklists.objection_library(db)},
        "battlecards": _battlecard(db, "Rival Corp"),
        "criteria": {
            c.key: (c.name, c.weight, c.state.value) for c in criteria.criteria_library(db, None)
        },
        "plan_templates": {
            t.size.value: [s.name for s in t.steps] for t in action_plans.plan_templates(db)
        },
        "roi_presets": {p.industry: p.name for p in business_case.list_presets(db)},
        "segment_research": sorted(
            (m.insight.industry, m.insight.persona, m.insight.text)
            for m in insights.segment_research(db)
        ),
        "weights": {
            s.factor.value: s.weight for s in recommend.weight_settings(db) if s.weight != s.default
        },
    }
