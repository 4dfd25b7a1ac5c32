"""Field templating for slide text: a locked-down Jinja2 sandbox.

Slide text may use `{{ prospect.company }}`, `{{ roi.npv | money }}` and simple `{% if %}` /
`{% for %}` blocks. Unknown names raise (StrictUndefined); attribute tricks raise SecurityError;
output size and loop nesting are capped so a hostile module cannot hang a build.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
from collections.abc import Mapping

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal
from jinja2 import ChainableUndefined, StrictUndefined, TemplateError, nodes, pass_context
from jinja2.exceptions import SecurityError, UndefinedError

from enabler.errors import RenderError, UnfilledField
from enabler.render.templating.budget import BudgetExceeded, RenderBudget, running
from enabler.render.templating.checks import check_nesting
from enabler.render.templating.sandbox import SlideSandbox, meter
from enabler.render.text import xml_safe

MAX_OUTPUT = 20_000  # characters one text field may render to
MAX_RANGE = 1_000
MAX_DIGITS = 20  # decimals `money` may show
_SMART_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "„": '"'})
_TAG = re.compile(r"({{.*?}}|{%.*?%})", re.S)


def _safe_range(*args: int) -> range:
    r = range(*args)
    if len(r) > MAX_RANGE:
        raise SecurityError(f"range longer than {MAX_RANGE} is not allowed in slide text")
    return r


def _locale(name: str) -> Locale:
    """A Babel locale, or ValueError naming the one that does not exist."""
    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(f"unknown locale {name!r}; use one such as en_US or de_DE") from None


def _prospect_default(context, key: str, fallback: str) -> str:
    """The prospect's own currency/locale, so `{{ x | money }}` needs no arguments."""
    prospect = context.get("prospect")
    value = prospect.get(key) if isinstance(prospect, dict) else None
    return value or fallback


@pass_context
def _money(context, value, currency: str = "", locale: str = "", digits: int = 0) -> str:
    currency = currency or _prospect_default(context, "currency", "USD")
    locale = locale or _prospect_default(context, "locale", "en_US")
    if not isinstance(digits, int) or not 0 <= digits <= MAX_DIGITS:
        raise ValueError(f"money shows 0 to {MAX_DIGITS} decimals, not {digits!r}")
    return _currency_pattern(locale, digits).apply(
        value, locale, currency=currency, currency_digits=False
    )


@functools.lru_cache(maxsize=64)
def _currency_pattern(locale: str, digits: int):
    """The locale's own currency layout (symbol side, spacing) with `digits` decimals."""
    pattern = copy.copy(_locale(locale).currency_formats["standard"])
    pattern.frac_prec = (digits, digits)
    return pattern


@pass_context
def _date(context, value, fmt: str = "medium", locale: str = "") -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(
        value, format=fmt, locale=_locale(locale or _prospect_default(context, "locale", "en_US"))
    )


@pass_context
def _number(context, value, locale: str = "") -> str:
    return format_decimal(
        value, locale=_locale(locale or _prospect_default(context, "locale", "en_US"))
    )


@pass_context
def _compact(context, value, locale: str = "") -> str:
    locale = locale or _prospect_default(context, "locale", "en_US")
    return format_compact_decimal(
        value, format_type="short", locale=_locale(locale), fraction_digits=1
    )


class _SlideUndefined(ChainableUndefined, StrictUndefined):
    """Strict when shown or tested, but `contact.first_name` of a missing `contact` stays
    undefined instead of raising, so an author's `| default("there")` can catch it."""


def _make_env() -> SlideSandbox:
    env = SlideSandbox(undefined=_SlideUndefined, autoescape=False, keep_trailing_newline=False)
    env.add_filters(money=_money, date=_date, number=_number, compact=_compact)
    env.globals = {"range": _safe_range}
    return env


_ENV = _make_env()


def _normalise(source: str) -> str:
    """Straighten curly quotes that PowerPoint's autocorrect puts inside tags."""
    return _TAG.sub(lambda m: m.group(0).translate(_SMART_QUOTES), source)


@functools.lru_cache(maxsize=4096)
def _compile(source: str):
    tree = _ENV.parse(source)
    check_nesting(tree)
    return _ENV.from_string(meter(tree))


PROBE_SECONDS = 0.5
MAX_PROBES = 50
_COSTLY = (nodes.BinExpr, nodes.Call, nodes.Filter, nodes.Compare, nodes.Concat, nodes.CondExpr)


def _constant(node: nodes.Node) -> bool:
    """True when `node` reads nothing from the context (only literals and `range`)."""
    return all(name.name == "range" for name in node.find_all(nodes.Name)) and not isinstance(
        node, nodes.Name
    )


