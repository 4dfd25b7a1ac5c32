"""Conversions between SQLite rows (JSON text columns, ISO dates) and domain values."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from sqlite_utils.db import Table


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def tuple_of(text: str | None) -> tuple[str, ...]:
    return tuple(json.loads(text)) if text else ()


def list_json(values: Iterable[str]) -> str:
    return dumps([str(v) for v in values])


def date_or_none(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def datetime_or_none(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def row_id(table: Table) -> int:
    """The integer id of the row `table` just inserted (sqlite-utils types `last_pk` as Any)."""
    pk = table.last_pk
    if not isinstance(pk, int):
        raise TypeError(f"{table.name}: the inserted row has no integer id ({pk!r})")
    return pk
