"""Feedback analytics: module usage, win rates with Wilson intervals, ratings and flags.

Pure functions over plain values (no I/O). Every ratio guards its denominator: with no data
the answer is None ("no claim"), never a division by zero.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from enabler.errors import InvalidInput

MIN_SAMPLE = 10  # decks on each side (with and without a module) before a win-rate claim
MIN_RATINGS = 3  # ratings of a module before recommendations use its average
LOW_RATING = 2.5  # an average at or below this marks a module for marketing's attention
Z_95 = 1.959963984540054  # two-sided 95 % normal quantile


class FlagKind(StrEnum):
    NEEDS_UPDATE = "needs_update"
    WRONG_CLAIM = "wrong_claim"
    MISSING_FOR_INDUSTRY = "missing_for_industry"


class Outcome(StrEnum):
    WON = "won"
    LOST = "lost"
    NO_DECISION = "no_decision"


def _choice(enum, text: str, what: str):
    norm = str(text).strip().casefold().replace("-", "_").replace(" ", "_")
    try:
        return enum(norm)
    except ValueError:
        allowed = ", ".join(v.value.replace("_", "-") for v in enum)
        raise InvalidInput(f"{text!r} is not a {what}; use one of: {allowed}.") from None


def parse_flag(text: str) -> FlagKind:
    return _choice(FlagKind, text, "flag")


def parse_outcome(text: str) -> Outcome:
    return _choice(Outcome, text, "deal outcome")


def parse_rating(value: object) -> int:
    """A whole number of stars from 1 to 5."""
    try:
        stars = int(str(value).strip())
    except ValueError:
        stars = None
    if stars is None or str(stars) != str(value).strip() or not 1 <= stars <= 5:
        raise InvalidInput(f"A rating is a whole number from 1 to 5, not {value!r}.")
    return stars


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float


def wilson(successes: int, n: int, z: float = Z_95) -> Interval | None:
    """Wilson score interval for a proportion; None without observations."""
    if n <= 0:
        return None
    p = successes / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True, slots=True)
class DeckUse:
    """One built deck: whose deal, at what stage, by whom, with which modules."""

    deck_id: int
    prospect_id: int | None
    stage: str
    rep: str
    module_ids: frozenset[int]


@dataclass(frozen=True, slots=True)
class WinRate:
    """Win rate of decks that used a module versus decks that did not (closed deals only)."""

    module_id: int
    used: int
    used_won: int
    rest: int
    rest_won: int
    min_sample: int = MIN_SAMPLE

    @property
    def rate_used(self) -> float | None:
        return ratio(self.used_won, self.used)

    @property
    def rate_rest(self) -> float | None:
        return ratio(self.rest_won, self.rest)

    @property
    def interval_used(self) -> Interval | None:
        return wilson(self.used_won, self.used)

    @property
    def interval_rest(self) -> Interval | None:
        return wilson(self.rest_won, self.rest)

    @property
    def enough(self) -> bool:
        return self.used >= self.min_sample and self.rest >= self.min_sample

    @property
    def verdict(self) -> str:
        """'better' / 'worse' only when both samples are big enough and intervals are apart."""
        if not self.enough:
            return "not enough data"
        a, b = self.interval_used, self.interval_rest
        if a is None or b is None:
            return "not enough data"
        if a.low > b.high:
            return "better"
        if a.high < b.low:
            return "worse"
        return "no clear difference"


def distinct_decks(decks: Iterable[DeckUse]) -> list[DeckUse]:
    """One deck per prospect, rep and set of modules: a rep rebuilding the same plan (a fixed
    typo, a test build, a new template) is the same deck to the buyer, so only the latest build
    counts; another rep's deck for the same prospect is their own use of the modules."""
    latest: dict[tuple[int | None, str, frozenset[int]], DeckUse] = {}
    for d in decks:
        key = (d.prospect_id, d.rep, d.module_ids)
        if key not in latest or d.deck_id > latest[key].deck_id:
            latest[key] = d
    return sorted(latest.values(), key=lambda d: d.deck_id)


def usage(decks: Iterable[DeckUse]) -> dict[str, dict[str, Counter]]:
    """Decks using each module, overall and split by stage and by rep."""
    per_module: Counter = Counter()
    per_stage: dict[str, Counter] = defaultdict(Counter)
    per_rep: dict[str, Counter] = defaultdict(Counter)
    for d in decks:
        for mid in d.module_ids:
            per_module[mid] += 1
            per_stage[d.stage or "(none)"][mid] += 1
            per_rep[d.rep or "(unknown)"][mid] += 1
    return {"module": {"all": per_module}, "stage": dict(per_stage), "rep": dict(per_rep)}


def win_rates(
    decks: Sequence[DeckUse],
    outcomes: Mapping[int, Outcome],
    module_ids: Iterable[int],
    min_sample: int = MIN_SAMPLE,
) -> list[WinRate]:
    """Per module: decks for closed deals that used it vs the others.

    A deck counts when its prospect has an outcome; only `won` is a success (lost and
    no-decision are not). Highest win rate among claims first, then the rest by usage.
    """
    closed = [d for d in decks if d.prospect_id in outcomes]
    won = {
        d.deck_id
        for d in closed
        if d.prospect_id is not None and outcomes[d.prospect_id] is Outcome.WON
    }
    total, total_won = len(closed), len(won)
    out = []
    for mid in sorted(set(module_ids)):
        users = [d for d in closed if mid in d.module_ids]
        used_won = sum(1 for d in users if d.deck_id in won)
        out.append(
            WinRate(mid, len(users), used_won, total - len(users), total_won - used_won, min_sample)
        )
    return sorted(out, key=lambda w: (not w.enough, -(w.rate_used or 0.0), -w.used, w.module_id))


@dataclass(frozen=True, slots=True)
class RatingSummary:
    module_id: int
    count: int
    average: float | None
    flags: Mapping[str, int]


def rating_summaries(rows: Iterable[tuple[int, int, str | None]]) -> dict[int, RatingSummary]:
    """(module_id, stars, flag or None) rows → count, average and open flags per module."""
    stars: dict[int, list[int]] = defaultdict(list)
    flags: dict[int, Counter] = defaultdict(Counter)
    for mid, rating, flag in rows:
        stars[mid].append(rating)
        if flag:
            flags[mid][flag] += 1
    return {
        mid: RatingSummary(mid, len(s), ratio(sum(s), len(s)), dict(flags[mid]))
        for mid, s in stars.items()
    }


def trusted_averages(
    summaries: Mapping[int, RatingSummary], min_count: int = MIN_RATINGS
) -> dict[int, float]:
    """Averages backed by at least `min_count` ratings (what recommendations may use)."""
    return {
        mid: s.average
        for mid, s in summaries.items()
        if s.count >= max(1, min_count) and s.average is not None
    }


def low_rated(
    summaries: Mapping[int, RatingSummary],
    min_count: int = MIN_RATINGS,
    threshold: float = LOW_RATING,
) -> list[RatingSummary]:
    """Modules with enough ratings whose average is at or below `threshold`, worst first."""
    out = [
        s
        for s in summaries.values()
        if s.count >= min_count and s.average is not None and s.average <= threshold
    ]
    return sorted(out, key=lambda s: (s.average, -s.count, s.module_id))


def top(counts: Mapping[str, int], n: int = 5) -> list[tuple[str, int]]:
    """The `n` largest counts, ties by name."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
