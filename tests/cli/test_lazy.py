"""The CLI loads a command's module only when the command runs; `--help` still lists them all."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys

import click
from click.testing import CliRunner
from pptx import Presentation

import enabler.cli as cli_package
from enabler.cli import COMMANDS, HELPERS, cli

HEAVY = ("weasyprint", "numpy", "fontTools", "PySide6", "pptx")


def _defining_modules(command: click.Command) -> list[str]:
    """Modules of enabler.cli whose code makes up `command` (its subcommands included)."""
    found = []
    if command.callback is not None:
        found.append(command.callback.__module__.rsplit(".", 1)[-1])
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            found += _defining_modules(sub)
    return list(dict.fromkeys(found))


def _first_paragraph(command: click.Command) -> str:
    return inspect.cleandoc(command.help or "").split("\n\n")[0]


class DescribeLazyCli:
    def it_imports_no_heavy_library_at_start(self):
        code = f"import sys, enabler.cli\nprint(','.join(m for m in {HEAVY!r} if m in sys.modules))"
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert done.stdout.strip() == "", f"import enabler.cli pulled in {done.stdout.strip()}"

    def it_builds_decks_without_the_pdf_or_gui_libraries(self):
        unused = (
            "weasyprint",
            "PySide6",
            "enabler.export.libreoffice",  # only with --pdf
            "enabler.services.leave_behind.document",
            "enabler.services.slides.import_slides",  # installing a template or importing slides
        )
        code = (
            "import sys, enabler.cli.build\n"
            f"print(','.join(m for m in {unused!r} if m in sys.modules))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert done.stdout.strip() == ""

    def it_builds_a_deck_in_a_process_without_numpy_or_the_pdf_libraries(
        self, demo_db_path, tmp_path
    ):
        # numpy (pulled in by sqlite-utils, used for large libraries' rankings), WeasyPrint,
        # fontTools (font metrics come from the disk cache once written) and pikepdf each
        # cost a one-shot `enabler build` a good part of its time.
        out = tmp_path / "deck.pptx"
        unused = ("numpy", "weasyprint", "pikepdf", "PySide6")
        argv = ["enabler", "build", "--db", str(demo_db_path)]
        argv += ["--prospect", "Northwind Health", "--out", str(out)]
        code = (
            f"import sys\nsys.argv = {argv!r}\nfrom enabler.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print('LOADED', *[m for m in {unused!r} if m in sys.modules])"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert done.stdout.splitlines()[-1] == "LOADED"
        assert "Built" in done.stdout and "Northwind Health" in done.stdout
        assert len(Presentation(str(out)).slides) > 10

    def it_imports_a_command_with_the_collector_paused_only_in_a_cli_process(self):
        code = (
            "import gc, sys\nfrom click.testing import CliRunner\n"
            "from enabler.cli import cli, main\n"
            "CliRunner().invoke(cli, ['roi', '--help'])\n"
            "print('runner', gc.get_freeze_count() == 0)\n"
            "sys.argv = ['enabler', 'build', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('main', gc.get_freeze_count() > 0, gc.isenabled())"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        lines = done.stdout.strip().splitlines()
        assert lines[0] == "runner True"  # in-process runs (tests, the app) freeze nothing
        assert lines[-1] == "main True True"  # the CLI froze its imports, collector back on

    def it_lists_every_command_with_its_help_without_loading_them(self):
        code = (
            "import sys\nfrom click.testing import CliRunner\nfrom enabler.cli import cli\n"
            "out = CliRunner().invoke(cli, ['--help'], terminal_width=100).output\n"
            "loaded = [m for m in sys.modules if m.startswith('enabler.cli.')]\n"
            "print(out)\nprint('LOADED', sorted(loaded))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        lazy_help, _, loaded = done.stdout.rpartition("LOADED ")
        assert loaded.strip() == "['enabler.cli.lazy']"
        for name in COMMANDS:  # load every command for real, then ask again
            cli.commands[name]
        eager_help = CliRunner().invoke(cli, ["--help"], terminal_width=100).output
        assert lazy_help.strip() == eager_help.strip()
        assert "build  " in eager_help and "Build a personalised deck" in eager_help

    def it_maps_each_command_to_the_modules_that_define_it(self):
        for name in COMMANDS:
            command = cli.commands[name]
            expected = COMMANDS[name]
            actual = _defining_modules(command)
            assert set(actual) <= set(expected.modules), (
                f"{name}: add {sorted(set(actual) - set(expected.modules))} to COMMANDS"
            )
            assert expected.help == _first_paragraph(command), (
                f"COMMANDS[{name!r}] help should be {_first_paragraph(command)!r}"
            )

    def it_knows_every_module_that_registers_commands(self):
        unknown = cli.commands.unknown_modules()
        assert unknown == [], f"add the commands of {unknown} to enabler.cli.COMMANDS"
        assert sorted(set(cli.commands)) == sorted(COMMANDS)
        for helper in HELPERS:  # helpers exist and define no command
            module = importlib.import_module(f"{cli_package.__name__}.{helper}")
            assert not hasattr(module, "register"), f"{helper} registers commands"

    def it_still_says_no_such_command(self):
        result = CliRunner().invoke(cli, ["no-such-command"])
        assert result.exit_code == 2
        assert "No such command" in result.output
