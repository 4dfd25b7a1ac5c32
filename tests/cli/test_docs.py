"""Every command says what it does in --help, and docs/cli.md lists every top-level command."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from enabler.cli import COMMANDS, cli

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def every_command(group: click.Group = cli, path: tuple[str, ...] = ()):
    """(path, command) for each command and subcommand, in name order."""
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from every_command(command, (*path, name))


COMMAND_PATHS = [path for path, _ in every_command()]


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=" ".join)
def test_each_command_has_help_text(path):
    result = CliRunner().invoke(cli, [*path, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Usage: ")
    description = next((line.strip() for line in lines[1:] if line.strip()), "")
    assert description and not description.startswith("Options:"), f"{' '.join(path)} lacks help"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_docs_list_each_top_level_command(name):
    assert re.search(rf"^enabler {re.escape(name)}\b", DOCS.read_text(encoding="utf-8"), re.M)


def test_shared_options_read_the_same_everywhere():
    """One --prospect, one --by default, one --expect-version (old names hidden)."""
    helps = {}
    for path, command in every_command():
        for param in command.params:
            if isinstance(param, click.Option) and param.opts[0] in ("--prospect", "--by"):
                helps.setdefault(param.opts[0], set()).add((param.help, str(param.default)))
            if "--if-version" in param.opts or "--actor" in param.opts:
                assert param.opts[0] in ("--expect-version", "--by"), path
        output = CliRunner().invoke(cli, [*path, "--help"], terminal_width=100).output
        assert "--if-version" not in output and "--actor" not in output, path
    assert len(helps["--by"]) == 1
    assert {h for h, _ in helps["--prospect"]} <= {
        "Company name or id.",
        "Company name or id (repeat for a deck each).",
    }
