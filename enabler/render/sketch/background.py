"""A slide's background painted as a sketch shows it: a colour, a picture (stretched or tiled)
or a linear or radial gradient through its stops (`style.Background` says which)."""

from __future__ import annotations

import io
import math
import warnings

from PIL import Image, UnidentifiedImageError

from enabler.render.sketch import style


def _ramp(stops) -> list[int]:
    """A 256-step colour ramp through a gradient's stops, as one LUT per channel for
    `Image.point` on a greyscale mask."""
    luts: list[list[int]] = [[], [], []]
    for i in range(256):
        t = i / 255
        before = max((s for s in stops if s[0] <= t), default=stops[0], key=lambda s: s[0])
        after = min((s for s in stops if s[0] >= t), default=stops[-1], key=lambda s: s[0])
        span = after[0] - before[0]
        k = (t - before[0]) / span if span > 0 else 0.0
        for c in range(3):
            luts[c].append(round(before[1][c] + (after[1][c] - before[1][c]) * k))
    return luts[0] + luts[1] + luts[2]


def _gradient(bg: style.Background, size: tuple[int, int]) -> Image.Image:
    w, h = size
    if bg.radial:
        # Distance from the focus over the distance to the farthest corner, on a coarse grid
        # (a smooth gradient loses nothing when scaled up).
        gw, gh = max(2, min(w, 96)), max(2, min(h, 96))
        fx, fy = bg.focus[0] * (gw - 1), bg.focus[1] * (gh - 1)
        sx, sy = w / gw, h / gh  # keep circles round on a page that is not square
        reach = max(math.hypot((fx - x) * sx, (fy - y) * sy) for x in (0, gw) for y in (0, gh))
        grid = Image.new("L", (gw, gh))
        grid.putdata(
            [
                min(255, round(255 * math.hypot((x - fx) * sx, (y - fy) * sy) / (reach or 1)))
                for y in range(gh)
                for x in range(gw)
            ]
        )
        mask = grid.resize(size, Image.Resampling.BILINEAR)
    else:
        turn = math.radians(bg.angle)
        cos, sin = math.cos(turn), math.sin(turn)
        span = abs(w * cos) + abs(h * sin) or 1.0
        shift = 255 * (0.5 - (w * cos + h * sin) / 2 / span)
        linear = (255 * cos / span, 255 * sin / span, shift, 0.0, 0.0, 128.0)
        ramp = Image.linear_gradient("L").transpose(Image.Transpose.TRANSPOSE)  # value = x
        mask = ramp.transform(size, Image.Transform.AFFINE, linear, Image.Resampling.BILINEAR)
    return mask.convert("RGB").point(_ramp(bg.stops))


_MAX_BACKGROUND_PIXELS = 40_000_000  # a background picture larger than this stays a colour


def painted(bg: style.Background, size: tuple[int, int], scale: float) -> Image.Image:
    """A page-sized picture of a background: its colour, picture (stretched or tiled) or
    gradient."""
    if bg.picture and bg.part is not None:
        try:
            blob = bg.part.related_part(bg.picture).blob  # type: ignore[attr-defined]
            with warnings.catch_warnings():  # a huge picture is refused just below, quietly
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                opened = Image.open(io.BytesIO(blob))
            with opened as pic:
                if pic.width * pic.height > _MAX_BACKGROUND_PIXELS:
                    return Image.new("RGB", size, bg.colour)
                pic.draft("RGB", size)  # a JPEG decodes at about the size needed
                rgb = pic.convert("RGB")
            if not bg.tile:
                return rgb.resize(size, Image.Resampling.BILINEAR)
            # A tile keeps its own size: 9525 EMU per pixel at 96 dpi.
            tw = max(1, round(rgb.width * 9525 * scale))
            th = max(1, round(rgb.height * 9525 * scale))
            tile, page = rgb.resize((tw, th), Image.Resampling.BILINEAR), Image.new("RGB", size)
            for y in range(0, size[1], th):
                for x in range(0, size[0], tw):
                    page.paste(tile, (x, y))
            return page
        except (
            KeyError,
            OSError,
            ValueError,
            UnidentifiedImageError,
            Image.DecompressionBombError,
        ):
            return Image.new("RGB", size, bg.colour)
    if len(bg.stops) > 1:
        return _gradient(bg, size)
    return Image.new("RGB", size, bg.colour)
