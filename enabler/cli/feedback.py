"""`enabler rate`, `enabler outcome` and `enabler report` (feedback loop for marketing)."""

from __future__ import annotations

from pathlib import Path

import click

from enabler.cli.support.common import db_option, emit_json, emit_table, json_option, open_library
from enabler.cli.support.options import MODULE, prospect_option
from enabler.domain.feedback import MIN_SAMPLE
from enabler.services.feedback import ratings as feedback
from enabler.services.feedback import report as feedback_report


@click.command()
@db_option
@json_option
@click.argument("module_ref", type=MODULE)
@click.argument("stars")
@click.option(
    "--flag",
    help="Flag it for marketing's review: needs-update, wrong-claim or missing-for-industry.",
)
@click.option("--comment", default="", help="What is wrong or missing.")
def rate(db_path, as_json, module_ref, stars, flag, comment) -> None:
    """Rate a module 1..5 (MODULE_ID is an id or key); a flag goes to marketing's review."""
    db = open_library(db_path)
    r = feedback.rate(db, module_ref, stars, flag=flag, comment=comment)
    if as_json:
        emit_json(
            {
                "id": r.feedback_id,
                "module": r.module_key,
                "version_id": r.version_id,
                "rating": r.rating,
                "flag": r.flag.value if r.flag else None,
            }
        )
        return
    flagged = f", flagged {r.flag.value} for marketing's review" if r.flag else ""
    click.echo(f"Rated {r.module_key} {r.rating}/5{flagged}.")


@click.command()
@db_option
@json_option
@prospect_option()
@click.argument("result", metavar="won|lost|no-decision")
@click.option("--reason", default="", help="Why the deal was won or lost.")
@click.option("--date", "date", default=None, help="When it closed (YYYY-MM-DD; default today).")
def outcome(db_path, as_json, prospect_ref, result, reason, date) -> None:
    """Record how a prospect's deal ended."""
    db = open_library(db_path)
    r = feedback.record_outcome(db, prospect_ref, result, reason=reason, date=date)
    if as_json:
        emit_json(
            {
                "prospect_id": r.prospect_id,
                "company": r.company,
                "result": r.result.value,
                "date": r.date.isoformat(),
                "reason": r.reason,
                "replaced": r.replaced,
            }
        )
        return
    was = f" (was {r.replaced})" if r.replaced else ""
    click.echo(f"{r.company}: {r.result.value.replace('_', ' ')} on {r.date}{was}.")


def _fmt(rate, interval) -> str:
    if rate is None:
        return "-"
    return f"{rate:.0%} [{interval.low:.0%}–{interval.high:.0%}]"


@click.command()
@db_option
@json_option
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write every number as CSV.",
)
@click.option(
    "--min-sample",
    default=MIN_SAMPLE,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Closed decks needed on each side before a win-rate claim.",
)
def report(db_path, as_json, csv_path, min_sample) -> None:
    """Insights for marketing: usage, win rates, ratings, flags and objections."""
    db = open_library(db_path)
    rep = feedback_report.build_report(db, min_sample=min_sample)
    if csv_path is not None:
        feedback_report.export_csv(rep, csv_path, db=db)
    team = _team(db)
    if as_json:
        emit_json(rep.to_dict() | {"team": team} | ({"csv": str(csv_path)} if csv_path else {}))
        return
    if rep.empty:
        click.echo("No feedback yet: build decks, rate modules and record deal outcomes.")
    else:
        rows = [
            [
                m.key,
                str(m.decks),
                "-" if m.average is None else f"{m.average:.1f} ({m.ratings})",
                _fmt(m.win.rate_used, m.win.interval_used),
                _fmt(m.win.rate_rest, m.win.interval_rest),
                m.win.verdict,
            ]
            for m in rep.modules
        ]
        emit_table(rows, ["module", "decks", "rating", "win with", "win without", "verdict"])
    for line in rep.insights:
        click.echo(f"- {line}")
    if csv_path is not None:
        click.echo(f"Wrote {csv_path}.")
    if team["contributors"]:
        from enabler.cli.channel import echo_team

        echo_team(team)


def _team(db) -> dict:
    from enabler.services.channel.team import team_figures

    return team_figures(db).to_dict()


def register(cli) -> None:
    cli.add_command(rate)
    cli.add_command(outcome)
    cli.add_command(report)
