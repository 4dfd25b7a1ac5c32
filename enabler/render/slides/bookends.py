"""How every deck ends: a closing slide after the content, then the appendix behind a divider.

The plan's own closing module is used when it has one; otherwise a contact slide is drawn on the
template's Closing layout, so no deck stops on a chart. Modules that are backup material (the
objection appendix, modules tagged `appendix`) come after the closing, behind an "Appendix"
section slide, so the buyer sees where the talk ends.
"""

from __future__ import annotations

from collections.abc import Sequence

from enabler.domain.deck.plan import PlannedModule
from enabler.domain.modules import SmartContent, SmartLayout

APPENDIX_TAGS = frozenset({"appendix", "backup"})
CONTACT_SLIDE = SmartContent(
    SmartLayout.CLOSING,
    "Thank you",
    bullets=("We look forward to the next step with {{ prospect.company }}.",),
    subtitle="{{ rep.contact_line }}",
)
APPENDIX_DIVIDER = SmartContent(
    SmartLayout.SECTION, "Appendix", subtitle="Detail and answers for reference"
)


def _layout(planned: PlannedModule) -> SmartLayout | None:
    content = planned.version.content
    return content.layout if content is not None else None


def is_closing(planned: PlannedModule) -> bool:
    return planned.module.is_closing or _layout(planned) is SmartLayout.CLOSING


def is_appendix(planned: PlannedModule) -> bool:
    tags = {t.casefold() for t in planned.module.tags}
    return bool(tags & APPENDIX_TAGS) or _layout(planned) is SmartLayout.OBJECTION_APPENDIX


def split_appendix(
    modules: Sequence[PlannedModule],
) -> tuple[list[PlannedModule], list[PlannedModule]]:
    """(talk, appendix): backup modules move behind the talk, each part keeps its order."""
    talk = [p for p in modules if not is_appendix(p)]
    return talk, [p for p in modules if is_appendix(p)]


def needs_contact_slide(modules: Sequence[PlannedModule]) -> bool:
    """True when the talk has modules but none of them closes it."""
    talk, _ = split_appendix(modules)
    return bool(talk) and not any(is_closing(p) for p in talk)


def remove_slide(prs, slide) -> None:
    """Take `slide` out of the deck (its part goes when nothing refers to it)."""
    slide_ids = prs.slides._sldIdLst
    for sld_id in list(slide_ids):
        if prs.part.related_part(sld_id.rId) is slide.part:
            prs.part.drop_rel(sld_id.rId)
            slide_ids.remove(sld_id)
            return
