"""Library items as a pack carries them: each kind's JSON form, and how an entry is read.

Besides modules a release carries the objection library, battlecards, the criteria library,
mutual-action-plan templates, ROI presets, segment research and recommendation weights. Every
entry is read field by field (type, size, required fields, known values) into its domain object
before anything touches the library; a bad one is refused with the section and entry it is in.
The JSON form written here is also the canonical form compared with what a rep already has.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from enabler.domain.action_plan import DealSize, PlanTemplate, TemplateStep
from enabler.domain.battlecards import (
    Battlecard,
    Differentiator,
    Outcome,
    Pitch,
    WinLossNote,
)
from enabler.domain.criteria import WEIGHT_MAX, WEIGHT_MIN, Criterion, KnownGap, Proof
from enabler.domain.modules import ModuleState, Stage
from enabler.domain.objections import Answer, Objection, ObjectionCategory
from enabler.domain.prospects import Insight, InsightKind, ReviewState
from enabler.domain.recommend.weights import Factor
from enabler.domain.roi.model import RoiPreset, model_to_dict
from enabler.domain.roi.parse import parse_model
from enabler.services.packs.library_reader import MAX_NAME, MAX_TEXT, BadEntry, Reader

MAX_WEIGHT = 1000.0


@dataclass(frozen=True, slots=True)
class Research:
    """Segment research with the publisher's stable reference (research has no key of its own)."""

    ref: str
    insight: Insight


@dataclass(frozen=True, slots=True)
class Weight:
    """One recommendation factor's weight as the publisher set it."""

    factor: Factor
    value: float


