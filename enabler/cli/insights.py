"""`enabler insights …` and `enabler segments …`: what reps learn, and marketing's research."""

from __future__ import annotations

import dataclasses

import click

from enabler.cli.support.common import db_option, emit_json, emit_table, json_option, open_library
from enabler.cli.support.options import by_option, prospect_option
from enabler.domain.prospects import InsightKind, ReviewState
from enabler.services import insights as insight_service

KINDS = [*(k.value for k in InsightKind), "competitor"]  # "competitor" = competitor_activity


def insight_dict(marked) -> dict:
    i = marked.insight
    return {
        **dataclasses.asdict(i),
        "kind": i.kind.value,
        "review_state": i.review_state.value,
        "freshness": marked.freshness.value,
        "stale": marked.stale,
        "age_days": marked.age_days,
    }


def insight_line(marked) -> str:
    i = marked.insight
    when = i.date.isoformat() if i.date else "undated"
    who = ", ".join(x for x in (i.author, i.source) if x)
    mark = f"  [STALE: {marked.age_days} days old]" if marked.stale else ""
    scope = ""
    if i.is_segment_research:
        scope = "[" + " · ".join(x for x in (i.industry, i.persona) if x) + "] "
    return f"#{i.id} {when} {i.kind.label}: {scope}{i.text}" + (f" — {who}" if who else "") + mark


@click.group()
def insights() -> None:
    """Dated, sourced notes on a prospect; promote one to segment research."""


@insights.command("add")
@db_option
@by_option
@prospect_option()
@click.option("--kind", required=True, type=click.Choice(KINDS))
@click.option("--text", required=True, help="What you learned.")
@click.option("--source", default="", help="Where it came from (call, email, event…).")
@click.option("--date", default="", help="When (YYYY-MM-DD; default today).")
def add(db_path, actor, prospect_ref, kind, text, source, date) -> None:
    """Record an insight about a prospect."""
    db = open_library(db_path)
    item = insight_service.add_insight(
        db, prospect_ref, kind, text, source=source, date=date or None, author=actor
    )
    click.echo(f"Added insight #{item.id} ({item.kind.label}, {item.date}).")


@insights.command("remove")
@db_option
@by_option
@click.argument("insight_id", type=int)
def remove(db_path, actor, insight_id) -> None:
    """Delete an insight (recorded in the audit log)."""
    gone = insight_service.remove_insight(open_library(db_path), insight_id, actor)
    click.echo(f"Removed insight #{gone.id}.")


@insights.command("promote")
@db_option
@by_option
@click.argument("insight_id", type=int)
@click.option("--industry", default="", help="Segment industry (default: the prospect's).")
@click.option("--persona", default="", help="Segment persona, e.g. CFO (default: any).")
def promote(db_path, actor, insight_id, industry, persona) -> None:
    """Offer a prospect insight to marketing as segment research (they review it)."""
    item = insight_service.promote_insight(
        open_library(db_path), insight_id, actor=actor, industry=industry, persona=persona
    )
    click.echo(
        f"Promoted insight #{insight_id} to segment research #{item.id} for "
        f"{' · '.join(x for x in (item.industry, item.persona) if x)}; waiting for marketing "
        f"(`enabler segments review {item.id} accept`)."
    )


@insights.command("stale-after")
@db_option
@by_option
@click.argument("days", type=int, required=False)
def stale_after(db_path, actor, days) -> None:
    """Show, or set, after how many days an insight shows as stale."""
    db = open_library(db_path)
    if days is not None:
        insight_service.set_stale_after_days(db, days, actor)
    click.echo(f"Insights older than {insight_service.stale_after_days(db)} days show as stale.")


@click.group()
def segments() -> None:
    """Segment research: industry- and persona-level insights from marketing."""


@segments.command("list")
@db_option
@json_option
@click.option("--pending", is_flag=True, help="Only promotions waiting for review.")
@click.option("--industry", default="", help="Only this industry (and all-industry research).")
def list_segments(db_path, as_json, pending, industry) -> None:
    """List segment research (approved, pending and rejected)."""
    state = ReviewState.PENDING if pending else None
    items = insight_service.segment_research(open_library(db_path), state, industry)
    if as_json:
        emit_json([insight_dict(m) for m in items])
        return
    if not items:
        click.echo("No segment research yet. Add some with `enabler segments add`.")
        return
    rows = [
        [
            m.insight.id,
            m.insight.industry or "(any)",
            m.insight.persona or "(any)",
            m.insight.review_state.value,
            ("STALE " if m.stale else "") + m.insight.text[:70],
        ]
        for m in items
    ]
    emit_table(rows, ["ID", "INDUSTRY", "PERSONA", "STATE", "TEXT"])


@segments.command("add")
@db_option
@by_option
@click.option("--text", required=True, help="The research finding.")
@click.option("--industry", default="", help="Industry it applies to.")
@click.option("--persona", default="", help="Persona it applies to, e.g. CFO.")
@click.option("--kind", default="pain", type=click.Choice(KINDS))
@click.option("--source", default="", help="Study, survey or report it comes from.")
@click.option("--date", default="", help="When (YYYY-MM-DD; default today).")
def add_segment(db_path, actor, text, industry, persona, kind, source, date) -> None:
    """Add marketing's research for an industry and/or persona."""
    item = insight_service.add_segment_research(
        open_library(db_path),
        text,
        industry=industry,
        persona=persona,
        kind=kind,
        source=source,
        date=date or None,
        author=actor,
    )
    click.echo(f"Added segment research #{item.id}; it shows on every matching prospect.")


@segments.command("review")
@db_option
@by_option
@click.argument("research_id", type=int)
@click.argument("decision", type=click.Choice(["accept", "reject"]))
@click.option("--text", default="", help="Reword it when accepting (e.g. drop the company).")
def review(db_path, actor, research_id, decision, text) -> None:
    """Accept or reject segment research a rep promoted."""
    item = insight_service.review_segment_research(
        open_library(db_path), research_id, decision == "accept", actor=actor, text=text
    )
    click.echo(f"Segment research #{item.id} is now {item.review_state.value}.")


def register(cli: click.Group) -> None:
    cli.add_command(insights)
    cli.add_command(segments)
