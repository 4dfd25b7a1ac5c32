"""The fields a deck plan's modules use, with the value each will get and who uses it.

The Build page shows these as a form: unfilled fields (no value, or an empty one) are the ones a
rep must fill before the deck builds cleanly. Typed values go into the plan's overrides
(`DeckPlan.overrides`, dotted name → text), the same map `enabler build --field NAME=VALUE` fills.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import sqlite_utils

from enabler.domain.deck.plan import DeckPlan, PlannedModule
from enabler.render.templating.fields import scan
from enabler.services.deck.context import template_context
from enabler.services.deck.field_overrides import base_names, override_context

_MISSING = object()


@dataclass(frozen=True, slots=True)
class PlanField:
    """One field of a plan as the fields form shows it."""

    name: str  # dotted, e.g. "contact.first_name"
    value: str  # what the deck will show ("" when unfilled); lists are joined with ", "
    filled: bool
    modules: tuple[str, ...]  # keys of the modules whose text uses the field, in plan order
    editable: bool  # False for values that come from data (ROI model, checklists, lists)
    overridden: bool  # the value was typed for this deck


def module_fields(planned: PlannedModule) -> tuple[str, ...]:
    """Fields a module's texts use: scanned Jinja for smart modules, recorded for designed."""
    version = planned.version
    texts = version.content.texts() if version.content is not None else []
    if version.talking_points:
        texts.append(version.talking_points)
    return tuple(sorted(set(scan(texts).fields) | set(version.fields)))


def module_optional_fields(planned: PlannedModule) -> frozenset[str]:
    """Fields a smart module only uses with the author's fallback (`| default("there")`)."""
    version = planned.version
    if version.content is None:
        return frozenset()
    texts = version.content.texts()
    if version.talking_points:
        texts.append(version.talking_points)
    return frozenset(scan(texts).optional)


def lookup(context: Mapping, dotted: str):
    """The value at a dotted name (`contact.first_name`), or `_MISSING`."""
    node = context
    for part in dotted.split("."):
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list | tuple) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return _MISSING
    return node


def _shown(value) -> str:
    if value is _MISSING or value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_shown(v) for v in value if not isinstance(v, Mapping))
    if isinstance(value, Mapping):
        return f"({len(value)} values)"
    return str(value)


def is_filled(value) -> bool:
    """True for a value a slide can show: not missing, not None, not empty."""
    return _is_filled(value)


def _is_filled(value) -> bool:
    if value is _MISSING or value is None:
        return False
    if isinstance(value, str | list | tuple | Mapping):
        return bool(value.strip() if isinstance(value, str) else value)
    return True


def plan_fields(
    db: sqlite_utils.Database, plan: DeckPlan, context: Mapping | None = None
) -> list[PlanField]:
    """Every field the plan's modules use: unfilled first, then by name.

    `context` saves recomputing `template_context(db, plan)` when the caller has it.
    """
    users: dict[str, list[str]] = {}
    required: set[str] = set()  # used at least once without the author's fallback
    for planned in plan.modules:
        optional = module_optional_fields(planned)
        for name in module_fields(planned):
            keys = users.setdefault(name, [])
            if planned.module.key not in keys:
                keys.append(planned.module.key)
            if name not in optional:
                required.add(name)
    ctx = template_context(db, plan) if context is None else context
    base, typed = base_names(plan), override_context(db, plan)
    out = []
    for name, keys in users.items():
        value = lookup(ctx, name)
        head = name.split(".")[0]
        # A name neither the base context nor the overrides made comes from a provider's data
        # (roi, objections…): a typed value would be shadowed by it, so it is read-only.
        from_data = head not in base and head in ctx and ctx[head] != typed.get(head)
        scalar = not isinstance(value, list | tuple | Mapping)
        out.append(
            PlanField(
                name=name,
                value=_shown(value),
                filled=_is_filled(value) or name not in required,
                modules=tuple(keys),
                editable=scalar and not from_data,
                overridden=name in plan.overrides,
            )
        )
    return sorted(out, key=lambda f: (f.filled, f.name))


def unfilled(fields: list[PlanField]) -> list[PlanField]:
    return [f for f in fields if not f.filled]


def placeholder_overrides(fields: list[PlanField]) -> dict[str, str]:
    """Visible stand-ins for unfilled editable fields, so a preview renders and shows the gap."""
    return {f.name: f"[{f.name}]" for f in fields if not f.filled and f.editable}
