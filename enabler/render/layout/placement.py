"""Where each content slot of a brand layout goes on a customer template's layout.

Our brand layouts number their slots (`idx` 1, 2, 13…); an installed template has its own
placeholders, numbered its own way, named in any language (or all `idx` 0, as files saved by
LibreOffice have). A slot is placed by type, role and geometry, never by name or number:

1. The brand layout's slots are mapped proportionally into the template layout's content
   area (the union of its body placeholders, or the room under its title), less the
   layout's and master's own graphics.
2. Each slot takes the template placeholder of a fitting kind that covers most of the same
   area; a placeholder that would cover another slot is resized to its slot's area.
3. A slot no placeholder covers becomes a text box on its area.

So frames never overlap each other, the title or the template's graphics, and stay on the
slide. A layout whose name and numbering are the brand's own (our `brand.pptx`) is used as is.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Mapping

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.shapes.base import BaseShape
from pptx.slide import SlideLayout

from enabler.render.layout.brand_slots import (
    DECORATIONS,
    TITLES,
    BrandLayout,
    brand_layouts,
    shape_rect,
)
from enabler.render.layout.frame_format import move, no_bullets, pin_unnumbered, shrink_on_overflow
from enabler.render.layout.geometry import Rect, carve, map_into, union

_TEXT = {
    PP_PLACEHOLDER.BODY,
    PP_PLACEHOLDER.OBJECT,
    PP_PLACEHOLDER.SUBTITLE,
    PP_PLACEHOLDER.VERTICAL_BODY,
    PP_PLACEHOLDER.VERTICAL_OBJECT,
}
# What kind of content a brand slot holds, and the template placeholder types that can take it.
_ACCEPTS = {
    "text": _TEXT,
    "pic": {PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.OBJECT},
    "tbl": {PP_PLACEHOLDER.TABLE, PP_PLACEHOLDER.OBJECT},
}
_MIN_IOU = 0.3  # a placeholder covering less of a slot's area is not that slot
_GAP = 91440  # 0.1 in between a template graphic and our content


# Which brand layouts a template layout stands in for (set by `register`), and each slide's
# placement; weak, so nothing outlives the presentation.
_BRAND_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_PLACEMENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_NATIVE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def foreign(prs) -> bool:
    """Is `prs` built on a template other than ours (another size, or layouts of its own)?"""
    brand = next(iter(brand_layouts().values()))
    if (int(prs.slide_width), int(prs.slide_height)) != brand.size:
        return True
    return any(layout.name not in brand_layouts() for layout in prs.slide_layouts)


def register(layouts: Mapping[str, SlideLayout]) -> None:
    """Remember that template layout `layouts[name]` stands in for brand layout `name`."""
    for name, layout in layouts.items():
        names = _BRAND_NAMES.get(layout.part, ())
        if name not in names:
            _BRAND_NAMES[layout.part] = (*names, name)


def bind(slide, brand_name: str) -> None:
    """Say which brand layout `slide` is filled as (before asking for its slots)."""
    known = brand_layouts()
    if brand_name not in known:
        return
    if is_native(slide.slide_layout, brand_name):
        _PLACEMENTS[slide.part] = _AS_IS
    else:
        _PLACEMENTS[slide.part] = Placement(slide, known[brand_name])


_AS_IS = object()  # a slide on the brand's own layout: placeholders by number
_PH = qn("p:ph")


def is_native(layout, brand_name: str) -> bool:
    """The layout is the brand's own: same name, and every slot under its own number."""
    cached = _NATIVE.setdefault(layout.part, {})
    if brand_name not in cached:
        brand = brand_layouts().get(brand_name)
        idxs = [int(ph.get("idx", "0")) for ph in layout._element.iter(_PH)]
        cached[brand_name] = (
            brand is not None
            and layout.name == brand_name
            and len(idxs) == len(set(idxs))
            and set(brand.slots) <= set(idxs)
        )
    return cached[brand_name]


def placement_for(slide, idx: int | None = None) -> Placement | None:
    """The slide's placement, made on first use; None for a brand layout used as is."""
    found = _PLACEMENTS.get(slide.part)
    if found is not None:
        return None if found is _AS_IS else found
    layout = slide.slide_layout
    names = _BRAND_NAMES.get(layout.part, ()) or (layout.name,)
    known = brand_layouts()
    fitting = [n for n in names if n in known and (idx is None or idx in known[n].slots)]
    if not fitting or is_native(layout, fitting[0]):
        return None
    placement = Placement(slide, known[fitting[0]])
    _PLACEMENTS[slide.part] = placement
    return placement


