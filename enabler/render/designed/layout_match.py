"""Choose a layout of the deck's template for a slide designed on another layout.

Order: the same name (or a well-known equivalent, e.g. PowerPoint's "Title and Content" for our
"Title and Bullets"), then the layout whose placeholders are closest to the wanted set, then the
layout with the fewest placeholders (a blank or title-only layout), which never fights copied
shapes for space.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from pptx import Presentation

from enabler.render.layout.structure import best_layout, brand_structures
from enabler.render.ooxml import placeholder_types

# Names that mean the same layout in our brand template and in PowerPoint's stock templates,
# most preferred first.
_EQUIVALENT = [
    ("title", "title slide"),
    ("section", "section header", "section title"),
    ("title and bullets", "title and content", "title and text", "agenda"),
    ("two column", "comparison", "two content"),
    ("image and text", "picture with caption", "content with caption"),
    ("closing", "title slide", "title"),
    ("table", "title and table", "title and content"),
]
# Placeholder types reduced to the role they play when matching.
_ROLE = {"ctrTitle": "title", "title": "title", "pic": "pic", "clipArt": "pic", "tbl": "tbl"}
_ROLE.update(chart="chart", dgm="chart")
# On a tie, a plain content layout beats one with a special purpose.
_SPECIAL = {"title", "title slide", "section", "section header", "closing", "agenda", "quote"}


def _roles(types: Iterable[str]) -> Counter:
    return Counter(_ROLE.get(t, "body") for t in types)


def _similarity(want: Counter, have: Counter) -> float:
    union = sum((want | have).values())
    return sum((want & have).values()) / union if union else 1.0


class LayoutMatcher:
    """Matches wanted (name, placeholder types) against the layouts of one presentation."""

    def __init__(self, layouts):
        self._layouts = [
            (layout, layout.name.strip().casefold(), _roles(placeholder_types(layout._element)))
            for layout in layouts
        ]
        self._cache: dict[tuple[str, tuple[str, ...]], object] = {}

    def match(self, name: str, types: Iterable[str] = ()):
        key = (name.strip().casefold(), tuple(types))
        if key not in self._cache:
            self._cache[key] = self._match(*key)
        return self._cache[key]

    def _match(self, name: str, types: tuple[str, ...]):
        by_name = {have_name: layout for layout, have_name, _ in reversed(self._layouts)}
        if name in by_name:
            return by_name[name]
        for group in _EQUIVALENT:
            if name in group:
                for other in group:
                    if other in by_name:
                        return by_name[other]
        want = _roles(types)
        if want:
            scored = [
                (_similarity(want, roles), have not in _SPECIAL, -sum(roles.values()), -n, layout)
                for n, (layout, have, roles) in enumerate(self._layouts)
            ]
            best = max(scored, key=lambda s: s[:4])
            if best[0] > 0:
                return best[-1]
        return min(self._layouts, key=lambda item: sum(item[2].values()))[0]


@functools.cache
def _brand_signatures(template: Path) -> dict[str, tuple[str, ...]]:
    prs = Presentation(str(template))
    return {lay.name: tuple(placeholder_types(lay._element)) for lay in prs.slide_layouts}


def resolve_layouts(prs, names: Iterable[str], brand_template: Path) -> dict:
    """The template's layout for each brand layout name: by name (or a well-known equivalent),
    else by placeholder roles and geometry (`layout_structure`), whatever the language."""
    by_name = {layout.name.strip().casefold(): layout for layout in reversed(prs.slide_layouts)}
    structures = brand_structures(brand_template)
    found = {}
    for name in names:
        key = name.strip().casefold()
        group = next((g for g in _EQUIVALENT if key in g), (key,))
        named = next((by_name[n] for n in (key, *group) if n in by_name), None)
        if named is not None:
            found[name] = named
        elif name in structures:
            found[name] = best_layout(prs, structures[name])
        else:
            found[name] = LayoutMatcher(prs.slide_layouts).match(name)
    return found
