"""A quick picture of a slide, drawn with Pillow from python-pptx's shapes (no LibreOffice).

Good enough to recognise a slide in a thumbnail strip or a live editor preview: the background
(colour, picture or gradient), the layout's and master's decorations, filled shapes (freeforms
by their path) with their text wrapped in the project's fonts, pictures from their blobs, tables
as grids and charts as a labelled box. Rotation, effects, shape gradients beyond their first
stop and rich text within a paragraph are not drawn.
"""

from __future__ import annotations

import io
import math
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass

from lxml import etree
from PIL import Image, ImageDraw, UnidentifiedImageError

from enabler.render.ooxml import parse_safe
from enabler.render.sketch import style
from enabler.render.sketch import text as typeset
from enabler.render.sketch.background import painted
from enabler.render.sketch.freeform import custom_paths
from enabler.render.sketch.style import qn

_CHART_FILL, _CHART_INK = (238, 242, 247), (90, 100, 120)
_GROUP, _FRAME, _PICTURE = qn("p:grpSp"), qn("p:graphicFrame"), qn("p:pic")
_CONNECTOR, _SHAPE = qn("p:cxnSp"), qn("p:sp")
_PH = "./*/" + qn("p:nvPr") + "/" + qn("p:ph")
_XFRM = "./" + qn("p:spPr") + "/" + qn("a:xfrm")


def _chart_label(frame) -> str:
    """ "Chart: COLUMN_CLUSTERED" and the like. A chart copied from another deck is a plain
    part (python-pptx only makes chart parts when it loads a file), so its kind is read from the
    first plot in its XML instead."""
    try:
        return f"Chart: {frame.chart.chart_type!s}".split(" (")[0]
    except AttributeError:
        pass
    try:
        rid = frame._element.chart_rId
        root = parse_safe(frame.part.related_part(rid).blob)
    except (KeyError, ValueError, etree.XMLSyntaxError):
        return "Chart"
    plot = root.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    kinds = [el.tag.rsplit("}", 1)[-1] for el in (plot if plot is not None else ())]
    kind = next((k for k in kinds if k.endswith("Chart")), "")
    return f"Chart: {kind[: -len('Chart')]}" if kind else "Chart"


@dataclass(frozen=True, slots=True)
class _Space:
    """Maps EMU positions (in the current group's child space) to pixels."""

    dx: float
    dy: float
    scale_x: float
    scale_y: float

    def box(self, left, top, width, height) -> tuple[float, float, float, float]:
        x0, y0 = self.dx + (left or 0) * self.scale_x, self.dy + (top or 0) * self.scale_y
        return x0, y0, x0 + (width or 0) * self.scale_x, y0 + (height or 0) * self.scale_y


