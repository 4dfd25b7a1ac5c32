"""Business-case figures as text, per locale and currency (Babel), for every place they appear.

The deck's summary table, the `roi.*` template fields, the CLI and the leave-behind all use the
rows built here, so a number reads the same everywhere. Flagged figures (see `roi.Flag`) carry a
"(check)" mark instead of being shown as a selling point.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    NumberPattern,
    UnknownCurrencyError,
    format_compact_currency,
    get_currency_symbol,
    parse_pattern,
    validate_currency,
)

from enabler.domain.roi.case import BusinessCase
from enabler.domain.roi.dcf import Payback, PaybackStatus
from enabler.domain.roi.evaluate import Flag, Tco
from enabler.domain.roi.irr import IrrResult
from enabler.domain.roi.model import BenefitKind, CostKind, Scenario
from enabler.errors import InvalidInput

NOT_DEFINED = "not defined"
CHECK = " (check)"
# How to read the figures, in words a buyer's finance team uses (slides, leave-behind).
CONVENTIONS = (
    "Year 0 is today and is counted in full; each later year is discounted at the rate shown.",
    "Risk-adjusted figures lower each benefit and raise each cost by the risk stated for it.",
    "Return on investment is the net present value divided by the present value of the costs.",
    "Payback is when the running total of cash turns positive and stays positive.",
)
# The same conventions as a spreadsheet user checks them: for the rep (speaker notes, JSON).
METHOD_NOTES = (
    "NPV = Excel NPV(rate, year 1…n) + year 0 (year 0 undiscounted).",
    "Risk adjustment as in Forrester TEI studies. ROI = NPV ÷ PV of costs.",
    "Payback: the last time cumulative cash turns positive and stays there, interpolated.",
)


@dataclass(frozen=True, slots=True)
class Formatter:
    """Money, percentages and years for one locale and currency."""

    currency: str = "USD"
    locale: str = "en_US"

    def __post_init__(self) -> None:
        try:
            _locale(self.locale)
            validate_currency(self.currency)
        except (UnknownLocaleError, UnknownCurrencyError, ValueError, TypeError):
            raise InvalidInput(
                f"Cannot format money for locale {self.locale!r} and currency "
                f"{self.currency!r}. Set the prospect's locale (e.g. en_US) and currency "
                "(e.g. USD)."
            ) from None

    def _pattern(self) -> str:
        return _money_pattern(self.locale)

    def money(self, value: float) -> str:
        whole = round(value) + 0  # + 0 turns -0 into 0
        return _parsed(self._pattern()).apply(
            whole, _locale(self.locale), currency=self.currency, currency_digits=False
        )

    def compact(self, value: float) -> str:
        return format_compact_currency(value, self.currency, locale=self.locale, fraction_digits=1)

    def pct(self, value: float | None, digits: int = 1) -> str:
        """`value` in percent (12.5 → "12.5%"), or "not defined"."""
        if value is None:
            return NOT_DEFINED
        pattern = _locale(self.locale).percent_formats[None].pattern
        if digits:
            pattern = pattern.replace("0", "0." + "0" * digits, 1)
        return _parsed(pattern).apply(value / 100, _locale(self.locale))

    def number(self, value: float, digits: int = 1) -> str:
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return _parsed(pattern).apply(value, _locale(self.locale))

    def years(self, value: float) -> str:
        return f"{self.number(value)} years"

    def payback(self, payback: Payback, horizon: int) -> str:
        if payback.defined and payback.years is not None:
            return self.years(payback.years)
        if payback.status is PaybackStatus.NOT_WITHIN_HORIZON:
            return f"not within {horizon} years"
        return NOT_DEFINED

    def irr(self, result: IrrResult) -> str:
        if result.defined and result.rate is not None:
            return self.pct(result.rate * 100)
        if len(result.roots) > 1:
            return f"{NOT_DEFINED} ({len(result.roots)} rates)"
        return NOT_DEFINED

    def excel_money_format(self) -> str:
        """The locale's currency pattern as an Excel number format for chart labels."""
        out = []
        for char in self._pattern():
            if char == "¤":
                out.append(f'"{get_currency_symbol(self.currency, self.locale)}"')
            elif char in "#,0.;-":
                out.append(char)
            else:
                out.append(f'"{char}"')
        return "".join(out)


# Babel parses locales and patterns on every call; a form recomputing on each keystroke formats
# dozens of figures, so both are parsed once.
@functools.lru_cache(maxsize=64)
def _locale(name: str) -> Locale:
    return Locale.parse(name)


