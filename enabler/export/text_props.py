"""Re-export: the text properties one element sets live in `enabler.render.ooxml_read`."""

from enabler.render.ooxml_read.text_props import NONE, TextProps, spacing_value

__all__ = ["NONE", "TextProps", "spacing_value"]
