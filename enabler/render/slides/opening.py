"""The slides every deck opens with: the personalised title slide and the agenda."""

from __future__ import annotations

from collections.abc import Mapping

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches, Pt

from enabler.domain.deck.plan import DeckPlan
from enabler.domain.modules import SmartLayout
from enabler.errors import EnablerError
from enabler.render.layout import placement
from enabler.render.smart import (
    LoadImage,
    drop_empty_placeholders,
    fit_picture,
    placeholder,
    set_lines,
)
from enabler.render.templating import engine as templating

AGENDA_SKIP = {
    SmartLayout.SECTION,
    SmartLayout.QUOTE,
    SmartLayout.BIG_NUMBER,
    SmartLayout.LOGO_STRIP,
    SmartLayout.CLOSING,
    SmartLayout.OBJECTION_APPENDIX,
}


def add_title_slide(prs, layout, plan: DeckPlan, ctx: Mapping, load_image: LoadImage) -> None:
    """Company, contact, rep, date and the prospect's logo."""
    slide = prs.slides.add_slide(layout)
    placement.bind(slide, "Title")
    default = "{{ prospect.company }}"
    if ctx["vendor"].get("name"):
        default = "{{ vendor.name }} for {{ prospect.company }}"
    title = templating.render(plan.title or default, ctx, "Deck title")
    slide.shapes.title.text_frame.text = title.replace("\n", "\v")
    if "contact" in ctx:
        who = ctx["contact"]["name"]
        if ctx["contact"]["title"]:
            who += f", {ctx['contact']['title']}"
        set_lines(placeholder(slide, 1).text_frame, [f"Prepared for {who}"])
    meta = [ctx["rep"]["name"], templating.render("{{ today | date('long') }}", ctx, "Date")]
    set_lines(placeholder(slide, 13).text_frame, [" · ".join(m for m in meta if m)])
    if plan.prospect.logo:
        _logo_card(prs, slide, load_image(plan.prospect.logo))
    drop_empty_placeholders(slide)


def _logo_card(prs, slide, blob: bytes) -> None:
    """A white card keeps any logo legible on the navy background."""
    left, top = prs.slide_width - Inches(3.6), Inches(5.3)
    width, height, pad = Inches(3.0), Inches(1.4), Inches(0.15)
    card = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, left, top, width, height)
    card.name = "Logo card"
    card.fill.solid()
    card.fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    card.line.fill.background()
    card.shadow.inherit = False
    placement.make_room(slide, card)
    fit_picture(slide.shapes, blob, left + pad, top + pad, width - 2 * pad, height - 2 * pad)


def agenda_items(plan: DeckPlan, ctx: Mapping) -> list[tuple[int, str]]:
    """(level, text) lines: each section with every content slide under it, then the
    appendix; none for a deck without a section module. Content before the first section
    stands at the top level."""
    from enabler.render.slides.bookends import is_appendix

    if not any(
        p.version.content is not None and p.version.content.layout is SmartLayout.SECTION
        for p in plan.modules
    ):
        return []  # a deck without a section divider is too short to need an agenda
    items: list[tuple[int, str]] = []
    in_section = False
    appendix: list[str] = []
    for planned in plan.modules:
        content = planned.version.content
        where = f"Module {planned.module.key!r}"
        if content is None:  # a designed slide: its module title stands for it
            if not (planned.module.is_section or planned.module.is_closing):
                try:
                    title = templating.render(planned.module.title, ctx, where)
                except EnablerError:
                    continue
                items.append((1 if in_section else 0, title))
            continue
        if is_appendix(planned):
            appendix.append(templating.render(content.title, ctx, where))
        elif content.layout is SmartLayout.SECTION:
            items.append((0, templating.render(content.title, ctx, where)))
            in_section = True
        elif content.layout not in AGENDA_SKIP:
            items.append((1 if in_section else 0, templating.render(content.title, ctx, where)))
    if appendix:
        items.append((0, "Appendix"))
        items += [(1, title) for title in appendix]
    return items


def _font_size(lines: int) -> Pt:
    """Every line fits the body: smaller type for longer agendas."""
    return Pt(20 if lines <= 8 else 16 if lines <= 11 else 13 if lines <= 15 else 11)


def add_agenda_slide(
    prs, layout, items: list[tuple[int, str]], plan: DeckPlan | None = None, ctx=None
) -> None:
    slide = prs.slides.add_slide(layout)
    placement.bind(slide, "Agenda")
    slide.shapes.title.text_frame.text = "Agenda"
    frame = placeholder(slide, 1).text_frame
    set_lines(frame, [text for _, text in items])
    size = _font_size(len(items))
    for para, (level, _) in zip(frame.paragraphs, items, strict=True):
        para.level = level
        for run in para.runs:
            run.font.size = size if level == 0 else Pt(size.pt - 2)
    drop_empty_placeholders(slide)
    if plan is not None and ctx is not None:
        _band_card(slide, layout, plan, ctx)


def _band_card(slide, layout, plan: DeckPlan, ctx: Mapping) -> None:
    """Who the meeting is for, on the layout's side band (which is otherwise an empty panel)."""
    band = next((s for s in layout.shapes if s.name == "Agenda band"), None)
    if band is None:
        return
    lines = [ctx["prospect"]["company"]]  # the context's values are XML-safe
    if "contact" in ctx and ctx["contact"].get("name"):
        lines.append(ctx["contact"]["name"])
    lines.append(templating.render("{{ today | date('long') }}", ctx, "Date"))
    pad = Inches(0.35)
    box = slide.shapes.add_textbox(
        band.left + pad, band.top + Inches(1.6), band.width - 2 * pad, Inches(2.4)
    )
    box.name = "Agenda card"
    frame = box.text_frame
    frame.word_wrap = True
    set_lines(frame, lines)
    for n, para in enumerate(frame.paragraphs):
        for run in para.runs:
            run.font.size = Pt(20 if n == 0 else 14)
            run.font.bold = n == 0
