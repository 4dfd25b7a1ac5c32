"""Demo segment research from marketing (assets/demo/segments.json).

Registered in `demo.EXTRA_LOADERS`; idempotent (research with the same industry, persona and
text is left alone) and run inside the demo transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import sqlite_utils

from enabler.domain.prospects import Insight, ReviewState, parse_kind
from enabler.store import insights as insight_store

DEMO_FILE = "segments.json"


def load_segments_demo(db: sqlite_utils.Database, folder: Path) -> None:
    path = folder / DEMO_FILE
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    have = {(i.industry, i.persona, i.text) for i in insight_store.segment_research(db)}
    for item in data.get("segment_research", ()):
        if (item["industry"], item["persona"], item["text"]) in have:
            continue
        insight_store.add_insight(
            db,
            Insight(
                id=0,
                prospect_id=None,
                kind=parse_kind(item.get("kind", "pain")),
                text=item["text"],
                source=item.get("source", ""),
                author=item.get("author", ""),
                date=dt.date.fromisoformat(item["date"]) if item.get("date") else None,
                industry=item["industry"],
                persona=item["persona"],
                review_state=ReviewState.APPROVED,
            ),
        )
