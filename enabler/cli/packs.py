"""`enabler keys …` and `enabler pack …`: signed library packs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from enabler.cli.support.common import db_option, emit_json, emit_table, json_option, open_library
from enabler.services.library.governance import require_profile
from enabler.services.listings import trusted_pack_keys
from enabler.services.packs import exchange as packs
from enabler.services.packs import keys as key_service
from enabler.services.packs.sequence import downgrade_message

_FILE = click.Path(dir_okay=False, path_type=Path)


@click.group()
def keys() -> None:
    """Publisher keys: sign packs with yours, trust your marketing team's."""


@keys.command("new")
@db_option
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for NAME.key (keep it private) and NAME.pub (share it).",
)
@click.option("--name", default="publisher", show_default=True, help="File name stem.")
def keys_new(db_path, out, name) -> None:
    """Make an Ed25519 key pair for signing packs (the library is not touched)."""
    pair = key_service.new_key_pair(out, name)
    click.echo(f"Wrote {pair.private_path} (private: keep it safe) and {pair.public_path}.")
    click.echo(f"Fingerprint: {pair.fingerprint}")


@keys.command("trust")
@db_option
@click.argument("public_key", type=_FILE)
@click.option("--name", help="Who the key belongs to (default: the file name).")
def keys_trust(db_path, public_key, name) -> None:
    """Accept packs signed with this public key (compare the fingerprint with its owner)."""
    db = open_library(db_path)
    saved = key_service.trust(db, require_profile(db), public_key, name)
    click.echo(f"Trusted {saved.name}, fingerprint {saved.fingerprint}.")


@keys.command("list")
@db_option
@json_option
def keys_list(db_path, as_json) -> None:
    """Trusted publisher keys."""
    items = trusted_pack_keys(open_library(db_path))
    if as_json:
        emit_json(
            [{k: v for k, v in dataclasses.asdict(t).items() if k != "public_key"} for t in items]
        )
        return
    if not items:
        click.echo("No trusted keys. Add one with `enabler keys trust FILE.pub`.")
        return
    emit_table(
        [[t.name, t.fingerprint, t.added_at[:10]] for t in items], ["NAME", "FINGERPRINT", "ADDED"]
    )


@keys.command("untrust")
@db_option
@click.argument("fingerprint")
def keys_untrust(db_path, fingerprint) -> None:
    """Stop accepting packs signed with a key (give 8+ characters of its fingerprint)."""
    db = open_library(db_path)
    key_service.untrust(db, require_profile(db), fingerprint)
    click.echo("Key removed from the trusted list.")


@click.group()
def pack() -> None:
    """Signed library packs: publish the approved library, import it on reps' machines."""


@pack.command("export")
@db_option
@json_option
@click.option("--out", required=True, type=_FILE, help="The pack file to write (.zip).")
@click.option("--key", "key_path", required=True, type=_FILE, help="Your NAME.key file.")
def pack_export(db_path, as_json, out, key_path) -> None:
    """Write approved modules, assets, retirements, the glossary and library items, signed."""
    db = open_library(db_path)
    result = packs.export_pack(db, require_profile(db), out, key_path)
    if as_json:
        emit_json(dataclasses.asdict(result) | {"path": str(result.path)})
        return
    click.echo(
        f"Wrote {result.path}: {result.modules} modules, {result.retired} retired, "
        f"{result.glossary} glossary terms, {result.assets} files."
    )
    shown = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in result.library.items() if n)
    if shown:
        click.echo(f"Also: {shown}.")


@pack.command("import")
@db_option
@json_option
@click.argument("pack_file", type=_FILE)
@click.option("--dry-run", is_flag=True, help="Only show what would change.")
@click.option(
    "--replace-local",
    is_flag=True,
    help="Let the pack replace modules and library items authored or changed here.",
)
@click.option(
    "--allow-downgrade",
    is_flag=True,
    help="Apply a pack older than the newest one applied from its publisher (a rollback).",
)
def pack_import(db_path, as_json, pack_file, dry_run, replace_local, allow_downgrade) -> None:
    """Verify a pack against trusted keys, show what changes, and apply it."""
    db = open_library(db_path)
    result = packs.import_pack(
        db,
        require_profile(db),
        pack_file,
        dry_run=dry_run,
        replace_local=replace_local,
        allow_downgrade=allow_downgrade,
    )
    if as_json:
        emit_json(dataclasses.asdict(result))
        return
    click.echo(
        f"Pack from {result.publisher} ({result.fingerprint[:16]}…), "
        f"made {result.created_at[:10]}: signature verified."
    )
    if result.older_than is not None:
        click.echo(f"Warning: {downgrade_message(result)}")
    for label, keys_ in (
        ("New", result.new),
        ("Changed", tuple(result.changed)),
        ("Retired", result.retired),
        ("Glossary", result.glossary),
        ("New library items", result.library_new),
        ("Changed library items", result.library_changed),
        ("Retired or removed library items", result.library_removed),
    ):
        if keys_:
            click.echo(f"{label} ({len(keys_)}): {', '.join(keys_)}")
    for key, changes in result.changed.items():
        for change in changes[:5]:
            click.echo(f"  {key}: {change}")
    click.echo(f"Unchanged: {len(result.unchanged)} modules, {result.library_unchanged} items.")
    if not result.changes_anything:
        click.echo("Already up to date.")
    else:
        click.echo("Applied." if result.applied else "Dry run: nothing was changed.")


def register(cli: click.Group) -> None:
    cli.add_command(keys)
    cli.add_command(pack)
