"""`enabler rebuild DECK_ID | --stale`: rebuild decks whose modules were retired, beside them."""

from __future__ import annotations

import click

from enabler.cli.support.common import db_option, open_library
from enabler.errors import InvalidInput


@click.command()
@db_option
@click.argument("deck_id", type=int, required=False)
@click.option("--stale", is_flag=True, help="Rebuild every deck built with a retired module.")
def rebuild(db_path, deck_id: int | None, stale: bool) -> None:
    """Rebuild a deck with retired modules replaced, written beside the old one."""
    from enabler.services.deck.rebuild import rebuild_deck, stale_deck_ids

    if (deck_id is None) == (not stale):
        raise InvalidInput("Give a deck id or --stale (not both): `enabler rebuild 12`.")
    db = open_library(db_path)
    ids = stale_deck_ids(db) if stale else [deck_id]
    if not ids:
        click.echo("No deck uses a retired module: nothing to rebuild.")
        return
    for n in ids:
        done = rebuild_deck(db, n)
        swaps = ", ".join(f"{old} → {new}" for old, new in done.plan.replaced)
        left = ", ".join(done.plan.dropped)
        click.echo(
            f"Deck {n} rebuilt: {done.path} ({done.slides} slides)"
            + (f"; replaced {swaps}" if swaps else "")
            + (f"; left out {left} (retired, no replacement)" if left else "")
        )


def register(cli: click.Group) -> None:
    cli.add_command(rebuild)
