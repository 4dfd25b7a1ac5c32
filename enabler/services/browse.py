"""Read-only queries the app's pages show (kept here so the GUI talks to services only)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from enabler.domain.modules import Module, ModuleState
from enabler.domain.prospects import DEFAULT_STALE_AFTER_DAYS, Contact, Insight, Prospect
from enabler.services.insights import stale_after_days
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store


@dataclass(frozen=True, slots=True)
class ProspectProfile:
    prospect: Prospect
    contacts: tuple[Contact, ...]
    insights: tuple[Insight, ...]
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS  # the library's setting (insights)


def prospects(db: sqlite_utils.Database) -> list[Prospect]:
    return prospect_store.list_prospects(db)


def profile(db: sqlite_utils.Database, prospect_id: int) -> ProspectProfile:
    return ProspectProfile(
        prospect=prospect_store.get(db, prospect_id),
        contacts=tuple(prospect_store.contacts(db, prospect_id)),
        insights=tuple(prospect_store.insights(db, prospect_id)),
        stale_after_days=stale_after_days(db),
    )


def modules(db: sqlite_utils.Database, state: ModuleState | None = None) -> list[Module]:
    return module_store.list_modules(db, state)


def approved_modules(db: sqlite_utils.Database) -> list[Module]:
    return module_store.list_modules(db, ModuleState.APPROVED)
