"""Marketing's review workflow: submit, approve, reject, retire, comment, confirm review dates.

Every action names who did it (the local profile), runs in one transaction, checks the module's
row version so a concurrent change is reported instead of overwritten, and writes the audit log
with the module's state before and after.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from enabler.domain import lifecycle
from enabler.domain.lifecycle import Action, ModuleStatus
from enabler.domain.modules import ModuleState
from enabler.domain.profile import Profile, make_profile
from enabler.domain.refs import ModuleRef
from enabler.errors import Fix, Hint, InvalidInput
from enabler.services.library.staleness import decks_using
from enabler.store import audit, reviews, users, versions
from enabler.store import modules as module_store
from enabler.store.connection.db import transaction
from enabler.store.connection.rows import list_json

MAX_COMMENT = 4000


def require_profile(db: sqlite_utils.Database) -> Profile:
    """The local user; governance actions need one for the audit log."""
    profile = users.get_profile(db)
    if profile is None:
        raise InvalidInput(
            "Tell Enabler who you are first: your name and role (marketing or sales).",
            hint=Hint(Fix.DO_FIRST, "set_profile"),
        )
    return profile


def set_profile(db: sqlite_utils.Database, name: str, role: str) -> Profile:
    profile = make_profile(name, role)
    with transaction(db):
        before = users.get_profile(db)
        users.put_profile(db, profile)
        audit.record(
            db,
            actor=profile.name,
            action="set",
            entity="profile",
            before=dataclasses.asdict(before) if before else None,
            after=dataclasses.asdict(profile),
        )
    return profile


def set_rules(
    db: sqlite_utils.Database,
    profile: Profile,
    *,
    review_days: int | None = None,
    approver_must_differ: bool | None = None,
) -> users.GovernanceRules:
    """Change the review interval and the four-eyes rule (marketing only)."""
    profile.require_marketing("change the library rules")
    with transaction(db):
        before = users.get_rules(db)
        after = before
        if review_days is not None:
            after = dataclasses.replace(after, review_days=review_days)
        if approver_must_differ is not None:
            after = dataclasses.replace(after, approver_must_differ=approver_must_differ)
        lifecycle.default_review_by(dt.date.today(), after.review_days)  # validates the interval
        users.put_rules(db, after)
        audit.record(
            db,
            actor=profile.name,
            action="set",
            entity="rules",
            before=dataclasses.asdict(before),
            after=dataclasses.asdict(after),
        )
    return after


def audit_view(status: ModuleStatus) -> dict:
    """The parts of a module's status the audit log records before and after each action."""
    return {
        "key": status.key,
        "state": status.state.value,
        "revision_state": status.revision_state.value if status.revision_state else None,
        "current_version_id": status.current_version_id,
        "revision_version_id": status.revision_version_id,
        "reviewer": status.reviewer,
        "review_by": status.review_by.isoformat() if status.review_by else None,
        "replaced_by": status.replaced_by,
    }


def load(db: sqlite_utils.Database, ref: ModuleRef | int, expected: int | None) -> ModuleStatus:
    """The module's status, taken as of row version `expected` when the caller read it earlier."""
    status = module_store.module_status(db, ref)
    return status if expected is None else dataclasses.replace(status, row_version=expected)


def record(
    db: sqlite_utils.Database,
    profile: Profile,
    action: Action,
    before: ModuleStatus | None,
    after: ModuleStatus,
    comment: str = "",
    version_id: int | None = None,
    extra: dict | None = None,
) -> None:
    """Write the review trail and the audit log for one action (`before` None: a new module)."""
    reviews.add(db, after.module_id, action, profile.name, comment, version_id)
    audit.record(
        db,
        actor=profile.name,
        action=action.value,
        entity="module",
        entity_id=after.module_id,
        before=audit_view(before) if before else None,
        after=audit_view(after) | ({"comment": comment} if comment else {}) | (extra or {}),
    )


def _comment(text: str, required_for: str | None = None) -> str:
    text = text.strip()
    if required_for and not text:
        raise InvalidInput(
            f"Say why when you {required_for}: write a comment.", hint=Hint(Fix.GIVE, "comment")
        )
    if len(text) > MAX_COMMENT:
        raise InvalidInput(f"Keep comments under {MAX_COMMENT} characters.")
    return text


def submit(
    db,
    profile: Profile,
    ref: ModuleRef | int,
    *,
    reviewer: str = "",
    comment: str = "",
    expected=None,
) -> ModuleStatus:
    """Send a draft (or an approved module's draft revision) for review."""
    profile.require_marketing("submit modules for review")
    comment = _comment(comment)
    with transaction(db):
        status = load(db, ref, expected)
        lifecycle.check_writable(status)
        target = lifecycle.next_state(status, Action.SUBMIT)
        changes = {"reviewer": reviewer.strip() or status.reviewer}
        changes["revision_state" if status.has_revision else "state"] = target
        after = module_store.save_status(db, status, **changes)
        record(db, profile, Action.SUBMIT, status, after, comment, status.version_under_review)
    return after