class _Sketch:
    def __init__(self, slide, width: int) -> None:
        prs = slide.part.package.presentation_part.presentation
        slide_w, slide_h = prs.slide_width or 12192000, prs.slide_height or 6858000
        self.slide = slide
        self.scale = width / slide_w
        self.size = (width, max(1, round(slide_h * self.scale)))
        self.theme = style.theme_for(slide)
        self.image = self._layer().copy()
        self.draw = ImageDraw.Draw(self.image)

    def run(self) -> bytes:
        space = _Space(0.0, 0.0, self.scale, self.scale)
        for shape in self.slide.shapes:
            self._shape(shape, space)
        out = io.BytesIO()
        self.image.save(out, format="PNG", compress_level=1)  # speed over size
        return out.getvalue()

    def _layer(self) -> Image.Image:
        """The background with the master's and layout's decorations, drawn once per layout
        (a slide set to hide background graphics shows the background alone)."""
        layout = self.slide.slide_layout
        graphics = _shows_master(self.slide._element)
        key = (self.size, style.background(self.slide, self.theme), graphics)
        with _LAYERS_LOCK:
            layer = _LAYERS.setdefault(layout.part, {}).get(key)
        if layer is not None:
            return layer
        self.image = painted(key[1], self.size, self.scale)
        self.draw = ImageDraw.Draw(self.image)
        space = _Space(0.0, 0.0, self.scale, self.scale)
        if graphics:
            if _shows_master(layout._element):
                self._decorations(layout.slide_master.shapes, space)
            self._decorations(layout.shapes, space)
        with _LAYERS_LOCK:
            _LAYERS.setdefault(layout.part, {})[key] = self.image
        return self.image

    def _decorations(self, shapes, space: _Space) -> None:
        """Layout/master shapes that show on every slide (placeholders only prompt)."""
        for shape in shapes:
            if shape._element.find(_PH) is None:
                self._shape(shape, space, with_text=False)

    def _shape(self, shape, space: _Space, with_text: bool = True) -> None:
        # By element tag: python-pptx's shape_type runs XPath queries, costly per shape.
        tag = shape._element.tag
        box = space.box(*self._position(shape))
        if tag == _GROUP:
            self._group(shape, space)
        elif tag == _FRAME and shape.has_chart:
            self._labelled(box, _chart_label(shape))
        elif tag == _FRAME and shape.has_table:
            self._table(shape.table, box)
        elif tag == _PICTURE:
            self._picture(shape, box)
        elif tag == _CONNECTOR:
            self._line(shape, box)
        elif tag == _SHAPE:
            self._autoshape(shape, box, with_text)
        elif box[2] > box[0]:  # OLE objects, media, SmartArt…: a labelled box
            self._labelled(box, shape.name)

    def _position(self, shape) -> tuple[int, int, int, int]:
        """left, top, width, height in EMU; a placeholder without its own takes its layout's.

        (python-pptx inherits too, but searches the layout anew for each of the four values.)
        """
        el = shape._element
        xfrm = el.find(_XFRM)
        if xfrm is None and el.find(_PH) is not None:
            for base in typeset.bases(el, self.slide):
                xfrm = base.find(_XFRM)
                if xfrm is not None:
                    break
        off = xfrm.find(qn("a:off")) if xfrm is not None else None
        ext = xfrm.find(qn("a:ext")) if xfrm is not None else None
        if off is None or ext is None:
            return shape.left or 0, shape.top or 0, shape.width or 0, shape.height or 0
        return (
            int(off.get("x", 0)),
            int(off.get("y", 0)),
            int(ext.get("cx", 0)),
            int(ext.get("cy", 0)),
        )

    def _group(self, group, space: _Space) -> None:
        xfrm = group._element.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
        inner = space
        if xfrm is not None:
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            ch_off, ch_ext = xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))
            if None not in (off, ext, ch_off, ch_ext):
                sx = int(ext.get("cx")) / max(int(ch_ext.get("cx")), 1)
                sy = int(ext.get("cy")) / max(int(ch_ext.get("cy")), 1)
                x0, y0 = (
                    int(off.get("x")) - int(ch_off.get("x")) * sx,
                    int(off.get("y")) - int(ch_off.get("y")) * sy,
                )
                inner = _Space(
                    space.dx + x0 * space.scale_x,
                    space.dy + y0 * space.scale_y,
                    space.scale_x * sx,
                    space.scale_y * sy,
                )
        for child in group.shapes:
            self._shape(child, inner)

    def _autoshape(self, shape, box, with_text: bool) -> None:
        el = shape._element
        fill = style.shape_fill(el, self.theme)
        line = style.shape_line(el, self.theme)
        if line is not None and style.line_alpha(el) < 0.5:
            line = None  # a faint outline: leaving it out looks closer than drawing it solid
        geometry = el.find(f"{qn('p:spPr')}/{qn('a:prstGeom')}")
        prst = geometry.get("prst", "rect") if geometry is not None else "rect"
        custom = el.find(f"{qn('p:spPr')}/{qn('a:custGeom')}")
        if fill is None and line is None:
            pass
        elif geometry is None and custom is not None:
            self._freeform(custom, el, box, fill, line)
        else:
            self._geometry(prst, box, fill, line, style.fill_alpha(el))
        if with_text and shape.has_text_frame and shape.text_frame.text.strip():
            ground = fill or self._under(box)
            typeset.draw_text(self.image, shape, self.slide, self.theme, self.scale, box, ground)

    def _geometry(self, prst: str, box, fill, line, alpha: float = 1.0) -> None:
        x0, y0, x1, y1 = box
        if x1 - x0 < 0.5 and y1 - y0 < 0.5:
            return
        box = (x0, y0, max(x1, x0 + 1), max(y1, y0 + 1))
        if fill is not None and alpha < 1.0:  # see-through: blended over what is below
            if alpha >= 0.01:
                mask = Image.new("L", self.size, 0)
                _primitive(ImageDraw.Draw(mask), prst, box, fill=round(255 * alpha))
                self.image.paste(fill, (0, 0, *self.size), mask)
            fill = None
        if fill is not None or line is not None:
            _primitive(self.draw, prst, box, fill=fill, outline=line)

    def _freeform(self, custom, el, box, fill, line) -> None:
        """A freeform by its own path (a drawn band or swoosh, not its bounding box); one whose
        path cannot be read is left out rather than drawn as a box."""
        xfrm = el.find(_XFRM)
        flip_h = xfrm is not None and xfrm.get("flipH") in ("1", "true")
        flip_v = xfrm is not None and xfrm.get("flipV") in ("1", "true")
        rot = int(xfrm.get("rot", "0") or 0) / 60000 if xfrm is not None else 0.0
        x0, y0, x1, y1 = box
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        turn = math.radians(rot)
        cos, sin = math.cos(turn), math.sin(turn)
        alpha = style.fill_alpha(el)
        for outline in custom_paths(custom):
            points = []
            for u, v in outline:
                x = x0 + (1 - u if flip_h else u) * (x1 - x0)
                y = y0 + (1 - v if flip_v else v) * (y1 - y0)
                dx, dy = x - cx, y - cy
                points.append((cx + dx * cos - dy * sin, cy + dx * sin + dy * cos))
            if len(points) < 2:
                continue
            if fill is not None and len(points) > 2 and alpha < 1.0:
                overlay = Image.new("L", self.size, 0)
                ImageDraw.Draw(overlay).polygon(points, fill=round(255 * alpha))
                self.image.paste(Image.new("RGB", self.size, fill), (0, 0), overlay)
            elif fill is not None and len(points) > 2:
                self.draw.polygon(points, fill=fill)
            if line is not None:
                self.draw.line([*points, points[0]] if fill is not None else points, fill=line)

    def _under(self, box) -> style.RGB:
        """The colour already drawn under a box's centre (for text on no fill)."""
        x = min(max(int((box[0] + box[2]) / 2), 0), self.size[0] - 1)
        y = min(max(int((box[1] + box[3]) / 2), 0), self.size[1] - 1)
        px = self.image.getpixel((x, y))
        if not isinstance(px, tuple):  # a grey level (the canvas is RGB, so never)
            level = int(px or 0)
            return (level, level, level)
        return (int(px[0]), int(px[1]), int(px[2]))

    def _picture(self, shape, box) -> None:
        w, h = round(box[2] - box[0]), round(box[3] - box[1])
        if w < 1 or h < 1:
            return
        try:
            image = shape.image
            crop = tuple(
                getattr(shape, f"crop_{side}", 0.0) or 0.0
                for side in ("left", "top", "right", "bottom")
            )
            im = _fitted(image, crop, w, h)
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
            self._labelled(box, "Picture")  # an image Pillow cannot read
            return
        except (AttributeError, KeyError):  # a picture whose image part is missing
            self._labelled(box, "Picture")
            return
        self.image.paste(im, (round(box[0]), round(box[1])), im)

    def _line(self, shape, box) -> None:
        colour = style.shape_line(shape._element, self.theme) or (128, 128, 128)
        xfrm = shape._element.find(f".//{qn('a:xfrm')}")
        flip_h = xfrm is not None and xfrm.get("flipH") == "1"
        flip_v = xfrm is not None and xfrm.get("flipV") == "1"
        x0, y0, x1, y1 = box
        start = (x1 if flip_h else x0, y1 if flip_v else y0)
        end = (x0 if flip_h else x1, y0 if flip_v else y1)
        self.draw.line([start, end], fill=colour, width=1)

    def _table(self, table, box) -> None:
        x0, y0 = box[:2]
        widths = [c.width * self.scale for c in table.columns]
        heights = [r.height * self.scale for r in table.rows]
        grid = (180, 188, 200)
        y = y0
        for r, row in enumerate(table.rows):
            x = x0
            for c, cell in enumerate(row.cells):
                cell_box = (x, y, x + widths[c], y + heights[r])
                tc_fill = style.fill(cell._tc.find(qn("a:tcPr")), self.theme)
                if tc_fill is False:
                    tc_fill = self.theme_accent() if r == 0 else None
                self.draw.rectangle(cell_box, fill=tc_fill or None, outline=grid)
                text = cell.text_frame.text.strip()
                if text:
                    px = max(round(12 * typeset.EMU_PER_PT * self.scale), 1)
                    font = typeset.font(False, r == 0, False, px)
                    ink = typeset.contrast(tc_fill or self._under(cell_box))
                    line_y = y + 1
                    for line in typeset.wrap(text, font, max(widths[c] - 4, 1)):
                        if line_y + px > y + max(heights[r], px * 1.3):  # as many as fit
                            break
                        typeset.put_line(self.image, (x + 2, line_y), line, font, ink)
                        line_y += px * 1.2
                x += widths[c]
            y += heights[r]

    def theme_accent(self) -> style.RGB:
        return style.scheme_rgb(self.theme, "accent1") or (19, 168, 158)

    def _labelled(self, box, label: str) -> None:
        x0, y0, x1, y1 = box
        if x1 - x0 < 2 or y1 - y0 < 2:
            return
        self.draw.rectangle(box, fill=_CHART_FILL, outline=_CHART_INK)
        px = max(round(14 * typeset.EMU_PER_PT * self.scale), 1)
        font = typeset.font(False, True, False, px)
        text = next(iter(typeset.wrap(label, font, max(x1 - x0 - 4, 1))), "")
        width = font.getlength(text)
        self.draw.text(
            ((x0 + x1 - width) / 2, (y0 + y1 - px) / 2), text, font=font, fill=_CHART_INK
        )


