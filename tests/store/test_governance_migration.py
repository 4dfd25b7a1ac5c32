"""Migration m0005 on a library that already holds modules."""

from __future__ import annotations

import json
import sqlite3

import sqlite_utils

from enabler.store import search as search_store
from enabler.store.connection.db import open_db
from enabler.store.migrations import MIGRATIONS

NOW = "2026-01-10T09:00:00+00:00"


def old_library(path):
    """A library as it was before governance: migrated up to m0004, one module in it."""
    conn = sqlite3.connect(path)
    db = sqlite_utils.Database(conn)
    MIGRATIONS.apply(db, stop_before="m0005_governance")
    with db.conn:
        db.execute(
            "INSERT INTO modules (id, key, title, state, owner, stages, tags, created_at, "
            "updated_at) VALUES (1, 'legacy', 'Legacy claims story', 'approved', 'Lena', "
            "'[\"decision\"]', '[\"proof\"]', ?, ?)",
            [NOW, NOW],
        )
        db.execute(
            "INSERT INTO module_versions (id, module_id, number, kind, content, created_at) "
            "VALUES (1, 1, 1, 'smart', ?, ?)",
            [json.dumps({"layout": "bullets", "title": "Legacy", "bullets": ["Old intake"]}), NOW],
        )
        db.execute("UPDATE modules SET current_version_id = 1")
    conn.close()


class DescribeMigration:
    def it_backfills_review_dates_versions_and_the_search_index(self, tmp_path):
        path = tmp_path / "old.db"
        old_library(path)
        db = open_db(path)
        row = db.execute("SELECT review_by, row_version, read_only FROM modules").fetchone()
        assert row == ("2026-07-09", 1, 0)  # created + 180 days
        meta = json.loads(db.execute("SELECT meta FROM module_versions").fetchone()[0])
        assert meta["stages"] == ["decision"] and meta["tags"] == ["proof"]
        found = search_store.search(db, "intake", search_store.SearchFilters(stage="decision"))
        assert [h.key for h in found.hits] == ["legacy"]
