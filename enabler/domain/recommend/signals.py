"""What a recommendation knows about a prospect, distilled from its record (pure).

Signals are computed once per recommendation and then matched against every module, so all
text work on the prospect side (keywords, competitor mentions) happens here, once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from enabler.domain.modules import Stage
from enabler.domain.prospects import Contact, Freshness, Insight, InsightKind, Prospect
from enabler.domain.recommend.keywords import stem, words

# How much a committee member's voice counts, by the influence a rep recorded.
INFLUENCE = {"high": 1.0, "medium": 0.6, "low": 0.3}
UNKNOWN_INFLUENCE = 0.6


@dataclass(frozen=True, slots=True)
class CommitteePersona:
    """A persona present in the buying committee and its share of the committee's influence."""

    persona: str
    share: float
    people: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CompetitorInPlay:
    name: str
    why: str  # "who is in this evaluation", "their current vendor"…


@dataclass(frozen=True, slots=True)
class Clue:
    """A pain, goal or insight whose words may match a module's words."""

    label: str  # how a reason names it: 'their pain "…"', 'an insight from 2026-11-09 "…"'
    text: str
    keywords: frozenset[str]
    terms: tuple[tuple[str, str], ...] = ()  # (word, stem) in order, to name shared words

    @classmethod
    def of(cls, label: str, text: str) -> Clue:
        terms = tuple((w, stem(w)) for w in words(text))
        return cls(label, text, frozenset(s for _, s in terms), terms)

    def shared_words(self, stems: frozenset[str]) -> list[str]:
        """Its words whose stems are in `stems`, each stem once, in order."""
        seen: dict[str, str] = {}
        for w, s in self.terms:
            if s in stems and s not in seen:
                seen[s] = w
        return list(seen.values())


@dataclass(frozen=True, slots=True)
class ProspectSignals:
    company: str
    stage: Stage
    industry: str
    personas: tuple[CommitteePersona, ...] = ()
    competitors: tuple[CompetitorInPlay, ...] = ()
    pains: tuple[Clue, ...] = ()
    goals: tuple[Clue, ...] = ()
    insights: tuple[Clue, ...] = ()


def quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f'"{text if len(text) <= limit else text[: limit - 1].rstrip() + "…"}"'


def committee(contacts: Iterable[Contact]) -> tuple[CommitteePersona, ...]:
    """Personas in the committee, each weighted by its most influential member."""
    best: dict[str, float] = {}
    people: dict[str, list[str]] = {}
    label: dict[str, str] = {}
    for c in contacts:
        if not c.persona.strip():
            continue
        key = c.persona.strip().casefold()
        label.setdefault(key, c.persona.strip())
        weight = INFLUENCE.get(c.influence.strip().casefold(), UNKNOWN_INFLUENCE)
        best[key] = max(best.get(key, 0.0), weight)
        people.setdefault(key, []).append(c.name)
    total = sum(best.values())
    return tuple(
        CommitteePersona(label[k], best[k] / total, tuple(people[k])) for k in sorted(best)
    )


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None


def competitors_in_play(
    prospect: Prospect, insights: Iterable[Insight], known: Iterable[str]
) -> tuple[CompetitorInPlay, ...]:
    """Competitors named on the prospect, then known ones its vendor or recent notes mention."""
    out = {
        c.casefold(): CompetitorInPlay(c, "who is in this evaluation") for c in prospect.competitors
    }
    for name in sorted(set(known), key=str.casefold):
        if name.casefold() in out:
            continue
        if prospect.current_vendor and _mentions(prospect.current_vendor, name):
            out[name.casefold()] = CompetitorInPlay(name, "their current vendor")
            continue
        for i in insights:
            if i.kind is InsightKind.COMPETITOR and _mentions(i.text, name):
                when = f" of {i.date.isoformat()}" if i.date else ""
                out[name.casefold()] = CompetitorInPlay(name, f"named in an insight{when}")
                break
    return tuple(out.values())


def _insight_label(i: Insight) -> str:
    if i.is_segment_research:
        who = " ".join(x for x in (i.industry, i.persona) if x) or "every segment"
        return f"segment research for {who} {quote(i.text)}"
    when = f" from {i.date.isoformat()}" if i.date else ""
    return f"an insight{when} {quote(i.text)}"


def signals_for(
    prospect: Prospect,
    contacts: Iterable[Contact],
    insights: Iterable[Insight],
    *,
    today: dt.date,
    stale_after_days: int,
    known_competitors: Iterable[str] = (),
) -> ProspectSignals:
    """Signals from a prospect, its committee and its insights (own and segment research).

    Stale and personal insights do not steer the choice of slides.
    """
    usable = [
        i
        for i in insights
        if i.kind is not InsightKind.PERSONAL
        and i.freshness(today, stale_after_days) is not Freshness.STALE
    ]
    return ProspectSignals(
        company=prospect.company,
        stage=prospect.stage,
        industry=prospect.industry,
        personas=committee(contacts),
        competitors=competitors_in_play(prospect, usable, known_competitors),
        pains=tuple(Clue.of(f"their pain {quote(p)}", p) for p in prospect.pains),
        goals=tuple(Clue.of(f"their goal {quote(g)}", g) for g in prospect.goals),
        insights=tuple(Clue.of(_insight_label(i), i.text) for i in usable),
    )
