"""Read a .pptx into the plain facts preflight judges: texts, text fits, images, provenance.

Text fit uses the real fonts (enabler.render.fit.measure) and the inherited text properties of each
frame (enabler.render.ooxml_read.text_style, the reading thumbnails and layout fitting share):
insets, wrap, autofit, font, size, spacing, indents.
"""

from __future__ import annotations

import dataclasses
import io
import warnings
from dataclasses import dataclass

from PIL import Image
from pptx.oxml.ns import qn

from enabler.domain.frame_layout import TextArea
from enabler.domain.preflight import LowContrast, PlacedImage, ShapeText, TextFit
from enabler.export.scan_geometry import Box, box_of, group_transform
from enabler.render import provenance
from enabler.render.colour import readable
from enabler.render.fit import measure as fitting
from enabler.render.ooxml_read import placeholder_of
from enabler.render.ooxml_read.text_style import (
    Bases,
    TextStyle,
    ThemeFonts,
    default_text_style,
    inherited_xfrm,
    paragraphs,
    text_of,
    theme_fonts,
)

EMU_PER_PT = 12700
EMU_PER_IN = 914400
_VECTOR = {"image/x-emf", "image/x-wmf", "image/svg+xml", "image/emf", "image/wmf"}


@dataclass(frozen=True, slots=True)
class DeckScan:
    slides: int
    texts: tuple[ShapeText, ...]
    fits: tuple[TextFit, ...]
    images: tuple[PlacedImage, ...]
    provenance: dict | None
    text_areas: tuple[TextArea, ...] = ()
    slide_size: tuple[int, int] | None = None  # EMU
    low_contrast: tuple[LowContrast, ...] = ()


_TX_BODY = qn("p:txBody")
_SP, _PIC, _FRAME, _GROUP = qn("p:sp"), qn("p:pic"), qn("p:graphicFrame"), qn("p:grpSp")


def _notes_text(notes_el) -> str:
    """The speaker notes: text of the notes slide's body placeholder."""
    for sp in notes_el.iter(_SP):
        ph = placeholder_of(sp)
        if ph is not None and ph.get("type") == "body":
            txbody = sp.find(_TX_BODY)
            return text_of(txbody) if txbody is not None else ""
    return ""


_INSETS = (("lIns", "91440"), ("tIns", "45720"), ("rIns", "91440"), ("bIns", "45720"))
_CELL_MARGINS = (("marL", "91440"), ("marT", "45720"), ("marR", "91440"), ("marB", "45720"))
_NAME = f"*/{qn('p:cNvPr')}"
_TBL = f"{qn('a:graphic')}/{qn('a:graphicData')}/{qn('a:tbl')}"
_GRID, _GRID_COL, _TR, _TC = qn("a:tblGrid"), qn("a:gridCol"), qn("a:tr"), qn("a:tc")
_CELL_BODY, _CELL_PR = qn("a:txBody"), qn("a:tcPr")


def _name(el) -> str:
    c_nv_pr = el.find(_NAME)
    return c_nv_pr.get("name", "") if c_nv_pr is not None else ""