def _slide_size(slide) -> tuple[int, int]:
    prs = slide.part.package.presentation_part.presentation
    return int(prs.slide_width), int(prs.slide_height)


def _graphics(slide) -> list[Rect]:
    """The layout's and (when shown) the master's own drawings: content must avoid them."""
    layout = slide.slide_layout
    shapes = [s for s in layout.shapes if not s.is_placeholder]
    if layout._element.get("showMasterSp") != "0":
        shapes += [s for s in layout.slide_master.shapes if not s.is_placeholder]
    width, height = _slide_size(slide)
    rects = [shape_rect(s) for s in shapes]
    # A full-bleed picture or band is background, not an obstacle.
    return [r for r in rects if r is not None and r.area < 0.4 * width * height]


class Placement:
    """Brand slots placed on one slide of a template layout."""

    def __init__(self, slide, brand: BrandLayout) -> None:
        self._slide = slide
        self._brand = brand
        self._shapes: dict[int, BaseShape] = {}
        width, height = _slide_size(slide)
        self.slide_rect = Rect(0, 0, int(width), int(height))
        pin_unnumbered(slide)
        titles: list[tuple[BaseShape, Rect]] = []
        bodies: list[tuple[BaseShape, Rect]] = []
        for ph in slide.placeholders:
            fmt, rect = ph.placeholder_format, shape_rect(ph)
            if rect is None or fmt.type in DECORATIONS:
                continue
            (titles if fmt.type in TITLES else bodies).append((ph, rect))
        titles.sort(key=lambda item: item[1].top)
        self.title = titles[0][0] if titles else None
        if self.title is not None:  # a long title wraps where ours would not: keep it in its frame
            shrink_on_overflow(self.title)
        title_rect = titles[0][1] if titles else None
        graphics = self._graphics = _graphics(slide)
        self.areas = self._areas(title_rect, [r for _, r in bodies], graphics)
        self._assigned = self._assign(bodies, title_rect, graphics)

    def _areas(self, title: Rect | None, bodies: list[Rect], graphics: list[Rect]):
        slide, brand = self.slide_rect, self._brand
        margin = round(slide.width * 0.05)
        region = union(bodies)
        if region is None:
            top = (title.bottom if title else round(slide.height * 0.2)) + _GAP
            left = title.left if title else margin
            region = Rect(left, top, slide.right - margin - left, slide.bottom - margin - top)
        region = region.intersection(slide) or region
        obstacles = [*graphics, *([title] if title else [])]
        region = carve(region, obstacles, _GAP)
        source = union(rect for _, rect in brand.slots.values())
        if source is None:
            return {}
        return {idx: map_into(rect, source, region) for idx, (_, rect) in brand.slots.items()}

    def _assign(
        self, bodies: list[tuple[BaseShape, Rect]], title: Rect | None, graphics: list[Rect]
    ) -> dict[int, BaseShape]:
        pairs = sorted(
            (
                (self.areas[idx].iou(rect), idx, n)
                for idx, (kind, _) in self._brand.slots.items()
                for n, (ph, rect) in enumerate(bodies)
                if ph.placeholder_format.type in _ACCEPTS[kind]
            ),
            reverse=True,
        )
        assigned: dict[int, BaseShape] = {}
        used: set[int] = set()
        for score, idx, n in pairs:
            if score < _MIN_IOU or idx in assigned or n in used:
                continue
            assigned[idx], used = bodies[n][0], used | {n}
        obstacles = [*graphics, *([title] if title else [])]
        for idx, ph in assigned.items():
            rect = _placed_rect(ph)
            others = [a for k, a in self.areas.items() if k != idx]
            if (
                not rect.inside(self.slide_rect)
                or any(rect.overlap(o) for o in others)
                or any(rect.overlap(o) for o in obstacles)
            ):
                move(ph, self.areas[idx])
        return assigned

    def grow_into_free_space(self) -> None:
        """Frames under another of ours move down to the free space's floor, then each frame
        grows down to whatever is below it: the room left goes to the text that needs it."""
        slide = self.slide_rect
        floor = slide.bottom - round(slide.height * 0.05)
        placed = [s for s in self._shapes.values() if s.has_text_frame and shape_rect(s)]
        mine = {id(s._element) for s in placed}

        def limit(rect: Rect) -> int:
            blockers = [*self._graphics]
            blockers += [
                r
                for shape in self._slide.shapes
                if (r := shape_rect(shape)) is not None and r != rect
            ]
            below = [
                b.top - _GAP
                for b in blockers
                if b.top >= rect.bottom and b.left < rect.right and b.right > rect.left
            ]
            return min([floor, *below])

        def has_frame_above(rect: Rect) -> bool:
            return any(
                (r := _placed_rect(other)).bottom <= rect.top
                and r.left < rect.right
                and r.right > rect.left
                for other in placed
                if id(other._element) in mine and shape_rect(other) != rect
            )

        for shape in sorted(placed, key=lambda s: -_placed_rect(s).top):
            rect = _placed_rect(shape)
            if has_frame_above(rect) and (room := limit(rect) - rect.bottom) > 0:
                move(shape, Rect(rect.left, rect.top + room, rect.width, rect.height))
        for shape in sorted(placed, key=lambda s: _placed_rect(s).top):
            rect = _placed_rect(shape)
            if (bottom := limit(rect)) > rect.bottom:  # all four: an inherited xfrm
                move(shape, Rect(rect.left, rect.top, rect.width, bottom - rect.top))

    def slots(self) -> tuple[int, ...]:
        return tuple(self._brand.slots)

    def shape(self, idx: int):
        """The frame for brand slot `idx`: a template placeholder or a text box on its area."""
        if idx == 0:
            return self.title
        if idx not in self._shapes:
            shape = self._assigned.get(idx)
            if shape is None:
                area = self.areas[idx]
                shape = self._slide.shapes.add_textbox(area.left, area.top, area.width, area.height)
                shape.name = f"Enabler slot {idx}"
                shape.text_frame.word_wrap = True
            shrink_on_overflow(shape)
            if idx in self._brand.plain:
                # Our size for a heading, quote or figure, in proportion to the slide.
                size = dict(self._brand.sizes).get(idx)
                scale = self.slide_rect.height / self._brand.size[1]
                no_bullets(shape, round(size * scale) if size else None)
            self._shapes[idx] = shape
        return self._shapes[idx]


