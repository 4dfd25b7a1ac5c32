"""Options and output helpers every command shares."""

from __future__ import annotations

import json
from pathlib import Path

import click

from enabler.domain.modules import Stage
from enabler.domain.prospects import parse_stage
from enabler.errors import InvalidInput
from enabler.services.library_file import open_library as _open


class StageParam(click.ParamType):
    """A funnel stage as value, label or hyphen form: post_sale, Post-sale, post-sale."""

    name = "stage"

    def get_metavar(self, param, ctx=None) -> str:
        return "[" + "|".join(s.label.lower() for s in Stage) + "]"

    def convert(self, value, param, ctx) -> str:
        try:
            return parse_stage(value).value
        except InvalidInput as exc:
            self.fail(str(exc), param, ctx)


STAGE = StageParam()


def db_option(func):
    """`--db PATH` (or ENABLER_DB): which library file to use."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="ENABLER_DB",
        help="Library file (default: your user data folder; env ENABLER_DB).",
    )(func)


def json_option(func):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(func)


def open_library(db_path: Path | None):
    return _open(db_path)


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def emit_table(rows: list[list[str]], headers: list[str]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=False)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    click.echo(line.rstrip())
    for row in rows:
        click.echo("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
