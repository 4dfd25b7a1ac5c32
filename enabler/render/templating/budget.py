"""The time and size budget of one template render, checked while it runs.

Every render gets a `RenderBudget`: a deadline, a cap on how much text and how many items its
operations may produce in all, and a cap on macro call depth. The sandbox
(`render/templating/sandbox.py`)
charges it at every loop step, macro or method call, filter and arithmetic operator, so no
template — however its loops hide in macros — runs past about two seconds or holds more than
a few tens of megabytes. Exceeding it raises `BudgetExceeded`, a SecurityError.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterator

from jinja2.exceptions import SecurityError

SECONDS = 2.0  # wall time one render may take
MAX_CHARS = 8_000_000  # characters/items all its operations may produce together (≲ 50 MB)
MAX_VALUE = 100_000  # longest string/list/dict one operation may produce
MAX_INT_BITS = 4_096  # largest integer (about 10**1233); a slide never needs more
MAX_WIDTH = 1_000  # widths, paddings, precisions, repeat counts given to filters/methods
MAX_DEPTH = 50  # macro calls nested (or recursing) this deep


class BudgetExceeded(SecurityError):
    """The render ran out of time, size or depth."""


class RenderBudget:
    """What one render may still spend."""

    __slots__ = ("_chars", "_deadline", "_depth")

    def __init__(self, seconds: float = SECONDS) -> None:
        self._deadline = time.monotonic() + seconds
        self._chars = 0
        self._depth = 0

    def tick(self) -> None:
        if time.monotonic() > self._deadline:
            raise BudgetExceeded(f"took longer than {SECONDS:g} s (a loop or macro runs too long)")

    def check(self, value: object) -> int:
        """The size of `value`; refuse one past the limits (a value passed on, not made)."""
        size = _size(value)
        if size > MAX_VALUE:
            raise BudgetExceeded(f"a value of {size:,} characters or items is too large")
        return size

    def charge(self, value: object) -> object:
        """Count what an operation produced; refuse values or totals past the limits."""
        self.tick()
        self._chars += self.check(value)
        if self._chars > MAX_CHARS:
            raise BudgetExceeded("produces too much text in all (a loop or macro repeats)")
        return value

    @contextlib.contextmanager
    def call(self) -> Iterator[None]:
        self.tick()
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise BudgetExceeded(f"macros call each other more than {MAX_DEPTH} deep")
            yield
        finally:
            self._depth -= 1


def _size(value: object) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        if value.bit_length() > MAX_INT_BITS:
            raise BudgetExceeded("a number is too large")
        return 0
    if isinstance(value, str | bytes | list | tuple | dict | set | frozenset):
        return len(value)
    return 0


_CURRENT: contextvars.ContextVar[RenderBudget | None] = contextvars.ContextVar(
    "enabler_render_budget", default=None
)
_UNLIMITED_SECONDS = 3600.0


def current() -> RenderBudget:
    """The running render's budget (a fresh one outside any render, e.g. constant folding)."""
    budget = _CURRENT.get()
    if budget is None:
        budget = RenderBudget(_UNLIMITED_SECONDS)  # sizes still checked, time not
    return budget


@contextlib.contextmanager
def running(budget: RenderBudget) -> Iterator[RenderBudget]:
    token = _CURRENT.set(budget)
    try:
        yield budget
    finally:
        _CURRENT.reset(token)
