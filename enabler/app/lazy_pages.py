"""The main window's pages, each built (and its module imported) when first shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtWidgets import QWidget


def page_class(module: str, name: str) -> type:
    """A page class, imported when the page is first shown: the window paints sooner."""
    import importlib

    return getattr(importlib.import_module(f"enabler.app.pages.{module}"), name)


class LazyPages(Mapping):
    """The pages by name; each is built the first time it is shown or asked for, so the window
    paints before the heavier pages exist."""

    def __init__(self, factories: dict[str, Callable[[], QWidget]], stack, on_created) -> None:
        self._factories = factories
        self._built: dict[str, QWidget] = {}
        self._stack = stack
        self._on_created = on_created
        for _ in factories:
            stack.addWidget(QWidget())  # a placeholder until the page is built

    def __getitem__(self, name: str) -> QWidget:
        if name not in self._built:
            index = list(self._factories).index(name) if name in self._factories else -1
            if index < 0:
                raise KeyError(name)
            page = self._factories[name]()
            current = self._stack.currentIndex()
            placeholder = self._stack.widget(index)
            self._stack.insertWidget(index, page)
            self._stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._stack.setCurrentIndex(current)
            self._built[name] = page
            self._on_created(page)
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._factories)

    def __len__(self) -> int:
        return len(self._factories)

    def built(self) -> list[QWidget]:
        return list(self._built.values())
