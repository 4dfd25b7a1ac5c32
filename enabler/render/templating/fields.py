"""Which fields a piece of slide text uses, read from Jinja2's parse tree (nothing is rendered).

`Hi {{ prospect.company }}, {{ roi.npv | money }}` uses `prospect.company` and `roi.npv`. Names
bound inside the text (`{% for c in contacts %}`, `{% set x = … %}`) are not fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jinja2 import Environment, TemplateSyntaxError, nodes

_SMART_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "„": '"'})
# Parsing only: the sandbox in templating.py is the one place text is ever rendered.
_PARSER = Environment(autoescape=False)


@dataclass(frozen=True, slots=True)
class FieldScan:
    fields: tuple[str, ...]  # sorted dotted names, e.g. ("prospect.company", "roi.npv")
    errors: tuple[str, ...]  # one line per tag that does not parse
    # Fields used only with an author's fallback (`{{ contact.first_name | default("there") }}`):
    # the text renders without them.
    optional: tuple[str, ...] = ()


def _dotted(node) -> str | None:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        head = _dotted(node.node)
        return f"{head}.{node.attr}" if head else None
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        head = _dotted(node.node)
        return f"{head}.{node.arg.value}" if head and isinstance(node.arg.value, str) else None
    return None


def _bound_names(tree) -> set[str]:
    bound: set[str] = set()
    for node in tree.find_all((nodes.For, nodes.Assign, nodes.AssignBlock)):
        bound.update(n.name for n in node.target.find_all(nodes.Name))
        if isinstance(node.target, nodes.Name):
            bound.add(node.target.name)
    return bound | {"loop", "range"}


_FALLBACK_FILTERS = frozenset({"default", "d"})


def _collect(node, out: set[str], fallback: set[str] | None = None) -> None:
    """Names read by `node` into `out`; those under a `default` filter into `fallback`."""
    fallback = out if fallback is None else fallback
    if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
        name = _dotted(node)
        if name is not None and getattr(node, "ctx", "load") == "load":
            out.add(name)
            return
    if isinstance(node, nodes.Filter) and node.name in _FALLBACK_FILTERS and node.node is not None:
        _collect(node.node, fallback, fallback)
        for child in (*node.args, *node.kwargs):
            _collect(child, out, fallback)
        return
    for child in node.iter_child_nodes():
        _collect(child, out, fallback)


def scan(sources: Iterable[str]) -> FieldScan:
    """Fields used by `sources` (tag or paragraph texts) and any tags that do not parse."""
    found: set[str] = set()
    guarded: set[str] = set()
    errors: list[str] = []
    for source in sources:
        if "{" not in source:  # no tag can open: plain text, nothing to parse
            continue
        try:
            tree = _PARSER.parse(source.translate(_SMART_QUOTES))
        except TemplateSyntaxError as exc:
            errors.append(f"{source.strip()[:80]!r}: {exc.message}")
            continue
        names: set[str] = set()
        fallback: set[str] = set()
        _collect(tree, names, fallback)
        bound = _bound_names(tree)
        found.update(n for n in names if n.split(".")[0] not in bound)
        guarded.update(n for n in fallback if n.split(".")[0] not in bound)
    optional = guarded - found
    return FieldScan(tuple(sorted(found | optional)), tuple(errors), tuple(sorted(optional)))
