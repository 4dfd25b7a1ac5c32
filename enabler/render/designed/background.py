"""A stretched background picture on a page of another shape keeps its aspect ratio.

A background always fills the whole page, and LibreOffice ignores the insets (`a:fillRect`)
that would shrink it, so the picture itself gets bars: it is padded to the deck page's
shape, its original in the middle where the placed slide is, each bar in the mean colour of the
edge it continues. Pictures Pillow cannot read (EMF, WMF) or that are cropped stay as they
are.
"""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError
from pptx.oxml.ns import qn
from pptx.parts.image import ImagePart

from enabler.render.designed.slide_size import Placement
from enabler.render.ooxml import relationship_refs

_BG_BLIP = f"{qn('p:cSld')}/{qn('p:bg')}/{qn('p:bgPr')}/{qn('a:blipFill')}"
_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


def _edge(im: Image.Image, box: tuple[int, int, int, int]):
    """The mean colour of one edge of the picture: the bar beside it continues it."""
    return im.crop(box).resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))


def _padded(blob: bytes, p: Placement, page: tuple[int, int]) -> tuple[bytes, str] | None:
    try:
        with Image.open(io.BytesIO(blob)) as opened:
            fmt = opened.format
            if fmt not in _FORMATS:
                return None
            w, h = opened.size
            width, height = round(w * page[0] / p.width), round(h * page[1] / p.height)
            mode = opened.mode if opened.mode in ("RGB", "RGBA", "L") else "RGB"
            im = opened.convert(mode)
            near, far = (
                ((0, 0, 1, h), (w - 1, 0, w, h)) if p.dx else ((0, 0, w, 1), (0, h - 1, w, h))
            )
            canvas = Image.new(mode, (width, height), _edge(im, near))
            half = (width // 2, 0) if p.dx else (0, height // 2)
            canvas.paste(_edge(im, far), (*half, width, height))
            canvas.paste(im, (round(w * p.dx / p.width), round(h * p.dy / p.height)))
            out = io.BytesIO()
            canvas.save(out, format=fmt)
            return out.getvalue(), _FORMATS[fmt]
    except (UnidentifiedImageError, OSError, ValueError):
        return None


class Letterbox:
    """Pads stretched background pictures of placed slides, layouts and masters (once each)."""

    def __init__(self, package, names, page: tuple[int, int]):
        self._package = package
        self._names = names
        self._page = page
        self._done: dict[tuple[str, Placement], ImagePart | None] = {}

    def apply(self, part, p: Placement | None) -> None:
        """Re-point `part`'s stretched background picture to a padded copy (in place)."""
        if p is None or not p.letterboxed:
            return
        fill = part._element.find(_BG_BLIP)
        if fill is None or fill.find(qn("a:stretch")) is None:
            return
        src_rect = fill.find(qn("a:srcRect"))
        if src_rect is not None and any(src_rect.get(k) for k in ("l", "t", "r", "b")):
            return
        blip = fill.find(qn("a:blip"))
        rid = None if blip is None else blip.get(qn("r:embed"))
        rel = part.rels._rels.get(rid) if rid else None
        if rel is None or rel.is_external:
            return
        image = rel.target_part
        key = (str(image.partname), p)
        if key not in self._done:
            padded = _padded(image.blob, p, self._page)
            self._done[key] = None
            if padded is not None:
                name = self._names.like(str(image.partname))
                self._done[key] = ImagePart(name, padded[1], self._package, padded[0])
        target = self._done[key]
        if target is not None:
            blip.set(qn("r:embed"), part.relate_to(target, rel.reltype))
            if not any(v == rid for _, _, v in relationship_refs(part._element)):
                part.rels.pop(rid)
