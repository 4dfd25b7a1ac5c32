"""Read a business case from plain data (JSON), checking every field.

`parse_model` never raises on bad input: it returns every problem with the field it belongs to
(``benefits[1].amount: must be a number (got "12k")``) so a form can mark each field, and no
model at all unless every field is valid — a half-valid model cannot be saved.

Two shapes are accepted: the line-item model (`roi_model.model_to_dict` writes its canonical
form) or ``{"discount_rate": 10, "cash_flows": [-100000, 40000, 60000, 70000]}`` with year 0
first. Numbers may be JSON numbers or numeric text as typed in a form ("1200.50");
percentages are percent (10 = 10 %).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from enabler.domain.roi.model import (
    DEFAULT_SCENARIOS,
    MAX_HORIZON,
    BenefitKind,
    BenefitLine,
    CostKind,
    CostLine,
    CurrentCost,
    RoiModel,
    Scenario,
    ScenarioFactors,
)

MAX_AMOUNT = 1e12  # a trillion per line per year is a typo (cents? thousands?), not a deal
MAX_HOURS = 1e9
MAX_LINES = 50
MAX_NAME = 80
_NUMERIC = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_TOP_KEYS = {
    "horizon_years",
    "discount_rate",
    "benefits",
    "costs",
    "current_state",
    "scenarios",
    "cash_flows",
    "preset",
}


@dataclass(frozen=True, slots=True)
class FieldError:
    path: str  # e.g. "benefits[1].amount"
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class ParsedModel:
    """A valid model, or None with every field error."""

    model: RoiModel | None
    errors: tuple[FieldError, ...] = ()


class _Reader:
    """Collects errors while reading fields, so one pass reports all of them."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path, message))

    def number(self, data: dict, key: str, path: str, default=None, *, lo=None, hi=None):
        """`data[key]` as a finite number in [lo, hi]; records an error and returns None if not."""
        if key not in data or data[key] is None:
            if default is None:
                self.fail(f"{path}{key}", "is required")
            return default
        return self.value(data[key], f"{path}{key}", lo=lo, hi=hi)

    def value(self, value: object, where: str, *, lo=None, hi=None) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.fail(where, f"must be a number (got {value!r})")
            return None
        if isinstance(value, str):
            text = value.strip().replace(",", "").replace("_", "")
            if not _NUMERIC.fullmatch(text):
                self.fail(where, f"must be a number (got {value!r})")
                return None
            value = float(text)
        number = float(value)
        if not math.isfinite(number):
            self.fail(where, "must be a finite number")
        elif abs(number) > MAX_AMOUNT:
            self.fail(where, "is implausibly large (over 1,000,000,000,000); check the units")
        elif lo is not None and number < lo:
            self.fail(where, "cannot be negative" if lo == 0 else f"must be at least {lo:g}")
        elif hi is not None and number > hi:
            self.fail(where, f"must be at most {hi:,g}")
        else:
            return number
        return None

    def whole(self, data: dict, key: str, path: str, default: int, lo: int, hi: int, what: str):
        value = self.number(data, key, path, default)
        if value is None:
            return None
        if value != int(value) or not lo <= value <= hi:
            self.fail(f"{path}{key}", f"must be a whole number of {what} from {lo} to {hi}")
            return None
        return int(value)

    def name(self, data: dict, path: str) -> str:
        value = data.get("name")
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{path}name", "is required (a short label such as 'Licences')")
            return ""
        if len(value) > MAX_NAME:
            self.fail(f"{path}name", f"is longer than {MAX_NAME} characters")
        return value.strip()

    def choice(self, data: dict, key: str, path: str, enum, default):
        value = data.get(key, default.value)
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            self.fail(f"{path}{key}", f"must be one of {allowed} (got {value!r})")
            return default

    def items(self, data: dict, key: str) -> list[tuple[str, dict]]:
        """The objects of a list field, each with its path prefix."""
        value = data.get(key, [])
        if not isinstance(value, list):
            self.fail(key, "must be a list")
            return []
        if len(value) > MAX_LINES:
            self.fail(key, f"has more than {MAX_LINES} lines")
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((f"{key}[{i}].", item))
            else:
                self.fail(f"{key}[{i}]", "must be an object with a name and an amount")
        return out

    def unknown(self, data: dict, allowed: set[str], path: str) -> None:
        for key in sorted(set(data) - allowed, key=str):
            self.fail(f"{path}{key}", "is not a known field")


