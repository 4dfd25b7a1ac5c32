"""`enabler import-slides`, `enabler template …` and `enabler designed …`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from enabler.cli.support.common import STAGE, db_option, emit_json, json_option, open_library
from enabler.cli.support.options import MODULE
from enabler.domain.designed import ImportResult, ImportStatus
from enabler.domain.modules import Stage
from enabler.services.library.views import current_profile
from enabler.services.slides import designed as designed_service
from enabler.services.slides import templates
from enabler.services.slides.files import check_slide_file
from enabler.services.slides.import_slides import import_slides

_FILE = click.Path(dir_okay=False, path_type=Path)
PROGRESS_FROM = 10  # slides; smaller files import too fast to need a progress line


def _actor(db, what: str) -> str:
    """The local profile's name; a sales profile may not change the library."""
    profile = current_profile(db)
    if profile is None:
        return ""
    profile.require_marketing(what)
    return profile.name


def _progress(done: int, total: int, title: str) -> None:
    if total >= PROGRESS_FROM:
        end = "\n" if done == total else ""
        click.echo(f"\rReading slide {done}/{total}…{end}", err=True, nl=False)


def _print_result(result: ImportResult) -> None:
    for s in result.slides:
        version = f"v{s.version}" if s.version else ""
        click.echo(f"{s.number:>3}  {s.status.value:<9} {s.module_key:<36} {version:<4} {s.title}")
        if s.fields:
            click.echo(f"       fields: {', '.join(s.fields)}")
        if s.unknown_fields:
            click.echo(
                f"       unknown fields (a build stops on them): {', '.join(s.unknown_fields)}"
            )
        for problem in s.problems:
            click.echo(f"       note: {problem}")
        if s.reason:
            click.echo(f"       not updated: {s.reason}")
    counts = ", ".join(f"{result.count(st)} {st.value}" for st in ImportStatus if result.count(st))
    click.echo(
        f"Imported {result.source}: {counts}. New slides are drafts; submit them for review."
    )


@click.command("import-slides")
@db_option
@json_option
@click.argument("file", type=_FILE)
@click.option("--owner", default="", help="Who owns the new modules (default: your profile).")
@click.option("--stage", "stages", multiple=True, type=STAGE)
@click.option("--industry", "industries", multiple=True, help="Industry the slides fit (repeat).")
@click.option("--tag", "tags", multiple=True, help="Tag for the new modules (repeat).")
@click.option("--no-thumbnails", is_flag=True, help="Skip LibreOffice previews (faster).")
def import_slides_command(db_path, as_json, file, owner, stages, industries, tags, no_thumbnails):
    """Import each slide of a .pptx as a draft designed module (again: new versions)."""
    check_slide_file(file)
    db = open_library(db_path)
    actor = _actor(db, "import slides into the library")
    result = import_slides(
        db,
        file,
        owner=owner or actor or "Marketing",
        stages=tuple(Stage(s) for s in stages),
        industries=industries,
        tags=tags,
        actor=actor,
        thumbnails=not no_thumbnails,
        progress=None if as_json else _progress,
    )
    if as_json:
        emit_json(dataclasses.asdict(result))
    else:
        _print_result(result)


@click.group()
def template() -> None:
    """The template decks are built on (yours, or the built-in brand template)."""


@template.command("install")
@db_option
@click.argument("file", type=_FILE)
def template_install(db_path, file) -> None:
    """Build every deck on FILE (.pptx or .potx) from now on."""
    db = open_library(db_path)
    info = templates.install_template(db, file, _actor(db, "install a template"))
    click.echo(f"Installed {info.name}: decks now use its {len(info.layouts)} layouts.")
    for removal in info.removed:
        click.echo(f"  note: {removal}")


@template.command("show")
@db_option
@json_option
def template_show(db_path, as_json) -> None:
    """Which template decks are built on."""
    info = templates.template_info(open_library(db_path))
    if as_json:
        emit_json(dataclasses.asdict(info) if info else None)
    elif info is None:
        click.echo("Decks use the built-in brand template (templates/brand.pptx).")
    else:
        click.echo(f"{info.name}, installed {info.installed_at}: {', '.join(info.layouts)}")


@template.command("remove")
@db_option
def template_remove(db_path) -> None:
    """Go back to the built-in brand template."""
    db = open_library(db_path)
    templates.remove_template(db, _actor(db, "change the template"))
    click.echo("Decks use the built-in brand template again.")


@click.group()
def designed() -> None:
    """Designed modules: slides imported from PowerPoint."""


@designed.command("show")
@db_option
@json_option
@click.argument("module", type=MODULE)
def designed_show(db_path, as_json, module) -> None:
    """Where a designed slide came from, its fields and its rules."""
    info = designed_service.designed_info(open_library(db_path), module)
    _print_info(info, as_json)


@designed.command("rules")
@db_option
@json_option
@click.argument("module", type=MODULE)
@click.option("--condition", help='Show only when this holds, e.g. prospect.industry == "Retail".')
@click.option("--repeat", help="One slide per item of this list, e.g. contacts.")
@click.option("--clear", is_flag=True, help="Remove both rules first.")
def designed_rules(db_path, as_json, module, condition, repeat, clear) -> None:
    """Set when a designed slide appears and what it repeats over (`item` in its fields)."""
    db = open_library(db_path)
    if clear:
        condition = "" if condition is None else condition
        repeat = "" if repeat is None else repeat
    info = designed_service.set_rules(
        db,
        module,
        condition=condition,
        repeat=repeat,
        actor=_actor(db, "change designed slide rules"),
    )
    _print_info(info, as_json)


@designed.command("formatting")
@db_option
@json_option
@click.argument("module", type=MODULE)
@click.argument("choice", type=click.Choice(["source", "deck"]))
def designed_formatting(db_path, as_json, module, choice) -> None:
    """Keep the slide's own look (source) or use the deck's template (deck)."""
    db = open_library(db_path)
    info = designed_service.set_formatting(
        db, module, choice, actor=_actor(db, "change designed slide formatting")
    )
    _print_info(info, as_json)


def _print_info(info, as_json: bool) -> None:
    if as_json:
        emit_json({**dataclasses.asdict(info), "formatting_label": info.formatting_label})
        return
    click.echo(f"{info.key} v{info.version} ({info.state}): {info.title}")
    click.echo(f"  from: {info.source_name}, slide {info.slide_number}")
    click.echo(f"  fields: {', '.join(info.fields) or 'none'}")
    click.echo(f"  condition: {info.condition or 'always'}")
    click.echo(f"  repeat: {info.repeat or 'no (one slide)'}")
    click.echo(f"  formatting: {info.formatting_label}")


def register(cli: click.Group) -> None:
    cli.add_command(import_slides_command)
    cli.add_command(template)
    cli.add_command(designed)
