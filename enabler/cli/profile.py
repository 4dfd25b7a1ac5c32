"""`enabler whoami`, `enabler profile set` and `enabler rules`."""

from __future__ import annotations

import click

from enabler.cli.support.common import db_option, emit_json, json_option, open_library
from enabler.domain.profile import Role
from enabler.services.library import governance
from enabler.services.library.views import current_profile
from enabler.services.listings import review_rules


@click.command()
@db_option
@json_option
def whoami(db_path, as_json) -> None:
    """The local profile the audit log names."""
    profile = current_profile(open_library(db_path))
    if as_json:
        emit_json({"name": profile.name, "role": profile.role.value} if profile else None)
    elif profile is None:
        click.echo("No profile yet: enabler profile set --name 'Your Name' --role marketing")
    else:
        click.echo(f"{profile.name} ({profile.role.value})")


@click.group()
def profile() -> None:
    """Who you are on this machine (workflow identity, not security)."""


@profile.command("set")
@db_option
@click.option("--name", required=True, help="Your name, as the audit log should show it.")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
def profile_set(db_path, name, role) -> None:
    """Set your name and role (marketing maintains the library, sales uses it)."""
    saved = governance.set_profile(open_library(db_path), name, role)
    click.echo(f"You are {saved.name} ({saved.role.value}).")


@click.command()
@db_option
@json_option
@click.option(
    "--review-days",
    type=click.IntRange(1, 3650),
    help="Default days until a module's review is due.",
)
@click.option(
    "--four-eyes/--no-four-eyes", default=None, help="Require an approver other than the author."
)
def rules(db_path, as_json, review_days, four_eyes) -> None:
    """Show or change the library's review rules."""
    db = open_library(db_path)
    current = review_rules(db)
    if review_days is not None or four_eyes is not None:
        current = governance.set_rules(
            db,
            governance.require_profile(db),
            review_days=review_days,
            approver_must_differ=four_eyes,
        )
    if as_json:
        emit_json(
            {
                "review_days": current.review_days,
                "approver_must_differ": current.approver_must_differ,
            }
        )
        return
    click.echo(
        f"Review due {current.review_days} days after approval; approver "
        f"{'must differ from' if current.approver_must_differ else 'may be'} the author."
    )


def register(cli: click.Group) -> None:
    cli.add_command(whoami)
    cli.add_command(profile)
    cli.add_command(rules)
