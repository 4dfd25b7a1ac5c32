"""`enabler module …` (review workflow, versions) and `enabler stale`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import click

from enabler.cli.support.common import db_option, emit_json, emit_table, json_option, open_library
from enabler.cli.support.options import MODULE, expect_version_option
from enabler.domain.lifecycle import ModuleStatus, describe
from enabler.services.library import governance, revisions, staleness
from enabler.services.listings import module_content

expect_option = expect_version_option(
    "expected", help="Row version you read (see `module show`); a newer one means a conflict."
)
comment_option = click.option("--comment", default="", help="A note for the review trail.")


def status_json(s: ModuleStatus) -> dict:
    return governance.audit_view(s) | {
        "id": s.module_id,
        "title": s.title,
        "owner": s.owner,
        "row_version": s.row_version,
        "read_only": s.read_only,
        "origin": s.origin,
    }


def _done(s: ModuleStatus, as_json: bool, verb: str) -> None:
    if as_json:
        emit_json(status_json(s))
    else:
        click.echo(f"{s.key} {verb}: now {describe(s)}.")


@click.group()
def module() -> None:
    """Review workflow and versions of one library module."""


@module.command("show")
@db_option
@json_option
@click.argument("ref", type=MODULE)
def show(db_path, as_json, ref) -> None:
    """State, reviewer, review-by date, row version and current content of a module."""
    db = open_library(db_path)
    s, snap = module_content(db, ref)
    if as_json:
        data = status_json(s) | {"content": dict(snap.content), "notes": snap.talking_points}
        if s.has_revision:
            data["revision_content"] = dict(revisions.working_copy(db, ref).snapshot.content)
        emit_json(data)
        return
    click.echo(
        f"{s.key}: {s.title}\n  state {describe(s)}, owner {s.owner or '-'}, reviewer "
        f"{s.reviewer or '-'}, review by {s.review_by or '-'}, row version {s.row_version}"
    )
    if s.read_only:
        click.echo(f"  read-only, from {s.origin}")
    click.echo(json.dumps(dict(snap.content), ensure_ascii=False, indent=2))


@module.command("submit")
@db_option
@json_option
@expect_option
@comment_option
@click.option("--reviewer", default="", help="Who should review it.")
@click.argument("ref", type=MODULE)
def submit(db_path, as_json, expected, comment, reviewer, ref) -> None:
    """Send a draft (or a draft revision) for review."""
    db = open_library(db_path)
    profile = governance.require_profile(db)
    s = governance.submit(db, profile, ref, reviewer=reviewer, comment=comment, expected=expected)
    _done(s, as_json, "submitted")


@module.command("approve")
@db_option
@json_option
@expect_option
@comment_option
@click.argument("ref", type=MODULE)
def approve(db_path, as_json, expected, comment, ref) -> None:
    """Approve what is in review; reps get it from now on."""
    db = open_library(db_path)
    s = governance.approve(
        db, governance.require_profile(db), ref, comment=comment, expected=expected
    )
    _done(s, as_json, "approved")


@module.command("reject")
@db_option
@json_option
@expect_option
@click.option("--comment", required=True, help="Why it goes back to draft.")
@click.argument("ref", type=MODULE)
def reject(db_path, as_json, expected, comment, ref) -> None:
    """Send what is in review back to draft, saying why."""
    db = open_library(db_path)
    s = governance.reject(
        db, governance.require_profile(db), ref, comment=comment, expected=expected
    )
    _done(s, as_json, "rejected")


@module.command("retire")
@db_option
@json_option
@expect_option
@comment_option
@click.option("--replacement", type=MODULE, help="Approved module that replaces it (id or key).")
@click.option("--no-replacement", is_flag=True, help="Retire it without a replacement.")
@click.argument("ref", type=MODULE)
def retire(db_path, as_json, expected, comment, replacement, no_replacement, ref) -> None:
    """Retire an approved module; decks that used it are listed."""
    db = open_library(db_path)
    result = governance.retire(
        db,
        governance.require_profile(db),
        ref,
        replacement=replacement,
        no_replacement=no_replacement,
        comment=comment,
        expected=expected,
    )
    if as_json:
        emit_json(
            status_json(result.status)
            | {
                "replacement": result.replacement.key if result.replacement else None,
                "affected_decks": list(result.affected_decks),
            }
        )
        return
    instead = f"; use {result.replacement.key} instead" if result.replacement else ""
    click.echo(f"{result.status.key} retired{instead}.")
    if result.affected_decks:
        ids = ", ".join(str(d) for d in result.affected_decks)
        click.echo(f"Decks built with it (flagged, see `module flagged-decks`): {ids}")


@module.command("comment")
@db_option
@click.argument("ref", type=MODULE)
@click.argument("text")
def comment(db_path, ref, text) -> None:
    """Add a review comment to a module."""
    db = open_library(db_path)
    governance.add_comment(db, governance.require_profile(db), ref, text)
    click.echo("Comment added.")


@module.command("reviewed")
@db_option
@json_option
@expect_option
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Next review date.")
@click.argument("ref", type=MODULE)
def reviewed(db_path, as_json, expected, until, ref) -> None:
    """Confirm an approved module is still accurate; moves its review-by date on."""
    db = open_library(db_path)
    s = governance.mark_reviewed(
        db,
        governance.require_profile(db),
        ref,
        until=until.date() if until else None,
        expected=expected,
    )
    _done(s, as_json, f"reviewed (next review by {s.review_by})")


@module.command("flagged-decks")
@db_option
@json_option
def flagged_decks(db_path, as_json) -> None:
    """Decks built with modules that have since been retired."""
    db = open_library(db_path)
    items = staleness.flagged_decks(db)
    if as_json:
        emit_json([dataclasses.asdict(d) for d in items])
        return
    if not items:
        click.echo("No deck uses a retired module.")
        return
    emit_table(
        [
            [d.deck_id, d.company, d.built_at[:10], d.module_key, d.replacement_key or "-"]
            for d in items
        ],
        ["DECK", "PROSPECT", "BUILT", "RETIRED MODULE", "USE INSTEAD"],
    )


@click.command()
@db_option
@json_option
def stale(db_path, as_json) -> None:
    """Approved modules past their review-by date, most overdue first."""
    db = open_library(db_path)
    items = staleness.stale_modules(db, dt.date.today())
    if as_json:
        emit_json([status_json(m.status) | {"days_overdue": m.days_overdue} for m in items])
        return
    if not items:
        click.echo("Nothing is past its review date.")
        return
    emit_table(
        [[m.status.key, m.status.owner, m.status.review_by, m.days_overdue] for m in items],
        ["KEY", "OWNER", "REVIEW BY", "DAYS OVERDUE"],
    )


def register(cli: click.Group) -> None:
    cli.add_command(module)
    cli.add_command(stale)
