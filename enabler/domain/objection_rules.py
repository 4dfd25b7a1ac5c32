"""Which objections a prospect is likely to raise, and why: pure rules over the library.

Inputs are the prospect (stage, industry, competitors), their insights and the library; each
suggestion carries human-readable reasons so a rep can see why an item is on the checklist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from enabler.domain.modules import ModuleState
from enabler.domain.objections import Objection, ObjectionCategory
from enabler.domain.prospects import Insight, InsightKind, Prospect

# What a kind of insight tells us about the objections to expect.
INSIGHT_CATEGORIES = {
    InsightKind.BUDGET: ObjectionCategory.PRICE,
    InsightKind.TIMING: ObjectionCategory.TIMING,
    InsightKind.COMPETITOR: ObjectionCategory.COMPETITOR,
}


@dataclass(frozen=True, slots=True)
class Suggestion:
    objection: Objection
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


def _mentions(text: str, word: str) -> bool:
    """`word` starts a word in `text` ("board" is in "board meeting", not in "onboarding")."""
    pattern = r"(?<!\w)" + re.escape(word.strip().casefold())
    return re.search(pattern, text.casefold()) is not None


def competitors_in_play(
    prospect: Prospect, insights: Iterable[Insight], known: Iterable[str]
) -> tuple[str, ...]:
    """The prospect's competitors, plus known competitors named in competitor-activity insights.

    Known names keep the library's spelling, so "paperbridge" on a prospect matches a
    "Paperbridge" battlecard.
    """
    known = list(known)
    spelled = {k.casefold(): k for k in known}
    out: dict[str, str] = {}
    for name in prospect.competitors:
        out.setdefault(name.casefold(), spelled.get(name.casefold(), name))
    for insight in insights:
        if insight.kind is InsightKind.COMPETITOR:
            for name in known:
                if _mentions(insight.text, name):
                    out.setdefault(name.casefold(), name)
    return tuple(out.values())


def _insight_reason(insight: Insight) -> str:
    text = " ".join(insight.text.split())
    if len(text) > 90:
        text = text[:89].rstrip() + "…"
    when = f" of {insight.date.isoformat()}" if insight.date else ""
    return f"Insight{when}: “{text}”"


def _insight_matches(objection: Objection, insight: Insight) -> bool:
    if any(_mentions(insight.text, word) for word in objection.keywords if word.strip()):
        return True
    if objection.keywords or INSIGHT_CATEGORIES.get(insight.kind) is not objection.category:
        return False
    return not objection.competitor or _mentions(insight.text, objection.competitor)


def likely_objections(
    prospect: Prospect,
    insights: Sequence[Insight],
    library: Iterable[Objection],
    in_play: Sequence[str] = (),
) -> list[Suggestion]:
    """Approved objections likely to come up with this prospect, each with why, library order.

    An objection is suggested when it fits the prospect's industry, its competitor (if any) is in
    play, and at least one of: it comes up at the prospect's stage, it is about a competitor in
    play, or an insight about the prospect points to it (a keyword, or the insight's kind).
    """
    playing = {c.casefold(): c for c in in_play}
    out = []
    for obj in library:
        if obj.state is not ModuleState.APPROVED or not obj.fits_industry(prospect.industry):
            continue
        if obj.competitor and obj.competitor.casefold() not in playing:
            continue
        reasons = []
        if not obj.stages:
            reasons.append("Can come up at any stage")
        elif prospect.stage in obj.stages:
            reasons.append(f"Often raised at the {prospect.stage.label} stage")
        if obj.industries and prospect.industry:
            reasons.append(f"Common in {prospect.industry}")
        if obj.competitor:
            reasons.append(f"{playing[obj.competitor.casefold()]} is in play")
        reasons += [_insight_reason(i) for i in insights if _insight_matches(obj, i)]
        # Fitting the industry alone is not a reason: it must also come up at this stage, etc.
        industry_only = reasons == [f"Common in {prospect.industry}"]
        if reasons and not industry_only:
            out.append(Suggestion(obj, tuple(reasons)))
    return out
