"""Conversions between SQLite rows (JSON text columns, ISO dates) and domain values."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable


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
