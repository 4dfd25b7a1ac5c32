"""Internal rate of return that is never a wrong number.

The IRR is a rate r > −100 % at which the NPV of the flows is zero. With x = 1 / (1 + r) the NPV
is the polynomial p(x) = Σ CF_t · x^t, so every IRR is a positive real root of p. We count the
distinct positive roots *exactly* with a Sturm sequence over rational numbers (floats convert to
fractions without loss), isolate each one by bisection on the count, then refine it:

- no sign change in the flows → no IRR (Descartes: p has no positive root);
- exactly one distinct root → that rate;
- no root, or several (flows that change sign more than once can have two or more IRRs) →
  "not defined", with the roots we found so the rep can tell finance why.

Excel's IRR (Newton from a 10 % guess) and numpy-financial's `irr` (companion-matrix roots,
keeping the one closest to zero) both return *a* root without saying there are others; that is
the wrong-number failure this module exists to avoid. Cash flows are at most 11 values (a
10-year horizon), so exact arithmetic costs well under a millisecond.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from itertools import pairwise

Poly = list[Fraction]  # coefficients, highest degree first

_MAX_SPLITS = 200  # roots closer than B/2^200 are the same root for any money amount
_FLOAT_STEPS = 200
_NEGLIGIBLE = 1e-15
_CLOSE_ENOUGH = 1e-12  # relative width below which an unclear float sign ends the search
_HORNER_ERROR = 1e-13  # generous bound on Horner's relative rounding error for degree ≤ 10


class IrrStatus(StrEnum):
    UNIQUE = "unique"
    NO_SIGN_CHANGE = "no_sign_change"
    NO_ROOT = "no_root"
    MULTIPLE = "multiple"


@dataclass(frozen=True, slots=True)
class IrrResult:
    """The IRR (a fraction: 0.25 = 25 %) when exactly one rate zeroes the NPV, else None."""

    status: IrrStatus
    rate: float | None = None
    roots: tuple[float, ...] = ()  # every rate found, ascending (several when MULTIPLE)

    @property
    def defined(self) -> bool:
        return self.status is IrrStatus.UNIQUE

    @property
    def reason(self) -> str:
        """Why the IRR is not defined, in the rep's words ('' when it is)."""
        if self.status is IrrStatus.NO_SIGN_CHANGE:
            return "not defined: the cash flows never change sign"
        if self.status is IrrStatus.NO_ROOT:
            return "not defined: no discount rate makes the NPV zero"
        if self.status is IrrStatus.MULTIPLE:
            return f"not defined: {len(self.roots)} different rates make the NPV zero; use NPV"
        return ""


def sign_changes(values: Sequence[float] | Sequence[Fraction]) -> int:
    """How often the sign flips along `values`, zeros skipped (Descartes' rule of signs)."""
    signs = [v > 0 for v in values if v != 0]
    return sum(1 for a, b in pairwise(signs) if a != b)


def irr(flows: Sequence[float]) -> IrrResult:
    """IRR of yearly `flows` (year 0 first); see the module docstring for the guarantees."""
    poly = _polynomial(flows)
    changes = sign_changes(poly)
    if changes == 0:
        return IrrResult(IrrStatus.NO_SIGN_CHANGE)
    if changes == 1:
        # Descartes: exactly one positive root, and p(0), p(∞) differ in sign: bisect in floats.
        bound = float(1 + max(abs(c / poly[0]) for c in poly[1:]))
        xs = [_bisect(poly, 0.0, bound)]
    else:
        xs = _positive_roots(poly)
    rates = tuple(sorted(1.0 / x - 1.0 for x in xs))
    if not rates:
        return IrrResult(IrrStatus.NO_ROOT)
    if len(rates) > 1:
        return IrrResult(IrrStatus.MULTIPLE, roots=rates)
    return IrrResult(IrrStatus.UNIQUE, rates[0], rates)


# polynomial helpers (exact) ---


def _polynomial(flows: Sequence[float]) -> Poly:
    """p(x) = Σ CF_t x^t, highest degree first, without roots at x = 0 (they are r = ∞).

    Scaled so the largest coefficient is ±1 (same roots, no float overflow later); flows below
    double precision relative to the largest (|CF| < 1e-15 · max) count as zero, as they would
    in any sum of these flows.
    """
    largest = max((abs(v) for v in flows), default=0.0)
    if largest == 0:
        return []
    scale = Fraction(largest)
    coeffs = [
        Fraction(v) / scale if abs(v) >= largest * _NEGLIGIBLE else Fraction(0) for v in flows
    ]
    while coeffs and coeffs[0] == 0:  # CF_0 = 0 → factor x, not an IRR
        coeffs.pop(0)
    while coeffs and coeffs[-1] == 0:
        coeffs.pop()
    return coeffs[::-1]


