"""Re-export: text style resolution is the shared reading layer's
(`enabler.render.ooxml_read.text_style`), so preflight, thumbnails and layout fitting agree."""

from enabler.render.ooxml_read import placeholder_of
from enabler.render.ooxml_read.text_style import (
    DEFAULT_SIZE_PT,
    Bases,
    TextStyle,
    ThemeFonts,
    default_text_style,
    inherited_xfrm,
    paragraphs,
    space_pt,
    text_of,
    theme_fonts,
)

__all__ = [
    "DEFAULT_SIZE_PT",
    "Bases",
    "TextStyle",
    "ThemeFonts",
    "default_text_style",
    "inherited_xfrm",
    "paragraphs",
    "placeholder_of",
    "space_pt",
    "text_of",
    "theme_fonts",
]
