"""`enabler import-crm` and `enabler stages …`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from enabler.cli.support.common import db_option, emit_json, emit_table, json_option, open_library
from enabler.cli.support.options import by_option
from enabler.domain.crm.objects import CrmObject, describe
from enabler.domain.crm.plan import RowAction
from enabler.domain.modules import Stage
from enabler.services.crm.importer import FORMAT_CHOICES, ImportReport, import_crm_files
from enabler.services.crm.stages import map_stage, reset_stage, stage_table

_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


def _value(v) -> str:
    if v is None or v == "":
        return "(empty)"
    if isinstance(v, float) and v.is_integer():
        return f"{int(v):,}"
    if isinstance(v, Stage):
        return v.value
    return str(v)


def report_dict(report: ImportReport) -> dict:
    data = dataclasses.asdict(report)
    data["counts"] = {a.value: report.count(a) for a in RowAction}
    return data


def echo_report(report: ImportReport) -> None:
    kind = "export" if report.object is CrmObject.REPORT else describe(report.object)
    click.echo(
        f"{report.file}: {report.format.value} {kind}, {report.encoding}, "
        f"{_DELIMITERS.get(report.delimiter, repr(report.delimiter))}-separated, "
        f"dates {report.date_order.value}"
    )
    verbs = {
        RowAction.CREATE: "would create" if report.dry_run else "created",
        RowAction.UPDATE: "would update" if report.dry_run else "updated",
    }
    for o in report.outcomes:
        verb = verbs.get(o.action, o.action.value)
        matched = f" (matched on {o.matched_on})" if o.matched_on else ""
        name = o.company or "(no company)"
        if o.contact:
            name = f"contact {o.contact}" + (f" ({o.company})" if o.company else "")
        click.echo(f"  line {o.line}: {verb} {name}{matched}")
        for c in o.changes:
            if o.action is RowAction.CREATE:
                click.echo(f"      {c.field}: {_value(c.after)}")
            else:
                click.echo(f"      {c.field}: {_value(c.before)} → {_value(c.after)}")
        for note in o.notes:
            click.echo(f"      note: {note}")
    summary = ", ".join(f"{report.count(a)} {a.value}" for a in RowAction if report.count(a))
    click.echo(f"{summary or 'no rows'}.")


@click.command("import-crm")
@db_option
@json_option
@by_option
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_CHOICES),
    default="auto",
    show_default=True,
    help="Which CRM wrote the files.",
)
@click.option(
    "--mapping",
    type=click.Path(path_type=Path),
    help="JSON or TOML file naming your columns (see docs).",
)
@click.option(
    "--date-order",
    type=click.Choice(["auto", "MDY", "DMY"], case_sensitive=False),
    default="auto",
    show_default=True,
    help="How the files write dates: 12/31/2026 is MDY, 31/12/2026 DMY (auto: by their values).",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
def import_crm_command(db_path, as_json, actor, files, fmt, mapping, date_order, dry_run) -> None:
    """Create or update prospects from Salesforce or HubSpot CSV exports.

    Give a Salesforce Account export with its Opportunity and Contact exports to import
    them together: opportunities and contacts join their accounts by AccountId.
    """
    reports = import_crm_files(
        open_library(db_path),
        files,
        fmt=fmt,
        mapping=mapping,
        date_order=date_order,
        dry_run=dry_run,
        actor=actor,
    )
    if as_json:
        dicts = [report_dict(r) for r in reports]
        emit_json(dicts[0] if len(dicts) == 1 else {"files": dicts})
        return
    for report in reports:
        echo_report(report)
    if dry_run:
        click.echo("Dry run: nothing was written.")


@click.group()
def stages() -> None:
    """How CRM stages map to funnel stages (awareness … post_sale, or keep)."""


@stages.command("list")
@db_option
@json_option
def list_stages(db_path, as_json) -> None:
    """Show the stage mapping table (built-in rules and your edits)."""
    rules = stage_table(open_library(db_path))
    if as_json:
        emit_json(
            [
                {
                    "crm_stage": r.label,
                    "stage": r.stage.value if r.stage else "keep",
                    "edited": r.edited,
                }
                for r in rules
            ]
        )
        return
    rows = [
        [r.label, r.stage.value if r.stage else "keep", "edited" if r.edited else ""] for r in rules
    ]
    emit_table(rows, ["CRM STAGE", "FUNNEL STAGE", ""])


@stages.command("map")
@db_option
@by_option
@click.argument("crm_stage")
@click.argument("funnel_stage")
def map_command(db_path, actor, crm_stage, funnel_stage) -> None:
    """Map CRM_STAGE to FUNNEL_STAGE (awareness, consideration, decision, post_sale or keep)."""
    rule = map_stage(open_library(db_path), crm_stage, funnel_stage, actor)
    click.echo(f"{rule.label!r} → {rule.stage.value if rule.stage else 'keep the current stage'}.")


@stages.command("reset")
@db_option
@by_option
@click.argument("crm_stage")
def reset_command(db_path, actor, crm_stage) -> None:
    """Forget your rule for CRM_STAGE (the built-in one applies again)."""
    rule = reset_stage(open_library(db_path), crm_stage, actor)
    if rule is None:
        click.echo(f"{crm_stage!r} is unmapped again.")
    else:
        click.echo(f"{rule.label!r} → {rule.stage.value if rule.stage else 'keep'} (built-in).")


def register(cli: click.Group) -> None:
    cli.add_command(import_crm_command)
    cli.add_command(stages)
