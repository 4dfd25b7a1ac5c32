"""Parse JSON and TOML that users hand us, refusing absurd nesting with a clear message.

`[[[[…]]]]` ten thousand levels deep makes the standard parsers raise RecursionError (and deep
but parseable data can do the same later, in code that walks it). Nothing we read needs more
than a few levels, so anything deeper than `MAX_DEPTH` is refused as malformed.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable

MAX_DEPTH = 64


class NestedTooDeeply(ValueError):
    """The data nests lists/objects deeper than MAX_DEPTH."""

    def __init__(self) -> None:
        super().__init__(f"it nests lists or objects more than {MAX_DEPTH} levels deep")


def loads_json(text: str | bytes) -> object:
    """`json.loads`, raising ValueError (never RecursionError) for malformed or deep data."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise NestedTooDeeply() from None
    check_depth(data)
    return data


def loads_toml(text: str) -> dict:
    """`tomllib.loads`, raising ValueError (never RecursionError) for malformed or deep data."""
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise NestedTooDeeply() from None
    check_depth(data)
    return data


def check_depth(data: object, limit: int = MAX_DEPTH) -> None:
    """Raise NestedTooDeeply if `data` nests deeper than `limit` (walked without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children: Iterable[object]
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list | tuple):
            children = value
        else:
            continue
        if depth > limit:
            raise NestedTooDeeply()
        stack.extend((child, depth + 1) for child in children)
