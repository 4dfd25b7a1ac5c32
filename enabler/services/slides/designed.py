"""Designed modules after import: their rules, and the values repeating slides need."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from enabler.domain import lifecycle
from enabler.domain.deck.plan import DeckPlan
from enabler.domain.modules import ModuleKind, SlideFormatting
from enabler.domain.refs import ModuleRef
from enabler.errors import Fix, Hint, InvalidInput
from enabler.render.designed.slides import check_rules
from enabler.render.text import xml_safe
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction
from enabler.store.designed import slides as designed_store


@dataclass(frozen=True, slots=True)
class DesignedInfo:
    module_id: int
    key: str
    title: str
    state: str
    version: int
    fields: tuple[str, ...]
    condition: str
    repeat: str
    source_name: str
    slide_number: int
    thumbnail: str
    formatting: str = SlideFormatting.SOURCE.value  # "source" or "deck"

    @property
    def formatting_label(self) -> str:
        return SlideFormatting(self.formatting).label


def contacts_context(db: sqlite_utils.Database, plan: DeckPlan) -> dict:
    """`contacts`: the prospect's buying committee, e.g. for a slide repeated per contact."""
    people = prospect_store.contacts(db, plan.prospect.id) if plan.prospect.id else []
    return {
        "contacts": [
            {
                "name": xml_safe(c.name),
                "first_name": xml_safe(c.name.split()[0] if c.name.split() else c.name),
                "title": xml_safe(c.title),
                "role": xml_safe(c.role),
                "persona": xml_safe(c.persona),
                "influence": xml_safe(c.influence),
                "stance": xml_safe(c.stance),
                "email": xml_safe(c.email),
                "primary": c.primary,
            }
            for c in people
        ]
    }


def designed_info(db: sqlite_utils.Database, ref: ModuleRef | int) -> DesignedInfo:
    module = module_store.get_module(db, ref)
    details = designed_store.designed_details(db, module.id)
    version = module_store.current_version(db, module)
    if details is None or version.kind is not ModuleKind.DESIGNED:
        raise InvalidInput(
            f"Module {module.key!r} is not a designed slide; designed modules come from "
            "slides imported from PowerPoint.",
            hint=Hint(Fix.DO_FIRST, "import_slides"),
        )
    return DesignedInfo(
        module_id=module.id,
        key=module.key,
        title=module.title,
        state=module.state.value,
        version=version.number,
        fields=version.fields,
        condition=details["condition"],
        repeat=details["repeat"],
        source_name=details["source_name"],
        slide_number=details["slide_number"],
        thumbnail=version.thumbnail,
        formatting=details["formatting"],
    )


def clean_rules(condition: str, repeat: str) -> tuple[str, str]:
    """Rules as stored: whitespace normalised, then checked (InvalidInput when refused).

    `enabler designed rules` and pack import both go through here, so a pack can carry nothing
    the command would refuse.
    """
    condition, repeat = " ".join(condition.split()), repeat.strip()
    check_rules(condition, repeat)
    return condition, repeat


def set_rules(
    db: sqlite_utils.Database,
    ref: ModuleRef | int,
    *,
    condition: str | None = None,
    repeat: str | None = None,
    actor: str = "",
) -> DesignedInfo:
    """Change when a designed slide appears and what it repeats over (None keeps a rule)."""
    info = designed_info(db, ref)
    lifecycle.check_writable(module_store.module_status(db, info.module_id))
    condition, repeat = clean_rules(
        info.condition if condition is None else condition,
        info.repeat if repeat is None else repeat,
    )
    with transaction(db):
        designed_store.set_rules(db, info.module_id, condition, repeat, actor)
    return designed_info(db, info.module_id)


def set_formatting(
    db: sqlite_utils.Database, ref: ModuleRef | int, formatting: str, *, actor: str = ""
) -> DesignedInfo:
    """Keep the slide's own look ("source") or put it on the deck's template ("deck")."""
    try:
        chosen = SlideFormatting(formatting.strip().casefold())
    except ValueError:
        raise InvalidInput(
            f"Formatting is `source` (keep the slide's own look) or `deck` (use the deck's "
            f"template), not {formatting!r}."
        ) from None
    info = designed_info(db, ref)
    lifecycle.check_writable(module_store.module_status(db, info.module_id))
    with transaction(db):
        designed_store.set_formatting(db, info.module_id, chosen.value, actor)
    return designed_info(db, info.module_id)