@functools.lru_cache(maxsize=256)
def _parsed(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


@functools.lru_cache(maxsize=64)
def _money_pattern(locale: str) -> str:
    pattern = _locale(locale).currency_formats["standard"].pattern
    return pattern.replace(".00", "")  # whole currency units: cents are noise in a case


def _mark(text: str, flagged: bool) -> str:
    return text + CHECK if flagged else text


def headline_rows(case: BusinessCase, fmt: Formatter) -> list[tuple[str, str, str]]:
    """(figure, risk-adjusted, unadjusted) rows for the summary table."""
    r = case.result
    flags = set(r.flags)
    n = r.horizon_years
    rows = []
    for label, get in (
        ("Net present value", lambda f: fmt.money(f.npv)),
        (
            "Return on investment",
            lambda f: _mark(fmt.pct(f.roi_pct), Flag.BENEFITS_OVER_20X_COSTS in flags),
        ),
        (
            "Internal rate of return",
            lambda f: _mark(fmt.irr(f.irr), Flag.IRR_ABOVE_1000_PCT in flags),
        ),
        (
            "Payback",
            lambda f: _mark(fmt.payback(f.payback, n), Flag.PAYBACK_UNDER_A_MONTH in flags),
        ),
        ("Discounted payback", lambda f: fmt.payback(f.discounted_payback, n)),
        ("Benefits (present value)", lambda f: fmt.money(f.pv_benefits)),
        ("Costs (present value)", lambda f: fmt.money(f.pv_costs)),
    ):
        rows.append((label, get(r.adjusted), get(r.unadjusted)))
    for adjusted, unadjusted in zip(r.tco, r.tco_unadjusted, strict=True):
        rows.append(
            (
                f"{adjusted.years}-year TCO, today → with solution",
                tco_text(adjusted, fmt),
                tco_text(unadjusted, fmt),
            )
        )
    if len(case.scenarios) == len(Scenario):
        low, high = case.scenarios[Scenario.CONSERVATIVE], case.scenarios[Scenario.OPTIMISTIC]
        rows.append(
            (
                "NPV, conservative to optimistic",
                f"{fmt.compact(low.adjusted.npv)} to {fmt.compact(high.adjusted.npv)}",
                f"{fmt.compact(low.unadjusted.npv)} to {fmt.compact(high.unadjusted.npv)}",
            )
        )
    return rows


def tco_text(tco: Tco, fmt: Formatter) -> str:
    """Cost of ownership today and with the solution, e.g. "$4.5M → $4.0M"."""
    return f"{fmt.compact(tco.current)} → {fmt.compact(tco.with_solution)}"


def assumption_rows(case: BusinessCase, fmt: Formatter) -> list[tuple[str, str]]:
    """(assumption, value) rows: horizon, rate, scenario and every input line."""
    m = case.model
    factors = m.factors(case.scenario)
    rows = [
        ("Horizon", f"{m.years} years after today (year 0)"),
        ("Discount rate", fmt.pct(m.discount_rate_pct)),
        (
            "Scenario",
            f"{case.scenario.label}: benefits ×{fmt.number(factors.benefits, 2)}, "
            f"costs ×{fmt.number(factors.costs, 2)}",
        ),
    ]
    if m.uses_cash_flows:
        flows = "; ".join(fmt.money(v) for v in m.cash_flows)
        return [*rows, ("Cash flows, year 0 first", f"{flows} (from your finance team)")]
    for b in m.benefits:
        value = f"{fmt.money(b.run_rate)}/yr"
        if b.kind is BenefitKind.PRODUCTIVITY:
            value = f"{fmt.number(b.hours, 0)} h × {fmt.money(b.rate)} = {value}"
        ramp = "/".join(fmt.number(p, 0) for p in b.ramp)
        rows.append((b.name, f"{value}; ramp {ramp} %; risk −{fmt.pct(b.risk_pct, 0)}"))
    for c in m.costs:
        when = f"once, year {c.year}" if c.kind is CostKind.ONE_OFF else "/yr"
        sep = "" if when.startswith("/") else " "
        rows.append((c.name, f"{fmt.money(c.amount)}{sep}{when}; risk +{fmt.pct(c.risk_pct, 0)}"))
    for today in m.current_state:
        rows.append((today.name, f"{fmt.money(today.amount)}/yr today"))
    return rows


def flag_messages(case: BusinessCase) -> list[str]:
    return [flag.message for flag in case.result.flags]
