"""The slides every deck opens with: the personalised title slide and the agenda."""

from __future__ import annotations

from collections.abc import Mapping

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches

from enabler.domain.deck import DeckPlan
from enabler.domain.modules import SmartLayout
from enabler.render import placement, templating
from enabler.render.smart import (
    LoadImage,
    drop_empty_placeholders,
    fit_picture,
    placeholder,
    set_lines,
)

AGENDA_SKIP = {
    SmartLayout.SECTION,
    SmartLayout.QUOTE,
    SmartLayout.BIG_NUMBER,
    SmartLayout.LOGO_STRIP,
    SmartLayout.CLOSING,
    SmartLayout.OBJECTION_APPENDIX,
}
AGENDA_TOPICS_PER_SECTION = 5


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
    """(level, text) lines: each section, then its main topics one level down."""
    items: list[tuple[int, str]] = []
    topics = 0
    for planned in plan.modules:
        content = planned.version.content
        if content is None:
            continue
        where = f"Module {planned.module.key!r}"
        if content.layout is SmartLayout.SECTION:
            items.append((0, templating.render(content.title, ctx, where)))
            topics = 0
        elif items and content.layout not in AGENDA_SKIP and topics < AGENDA_TOPICS_PER_SECTION:
            items.append((1, templating.render(content.title, ctx, where)))
            topics += 1
    return items


def add_agenda_slide(prs, layout, items: list[tuple[int, str]]) -> None:
    slide = prs.slides.add_slide(layout)
    placement.bind(slide, "Agenda")
    slide.shapes.title.text_frame.text = "Agenda"
    frame = placeholder(slide, 1).text_frame
    set_lines(frame, [text for _, text in items])
    for para, (level, _) in zip(frame.paragraphs, items, strict=True):
        para.level = level
    drop_empty_placeholders(slide)
