"""`enabler prospects …`."""

from __future__ import annotations

import click

from enabler.cli.common import db_option, emit_json, emit_table, json_option, open_library
from enabler.store import prospects as prospect_store


@click.group()
def prospects() -> None:
    """Prospects and what reps know about them."""


@prospects.command("list")
@db_option
@json_option
def list_prospects(db_path, as_json) -> None:
    """List prospects with id, company, industry and stage."""
    db = open_library(db_path)
    items = prospect_store.list_prospects(db)
    if as_json:
        emit_json(
            [
                {
                    "id": p.id,
                    "company": p.company,
                    "industry": p.industry,
                    "stage": p.stage.value,
                    "owner_rep": p.owner_rep,
                    "competitors": list(p.competitors),
                    "next_meeting": p.next_meeting,
                }
                for p in items
            ]
        )
        return
    if not items:
        click.echo("No prospects yet. Run `enabler demo` to load the demo prospects.")
        return
    rows = [[p.id, p.company, p.industry, p.stage.value, p.owner_rep] for p in items]
    emit_table(rows, ["ID", "COMPANY", "INDUSTRY", "STAGE", "REP"])


def register(cli: click.Group) -> None:
    cli.add_command(prospects)
