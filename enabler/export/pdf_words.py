"""Where each word of a rendered PDF landed, and which words collide or leave the page.

Reads poppler's `pdftotext -bbox-layout` (an XHTML page of <page>/<word> boxes in points). Used
by the fidelity harness and tests to check a deck the way a reader sees it: two words printed
over each other, or a word (partly) outside the page, mean the layout failed.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from enabler.errors import ExportFailed
from enabler.render.ooxml_read import parse_xml

# Boxes of neighbouring words on one line touch, and glyph boxes of consecutive lines may
# overlap by a point or two: only a real overprint counts.
_MIN_OVERLAP = 0.25  # share of the smaller word's area
_EDGE_PT = 1.0  # tolerance at the page edge


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    line: int  # the word's line, numbered over the page (words on one line never collide)

    @property
    def area(self) -> float:
        return max(0.0, self.x1 - self.x0) * max(0.0, self.y1 - self.y0)

    def overlap(self, other: Word) -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0


@dataclass(frozen=True, slots=True)
class PageWords:
    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]

    def collisions(self) -> list[tuple[Word, Word]]:
        """Pairs of words on different lines printed over each other."""
        found = []
        ordered = sorted(self.words, key=lambda w: w.y0)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if b.y0 >= a.y1:
                    break
                if a.line == b.line or not a.area or not b.area:
                    continue
                if a.overlap(b) > _MIN_OVERLAP * min(a.area, b.area):
                    found.append((a, b))
        return found

    def off_page(self) -> list[Word]:
        """Words not wholly on the page."""
        w, h, e = self.width, self.height, _EDGE_PT
        return [
            word
            for word in self.words
            if word.x0 < -e or word.y0 < -e or word.x1 > w + e or word.y1 > h + e
        ]


def parse_bbox_layout(xhtml: bytes) -> list[PageWords]:
    """Pages and words from `pdftotext -bbox-layout` output."""
    root = parse_xml(xhtml)
    pages = []
    for number, page in enumerate(root.iter("{*}page"), start=1):
        words = []
        for line_no, line in enumerate(page.iter("{*}line"), start=1):
            for word in line.iter("{*}word"):
                x0, y0, x1, y1 = (float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
                words.append(Word((word.text or "").strip(), x0, y0, x1, y1, line=line_no))
        pages.append(
            PageWords(number, float(page.get("width")), float(page.get("height")), tuple(words))
        )
    return pages


def pdf_words(pdf: Path | str) -> list[PageWords]:
    """Run pdftotext on `pdf` and parse its word boxes."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise ExportFailed("pdftotext (poppler-utils) is not installed.")
    done = subprocess.run(
        [exe, "-bbox-layout", str(pdf), "-"], capture_output=True, check=False, timeout=120
    )
    if done.returncode:
        raise ExportFailed(f"pdftotext could not read {Path(pdf).name}.")
    return parse_bbox_layout(done.stdout)
