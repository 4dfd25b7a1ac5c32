"""The core says what happened and what kind of fix helps; only the shells name flags, commands
or pages (enabler/cli/support/messages.py, enabler/app/messages.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import enabler
from enabler.app import messages as app_messages
from enabler.cli.support import messages as cli_messages
from enabler.errors import Fix, Hint, InvalidInput

PACKAGE = Path(enabler.__file__).parent
CORE = ("services", "store", "domain", "render", "export", "errors.py")
# A flag inside a sentence ("Pass --size …") or a command ("`enabler roi set`"); a lone token
# such as "--headless" is an argument handed to LibreOffice, not words for a user.
SHELL_WORDS = re.compile(r"(?<![\w-])--[a-z][a-z-]*|\benabler [a-z]")


def core_files() -> list[Path]:
    out = []
    for name in CORE:
        path = PACKAGE / name
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


def docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def shell_wording(source: str) -> list[str]:
    """String literals (not docstrings) that name a flag or an `enabler` command."""
    tree = ast.parse(source)
    skip = docstrings(tree)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and any(c.isspace() for c in node.value)
        and SHELL_WORDS.search(node.value)
    ]


def hints_used(source: str) -> set[tuple[str, str]]:
    """(fix, topic) of every `Hint(Fix.X, "topic", …)` written in `source`."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Hint":
            fix, topic = node.args[0], node.args[1]
            if isinstance(fix, ast.Attribute) and isinstance(topic, ast.Constant):
                found.add((fix.attr, topic.value))
    return found


class DescribeCoreMessages:
    def it_names_no_flag_and_no_command(self):
        offenders = {
            str(path.relative_to(PACKAGE)): words
            for path in core_files()
            if (words := shell_wording(path.read_text(encoding="utf-8")))
        }
        assert offenders == {}

    def it_sees_flags_and_commands_but_not_arguments_or_docs(self):
        source = (
            '"""Run `enabler build --out X`."""\n'
            'A = "Pass --size small."\n'
            'B = f"See `enabler prospects list` for {x}."\n'
            'C = ["--headless", "--outdir"]\n'
            'D = "Tell Enabler who you are."\n'
        )
        assert shell_wording(source) == ["Pass --size small.", "See `enabler prospects list` for "]

    def it_has_words_in_the_cli_for_every_hint_the_core_gives(self):
        used = set().union(*(hints_used(p.read_text(encoding="utf-8")) for p in core_files()))
        assert len(used) > 20
        missing = [
            (fix, topic)
            for fix, topic in sorted(used)
            if not cli_messages.hint_phrase(Hint(Fix[fix], topic))
        ]
        assert missing == []


class DescribeHintPhrases:
    def it_adds_the_command_line_words_after_the_message(self):
        exc = InvalidInput("No approved module matches Acme.", hint=Hint(Fix.GIVE, "modules"))
        assert cli_messages.error_message(exc) == (
            "No approved module matches Acme. Pick modules with --modules ID,ID."
        )

    def it_puts_the_subject_into_the_phrase(self):
        hint = Hint(Fix.DO_FIRST, "set_roi", "Acme")
        assert '--prospect "Acme"' in cli_messages.hint_phrase(hint)

    def it_words_the_same_fix_for_the_app_without_flags(self):
        exc = InvalidInput("No approved module matches Acme.", hint=Hint(Fix.GIVE, "modules"))
        text = app_messages.error_text(exc)
        assert text.startswith("No approved module matches Acme. ") and "--" not in text

    def it_leaves_a_message_alone_when_the_app_has_no_words_for_the_fix(self):
        exc = InvalidInput("No glossary term 'x'.", hint=Hint(Fix.LOOK_UP, "glossary"))
        assert app_messages.error_text(exc) == "No glossary term 'x'."
