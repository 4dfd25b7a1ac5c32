"""Background calls of the Library tabs, and what they share.

Each job is `fn(ctx, …)` run off the GUI thread by `Operation`; it opens its own connection and
calls one service (imported inside, to keep start-up light). Changes pass the row version the
user saw (`expected`), so a module changed meanwhile is refused with a sentence, not overwritten.
"""

from __future__ import annotations

import html

from enabler.app.background import Background
from enabler.app.ops import Operation
from enabler.domain.refs import ModuleRef

# reads -----------------------------------------------------------------------------------


def find(ctx, text: str, filters: dict):
    from enabler.services.library.views import find_modules
    from enabler.services.listings import SearchFilters

    return find_modules(ctx.open_db(), text, SearchFilters(**filters))


def detail(ctx, key: str):
    from enabler.services.library.views import module_detail

    return module_detail(ctx.open_db(), ModuleRef.by_name(key))


def diff(ctx, key: str, old: int, new: int):
    from enabler.services.library import revisions

    return revisions.diff(ctx.open_db(), ModuleRef.by_name(key), old, new)


def queue(ctx):
    from enabler.services.library.views import current_profile, review_queue

    db = ctx.open_db()
    return current_profile(db), review_queue(db)


def rebuild(ctx, deck_id: int):
    from enabler.services.deck.rebuild import rebuild_deck

    return rebuild_deck(ctx.open_db(), deck_id)


def stale(ctx):
    from enabler.services.library.views import stale_report

    return stale_report(ctx.open_db())


# changes ---------------------------------------------------------------------------------


def _me(db):
    from enabler.services.library import governance

    return governance.require_profile(db)


def submit(ctx, key: str, expected: int, comment: str):
    from enabler.services.library import governance

    db = ctx.open_db()
    return governance.submit(
        db, _me(db), ModuleRef.by_name(key), comment=comment, expected=expected
    )


def approve(ctx, key: str, expected: int, comment: str):
    from enabler.services.library import governance

    db = ctx.open_db()
    return governance.approve(
        db, _me(db), ModuleRef.by_name(key), comment=comment, expected=expected
    )


def reject(ctx, key: str, expected: int, comment: str):
    from enabler.services.library import governance

    db = ctx.open_db()
    return governance.reject(
        db, _me(db), ModuleRef.by_name(key), comment=comment, expected=expected
    )


def retire(ctx, key: str, expected: int, replacement: str | None, comment: str):
    from enabler.services.library import governance

    db = ctx.open_db()
    return governance.retire(
        db,
        _me(db),
        ModuleRef.by_name(key),
        replacement=ModuleRef.by_name(replacement) if replacement else None,
        no_replacement=replacement is None,
        comment=comment,
        expected=expected,
    )


def reviewed(ctx, key: str, expected: int, until):
    from enabler.services.library import governance

    db = ctx.open_db()
    return governance.mark_reviewed(
        db, _me(db), ModuleRef.by_name(key), until=until, expected=expected
    )


def restore(ctx, key: str, expected: int, number: int, note: str):
    from enabler.services.library import revisions

    db = ctx.open_db()
    return revisions.restore_version(
        db, _me(db), ModuleRef.by_name(key), number, note=note, expected=expected
    )


def comment(ctx, key: str, text: str):
    from enabler.services.library import governance

    db = ctx.open_db()
    governance.add_comment(db, _me(db), ModuleRef.by_name(key), text)


def set_profile(ctx, name: str, role: str):
    from enabler.services.library import governance

    return governance.set_profile(ctx.open_db(), name, role)


# shared by the tabs ------------------------------------------------------------------------


class Jobs(Background):
    """Mixed into a tab (before QWidget): runs jobs, keeping each in `ops` until it is done
    (tests wait on `op` / `ops`). The tab provides `db_path` and an `error` signal. A pane
    inside a tab is given the tab's `ops` list, so waiting on the tab waits on it too."""

    def _init_jobs(self, ops: list[Operation] | None = None) -> None:
        self.op: Operation | None = None
        self.ops: list[Operation] = [] if ops is None else ops


def changes_html(changes, empty: str = "No differences.") -> str:
    """A readable diff: one sentence per changed field."""
    if not changes:
        return f"<i>{html.escape(empty)}</i>"
    items = "".join(f"<li>{html.escape(c.summary)}</li>" for c in changes)
    return f"<ul>{items}</ul>"


def short_time(iso: str) -> str:
    """'2026-11-23T18:21:54+00:00' → '2026-11-23 18:21'."""
    return iso[:16].replace("T", " ") if iso else ""
