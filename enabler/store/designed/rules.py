"""What a designed module version needs beyond its row: the module's rules and its preview."""

from __future__ import annotations

import dataclasses
import json

import sqlite_utils

from enabler.domain.modules import ModuleKind, ModuleVersion, SlideFormatting


def with_designed_details(db: sqlite_utils.Database, version: ModuleVersion) -> ModuleVersion:
    """`version` with its fields, rules, formatting and thumbnail filled in (designed only).

    Rules belong to the module, not to one version, so restoring or editing a version keeps them.
    """
    if version.kind is not ModuleKind.DESIGNED:
        return version
    row = db.execute(
        "SELECT v.fields, d.condition, d.repeat, s.thumbnail, d.formatting FROM module_versions v "
        "LEFT JOIN designed_slides d ON d.module_id = v.module_id "
        "LEFT JOIN designed_sources s ON s.source_blob = v.source_blob WHERE v.id = ?",
        [version.id],
    ).fetchone()
    if row is None:
        return version
    fields, condition, repeat, thumbnail, formatting = row
    return dataclasses.replace(
        version,
        fields=tuple(json.loads(fields or "[]")),
        condition=condition or "",
        repeat=repeat or "",
        thumbnail=thumbnail or "",
        formatting=SlideFormatting(formatting or SlideFormatting.SOURCE.value),
    )
