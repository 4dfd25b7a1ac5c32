"""`enabler module edit|restore|history|diff`: versions of a module."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from enabler.cli.governance import expect_option, module, status_json
from enabler.cli.support.common import db_option, emit_json, emit_table, json_option, open_library
from enabler.cli.support.options import MODULE
from enabler.domain.lifecycle import describe
from enabler.services.library import governance, revisions
from enabler.services.library.revisions import META_FIELDS, ModuleEdit


def _listing(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(v.strip() for v in value.split(",") if v.strip())


def _value(text: str):
    """JSON when it parses as a list or object (bullets, columns, table), else plain text."""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return value if isinstance(value, list | dict) else text


@click.command("edit")
@db_option
@json_option
@expect_option
@click.option(
    "--file",
    "edit_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help='JSON: {"content": {...}, "talking_points": "...", "tags": [...]}.',
)
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="FIELD=VALUE",
    help='Set a content field (title, bullets=\'["a","b"]\', quote…).',
)
@click.option("--unset", multiple=True, metavar="FIELD", help="Remove a content field.")
@click.option("--talking-points", help="New speaker notes.")
@click.option("--stages", help="Comma-separated stages.")
@click.option("--industries", help="Comma-separated industries (empty: all).")
@click.option("--personas", help="Comma-separated personas.")
@click.option("--competitors", help="Comma-separated competitors.")
@click.option("--tags", help="Comma-separated tags.")
@click.option("--note", default="", help="What changed and why (kept with the version).")
@click.argument("ref", type=MODULE)
def edit(db_path, as_json, expected, edit_file, sets, unset, talking_points, note, ref, **meta):
    """Save a change as a new version; an approved module gets a draft revision."""
    db = open_library(db_path)
    change = revisions.read_edit_file(edit_file) if edit_file else ModuleEdit()
    content = dict(change.content)
    for item in sets:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not FIELD=VALUE", param_hint="--set")
        content[name.strip()] = _value(value)
    content |= {name: None for name in unset}
    lists = {k: _listing(v) for k, v in meta.items() if k in META_FIELDS}
    change = ModuleEdit(
        content,
        talking_points if talking_points is not None else change.talking_points,
        dict(change.meta) | {k: v for k, v in lists.items() if v is not None},
    )
    result = revisions.edit_module(
        db, governance.require_profile(db), ref, change, note=note, expected=expected
    )
    _saved(result, as_json)


def _saved(result: revisions.EditResult, as_json: bool) -> None:
    s = result.status
    if as_json:
        emit_json(
            status_json(s)
            | {"version": result.number, "changes": [c.summary for c in result.changes]}
        )
        return
    where = (
        "as a draft revision; reps keep the approved version until it is approved"
        if s.has_revision
        else "as the draft"
    )
    click.echo(f"Saved version {result.number} of {s.key} {where}:")
    for change in result.changes:
        click.echo(f"  - {change.summary}")


@click.command("restore")
@db_option
@json_option
@expect_option
@click.option("--note", default="", help="Why it is restored.")
@click.argument("ref", type=MODULE)
@click.argument("version", type=int)
def restore(db_path, as_json, expected, note, ref, version) -> None:
    """Bring back an earlier version as a new draft."""
    db = open_library(db_path)
    result = revisions.restore_version(
        db, governance.require_profile(db), ref, version, note=note, expected=expected
    )
    _saved(result, as_json)


@click.command("history")
@db_option
@json_option
@click.argument("ref", type=MODULE)
def history(db_path, as_json, ref) -> None:
    """Every version and review event of a module."""
    db = open_library(db_path)
    h = revisions.history(db, ref)
    if as_json:
        emit_json(
            {
                "module": status_json(h.status),
                "versions": [dataclasses.asdict(v) for v in h.versions],
                "events": [dataclasses.asdict(e) for e in h.events],
            }
        )
        return
    click.echo(f"{h.status.key}: {describe(h.status)}")
    emit_table(
        [[v.number, v.created_at, v.created_by, v.role, v.note[:50]] for v in h.versions],
        ["VERSION", "CREATED", "BY", "ROLE", "NOTE"],
    )
    for e in h.events:
        click.echo(f"  {e.at}  {e.actor}: {e.action}" + (f" — {e.comment}" if e.comment else ""))


@click.command("diff")
@db_option
@json_option
@click.option("--from", "old", type=int, help="Older version number (default: the one before).")
@click.option("--to", "new", type=int, help="Newer version number (default: the latest).")
@click.argument("ref", type=MODULE)
def diff(db_path, as_json, old, new, ref) -> None:
    """What changed between two versions, field by field."""
    db = open_library(db_path)
    old, new, changes = revisions.diff(db, ref, old, new)
    if as_json:
        emit_json(
            {
                "from": old,
                "to": new,
                "changes": [
                    {
                        "field": c.field,
                        "label": c.label,
                        "summary": c.summary,
                        "before": c.before,
                        "after": c.after,
                    }
                    for c in changes
                ],
            }
        )
        return
    click.echo(f"Version {old} → {new}:" if changes else f"Versions {old} and {new} are the same.")
    for change in changes:
        click.echo(f"  - {change.summary}")


def register(cli: click.Group) -> None:
    for command in (edit, restore, history, diff):
        module.add_command(command)
