"""Each kind of library item a pack carries: how it is exported, found here, put and removed.

One `Section` per manifest key. Objections, battlecards and criteria are governed like modules,
so an item the publisher dropped is retired here (prospects' checklists still point at it);
plan templates, ROI presets, segment research and weights are removed. Nothing here touches a
prospect's own state: checklist items, plan steps and business cases stay as the rep left them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from enabler.domain.battlecards import battlecard_to_dict
from enabler.domain.modules import ModuleState
from enabler.domain.prospects import ReviewState
from enabler.domain.recommend.weights import Factor, Weights
from enabler.services.packs import library_entries as e
from enabler.services.packs.library_reader import Reader
from enabler.store import action_plans, battlecards, criteria, insights, objections, recommend, roi
from enabler.store.team.library_items import Tracked


@dataclass(frozen=True, slots=True)
class Section:
    """How one kind of library item travels in a pack."""

    name: str  # the manifest key
    label: str  # one item, as the plan names it ("objection:price-too-high")
    retires: bool  # True: a dropped item is retired here; False: removed
    read: Callable[[Reader], Any]
    to_dict: Callable[[Any], dict]
    key: Callable[[Any], str]
    # (db, publisher fingerprint) → the publisher's items to export
    export: Callable[[sqlite_utils.Database, str], list]
    # (db, tracked items of this kind) → {key: item} for what this library holds
    local: Callable[[sqlite_utils.Database, dict[str, Tracked]], dict[str, Any]]
    # (db, item, local item or None, actor, why) → the local row id it was stored under
    put: Callable[[sqlite_utils.Database, Any, Any, str, str], int | None]
    # (db, local item, actor, why): retire or remove it
    remove: Callable[[sqlite_utils.Database, Any, str, str], object]


def _retire_with(put: Callable) -> Callable:
    """Removal for a governed kind: the same item, retired (checklists still point at it)."""

    def remove(db, ours, actor: str, why: str) -> None:
        put(db, dataclasses.replace(ours, state=ModuleState.RETIRED), ours, actor, why)

    return remove


# --- objections ----------------------------------------------------------------------------


def _put_objection(db, item, ours, actor: str, why: str) -> int:
    if ours is None:
        return objections.create_objection(db, item, actor).id
    return objections.replace_objection(db, ours.id, item, actor, why).id


OBJECTIONS = Section(
    "objections",
    "objection",
    True,
    e.read_objection,
    e.objection_to_dict,
    lambda o: o.key,
    lambda db, _: objections.list_objections(db, ModuleState.APPROVED),
    lambda db, _: {o.key: o for o in objections.list_objections(db)},
    _put_objection,
    _retire_with(_put_objection),
)


# --- battlecards ---------------------------------------------------------------------------


def _put_battlecard(db, item, ours, actor: str, why: str) -> int:
    if ours is None:
        return battlecards.create_battlecard(db, item, actor).id
    return battlecards.replace_battlecard(db, ours.id, item, actor, why).id


BATTLECARDS = Section(
    "battlecards",
    "battlecard",
    True,
    e.read_battlecard,
    battlecard_to_dict,
    lambda c: c.competitor.casefold(),
    lambda db, _: battlecards.list_battlecards(db, ModuleState.APPROVED),
    lambda db, _: {c.competitor.casefold(): c for c in battlecards.list_battlecards(db)},
    _put_battlecard,
    _retire_with(_put_battlecard),
)


# --- criteria ------------------------------------------------------------------------------


def _put_criterion(db, item, ours, actor: str, why: str) -> int:
    if ours is None:
        return criteria.create_criterion(db, item, actor).id
    return criteria.replace_criterion(db, ours.id, item, actor, why).id


CRITERIA = Section(
    "criteria",
    "criterion",
    True,
    e.read_criterion,
    e.criterion_to_dict,
    lambda c: c.key,
    lambda db, _: criteria.list_criteria(db, ModuleState.APPROVED),
    lambda db, _: {c.key: c for c in criteria.list_criteria(db)},
    _put_criterion,
    _retire_with(_put_criterion),
)


# --- plan templates ------------------------------------------------------------------------


def _put_template(db, item, ours, actor: str, why: str) -> None:
    action_plans.put_template(db, item, actor)


PLAN_TEMPLATES = Section(
    "plan_templates",
    "plan_template",
    False,
    e.read_template,
    e.template_to_dict,
    lambda t: t.size.value,
    lambda db, _: action_plans.list_templates(db),
    lambda db, _: {t.size.value: t for t in action_plans.list_templates(db)},
    _put_template,
    lambda db, ours, actor, why: action_plans.delete_template(db, ours.size, actor),
)


# --- ROI presets ---------------------------------------------------------------------------


def _put_preset(db, item, ours, actor: str, why: str) -> None:
    if ours is not None and ours.industry != item.industry:
        # The same industry spelt differently: one preset per industry, the publisher's name.
        roi.delete_preset(db, ours.industry, actor)
    roi.save_preset(db, item, actor)


ROI_PRESETS = Section(
    "roi_presets",
    "roi_preset",
    False,
    e.read_preset,
    e.preset_to_dict,
    lambda p: p.industry.casefold(),
    lambda db, _: roi.list_presets(db),
    lambda db, _: {p.industry.casefold(): p for p in roi.list_presets(db)},
    _put_preset,
    lambda db, ours, actor, why: roi.delete_preset(db, ours.industry, actor),
)


# --- segment research ----------------------------------------------------------------------


def _export_research(db, fingerprint: str) -> list[e.Research]:
    found = insights.segment_research(db, ReviewState.APPROVED)
    return [e.Research(f"{fingerprint[:16]}-{i.id}", i) for i in found]


def _local_research(db, tracked: dict[str, Tracked]) -> dict[str, e.Research]:
    out = {}
    for ref, t in tracked.items():
        if t.local_id is not None and insights.insight_exists(db, t.local_id):
            out[ref] = e.Research(ref, insights.get_insight(db, t.local_id))
    return out


def _put_research(db, item: e.Research, ours, actor: str, why: str) -> int:
    if ours is None:
        return insights.add_insight(db, item.insight, actor).id
    return insights.replace_segment_research(db, ours.insight.id, item.insight, actor).id


SEGMENT_RESEARCH = Section(
    "segment_research",
    "segment_research",
    False,
    e.read_research,
    e.research_to_dict,
    lambda r: r.ref,
    _export_research,
    _local_research,
    _put_research,
    lambda db, ours, actor, why: insights.remove_insight(db, ours.insight.id, actor),
)


# --- recommendation weights ----------------------------------------------------------------


def _local_weights(db, _) -> dict[str, e.Weight]:
    out = {}
    for name, value in recommend.weight_overrides(db).items():
        if name in {f.value for f in Factor}:
            out[name] = e.Weight(Factor(name), value)
    return out


def _put_weight(db, item: e.Weight, ours, actor: str, why: str) -> None:
    before = ours.value if ours else Weights().of(item.factor)
    recommend.set_weight(db, item.factor, item.value, before, actor)


def _remove_weight(db, ours: e.Weight, actor: str, why: str) -> None:
    recommend.set_weight(db, ours.factor, None, ours.value, actor)


RECOMMEND_WEIGHTS = Section(
    "recommend_weights",
    "recommend_weight",
    False,
    e.read_weight,
    e.weight_to_dict,
    lambda w: w.factor.value,
    lambda db, _: list(_local_weights(db, {}).values()),
    _local_weights,
    _put_weight,
    _remove_weight,
)


SECTIONS: tuple[Section, ...] = (
    OBJECTIONS,
    BATTLECARDS,
    CRITERIA,
    PLAN_TEMPLATES,
    ROI_PRESETS,
    SEGMENT_RESEARCH,
    RECOMMEND_WEIGHTS,
)
