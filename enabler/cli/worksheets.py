"""`enabler criteria …`: a prospect's evaluation criteria (the plan is in `action_plans.py`)."""

from __future__ import annotations

import click

from enabler.cli.support.common import db_option, emit_json, emit_table, json_option, open_library
from enabler.cli.support.options import (
    CRITERION_ITEM,
    by_option,
    expect_version_option,
    prospect_option,
)
from enabler.domain.criteria import CriteriaChecklist, CriterionItem
from enabler.services.worksheets import criteria as service
from enabler.services.worksheets.deck import checklist_to_dict, criterion_to_dict, item_to_dict

STATUS_HELP = "met, partly, gap or unknown."


def inherit(parent: dict | None, db_path, as_json):
    """Options given before the subcommand name apply to it too."""
    parent = parent or {}
    return db_path or parent.get("db_path"), as_json or parent.get("as_json", False)


def short(text: str, limit: int = 48) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _print_checklist(cl: CriteriaChecklist) -> None:
    click.echo(f"{cl.prospect.company}: {cl.fit.label} (weak spots first)")
    if not cl.items:
        click.echo("No criteria yet. Add one with `enabler criteria add`.")
        return
    rows = [
        [
            i.ref,
            i.weight,
            i.status.value,
            short(i.label),
            short(i.evidence or i.note or i.reason, 40),
        ]
        for i in cl.ordered()
    ]
    emit_table(rows, ["ID", "WEIGHT", "STATUS", "CRITERION", "EVIDENCE / NOTE / WHY"])


def _print_item(verb: str, item: CriterionItem, db, prospect_ref) -> None:
    fit = service.criteria_checklist(db, prospect_ref).fit.label
    click.echo(f"{verb} {item.ref}: {item.status.value}, weight {item.weight} ({fit}).")


@click.group(invoke_without_command=True)
@db_option
@json_option
@prospect_option(required=False)
@click.pass_context
def criteria(ctx, db_path, as_json, prospect_ref) -> None:
    """A prospect's evaluation criteria: `enabler criteria --prospect NAME`."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"db_path": db_path, "as_json": as_json}
        return
    if not prospect_ref:
        raise click.UsageError("Give --prospect NAME (or use `mark`, `add`, `drop`, `library`).")
    cl = service.criteria_checklist(open_library(db_path), prospect_ref)
    if as_json:
        emit_json(checklist_to_dict(cl))
        return
    _print_checklist(cl)


@criteria.command("library")
@db_option
@json_option
@click.pass_obj
def library(parent, db_path, as_json) -> None:
    """The approved criteria library: what buyers weigh and how we meet it."""
    db_path, as_json = inherit(parent, db_path, as_json)
    items = service.criteria_library(open_library(db_path))
    if as_json:
        emit_json([criterion_to_dict(c) for c in items])
        return
    rows = [
        [c.key, c.weight, ", ".join(c.industries) or "all", ", ".join(c.personas) or "all"]
        for c in items
    ]
    emit_table(rows, ["KEY", "WEIGHT", "INDUSTRIES", "PERSONAS"])


@criteria.command("mark")
@db_option
@json_option
@prospect_option()
@click.option(
    "--criterion",
    "ref",
    type=CRITERION_ITEM,
    required=True,
    help="Criterion id from the checklist.",
)
@click.option("--status", default=None, help=STATUS_HELP)
@click.option("--weight", default=None, help="1 (nice to have) to 5 (must have).")
@click.option("--wording", default=None, help="The buyer's own words for the criterion.")
@click.option("--evidence", default=None, help="What shows we meet it.")
@click.option("--note", default=None, help="Note to keep with the item (replaces the last one).")
@expect_version_option()
@by_option
@click.pass_obj
def mark(parent, db_path, as_json, prospect_ref, ref, expected_version, actor, **fields) -> None:
    """Record where we stand on a criterion (only the options given change)."""
    db_path, as_json = inherit(parent, db_path, as_json)
    db = open_library(db_path)
    item = service.mark_criterion(
        db, prospect_ref, ref, expected_version=expected_version, actor=actor, **fields
    )
    if as_json:
        emit_json(item_to_dict(item))
        return
    _print_item("Marked", item, db, prospect_ref)


@criteria.command("add")
@db_option
@json_option
@prospect_option()
@click.option("--criterion", "key", default=None, help="A library criterion's key.")
@click.option("--name", default=None, help="Or your own criterion, in a few words.")
@click.option("--wording", default="", help="The buyer's own words for the criterion.")
@click.option("--weight", default=None, help="1 (nice to have) to 5 (must have).")
@click.option("--status", default="unknown", help=STATUS_HELP)
@click.option("--evidence", default="", help="What shows we meet it.")
@click.option("--note", default="", help="Note to keep with the item.")
@by_option
@click.pass_obj
def add(parent, db_path, as_json, prospect_ref, actor, **fields) -> None:
    """Put a library criterion or your own on a prospect's checklist."""
    db_path, as_json = inherit(parent, db_path, as_json)
    db = open_library(db_path)
    item = service.add_criterion(db, prospect_ref, actor=actor, **fields)
    if as_json:
        emit_json(item_to_dict(item))
        return
    _print_item("Added", item, db, prospect_ref)


@criteria.command("drop")
@db_option
@json_option
@prospect_option()
@click.option(
    "--criterion",
    "ref",
    type=CRITERION_ITEM,
    required=True,
    help="Criterion id from the checklist.",
)
@expect_version_option()
@by_option
@click.pass_obj
def drop(parent, db_path, as_json, prospect_ref, ref, expected_version, actor) -> None:
    """Take a criterion off the checklist (kept, with its notes; `mark` brings it back)."""
    db_path, as_json = inherit(parent, db_path, as_json)
    db = open_library(db_path)
    item = service.drop_criterion(
        db, prospect_ref, ref, expected_version=expected_version, actor=actor
    )
    if as_json:
        emit_json(item_to_dict(item))
        return
    click.echo(f"Dropped {item.ref} from {prospect_ref}'s criteria.")


def register(cli: click.Group) -> None:
    cli.add_command(criteria)
