"""Prospects, their buying committee and what reps learn about them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from enabler.domain.modules import Stage


class InsightKind(StrEnum):
    PAIN = "pain"
    COMPETITOR = "competitor_activity"
    DIFFERENTIATOR = "differentiator"
    BUDGET = "budget"
    TIMING = "timing"
    PERSONAL = "personal"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Contact:
    id: int
    prospect_id: int
    name: str
    title: str = ""
    role: str = ""  # role in the buying committee: decision maker, champion…
    persona: str = ""  # CFO, CIO, VP Operations…
    influence: str = ""  # high / medium / low
    stance: str = ""  # supporter / neutral / sceptic
    email: str = ""
    primary: bool = False


@dataclass(frozen=True, slots=True)
class Insight:
    id: int
    prospect_id: int | None
    kind: InsightKind
    text: str
    source: str = ""
    author: str = ""
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Prospect:
    id: int
    company: str
    industry: str = ""
    stage: Stage = Stage.AWARENESS
    domain: str = ""
    employees: int | None = None
    revenue: float | None = None
    region: str = ""
    owner_rep: str = ""
    pains: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()
    current_vendor: str = ""
    next_meeting: dt.date | None = None
    logo: str = ""  # sha256 of an asset
    currency: str = "USD"
    locale: str = "en_US"
