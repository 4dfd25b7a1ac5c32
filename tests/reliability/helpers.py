"""Small helpers shared by the reliability tests."""

from __future__ import annotations


def dump(db) -> list[str]:
    """The whole database as SQL statements: equal dumps mean nothing was written."""
    return list(db.conn.iterdump())
