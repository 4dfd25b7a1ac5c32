"""Repository for business cases (one per prospect) and per-industry ROI presets.

Models are stored in their canonical JSON form (`roi_io.model_to_dict`) and parsed again on the
way out, so a row edited by hand into nonsense is reported, not half-used.
"""

from __future__ import annotations

import json

import sqlite_utils

from enabler.domain.roi.model import RoiModel, RoiPreset, model_to_dict
from enabler.domain.roi.parse import parse_model
from enabler.errors import Fix, Hint, InvalidInput
from enabler.store import audit
from enabler.store.connection.rows import dumps, now_iso


def _model(text: str, what: str) -> RoiModel:
    try:
        parsed = parse_model(json.loads(text))
    except ValueError:
        parsed = None
    if parsed is None or parsed.model is None:
        raise InvalidInput(
            f"The stored ROI model for {what} is damaged; set it again.",
            hint=Hint(Fix.DO_FIRST, "set_roi"),
        )
    return parsed.model


def get_model(db: sqlite_utils.Database, prospect_id: int) -> RoiModel | None:
    row = db.execute("SELECT model FROM roi_models WHERE prospect_id = ?", [prospect_id]).fetchone()
    return _model(row[0], f"prospect {prospect_id}") if row else None


def has_model(db: sqlite_utils.Database, prospect_id: int) -> bool:
    row = db.execute("SELECT 1 FROM roi_models WHERE prospect_id = ?", [prospect_id]).fetchone()
    return row is not None


def save_model(
    db: sqlite_utils.Database, prospect_id: int, model: RoiModel, actor: str = ""
) -> None:
    """Insert or replace the prospect's model, with an audit entry. Call inside a transaction."""
    before = db.execute(
        "SELECT model FROM roi_models WHERE prospect_id = ?", [prospect_id]
    ).fetchone()
    after = model_to_dict(model)
    db.execute(
        "INSERT INTO roi_models (prospect_id, model, updated_at, updated_by) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(prospect_id) DO UPDATE SET model = excluded.model, "
        "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        [prospect_id, dumps(after), now_iso(), actor],
    )
    audit.record(
        db,
        actor=actor,
        action="update" if before else "create",
        entity="roi_model",
        entity_id=prospect_id,
        before=json.loads(before[0]) if before else None,
        after=after,
    )


def delete_model(db: sqlite_utils.Database, prospect_id: int, actor: str = "") -> bool:
    """Remove the prospect's model; False when there was none. Call inside a transaction."""
    before = db.execute(
        "SELECT model FROM roi_models WHERE prospect_id = ?", [prospect_id]
    ).fetchone()
    if before is None:
        return False
    db.execute("DELETE FROM roi_models WHERE prospect_id = ?", [prospect_id])
    audit.record(
        db,
        actor=actor,
        action="delete",
        entity="roi_model",
        entity_id=prospect_id,
        before=json.loads(before[0]),
    )
    return True


def save_preset(db: sqlite_utils.Database, preset: RoiPreset, actor: str = "") -> None:
    """Insert or replace the preset for its industry. Call inside a transaction."""
    db.execute(
        "INSERT INTO roi_presets (industry, name, owner, notes, model, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(industry) DO UPDATE SET name = excluded.name, "
        "owner = excluded.owner, notes = excluded.notes, model = excluded.model, "
        "updated_at = excluded.updated_at",
        [
            preset.industry,
            preset.name,
            preset.owner,
            preset.notes,
            dumps(model_to_dict(preset.model)),
            now_iso(),
        ],
    )
    audit.record(db, actor=actor, action="save", entity="roi_preset", entity_id=preset.industry)


def delete_preset(db: sqlite_utils.Database, industry: str, actor: str = "") -> bool:
    """Remove an industry's preset (business cases made from it stay). In a transaction."""
    cursor = db.execute(
        "DELETE FROM roi_presets WHERE industry = ? COLLATE NOCASE", [industry.strip()]
    )
    if cursor.rowcount:
        audit.record(db, actor=actor, action="delete", entity="roi_preset", entity_id=industry)
    return bool(cursor.rowcount)


def _preset(row) -> RoiPreset:
    industry, name, owner, notes, model = row
    return RoiPreset(industry, name, _model(model, f"the {industry} preset"), owner, notes)


_PRESET_COLUMNS = "industry, name, owner, notes, model"


def list_presets(db: sqlite_utils.Database) -> list[RoiPreset]:
    rows = db.execute(f"SELECT {_PRESET_COLUMNS} FROM roi_presets ORDER BY industry").fetchall()
    return [_preset(r) for r in rows]


def get_preset(db: sqlite_utils.Database, industry: str) -> RoiPreset | None:
    row = db.execute(
        f"SELECT {_PRESET_COLUMNS} FROM roi_presets WHERE industry = ? COLLATE NOCASE",
        [industry.strip()],
    ).fetchone()
    return _preset(row) if row else None
