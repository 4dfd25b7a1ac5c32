"""The order a deck tells its story in: opening, problem, solution, proof, ROI, next steps (pure).

A module's role comes from its tags (marketing's words for what a slide does), else from its
layout. The automatic deck takes the best-ranked modules, always keeping one opening and one
closing when the library has them, and lays them out role by role, best first within a role.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from enabler.domain.modules import Module, SmartLayout
from enabler.domain.recommend.score import Recommendation

DEFAULT_TOP = 10


class Role(IntEnum):
    """Story position; the value is the order in the deck."""

    OPENING = 0
    PROBLEM = 1
    SOLUTION = 2
    PROOF = 3
    ROI = 4
    CLOSING = 5

    @property
    def label(self) -> str:
        return self.name.lower()


# First match wins, in this order, so "cost" + "business-case" reads as a problem slide and
# "roi" + "metric" as an ROI slide.
_TAG_ROLES: tuple[tuple[Role, frozenset[str]], ...] = (
    (Role.CLOSING, frozenset({"closing", "next-steps", "call-to-action"})),
    (Role.OPENING, frozenset({"section", "opening", "agenda", "intro"})),
    (Role.PROBLEM, frozenset({"problem", "pain", "trends", "cost", "point-of-view", "challenge"})),
    (Role.ROI, frozenset({"roi", "business-case", "pricing", "commercial", "payback"})),
    (Role.PROOF, frozenset({"proof", "case-study", "references", "testimonial", "quote"})),
)
_LAYOUT_ROLES = {
    SmartLayout.SECTION: Role.OPENING,
    SmartLayout.CLOSING: Role.CLOSING,
    SmartLayout.QUOTE: Role.PROOF,
    SmartLayout.LOGO_STRIP: Role.PROOF,
}


def role_of(module: Module, layout: SmartLayout | None = None) -> Role:
    tags = {t.casefold() for t in module.tags}
    for role, names in _TAG_ROLES:
        if tags & names:
            return role
    return _LAYOUT_ROLES.get(layout, Role.SOLUTION) if layout else Role.SOLUTION


def select_for_deck(ranked: Sequence[Recommendation], top: int = DEFAULT_TOP) -> list[Module]:
    """The best `top` modules in story order, with one opening and one closing at most."""
    roles = [role_of(r.module, r.layout) for r in ranked]
    picked: list[int] = []
    for bookend in (Role.OPENING, Role.CLOSING):
        first = next((i for i, role in enumerate(roles) if role is bookend), None)
        if first is not None and len(picked) < top:
            picked.append(first)
    for i, role in enumerate(roles):
        if len(picked) >= top:
            break
        if role not in (Role.OPENING, Role.CLOSING) and i not in picked:
            picked.append(i)
    # Stable: within a role, rank order (picked indices are rank positions).
    return [ranked[i].module for i in sorted(picked, key=lambda i: (roles[i], i))]
