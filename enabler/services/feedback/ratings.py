"""Close the loop with marketing: reps rate and flag modules, record deal outcomes.

A flag is stored with its rating and also written to the module's review trail as a governance
comment (`governance.add_comment`), so marketing sees it where it reviews modules; `open_flags`
lists the unresolved ones for a review-queue view. The report lives in `feedback_report`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from enabler.domain import feedback as fb
from enabler.domain.feedback import FlagKind, Outcome
from enabler.domain.refs import ModuleRef, ProspectRef
from enabler.errors import Fix, Hint, InvalidInput
from enabler.services.library import governance
from enabler.store import audit, users
from enabler.store import feedback as store
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction

MAX_TEXT = 4000
FLAG_LABELS = {
    FlagKind.NEEDS_UPDATE: "needs update",
    FlagKind.WRONG_CLAIM: "wrong claim",
    FlagKind.MISSING_FOR_INDUSTRY: "missing for industry",
}


@dataclass(frozen=True, slots=True)
class RatingReceipt:
    feedback_id: int
    module_id: int
    module_key: str
    version_id: int | None
    rating: int
    flag: FlagKind | None


@dataclass(frozen=True, slots=True)
class OutcomeReceipt:
    prospect_id: int
    company: str
    result: Outcome
    date: dt.date
    reason: str
    replaced: str | None  # the previous result, when this one overwrote it


def _text(text: str, what: str) -> str:
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"Keep the {what} under {MAX_TEXT} characters.")
    return text


def rate(
    db: sqlite_utils.Database,
    module_ref: ModuleRef | int,
    stars: int | str,
    *,
    flag: FlagKind | str | None = None,
    comment: str = "",
) -> RatingReceipt:
    """Rate the module's current version 1–5; a flag also goes to marketing's review trail."""
    stars = fb.parse_rating(stars)
    kind = fb.parse_flag(flag) if isinstance(flag, str) else flag
    comment = _text(comment, "comment")
    if kind is FlagKind.MISSING_FOR_INDUSTRY and not comment:
        raise InvalidInput(
            "Say which industry it is missing for in the comment.",
            hint=Hint(Fix.GIVE, "comment"),
        )
    profile = governance.require_profile(db)
    module = module_store.get_module(db, module_ref)
    with transaction(db):
        fid = store.add_rating(
            db,
            module_id=module.id,
            version_id=module.current_version_id,
            rating=stars,
            flag=kind,
            comment=comment,
            author=profile.name,
        )
        audit.record(
            db,
            actor=profile.name,
            action="rate",
            entity="feedback",
            entity_id=fid,
            before=None,
            after={"module": module.key, "rating": stars, "flag": kind and kind.value},
        )
        if kind is not None:
            note = f"Flag from sales: {FLAG_LABELS[kind]} ({stars}/5)"
            governance.add_comment(
                db, profile, module.id, f"{note}: {comment}" if comment else note
            )
    return RatingReceipt(fid, module.id, module.key, module.current_version_id, stars, kind)


def open_flags(db: sqlite_utils.Database) -> list[dict]:
    """Unresolved flags, newest first (marketing's review queue reads these)."""
    return store.open_flags(db)


def record_outcome(
    db: sqlite_utils.Database,
    prospect_ref: ProspectRef,
    result: Outcome | str,
    *,
    reason: str = "",
    date: dt.date | str | None = None,
) -> OutcomeReceipt:
    """Won / lost / no decision for a prospect's deal; a later call replaces the earlier one."""
    result = fb.parse_outcome(result) if isinstance(result, str) else result
    reason = _text(reason, "reason")
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date.strip())
        except ValueError:
            raise InvalidInput(f"{date!r} is not a date; write it as YYYY-MM-DD.") from None
    date = date or dt.date.today()
    prospect = prospect_store.find(db, prospect_ref)
    profile = users.get_profile(db)
    actor = profile.name if profile else ""
    with transaction(db):
        before = store.put_outcome(
            db,
            prospect_id=prospect.id,
            result=result,
            date=date.isoformat(),
            reason=reason,
            recorded_by=actor,
        )
        audit.record(
            db,
            actor=actor,
            action="outcome",
            entity="prospect",
            entity_id=prospect.id,
            before=before,
            after={"result": result.value, "date": date.isoformat(), "reason": reason},
        )
    replaced = before["result"] if before else None
    return OutcomeReceipt(prospect.id, prospect.company, result, date, reason, replaced)


def module_ratings(db: sqlite_utils.Database, min_count: int = fb.MIN_RATINGS) -> dict[int, float]:
    """Average rating per module, only for modules with at least `min_count` ratings."""
    return fb.trusted_averages(fb.rating_summaries(store.rating_rows(db)), min_count)
