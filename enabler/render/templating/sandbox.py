"""The slide-text sandbox: Jinja2's immutable sandbox with every costly operation bounded.

Jinja2's sandbox stops attribute tricks but not denial of service. Here every operation that can
spend time or memory is metered against the running render's budget (`render/templating/budget.py`):
arithmetic (`**` checks the size of its result, not just the exponent), repetition and `%`
formatting, calls (macros, loops' `loop()`, string methods), every filter, and each step of
every `{% for %}` loop. Arguments that make an operation allocate — widths, paddings,
precisions, counts — are checked before it runs, results after.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable, Iterable, Iterator

from jinja2 import nodes, pass_context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import _PassArg

from enabler.render.templating.budget import (
    MAX_INT_BITS,
    MAX_VALUE,
    MAX_WIDTH,
    BudgetExceeded,
    current,
)

MAX_SEQUENCE = 10_000  # longest string/list a `*` may produce
LOOP_FILTER = "_budgeted_loop"  # wrapped around every loop's iterable at compile time
OUTPUT_FILTER = "_budgeted_output"  # wrapped around everything a template prints

# String methods slide text may call: each returns at most about its input's size, or is
# checked in `_check_str_call` (the rest, e.g. translate, are refused).
_STR_METHOD_NAMES = """
    capitalize casefold center count endswith expandtabs find format format_map index isalnum
    isalpha isdecimal isdigit islower isnumeric isspace istitle isupper join ljust lower lstrip
    partition removeprefix removesuffix replace rfind rindex rjust rpartition rsplit rstrip
    split splitlines startswith strip swapcase title upper zfill
