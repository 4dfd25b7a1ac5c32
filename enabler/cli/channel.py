"""The team channel commands: `channel set|show`, `sync`, `publish`, `reporters …`."""

from __future__ import annotations

from pathlib import Path

import click

from enabler.cli.support.common import db_option, emit_json, emit_table, json_option, open_library


@click.group()
def channel() -> None:
    """The team channel: a shared folder or WebDAV address marketing and reps both reach."""


@channel.command("set")
@db_option
@click.argument("location")
@click.option(
    "--share-company-names/--no-share-company-names",
    default=None,
    help="Whether prospect company names travel in field reports (contacts never do).",
)
def channel_set(db_path, location, share_company_names) -> None:
    """Use LOCATION (a folder path or an https:// WebDAV address) as the team channel.

    s3://bucket/prefix and sftp://host/path work with the extras enabler[s3] / enabler[sftp].
    WebDAV credentials come from ENABLER_CHANNEL_USER / ENABLER_CHANNEL_PASSWORD, the OS
    keyring (enabler[keyring]: `keyring set enabler-channel:HOST USER`) or ~/.netrc.
    """
    from enabler.services.channel import sync

    db = open_library(db_path)
    info = sync.set_channel(db, location)
    if share_company_names is not None:
        sync.set_share_companies(db, share_company_names)
    click.echo(f"Team channel: {info.location} ({info.kind}).")
    click.echo(f"This install reports as {info.reporter_fingerprint}.")


@channel.command("show")
@db_option
@json_option
def channel_show(db_path, as_json) -> None:
    """Where the channel is, this install's reporter id and when it last synced."""
    from enabler.services.channel import sync

    info = sync.show(open_library(db_path))
    if as_json:
        emit_json(info.to_dict())
        return
    if info.location is None:
        click.echo("No team channel. Set one with `enabler channel set FOLDER_OR_URL`.")
        return
    click.echo(f"Channel: {info.location} ({info.kind})")
    click.echo(f"Reporter id: {info.reporter_fingerprint}")
    click.echo(f"Company names travel: {'yes' if info.share_company_names else 'no'}")
    click.echo(f"Last sync: {info.last_sync or 'never'}")


@click.command("sync")
@db_option
@json_option
@click.option("--dry-run", is_flag=True, help="Only count what would be sent.")
@click.option(
    "--replace-local",
    is_flag=True,
    help="Let a release replace library items authored or changed on this machine.",
)
def sync_cmd(db_path, as_json, dry_run, replace_local) -> None:
    """Send new field reports and fetch library releases (reps); merge field reports (marketing).

    --dry-run only counts: events a rep would send, or batches marketing has not merged.
    """
    from enabler.services.channel import sync
    from enabler.services.library.governance import require_profile

    db = open_library(db_path)
    result = sync.sync(db, require_profile(db), dry_run=dry_run, replace_local=replace_local)
    if as_json:
        emit_json(result.to_dict() | {"dry_run": dry_run})
        return
    d = result.to_dict()
    if dry_run:
        if result.unmerged_batches:
            click.echo(f"{result.unmerged_batches} batch(es) in the channel are not merged yet.")
        else:
            click.echo(f"{d['queued_events']} field event(s) would be sent.")
        return
    if result.offline:
        click.echo(
            f"Channel not reachable ({result.offline}); {d['queued_events']} event(s) queued."
        )
    if result.uploaded_batch:
        click.echo(f"Sent {d['uploaded_events']} field event(s).")
    if result.merge is not None:
        click.echo(f"Merged {d['merged_batches']} batch(es), {d['new_events']} new event(s).")
        for fp in d["waiting_reporters"]:
            click.echo(
                f"Waiting for trust: reporter {fp[:16]} (`enabler reporters trust {fp[:16]}`)."
            )
        if d["research_proposals"]:
            click.echo(
                f"{d['research_proposals']} segment research proposal(s) wait for your review "
                "(`enabler segments list --pending`)."
            )
        for item in d["refused_batches"]:
            click.echo(f"Refused {item['batch']}: {item['why']}.")
    for a in d["releases_applied"]:
        click.echo(
            f"Applied release {a['seq']} from {a['publisher']}: {len(a['new'])} new, "
            f"{len(a['changed'])} changed, {len(a['retired'])} retired."
        )
    for line in d["releases_refused"]:
        click.echo(f"Refused: {line}.")
    for line in d["releases_waiting"]:
        click.echo(f"Waiting: {line}.")
    for line in d["releases_held"]:
        click.echo(f"Held back: {line} Re-run with --replace-local to apply it.")


