"""Library lifecycle rules: draft → in review → approved → retired, revisions and staleness.

A module that has been approved keeps serving its approved version to reps while marketing works
on a *revision* (a newer version with its own draft / in-review state); approving the revision
makes it the module's current version. Approved content therefore never changes in place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from enabler.domain.modules import ModuleState
from enabler.errors import Conflict, InvalidInput


class Action(StrEnum):
    """What someone can do to a module; each is written to the audit log under this name."""

    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    RETIRE = "retire"
    EDIT = "edit"
    RESTORE = "restore"
    COMMENT = "comment"
    REVIEWED = "reviewed"
    IMPORT = "import"


# Review actions move the state under review (the module's, or its revision's) along.
TRANSITIONS: dict[Action, tuple[frozenset[ModuleState], ModuleState]] = {
    Action.SUBMIT: (frozenset({ModuleState.DRAFT}), ModuleState.IN_REVIEW),
    Action.APPROVE: (frozenset({ModuleState.IN_REVIEW}), ModuleState.APPROVED),
    Action.REJECT: (frozenset({ModuleState.IN_REVIEW}), ModuleState.DRAFT),
    Action.RETIRE: (frozenset({ModuleState.APPROVED}), ModuleState.RETIRED),
}

_HINTS = {
    Action.SUBMIT: "only drafts can be submitted; edit the module to start a new draft",
    Action.APPROVE: "only modules in review can be approved; submit it first",
    Action.REJECT: "only modules in review can be rejected",
    Action.RETIRE: "only approved modules can be retired",
}


@dataclass(frozen=True, slots=True)
class ModuleStatus:
    """The governance facts of one module (what `Module` does not carry)."""

    module_id: int
    key: str
    title: str
    state: ModuleState
    owner: str
    reviewer: str = ""
    row_version: int = 1
    read_only: bool = False
    origin: str = ""
    current_version_id: int | None = None
    revision_version_id: int | None = None
    revision_state: ModuleState | None = None
    replaced_by: int | None = None
    review_by: dt.date | None = None

    @property
    def has_revision(self) -> bool:
        return self.revision_version_id is not None

    @property
    def review_state(self) -> ModuleState:
        """The state review actions work on: the revision's while one is open."""
        return self.revision_state if self.revision_state is not None else self.state

    @property
    def version_under_review(self) -> int | None:
        return self.revision_version_id if self.has_revision else self.current_version_id


def next_state(status: ModuleStatus, action: Action) -> ModuleState:
    """The state `action` leads to, or InvalidInput saying why it is not allowed now."""
    allowed, target = TRANSITIONS[action]
    current = status.state if action is Action.RETIRE else status.review_state
    if current not in allowed:
        raise InvalidInput(
            f"Cannot {action.value} {status.key!r}: it is {describe(status)}; {_HINTS[action]}."
        )
    return target


def describe(status: ModuleStatus) -> str:
    """'approved', or 'approved (revision in review)' while a revision is open."""
    text = status.state.value.replace("_", " ")
    if status.revision_state is not None:
        text += f" (revision {status.revision_state.value.replace('_', ' ')})"
    return text


def check_writable(status: ModuleStatus) -> None:
    """Imported modules belong to their publisher: a rep's machine never edits them."""
    if status.read_only:
        raise Conflict(
            f"Module {status.key!r} was imported from a signed pack ({status.origin or 'unknown'})"
            " and is read-only here; ask its publisher for a new pack."
        )


def edit_target(status: ModuleStatus) -> str:
    """Where an edit goes: 'current' (a draft's own version) or 'revision' (approved module)."""
    check_writable(status)
    if status.state is ModuleState.RETIRED:
        raise InvalidInput(
            f"Module {status.key!r} is retired; restore one of its versions to work on it again."
        )
    if status.review_state is ModuleState.IN_REVIEW:
        raise Conflict(
            f"Module {status.key!r} is in review; a reviewer must approve or reject it "
            "before it can be edited."
        )
    return "revision" if status.state is ModuleState.APPROVED else "current"


def check_approver(approver: str, authors: set[str], must_differ: bool) -> None:
    """The optional four-eyes rule: whoever wrote or submitted a version may not approve it."""
    if must_differ and approver.casefold() in {a.casefold() for a in authors if a}:
        raise InvalidInput(
            f"{approver} wrote or submitted this version and the library requires a different "
            "approver; ask another marketing colleague to approve it."
        )


def check_replacement(status: ModuleStatus, replacement: ModuleStatus | None) -> None:
    """A retired module points reps at an approved replacement (or explicitly at none)."""
    if replacement is None:
        return
    if replacement.module_id == status.module_id:
        raise InvalidInput(f"Module {status.key!r} cannot replace itself; pick another module.")
    if replacement.state is not ModuleState.APPROVED:
        raise InvalidInput(
            f"Replacement {replacement.key!r} is {describe(replacement)}; "
            "choose an approved module."
        )


def is_stale(review_by: dt.date | None, today: dt.date) -> bool:
    """Past its review-by date (a module without one is due now)."""
    return review_by is None or review_by < today


def days_overdue(review_by: dt.date | None, today: dt.date) -> int:
    return 0 if review_by is None else max(0, (today - review_by).days)


def default_review_by(today: dt.date, days: int) -> dt.date:
    if days <= 0:
        raise InvalidInput("The review interval must be at least one day.")
    return today + dt.timedelta(days=days)


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One line of a module's history."""

    id: int
    number: int
    created_at: str
    created_by: str
    note: str = ""
    role: str = ""  # "current", "revision" or "" for earlier versions


@dataclass(frozen=True, slots=True)
class ReviewEvent:
    """A submit, approval, rejection, retirement, edit or comment on a module."""

    action: str
    actor: str
    at: str
    comment: str = ""
    version_id: int | None = None
