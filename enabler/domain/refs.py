"""Typed references to the things a user names by id or by name/key, parsed in one place.

A shell turns what the user typed into a ref once (`ProspectRef.of("Acme")`); the services
pass it on untouched and the store resolves it in one place per kind. The rule is the same for
every kind: text made only of the digits 0-9 is an id, anything else is a name (or key). Since
a name may itself be all digits (a company called "1848"), text like "1848" keeps both readings
and the resolver decides: the id when it exists, otherwise the name, and an error when the two
name different things. Code that already knows which it holds says so (`by_id`, `by_name`),
so a key read from a data file is never taken for an id.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Self, TypeVar


def is_id_text(text: str) -> bool:
    """True when `text` reads as an id: only the ASCII digits 0-9 (not '²' or '٣')."""
    return text.isascii() and text.isdigit()


def did_you_mean(text: str, known: Iterable[str]) -> str:
    """' Did you mean …?' naming the closest of `known` to a mistyped `text`, or ''."""
    close = difflib.get_close_matches(text, list(known), n=1, cutoff=0.6)
    return f" Did you mean {close[0]!r}?" if close else ""


@dataclass(frozen=True, slots=True)
class Ref:
    """What a user named: an `id`, a `name` (or key), or both when the text reads as either."""

    id: int | None = None
    name: str | None = None

    kind: ClassVar[str] = "item"  # the word in messages: "No prospect named …"
    name_field: ClassVar[str] = "name"  # what the non-id reading is called: "name" or "key"
    topic: ClassVar[str] = ""  # the list a user looks things up in (a Hint topic)
    ignore_case: ClassVar[bool] = False  # whether names match whatever their case

    def __post_init__(self) -> None:
        if self.id is None and self.name is None:
            raise ValueError(f"A {self.kind} reference needs an id or a {self.name_field}.")

    @classmethod
    def of(cls, value: Self | str | int) -> Self:
        """Parse user text (or pass a ref through): digits 0-9 only → id (and name), else name."""
        if isinstance(value, cls):
            return value
        if isinstance(value, Ref):
            raise TypeError(f"A {type(value).__name__} is not a {cls.__name__}.")
        if isinstance(value, bool):
            raise TypeError(f"{value!r} is not a {cls.kind} reference.")
        if isinstance(value, int):
            return cls(id=value)
        text = str(value).strip()
        if is_id_text(text):
            return cls(id=int(text), name=text)
        return cls(name=text)

    @classmethod
    def by_id(cls, id: int) -> Self:
        """A ref that is an id, whatever it looks like."""
        return cls(id=id)

    @classmethod
    def by_name(cls, name: str) -> Self:
        """A ref that is a name (or key), even when it is all digits."""
        return cls(name=name.strip())

    def __str__(self) -> str:
        return self.name if self.name is not None else str(self.id)


@dataclass(frozen=True, slots=True)
class ProspectRef(Ref):
    """A prospect by id or by company name (any case)."""

    kind: ClassVar[str] = "prospect"
    topic: ClassVar[str] = "prospects"
    ignore_case: ClassVar[bool] = True


@dataclass(frozen=True, slots=True)
class ModuleRef(Ref):
    """A library module by id or by key."""

    kind: ClassVar[str] = "module"
    name_field: ClassVar[str] = "key"
    topic: ClassVar[str] = "modules"


@dataclass(frozen=True, slots=True)
class CriterionRef(Ref):
    """A decision criterion of the criteria library by id or by key."""

    kind: ClassVar[str] = "criterion"
    name_field: ClassVar[str] = "key"
    topic: ClassVar[str] = "criteria_library"


@dataclass(frozen=True, slots=True)
class ObjectionRef(Ref):
    """An objection of the objection library by id or by key."""

    kind: ClassVar[str] = "objection"
    name_field: ClassVar[str] = "key"
    topic: ClassVar[str] = "objections"


_CUSTOM = re.compile(r"custom-(\d+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CustomItemRef:
    """A rep's own item on one prospect's checklist (criteria or objections), written custom-N.

    Checklist items are named either this way or by the library entry they come from
    (a CriterionRef or an ObjectionRef).
    """

    id: int

    @classmethod
    def parse(cls, text: str) -> CustomItemRef | None:
        """The item `text` names when it reads custom-N (any case), else None."""
        match = _CUSTOM.fullmatch(text.strip())
        return cls(int(match[1])) if match else None

    def __str__(self) -> str:
        return f"custom-{self.id}"


R = TypeVar("R", bound=Ref)


def item_ref(value: CustomItemRef | R | str, library: type[R]) -> CustomItemRef | R:
    """A checklist item as typed: custom-N is the rep's own item, anything else names the
    `library` entry by its ref rule. Typed refs pass through (plain text: scripts, tests)."""
    if isinstance(value, str):
        return CustomItemRef.parse(value) or library.of(value)
    return value
