"""Overrides for fields the base context has no place for: `contact.*` for a prospect without
contacts, or a name typed for one deck like `pilot_start`.

`enabler.render.templating.context.build_context` already applies `prospect.company`-style
overrides to the
dicts it builds. This provider (first in `CONTEXT_PROVIDERS`) adds the rest as nested dicts;
providers after it still own their own names (`roi`, `objections`…), so data is never shadowed
by a typed value.
"""

from __future__ import annotations

import dataclasses

import sqlite_utils

from enabler.domain.deck.plan import DeckPlan
from enabler.domain.prospects import Contact
from enabler.render.templating.context import build_context
from enabler.render.text import xml_safe


def base_names(plan: DeckPlan) -> frozenset[str]:
    """Top-level names the base context defines for this plan (no database needed)."""
    return frozenset(build_context(plan))


def override_context(db: sqlite_utils.Database, plan: DeckPlan) -> dict:
    """Nested values for overrides whose first name the base context lacks."""
    if not plan.overrides:
        return {}
    base = base_names(plan)
    out: dict = {}
    contact = _typed_contact(plan)
    if contact is not None:
        out["contact"] = contact
    for dotted, value in sorted(plan.overrides.items()):
        parts = [p for p in dotted.split(".") if p]
        if not parts or parts[0] in base or parts[0] in out:
            continue
        node = out
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        if not isinstance(node.get(parts[-1]), dict):  # `a.b` set keeps `a.b.c` as well
            node[parts[-1]] = xml_safe(str(value))
    return out


def _typed_contact(plan: DeckPlan) -> dict | None:
    """A whole `contact` (every key the title slide and modules expect) from typed values,
    for a prospect without contacts; None when there is a contact or nothing was typed."""
    typed = {k.partition(".")[2]: v for k, v in plan.overrides.items() if k.startswith("contact.")}
    if plan.contact is not None or not typed:
        return None
    stand_in = Contact(
        id=0,
        prospect_id=plan.prospect.id,
        name=typed.get("name") or typed.get("first_name", ""),
        title=typed.get("title", ""),
        role=typed.get("role", ""),
        persona=typed.get("persona", ""),
    )
    # build_context lays the typed values over the stand-in, exactly as for a real contact.
    return build_context(dataclasses.replace(plan, contact=stand_in))["contact"]
