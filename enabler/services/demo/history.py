"""Months of plausible use for the demo library, so Insights and `enabler report` have findings
on first start: past deals by four reps with the decks built for them, how each deal ended,
ratings and flags from reps, and the objections raised along the way.

Registered in `demo.EXTRA_LOADERS`; runs inside the demo transaction after modules, prospects
and objections. Deterministic (a fixed seed and fixed dates) and idempotent (nothing is added
when the first past deal is already there).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import sqlite_utils

from enabler.domain.feedback import FlagKind, Outcome
from enabler.domain.modules import Stage
from enabler.domain.prospects import Prospect
from enabler.domain.refs import ObjectionRef
from enabler.services.objections import checklists as objection_service
from enabler.store import feedback as feedback_store
from enabler.store import modules as module_store
from enabler.store import objections as objection_store
from enabler.store import prospects as prospect_store

SEED = 20260601
START = dt.date(2026, 5, 4)  # the first past deal's first deck
REPS = ("Dana Whitfield", "Marcus Oyelaran", "Priya Raman", "Tomás Ortega")
PAST_DEALS: dict[str, tuple[str, ...]] = {
    "Healthcare": (
        "Birchwood Clinics",
        "Cedar Valley Health",
        "Lakeview Medical Group",
        "Riverside Family Care",
        "Oakmont Hospital",
        "Bluewater Health Partners",
        "Silverpine Orthopedics",
        "Greenfield Pediatrics",
        "Harbor Point Medical",
        "Aspen Ridge Dialysis",
        "Willowbend Care Network",
        "Copperfield Imaging",
        "Summerlin Rehab Centers",
        "Eastgate Surgical",
    ),
    "Financial Services": (
        "Ironbridge Savings",
        "Crescent Federal",
        "Tidewater Credit Union",
        "Keelson Insurance",
        "Stonegate Bank",
        "Pioneer Trust",
        "Bayline Mutual",
        "Westhaven Lending",
        "Northstar Credit",
        "Quayside Bancorp",
        "Ridgeline Capital",
        "Lanternfield Credit Union",
        "Marlowe Assurance",
        "Foxglove Finance",
    ),
    "Manufacturing": (
        "Foundry Row Metals",
        "Corbel Plastics",
        "Anvil Ridge Components",
        "Kestrel Packaging",
        "Brightline Tooling",
        "Halcyon Fasteners",
        "Granite Works",
        "Meadowbrook Foods",
        "Tallgrass Fabrication",
        "Ironvale Castings",
        "Northgate Bottling",
        "Sablewood Furniture",
        "Redfern Electronics",
        "Highmark Composites",
    ),
}
COMPETITORS = ("Paperbridge", "FlowStack", "Arcline")
CORE = ("awareness-section", "point-of-view", "how-it-works", "why-us", "path-to-decision")
CASE_STUDY = {
    "Healthcare": "case-study-healthcare-metric",
    "Financial Services": "case-study-financial-metric",
    "Manufacturing": "case-study-manufacturing-metric",
}
# Optional modules and how much each lifts the chance of winning (what the demo's data shows).
OPTIONAL = {
    "roi-business-case": 0.60,
    "case-study": 0.20,
    "security-compliance": 0.0,
    "objection-handling": 0.05,
    "demo-dashboard": 0.0,
    "benchmark-rekeying": -0.10,
}
OBJECTIONS = {
    "Healthcare": ("security-phi-in-cloud", "integration-ehr", "price-too-expensive"),
    "Financial Services": (
        "security-examiner-scrutiny",
        "integration-core-banking-freeze",
        "price-no-budget",
    ),
    "Manufacturing": ("integration-erp-change", "need-documents-too-messy", "price-too-expensive"),
}
COMPETITOR_OBJECTION = {
    "Paperbridge": "competitor-paperbridge-discount",
    "FlowStack": "competitor-flowstack-platform",
    "Arcline": "competitor-arcline-cheaper",
}
FLAGS = (
    ("benchmark-rekeying", 2, FlagKind.NEEDS_UPDATE, "The survey figure is from 2023."),
    ("demo-dashboard", 3, FlagKind.NEEDS_UPDATE, "Screenshot shows the old queue view."),
    ("case-study-manufacturing-metric", 4, FlagKind.MISSING_FOR_INDUSTRY, "Food and beverage"),
)


def load_history_demo(db: sqlite_utils.Database, folder: Path) -> None:
    """Add the past deals, decks, outcomes, ratings and objections (idempotent)."""
    first = PAST_DEALS["Healthcare"][0]
    if prospect_store.exists(db, first) or not module_store.module_exists(db, "why-us"):
        return
    rng = random.Random(SEED)
    today = prospect_store.list_prospects(db)  # the deals in progress, before the past ones
    versions = {
        m.key: (m.id, m.current_version_id)
        for m in module_store.list_modules(db)
        if m.current_version_id is not None
    }
    day = START
    deals = [(industry, name) for industry, names in PAST_DEALS.items() for name in names]
    rng.shuffle(deals)
    for n, (industry, company) in enumerate(deals):
        rep = REPS[n % len(REPS)]
        competitor = COMPETITORS[rng.randrange(len(COMPETITORS))]
        day += dt.timedelta(days=rng.randint(3, 8))
        _past_deal(db, rng, versions, industry, company, rep, competitor, day)
    for n, prospect in enumerate(today):
        keys = [k for k in CORE if k in versions]
        when = dt.date(2026, 11, 2) + dt.timedelta(days=3 * n)
        _deck(
            db, versions, prospect.id, prospect.company, prospect.owner_rep or REPS[0], keys, when
        )
    _ratings(db, rng, versions)


def _past_deal(db, rng, versions, industry, company, rep, competitor, day) -> None:
    chosen = {name for name in OPTIONAL if rng.random() < 0.5}
    keys = [k for k in CORE if k in versions]
    for name in OPTIONAL:
        key = CASE_STUDY[industry] if name == "case-study" else name
        if name in chosen and key in versions:
            keys.insert(-1, key)
    compare = f"compare-{competitor.lower()}"
    if rng.random() < 0.4 and compare in versions:
        keys.insert(-1, compare)
    chance = 0.05 + sum(OPTIONAL[name] for name in chosen)
    won = rng.random() < chance
    result = Outcome.WON if won else (Outcome.LOST if rng.random() < 0.75 else Outcome.NO_DECISION)
    prospect = prospect_store.create(
        db,
        Prospect(
            id=0,
            company=company,
            industry=industry,
            stage=rng.choice((Stage.CONSIDERATION, Stage.DECISION)),  # where it was raised
            owner_rep=rep,
            competitors=(competitor,),
            current_vendor=competitor if rng.random() < 0.3 else "",
        ),
        actor="demo",
    )
    for n in range(rng.choice((1, 2, 2))):  # often a second deck after the first meeting
        _deck(db, versions, prospect.id, company, rep, keys, day + dt.timedelta(days=9 * n))
    closed = day + dt.timedelta(days=rng.randint(20, 45))
    feedback_store.put_outcome(
        db,
        prospect_id=prospect.id,
        result=result,
        date=closed.isoformat(),
        reason="" if won else "Chose to wait a year" if result is Outcome.NO_DECISION else "",
        recorded_by=rep,
    )
    raised = [*OBJECTIONS[industry][: rng.randint(1, 3)], COMPETITOR_OBJECTION[competitor]]
    for ref in raised:
        if objection_store.objection_exists(db, ref):
            state = "answered" if rng.random() < 0.6 else "raised"
            objection_service.mark(
                db, prospect, ObjectionRef.by_name(ref), state, "", actor=rep, today=day
            )
    if won:  # a customer now
        db["prospects"].update(prospect.id, {"stage": Stage.POST_SALE.value})


def _deck(db, versions, pid: int, company: str, rep: str, keys, day: dt.date) -> None:
    provenance = {
        "prospect": {"id": pid, "company": company},
        "rep": rep,
        "modules": [{"module_id": versions[k][0], "version_id": versions[k][1]} for k in keys],
        "demo_history": True,
    }
    db["decks"].insert(
        {
            "prospect_id": pid,
            "plan": json.dumps(provenance),
            "module_versions": json.dumps([versions[k][1] for k in keys]),
            "built_by": rep,
            "built_at": f"{day.isoformat()}T10:00:00+00:00",
            "output_path": "",
            "sha256": "",
        }
    )


def _ratings(db, rng, versions) -> None:
    liked = ("roi-business-case", "why-us", "how-it-works", "point-of-view", "path-to-decision")
    day = START
    for n in range(48):
        key = liked[n % len(liked)]
        day += dt.timedelta(days=rng.randint(1, 5))
        _rate(db, versions, key, rng.choice((4, 4, 5, 5, 5)), None, "", REPS[n % 4], day)
    for n, (key, stars, flag, comment) in enumerate(FLAGS):
        _rate(db, versions, key, stars, flag, comment, REPS[n % 4], dt.date(2026, 11, 20 + n))


def _rate(db, versions, key, stars, flag, comment, rep, day) -> None:
    if key not in versions:
        return
    mid, vid = versions[key]
    fid = feedback_store.add_rating(
        db, module_id=mid, version_id=vid, rating=stars, flag=flag, comment=comment, author=rep
    )
    db["feedback"].update(fid, {"at": f"{day.isoformat()}T16:00:00+00:00"})