"""
STR_METHODS = frozenset(_STR_METHOD_NAMES.split())
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _width(value: object, what: str) -> None:
    if isinstance(value, str):
        value = len(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WIDTH:
        raise BudgetExceeded(f"{what} {value:,} is too large (at most {MAX_WIDTH:,})")


def _fits(size: int, what: str) -> None:
    if size > MAX_VALUE:
        raise BudgetExceeded(f"{what} would make {size:,} characters or items")


def check_percent_format(fmt: str) -> None:
    """`'%9999d' % x` allocates the width: refuse widths/precisions past MAX_WIDTH or `*`."""
    for match in _PERCENT.finditer(fmt):
        for number in match.groups():
            if number == "*":
                raise BudgetExceeded("a `*` width in % formatting is not allowed")
            _width(int(number) if number else 0, "a % format width")


def check_format_string(fmt: str) -> None:
    """`'{:>999999999}'.format(x)` allocates the width: bound every number in a format spec."""
    for _literal, _field, spec, _conversion in string.Formatter().parse(fmt):
        if not spec:
            continue
        if "{" in spec:
            raise BudgetExceeded("nested {…} inside a format spec is not allowed")
        for number in re.findall(r"\d+", spec):
            _width(int(number), "a format width")


def _check_str_call(name: str, text: str, args: tuple, kwargs: dict) -> tuple:
    """Refuse a string method call that would allocate too much; returns the args to use."""
    arg = args[0] if args else None
    if name in ("center", "ljust", "rjust", "zfill"):
        _width(kwargs.get("width", arg), "a width")
    elif name == "expandtabs":
        tabs = kwargs.get("tabsize", 8 if arg is None else arg)
        _width(tabs, "a tab size")
        if isinstance(tabs, int):
            _fits(len(text) * max(tabs, 1), "expandtabs")
    elif name == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        old, new = args[0], args[1]
        hits = text.count(old) if old else len(text) + 1
        if len(args) > 2 and isinstance(args[2], int) and args[2] >= 0:
            hits = min(hits, args[2])
        _fits(len(text) + hits * max(0, len(new) - len(old)), "replace")
    elif name == "join" and args:
        items = list(args[0])
        _fits(sum(len(str(i)) for i in items) + len(text) * max(len(items) - 1, 0), "join")
        return (items, *args[1:])
    elif name in ("format", "format_map"):
        check_format_string(text)
    return args


def _str_method(obj: object) -> tuple[str, str] | None:
    """(name, the string) when `obj` is a bound method of a string (format's wrapper too)."""
    target = getattr(obj, "__wrapped__", obj)
    owner = getattr(target, "__self__", None)
    if isinstance(owner, str):
        return getattr(target, "__name__", ""), owner
    return None


def _check_pow(left: object, right: object) -> None:
    if isinstance(left, int) and isinstance(right, int) and right > 0:
        bits = max(abs(left).bit_length(), 1) * right if abs(left) > 1 else 0
        if bits > MAX_INT_BITS:
            raise BudgetExceeded("the result of ** would be too large")


def _check_mul(left: object, right: object) -> None:
    seq, count = (left, right) if isinstance(left, str | list | tuple) else (right, left)
    if isinstance(seq, str | list | tuple):  # either side is a sequence
        if isinstance(count, int) and len(seq) * count > MAX_SEQUENCE:
            raise BudgetExceeded("repeated text too long in slide text")
    elif (
        isinstance(left, int)
        and isinstance(right, int)
        and abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS
    ):
        raise BudgetExceeded("the result of * would be too large")


def _filter_args(name: str, args: tuple, kwargs: dict) -> None:
    """Checks before a built-in filter runs (args[0] is the filtered value)."""
    value, rest = (args[0] if args else None), args[1:]
    first = rest[0] if rest else None
    if name == "center":
        _width(kwargs.get("width", first), "a width")
    elif name == "indent":
        _width(kwargs.get("width", first), "an indent")
    elif name == "round":
        _width(kwargs.get("precision", first), "a precision")
    elif name in ("slice", "batch"):
        _width(kwargs.get("slices", kwargs.get("linecount", first)), f"a {name} count")
    elif name == "format" and isinstance(value, str):
        check_percent_format(value)
    elif name == "replace" and isinstance(value, str) and len(rest) >= 2:
        _check_str_call("replace", value, tuple(rest), {})
    elif name == "join" and value is not None and not isinstance(value, str):
        d = kwargs.get("d", first)
        sep = d if isinstance(d, str) else ""
        items = list(value)
        _fits(sum(len(str(i)) for i in items) + len(sep) * max(len(items) - 1, 0), "join")


def _bounded_filter(name: str, func: Callable) -> Callable:
    skip = 0 if _PassArg.from_obj(func) is None else 1  # context/environment comes first

    @functools.wraps(func)
    def bounded(*args, **kwargs):
        budget = current()
        budget.tick()
        if name == "join" and len(args) > skip and not isinstance(args[skip], str):
            args = (*args[:skip], list(args[skip]), *args[skip + 1 :])
        _filter_args(name, args[skip:], kwargs)
        return budget.charge(func(*args, **kwargs))

    return bounded


# Both take the context only so that Jinja never runs them early, folding constants at compile
# time (it does so for filters that do not): the budget must see every step at render time.
@pass_context
def _budgeted_loop(_context, iterable: Iterable) -> Iterator:
    budget = current()
    for item in iterable:
        budget.tick()
        yield item


@pass_context
def _budgeted_output(_context, value: object) -> object:
    budget = current()
    text = value if isinstance(value, str) else str(value)
    budget.charge(text)
    return text


class SlideSandbox(ImmutableSandboxedEnvironment):
    """The environment slide text renders in."""

    intercepted_binops = frozenset(["+", "-", "*", "/", "//", "%", "**"])

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}
        self.filters[LOOP_FILTER] = _budgeted_loop
        self.filters[OUTPUT_FILTER] = _budgeted_output

    def add_filters(self, **filters: Callable) -> None:
        self.filters.update({name: _bounded_filter(name, f) for name, f in filters.items()})

    def is_safe_attribute(self, obj, attr, value) -> bool:
        if isinstance(obj, str) and attr not in STR_METHODS:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context, operator, left, right):
        budget = current()
        budget.tick()
        if operator == "**":
            _check_pow(left, right)
        elif operator == "*":
            _check_mul(left, right)
        elif operator == "%" and isinstance(left, str):
            check_percent_format(left)
        return budget.charge(self.binop_table[operator](left, right))

    def call(__self, __context, __obj, *args, **kwargs):
        budget = current()
        for value in (*args, *kwargs.values()):
            budget.check(value)  # e.g. a macro recursing on `s ~ s` doubles its argument
        method = _str_method(__obj)
        if method is not None:
            args = _check_str_call(method[0], method[1], args, kwargs)
        with budget.call():
            return budget.charge(super().call(__context, __obj, *args, **kwargs))


def meter(tree: nodes.Template) -> nodes.Template:
    """Meter a parsed template: every `{% for %}` step checks the budget, and everything it
    outputs is counted (a macro gathers its output before returning it, so 1000 loop steps
    each printing a long value would otherwise be joined before any check)."""
    env = tree.environment
    if env is None:
        raise ValueError("meter() needs a template parsed by an environment")
    for loop in tree.find_all(nodes.For):
        wrapped = nodes.Filter(loop.iter, LOOP_FILTER, [], [], None, None, lineno=loop.lineno)
        loop.iter = wrapped.set_environment(env)
    for output in tree.find_all(nodes.Output):
        metered = [_metered(child) for child in output.nodes]
        for node in metered:
            node.set_environment(env)
        output.nodes = list(metered)
    return tree


def _metered(node: nodes.Expr) -> nodes.Filter:
    if isinstance(node, nodes.TemplateData):
        node = nodes.Const(node.data, lineno=node.lineno)
    return nodes.Filter(node, OUTPUT_FILTER, [], [], None, None, lineno=node.lineno)
