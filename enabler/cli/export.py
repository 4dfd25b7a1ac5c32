"""`enabler pdf`, `enabler leave-behind` and `enabler check`."""

from __future__ import annotations

from pathlib import Path

import click

from enabler.cli.support.common import db_option, emit_json, json_option, open_library
from enabler.cli.support.findings import echo_findings, summary
from enabler.cli.support.messages import hint_phrase
from enabler.cli.support.options import prospect_option
from enabler.errors import Fix, Hint
from enabler.services.deck.preflight import check_deck
from enabler.services.export import export_pdfs
from enabler.services.leave_behind.document import build_leave_behind


@click.command()
@db_option
@json_option
@click.argument("deck", type=click.Path(dir_okay=False, path_type=Path))
def check(db_path, as_json, deck) -> None:
    """Preflight a deck: unfilled fields, overflowing text, images, module status.

    Exits 1 when there are errors (which stop PDF export unless --force).
    """
    db = open_library(db_path)
    report = check_deck(deck, db)
    if as_json:
        emit_json({"deck": str(deck), **report.to_dict()})
    else:
        click.echo(f"{deck}: {summary(report)}")
        echo_findings(report)
    if report.errors:
        raise click.exceptions.Exit(1)


@click.command()
@db_option
@json_option
@click.argument("decks", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The PDF to write (one deck only; default: beside each deck).",
)
@click.option("--force", is_flag=True, help="Export even when preflight finds errors.")
def pdf(db_path, as_json, decks, out, force) -> None:
    """Convert decks to PDF through LibreOffice (kept running across the batch)."""
    db = open_library(db_path)
    results = export_pdfs(list(decks), out=out, db=db, force=force)
    if as_json:
        emit_json(
            [
                {
                    "deck": str(r.deck),
                    "pdf": str(r.pdf) if r.pdf else None,
                    "error": r.error,
                    "preflight": r.preflight.to_dict() if r.preflight else None,
                }
                for r in results
            ]
        )
    else:
        for r in results:
            if r.ok:
                note = f" ({summary(r.preflight)})" if r.preflight and r.preflight.findings else ""
                click.echo(f"Wrote {r.pdf}{note}")
                if r.preflight and r.preflight.warnings:
                    echo_findings(r.preflight)
            else:
                blocked = r.preflight is not None and bool(r.preflight.errors)
                hint = f" ({hint_phrase(Hint(Fix.CONFIRM, 'force'))})" if blocked else ""
                click.echo(f"Error: {r.deck}: {r.error}{hint}", err=True)
    if not all(r.ok for r in results):
        raise click.exceptions.Exit(1)


@click.command("leave-behind")
@db_option
@json_option
@prospect_option()
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the PDF.",
)
@click.option("--rep", default="", help="Rep whose contact goes on it (default: the owner).")
def leave_behind(db_path, as_json, prospect_ref, out, rep) -> None:
    """Write the PDF a rep sends after the call: priorities, answers, ROI, next steps."""
    db = open_library(db_path)
    result = build_leave_behind(db, prospect_ref, out, rep=rep)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if as_json:
        emit_json(
            {
                "path": str(result.path),
                "pages": result.pages,
                "sections": list(result.sections),
                "warnings": list(result.warnings),
            }
        )
        return
    click.echo(
        f"Wrote {result.path} for {result.company}: {result.pages} page"
        f"{'s' if result.pages != 1 else ''} ({', '.join(result.sections)})."
    )


def register(cli: click.Group) -> None:
    cli.add_command(check)
    cli.add_command(pdf)
    cli.add_command(leave_behind)
