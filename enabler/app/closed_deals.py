"""Which prospects a list shows: open deals, closed ones (won, lost, no decision) when asked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def shown_prospects(prospects: Iterable, closed: Mapping, show_closed: bool, current) -> list:
    """Open deals; closed ones too when `show_closed`; always the prospect now chosen."""
    return [
        p
        for p in prospects
        if show_closed or p.id not in closed or (current is not None and p.id == current.id)
    ]


def hidden_by_filter(company: str, listed: Iterable, everyone: Iterable) -> bool:
    """True when `company` exists but the closed-deals filter keeps it off the list."""
    return not any(p.company == company for p in listed) and any(
        p.company == company for p in everyone
    )
