"""Designed modules in a deck: slides made in PowerPoint, copied faithfully with fields filled.

A designed module version holds its source as a single-slide .pptx. For each deck, the slide is
copied with its parts (`ooxml_copy`) and its `{{ fields }}` are filled through the templating
sandbox wherever text appears (shapes, groups, tables, notes, chart titles, SmartArt). By default
it keeps its source formatting: its own layout, master and theme come with it, de-duplicated
(`source_format`). A module set to use the deck's template goes onto the closest layout of the
deck's template instead (`layout_match`), its text recoloured where it would not read
(`readable`). A slide made for another page size is scaled uniformly and centred (`slide_size`).

A version may carry two rules, both evaluated in the sandbox:
- `condition`, e.g. `prospect.industry == "Healthcare"`: the slide appears only when it holds;
- `repeat`, a dotted path to a list, e.g. `contacts`: one slide per item, the item exposed to
  the slide's fields as `item` (and `repeat.index` / `repeat.count`). With a repeat, the
  condition is checked for each item, so `item.persona == "CFO"` picks items.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping

from pptx.oxml.ns import qn

from enabler.domain.deck.plan import PlannedModule
from enabler.domain.modules import SlideFormatting
from enabler.errors import InvalidInput, RenderError
from enabler.render.active_content import strip_active_content
from enabler.render.colour.readable import make_readable
from enabler.render.designed.app_props import AppVersion
from enabler.render.designed.background import Letterbox
from enabler.render.designed.layout_match import LayoutMatcher
from enabler.render.designed.ooxml_copy import PartCopier
from enabler.render.designed.slide_package import SlidePackage
from enabler.render.designed.slide_size import Placement, place_tree, scale_drawings
from enabler.render.designed.source_format import SourceMasters
from enabler.render.ooxml import strip_creation_ids, unhide_slide, unique_shape_ids
from enabler.render.templating import engine as templating
from enabler.render.templating.fields import scan
from enabler.render.templating.tags import fill_tags

LoadBlob = Callable[[str], bytes]
MAX_REPEAT = 50  # slides one repeating module may add to a deck
_PATH = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*")
_DELIMITERS = ("{", "}", "%}", "#}")


def check_rules(condition: str, repeat: str) -> None:
    """Refuse a condition that is not one sandbox expression, or a repeat that is not a path."""
    if condition:
        if any(d in condition for d in _DELIMITERS) or "\n" in condition:
            raise InvalidInput(
                "A condition is one expression without braces, e.g. "
                'prospect.industry == "Healthcare".'
            )
        errors = scan([_condition_source(condition)]).errors
        if errors:
            raise InvalidInput(f"The condition does not parse: {errors[0]}")
        refused = templating.refusals(_condition_source(condition))
        if refused:
            raise InvalidInput(
                f"The condition would be refused when a deck is built: {refused[0]}."
            )
    if repeat and not _PATH.fullmatch(repeat):
        raise InvalidInput(
            f"Repeat over a list named by a dotted path such as `contacts` or "
            f"`prospect.competitors`, not {repeat!r}."
        )


def _condition_source(condition: str) -> str:
    return "{% if (" + condition + ") %}yes{% endif %}"


def _lookup(ctx: Mapping, path: str, where: str):
    value = ctx
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            raise RenderError(
                f"{where}: the list `{path}` to repeat over has no value. Fill it in for this "
                "prospect or change the module's repeat rule."
            )
        value = value[part]
    if not isinstance(value, list | tuple):
        raise RenderError(f"{where}: `{path}` is not a list, so the slide cannot repeat over it.")
    if len(value) > MAX_REPEAT:
        raise RenderError(
            f"{where}: `{path}` has {len(value)} items; a slide repeats at most {MAX_REPEAT} times."
        )
    return value


def instances(condition: str, repeat: str, ctx: Mapping, where: str) -> list[tuple[dict, str]]:
    """(context, label) for each slide a module adds: none, one, or one per repeated item."""
    if repeat:
        items = _lookup(ctx, repeat, where)
        candidates = [
            (
                {**ctx, "item": item, "repeat": {"index": n, "count": len(items)}},
                f"{where}, {repeat} item {n}",
            )
            for n, item in enumerate(items, start=1)
        ]
    else:
        candidates = [(dict(ctx), where)]
    if not condition:
        return candidates
    source = _condition_source(condition)
    return [(c, label) for c, label in candidates if templating.render(source, c, label) == "yes"]


class DesignedSlides:
    """Adds designed modules to one deck; shares parts, sources and layout choices across it."""

    def __init__(self, prs, load_blob: LoadBlob):
        self._prs = prs
        self._load = load_blob
        self._copier: PartCopier | None = None  # made on first use: it indexes the package
        self._layouts: LayoutMatcher | None = None
        self._sources: dict[str, SlidePackage] = {}
        self._masters: SourceMasters | None = None
        self._letterbox: Letterbox | None = None
        self._app_version: AppVersion | None = None

    def add(self, planned: PlannedModule, ctx: Mapping) -> list:
        """Add the module's slides (possibly none) and return them."""
        version = planned.version
        where = f"Module {planned.module.key!r} (v{version.number})"
        if not version.source_blob:
            raise RenderError(f"{where}: the designed slide has no source; import it again.")
        src = self._source(version.source_blob)
        slides = []
        for item_ctx, label in instances(version.condition, version.repeat, ctx, where):

            def fill(text: str, c=item_ctx, label=label) -> str:
                return templating.render(text, c, label)

            slides.append(self._copy(src, fill, version.formatting))
        return slides

    def _source(self, sha: str) -> SlidePackage:
        if sha not in self._sources:
            # Imports strip macros and fetched links already; a slide stored before that rule,
            # or carried in by a pack, is stripped here so no deck ever holds one.
            self._sources[sha] = SlidePackage(strip_active_content(self._load(sha)).blob)
        return self._sources[sha]

    def _copy(self, src: SlidePackage, fill, formatting: SlideFormatting):
        sld = copy.deepcopy(src.slide_xml)
        fill_tags(sld, fill)
        sp_tree = sld.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
        if sp_tree is not None:
            unique_shape_ids(sp_tree)
        strip_creation_ids(sld)
        unhide_slide(sld)
        size = (int(self._prs.slide_width), int(self._prs.slide_height))
        copier, layouts, letterbox, app_version = self._deck_parts(size)
        placement = Placement.fit(src.slide_size, size) if src.slide_size else None
        if placement is not None:
            place_tree(sld, placement)
        if formatting is SlideFormatting.SOURCE:
            if self._masters is None:
                self._masters = SourceMasters(self._prs, copier, letterbox)
            layout_part = self._masters.layout_for(src, placement)
        else:
            layout_part = layouts.match(*src.layout).part
        part = copier.copy_slide(src, sld, layout_part, fill)
        letterbox.apply(part, placement)
        if placement is not None:
            scale_drawings(part, placement)
        app_version.add(src)
        if formatting is SlideFormatting.DECK:
            make_readable(part.slide)
        copier.copy_notes(src, part, fill)
        return part.slide

    def _deck_parts(
        self, size: tuple[int, int]
    ) -> tuple[PartCopier, LayoutMatcher, Letterbox, AppVersion]:
        """The helpers that write into the deck, made on first use (they index the package)."""
        if (
            self._copier is None
            or self._layouts is None
            or self._letterbox is None
            or self._app_version is None
        ):
            self._copier = PartCopier(self._prs.part.package)
            self._layouts = LayoutMatcher(self._prs.slide_layouts)
            self._letterbox = Letterbox(self._prs.part.package, self._copier.names, size)
            self._app_version = AppVersion(self._prs.part.package)
        return self._copier, self._layouts, self._letterbox, self._app_version
