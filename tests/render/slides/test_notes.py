"""Speaker notes made from one blank notes page per deck."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from enabler.render.deck import DEFAULT_TEMPLATE
from enabler.render.integrity import check_integrity
from enabler.render.slides.notes import set_notes


def _reopen(prs):
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue(), Presentation(io.BytesIO(buf.getvalue()))


class DescribeSetNotes:
    def it_gives_each_slide_its_own_notes_page(self):
        prs = Presentation(str(DEFAULT_TEMPLATE))
        layout = prs.slide_layouts[1]
        for n in range(6):
            set_notes(prs.slides.add_slide(layout), f"Talking point {n}")
        blob, again = _reopen(prs)
        texts = [s.notes_slide.notes_text_frame.text for s in again.slides]
        assert texts == [f"Talking point {n}" for n in range(6)]
        names = [str(s.notes_slide.part.partname) for s in again.slides]
        assert len(set(names)) == 6
        masters = {s.notes_slide.part.part_related_by(RT.NOTES_MASTER) for s in again.slides}
        assert len(masters) == 1
        assert all(s.notes_slide.part.part_related_by(RT.SLIDE) is s.part for s in again.slides)
        assert check_integrity(blob).ok

    def it_mixes_with_notes_python_pptx_makes_and_replaces_text(self):
        prs = Presentation(str(DEFAULT_TEMPLATE))
        layout = prs.slide_layouts[1]
        first, second, third = (prs.slides.add_slide(layout) for _ in range(3))
        set_notes(first, "one")
        set_notes(second, "two")
        third.notes_slide.notes_text_frame.text = "three"  # python-pptx's own naming
        set_notes(second, "two, again")
        blob, again = _reopen(prs)
        texts = [s.notes_slide.notes_text_frame.text for s in again.slides]
        assert texts == ["one", "two, again", "three"]
        names = {str(s.notes_slide.part.partname) for s in again.slides}
        assert len(names) == 3
        assert check_integrity(blob).ok