def _derivative(p: Poly) -> Poly:
    n = len(p) - 1
    return [c * (n - i) for i, c in enumerate(p[:-1])]


def _remainder(a: Poly, b: Poly) -> Poly:
    a = list(a)
    while len(a) >= len(b):
        factor = a[0] / b[0]
        for i, c in enumerate(b):
            a[i] -= factor * c
        a.pop(0)
    while a and a[0] == 0:
        a.pop(0)
    return a


def _sturm(p: Poly) -> list[Poly]:
    seq = [p, _derivative(p)]
    while len(seq[-1]) > 1:
        rem = _remainder(seq[-2], seq[-1])
        if not rem:
            break
        lead = abs(rem[0])  # a positive scale keeps signs and stops the fractions growing
        seq.append([-c / lead for c in rem])
    return seq


def _eval(p: Poly, x: Fraction) -> Fraction:
    acc = Fraction(0)
    for c in p:
        acc = acc * x + c
    return acc


def _variations(seq: list[Poly], x: Fraction | None) -> int:
    """Sign variations of the Sturm sequence at x (None = +∞)."""
    values = [q[0] if x is None else _eval(q, x) for q in seq]
    return sign_changes(values)


def _positive_roots(p: Poly) -> list[float]:
    """Every distinct root of p in (0, ∞), each to double precision."""
    if len(p) < 2:
        return []
    seq = _sturm(p)
    bound = 1 + max(abs(c / p[0]) for c in p[1:])  # Cauchy: every root has |x| < bound
    roots: list[float] = []
    stack = [(Fraction(0), bound, _variations(seq, Fraction(0)), _variations(seq, None), 0)]
    while stack:
        lo, hi, v_lo, v_hi, depth = stack.pop()
        count = v_lo - v_hi
        if count == 0:
            continue
        if count == 1 or depth >= _MAX_SPLITS:
            roots.append(_refine(p, seq, lo, hi, v_lo))
            continue
        mid = (lo + hi) / 2
        if _eval(p, mid) == 0:
            mid += (hi - lo) / 1000  # keep split points off roots so counts stay exact
        v_mid = _variations(seq, mid)
        stack.append((lo, mid, v_lo, v_mid, depth + 1))
        stack.append((mid, hi, v_mid, v_hi, depth + 1))
    return roots


def _refine(p: Poly, seq: list[Poly], lo: Fraction, hi: Fraction, v_lo: int) -> float:
    """Narrow an interval (lo, hi] holding one root down to float precision."""
    if _eval(p, hi) == 0:
        return float(hi)
    if (_eval(p, lo) > 0) != (_eval(p, hi) > 0):
        return _bisect(p, float(lo), float(hi))
    # An even-multiplicity root touches zero without crossing: bisect on the Sturm count, with
    # float-valued split points so the fractions stay small.
    for _ in range(_FLOAT_STEPS):
        mid = Fraction((float(lo) + float(hi)) / 2)
        if not lo < mid < hi:
            break
        v_mid = _variations(seq, mid)
        if v_mid < v_lo:  # the root lies in (lo, mid]
            hi = mid
        else:
            lo, v_lo = mid, v_mid
    return float(hi)


def _bisect(p: Poly, lo: float, hi: float) -> float:
    """Bisection on a sign change of p in (lo, hi), with every sign exact.

    Floats decide the sign when the value clearly exceeds Horner's rounding error; near the
    root (where a flat, multiple root would fool floats) the sign is computed exactly.
    """
    coeffs = [float(c) for c in p]

    def sign(x: float) -> bool | None:
        """The sign of p(x); None when floats cannot tell and the interval is already tiny."""
        acc = bound = 0.0
        for c in coeffs:
            acc, bound = acc * x + c, bound * abs(x) + abs(c)
        if abs(acc) > _HORNER_ERROR * bound:
            return acc > 0
        if hi - lo <= _CLOSE_ENOUGH * hi:  # a simple root: x is right to ~1e-12 already
            return None
        return _eval(p, Fraction(x)) > 0

    s_lo = sign(lo)
    for _ in range(_FLOAT_STEPS):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        s_mid = sign(mid)
        if s_mid is None:
            return mid
        if s_mid == s_lo:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2
