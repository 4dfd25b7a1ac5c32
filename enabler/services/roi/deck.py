"""The business case in a deck: template fields, chart data, and which modules to include.

`roi_context` (a build CONTEXT_PROVIDER) gives every module the `roi` fields below when the
prospect has a model (the expected scenario, risk-adjusted unless named otherwise):

    roi.npv, roi.npv_text            NPV as a number ({{ roi.npv | money }}) and as text
    roi.irr_pct, roi.irr_text        IRR in percent, rounded to 0.1 (or "not defined")
    roi.roi_pct, roi.roi_text        ROI = NPV ÷ PV costs, in percent
    roi.payback_years, roi.payback_text, roi.discounted_payback_years, …_text
    roi.total_benefits, roi.total_costs (+ _text), roi.horizon_years, roi.discount_rate_pct
    roi.currency, roi.locale, roi.scenario, roi.flags (messages for the rep)
    roi.unadjusted.{npv, npv_text, irr_text, roi_text, payback_text}
    roi.scenarios.{conservative, expected, optimistic}.{npv, npv_text, roi_text, irr_text}
    roi.tco_3yr / roi.tco_5yr.{current_text, with_solution_text, saving_text, summary_text}

`{{ roi.npv | money }}` formats in US dollars unless told otherwise; for other currencies use
`{{ roi.npv_text }}` or `{{ roi.npv | money(roi.currency, roi.locale) }}`.

`adjust_plan` (a build PLAN_ADJUSTER) keeps the generated ROI slides in an automatic selection
only for prospects with a model, and then drops the library's static template business case
(`roi-summary`, placeholder figures) because the computed one replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from enabler.domain.deck.plan import DeckPlan
from enabler.domain.modules import Module, SmartLayout
from enabler.domain.prospects import Prospect
from enabler.domain.refs import ProspectRef
from enabler.domain.roi.case import BusinessCase, business_case
from enabler.render.text import xml_safe
from enabler.services.roi.figures import (
    CONVENTIONS,
    METHOD_NOTES,
    Formatter,
    assumption_rows,
    flag_messages,
    headline_rows,
    tco_text,
)
from enabler.store import modules as module_store
from enabler.store import roi as roi_store

ROI_ORDER = (SmartLayout.ROI_SUMMARY, SmartLayout.ROI_CASHFLOW, SmartLayout.ROI_TORNADO)
STATIC_BUSINESS_CASE_KEYS = frozenset({"roi-summary"})
TORNADO_BARS = 8
# Why `adjust_plan` adds each slide, for the rep ({company} is the prospect's name).
WHY_ADDED = dict.fromkeys(ROI_ORDER, "{company} has a saved business case")


def _number_or_text(value: float | None, text: str):
    return round(value, 1) if value is not None else text


def _figures(f, fmt: Formatter, horizon: int) -> dict:
    irr = f.irr.rate * 100 if f.irr.defined and f.irr.rate is not None else None
    payback = fmt.payback(f.payback, horizon)
    discounted = fmt.payback(f.discounted_payback, horizon)
    return {
        "npv": round(f.npv, 2),
        "npv_text": fmt.money(f.npv),
        "irr_pct": _number_or_text(irr, fmt.irr(f.irr)),
        "irr_text": fmt.irr(f.irr),
        "roi_pct": _number_or_text(f.roi_pct, fmt.pct(None)),
        "roi_text": fmt.pct(f.roi_pct),
        "payback_years": _number_or_text(f.payback.years, payback),
        "payback_text": payback,
        "discounted_payback_years": _number_or_text(f.discounted_payback.years, discounted),
        "discounted_payback_text": discounted,
        "total_benefits": round(f.total_benefits, 2),
        "total_benefits_text": fmt.money(f.total_benefits),
        "total_costs": round(f.total_costs, 2),
        "total_costs_text": fmt.money(f.total_costs),
    }


def deck_context(case: BusinessCase, fmt: Formatter) -> dict:
    """The `roi` template value: fields for any module plus the data the ROI slides draw."""
    r = case.result
    n = r.horizon_years
    out = _figures(r.adjusted, fmt, n)
    out.update(
        horizon_years=n,
        discount_rate_pct=case.model.discount_rate_pct,
        discount_rate_text=fmt.pct(case.model.discount_rate_pct),
        currency=fmt.currency,
        locale=fmt.locale,
        scenario=case.scenario.value,
        flags=flag_messages(case),
        unadjusted=_figures(r.unadjusted, fmt, n),
        scenarios={s.value: _figures(res.adjusted, fmt, n) for s, res in case.scenarios.items()},
    )
    for tco in r.tco:
        out[f"tco_{tco.years}yr"] = {
            "current_text": fmt.money(tco.current),
            "with_solution_text": fmt.money(tco.with_solution),
            "saving_text": fmt.money(tco.saving),
            "summary_text": tco_text(tco, fmt),
        }
    bars = case.tornado.bars[:TORNADO_BARS]
    out["chart"] = {
        "years": [f"Year {t}" for t in range(n + 1)],
        "benefits": list(r.adjusted.benefits),
        "costs": [-c for c in r.adjusted.costs],
        "net": list(r.adjusted.net),
        "cumulative": list(r.adjusted.cumulative),
        "number_format": fmt.excel_money_format(),
        "swing_pct": case.tornado.swing_pct,
        "tornado": [
            {
                "driver": xml_safe(b.driver),
                "low": b.low_npv - case.tornado.base_npv,
                "high": b.high_npv - case.tornado.base_npv,
            }
            for b in bars
        ],
    }
    out["table"] = {
        "headline": [[xml_safe(c) for c in row] for row in headline_rows(case, fmt)],
        "assumptions": [[xml_safe(c) for c in row] for row in assumption_rows(case, fmt)],
        "notes": list(CONVENTIONS),
        "method_notes": list(METHOD_NOTES),
    }
    return out


def _formatter(prospect: Prospect) -> Formatter:
    return Formatter(prospect.currency or "USD", prospect.locale or "en_US")


def roi_context(db: sqlite_utils.Database, plan: DeckPlan) -> dict:
    """CONTEXT_PROVIDER: `{"roi": {...}}` when the prospect has a model, else nothing."""
    model = roi_store.get_model(db, plan.prospect.id)
    if model is None:
        return {}
    return {"roi": deck_context(business_case(model), _formatter(plan.prospect))}


def adjust_plan(
    db: sqlite_utils.Database, prospect: Prospect, modules: list[Module]
) -> list[Module]:
    """PLAN_ADJUSTER: with a model, the ROI slides (summary, cash flow, sensitivity) go before
    the closing modules and the static stand-in goes; without one, the ROI slides go.

    Only the first approved module of each ROI layout that fits the prospect's industry is used.
    """
    found = module_store.approved_by_layout(db, [layout.value for layout in ROI_ORDER])
    kept = [m for m in modules if m.id not in found]
    if not roi_store.has_model(db, prospect.id):
        return kept
    kept = [m for m in kept if m.key not in STATIC_BUSINESS_CASE_KEYS]
    roi = _roi_modules(db, prospect, found)
    closing = next((n for n, m in enumerate(kept) if m.is_closing), len(kept))
    return kept[:closing] + roi + kept[closing:]


def _roi_modules(db: sqlite_utils.Database, prospect: Prospect, found: dict) -> list[Module]:
    """The first approved module of each ROI layout that fits the prospect, in ROI_ORDER."""
    chosen: dict[str, Module] = {}
    for module_id, layout in found.items():
        module = module_store.get_module(db, module_id)
        if layout not in chosen and module.fits_industry(prospect.industry):
            chosen[layout] = module
    return [chosen[layout.value] for layout in ROI_ORDER if layout.value in chosen]


@dataclass(frozen=True, slots=True)
class RoiPlacement:
    """Where the business-case slides go in a plan the rep is shaping, and which ones."""

    row: int  # insert before this row: before the first closing module, else at the end
    modules: tuple[Module, ...]  # those not in the plan yet


def place_in_plan(
    db: sqlite_utils.Database, prospect_ref: ProspectRef, plan_keys: list[str]
) -> RoiPlacement:
    """The ROI slides to add to a plan (the rep's "copy to deck"); needs a saved model."""
    from enabler.errors import InvalidInput
    from enabler.store import prospects as prospect_store

    prospect = prospect_store.find(db, prospect_ref)
    if not roi_store.has_model(db, prospect.id):
        raise InvalidInput(
            f"{prospect.company} has no saved business case yet: fill in the ROI page and save "
            "it, then copy it to the deck."
        )
    found = module_store.approved_by_layout(db, [layout.value for layout in ROI_ORDER])
    roi = _roi_modules(db, prospect, found)
    if not roi:
        raise InvalidInput(
            "The library has no approved ROI slide module (summary, cash flow or sensitivity) "
            "for this industry; ask marketing to approve one."
        )
    planned = [module_store.get_module(db, key) for key in plan_keys]
    keys = set(plan_keys)
    closing = next((n for n, m in enumerate(planned) if m.is_closing), len(planned))
    return RoiPlacement(closing, tuple(m for m in roi if m.key not in keys))