def approve(
    db,
    profile: Profile,
    ref: ModuleRef | int,
    *,
    comment: str = "",
    expected=None,
    today: dt.date | None = None,
) -> ModuleStatus:
    """Approve what is in review; an approved revision becomes the version reps get."""
    profile.require_marketing("approve modules")
    comment = _comment(comment)
    today = today or dt.date.today()
    with transaction(db):
        status = load(db, ref, expected)
        lifecycle.check_writable(status)
        lifecycle.next_state(status, Action.APPROVE)
        version_id = status.version_under_review
        if version_id is None:  # in review always has a version; say so rather than crash
            raise InvalidInput(f"{status.key!r} has no version to approve.")
        rules = users.get_rules(db)
        lifecycle.check_approver(
            profile.name, reviews.authors(db, version_id), rules.approver_must_differ
        )
        changes: dict = {
            "state": ModuleState.APPROVED,
            "reviewer": profile.name,
            "review_by": lifecycle.default_review_by(today, rules.review_days).isoformat(),
        }
        if status.has_revision:
            changes |= adopt_columns(db, version_id)
            changes |= {
                "current_version_id": version_id,
                "revision_version_id": None,
                "revision_state": None,
            }
        after = module_store.save_status(db, status, **changes)
        record(db, profile, Action.APPROVE, status, after, comment, version_id)
    return after


def adopt_columns(db: sqlite_utils.Database, version_id: int) -> dict:
    """Module columns (title, stages, tags…) as the version at `version_id` has them."""
    snap = versions.snapshot(db, version_id)
    out: dict = {name: list_json(values) for name, values in snap.meta.items()}
    if snap.content.get("title"):
        out["title"] = str(snap.content["title"])
    return out


def reject(
    db, profile: Profile, ref: ModuleRef | int, *, comment: str, expected=None
) -> ModuleStatus:
    """Send what is in review back to draft, saying why."""
    profile.require_marketing("reject modules")
    comment = _comment(comment, required_for="reject a module")
    with transaction(db):
        status = load(db, ref, expected)
        lifecycle.check_writable(status)
        target = lifecycle.next_state(status, Action.REJECT)
        field = "revision_state" if status.has_revision else "state"
        after = module_store.save_status(db, status, **{field: target})
        record(db, profile, Action.REJECT, status, after, comment, status.version_under_review)
    return after


def add_comment(db, profile: Profile, ref: ModuleRef | int, text: str) -> None:
    """A review comment (anyone may comment; reps can flag problems this way)."""
    text = _comment(text, required_for="comment")
    with transaction(db):
        status = module_store.module_status(db, ref)
        record(db, profile, Action.COMMENT, status, status, text, status.version_under_review)


def mark_reviewed(
    db,
    profile: Profile,
    ref: ModuleRef | int,
    *,
    until: dt.date | None = None,
    expected=None,
    today: dt.date | None = None,
) -> ModuleStatus:
    """Confirm an approved module is still accurate and move its review-by date on."""
    profile.require_marketing("confirm module reviews")
    today = today or dt.date.today()
    with transaction(db):
        status = load(db, ref, expected)
        lifecycle.check_writable(status)
        if status.state is not ModuleState.APPROVED:
            raise InvalidInput(
                f"Module {status.key!r} is {lifecycle.describe(status)}; only "
                "approved modules have a review-by date to confirm."
            )
        new_date = until or lifecycle.default_review_by(today, users.get_rules(db).review_days)
        if new_date <= today:
            raise InvalidInput("The next review date must be in the future.")
        after = module_store.save_status(db, status, review_by=new_date.isoformat())
        record(db, profile, Action.REVIEWED, status, after)
    return after


@dataclass(frozen=True, slots=True)
class Retirement:
    status: ModuleStatus
    replacement: ModuleStatus | None
    affected_decks: tuple[int, ...]


def retire(
    db,
    profile: Profile,
    ref: ModuleRef | int,
    *,
    replacement: ModuleRef | None = None,
    no_replacement: bool = False,
    comment: str = "",
    expected=None,
) -> Retirement:
    """Take an approved module out of reps' hands, pointing them at its replacement."""
    profile.require_marketing("retire modules")
    comment = _comment(comment)
    if not replacement and not no_replacement:
        raise InvalidInput(
            "Name the module that replaces it, or confirm there is none.",
            hint=Hint(Fix.GIVE, "replacement"),
        )
    with transaction(db):
        status = load(db, ref, expected)
        lifecycle.check_writable(status)
        lifecycle.next_state(status, Action.RETIRE)
        other = module_store.module_status(db, replacement) if replacement else None
        lifecycle.check_replacement(status, other)
        after = module_store.save_status(
            db,
            status,
            state=ModuleState.RETIRED,
            replaced_by=other.module_id if other else None,
            revision_version_id=None,
            revision_state=None,
        )
        decks = tuple(d.deck_id for d in decks_using(db, status.module_id))
        extra = {"replacement": other.key if other else None, "decks_flagged": list(decks)}
        record(db, profile, Action.RETIRE, status, after, comment, None, extra)
    return Retirement(after, other, decks)
