"""Preflight of where text lands: text off the slide, and two texts printed over each other.

The overflow check asks whether text fits its frame; this one asks where the text ends up on
the slide (a frame's own area, or further down when text spills out of a frame that neither
shrinks nor grows), as a renderer shows it: words past the slide's edge, or on top of the
words of another frame.
"""

from __future__ import annotations

from dataclasses import dataclass

EMU_PER_CM = 360000
_EDGE_EMU = 90000  # 0.25 cm: the measure's tolerance (a frame flush with the edge is on it)
_MIN_SHARE = 0.2  # overlap, as a share of the smaller text area, that counts as a collision


@dataclass(frozen=True, slots=True)
class TextArea:
    """Where a frame's text is printed on a slide, in EMU."""

    slide: int
    shape: str
    left: int
    top: int
    right: int
    bottom: int
    excerpt: str = ""
    # Where the text reaches when it spills out of a frame that neither shrinks nor grows
    # (None: it stays inside).
    spill_top: int | None = None
    spill_bottom: int | None = None
    # Drawn on every slide by the layout or master (a footer, a slide number): not the
    # slide's own text, so only text of the slide landing on it is reported.
    inherited: bool = False

    @property
    def spill(self) -> TextArea:
        """The area the text covers including what spills past its frame."""
        top = self.top if self.spill_top is None else self.spill_top
        bottom = self.bottom if self.spill_bottom is None else self.spill_bottom
        return TextArea(
            self.slide,
            self.shape,
            self.left,
            top,
            self.right,
            bottom,
            self.excerpt,
            inherited=self.inherited,
        )

    @property
    def area(self) -> int:
        return max(0, self.right - self.left) * max(0, self.bottom - self.top)

    def overlap(self, other: TextArea) -> int:
        w = min(self.right, other.right) - max(self.left, other.left)
        h = min(self.bottom, other.bottom) - max(self.top, other.top)
        return w * h if w > 0 and h > 0 else 0


def off_slide(areas: tuple[TextArea, ...], width: int, height: int) -> list[tuple[TextArea, str]]:
    """Text areas reaching past an edge of the slide, with which edge and by how much."""
    found = []
    # Text spilling out of its frame is the overflow check's to report (once).
    for a in areas:
        if a.inherited:
            continue  # the template's own decoration, not the slide's text
        beyond = {
            "bottom": a.bottom - height,
            "right": a.right - width,
            "top": -a.top,
            "left": -a.left,
        }
        edge, by = max(beyond.items(), key=lambda item: item[1])
        if by > _EDGE_EMU:
            found.append((a, f"runs {by / EMU_PER_CM:.1f} cm past the {edge} of the slide"))
    return found


def harmless_spill(area: TextArea, areas: tuple[TextArea, ...], width: int, height: int) -> bool:
    """Text spilling past its frame stays on the slide and runs into no other text: a reader
    sees nothing wrong (renderers draw such text in full)."""
    spill = area.spill
    if off_slide((spill,), width, height):
        return False
    return not any(
        other.slide == area.slide and other.shape != area.shape and spill.overlap(other)
        for other in areas
    )


def collisions(areas: tuple[TextArea, ...]) -> list[tuple[TextArea, TextArea]]:
    """Pairs of text areas on one slide that cover each other (text drawn past its frame
    included). Two texts of the layout or master are the template's design, not reported."""
    found = []
    spills = [area.spill for area in areas]
    for i, a in enumerate(spills):
        for j in range(i + 1, len(spills)):
            b = spills[j]
            if a.slide != b.slide or not a.area or not b.area or (a.inherited and b.inherited):
                continue
            if a.overlap(b) > _MIN_SHARE * min(a.area, b.area):
                found.append((areas[i], areas[j]))
    return found
