"""`enabler roi …`: a prospect's business case."""

from __future__ import annotations

from pathlib import Path

import click

from enabler.cli.support.common import db_option, emit_json, emit_table, json_option, open_library
from enabler.cli.support.options import by_option, prospect_option
from enabler.domain.roi.model import Scenario, model_to_dict
from enabler.services.roi import business_case as roi_service
from enabler.services.roi.figures import assumption_rows, headline_rows

_SCENARIO = click.Choice([s.value for s in Scenario])


@click.group(invoke_without_command=True)
@db_option
@json_option
@prospect_option(required=False)
@click.option("--scenario", type=_SCENARIO, default=Scenario.EXPECTED.value, show_default=True)
@click.option(
    "--swing",
    "swing_pct",
    type=click.FloatRange(0, 100, min_open=True),
    default=20.0,
    show_default=True,
    help="Sensitivity: move each driver by ± this percent.",
)
@click.pass_context
def roi(ctx, db_path, as_json, prospect_ref, scenario, swing_pct) -> None:
    """Show a prospect's business case: NPV, IRR, payback, ROI, TCO and sensitivity.

    `enabler roi --prospect NAME [--scenario expected] [--json]`. The JSON carries the inputs,
    the discount rate, the yearly net cash flows (year 0 first) and every output.
    """
    if ctx.invoked_subcommand is not None:
        return
    if not prospect_ref:
        raise click.UsageError("Name the prospect: enabler roi --prospect NAME.")
    db = open_library(db_path)
    prospect, case = roi_service.case_for(db, prospect_ref, Scenario(scenario), swing_pct)
    if as_json:
        emit_json(roi_service.case_json(prospect, case))
        return
    fmt = roi_service.formatter(prospect)
    r = case.result
    click.echo(
        f"{prospect.company}: business case, {case.scenario.value} scenario, "
        f"{r.horizon_years} years, discount rate {fmt.pct(r.discount_rate_pct)}"
    )
    click.echo()
    emit_table([list(row) for row in headline_rows(case, fmt)], ["", "RISK-ADJUSTED", "UNADJUSTED"])
    click.echo()
    emit_table([list(row) for row in assumption_rows(case, fmt)], ["ASSUMPTION", "VALUE"])
    click.echo()
    years = [f"Year {t}" for t in range(r.horizon_years + 1)]
    emit_table(
        [
            ["Net cash flow", *(fmt.money(v) for v in r.adjusted.net)],
            ["Cumulative", *(fmt.money(v) for v in r.adjusted.cumulative)],
        ],
        ["RISK-ADJUSTED", *years],
    )
    click.echo()
    click.echo(f"Sensitivity (NPV when each driver moves ±{case.tornado.swing_pct:g} %):")
    emit_table(
        [[b.driver, fmt.money(b.low_npv), fmt.money(b.high_npv)] for b in case.tornado.bars],
        ["DRIVER", "LOW", "HIGH"],
    )
    for message in (f.message for f in r.flags):
        click.echo(f"Check: {message}")


@roi.command("set")
@db_option
@json_option
@prospect_option()
@click.option(
    "--input",
    "input_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help='JSON: a line-item model, or {"discount_rate": 10, "cash_flows": [year 0, …]}.',
)
@click.option("--preset", "industry", help="Start from marketing's preset for this industry.")
@by_option
def set_model(db_path, as_json, prospect_ref, input_path, industry, actor) -> None:
    """Set a prospect's business case from a JSON file or an industry preset.

    Every field is checked first; on any error nothing is saved and each bad field is named.
    """
    if bool(input_path) == bool(industry):
        raise click.UsageError("Give exactly one of --input FILE or --preset INDUSTRY.")
    db = open_library(db_path)
    if input_path:
        model = roi_service.set_model(db, prospect_ref, roi_service.read_input(input_path), actor)
    else:
        model = roi_service.apply_preset(db, prospect_ref, industry, actor)
    prospect, case = roi_service.case_for(db, prospect_ref)
    if as_json:
        emit_json(roi_service.case_json(prospect, case))
        return
    fmt = roi_service.formatter(prospect)
    click.echo(
        f"Saved the business case for {prospect.company} ({model.years} years): NPV "
        f"{fmt.money(case.result.adjusted.npv)} risk-adjusted. See `enabler roi --prospect "
        f'"{prospect.company}"`.'
    )


@roi.command("clear")
@db_option
@prospect_option()
@by_option
def clear(db_path, prospect_ref, actor) -> None:
    """Remove a prospect's business case (decks then leave the ROI slides out)."""
    db = open_library(db_path)
    removed = roi_service.clear_model(db, prospect_ref, actor)
    click.echo("Removed the business case." if removed else "There was no business case.")


@roi.command("presets")
@db_option
@json_option
def presets(db_path, as_json) -> None:
    """List marketing's ROI presets per industry."""
    db = open_library(db_path)
    items = roi_service.list_presets(db)
    if as_json:
        emit_json(
            [
                {
                    "industry": p.industry,
                    "name": p.name,
                    "owner": p.owner,
                    "notes": p.notes,
                    "model": model_to_dict(p.model),
                }
                for p in items
            ]
        )
        return
    if not items:
        click.echo("No ROI presets yet. Run `enabler demo` to load the demo presets.")
        return
    emit_table([[p.industry, p.name, p.owner] for p in items], ["INDUSTRY", "NAME", "OWNER"])


def register(cli: click.Group) -> None:
    cli.add_command(roi)
