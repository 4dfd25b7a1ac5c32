"""`enabler recommend` and `enabler weights …`."""

from __future__ import annotations

import click

from enabler.cli.support.common import db_option, emit_json, emit_table, json_option, open_library
from enabler.cli.support.options import by_option, prospect_option
from enabler.domain.refs import ProspectRef
from enabler.services.deck.preview import filled_titles
from enabler.services.recommend import (
    DEFAULT_LIMIT,
    as_dict,
    recommend,
    reset_weights,
    set_weight,
    weight_settings,
)


@click.command("recommend")
@db_option
@json_option
@prospect_option()
@click.option("--limit", default=DEFAULT_LIMIT, show_default=True, help="How many modules.")
def recommend_command(db_path, as_json, prospect_ref, limit) -> None:
    """Rank approved modules for a prospect, with the reasons for each score."""
    db = open_library(db_path)
    report = recommend(db, prospect_ref, limit=max(1, limit))
    titles = filled_titles(
        db, ProspectRef.by_id(report.prospect.id), [r.module.key for r in report.results]
    )
    if as_json:
        emit_json(
            {
                "prospect": {"id": report.prospect.id, "company": report.prospect.company},
                "date": report.today,
                "library_size": report.library_size,
                "modules": [
                    {**as_dict(r), "title_filled": titles.get(r.module.key, r.module.title)}
                    for r in report.results
                ],
            }
        )
        return
    p = report.prospect
    click.echo(
        f"Modules for {p.company} ({p.stage.label}, {p.industry or 'no industry'}), "
        f"best of {report.library_size} approved:"
    )
    if not report.results:
        click.echo("  none fit: approve modules for this stage and industry first.")
    for rank, r in enumerate(report.results, 1):
        title = titles.get(r.module.key, r.module.title)
        click.echo(f"{rank:>3}. {r.module.key}  {r.score:.1f}  — {title}")
        for reason in r.reasons:
            click.echo(f"       {reason.points:+5.1f}  {reason.text}")


@click.group()
def weights() -> None:
    """The weights behind recommendations (editable; defaults restore with reset)."""


@weights.command("list")
@db_option
@json_option
def list_weights(db_path, as_json) -> None:
    """Show each factor's weight, its default and what it rewards."""
    items = weight_settings(open_library(db_path))
    if as_json:
        emit_json(
            [
                {
                    "factor": s.factor.value,
                    "weight": s.weight,
                    "default": s.default,
                    "edited": s.edited,
                    "description": s.description,
                }
                for s in items
            ]
        )
        return
    rows = [
        [
            s.factor.value,
            f"{s.weight:g}",
            f"{s.default:g}" + (" *" if s.edited else ""),
            s.description,
        ]
        for s in items
    ]
    emit_table(rows, ["FACTOR", "WEIGHT", "DEFAULT", "MEANING"])


@weights.command("set")
@db_option
@by_option
@click.argument("factor")
@click.argument("weight")
def set_command(db_path, actor, factor, weight) -> None:
    """Set FACTOR's weight (a number; negative penalises)."""
    s = set_weight(open_library(db_path), factor, weight, actor)
    click.echo(f"{s.factor.value} = {s.weight:g} (default {s.default:g}).")


@weights.command("reset")
@db_option
@by_option
@click.argument("factor", required=False)
def reset_command(db_path, actor, factor) -> None:
    """Restore the default weight of FACTOR, or of every factor."""
    reset_weights(open_library(db_path), factor, actor)
    click.echo(f"Restored the default weight of {factor or 'every factor'}.")


def register(cli: click.Group) -> None:
    cli.add_command(recommend_command)
    cli.add_command(weights)