def _shows_master(el) -> bool:
    """A slide's or layout's "hide background graphics" is `showMasterSp="0"`."""
    return el.get("showMasterSp", "1") not in ("0", "false")


def _primitive(draw: ImageDraw.ImageDraw, prst: str, box, **kwargs) -> None:
    """A preset shape drawn as its nearest simple figure."""
    if prst == "ellipse":
        draw.ellipse(box, **kwargs)
    elif prst in ("rtTriangle", "triangle"):
        apex = (box[0], box[1]) if prst == "rtTriangle" else ((box[0] + box[2]) / 2, box[1])
        draw.polygon([apex, (box[0], box[3]), (box[2], box[3])], **kwargs)
    elif prst in ("roundRect", "flowChartAlternateProcess"):
        radius = min(box[2] - box[0], box[3] - box[1]) / 6
        draw.rounded_rectangle(box, radius=radius, **kwargs)
    else:
        draw.rectangle(box, **kwargs)


# Layout part → {(size, background): picture}; weak, so a closed deck's layers go with it.
_LAYERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LAYERS_LOCK = threading.Lock()
_FITTED: OrderedDict[tuple, Image.Image] = OrderedDict()
_FITTED_LOCK = threading.Lock()


def _fitted(image, crop: tuple, w: int, h: int) -> Image.Image:
    """A picture cropped and scaled to `w`×`h` RGBA; the last 64 are kept (logos recur)."""
    key = (image.sha1, crop, w, h)
    with _FITTED_LOCK:
        if key in _FITTED:
            _FITTED.move_to_end(key)
            return _FITTED[key]
    with Image.open(io.BytesIO(image.blob)) as opened:
        opened.draft("RGB", (w, h))  # JPEG decodes at a fraction of the size: fast
        im: Image.Image = opened
        if im.mode not in ("RGB", "RGBA", "L", "LA"):
            im = im.convert("RGBA")
        cw, ch = im.size
        im = im.crop((crop[0] * cw, crop[1] * ch, cw - crop[2] * cw, ch - crop[3] * ch))
        # reducing_gap: shrink by whole factors first, then resample (fast on big photos).
        fitted = im.resize((w, h), Image.Resampling.BILINEAR, reducing_gap=2.0).convert("RGBA")
    with _FITTED_LOCK:
        _FITTED[key] = fitted
        while len(_FITTED) > 64:
            _FITTED.popitem(last=False)
    return fitted


def clear_caches() -> None:
    """Forget cached layers, pictures and text lines (a benchmark's cold start)."""
    with _LAYERS_LOCK:
        _LAYERS.clear()
    with _FITTED_LOCK:
        _FITTED.clear()
    typeset.clear_caches()


def sketch_slide(slide, width: int = 480) -> bytes:
    """A PNG (`width` pixels wide, the slide's aspect ratio) sketch of a python-pptx slide."""
    if width < 1:
        raise ValueError("width must be at least 1 pixel")
    return _Sketch(slide, width).run()
