"""`enabler objections …`, `enabler battlecard` and `enabler prep-sheet`."""

from __future__ import annotations

from pathlib import Path

import click
from click.core import ParameterSource

from enabler.cli.support.common import db_option, emit_json, emit_table, json_option, open_library
from enabler.cli.support.options import (
    OBJECTION_ITEM,
    by_option,
    expect_version_option,
    prospect_option,
)
from enabler.domain.battlecards import Battlecard, battlecard_to_dict
from enabler.domain.modules import ModuleState
from enabler.domain.objections import ChecklistItem, ObjectionCategory, ObjectionChecklist
from enabler.services.objections import checklists as service
from enabler.services.objections.prep_sheet import write_prep_sheet

MARK_STATES = ("raised", "answered", "parked", "open")
CATEGORIES = tuple(c.value for c in ObjectionCategory)


def _item_json(item: ChecklistItem) -> dict:
    obj = item.objection
    return {
        "id": item.ref,
        "text": item.text,
        "category": item.category.value,
        "state": item.state.value,
        "reason": item.reason,
        "note": item.note,
        "date": item.changed_on,
        "version": item.version,
        "custom": item.custom,
        "answer": dict(obj.answer.parts()) if obj else {},
        "proof_modules": list(obj.proof_modules) if obj else [],
    }


def _checklist_json(cl: ObjectionChecklist) -> dict:
    p = cl.progress
    return {
        "prospect": cl.prospect.company,
        "competitors": list(cl.competitors),
        "progress": {
            "label": p.label,
            "answered": p.answered,
            "raised": p.raised,
            "parked": p.parked,
            "open": p.open,
            "total": p.total,
        },
        "items": [_item_json(i) for i in cl.items],
    }


def _inherit(ctx: click.Context, db_path, as_json):
    """`--db` / `--json` given before the subcommand name apply to it too.

    A --db typed on the command line wins over ENABLER_DB, wherever it was typed.
    """
    parent = ctx.obj or {}
    typed_here = ctx.get_parameter_source("db_path") is ParameterSource.COMMANDLINE
    if parent.get("db_path") and not typed_here:
        db_path = parent["db_path"]
    return db_path, as_json or parent.get("as_json", False)


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@click.group(invoke_without_command=True)
@db_option
@json_option
@prospect_option(required=False)
@click.pass_context
def objections(ctx, db_path, as_json, prospect_ref) -> None:
    """A prospect's objection checklist: `enabler objections --prospect NAME`."""
    if ctx.invoked_subcommand is not None:
        # `enabler objections --db X mark …` must not fall back to the default library.
        typed = ctx.get_parameter_source("db_path") is ParameterSource.COMMANDLINE
        ctx.obj = {"db_path": db_path if typed else None, "as_json": as_json}
        return
    if not prospect_ref:
        raise click.UsageError("Give --prospect NAME (or use `mark` / `add`).")
    cl = service.checklist(open_library(db_path), prospect_ref)
    if as_json:
        emit_json(_checklist_json(cl))
        return
    click.echo(f"{cl.prospect.company}: {cl.progress.label}")
    if not cl.items:
        click.echo("No objections on the checklist yet. Add one with `enabler objections add`.")
        return
    rows = [
        [i.ref, i.state.value, i.category.value, _short(i.text), _short(i.reason, 50)]
        for i in cl.items
    ]
    emit_table(rows, ["ID", "STATE", "CATEGORY", "OBJECTION", "WHY"])


@objections.command("mark")
@db_option
@json_option
@prospect_option()
@click.option(
    "--objection",
    "ref",
    type=OBJECTION_ITEM,
    required=True,
    help="Objection id from the checklist.",
)
@click.option("--state", required=True, type=click.Choice(MARK_STATES, case_sensitive=False))
@click.option("--note", default=None, help="Note to keep with the item (replaces the last one).")
@expect_version_option()
@by_option
@click.pass_context
def mark(ctx, db_path, as_json, prospect_ref, ref, state, note, expected_version, actor) -> None:
    """Mark a checklist item raised, answered or parked (or back to open)."""
    db_path, as_json = _inherit(ctx, db_path, as_json)
    db = open_library(db_path)
    item = service.mark(
        db, prospect_ref, ref, state, note, expected_version=expected_version, actor=actor
    )
    if as_json:
        emit_json(_item_json(item))
        return
    progress = service.checklist(db, prospect_ref).progress.label
    click.echo(f"Marked {item.ref} {item.state.value} ({progress}).")