def _placed_rect(shape: BaseShape) -> Rect:
    """Where a frame we placed sits (frames without a position are never placed)."""
    rect = shape_rect(shape)
    if rect is None:
        raise ValueError(f"shape {shape.name!r} has no position")
    return rect


def settle(slide) -> None:
    """After filling: let each frame we placed grow down into the free space under it (text
    that needs the room then shrinks less), stopping short of anything below it."""
    found = _PLACEMENTS.get(slide.part)
    if isinstance(found, Placement):
        found.grow_into_free_space()


def make_room(slide, keep) -> None:
    """On a customer template, narrow (or shorten) the text frames that `keep` (a picture or
    card we added at a fixed place) would cover, so no text runs under it."""
    if not isinstance(_PLACEMENTS.get(slide.part), Placement):
        return
    card = shape_rect(keep)
    if card is None:  # not placed anywhere: it covers nothing
        return
    for shape in slide.shapes:
        rect = shape_rect(shape)
        if shape is keep or not shape.has_text_frame or rect is None or not rect.overlap(card):
            continue
        if card.left - _GAP - rect.left >= 0.4 * rect.width:
            move(shape, Rect(rect.left, rect.top, card.left - _GAP - rect.left, rect.height))
        elif card.top - _GAP > rect.top:
            move(shape, Rect(rect.left, rect.top, rect.width, card.top - _GAP - rect.top))


class SlotMap(Mapping):
    """Brand slot number -> frame on a template's slide; text boxes made on first use."""

    def __init__(self, placement: Placement) -> None:
        self._placement = placement

    def __getitem__(self, idx: int):
        if idx == 0 and self._placement.title is not None:
            return self._placement.title
        if idx not in self._placement.slots():
            raise KeyError(idx)
        return self._placement.shape(idx)

    def __iter__(self) -> Iterator[int]:
        head = (0,) if self._placement.title is not None else ()
        return iter((*head, *self._placement.slots()))

    def __len__(self) -> int:
        return len(self._placement.slots()) + (self._placement.title is not None)
