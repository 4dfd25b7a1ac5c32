"""`enabler search`, `enabler glossary …` and `enabler audit`."""

from __future__ import annotations

import dataclasses
import json
import sys

import click

from enabler.cli.support.common import (
    STAGE,
    db_option,
    emit_json,
    emit_table,
    json_option,
    open_library,
)
from enabler.cli.support.options import MODULE
from enabler.domain.modules import ModuleKind, ModuleState
from enabler.services.library import glossary as glossary_service
from enabler.services.library.governance import require_profile
from enabler.services.listings import SearchFilters, audit_trail, search_modules

_BOLD = ("\x1b[1m", "\x1b[0m")


@click.command("search")
@db_option
@json_option
@click.argument("query", default="")
@click.option("--stage", type=STAGE)
@click.option("--industry")
@click.option("--persona")
@click.option("--competitor")
@click.option("--kind", type=click.Choice([k.value for k in ModuleKind]))
@click.option("--state", type=click.Choice([s.value for s in ModuleState]))
@click.option("--owner")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 500))
def search_command(db_path, as_json, query, limit, **facets) -> None:
    """Search the library: words (all must match), "a phrase", word*, OR, -word.

    Facets narrow the results; modules made for every industry match any --industry.
    """
    db = open_library(db_path)
    results = search_modules(db, query, SearchFilters(**facets), limit=limit)
    if as_json:
        emit_json(
            {
                "total": results.total,
                "hits": [
                    {
                        "id": h.module_id,
                        "key": h.key,
                        "title": h.title.plain,
                        "title_marked": h.title.marked(),
                        "snippet": h.snippet.marked(),
                        "state": h.state.value,
                        "owner": h.owner,
                        "kind": h.kind,
                        "stages": list(h.stages),
                        "score": round(h.score, 4),
                    }
                    for h in results.hits
                ],
            }
        )
        return
    if not results.hits:
        click.echo("No module matches. Try fewer words, or word* for a prefix.")
        return
    marks = _BOLD if sys.stdout.isatty() else ("[", "]")
    for h in results.hits:
        click.echo(f"{h.key}  ({h.state.value})  {h.title.marked(*marks)}")
        if h.snippet.parts:
            click.echo(f"    {h.snippet.marked(*marks)}")
    shown = len(results.hits)
    click.echo(f"{shown} of {results.total} shown." if results.total > shown else "")


@click.group()
def glossary() -> None:
    """The shared lexicon (use terms in slides as {{ glossary.qualified_lead }})."""


@glossary.command("list")
@db_option
@json_option
def glossary_list(db_path, as_json) -> None:
    """Every term with its template name and definition."""
    terms = glossary_service.list_terms(open_library(db_path))
    if as_json:
        emit_json([dataclasses.asdict(t) for t in terms])
        return
    if not terms:
        click.echo('No terms yet. Add one: enabler glossary set "Qualified lead" "…"')
        return
    for t in terms:
        click.echo(f"{t.label}  ({{{{ glossary.{t.name} }}}})\n    {t.definition}")


@glossary.command("set")
@db_option
@click.argument("term")
@click.argument("definition")
def glossary_set(db_path, term, definition) -> None:
    """Add a term or change its definition."""
    db = open_library(db_path)
    saved = glossary_service.set_term(db, require_profile(db), term, definition)
    click.echo(f"Saved {saved.label!r}; use it in slides as {{{{ glossary.{saved.name} }}}}.")


@glossary.command("remove")
@db_option
@click.argument("term")
def glossary_remove(db_path, term) -> None:
    """Remove a term (by its label or template name)."""
    db = open_library(db_path)
    removed = glossary_service.remove_term(db, require_profile(db), term)
    click.echo(f"Removed {removed.label!r}.")


@click.command("audit")
@db_option
@json_option
@click.option("--entity", help="module, glossary, profile, rules, key, pack…")
@click.option("--id", "entity_id", help="Only this entity (module id, term name…).")
@click.option("--module", "module_ref", type=MODULE, help="Only this module (id or key).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100000))
def audit(db_path, as_json, entity, entity_id, module_ref, limit) -> None:
    """Who changed what and when, newest first, with before and after."""
    db = open_library(db_path)
    rows = audit_trail(db, entity, entity_id, module_ref, limit)
    if as_json:
        for row in rows:
            for side in ("before", "after"):
                row[side] = json.loads(row[side]) if row[side] else None
        emit_json(rows)
        return
    if not rows:
        click.echo("No matching audit entries.")
        return
    emit_table(
        [[r["at"], r["actor"], r["action"], r["entity"], r["entity_id"]] for r in rows],
        ["WHEN", "WHO", "ACTION", "ENTITY", "ID"],
    )


def register(cli: click.Group) -> None:
    cli.add_command(search_command)
    cli.add_command(glossary)
    cli.add_command(audit)
