"""Which text colour reads on a theme-coloured fill: the template's own colours first.

Generated slides fill cells and badges with theme accents (a status cell in amber, green or
red) and write on them. White on amber reads at about 2:1, so the ink is chosen against the
fill as the slide's theme resolves it (`enabler.render.colour.resolve`): the first of the preferred
theme colours that reads at 4.5:1 (WCAG AA), else black or white, whichever reads better.
Because it resolves the deck's own theme, the choice holds on a customer's template too.
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR

from enabler.render.colour.resolve import READABLE, ColourContext, contrast

Ink = MSO_THEME_COLOR | RGBColor
BLACK, WHITE = RGBColor(0, 0, 0), RGBColor(0xFF, 0xFF, 0xFF)


def readable_ink(slide, fill: MSO_THEME_COLOR, prefer: Sequence[MSO_THEME_COLOR]) -> Ink:
    """The ink for text on theme colour `fill` on `slide`: the first of `prefer` that reads
    at 4.5:1, else black or white. An unresolvable theme keeps the first preference."""
    ctx = ColourContext(slide.part)
    behind = ctx.scheme(fill.xml_value) if fill.xml_value else None
    if behind is None:
        return prefer[0]
    for choice in prefer:
        rgb = ctx.scheme(choice.xml_value) if choice.xml_value else None
        if rgb is not None and contrast(rgb, behind) >= READABLE:
            return choice
    black, white = contrast((0.0, 0.0, 0.0), behind), contrast((1.0, 1.0, 1.0), behind)
    return BLACK if black >= white else WHITE


def set_ink(font, ink: Ink) -> None:
    """Give a python-pptx font the colour `ink` (a theme colour or an RGB)."""
    if isinstance(ink, RGBColor):
        font.color.rgb = ink
    else:
        font.color.theme_color = ink
