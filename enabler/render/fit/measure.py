"""Does text fit its frame? Measured with the real font files in assets/fonts (fonttools).

The caller describes a frame in points (its inner size after insets, how it wraps and autofits)
and its paragraphs as styled runs; `fit` lays the text out line by line the way PowerPoint does
(greedy word wrap, long words broken, explicit line breaks, line spacing, space before/after)
and, for frames that shrink text on overflow, finds the largest scale down to a floor at which
it fits. No Qt, no rendering: advance widths and vertical metrics come straight from the fonts.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from enum import StrEnum

from enabler.render.fit.fonts import BODY_FAMILY, Face, FontBook, font_book

MISSING_GLYPH_EM = 0.6  # advance used for a character the font lacks
LINE_BREAK = "\v"
_WORDS = re.compile(r"\S+\s*|\s+")


class Autofit(StrEnum):
    NONE = "none"  # text spills out of the frame when too long
    SHRINK = "shrink"  # normAutofit: text shrinks, down to a floor
    GROW = "grow"  # spAutoFit: the frame grows to hold the text


@dataclass(frozen=True, slots=True)
class Run:
    text: str  # LINE_BREAK marks an explicit line break (a:br)
    family: str
    size_pt: float
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: tuple[Run, ...]
    left_pt: float = 0.0  # marL
    first_indent_pt: float = 0.0  # indent (negative for a hanging bullet)
    line_spacing: float = 1.0  # multiple of single spacing (a:spcPct)
    line_spacing_pt: float | None = None  # exact spacing (a:spcPts) wins when set
    space_before_pt: float = 0.0
    space_after_pt: float = 0.0
    end_size_pt: float = 18.0  # the height of an empty paragraph (endParaRPr)


@dataclass(frozen=True, slots=True)
class Frame:
    width_pt: float  # inner width, after left/right insets
    height_pt: float  # inner height, after top/bottom insets
    paragraphs: tuple[Paragraph, ...]
    wrap: bool = True
    autofit: Autofit = Autofit.NONE
    grow_room_pt: float = 0.0  # for GROW: how far the frame may grow before leaving the slide


@dataclass(frozen=True, slots=True)
class FitResult:
    fits: bool
    scale: float  # 1.0, or the font scale at which a shrinking frame fits (or the floor)
    needed_pt: float  # text height at that scale
    available_pt: float
    lines: int
    too_wide: bool = False  # an unwrapped line is wider than the frame
    approximate: bool = False  # measured with a stand-in: the text's font is not available
    widest_pt: float = 0.0  # the longest line's width


def text_width(face: Face, text: str, size_pt: float) -> float:
    # Words repeat (within a deck and across the decks built from one library): keep their
    # widths in em per face.
    em = face.widths.get(text)
    if em is None:
        if len(face.widths) > 50_000:  # a long-running app: keep the cache bounded
            face.widths.clear()
        get = face.advances.get
        em = face.widths[text] = sum(get(ord(ch), MISSING_GLYPH_EM) for ch in text)
    return em * size_pt


@dataclass(slots=True)
class _Piece:
    text: str
    width: float  # without trailing spaces
    trailing: float  # width of trailing spaces
    line_pt: float  # single line height for its font and size


def _pieces(runs: tuple[Run, ...], book: FontBook, scale: float) -> list[_Piece | None]:
    """Words (with their trailing space) across runs; None is an explicit line break."""
    out: list[_Piece | None] = []
    for run in runs:
        face = book.face(run.family, run.bold, run.italic)
        size = run.size_pt * scale
        line_pt = face.line_em * size
        for chunk_i, chunk in enumerate(run.text.split(LINE_BREAK)):
            if chunk_i:
                out.append(None)
            for word in _WORDS.findall(chunk):
                core = word.rstrip()
                out.append(
                    _Piece(
                        word,
                        text_width(face, core, size),
                        text_width(face, word[len(core) :], size),
                        line_pt,
                    )
                )
    return out


def _split_long(piece: _Piece, room: float) -> list[_Piece]:
    """Break a word wider than the line into pieces that fit (as PowerPoint does)."""
    parts, start = [], 0
    scale = piece.width / max(len(piece.text.rstrip()), 1)  # average glyph width
    per_line = max(int(room / scale), 1) if scale else len(piece.text)
    while start < len(piece.text):
        text = piece.text[start : start + per_line]
        parts.append(_Piece(text, len(text.rstrip()) * scale, 0.0, piece.line_pt))
        start += per_line
    return parts


def _lines(para: Paragraph, book: FontBook, scale: float, width: float, wrap: bool):
    """(line heights, widest line width) of one paragraph."""
    heights: list[float] = []
    widest = 0.0
    x, line_h, empty = 0.0, 0.0, True
    room_first = width - para.left_pt - para.first_indent_pt
    room_rest = width - para.left_pt
    end_line = para.end_size_pt * scale * book.face(BODY_FAMILY).line_em

    def close() -> None:
        nonlocal x, line_h, empty, widest
        heights.append(line_h or end_line)
        widest = max(widest, x)
        x, line_h, empty = 0.0, 0.0, True

    queue = deque(_pieces(para.runs, book, scale))
    while queue:
        piece = queue.popleft()
        if piece is None:
            close()
            continue
        room = room_first if not heights else room_rest
        if wrap and not empty and x + piece.width > room:
            close()
            room = room_rest
        if wrap and empty and piece.width > room > 0:
            first, *rest = _split_long(piece, room)
            queue.extendleft(reversed(rest))
            piece = first
        x += piece.width + piece.trailing
        line_h = max(line_h, piece.line_pt)
        empty = False
        x_visible = x - piece.trailing
        widest = max(widest, x_visible)
    close()
    return heights, widest


def text_height(frame: Frame, book: FontBook, scale: float = 1.0) -> tuple[float, int, float]:
    """(height in points, line count, widest line) of the frame's text at `scale`."""
    # PowerPoint tightens line spacing by up to 20 % alongside the font scale.
    spacing_cut = 1.0 - min(0.2, 1.0 - scale)
    total, count, widest = 0.0, 0, 0.0
    for i, para in enumerate(frame.paragraphs):
        heights, para_widest = _lines(para, book, scale, frame.width_pt, frame.wrap)
        widest = max(widest, para_widest)
        count += len(heights)
        if para.line_spacing_pt is not None:
            body = para.line_spacing_pt * scale * len(heights)
        else:
            body = sum(heights) * para.line_spacing * spacing_cut
        before = para.space_before_pt * scale if i else 0.0
        total += before + body + para.space_after_pt * scale
    return total, count, widest


