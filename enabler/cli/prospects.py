"""`enabler prospects …`."""

from __future__ import annotations

import click

from enabler.cli.support.common import db_option, emit_json, emit_table, json_option, open_library
from enabler.cli.support.options import PROSPECT
from enabler.cli.support.prospect_fields import (
    details_dict,
    echo_details,
    field_options,
    given_fields,
)
from enabler.services import listings
from enabler.services.prospects import add_prospect, edit_prospect, prospect_details


@click.group()
def prospects() -> None:
    """Prospects and what reps know about them."""


@prospects.command("list")
@db_option
@json_option
def list_prospects(db_path, as_json) -> None:
    """List prospects with id, company, industry and stage."""
    db = open_library(db_path)
    items = listings.list_prospects(db)
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


@prospects.command("show")
@db_option
@json_option
@click.argument("prospect_ref", type=PROSPECT)
def show(db_path, as_json, prospect_ref) -> None:
    """Profile, buying committee, insights (stale ones marked) and matching segment research."""
    details = prospect_details(open_library(db_path), prospect_ref)
    if as_json:
        emit_json(details_dict(details))
    else:
        echo_details(details)


@prospects.command("add")
@db_option
@field_options
@click.argument("company")
def add(db_path, actor, company, **fields) -> None:
    """Add a prospect (lists such as --pain can be given several times)."""
    p = add_prospect(open_library(db_path), company, given_fields(fields), actor=actor)
    click.echo(f"Added prospect #{p.id} {p.company} ({p.stage.value}).")


@prospects.command("edit")
@db_option
@field_options
@click.argument("prospect_ref", type=PROSPECT)
@click.option("--company", default=None, help="Rename the prospect.")
def edit(db_path, actor, prospect_ref, **fields) -> None:
    """Change a prospect's fields; a list option replaces the whole list ('' empties it)."""
    p = edit_prospect(open_library(db_path), prospect_ref, given_fields(fields), actor=actor)
    click.echo(f"Saved {p.company} (#{p.id}).")


def register(cli: click.Group) -> None:
    cli.add_command(prospects)
