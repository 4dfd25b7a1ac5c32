"""A freeform's outlines from its custom geometry (`a:custGeom`), as points in its box."""

from __future__ import annotations

import itertools
import math

from lxml import etree

from enabler.render.sketch.style import qn


def _point(pt, w: float, h: float) -> tuple[float, float] | None:
    try:
        return int(pt.get("x")) / w, int(pt.get("y")) / h
    except (TypeError, ValueError):  # a guide name: formulas are not evaluated here
        return None


def custom_paths(custom) -> list[list[tuple[float, float]]]:
    """A custom geometry's outlines, each a list of points in 0..1 of the shape's box; curves
    are sampled, arcs too. Empty when a path uses guide formulas (not evaluated here)."""
    outlines: list[list[tuple[float, float]]] = []
    for path in custom.iter(qn("a:path")):
        w = int(path.get("w", "0") or 0) or 1
        h = int(path.get("h", "0") or 0) or 1
        if path.get("w") is None or path.get("h") is None:
            return []  # coordinates in the shape's own EMU: rare; not drawn
        points: list[tuple[float, float]] = []
        for cmd in path:
            name = etree.QName(cmd).localname
            read = [_point(p, w, h) for p in cmd.iter(qn("a:pt"))]
            pts = [p for p in read if p is not None]
            if len(pts) < len(read):
                return []
            if name == "moveTo":
                if len(points) > 1:
                    outlines.append(points)
                points = [pts[0]] if pts else []
            elif name == "lnTo" and pts:
                points.append(pts[0])
            elif name in ("cubicBezTo", "quadBezTo") and points and pts:
                ctrl = [points[-1], *pts]
                for step in range(1, 9):
                    points.append(_bezier(ctrl, step / 8))
            elif name == "arcTo" and points:
                points.extend(_arc(points[-1], cmd, w, h))
            elif name == "close":
                if len(points) > 1:
                    outlines.append(points)
                points = []
        if len(points) > 1:
            outlines.append(points)
    return outlines


def _bezier(ctrl, t: float) -> tuple[float, float]:
    while len(ctrl) > 1:
        ctrl = [
            (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
            for a, b in itertools.pairwise(ctrl)
        ]
    return ctrl[0]


def _arc(start, cmd, w: float, h: float) -> list[tuple[float, float]]:
    try:
        rx, ry = int(cmd.get("wR")) / w, int(cmd.get("hR")) / h
        st, sw = int(cmd.get("stAng")) / 60000, int(cmd.get("swAng")) / 60000
    except (TypeError, ValueError):
        return []
    a0 = math.radians(st)
    cx, cy = start[0] - rx * math.cos(a0), start[1] - ry * math.sin(a0)
    steps = max(2, int(abs(sw) / 15))
    return [
        (
            cx + rx * math.cos(math.radians(st + sw * k / steps)),
            cy + ry * math.sin(math.radians(st + sw * k / steps)),
        )
        for k in range(1, steps + 1)
    ]
