"""Enabler: local-first sales enablement (library, prospects, personalised decks)."""

import sys

__version__ = "0.1.0"


class _SqliteUtilsWithoutNumpy:
    """Load sqlite_utils.db with numpy hidden, unless numpy is already loaded.

    sqlite-utils imports numpy (and pandas) at import time whenever they are installed, only to
    map their scalar types to column types; Enabler never hands it numpy values. numpy is one of
    our dependencies (the indexed ranking of large libraries), so it is installed, and importing
    it would cost a one-shot command such as `enabler build` more than the whole ranking.
    The hook sits here because this package runs before any of our modules' `import
    sqlite_utils`, whichever comes first. It removes itself after that one import.
    """

    def find_spec(self, name, path, target=None):
        if name != "sqlite_utils.db":
            return None
        sys.meta_path.remove(self)
        if "numpy" in sys.modules:  # already paid for: let sqlite-utils use it as usual
            return None
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _HidingNumpy(spec.loader)  # type: ignore[assignment]  # duck-typed
        return spec


class _HidingNumpy:
    """A loader that runs another with `import numpy` failing, then puts everything back."""

    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        hidden = {name: sys.modules.pop(name, None) for name in ("numpy", "pandas")}
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]  # None: `import` raises
        try:
            self.loader.exec_module(module)
        finally:
            for name, before in hidden.items():
                if before is None:
                    sys.modules.pop(name, None)
                else:
                    sys.modules[name] = before

    def __getattr__(self, name):  # get_source, is_package… for tracebacks and tools
        return getattr(self.loader, name)


if "sqlite_utils.db" not in sys.modules:
    sys.meta_path.insert(0, _SqliteUtilsWithoutNumpy())
