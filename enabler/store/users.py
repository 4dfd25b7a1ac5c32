"""The local user profile and the library's governance rules, kept in settings."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from enabler.domain.profile import Profile, Role
from enabler.store import settings

PROFILE_KEY = "profile"
REVIEW_DAYS_KEY = "governance.review_days"
FOUR_EYES_KEY = "governance.approver_must_differ"


@dataclass(frozen=True, slots=True)
class GovernanceRules:
    review_days: int = 180
    approver_must_differ: bool = False


def get_profile(db: sqlite_utils.Database) -> Profile | None:
    data = settings.get(db, PROFILE_KEY)
    if not data:
        return None
    return Profile(str(data.get("name", "")), Role(data.get("role", Role.SALES.value)))


def put_profile(db: sqlite_utils.Database, profile: Profile) -> None:
    settings.put(db, PROFILE_KEY, {"name": profile.name, "role": profile.role.value})


def get_rules(db: sqlite_utils.Database) -> GovernanceRules:
    return GovernanceRules(
        review_days=int(settings.get(db, REVIEW_DAYS_KEY, 180)),
        approver_must_differ=bool(settings.get(db, FOUR_EYES_KEY, False)),
    )


def put_rules(db: sqlite_utils.Database, rules: GovernanceRules) -> None:
    settings.put(db, REVIEW_DAYS_KEY, rules.review_days)
    settings.put(db, FOUR_EYES_KEY, rules.approver_must_differ)
