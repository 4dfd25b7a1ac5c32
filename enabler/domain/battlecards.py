"""Battlecards: how we are different from one competitor, in one place.

Marketing governs battlecards like modules (owner, approval state, review-by date). Reps read
them before a call; the deck's "why us versus X" slide and the prep sheet are made from them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from enabler.domain.modules import ModuleState


class Outcome(StrEnum):
    WON = "won"
    LOST = "lost"


@dataclass(frozen=True, slots=True)
class Differentiator:
    """A claim we can back up; `proof_module` links to a module key (case study, reference)."""

    claim: str
    proof: str = ""
    proof_module: str = ""


@dataclass(frozen=True, slots=True)
class Pitch:
    """What the competitor will likely say, and how to neutralise it before they do."""

    claim: str
    neutralise: str = ""


@dataclass(frozen=True, slots=True)
class WinLossNote:
    outcome: Outcome
    account: str
    note: str
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Battlecard:
    id: int
    competitor: str
    summary: str = ""
    differentiators: tuple[Differentiator, ...] = ()
    strengths: tuple[str, ...] = ()  # where they are strong: never argue these
    pitches: tuple[Pitch, ...] = ()
    landmines: tuple[str, ...] = ()  # questions that expose their weak spots
    win_loss: tuple[WinLossNote, ...] = ()
    owner: str = ""
    state: ModuleState = ModuleState.DRAFT
    review_by: dt.date | None = None

    def is_stale(self, today: dt.date) -> bool:
        return self.review_by is not None and self.review_by < today

    @property
    def record(self) -> tuple[int, int]:
        """(won, lost) among the win/loss notes."""
        won = sum(1 for n in self.win_loss if n.outcome is Outcome.WON)
        return won, len(self.win_loss) - won

    def proof_modules(self) -> tuple[str, ...]:
        return tuple(d.proof_module for d in self.differentiators if d.proof_module)


def battlecard_from_dict(data: dict, *, id: int = 0) -> Battlecard:
    """A Battlecard from its JSON form (as stored, or as written in a demo file)."""

    def texts(name: str) -> tuple[str, ...]:
        return tuple(str(t) for t in data.get(name, ()))

    return Battlecard(
        id=id,
        competitor=str(data["competitor"]),
        summary=str(data.get("summary", "")),
        differentiators=tuple(
            Differentiator(str(d["claim"]), str(d.get("proof", "")), str(d.get("proof_module", "")))
            for d in data.get("differentiators", ())
        ),
        strengths=texts("strengths"),
        pitches=tuple(
            Pitch(str(p["claim"]), str(p.get("neutralise", ""))) for p in data.get("pitches", ())
        ),
        landmines=texts("landmines"),
        win_loss=tuple(
            WinLossNote(
                Outcome(n["outcome"]),
                str(n.get("account", "")),
                str(n.get("note", "")),
                dt.date.fromisoformat(n["date"]) if n.get("date") else None,
            )
            for n in data.get("win_loss", ())
        ),
        owner=str(data.get("owner", "")),
        state=ModuleState(data.get("state", ModuleState.DRAFT.value)),
        review_by=dt.date.fromisoformat(data["review_by"]) if data.get("review_by") else None,
    )


def battlecard_to_dict(card: Battlecard) -> dict:
    """The JSON form of a battlecard (the inverse of `battlecard_from_dict`, without the id)."""
    return {
        "competitor": card.competitor,
        "summary": card.summary,
        "differentiators": [
            {"claim": d.claim, "proof": d.proof, "proof_module": d.proof_module}
            for d in card.differentiators
        ],
        "strengths": list(card.strengths),
        "pitches": [{"claim": p.claim, "neutralise": p.neutralise} for p in card.pitches],
        "landmines": list(card.landmines),
        "win_loss": [
            {
                "outcome": n.outcome.value,
                "account": n.account,
                "note": n.note,
                "date": n.date.isoformat() if n.date else None,
            }
            for n in card.win_loss
        ],
        "owner": card.owner,
        "state": card.state.value,
        "review_by": card.review_by.isoformat() if card.review_by else None,
    }
