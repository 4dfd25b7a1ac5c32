"""Load the bundled demo library (idempotent: what is already there is left alone)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from enabler.domain.modules import ModuleState, Stage, content_from_dict
from enabler.domain.prospects import Contact, Insight, InsightKind, Prospect
from enabler.errors import InvalidInput
from enabler.services.demo.governance import load_governance_demo
from enabler.services.demo.history import load_history_demo
from enabler.services.demo.insights import load_segments_demo
from enabler.services.demo.objections import load_objections_demo
from enabler.services.demo.roi import load_roi_demo
from enabler.services.demo.worksheets import load_worksheet_demo
from enabler.services.images import add_image
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store
from enabler.store import settings
from enabler.store.connection.db import transaction

DEMO_DIR = Path(__file__).resolve().parents[3] / "assets" / "demo"
DEMO_ACTOR = "demo"

# Further demo data (ROI models, objections…), each `(db, folder) -> None`, idempotent, run
# inside the demo transaction after modules and prospects. Add one line per feature.
EXTRA_LOADERS: tuple[Callable[[sqlite_utils.Database, Path], None], ...] = (
    load_objections_demo,
    load_roi_demo,
    load_governance_demo,
    load_worksheet_demo,
    load_segments_demo,
)
# Months of past use (decks, ratings, outcomes, objections), run after EXTRA_LOADERS when asked:
# the app's first start and `enabler demo` ask; tests of a feature start from a clean library.
HISTORY_LOADERS: tuple[Callable[[sqlite_utils.Database, Path], None], ...] = (load_history_demo,)


@dataclass(frozen=True, slots=True)
class DemoResult:
    modules_added: int
    prospects_added: int


def _image(db, folder: Path, ref: str) -> str:
    if not ref:
        return ""
    path = (folder / ref).resolve()
    if folder.resolve() not in path.parents:
        raise InvalidInput(f"Demo image {ref!r} points outside the demo folder.")
    return add_image(db, path.read_bytes(), path.name)


def _content(db, folder: Path, data: dict):
    data = dict(data)
    if data.get("image"):
        data["image"] = _image(db, folder, data["image"])
    if data.get("logos"):
        data["logos"] = [_image(db, folder, ref) for ref in data["logos"]]
    return content_from_dict(data)


DEMO_MARK = "demo_loaded"


def is_demo_library(db: sqlite_utils.Database) -> bool:
    """Whether the demo was loaded into this library (the app's welcome says so only then)."""
    return bool(settings.get(db, DEMO_MARK))


def load_demo(
    db: sqlite_utils.Database, folder: Path = DEMO_DIR, *, history: bool = False
) -> DemoResult:
    """Add the demo vendor profile, modules and prospects in one transaction; with `history`,
    months of use too (see HISTORY_LOADERS)."""
    library = json.loads((folder / "library.json").read_text(encoding="utf-8"))
    prospects = json.loads((folder / "prospects.json").read_text(encoding="utf-8"))
    added_modules = added_prospects = 0
    with transaction(db):
        if settings.get(db, "vendor") is None:
            settings.put(db, "vendor", library["vendor"])
            settings.put(db, "reps", library["reps"])
        settings.put(db, DEMO_MARK, True)
        for item in library["modules"]:
            if module_store.module_exists(db, item["key"]):
                continue
            module_store.create_smart(
                db,
                key=item["key"],
                content=_content(db, folder, item["content"]),
                owner=item["owner"],
                stages=tuple(Stage(s) for s in item.get("stages", ())),
                industries=tuple(item.get("industries", ())),
                personas=tuple(item.get("personas", ())),
                competitors=tuple(item.get("competitors", ())),
                tags=tuple(item.get("tags", ())),
                talking_points=item.get("talking_points", ""),
                state=ModuleState.APPROVED,
                review_by=item.get("review_by"),
                actor=DEMO_ACTOR,
            )
            added_modules += 1
        for item in prospects:
            if prospect_store.exists(db, item["company"]):
                continue
            _add_prospect(db, folder, item)
            added_prospects += 1
        for loader in EXTRA_LOADERS + (HISTORY_LOADERS if history else ()):
            loader(db, folder)
    return DemoResult(added_modules, added_prospects)


def _add_prospect(db, folder: Path, item: dict) -> None:
    meeting = item.get("next_meeting")
    prospect = prospect_store.create(
        db,
        Prospect(
            id=0,
            company=item["company"],
            industry=item.get("industry", ""),
            stage=Stage(item.get("stage", "awareness")),
            domain=item.get("domain", ""),
            employees=item.get("employees"),
            revenue=item.get("revenue"),
            region=item.get("region", ""),
            owner_rep=item.get("owner_rep", ""),
            pains=tuple(item.get("pains", ())),
            goals=tuple(item.get("goals", ())),
            competitors=tuple(item.get("competitors", ())),
            current_vendor=item.get("current_vendor", ""),
            next_meeting=dt.date.fromisoformat(meeting) if meeting else None,
            logo=_image(db, folder, item.get("logo", "")),
        ),
        actor=DEMO_ACTOR,
    )
    for c in item.get("contacts", ()):
        prospect_store.add_contact(
            db,
            Contact(
                id=0,
                prospect_id=prospect.id,
                name=c["name"],
                title=c.get("title", ""),
                role=c.get("role", ""),
                persona=c.get("persona", ""),
                influence=c.get("influence", ""),
                stance=c.get("stance", ""),
                email=c.get("email", ""),
                primary=bool(c.get("primary")),
            ),
        )
    for i in item.get("insights", ()):
        prospect_store.add_insight(
            db,
            Insight(
                id=0,
                prospect_id=prospect.id,
                kind=InsightKind(i["kind"]),
                text=i["text"],
                source=i.get("source", ""),
                author=i.get("author", ""),
                date=dt.date.fromisoformat(i["date"]) if i.get("date") else None,
            ),
        )
