"""DeckPlan: what a deck will contain, before anything is rendered."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from enabler.domain.deck.notes import PlanNote
from enabler.domain.modules import Module, ModuleState, ModuleVersion
from enabler.domain.prospects import Contact, Prospect


@dataclass(frozen=True, slots=True)
class PlannedModule:
    module: Module
    version: ModuleVersion


@dataclass(frozen=True, slots=True)
class DeckPlan:
    """A prospect, the ordered module versions to show them, and field overrides."""

    prospect: Prospect
    modules: tuple[PlannedModule, ...]
    contact: Contact | None = None
    rep: str = ""
    date: dt.date = field(default_factory=dt.date.today)
    overrides: dict[str, str] = field(default_factory=dict)
    title: str = ""
    notes: tuple[PlanNote, ...] = ()  # what the automatic plan added or left out, and why
    # The deck is the buyer's: internal status (overdue steps) shows only when the rep chooses.
    show_status: bool = False

    def provenance(self) -> dict:
        """A JSON-ready record of exactly what went into the deck."""
        return {
            "prospect": {"id": self.prospect.id, "company": self.prospect.company},
            "contact_id": self.contact.id if self.contact else None,
            "rep": self.rep,
            "date": self.date.isoformat(),
            "overrides": dict(self.overrides),
            "modules": [
                {
                    "module_id": p.module.id,
                    "key": p.module.key,
                    "version_id": p.version.id,
                    "version": p.version.number,
                }
                for p in self.modules
            ],
        }


def default_selection(prospect: Prospect, modules: list[Module]) -> list[Module]:
    """Approved modules whose stage and industry match the prospect.

    Competitor-specific modules are kept only when the prospect is evaluating that competitor.
    Order: the stage's section divider first, closing modules last, otherwise library order.
    """
    evaluating = {c.casefold() for c in prospect.competitors}
    chosen = [
        m
        for m in modules
        if m.state is ModuleState.APPROVED
        and prospect.stage in m.stages
        and m.fits_industry(prospect.industry)
        and (not m.competitors or evaluating & {c.casefold() for c in m.competitors})
    ]
    return sorted(chosen, key=lambda m: 0 if m.is_section else 2 if m.is_closing else 1)
