"""`enabler contacts …`: a prospect's buying committee."""

from __future__ import annotations

import dataclasses

import click

from enabler.cli.support.common import db_option, emit_json, emit_table, json_option, open_library
from enabler.cli.support.options import by_option, prospect_option
from enabler.services import prospects as prospect_service
from enabler.services.listings import prospect_contacts

_FIELDS = (
    ("--title", "title", "Job title."),
    ("--role", "role", "Role in the buying committee (champion, economic buyer…)."),
    ("--persona", "persona", "Persona the library targets: CFO, CIO, VP Operations…"),
    ("--influence", "influence", "high, medium or low."),
    ("--stance", "stance", "supporter, neutral or sceptic."),
    ("--email", "email", "Email address."),
)


def _contact_options(func):
    for flag, name, text in reversed(_FIELDS):
        func = click.option(flag, name, default=None, help=text)(func)
    func = click.option("--primary/--not-primary", default=None, help="Address decks to them.")(
        func
    )
    return by_option(func)


def _given(values: dict) -> dict:
    return {k: v for k, v in values.items() if v is not None}


@click.group()
def contacts() -> None:
    """The buying committee: who is involved, their persona, influence and stance."""


@contacts.command("list")
@db_option
@json_option
@prospect_option()
def list_contacts(db_path, as_json, prospect_ref) -> None:
    """List a prospect's contacts."""
    db = open_library(db_path)
    items = prospect_contacts(db, prospect_ref)
    if as_json:
        emit_json([dataclasses.asdict(c) for c in items])
        return
    rows = [
        [c.id, c.name + (" *" if c.primary else ""), c.persona, c.role, c.influence, c.stance]
        for c in items
    ]
    emit_table(rows, ["ID", "NAME", "PERSONA", "ROLE", "INFLUENCE", "STANCE"])


@contacts.command("add")
@db_option
@_contact_options
@prospect_option()
@click.argument("name")
def add(db_path, actor, prospect_ref, name, **fields) -> None:
    """Add someone to a prospect's buying committee."""
    c = prospect_service.add_contact(
        open_library(db_path), prospect_ref, name, actor=actor, **_given(fields)
    )
    click.echo(f"Added contact #{c.id} {c.name}.")


@contacts.command("edit")
@db_option
@_contact_options
@click.argument("contact_id", type=int)
@click.option("--name", default=None, help="Correct the name.")
def edit(db_path, actor, contact_id, **fields) -> None:
    """Change a contact's details."""
    c = prospect_service.edit_contact(
        open_library(db_path), contact_id, actor=actor, **_given(fields)
    )
    click.echo(f"Saved contact #{c.id} {c.name}.")


@contacts.command("remove")
@db_option
@by_option
@click.argument("contact_id", type=int)
def remove(db_path, actor, contact_id) -> None:
    """Remove someone from the buying committee."""
    c = prospect_service.remove_contact(open_library(db_path), contact_id, actor=actor)
    click.echo(f"Removed contact #{c.id} {c.name}.")


def register(cli: click.Group) -> None:
    cli.add_command(contacts)
