"""`enabler plan …`: a prospect's mutual action plan and marketing's plan templates."""

from __future__ import annotations

import click

from enabler.cli.support.common import db_option, emit_json, emit_table, json_option, open_library
from enabler.cli.support.options import by_option, expect_version_option, prospect_option
from enabler.cli.worksheets import inherit, short
from enabler.domain.action_plan import ActionPlan
from enabler.services.worksheets import action_plans as plans
from enabler.services.worksheets.deck import plan_to_dict, template_to_dict

STEP_STATUS_HELP = "planned, in_progress, done or blocked."


def _print_plan(plan: ActionPlan) -> None:
    p, nxt = plan.prospect, plan.next_step
    head = f"{p.company}: {plan.done_count} of {len(plan.steps)} steps done"
    if nxt is not None:
        when = f" due {nxt.due.isoformat()}" if nxt.due else ""
        head += f"; next: {nxt.name}{when}"
    if plan.overdue:
        head += f"; {len(plan.overdue)} overdue"
    click.echo(head + (f" (from the {plan.template.value} template)" if plan.template else ""))
    if not plan.steps:
        click.echo("No steps yet. Start with `enabler plan apply-template` or `enabler plan step`.")
        return
    rows = []
    for s in plan.steps:
        late = s.days_overdue(plan.today)
        flag = f"OVERDUE {late}d" if late else ("next" if s is nxt else "")
        due = s.due.isoformat() if s.due else "-"
        rows.append([s.number, due, s.status.value, flag, short(s.name, 36), s.our_owner])
        rows[-1].append(s.their_owner)
    emit_table(rows, ["#", "DUE", "STATUS", "", "STEP", "OURS", "THEIRS"])


def _show(plan: ActionPlan, as_json: bool, message: str) -> None:
    if as_json:
        emit_json(plan_to_dict(plan))
        return
    click.echo(message)
    _print_plan(plan)


@click.group(invoke_without_command=True)
@db_option
@json_option
@prospect_option(required=False)
@click.option("--today", default=None, help="Judge overdue steps as of this date (YYYY-MM-DD).")
@click.pass_context
def plan(ctx, db_path, as_json, prospect_ref, today) -> None:
    """A prospect's mutual action plan: `enabler plan --prospect NAME`."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"db_path": db_path, "as_json": as_json}
        return
    if not prospect_ref:
        raise click.UsageError("Give --prospect NAME (or use `step`, `apply-template`, …).")
    result = plans.action_plan(open_library(db_path), prospect_ref, today)
    if as_json:
        emit_json(plan_to_dict(result))
        return
    _print_plan(result)


@plan.command("step")
@db_option
@json_option
@prospect_option()
@click.option("--step", "number", type=int, default=None, help="Step to change (omit to add).")
@click.option("--name", default=None, help="What the step is, e.g. Security review.")
@click.option("--ours", "our_owner", default=None, help="Owner on our side.")
@click.option("--theirs", "their_owner", default=None, help="Owner on the buyer's side.")
@click.option("--due", default=None, help="Due date, YYYY-MM-DD ('' clears it).")
@click.option("--status", default=None, help=STEP_STATUS_HELP)
@click.option("--note", "notes", default=None, help="Notes on the step.")
@click.option("--position", default=None, help="Move the step to this place (1 = first).")
@expect_version_option()
@by_option
@click.pass_obj
def step(parent, db_path, as_json, prospect_ref, number, expected_version, actor, **fields):
    """Add a step to the plan, or change one with --step N."""
    db_path, as_json = inherit(parent, db_path, as_json)
    result = plans.save_step(
        open_library(db_path),
        prospect_ref,
        number,
        expected_version=expected_version,
        actor=actor,
        **fields,
    )
    _show(result, as_json, f"Saved step {number}." if number else "Added the step.")


@plan.command("remove-step")
@db_option
@json_option
@prospect_option()
@click.option("--step", "number", type=int, required=True, help="Step number to remove.")
@expect_version_option()
@by_option
@click.pass_obj
def remove_step(parent, db_path, as_json, prospect_ref, number, expected_version, actor):
    """Remove a step; the steps after it move up."""
    db_path, as_json = inherit(parent, db_path, as_json)
    result = plans.remove_step(
        open_library(db_path), prospect_ref, number, expected_version=expected_version, actor=actor
    )
    _show(result, as_json, f"Removed step {number}.")


@plan.command("apply-template")
@db_option
@json_option
@prospect_option()
@click.option("--size", default=None, help="small, mid or large (default: from the deal amount).")
@click.option("--start", default=None, help="Date of the first step (default today).")
@click.option("--replace", is_flag=True, help="Replace the steps the plan already has.")
@by_option
@click.pass_obj
def apply_template(parent, db_path, as_json, prospect_ref, size, start, replace, actor):
    """Fill the plan from marketing's template for the deal size."""
    db_path, as_json = inherit(parent, db_path, as_json)
    result = plans.apply_template(
        open_library(db_path), prospect_ref, size, start=start, replace=replace, actor=actor
    )
    _show(result, as_json, f"Applied the {result.template.value} template.")


@plan.command("templates")
@db_option
@json_option
@click.pass_obj
def templates(parent, db_path, as_json) -> None:
    """Marketing's plan templates per deal size."""
    db_path, as_json = inherit(parent, db_path, as_json)
    found = plans.plan_templates(open_library(db_path))
    if as_json:
        emit_json([template_to_dict(t) for t in found])
        return
    for t in found:
        click.echo(f"{t.size.value}: {t.label or t.size.label}")
        for s in t.steps:
            click.echo(f"  day {s.offset_days:>3}  {s.name} ({s.our_owner} / {s.their_owner})")


def register(cli: click.Group) -> None:
    cli.add_command(plan)