def parse_model(data: object) -> ParsedModel:
    """Check `data` field by field; a model comes back only when everything is valid."""
    r = _Reader()
    if not isinstance(data, dict):
        r.fail("model", "must be a JSON object")
        return ParsedModel(None, tuple(r.errors))
    r.unknown(data, _TOP_KEYS, "")
    rate = r.number(data, "discount_rate", "", 10.0, hi=100.0)
    if rate is not None and rate <= -100.0:
        r.fail("discount_rate", "must be above -100 %")
        rate = None
    scenarios = _scenarios(r, data.get("scenarios", {}))
    preset = data.get("preset", "")
    if not isinstance(preset, str):
        r.fail("preset", "must be text")
    if "cash_flows" in data:
        flows = _cash_flows(r, data)
        model = RoiModel(
            horizon_years=max(len(flows) - 1, 1),
            discount_rate_pct=rate if rate is not None else 0.0,
            scenarios=scenarios,
            cash_flows=tuple(flows),
            preset=preset if isinstance(preset, str) else "",
        )
    else:
        horizon = r.whole(data, "horizon_years", "", 3, 1, MAX_HORIZON, "years")
        model = RoiModel(
            horizon_years=horizon or 1,
            discount_rate_pct=rate if rate is not None else 0.0,
            benefits=tuple(
                _benefit(r, p, d, horizon or MAX_HORIZON) for p, d in r.items(data, "benefits")
            ),
            costs=tuple(_cost(r, p, d, horizon or MAX_HORIZON) for p, d in r.items(data, "costs")),
            current_state=tuple(_current(r, p, d) for p, d in r.items(data, "current_state")),
            scenarios=scenarios,
            preset=preset if isinstance(preset, str) else "",
        )
    if r.errors:
        return ParsedModel(None, tuple(r.errors))
    return ParsedModel(model)


def _cash_flows(r: _Reader, data: dict) -> list[float]:
    flows = data["cash_flows"]
    for key in ("benefits", "costs", "current_state"):
        if data.get(key):
            r.fail(key, "cannot be combined with cash_flows; give either line items or flows")
    if not isinstance(flows, list) or not 2 <= len(flows) <= MAX_HORIZON + 1:
        r.fail("cash_flows", f"must list 2 to {MAX_HORIZON + 1} yearly flows, year 0 first")
        return []
    if "horizon_years" in data and data["horizon_years"] != len(flows) - 1:
        r.fail("horizon_years", f"must be {len(flows) - 1} for {len(flows)} cash flows")
    out = [r.value(v, f"cash_flows[{i}]") for i, v in enumerate(flows)]
    return [v for v in out if v is not None]


def _current(r: _Reader, p: str, d: dict) -> CurrentCost:
    r.unknown(d, {"name", "amount"}, p)
    return CurrentCost(r.name(d, p), r.number(d, "amount", p, lo=0) or 0.0)


def _benefit(r: _Reader, p: str, d: dict, horizon: int) -> BenefitLine:
    r.unknown(d, {"name", "kind", "amount", "hours", "rate", "ramp", "risk_pct"}, p)
    kind = r.choice(d, "kind", p, BenefitKind, BenefitKind.COST_SAVING)
    productivity = kind is BenefitKind.PRODUCTIVITY
    return BenefitLine(
        name=r.name(d, p),
        kind=kind,
        amount=0.0 if productivity else (r.number(d, "amount", p, lo=0) or 0.0),
        hours=(r.number(d, "hours", p, lo=0, hi=MAX_HOURS) or 0.0) if productivity else 0.0,
        rate=(r.number(d, "rate", p, lo=0) or 0.0) if productivity else 0.0,
        ramp=_ramp(r, d, p, horizon),
        risk_pct=r.number(d, "risk_pct", p, 0.0, lo=0, hi=100) or 0.0,
    )


def _ramp(r: _Reader, d: dict, p: str, horizon: int) -> tuple[float, ...]:
    ramp = d.get("ramp", [100])
    if not isinstance(ramp, list) or not 1 <= len(ramp) <= horizon:
        r.fail(f"{p}ramp", f"must list 1 to {horizon} yearly percentages, e.g. [50, 100]")
        return (100.0,)
    out = [r.value(v, f"{p}ramp[{i}]", lo=0, hi=100) for i, v in enumerate(ramp)]
    return tuple(v for v in out if v is not None)


def _cost(r: _Reader, p: str, d: dict, horizon: int) -> CostLine:
    r.unknown(d, {"name", "kind", "amount", "year", "risk_pct"}, p)
    kind = r.choice(d, "kind", p, CostKind, CostKind.RECURRING)
    year = 0
    if kind is CostKind.ONE_OFF:
        year = r.whole(d, "year", p, 0, 0, horizon, "years") or 0
    elif "year" in d:
        r.fail(f"{p}year", "applies to one-off costs only (recurring costs run every year)")
    return CostLine(
        name=r.name(d, p),
        kind=kind,
        amount=r.number(d, "amount", p, lo=0) or 0.0,
        year=year,
        risk_pct=r.number(d, "risk_pct", p, 0.0, lo=0, hi=100) or 0.0,
    )


def _scenarios(r: _Reader, data: object) -> dict[Scenario, ScenarioFactors]:
    out = dict(DEFAULT_SCENARIOS)
    if not isinstance(data, dict):
        r.fail("scenarios", "must be an object keyed by conservative, expected, optimistic")
        return out
    for key, value in data.items():
        path = f"scenarios.{key}."
        try:
            scenario = Scenario(key)
        except ValueError:
            r.fail(f"scenarios.{key}", "must be conservative, expected or optimistic")
            continue
        if not isinstance(value, dict):
            r.fail(f"scenarios.{key}", 'must be {"benefits": 0.8, "costs": 1.1}')
            continue
        r.unknown(value, {"benefits", "costs"}, path)
        b = r.number(value, "benefits", path, 1.0, lo=0, hi=10)
        c = r.number(value, "costs", path, 1.0, lo=0, hi=10)
        out[scenario] = ScenarioFactors(b if b is not None else 1.0, c if c is not None else 1.0)
    return out
