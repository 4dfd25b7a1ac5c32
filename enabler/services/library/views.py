"""What marketing's Library screens show: search with facet counts, one module's status and
history with the actions open to it, the review queue with each pending change, the stale list.

Read-only: every change goes through `governance` and `revisions`, which re-check the rules.
The actions offered here are asked of the lifecycle rules, so a screen never restates them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from enabler.domain import lifecycle
from enabler.domain.lifecycle import Action, ModuleStatus, ReviewEvent, VersionInfo
from enabler.domain.modules import ModuleState, Stage
from enabler.domain.profile import Profile
from enabler.domain.refs import ModuleRef
from enabler.domain.version_diff import FieldChange, VersionSnapshot, diff_versions
from enabler.errors import EnablerError, NotFound
from enabler.services.library.staleness import FlaggedDeck, StaleModule, decks_using, flagged_decks
from enabler.services.library.staleness import stale_modules as overdue_modules
from enabler.store import modules as module_store
from enabler.store import reviews, users, versions
from enabler.store.search import FILTER_NAMES, SearchFilters, SearchHit, facet_counts, search

# Facets in the order a marketer narrows by them, with their display names.
FACET_LABELS = {
    "state": "State",
    "kind": "Kind",
    "stage": "Stage",
    "industry": "Industry",
    "owner": "Owner",
    "persona": "Persona",
    "competitor": "Competitor",
}


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True, slots=True)
class Facet:
    name: str
    label: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True, slots=True)
class Findings:
    """One page of search hits, how many matched in all, and the facets to narrow them."""

    hits: tuple[SearchHit, ...]
    total: int
    facets: tuple[Facet, ...]


def _value_label(facet: str, value: str) -> str:
    if facet == "stage" and value in {s.value for s in Stage}:
        return Stage(value).label
    if facet in ("state", "kind"):
        return value.replace("_", " ").capitalize()
    return value


def find_modules(
    db: sqlite_utils.Database, text: str = "", filters: SearchFilters | None = None, limit=200
) -> Findings:
    """Search hits plus facet counts. A facet already chosen counts as if it were not, so its
    other values stay visible (and the count says what choosing one instead would give)."""
    filters = (filters or SearchFilters()).validate()
    results = search(db, text, filters, limit=limit)
    counts = facet_counts(db, text, filters)
    for name in FILTER_NAMES:
        if getattr(filters, name):
            wider = dataclasses.replace(filters, **{name: None})
            counts[name] = facet_counts(db, text, wider)[name]
    facets = []
    for name, label in FACET_LABELS.items():
        chosen = getattr(filters, name)
        values = dict(counts.get(name, {}))
        if chosen and chosen not in values:
            values[chosen] = 0  # still listed, so it can be un-chosen
        items = tuple(
            FacetValue(v, _value_label(name, v), n, v == chosen)
            for v, n in sorted(values.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
        )
        facets.append(Facet(name, label, items))
    return Findings(results.hits, results.total, tuple(facets))


# one module -----------------------------------------------------------------------------


def _allowed(check) -> bool:
    try:
        check()
    except EnablerError:
        return False
    return True


def available_actions(status: ModuleStatus) -> frozenset[str]:
    """What can be done to the module now, as `Action` values, by the lifecycle's own rules."""
    if status.read_only:
        return frozenset({Action.COMMENT.value})
    out = {Action.COMMENT.value}
    for action in (Action.SUBMIT, Action.APPROVE, Action.REJECT, Action.RETIRE):
        if _allowed(lambda a=action: lifecycle.next_state(status, a)):
            out.add(action.value)
    if status.state is ModuleState.APPROVED:
        out.add(Action.REVIEWED.value)
    if status.state is ModuleState.RETIRED or _allowed(lambda: lifecycle.edit_target(status)):
        out.add(Action.RESTORE.value)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class ModuleDetail:
    """A module's status, versions (newest first), review trail (oldest first) and choices."""

    status: ModuleStatus
    state_text: str
    versions: tuple[VersionInfo, ...]
    events: tuple[ReviewEvent, ...]
    actions: frozenset[str]
    replacements: tuple[tuple[str, str], ...]  # (key, title) of approved modules, by title
    replaced_by: str | None
    decks_using: int
    suggested_review_by: dt.date


