"""Options several commands share, and the parsing of their values, defined once: one
`--prospect`, one `--by` (with one default), one `--expect-version`, and the one way a
name-or-id the user typed becomes a typed ref (`PROSPECT`, `MODULE`…)."""

from __future__ import annotations

import getpass
import os

import click

from enabler.domain.refs import (
    CriterionRef,
    CustomItemRef,
    ModuleRef,
    ObjectionRef,
    ProspectRef,
    Ref,
)


class RefType(click.ParamType):
    """A name (or key) or an id, parsed once into a typed ref by the ref's own rule."""

    name = "text"  # keeps the TEXT metavar the help has always shown

    def __init__(self, ref: type[Ref]) -> None:
        self.ref = ref

    def convert(self, value, param, ctx):
        if isinstance(value, Ref | int):
            return self.ref.of(value)
        # Blank text names nothing: the command treats it as not given.
        return self.ref.of(value) if str(value).strip() else None


class ItemType(RefType):
    """A checklist item: custom-N (the rep's own), else the library entry by its ref rule."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and (custom := CustomItemRef.parse(value)):
            return custom
        return super().convert(value, param, ctx)


PROSPECT = RefType(ProspectRef)
MODULE = RefType(ModuleRef)
CRITERION_ITEM = ItemType(CriterionRef)
OBJECTION_ITEM = ItemType(ObjectionRef)


class AliasedOption(click.Option):
    """An option whose later names are old spellings: accepted, but not shown in --help."""

    def get_help_record(self, ctx: click.Context):
        shown, self.opts = self.opts, self.opts[:1]
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = shown


def prospect_option(required: bool = True, help: str = "Company name or id."):
    """`--prospect NAME`: the prospect a command works on, by company name or id."""
    return click.option("--prospect", "prospect_ref", type=PROSPECT, required=required, help=help)


def default_actor() -> str:
    """Who is at the keyboard: ENABLER_USER, else the login name ("" when there is none)."""
    try:
        return os.environ.get("ENABLER_USER") or getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return ""


def by_option(func):
    """`--by NAME`: who is making the change, for the audit log (`--actor` is an old name)."""
    return click.option(
        "--by",
        "--actor",
        "actor",
        cls=AliasedOption,
        default=default_actor,
        show_default="your login name (env ENABLER_USER)",
        help="Who makes the change (recorded in the audit log).",
    )(func)


def expect_version_option(
    dest: str = "expected_version",
    help: str = "Only change it if it is still at this version (from --json); else a conflict.",
):
    """`--expect-version N`: change it only if it is still at the version read (`--if-version`
    is an old name)."""
    return click.option(
        "--expect-version",
        "--if-version",
        dest,
        cls=AliasedOption,
        type=int,
        default=None,
        help=help,
    )


def split_ids(value: str | None) -> list[str] | None:
    """`a, b,c` → ["a", "b", "c"]; nothing given → None."""
    if not value:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def module_refs_of(value: str | None) -> list[ModuleRef] | None:
    """`--modules a, 7,c` → one ModuleRef each, in order; nothing given → None."""
    parts = split_ids(value)
    return [ModuleRef.of(part) for part in parts] if parts else None


def parse_fields(values: tuple[str, ...]) -> dict[str, str]:
    """Repeated `--field NAME=VALUE` options as a dict."""
    out = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--field")
        out[name.strip()] = value
    return out
