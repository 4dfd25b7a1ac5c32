"""Built decks and their provenance."""

from __future__ import annotations

import json

import sqlite_utils

from enabler.store.connection.rows import dumps, now_iso, row_id


def record(
    db: sqlite_utils.Database,
    *,
    provenance: dict,
    output_path: str,
    sha256: str,
    built_by: str,
) -> int:
    return row_id(
        db.table("decks").insert(
            {
                "prospect_id": provenance["prospect"]["id"],
                "plan": dumps(provenance),
                "module_versions": dumps([m["version_id"] for m in provenance["modules"]]),
                "built_by": built_by,
                "built_at": now_iso(),
                "output_path": output_path,
                "sha256": sha256,
            }
        )
    )


def list_decks(db: sqlite_utils.Database, prospect_id: int | None = None) -> list[dict]:
    where, args = ("prospect_id = ?", [prospect_id]) if prospect_id else (None, None)
    out = []
    for row in db["decks"].rows_where(where, args, order_by="id"):
        row["plan"] = json.loads(row["plan"])
        row["module_versions"] = json.loads(row["module_versions"])
        out.append(row)
    return out
