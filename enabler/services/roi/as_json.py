"""The business case as JSON: inputs, flows and every output, for finance teams to recompute.

Top-level `discount_rate` and `cash_flows` (risk-adjusted net flows, year 0 first) have the same
shape `enabler roi set --input` accepts, so the flows can be checked in a spreadsheet
(``=NPV(rate, year1…yearN) + year0``) or fed back in. Amounts are unrounded; `text` holds the
same figures formatted for the prospect's locale and currency.
"""

from __future__ import annotations

from enabler.domain.prospects import Prospect
from enabler.domain.roi.case import BusinessCase
from enabler.domain.roi.dcf import Payback
from enabler.domain.roi.evaluate import Figures, RoiResult, Tco
from enabler.domain.roi.irr import IrrResult
from enabler.domain.roi.model import model_to_dict
from enabler.services.roi.figures import (
    CONVENTIONS,
    METHOD_NOTES,
    Formatter,
    assumption_rows,
    headline_rows,
)


def _irr(result: IrrResult) -> dict:
    return {
        "status": result.status.value,
        "rate_pct": result.rate * 100 if result.rate is not None else None,
        "all_rates_pct": [r * 100 for r in result.roots],
        "note": result.reason,
    }


def _payback(payback: Payback) -> dict:
    return {"status": payback.status.value, "years": payback.years}


def figures_json(f: Figures) -> dict:
    return {
        "cash_flows": list(f.net),
        "benefits": list(f.benefits),
        "costs": list(f.costs),
        "cumulative": list(f.cumulative),
        "npv": f.npv,
        "pv_benefits": f.pv_benefits,
        "pv_costs": f.pv_costs,
        "total_benefits": f.total_benefits,
        "total_costs": f.total_costs,
        "roi_pct": f.roi_pct,
        "irr": _irr(f.irr),
        "mirr_pct": f.mirr * 100 if f.mirr is not None else None,
        "payback": _payback(f.payback),
        "discounted_payback": _payback(f.discounted_payback),
    }


def _tco(items: tuple[Tco, ...]) -> list[dict]:
    return [
        {
            "years": t.years,
            "current": t.current,
            "with_solution": t.with_solution,
            "saving": t.saving,
            "saving_pct": t.saving_pct,
        }
        for t in items
    ]


def _scenario(result: RoiResult) -> dict:
    return {
        "risk_adjusted": figures_json(result.adjusted),
        "unadjusted": figures_json(result.unadjusted),
        "flags": [flag.value for flag in result.flags],
    }


def case_json(prospect: Prospect, case: BusinessCase, fmt: Formatter) -> dict:
    r = case.result
    factors = case.model.factors(case.scenario)
    return {
        "prospect": {
            "id": prospect.id,
            "company": prospect.company,
            "currency": fmt.currency,
            "locale": fmt.locale,
        },
        "scenario": case.scenario.value,
        "conventions": list(CONVENTIONS),
        "method": list(METHOD_NOTES),
        "inputs": model_to_dict(case.model),
        "discount_rate": case.model.discount_rate_pct,
        "horizon_years": r.horizon_years,
        "cash_flows": list(r.adjusted.net),
        "scenario_factors": {"benefits": factors.benefits, "costs": factors.costs},
        "risk_adjusted": figures_json(r.adjusted),
        "unadjusted": figures_json(r.unadjusted),
        "tco": {"risk_adjusted": _tco(r.tco), "unadjusted": _tco(r.tco_unadjusted)},
        "flags": [{"code": f.value, "message": f.message} for f in r.flags],
        "sensitivity": {
            "swing_pct": case.tornado.swing_pct,
            "base_npv": case.tornado.base_npv,
            "drivers": [
                {"driver": b.driver, "low_npv": b.low_npv, "high_npv": b.high_npv}
                for b in case.tornado.bars
            ],
        },
        "scenarios": {s.value: _scenario(res) for s, res in case.scenarios.items()},
        "text": {
            "headline": [list(row) for row in headline_rows(case, fmt)],
            "assumptions": [list(row) for row in assumption_rows(case, fmt)],
        },
    }
