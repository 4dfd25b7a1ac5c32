"""The editable table that turns CRM stages into funnel stages."""

from __future__ import annotations

import sqlite_utils

from enabler.domain.crm.columns import DEFAULT_STAGE_MAP, StageRule, stage_key, stage_rules
from enabler.domain.crm.mapping import parse_stage_target
from enabler.errors import Fix, Hint, InvalidInput, NotFound
from enabler.store import crm as crm_store
from enabler.store.connection.db import transaction


def stage_table(db: sqlite_utils.Database) -> list[StageRule]:
    """Every rule (built-in and edited), sorted by CRM stage name."""
    rules = stage_rules(crm_store.stage_edits(db))
    return sorted(rules.values(), key=lambda r: r.label.casefold())


def map_stage(db: sqlite_utils.Database, label: str, target: str, actor: str = "") -> StageRule:
    """Map a CRM stage to a funnel stage, or to 'keep' (leave the prospect's stage alone)."""
    label = " ".join(label.split())
    if not stage_key(label):
        raise InvalidInput("Give the CRM stage as it appears in the export, e.g. 'Closed Won'.")
    rule = parse_stage_target(target)
    with transaction(db):
        before = stage_rules(crm_store.stage_edits(db)).get(stage_key(label))
        crm_store.set_stage_rule(db, label, rule.stage, before, actor)
    return StageRule(label, rule.stage, edited=True)


def reset_stage(db: sqlite_utils.Database, label: str, actor: str = "") -> StageRule | None:
    """Drop the user's rule for a CRM stage; returns the built-in rule now in force, if any."""
    with transaction(db):
        if not crm_store.remove_stage_rule(db, label, actor):
            raise NotFound(
                f"No edited rule for CRM stage {label!r}.", hint=Hint(Fix.LOOK_UP, "stages")
            )
    defaults = {stage_key(k): StageRule(k, v) for k, v in DEFAULT_STAGE_MAP.items()}
    return defaults.get(stage_key(label))
