"""Rectangles on a slide (EMU) and the free space left between obstacles.

Placement of content on a customer template, and preflight's collision check, both reason
about frames as rectangles: where they overlap, whether they stay on the slide, and which part
of an area is left once the template's graphics are taken out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rect:
    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def area(self) -> int:
        return max(0, self.width) * max(0, self.height)

    def intersection(self, other: Rect) -> Rect | None:
        left, top = max(self.left, other.left), max(self.top, other.top)
        right, bottom = min(self.right, other.right), min(self.bottom, other.bottom)
        if right <= left or bottom <= top:
            return None
        return Rect(left, top, right - left, bottom - top)

    def overlap(self, other: Rect) -> int:
        inter = self.intersection(other)
        return inter.area if inter else 0

    def iou(self, other: Rect) -> float:
        inter = self.overlap(other)
        union = self.area + other.area - inter
        return inter / union if union else 0.0

    def inside(self, outer: Rect, tolerance: int = 0) -> bool:
        return (
            self.left >= outer.left - tolerance
            and self.top >= outer.top - tolerance
            and self.right <= outer.right + tolerance
            and self.bottom <= outer.bottom + tolerance
        )


def union(rects: Iterable[Rect]) -> Rect | None:
    """The smallest rectangle holding all `rects`, or None when there are none."""
    rects = list(rects)
    if not rects:
        return None
    left, top = min(r.left for r in rects), min(r.top for r in rects)
    right, bottom = max(r.right for r in rects), max(r.bottom for r in rects)
    return Rect(left, top, right - left, bottom - top)


def carve(area: Rect, obstacles: Iterable[Rect], gap: int = 0) -> Rect:
    """The largest part of `area` left of, right of, above or below each obstacle in turn.

    Obstacles are the template's graphics and frames already placed; each one cuts `area` on
    the side that keeps the most room, so what is left overlaps none of them.
    """
    for obstacle in obstacles:
        if area.intersection(obstacle) is None:
            continue
        options = [
            Rect(area.left, area.top, area.width, obstacle.top - gap - area.top),
            Rect(area.left, obstacle.bottom + gap, area.width, area.bottom - obstacle.bottom - gap),
            Rect(area.left, area.top, obstacle.left - gap - area.left, area.height),
            Rect(obstacle.right + gap, area.top, area.right - obstacle.right - gap, area.height),
        ]
        area = max(options, key=lambda r: r.area if r.width > 0 and r.height > 0 else -1)
    return area


def map_into(rect: Rect, source: Rect, target: Rect) -> Rect:
    """`rect`, given inside `source`, moved and scaled to the same place inside `target`."""
    sx = target.width / source.width if source.width else 1.0
    sy = target.height / source.height if source.height else 1.0
    return Rect(
        target.left + round((rect.left - source.left) * sx),
        target.top + round((rect.top - source.top) * sy),
        round(rect.width * sx),
        round(rect.height * sy),
    )