def fit(frame: Frame, book: FontBook | None = None, min_scale: float = 0.7) -> FitResult:
    """Whether the frame's text fits; for shrinking frames, at the largest scale ≥ min_scale."""
    book = book or font_book()
    available = frame.height_pt
    if frame.autofit is Autofit.GROW:
        available = max(frame.height_pt, frame.grow_room_pt)
    # An unwrapped line wider than a frame that cannot grow spills out sideways.
    check_width = not frame.wrap and frame.autofit is not Autofit.GROW

    families = {run.family for para in frame.paragraphs for run in para.runs}

    def attempt(scale: float) -> FitResult:
        needed, lines, widest = text_height(frame, book, scale)
        too_wide = check_width and widest > frame.width_pt + 0.5
        # Half a point of slack: rounding in EMU→pt conversions must not flag a perfect fit.
        fits = needed <= available + 0.5 and not too_wide
        approximate = bool(families & book.missing)
        return FitResult(fits, scale, needed, available, lines, too_wide, approximate, widest)

    first = attempt(1.0)
    if first.fits or frame.autofit is not Autofit.SHRINK:
        return first
    # Shrinking in 2.5 % steps like PowerPoint; the text gets shorter as the scale drops, so
    # a binary search over the steps finds the largest scale that fits.
    scales = [round(1.0 - 0.025 * n, 3) for n in range(1, round((1.0 - min_scale) / 0.025) + 1)]
    floor = attempt(scales[-1]) if scales else first
    if not floor.fits:
        return floor
    lo, hi, best = 0, len(scales) - 1, floor
    while lo < hi:
        mid = (lo + hi) // 2
        tried = attempt(scales[mid])
        if tried.fits:
            best, hi = tried, mid
        else:
            lo = mid + 1
    return best
