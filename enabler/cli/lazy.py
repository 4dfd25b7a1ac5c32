"""Commands that load when used: `enabler --help` and `enabler build` import only what they run.

The top-level group holds a map of command name → the modules that define it (and the first
paragraph of its help, so `--help` lists every command without importing any). A command's
modules are imported, and their `register(cli)` called, the first time the command is looked
up. A module of this package that the map does not know is still registered, on the first
lookup the map cannot answer, so a new command works before anyone adds it to the map
(`tests/cli/test_lazy.py` then asks for it to be added).
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass

import click


@dataclass(frozen=True, slots=True)
class LazyCommand:
    """Where a command lives and what `--help` says about it before it is loaded."""

    modules: tuple[str, ...]  # modules of this package whose register() builds it, in order
    help: str  # first paragraph of the command's help


class LazyCommands(MutableMapping):
    """A group's `commands` dict that imports a command's modules on first access."""

    def __init__(
        self,
        group: click.Group,
        package: str,
        known: dict[str, LazyCommand],
        helpers: frozenset[str],
    ) -> None:
        self._group = group
        self._package = package
        self._known = known
        self._helpers = helpers  # modules of the package that define no command
        self._loaded: dict[str, click.Command] = {}
        self._imported: set[str] = set()
        self._scanned = False
        self.pause_collector = False  # set by the console entry point (see `_import`)

    def _import(self, module_name: str):
        """Import one module; in a CLI process, with the garbage collector paused.

        Importing a command creates tens of thousands of long-lived objects (classes,
        functions, dataclasses), and their allocation triggers full collections that free
        nothing; freezing afterwards keeps them out of later collections too. The
        dataclasses' generated methods come compiled from a disk cache
        (enabler.cli.support.dataclass_code). Only the console entry point asks for this: a
        long-lived process (tests, the app) should not freeze what it holds.
        """
        if not self.pause_collector:
            return importlib.import_module(f"{self._package}.{module_name}")
        from enabler.cli.support.dataclass_code import cached_dataclass_code

        was_enabled = gc.isenabled()
        gc.disable()
        try:
            with cached_dataclass_code():
                return importlib.import_module(f"{self._package}.{module_name}")
        finally:
            gc.freeze()
            if was_enabled:
                gc.enable()

    def _register(self, module_name: str) -> None:
        if module_name in self._imported:
            return
        self._imported.add(module_name)
        module = self._import(module_name)
        if hasattr(module, "register"):
            module.register(self._group)

    def _scan_unknown(self) -> None:
        """Register modules the map does not mention (a command added since it was written)."""
        if self._scanned:
            return
        self._scanned = True
        named = {m for entry in self._known.values() for m in entry.modules} | self._helpers
        package = importlib.import_module(self._package)
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            if info.name not in named:
                self._register(info.name)

    def unknown_modules(self) -> list[str]:
        """Modules registered by the scan: each should get an entry in the map."""
        self._scan_unknown()
        named = {m for entry in self._known.values() for m in entry.modules} | self._helpers
        return sorted(self._imported - named)

    def is_loaded(self, name: str) -> bool:
        return name in self._loaded

    def known_help(self, name: str) -> str | None:
        entry = self._known.get(name)
        return entry.help if entry else None

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded and name in self._known:
            for module_name in self._known[name].modules:
                self._register(module_name)
        if name not in self._loaded:
            self._scan_unknown()
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        self._scan_unknown()
        return iter(sorted(set(self._known) | set(self._loaded)))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, name: object) -> bool:
        return name in self._known or name in self._loaded or name in set(iter(self))


class LazyGroup(click.Group):
    """A click group whose subcommands come from a `LazyCommands` map."""

    def use_lazy_commands(
        self, package: str, known: dict[str, LazyCommand], helpers: frozenset[str]
    ) -> None:
        self.commands = LazyCommands(self, package, known, helpers)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click's, but a command not loaded yet is described from the map."""
        commands = self.commands
        if not isinstance(commands, LazyCommands):
            return super().format_commands(ctx, formatter)
        rows: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            text = None if commands.is_loaded(name) else commands.known_help(name)
            command = click.Command(name, help=text) if text is not None else commands[name]
            if not command.hidden:
                rows.append((name, command))
        if not rows:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in rows)
        with formatter.section("Commands"):
            formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in rows])
