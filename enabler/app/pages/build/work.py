"""The Build page's background calls. Each runs off the GUI thread and imports its services
there, so the window paints before python-pptx, Jinja2 and Babel are loaded."""

from __future__ import annotations

from pathlib import Path

from enabler.domain.refs import ModuleRef, ProspectRef


def load_choices(ctx):
    """The prospects to pick from, the approved modules that can be added, and how the closed
    deals ended (prospect id → outcome)."""
    from enabler.services import browse
    from enabler.services.app_views import closed_deals

    db = ctx.open_db()
    return browse.prospects(db), browse.approved_modules(db), closed_deals(db)


def load_plan(ctx, prospect_id: int):
    """The recommended plan for a prospect and, per module, its title and why it is there."""
    from enabler.services.deck.build import plan_deck
    from enabler.services.deck.preview import plan_lines

    db = ctx.open_db()
    plan = plan_deck(db, ProspectRef.by_id(prospect_id))
    return plan, plan_lines(db, plan)


def build(ctx, prospect_id: int, keys: list[str], overrides: dict[str, str], out: Path):
    """Build the deck; Cancel stops it after the module being drawn, before anything is
    written."""
    from enabler.export.atomic import ensure_folder
    from enabler.services.deck.build import build_deck, plan_deck

    db = ctx.open_db()
    ctx.progress(5, "Planning")
    plan = plan_deck(db, ProspectRef.by_id(prospect_id), keys, overrides=overrides)
    ensure_folder(out.parent)

    def progress(done: int, total: int, message: str) -> None:
        # Slides take 10–85 %, checking and writing the rest. ctx.progress raises on Cancel.
        ctx.progress(10 + 75 * done // max(total, 1), message)

    return build_deck(db, plan, out, progress=progress)


def rate(ctx, key: str, stars: int, flag: str | None, comment: str):
    from enabler.services.feedback import ratings as feedback

    return feedback.rate(ctx.open_db(), ModuleRef.by_name(key), stars, flag=flag, comment=comment)


def export_pdf(ctx, deck: Path, report):
    from enabler.services.export import deck_to_pdf

    ctx.progress(10, "Converting with LibreOffice")
    return deck_to_pdf(deck, report, db=ctx.open_db())


def leave_behind(ctx, prospect_id: int, out: Path):
    from enabler.services.leave_behind.document import build_leave_behind

    return build_leave_behind(ctx.open_db(), ProspectRef.by_id(prospect_id), out)
