"""The worker the crash-consistency test kills: imports, edits and builds decks in a loop.

Run as `python -m tests.reliability.crash_child DB OUT_DIR DECK_TO_IMPORT TAG`. After each commit it
prints one line, flushed, so the parent knows what must survive a SIGKILL:
`COMMITTED insight <text>`, `COMMITTED import <module key>`, `COMMITTED deck <id> <file name>`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from enabler.domain.prospects import Insight, InsightKind
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.slides.import_slides import import_slides
from enabler.store import insights as insight_store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import open_db, transaction

PROSPECT = "Acme Clinics"
MODULES = ["why-section", "pillars"]


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(db_path: str, out_dir: str, deck: str, tag: str) -> None:
    db = open_db(db_path)
    prospect = prospect_store.find(db, PROSPECT)
    say("READY")
    for i in range(10_000):
        text = f"{tag}-{i}"
        with transaction(db):
            insight_store.add_insight(
                db,
                Insight(
                    id=0,
                    prospect_id=prospect.id,
                    kind=InsightKind.PAIN,
                    text=text,
                    date=dt.date(2026, 11, 1),
                ),
            )
        say(f"COMMITTED insight {text}")
        if i % 3 == 0:
            result = import_slides(db, deck, thumbnails=False)
            say(f"COMMITTED import {result.slides[0].module_key}")
        name = f"deck{i % 2}.pptx"
        built = build_deck(db, plan_deck(db, PROSPECT, MODULES), Path(out_dir) / name)
        say(f"COMMITTED deck {built.deck_id} {name}")


if __name__ == "__main__":
    main(*sys.argv[1:5])