def refusals(source: str) -> tuple[str, ...]:
    """Why `source` would be refused at build time, found before any deck is built: nested
    loops (also through macros), and constant expressions that break the render budget, such
    as `(10**100)**100` or `'a'|center(10**9)`. Empty when nothing is wrong (or it does not
    parse: the field scan reports that)."""
    if not has_fields(source):
        return ()
    try:
        tree = _ENV.parse(_normalise(source))
    except TemplateError:
        return ()
    try:
        check_nesting(tree)
    except SecurityError as exc:
        return (str(exc),)
    found: list[str] = []
    candidates = [n for n in tree.find_all(_COSTLY) if _constant(n)]
    # A filter with constant arguments is as costly on any text: `x|center(10**9)`.
    candidates += [
        nodes.Filter(nodes.Const("x"), n.name, n.args, n.kwargs, None, None, lineno=1)
        for n in tree.find_all(nodes.Filter)
        if not _constant(n) and all(_constant(a) for a in (*n.args, *n.kwargs))
    ]
    for node in candidates[:MAX_PROBES]:
        probe = nodes.Template([nodes.Output([node])], lineno=1)
        probe.set_environment(_ENV)
        try:
            with running(RenderBudget(PROBE_SECONDS)):
                _ENV.from_string(probe).render({})
        except SecurityError as exc:
            if str(exc) not in found:
                found.append(str(exc))
        except Exception:  # other errors depend on the data; the build reports them
            continue
    return tuple(found)


def has_fields(text: str) -> bool:
    return "{{" in text or "{%" in text


_LOADS_TEMPLATES = (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)


@functools.lru_cache(maxsize=4096)
def names_read(source: str) -> frozenset[str] | None:
    """Every top-level context name `render(source, …)` could look up, or None when that
    cannot be told (a tag that does not parse, or one that loads another template).

    Never too few, maybe too many: names the text binds itself (`{% for c in contacts %}`)
    count too, and any filter or test counts as reading `prospect` (`money`, `date`… take the
    prospect's currency and locale from the context).
    """
    if not has_fields(source):
        return frozenset()  # rendered as it stands: the context is not touched
    try:
        tree = _ENV.parse(_normalise(source))
    except TemplateError:
        return None
    if next(tree.find_all(_LOADS_TEMPLATES), None) is not None:
        return None
    names = {node.name for node in tree.find_all(nodes.Name)}
    if next(tree.find_all((nodes.Filter, nodes.Test)), None) is not None:
        names.add("prospect")
    return frozenset(names)


class _TooLong(Exception):
    pass


def _fill(source: str, context: Mapping) -> str:
    """Render under a fresh budget, stopping as soon as the output passes MAX_OUTPUT."""
    with running(RenderBudget()):
        parts, size = [], 0
        for chunk in _compile(_normalise(source)).generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise _TooLong
            parts.append(chunk)
        return "".join(parts)


def render(source: str, context: Mapping, where: str) -> str:
    """Fill the fields in `source`; `where` names the module in any error message.

    Every failure — a missing field, an unsafe or too costly template, a macro calling itself,
    a bad filter argument — is a RenderError naming `where`.
    """
    if not has_fields(source):
        return xml_safe(source)
    try:
        out = _fill(source, context)
    except _TooLong:
        raise RenderError(
            f"{where}: text longer than {MAX_OUTPUT} characters after filling."
        ) from None
    except UndefinedError as exc:
        tag = _undefined_name(exc, source)
        raise UnfilledField(
            f"{where}: field {tag} has no value. Fill it in for this prospect "
            "or remove the module from the deck.",
            field=_dotted_field(tag),
        ) from None
    except BudgetExceeded as exc:
        raise RenderError(
            f"{where}: template refused, it costs too much ({exc}). Simplify the module text."
        ) from None
    except SecurityError as exc:
        raise RenderError(
            f"{where}: unsafe template refused ({exc}). Edit the module text."
        ) from None
    except TemplateError as exc:
        raise RenderError(f"{where}: template error ({exc}). Edit the module text.") from None
    except RecursionError:
        raise RenderError(
            f"{where}: a macro calls itself without end. Edit the module text."
        ) from None
    except MemoryError:
        raise RenderError(
            f"{where}: the template needs too much memory. Simplify the module text."
        ) from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
        raise RenderError(
            f"{where}: cannot fill a field ({exc}). Check the field values."
        ) from None
    except Exception as exc:  # a template can reach any exception a value's method raises
        raise RenderError(
            f"{where}: cannot fill a field ({type(exc).__name__}: {exc}). Edit the module text."
        ) from None
    return xml_safe(out)


def _dotted_field(tag: str) -> str:
    """`contact.first_name` from the tag `{{ contact.first_name | upper }}` (first field)."""
    from enabler.render.templating.fields import scan

    found = scan([tag]).fields if tag.startswith("{") else ()
    return max(found, key=len) if found else tag.strip("'")


def _undefined_name(exc: UndefinedError, source: str) -> str:
    """Name the missing field as the author wrote it, e.g. `{{ contact.name }}`."""
    match = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", str(exc))
    if not match:
        return f"({exc})"
    name = match.group(2) or match.group(1)
    for tag in _TAG.findall(source):
        if re.search(rf"\b{re.escape(name)}\b", tag):
            return tag.strip()
    return repr(name)
