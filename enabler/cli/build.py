"""`enabler build`."""

from __future__ import annotations

from pathlib import Path

import click

from enabler.cli.build_batch import batch_command
from enabler.cli.common import db_option, emit_json, json_option, open_library
from enabler.cli.export import echo_findings, summary
from enabler.domain.storyline import DEFAULT_TOP
from enabler.services.build import build_deck, plan_deck
from enabler.services.export import deck_to_pdf, pdf_path_for
from enabler.services.output_guard import check_outputs


def _split(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def _fields(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--field")
        out[name.strip()] = value
    return out


@click.command()
@db_option
@json_option
@click.option("--prospect", "prospect_ref", required=True, help="Company name or id.")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the .pptx.",
)
@click.option("--modules", "module_refs", help="Module ids or keys, comma-separated, in order.")
@click.option("--field", "fields", multiple=True, help="Override a field: NAME=VALUE.")
@click.option("--rep", default="", help="Rep presenting the deck (default: the prospect's rep).")
@click.option(
    "--top",
    default=DEFAULT_TOP,
    show_default=True,
    type=click.IntRange(1, 100),
    help="Without --modules: how many recommended modules to use.",
)
@click.option("--pdf", "make_pdf", is_flag=True, help="Also write the PDF beside the deck.")
@click.option("--force", is_flag=True, help="Write the PDF even when preflight finds errors.")
def build(
    db_path, as_json, prospect_ref, out, module_refs, fields, rep, top, make_pdf, force
) -> None:
    """Build a personalised deck for a prospect (and preflight it)."""
    db = open_library(db_path)
    if make_pdf:
        check_outputs([out, pdf_path_for(out)], db=db)  # before building: nothing half-done
    plan = plan_deck(db, prospect_ref, _split(module_refs), _fields(fields), rep=rep, top=top)
    result = build_deck(db, plan, out)
    report = result.preflight
    pdf_path = deck_to_pdf(result.path, report, force=force, db=db) if make_pdf else None
    if as_json:
        emit_json(
            {
                "path": str(result.path),
                "deck_id": result.deck_id,
                "slides": result.slides,
                "modules": list(result.modules),
                "preflight": report.to_dict() if report else None,
                "pdf": str(pdf_path) if pdf_path else None,
            }
        )
        return
    click.echo(
        f"Built {result.path} for {plan.prospect.company}: {result.slides} slides "
        f"from {len(result.modules)} modules."
    )
    if report is not None and report.findings:
        click.echo(f"Preflight: {summary(report)}")
        echo_findings(report)
    if pdf_path is not None:
        click.echo(f"PDF: {pdf_path}")


def register(cli: click.Group) -> None:
    cli.add_command(batch_command(build))
