"""`enabler build`."""

from __future__ import annotations

from pathlib import Path

import click

from enabler.cli.build_batch import batch_command
from enabler.cli.support.common import db_option, emit_json, json_option, open_library
from enabler.cli.support.findings import echo_findings, summary
from enabler.cli.support.options import module_refs_of, parse_fields, prospect_option
from enabler.domain.deck.notes import PlanNote, PlanNoteKind
from enabler.domain.deck.storyline import DEFAULT_TOP
from enabler.errors import FieldFix, UnfilledField
from enabler.services.deck.build import build_deck, plan_deck


@click.command()
@db_option
@json_option
@prospect_option()
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
    help="Without --modules: how many modules the deck has in all, the ROI, objection and "
    "criteria slides included (they take the place of the lowest-ranked).",
)
@click.option(
    "--show-status",
    is_flag=True,
    help="Show internal status (overdue steps) on the buyer's slides; the notes always do.",
)
@click.option("--pdf", "make_pdf", is_flag=True, help="Also write the PDF beside the deck.")
@click.option("--force", is_flag=True, help="Write the PDF even when preflight finds errors.")
def build(
    db_path, as_json, prospect_ref, out, module_refs, fields, rep, top, show_status, make_pdf, force
) -> None:
    """Build a personalised deck for a prospect (and preflight it)."""
    db = open_library(db_path)
    if make_pdf:  # LibreOffice loads only for --pdf: a plain build is a process people wait on
        from enabler.services.export import deck_to_pdf, pdf_path_for
        from enabler.services.output_guard import check_outputs

        check_outputs([out, pdf_path_for(out)], db=db)  # before building: nothing half-done
    plan = plan_deck(
        db,
        prospect_ref,
        module_refs_of(module_refs),
        parse_fields(fields),
        rep=rep,
        top=top,
        show_status=show_status,
    )
    try:
        result = build_deck(db, plan, out)
    except UnfilledField as exc:
        raise click.ClickException(f"{exc} {how_to_fill(exc.field, exc.fixes, plan)}") from None
    report = result.preflight
    pdf_path = deck_to_pdf(result.path, report, force=force, db=db) if make_pdf else None
    if as_json:
        emit_json(
            {
                "path": str(result.path),
                "deck_id": result.deck_id,
                "slides": result.slides,
                "modules": list(result.modules),
                "plan_notes": [n.to_dict() for n in plan.notes],
                "preflight": report.to_dict() if report else None,
                "pdf": str(pdf_path) if pdf_path else None,
            }
        )
        return
    click.echo(
        f"Built {result.path} for {plan.prospect.company}: {result.slides} slides "
        f"from {len(result.modules)} modules."
    )
    for note in plan.notes:
        click.echo(describe_note(note, plan, top))
    if report is not None and report.findings:
        click.echo(f"Preflight: {summary(report)}")
        echo_findings(report)
    if pdf_path is not None:
        click.echo(f"PDF: {pdf_path}")


def how_to_fill(field: str, fixes, plan) -> str:
    """The CLI's words for each way to give `field` a value."""
    company = plan.prospect.company
    ways = {
        FieldFix.ADD_CONTACT: f'add a contact (enabler contacts add "NAME" --prospect "{company}")',
        FieldFix.EDIT_PROSPECT: f'fill it for the prospect (enabler prospects edit "{company}")',
        FieldFix.TYPE_VALUE: f"type it for this deck (--field {field}=VALUE)",
    }
    return "To fill it: " + ", or ".join(ways[f] for f in fixes) + "."


def describe_note(note: PlanNote, plan, top: int) -> str:
    name = f"{note.module_key} ({note.module_title})"
    if note.kind is PlanNoteKind.ADDED:
        return f"Added {name}: {note.reason}."
    if note.kind is PlanNoteKind.REPLACED:
        return f"Replaced {name}: {note.reason}."
    if note.kind is PlanNoteKind.MADE_ROOM:
        return f"Left out {name} to keep the deck at {top} modules (--top changes it)."
    field = "{{ " + note.field + " }}"
    return f"Left out {name}: {field} has no value. {how_to_fill(note.field, note.fixes, plan)}"


def register(cli: click.Group) -> None:
    cli.add_command(batch_command(build))
