"""Shared options and output for the prospect commands (no business rules here)."""

from __future__ import annotations

import dataclasses

import click

from enabler.cli.insights import insight_dict, insight_line
from enabler.cli.support.options import by_option
from enabler.domain.modules import Stage

# option name → (prospect field, is a list, help)
_OPTIONS = (
    ("--industry", "industry", False, "Industry, e.g. Healthcare."),
    ("--stage", "stage", False, "Funnel stage: " + ", ".join(s.label for s in Stage) + "."),
    ("--domain", "domain", False, "Web domain, e.g. northwind.example."),
    ("--employees", "employees", False, "Number of employees."),
    ("--revenue", "revenue", False, "Annual revenue."),
    ("--region", "region", False, "Region."),
    ("--rep", "owner_rep", False, "Owner rep."),
    ("--pain", "pains", True, "A pain (repeat for several)."),
    ("--goal", "goals", True, "A goal (repeat for several)."),
    ("--competitor", "competitors", True, "A competitor in the evaluation (repeatable)."),
    ("--vendor", "current_vendor", False, "Current vendor."),
    ("--next-meeting", "next_meeting", False, "Next meeting (YYYY-MM-DD)."),
    ("--currency", "currency", False, "Currency code, e.g. USD."),
    ("--deal-amount", "deal_amount", False, "Deal amount."),
    ("--close-date", "close_date", False, "Expected close date (YYYY-MM-DD)."),
)


def field_options(func):
    """Every editable prospect field as an option, plus --by."""
    for flag, field, many, text in reversed(_OPTIONS):
        func = click.option(flag, field, multiple=many, default=None, help=text)(func)
    return by_option(func)


def given_fields(values: dict) -> dict:
    """Only the options the user gave (an empty repeatable option means 'not given')."""
    return {k: v for k, v in values.items() if v is not None and v != ()}


def details_dict(details) -> dict:
    p = details.prospect
    return {
        "prospect": dataclasses.asdict(p) | {"stage": p.stage.value},
        "contacts": [dataclasses.asdict(c) for c in details.contacts],
        "insights": [insight_dict(m) for m in details.insights],
        "segment_research": [insight_dict(m) for m in details.segment_research],
        "stale_after_days": details.stale_after_days,
    }


def echo_details(details) -> None:
    p = details.prospect
    click.echo(f"{p.company} (#{p.id})")
    facts = [p.industry, p.stage.label, p.region]
    if p.employees is not None:
        facts.append(f"{p.employees:,} employees")
    if p.revenue is not None:
        facts.append(f"revenue {p.revenue:,.0f} {p.currency}")
    click.echo("  " + " · ".join(f for f in facts if f))
    more = [
        f"web {p.domain}" if p.domain else "",
        f"rep {p.owner_rep}" if p.owner_rep else "",
        f"next meeting {p.next_meeting}" if p.next_meeting else "",
        f"CRM {p.crm_id}" if p.crm_id else "",
        f"deal {p.deal_amount:,.0f}" if p.deal_amount is not None else "",
        f"closes {p.close_date}" if p.close_date else "",
    ]
    if any(more):
        click.echo("  " + " · ".join(m for m in more if m))
    if p.current_vendor:
        click.echo(f"  Current vendor: {p.current_vendor}")
    if p.competitors:
        click.echo(f"  Competitors: {', '.join(p.competitors)}")
    for title, items in (("Pains", p.pains), ("Goals", p.goals)):
        if items:
            click.echo(f"{title}:")
            for item in items:
                click.echo(f"  - {item}")
    click.echo("Buying committee:" if details.contacts else "Buying committee: nobody yet")
    for c in details.contacts:
        bits = [c.title, c.role, c.persona, c.influence, c.stance]
        primary = " (primary)" if c.primary else ""
        click.echo(f"  #{c.id} {c.name}{primary} — " + " · ".join(b for b in bits if b))
    click.echo(f"Insights (stale after {details.stale_after_days} days):")
    for m in details.insights or ():
        click.echo("  " + insight_line(m))
    if not details.insights:
        click.echo("  none yet: `enabler insights add --prospect … --kind pain --text …`")
    if details.segment_research:
        click.echo("Segment research:")
        for m in details.segment_research:
            click.echo("  " + insight_line(m))
