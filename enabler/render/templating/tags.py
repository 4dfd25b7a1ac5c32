"""Find and fill `{{ fields }}` in DrawingML text, even where PowerPoint split a tag over runs.

PowerPoint cuts a paragraph into runs at every formatting, spell-check or edit boundary, so
`{{ prospect.company }}` may arrive as `{{` | `prospect.comp` | `any }}`. Each paragraph is read
as one string; a matched tag's value goes into the run where the tag starts (keeping that run's
formatting) and the tag's characters are removed from the other runs. Text outside tags is never
touched, so it keeps its own formatting. A paragraph with a block tag (`{% if %}`…) is rendered
whole into its first run, because a block can wrap plain text; so is one with an unclosed `{{`,
which then fails as a template error instead of reaching a slide.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree
from pptx.oxml.ns import qn

_P, _R, _FLD, _BR, _T, _RPR = (qn(t) for t in ("a:p", "a:r", "a:fld", "a:br", "a:t", "a:rPr"))
_EXPR = re.compile(r"{{.*?}}", re.S)
_BREAKS = re.compile(r"\r\n|[\n\v\r]")

Fill = Callable[[str], str]


@dataclass(slots=True)
class _Piece:
    element: etree._Element  # a:r, a:fld (carry text) or a:br (a line break, one "\n")
    start: int
    end: int

    @property
    def is_break(self) -> bool:
        return self.element.tag == _BR

    def text(self) -> str:
        t = self.element.find(_T)
        return "" if t is None else t.text or ""

    def set_text(self, text: str) -> None:
        t = self.element.find(_T)
        if t is None:
            t = self.element.makeelement(_T, {})
            self.element.append(t)
        t.text = text


def _pieces(p) -> tuple[list[_Piece], str]:
    pieces, parts, pos = [], [], 0
    for child in p:
        if child.tag in (_R, _FLD):
            text = child.findtext(_T) or ""
        elif child.tag == _BR:
            text = "\n"
        else:
            continue
        pieces.append(_Piece(child, pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
    return pieces, "".join(parts)


def paragraph_text(p) -> str:
    """The paragraph's text as PowerPoint shows it (line breaks as newlines)."""
    return _pieces(p)[1]


def paragraphs(root) -> Iterator:
    """Every `a:p` under `root`: shapes, groups, table cells, notes, chart and SmartArt text."""
    return root.iter(_P)


def tag_sources(root) -> Iterator[str]:
    """The template source of every tag under `root`, as a filler would render it."""
    for p in paragraphs(root):
        text = paragraph_text(p)
        if "{" not in text:
            continue
        if _whole(text):
            yield text
        else:
            yield from (m.group() for m in _EXPR.finditer(text))


def _whole(text: str) -> bool:
    """A block tag, or a `{{` with no closing `}}`: the paragraph is one template (and a broken
    tag fails loudly instead of reaching the slide as text)."""
    return "{%" in text or "{{" in _EXPR.sub("", text)


def has_tags(root) -> bool:
    return any(True for _ in tag_sources(root))


def fill_tags(root, fill: Fill) -> int:
    """Fill every tag under `root` with `fill(tag_source)`; returns how many paragraphs changed."""
    changed = 0
    for p in list(paragraphs(root)):
        pieces, text = _pieces(p)
        if "{{" not in text and "{%" not in text:
            continue
        if _whole(text):
            _replace(pieces, 0, len(text), fill(text))
        else:
            for match in reversed(list(_EXPR.finditer(text))):
                _replace(pieces, match.start(), match.end(), fill(match.group()))
        changed += 1
    return changed


def _replace(pieces: list[_Piece], start: int, end: int, value: str) -> None:
    """Put `value` where text[start:end] was: into the first run the span touches.

    Matches are replaced from last to first, so the offsets of earlier pieces stay valid.
    """
    touched = [pc for pc in pieces if pc.start < end and pc.end > start]
    first = next((pc for pc in touched if not pc.is_break), None)
    if first is None:
        return
    for pc in touched:
        if pc.is_break:
            pc.element.getparent().remove(pc.element)
            continue
        text = pc.text()
        lo, hi = max(start, pc.start) - pc.start, min(end, pc.end) - pc.start
        if pc is first:
            _set_run_text(pc, text[:lo] + value + text[hi:])
        else:
            rest = text[:lo] + text[hi:]
            if rest:
                pc.set_text(rest)
            else:
                pc.element.getparent().remove(pc.element)


def _set_run_text(piece: _Piece, text: str) -> None:
    """Set a run's text; newlines in a filled value become line breaks in the same format."""
    lines = _BREAKS.split(text)
    piece.set_text(lines[0])
    anchor = piece.element
    rpr = anchor.find(_RPR)
    for line in lines[1:]:
        br = anchor.makeelement(_BR, {})
        if rpr is not None:
            br.append(copy.deepcopy(rpr))
        anchor.addnext(br)
        run = copy.deepcopy(piece.element) if piece.element.tag == _R else None
        if run is None:  # a field: continue in a plain run with the field's formatting
            run = anchor.makeelement(_R, {})
            if rpr is not None:
                run.append(copy.deepcopy(rpr))
            run.append(run.makeelement(_T, {}))
        run.find(_T).text = line
        br.addnext(run)
        anchor = run
