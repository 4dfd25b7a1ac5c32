"""The text properties one OOXML element sets, and how a chain of them combines.

A paragraph's or run's font, size, indents and spacing come from the nearest element in its
inheritance chain that sets each one (see enabler.render.ooxml_read.text_style for the chain).
Values stay raw strings here; they are converted once, for the element that wins.
"""

from __future__ import annotations

from typing import NamedTuple

from pptx.oxml.ns import qn

_DEF_RPR, _LATIN = qn("a:defRPr"), qn("a:latin")
_SPC = {t: qn(f"a:{t}") for t in ("lnSpc", "spcBef", "spcAft")}
_SPC_PCT, _SPC_PTS = qn("a:spcPct"), qn("a:spcPts")


class TextProps(NamedTuple):
    """Text properties as set by one element, or by a chain of them merged (raw attribute
    values; None where nothing sets one). Font values are taken when non-empty, indents when
    present, spacing when the element has a percentage or point value."""

    size: str | None = None  # sz, hundredths of a point
    bold: str | None = None
    italic: str | None = None
    face: str | None = None  # a:latin typeface
    left: str | None = None  # marL, EMU
    indent: str | None = None
    line: tuple[str, str] | None = None  # ("pct" | "pts", val) of a:lnSpc
    before: tuple[str, str] | None = None  # … of a:spcBef
    after: tuple[str, str] | None = None  # … of a:spcAft

    def over(self, farther: TextProps) -> TextProps:
        """These properties, with `farther` (what they inherit from) filling the gaps."""
        return TextProps._make(
            a if a is not None else b for a, b in zip(self, farther, strict=True)
        )

    @staticmethod
    def of_run(rpr) -> TextProps:
        """What an a:rPr / a:defRPr / a:endParaRPr sets (nothing for None)."""
        if rpr is None:
            return NONE
        latin = rpr.find(_LATIN)
        return TextProps(
            rpr.get("sz") or None,
            rpr.get("b") or None,
            rpr.get("i") or None,
            (latin.get("typeface") or None) if latin is not None else None,
        )

    @staticmethod
    def of_level(ppr) -> TextProps:
        """What an a:pPr or a list style's a:lvlNpPr sets, its a:defRPr included."""
        return TextProps(
            *TextProps.of_run(ppr.find(_DEF_RPR))[:4],
            ppr.get("marL"),
            ppr.get("indent"),
            *(_spacing(ppr, _SPC[tag]) for tag in ("lnSpc", "spcBef", "spcAft")),
        )


NONE = TextProps()


def _spacing(ppr, tag: str) -> tuple[str, str] | None:
    child = ppr.find(tag)
    if child is None:
        return None
    pct = child.find(_SPC_PCT)
    if pct is not None:
        return "pct", pct.get("val", "100000")
    pts = child.find(_SPC_PTS)
    if pts is not None:
        return "pts", pts.get("val", "0")
    return None


def spacing_value(raw: tuple[str, str] | None) -> tuple[str, float] | None:
    """('pct', 1.0) or ('pts', 12.0) from a raw spacing value."""
    if raw is None:
        return None
    kind, val = raw
    return kind, int(val) / 100000 if kind == "pct" else int(val) / 100
