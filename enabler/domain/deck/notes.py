"""What the automatic plan did to the ranked selection, and why (pure).

`enabler build` without `--modules` takes the best modules for the prospect, lets features add
their generated slides (ROI, objections, criteria…), leaves out modules whose fields cannot be
filled, and keeps the deck at `--top` modules. Each of those decisions becomes a `PlanNote` the
CLI and the app phrase for the rep; nothing here names a command-line flag.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from enabler.domain.deck.storyline import Role, role_of
from enabler.domain.modules import Module
from enabler.errors import FieldFix


class PlanNoteKind(StrEnum):
    ADDED = "added"  # a feature added a slide made from the prospect's data (`reason` says why)
    REPLACED = "replaced"  # a feature's slide took the place of this library module
    MADE_ROOM = "made_room"  # left out to keep the deck at the size asked for
    LEFT_OUT = "left_out"  # a field it needs has no value for this prospect (`field`, `fixes`)


@dataclass(frozen=True, slots=True)
class PlanNote:
    kind: PlanNoteKind
    module_key: str
    module_title: str
    reason: str = ""
    field: str = ""  # LEFT_OUT: the dotted field name, e.g. "contact.first_name"
    fixes: tuple[FieldFix, ...] = ()  # LEFT_OUT: how a rep can give the field a value

    def to_dict(self) -> dict:
        return {
            "kind": self.kind.value,
            "module": self.module_key,
            "title": self.module_title,
            "reason": self.reason,
            "field": self.field,
            "fixes": [f.value for f in self.fixes],
        }


def _keep_priority(module: Module, base_rank: Mapping[int, int], added: Sequence[int]) -> int:
    """Lower keeps longer: the opening and closing, then feature slides, then content by rank."""
    if module.id in base_rank:
        if role_of(module) in (Role.OPENING, Role.CLOSING):
            return 0
        return 10_000 + base_rank[module.id]
    return 1 + added.index(module.id)


def fit_to_top(
    chosen: Sequence[Module], base_rank: Mapping[int, int], top: int
) -> tuple[list[Module], list[Module]]:
    """(kept, left out): `chosen` cut to `top` modules, story order kept.

    `base_rank` is each ranked module's position (0 = best); modules not in it were added by a
    feature and take the place of the lowest-ranked content first.
    """
    if len(chosen) <= top:
        return list(chosen), []
    added = [m.id for m in chosen if m.id not in base_rank]
    order = sorted(chosen, key=lambda m: _keep_priority(m, base_rank, added))
    dropped_ids = {m.id for m in order[max(top, 0) :]}
    kept = [m for m in chosen if m.id not in dropped_ids]
    return kept, [m for m in chosen if m.id in dropped_ids]