@objections.command("add")
@db_option
@json_option
@prospect_option()
@click.option("--text", required=True, help="What the prospect objected to, in their words.")
@click.option("--category", required=True, type=click.Choice(CATEGORIES, case_sensitive=False))
@click.option("--state", default="open", type=click.Choice(MARK_STATES, case_sensitive=False))
@click.option("--note", default="", help="Note to keep with the item.")
@by_option
@click.pass_context
def add(ctx, db_path, as_json, prospect_ref, text, category, state, note, actor) -> None:
    """Add your own objection to a prospect's checklist."""
    db_path, as_json = _inherit(ctx, db_path, as_json)
    item = service.add_item(
        open_library(db_path), prospect_ref, text, category, note, state=state, actor=actor
    )
    if as_json:
        emit_json(_item_json(item))
        return
    click.echo(f"Added {item.ref} ({item.category.label}, {item.state.value}).")


@objections.command("library")
@db_option
@json_option
@click.option("--state", type=click.Choice([s.value for s in ModuleState]), help="Only this state.")
@click.pass_context
def library(ctx, db_path, as_json, state) -> None:
    """The objection library: ids, categories, states and review dates."""
    db_path, as_json = _inherit(ctx, db_path, as_json)
    items = service.objection_library(open_library(db_path), ModuleState(state) if state else None)
    if as_json:
        emit_json(
            [
                {
                    "id": o.key,
                    "text": o.text,
                    "category": o.category.value,
                    "stages": [s.value for s in o.stages],
                    "industries": list(o.industries),
                    "competitor": o.competitor,
                    "state": o.state.value,
                    "owner": o.owner,
                    "review_by": o.review_by,
                    "answer": dict(o.answer.parts()),
                    "proof_modules": list(o.proof_modules),
                }
                for o in items
            ]
        )
        return
    rows = [
        [o.key, o.category.value, o.state.value, o.review_by or "", _short(o.text)] for o in items
    ]
    emit_table(rows, ["ID", "CATEGORY", "STATE", "REVIEW BY", "OBJECTION"])


def _print_card(card: Battlecard) -> None:
    won, lost = card.record
    click.echo(f"How {card.competitor} compares (won {won}, lost {lost})")
    if card.summary:
        click.echo(card.summary)
    sections = [
        ("How we are different", [f"{d.claim}: {d.proof}" for d in card.differentiators]),
        ("Where they are strong", list(card.strengths)),
        ("Their likely pitch", [f"{p.claim} → {p.neutralise}" for p in card.pitches]),
        ("Landmine questions", list(card.landmines)),
        ("Wins and losses", [f"{n.outcome.value} {n.account}: {n.note}" for n in card.win_loss]),
    ]
    for heading, lines in sections:
        if lines:
            click.echo(f"\n{heading}")
            for line in lines:
                click.echo(f"  - {line}")


@click.command()
@db_option
@json_option
@click.argument("competitor")
def battlecard(db_path, as_json, competitor) -> None:
    """How we are different from COMPETITOR: the battlecard."""
    card = service.battlecard(open_library(db_path), competitor)
    if as_json:
        emit_json(battlecard_to_dict(card))
        return
    _print_card(card)


@click.command("prep-sheet")
@db_option
@json_option
@prospect_option()
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the one-page PDF.",
)
def prep_sheet(db_path, as_json, prospect_ref, out) -> None:
    """Write a one-page rep prep sheet PDF: checklist, answers and battlecards."""
    result = write_prep_sheet(open_library(db_path), prospect_ref, out)
    if as_json:
        emit_json({"path": str(result.path), "pages": result.pages})
        return
    click.echo(f"Wrote {result.path} ({result.pages} page).")


def register(cli: click.Group) -> None:
    cli.add_command(objections)
    cli.add_command(battlecard)
    cli.add_command(prep_sheet)
