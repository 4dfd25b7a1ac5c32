"""`enabler demo` and `enabler modules …`."""

from __future__ import annotations

import click

from enabler.cli.support.common import db_option, emit_json, emit_table, json_option, open_library
from enabler.domain.modules import ModuleState
from enabler.services import listings
from enabler.services.demo.library import load_demo


@click.command()
@db_option
@click.option(
    "--history/--no-history",
    default=True,
    show_default=True,
    help="Also add months of past decks, ratings, outcomes and objections.",
)
def demo(db_path, history: bool) -> None:
    """Load the bundled demo library (safe to run again)."""
    db = open_library(db_path)
    result = load_demo(db, history=history)
    click.echo(
        f"Demo library ready: {result.modules_added} modules and "
        f"{result.prospects_added} prospects added."
    )


@click.group()
def modules() -> None:
    """The slide module library."""


@modules.command("list")
@db_option
@json_option
@click.option(
    "--state",
    type=click.Choice([s.value for s in ModuleState]),
    help="Only modules in this state.",
)
def list_modules(db_path, as_json, state) -> None:
    """List modules in every state with id, key, title, state, owner and stages."""
    db = open_library(db_path)
    items = listings.list_modules(db, ModuleState(state) if state else None)
    if as_json:
        emit_json(
            [
                {
                    "id": m.id,
                    "key": m.key,
                    "title": m.title,
                    "state": m.state.value,
                    "owner": m.owner,
                    "stages": [s.value for s in m.stages],
                    "industries": list(m.industries),
                    "personas": list(m.personas),
                    "competitors": list(m.competitors),
                    "tags": list(m.tags),
                    "review_by": m.review_by,
                    "version_id": m.current_version_id,
                }
                for m in items
            ]
        )
        return
    if not items:
        click.echo("The library is empty. Run `enabler demo` to load the demo library.")
        return
    rows = [
        [m.id, m.key, m.title[:48], m.state.value, m.owner, ",".join(s.value for s in m.stages)]
        for m in items
    ]
    emit_table(rows, ["ID", "KEY", "TITLE", "STATE", "OWNER", "STAGES"])


def register(cli: click.Group) -> None:
    cli.add_command(demo)
    cli.add_command(modules)