@click.command("publish")
@db_option
@click.option(
    "--key",
    "key_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Your publisher key (NAME.key from `enabler keys new`).",
)
def publish(db_path, key_path) -> None:
    """Put the approved library in the team channel as the next signed release (marketing)."""
    from enabler.services.channel import releases, sync
    from enabler.services.library.governance import require_profile

    db = open_library(db_path)
    profile = require_profile(db)
    profile.require_marketing("publish library releases")
    done = releases.publish(db, profile, sync.channel_of(db), key_path)
    click.echo(
        f"Published release {done.seq}: {done.modules} module(s), {done.retired} retired, "
        f"{done.library} other library item(s) (publisher {done.fingerprint[:16]})."
    )


@click.group()
def reporters() -> None:
    """Whose field reports count (marketing): list, trust, revoke."""


@reporters.command("list")
@db_option
@json_option
def reporters_list(db_path, as_json) -> None:
    """Reporters seen in the channel, their status, events merged and freshness."""
    from enabler.services.channel import reporters as service

    items = service.list_reporters(open_library(db_path))
    if as_json:
        emit_json([r.to_dict() for r in items])
        return
    if not items:
        click.echo("No reporters yet: reps appear here after their first sync.")
        return
    rows = [
        [r.fingerprint[:16], r.name, r.status, str(r.events), _age(r.age_days())] for r in items
    ]
    emit_table(rows, ["ID", "NAME", "STATUS", "EVENTS", "LAST BATCH"])


def _age(days: float | None) -> str:
    if days is None:
        return "never"
    if days < 1:
        return f"{days * 24:.0f} h ago"
    return f"{days:.0f} d ago"


@reporters.command("trust")
@db_option
@click.argument("reporter_id")
def reporters_trust(db_path, reporter_id) -> None:
    """Merge this reporter's batches from the next sync on (8+ characters of its id)."""
    from enabler.services.channel import reporters as service
    from enabler.services.library.governance import require_profile

    db = open_library(db_path)
    r = service.set_trust(db, require_profile(db), reporter_id, True)
    click.echo(f"Trusted {r.name or r.fingerprint[:16]}; their reports merge at the next sync.")


@reporters.command("revoke")
@db_option
@click.argument("reporter_id")
def reporters_revoke(db_path, reporter_id) -> None:
    """Stop merging this reporter's batches; their events no longer count in the report."""
    from enabler.services.channel import reporters as service
    from enabler.services.library.governance import require_profile

    db = open_library(db_path)
    r = service.set_trust(db, require_profile(db), reporter_id, False)
    click.echo(f"Revoked {r.name or r.fingerprint[:16]}; their reports no longer count.")


def register(cli) -> None:
    for command in (channel, sync_cmd, publish, reporters):
        cli.add_command(command)


def echo_team(team: dict) -> None:
    """The team section of `enabler report`: contributors and how fresh each one is."""
    click.echo(f"Team: {team['contributors']} reporter(s) contributed field reports.")
    emit_table(
        [
            [
                r["name"],
                str(r["decks"]),
                "-" if r["win_rate"] is None else f"{r['win_rate']:.0%} of {r['won'] + r['lost']}",
                str(r["events"]),
                _age(r["age_days"]),
            ]
            for r in team["reps"]
        ],
        ["reporter", "decks", "win rate", "events", "last batch"],
    )
    if team["win_rate"] is not None:
        click.echo(f"Team win rate: {team['win_rate']:.0%} of closed deals.")
    for month, counts in team["objection_trend"].items():
        top = ", ".join(f"{c} {n}" for c, n in list(counts.items())[:3])
        click.echo(f"Objections raised {month}: {top}.")
