"""The values slide templates can use, built from a DeckPlan."""

from __future__ import annotations

from collections.abc import Mapping

from enabler.domain.deck.plan import DeckPlan
from enabler.render.text import xml_safe


def _clean(value):
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _clean(v) for k, v in value.items()}
    return value


def build_context(
    plan: DeckPlan,
    vendor: Mapping[str, str] | None = None,
    rep: Mapping[str, str] | None = None,
) -> dict:
    """Plain dicts and lists only: templates never see live objects."""
    p = plan.prospect
    ctx: dict = {
        "prospect": {
            "company": p.company,
            "industry": p.industry,
            "stage": p.stage.label,
            "domain": p.domain,
            "employees": p.employees,
            "revenue": p.revenue,
            "region": p.region,
            "pains": list(p.pains),
            "goals": list(p.goals),
            "competitors": list(p.competitors),
            "top_pain": p.pains[0] if p.pains else "",
            "top_goal": p.goals[0] if p.goals else "",
            "current_vendor": p.current_vendor,
            "next_meeting": p.next_meeting,
            "currency": p.currency,
            "locale": p.locale,
        },
        "rep": {"name": plan.rep or p.owner_rep, **(rep or {})},
        "vendor": dict(vendor or {}),
        "today": plan.date,
        "fields": dict(plan.overrides),
    }
    if plan.contact is not None:
        c = plan.contact
        ctx["contact"] = {
            "name": c.name,
            "first_name": c.name.split()[0] if c.name.split() else c.name,
            "title": c.title,
            "role": c.role,
            "persona": c.persona,
        }
    for dotted, value in plan.overrides.items():
        head, _, tail = dotted.partition(".")
        if tail and isinstance(ctx.get(head), dict):
            ctx[head][tail] = value
    if "contact_line" not in ctx["rep"]:
        ctx["rep"]["contact_line"] = contact_line(ctx["rep"], ctx["vendor"])
    return _clean(ctx)


def contact_line(rep: Mapping, vendor: Mapping) -> str:
    """ "Dana Whitfield · dana@… · +1 555…" with only the parts known; the vendor's website
    when the rep has no card, so a closing slide always says how to reach us."""
    parts = [str(rep.get(k) or "").strip() for k in ("name", "email", "phone")]
    if not parts[1] and not parts[2]:
        parts.append(str(vendor.get("website") or "").strip())
    return " · ".join(p for p in parts if p)