class _SlideScanner:
    def __init__(self, prs, book: fitting.FontBook, min_scale: float) -> None:
        self.slide_h = prs.slide_height
        self.book, self.min_scale = book, min_scale
        self.default_style = default_text_style(prs)
        self.texts: list[ShapeText] = []
        self.fits: list[TextFit] = []
        self.images: list[PlacedImage] = []
        self.text_areas: list[TextArea] = []
        self._fonts: dict[int, ThemeFonts] = {}
        self._bases: dict[int, Bases] = {}
        self._decor: dict[int, list[TextArea]] = {}  # layout and master text, per layout
        self._levels: dict = {}  # what list styles give each paragraph level, deck-wide

    def scan_slide(self, number: int, slide) -> None:
        layout = slide.slide_layout
        key = id(layout.part)
        if key not in self._bases:
            master = layout.slide_master
            self._bases[key] = Bases(layout._element, master._element)
            if id(master.part) not in self._fonts:  # one theme per master, parsed once
                self._fonts[id(master.part)] = theme_fonts(master)
            self._fonts[key] = self._fonts[id(master.part)]
        self.bases, self.fonts, self.part = self._bases[key], self._fonts[key], slide.part
        self._tree(number, slide.shapes._spTree, None)
        self._decorations(number, slide)
        if slide.has_notes_slide:
            notes = _notes_text(slide.notes_slide._element)
            if notes.strip():
                self.texts.append(ShapeText(number, "Notes", notes, in_notes=True))

    def _decorations(self, number: int, slide) -> None:
        """Text the layout and master draw on the slide (a slide number, a footer line), as
        text areas only: slide text printed over it is a collision; it is not judged itself."""
        layout = slide.slide_layout
        if not _shows_master_shapes(slide._element):
            return
        key = id(layout.part)
        if key not in self._decor:
            found = _sps(layout._element, "the layout")
            if _shows_master_shapes(layout._element):
                found += _sps(layout.slide_master._element, "the master")
            areas = []
            for sp, where in found:
                area = self._text(0, sp, box_of(inherited_xfrm(sp, None)), inherited=where)
                if area is not None:
                    areas.append(area)
            self._decor[key] = areas
        for area in self._decor[key]:
            self.text_areas.append(dataclasses.replace(area, slide=number))

    def _tree(self, number: int, tree, transform) -> None:
        for el in tree:
            tag = el.tag
            if tag == _GROUP:
                self._tree(number, el, group_transform(el, transform))
                continue
            if tag not in (_SP, _PIC, _FRAME):
                continue
            box = box_of(inherited_xfrm(el, self.bases))
            if transform is not None:
                box = transform(box)
            if tag == _PIC:
                self.images.append(_picture(number, el, _name(el), self.part, box))
            elif tag == _FRAME:
                tbl = el.find(_TBL)
                if tbl is not None:
                    self._table(number, _name(el), tbl, box)
            elif el.find(_TX_BODY) is not None:
                self._text(number, el, box)

    def _text(self, number: int, sp, box: Box, inherited: str = "") -> TextArea | None:
        """Measure a text frame of the slide (or, with `inherited` saying where from, of its
        layout or master: then only its text area is returned)."""
        txbody = sp.find(_TX_BODY)
        text = text_of(txbody)
        if not text.strip():
            return None
        name = _name(sp)
        if not inherited:
            self.texts.append(ShapeText(number, name, text))
        style = TextStyle.for_shape(sp, self.bases, self.default_style, self.fonts, self._levels)
        if style.body_attr("vert", "horz") != "horz":
            return None  # vertical text is not measured
        left, top, right, bottom = (int(style.body_attr(a, d)) for a, d in _INSETS)
        frame = fitting.Frame(
            width_pt=(box.width - left - right) / EMU_PER_PT,
            height_pt=(box.height - top - bottom) / EMU_PER_PT,
            paragraphs=_without_trailing_blanks(paragraphs(txbody, style)),
            wrap=style.body_attr("wrap", "square") != "none",
            autofit=fitting.Autofit(style.autofit()[0]),
            grow_room_pt=(self.slide_h - box.top - top - bottom) / EMU_PER_PT,
        )
        result = fitting.fit(frame, self.book, self.min_scale)
        area = _text_area(
            number,
            f"{name} on {inherited}" if inherited else name,
            text,
            box,
            top + bottom,
            result,
            style,
            frame.autofit,
            (left, right),
            style.alignment(txbody.find(qn("a:p"))),
        )
        if inherited:
            return dataclasses.replace(area, inherited=True)
        self.text_areas.append(area)
        self.fits.append(
            TextFit(
                number,
                name,
                result.fits,
                result.scale,
                result.needed_pt,
                result.available_pt,
                text,
                result.too_wide,
                result.approximate,
            )
        )
        return None

    def _table(self, number: int, name: str, tbl, box: Box) -> None:
        """Rows grow to hold their text, so a table overflows when it runs off the slide."""
        grid = tbl.find(_GRID)
        widths = [int(col.get("w", 0)) for col in grid.iter(_GRID_COL)]
        total, texts = 0.0, []
        for tr in tbl.iter(_TR):
            tallest = int(tr.get("h", 0)) / EMU_PER_PT
            for c, tc in enumerate(tr.iter(_TC)):
                if tc.get("hMerge") or tc.get("vMerge"):
                    continue
                txbody = tc.find(_CELL_BODY)
                text = text_of(txbody) if txbody is not None else ""
                texts.append(text)
                if not text.strip():
                    continue
                tcpr = tc.find(_CELL_PR)
                margins = [
                    int(tcpr.get(a, d)) if tcpr is not None else int(d) for a, d in _CELL_MARGINS
                ]
                span = sum(widths[c : c + int(tc.get("gridSpan", 1))])
                style = TextStyle.for_cell(txbody, self.default_style, self.fonts, self._levels)
                frame = fitting.Frame(
                    width_pt=(span - margins[0] - margins[2]) / EMU_PER_PT,
                    height_pt=0,
                    paragraphs=_without_trailing_blanks(paragraphs(txbody, style)),
                )
                needed = fitting.text_height(frame, self.book)[0]
                tallest = max(tallest, needed + (margins[1] + margins[3]) / EMU_PER_PT)
            total += tallest
        self.texts.append(ShapeText(number, name, "\n".join(texts)))
        room = (self.slide_h - box.top) / EMU_PER_PT
        excerpt = next((t for t in texts if t.strip()), "")
        self.fits.append(TextFit(number, name, total <= room + 0.5, 1.0, total, room, excerpt))


def _shows_master_shapes(el) -> bool:
    """Does a slide (or layout) show the shapes of its layout (master)? `showMasterSp`."""
    return el.get("showMasterSp", "1") not in ("0", "false")