def suggested_review_by(db: sqlite_utils.Database, today: dt.date | None = None) -> dt.date:
    """The next review date the library's rules give a module confirmed today."""
    return lifecycle.default_review_by(today or dt.date.today(), users.get_rules(db).review_days)


def module_detail(
    db: sqlite_utils.Database, ref: ModuleRef | int, today: dt.date | None = None
) -> ModuleDetail:
    status = module_store.module_status(db, ref)
    approved = module_store.module_statuses(db, ModuleState.APPROVED)
    choices = sorted(
        ((s.key, s.title) for s in approved if s.module_id != status.module_id),
        key=lambda kt: kt[1].casefold(),
    )
    replaced_by = None
    if status.replaced_by is not None:
        replaced_by = module_store.module_status(db, status.replaced_by).key
    return ModuleDetail(
        status=status,
        state_text=lifecycle.describe(status),
        versions=tuple(versions.version_history(db, status)),
        events=tuple(reviews.events(db, status.module_id)),
        actions=available_actions(status),
        replacements=tuple(choices),
        replaced_by=replaced_by,
        decks_using=len({d.deck_id for d in decks_using(db, status.module_id)}),
        suggested_review_by=suggested_review_by(db, today),
    )


# the review queue -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A module waiting for review and what approving it would change for reps."""

    status: ModuleStatus
    number: int  # the version under review
    base_number: int | None  # the approved version it replaces; None for a new module
    changes: tuple[FieldChange, ...]
    submitted_by: str = ""
    submitted_at: str = ""
    note: str = ""


def _base_version(db, status: ModuleStatus, events: list[ReviewEvent]) -> int | None:
    """The version reps had before this review: the approved one a revision would replace, or
    the last approved version of a module sent back to draft and resubmitted."""
    if status.has_revision:
        return status.current_version_id
    pending = status.version_under_review
    approved = [e.version_id for e in events if e.action == Action.APPROVE.value]
    return next((v for v in reversed(approved) if v is not None and v != pending), None)


def review_item(db: sqlite_utils.Database, status: ModuleStatus) -> ReviewItem:
    events = reviews.events(db, status.module_id)
    numbers = {v.id: v.number for v in versions.version_history(db, status)}
    pending = status.version_under_review
    if pending is None:
        raise NotFound(f"{status.key!r} has no version under review.")
    after = versions.snapshot(db, pending)
    base = _base_version(db, status, events)
    before = versions.snapshot(db, base) if base else VersionSnapshot(kind=after.kind)
    submit = next(
        (
            e
            for e in reversed(events)
            if e.action == Action.SUBMIT.value and e.version_id == pending
        ),
        None,
    )
    return ReviewItem(
        status=status,
        number=numbers[pending],
        base_number=numbers.get(base) if base else None,
        changes=tuple(diff_versions(before, after)),
        submitted_by=submit.actor if submit else "",
        submitted_at=submit.at if submit else "",
        note=submit.comment if submit else "",
    )


def review_queue(db: sqlite_utils.Database) -> list[ReviewItem]:
    """Modules (and revisions) in review, oldest submission first."""
    waiting = [
        s for s in module_store.module_statuses(db) if s.review_state is ModuleState.IN_REVIEW
    ]
    items = [review_item(db, s) for s in waiting]
    return sorted(items, key=lambda i: (i.submitted_at, i.status.key))


def current_profile(db: sqlite_utils.Database) -> Profile | None:
    """Who this copy of Enabler acts as, or None before anyone set it up."""
    return users.get_profile(db)


# staleness ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StaleReport:
    modules: tuple[StaleModule, ...]
    decks: tuple[FlaggedDeck, ...]
    next_due: ModuleStatus | None  # the approved module whose review comes up first
    suggested_review_by: dt.date


def stale_report(db: sqlite_utils.Database, today: dt.date | None = None) -> StaleReport:
    """Modules past their review-by date, decks built with since-retired modules, and (so an
    empty list can say when it will fill) the next review coming up."""
    today = today or dt.date.today()
    upcoming = [
        s
        for s in module_store.module_statuses(db, ModuleState.APPROVED)
        if s.review_by is not None and s.review_by >= today
    ]
    next_due = min(upcoming, key=lambda s: (s.review_by, s.key), default=None)
    return StaleReport(
        modules=tuple(overdue_modules(db, today)),
        decks=tuple(flagged_decks(db)),
        next_due=next_due,
        suggested_review_by=suggested_review_by(db, today),
    )