def _review_by(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# --- objections ----------------------------------------------------------------------------


def objection_to_dict(o: Objection) -> dict:
    return {
        "key": o.key,
        "text": o.text,
        "category": o.category.value,
        "answer": {
            "acknowledge": o.answer.acknowledge,
            "reframe": o.answer.reframe,
            "proof": o.answer.proof,
            "question_back": o.answer.question_back,
        },
        "stages": [s.value for s in o.stages],
        "industries": list(o.industries),
        "competitor": o.competitor,
        "keywords": list(o.keywords),
        "proof_modules": list(o.proof_modules),
        "owner": o.owner,
        "state": o.state.value,
        "review_by": _review_by(o.review_by),
    }


def read_objection(r: Reader) -> Objection:
    answer = r.child("answer")
    return Objection(
        id=0,
        key=r.key("key"),
        text=r.text("text", required=True),
        category=r.choice("category", ObjectionCategory),
        answer=Answer(
            *(answer.text(n) for n in ("acknowledge", "reframe", "proof", "question_back"))
        ),
        stages=tuple(_stage(s) for s in r.texts("stages")),
        industries=r.texts("industries"),
        competitor=r.text("competitor", MAX_NAME),
        keywords=r.texts("keywords"),
        proof_modules=r.texts("proof_modules"),
        owner=r.text("owner", MAX_NAME),
        state=ModuleState.APPROVED,
        review_by=r.date("review_by"),
    )


def _stage(value: str) -> Stage:
    try:
        return Stage(value)
    except ValueError:
        raise BadEntry(f"names an unknown stage {value[:40]!r}") from None


# --- battlecards ---------------------------------------------------------------------------


def read_battlecard(r: Reader) -> Battlecard:
    return Battlecard(
        id=0,
        competitor=r.key("competitor"),
        summary=r.text("summary"),
        differentiators=tuple(
            Differentiator(d.text("claim", required=True), d.text("proof"), d.text("proof_module"))
            for d in r.objects("differentiators")
        ),
        strengths=r.texts("strengths", MAX_TEXT),
        pitches=tuple(
            Pitch(p.text("claim", required=True), p.text("neutralise"))
            for p in r.objects("pitches")
        ),
        landmines=r.texts("landmines", MAX_TEXT),
        win_loss=tuple(
            WinLossNote(
                n.choice("outcome", Outcome),
                n.text("account", MAX_NAME),
                n.text("note"),
                n.date("date"),
            )
            for n in r.objects("win_loss")
        ),
        owner=r.text("owner", MAX_NAME),
        state=ModuleState.APPROVED,
        review_by=r.date("review_by"),
    )


# --- criteria ------------------------------------------------------------------------------


def criterion_to_dict(c: Criterion) -> dict:
    return {
        "key": c.key,
        "name": c.name,
        "question": c.question,
        "industries": list(c.industries),
        "personas": list(c.personas),
        "how_we_meet": c.how_we_meet,
        "proof": {
            "modules": list(c.proof.modules),
            "case_studies": list(c.proof.case_studies),
            "certifications": list(c.proof.certifications),
        },
        "gaps": [{"gap": g.gap, "answer": g.answer} for g in c.gaps],
        "weight": c.weight,
        "owner": c.owner,
        "state": c.state.value,
        "review_by": _review_by(c.review_by),
    }


def read_criterion(r: Reader) -> Criterion:
    proof = r.child("proof")
    return Criterion(
        id=0,
        key=r.key("key"),
        name=r.text("name", MAX_NAME, required=True),
        question=r.text("question"),
        industries=r.texts("industries"),
        personas=r.texts("personas"),
        how_we_meet=r.text("how_we_meet"),
        proof=Proof(
            proof.texts("modules"),
            proof.texts("case_studies"),
            proof.texts("certifications"),
        ),
        gaps=tuple(
            KnownGap(g.text("gap", required=True), g.text("answer")) for g in r.objects("gaps")
        ),
        weight=r.integer("weight", WEIGHT_MIN, WEIGHT_MAX, 3),
        owner=r.text("owner", MAX_NAME),
        state=ModuleState.APPROVED,
        review_by=r.date("review_by"),
    )


# --- plan templates ------------------------------------------------------------------------


def template_to_dict(t: PlanTemplate) -> dict:
    return {
        "size": t.size.value,
        "label": t.label,
        "owner": t.owner,
        "steps": [dataclasses.asdict(s) for s in t.steps],
    }


def read_template(r: Reader) -> PlanTemplate:
    steps = r.objects("steps")
    if not steps:
        raise BadEntry("has no steps")
    return PlanTemplate(
        size=r.choice("size", DealSize),
        steps=tuple(
            TemplateStep(
                s.text("name", MAX_NAME, required=True),
                s.text("our_owner", MAX_NAME),
                s.text("their_owner", MAX_NAME),
                s.integer("offset_days", 0, 3650, 0),
                s.text("notes"),
            )
            for s in steps
        ),
        label=r.text("label", MAX_NAME),
        owner=r.text("owner", MAX_NAME),
    )


# --- ROI presets ---------------------------------------------------------------------------


def preset_to_dict(p: RoiPreset) -> dict:
    return {
        "industry": p.industry,
        "name": p.name,
        "owner": p.owner,
        "notes": p.notes,
        "model": model_to_dict(p.model),
    }


def read_preset(r: Reader) -> RoiPreset:
    parsed = parse_model(r.data.get("model"))
    if parsed.model is None:
        first = parsed.errors[0] if parsed.errors else "missing"
        raise BadEntry(f"has an invalid model ({first})")
    return RoiPreset(
        industry=r.key("industry"),
        name=r.text("name", MAX_NAME, required=True),
        model=parsed.model,
        owner=r.text("owner", MAX_NAME),
        notes=r.text("notes"),
    )


# --- segment research ----------------------------------------------------------------------


def research_to_dict(item: Research) -> dict:
    i = item.insight
    return {
        "ref": item.ref,
        "kind": i.kind.value,
        "text": i.text,
        "source": i.source,
        "author": i.author,
        "date": i.date.isoformat() if i.date else None,
        "industry": i.industry,
        "persona": i.persona,
    }


def read_research(r: Reader) -> Research:
    insight = Insight(
        id=0,
        prospect_id=None,
        kind=r.choice("kind", InsightKind),
        text=r.text("text", required=True),
        source=r.text("source", MAX_NAME),
        author=r.text("author", MAX_NAME),
        date=r.date("date"),
        industry=r.text("industry", MAX_NAME),
        persona=r.text("persona", MAX_NAME),
        review_state=ReviewState.APPROVED,
    )
    if not (insight.industry.strip() or insight.persona.strip()):
        raise BadEntry("names neither an industry nor a persona")
    return Research(r.key("ref"), insight)


# --- recommendation weights ----------------------------------------------------------------


def weight_to_dict(w: Weight) -> dict:
    return {"factor": w.factor.value, "weight": w.value}


def read_weight(r: Reader) -> Weight:
    return Weight(r.choice("factor", Factor), r.number("weight", MAX_WEIGHT))
