"""Find the row a ref names: the one lookup every kind (prospect, module…) goes through."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from enabler.domain.refs import Ref, did_you_mean
from enabler.errors import AmbiguousRef, UnknownRef


def find_row(db: sqlite_utils.Database, table: str, column: str, ref: Ref) -> dict[str, Any]:
    """The row of `table` that `ref` names, by id or by its name/key `column`.

    Text that reads as both (all digits) is the id when that exists, else the name; when the
    id and the name are two different rows it is ambiguous. A miss raises UnknownRef naming
    the kind, the field looked in and the value, with the closest name when one is near.
    """
    by_id = _rows(db, table, "id", ref.id) if ref.id is not None else []
    if by_id and ref.name is not None:
        named = _named(db, table, column, ref)
        if named and named[0]["id"] != by_id[0]["id"]:
            raise AmbiguousRef(ref.kind, ref.name, str(by_id[0][column]), ref.topic)
    if by_id:
        return by_id[0]
    if ref.name is None:
        raise UnknownRef(ref.kind, "id", ref.id, topic=ref.topic)
    if named := _named(db, table, column, ref):
        return named[0]
    if ref.id is not None:  # digits that are neither an id nor a name: report the id
        raise UnknownRef(ref.kind, "id", ref.id, topic=ref.topic)
    known = [r[column] for r in db[table].rows_where(select=f"[{column}]")]
    hint = did_you_mean(ref.name, known)
    raise UnknownRef(ref.kind, ref.name_field, ref.name, hint, topic=ref.topic)


def _rows(db: sqlite_utils.Database, table: str, column: str, value: object) -> list[dict]:
    return list(db[table].rows_where(f"[{column}] = ?", [value]))


def _named(db: sqlite_utils.Database, table: str, column: str, ref: Ref) -> list[dict]:
    collate = " COLLATE NOCASE" if ref.ignore_case else ""
    return list(db[table].rows_where(f"[{column}] = ?{collate}", [ref.name]))
