"""Options several commands share, and the parsing of their values, defined once."""

from __future__ import annotations

import click


def split_ids(value: str | None) -> list[str] | None:
    """`a, b,c` → ["a", "b", "c"]; nothing given → None."""
    if not value:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def parse_fields(values: tuple[str, ...]) -> dict[str, str]:
    """Repeated `--field NAME=VALUE` options as a dict."""
    out = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--field")
        out[name.strip()] = value
    return out
