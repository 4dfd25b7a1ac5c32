"""Demo business cases: marketing's ROI presets per industry and a model per demo prospect.

Registered in `demo.EXTRA_LOADERS`; idempotent (an existing preset or model is left alone) and
run inside the demo transaction, so a bad entry in roi.json loads nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils

from enabler.domain.refs import ProspectRef
from enabler.domain.roi.model import RoiModel, RoiPreset
from enabler.domain.roi.parse import parse_model
from enabler.errors import InvalidInput
from enabler.store import prospects as prospect_store
from enabler.store import roi as roi_store

DEMO_FILE = "roi.json"
DEMO_ACTOR = "demo"


def _model(data: object, where: str) -> RoiModel:
    parsed = parse_model(data)
    if parsed.model is None:
        problems = "; ".join(str(e) for e in parsed.errors)
        raise InvalidInput(f"{DEMO_FILE}, {where}: {problems}. Fix the demo file.")
    return parsed.model


def load_roi_demo(db: sqlite_utils.Database, folder: Path) -> None:
    path = folder / DEMO_FILE
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    for item in data.get("presets", ()):
        if roi_store.get_preset(db, item["industry"]) is not None:
            continue
        preset = RoiPreset(
            industry=item["industry"],
            name=item["name"],
            model=_model(item["model"], f"preset {item['industry']!r}"),
            owner=item.get("owner", ""),
            notes=item.get("notes", ""),
        )
        roi_store.save_preset(db, preset, actor=DEMO_ACTOR)
    for item in data.get("models", ()):
        if not prospect_store.exists(db, item["company"]):
            continue
        prospect = prospect_store.find(db, ProspectRef.by_name(item["company"]))
        if roi_store.has_model(db, prospect.id):
            continue
        model = _model(item["model"], f"model for {item['company']!r}")
        roi_store.save_model(db, prospect.id, model, actor=DEMO_ACTOR)