def _sps(tree_owner, where: str) -> list:
    """(shape, where) for the text shapes, not placeholders, at the top of a layout or master
    (groups are left out: their coordinates need the group's transform)."""
    tree = tree_owner.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    if tree is None:
        return []
    return [
        (el, where)
        for el in tree
        if el.tag == _SP and el.find(_TX_BODY) is not None and placeholder_of(el) is None
    ]


def _without_trailing_blanks(paras: tuple) -> tuple:
    """Blank lines at the end of a frame (empty paragraphs, trailing line breaks) print
    nothing, and renderers do not show them spilling out: they never make text overflow."""
    kept = list(paras)
    while len(kept) > 1 and not "".join(run.text for run in kept[-1].runs).strip():
        kept.pop()
    if kept:
        runs = list(kept[-1].runs)
        while runs and not runs[-1].text.strip():  # "\v" (a:br) and spaces
            runs.pop()
        if runs and len(runs) != len(kept[-1].runs):
            kept[-1] = dataclasses.replace(kept[-1], runs=tuple(runs))
    return tuple(kept)


def _text_area(
    number, name, text, box: Box, insets, result, style, autofit, insets_x=(0, 0), align="l"
) -> TextArea:
    """Where the frame's text is printed: its measured height, within the frame, placed by the
    frame's anchor, as wide as its longest line placed by the first paragraph's alignment;
    text spilling out of a frame that neither shrinks nor grows is noted apart (the overflow
    check judges it: its measure is an estimate)."""
    needed = result.needed_pt * EMU_PER_PT + insets
    # A growing frame (spAutoFit) is as tall as its text, whatever height the file stored.
    height = needed if autofit is fitting.Autofit.GROW else min(needed, box.height)
    anchor = style.body_attr("anchor", "t")

    def placed(h: float) -> float:
        if anchor == "ctr":
            return box.top + (box.height - h) / 2
        if anchor == "b":
            return box.top + box.height - h
        return box.top

    top = placed(height)
    spill_top = spill_bottom = None
    if not result.fits and autofit is fitting.Autofit.NONE and needed > box.height:
        spill_top, spill_bottom = int(placed(needed)), int(placed(needed) + needed)
    inner_left, inner_right = box.left + insets_x[0], box.left + box.width - insets_x[1]
    width = min(inner_right - inner_left, result.widest_pt * EMU_PER_PT)
    if align == "ctr":
        left = (inner_left + inner_right - width) / 2
    elif align == "r":
        left = inner_right - width
    elif align in ("just", "dist"):
        left, width = inner_left, inner_right - inner_left
    else:
        left = inner_left
    return TextArea(
        number,
        name,
        int(left),
        int(top),
        int(left + width),
        int(top + height),
        text,
        spill_top,
        spill_bottom,
    )


def _picture(number: int, pic, name: str, part, box: Box) -> PlacedImage:
    blip = pic.find(f".//{qn('a:blip')}")
    if blip is None:
        return PlacedImage(number, name, missing=True)
    rid = blip.get(qn("r:embed"))
    if not rid:
        linked = bool(blip.get(qn("r:link")))
        return PlacedImage(number, name, missing=not linked, linked=linked)
    rels = part.rels
    if rid not in rels or rels[rid].is_external:
        return PlacedImage(number, name, missing=True)
    target = rels[rid].target_part
    if target.content_type in _VECTOR:
        return PlacedImage(number, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(target.blob)) as im:
                w, h = im.size
    except Exception:  # Pillow raises many types for bad data; all mean "unreadable"
        return PlacedImage(number, name, missing=True)
    src = pic.find(f".//{qn('a:srcRect')}")
    crop = [int(src.get(s, 0)) / 100000 if src is not None else 0.0 for s in "lrtb"]
    return PlacedImage(
        number,
        name,
        px_width=round(w * max(1 - crop[0] - crop[1], 0.01)),
        px_height=round(h * max(1 - crop[2] - crop[3], 0.01)),
        placed_width_in=box.width / EMU_PER_IN,
        placed_height_in=box.height / EMU_PER_IN,
    )


def scan(prs, book: fitting.FontBook | None = None, min_scale: float = 0.7) -> DeckScan:
    """Everything preflight needs from an open python-pptx Presentation."""
    scanner = _SlideScanner(prs, book or fitting.font_book(), min_scale)
    for number, slide in enumerate(prs.slides, start=1):
        scanner.scan_slide(number, slide)
    return DeckScan(
        slides=len(prs.slides),
        texts=tuple(scanner.texts),
        fits=tuple(scanner.fits),
        images=tuple(scanner.images),
        provenance=provenance.read(prs),
        text_areas=tuple(scanner.text_areas),
        slide_size=(int(prs.slide_width), int(prs.slide_height)),
        low_contrast=readable.unreadable_texts(prs),
    )
