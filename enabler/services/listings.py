"""Read-only lists the shells show as they are: modules, prospects, contacts, keys, the audit
trail. Anything with a rule or a view model lives in its own service; these only read."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from enabler.domain.deck.plan import DeckPlan, PlannedModule
from enabler.domain.lifecycle import ModuleStatus
from enabler.domain.modules import Module, ModuleState, ModuleVersion
from enabler.domain.prospects import Contact, Prospect
from enabler.domain.refs import ModuleRef, ProspectRef
from enabler.domain.version_diff import VersionSnapshot
from enabler.store import audit, users, versions
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store
from enabler.store.search import SearchFilters, SearchResults, search
from enabler.store.team import trusted_keys
from enabler.store.users import GovernanceRules


def list_modules(db: sqlite_utils.Database, state: ModuleState | None = None) -> list[Module]:
    return module_store.list_modules(db, state)


def search_modules(
    db: sqlite_utils.Database, text: str = "", filters: SearchFilters | None = None, limit=20
) -> SearchResults:
    """Best matches first (see `enabler.store.search`)."""
    return search(db, text, filters, limit=limit)


def list_prospects(db: sqlite_utils.Database) -> list[Prospect]:
    """Every prospect, by company."""
    return prospect_store.list_prospects(db)


def prospect_contacts(db: sqlite_utils.Database, prospect_ref: ProspectRef) -> list[Contact]:
    """The contacts of the prospect `prospect_ref` names, primary first."""
    return prospect_store.contacts(db, prospect_store.find(db, prospect_ref).id)


def trusted_pack_keys(db: sqlite_utils.Database) -> list:
    return trusted_keys.list_keys(db)


def review_rules(db: sqlite_utils.Database) -> GovernanceRules:
    return users.get_rules(db)


def audit_trail(
    db: sqlite_utils.Database,
    entity: str | None = None,
    entity_id: str | None = None,
    module_ref: ModuleRef | None = None,
    limit: int = 50,
) -> list[dict]:
    """Newest entries first; `module_ref` (id or key) narrows to one module."""
    if module_ref:
        entity, entity_id = "module", str(module_store.get_module(db, module_ref).id)
    return audit.latest(db, entity, entity_id, limit)


def module_content(
    db: sqlite_utils.Database, ref: ModuleRef | int
) -> tuple[ModuleStatus, VersionSnapshot]:
    """A module's review status and its current version's content."""
    status = module_store.module_status(db, ref)
    return status, versions.snapshot(db, status.current_version_id)


@dataclass(frozen=True, slots=True)
class SamplePlan:
    plan: DeckPlan  # the module's current version alone, for `plan.prospect`
    module: Module
    version: ModuleVersion
    sample: bool  # True: no prospect in the library, an example one was used


def sample_plan(db: sqlite_utils.Database, ref: ModuleRef | int, sample_company: str) -> SamplePlan:
    """A one-module plan of the module's current version for the first prospect by company
    (as the editor's preview lists them), or an example prospect in an empty library."""
    module = module_store.get_module(db, ref)
    version = module_store.current_version(db, module)
    prospects = prospect_store.list_prospects(db)
    prospect = prospects[0] if prospects else Prospect(id=0, company=sample_company)
    contacts = prospect_store.contacts(db, prospect.id) if prospects else []
    plan = DeckPlan(
        prospect=prospect,
        modules=(PlannedModule(module, version),),
        contact=contacts[0] if contacts else None,
        rep=prospect.owner_rep,
    )
    return SamplePlan(plan, module, version, sample=not prospects)
