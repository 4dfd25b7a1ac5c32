"""Speaker notes for new slides, made from one blank notes page per deck.

python-pptx makes each notes page by walking every part of the package for a free name and
cloning the notes master's placeholders one by one; in a deck of many slides that is a quarter
of the build. The first notes page of a deck is made that way; later ones copy its blank XML
and take names of their own (`notesSlide_n1.xml`…), which neither python-pptx's names
(`notesSlide3.xml`) nor copied designed slides' (`notesSlide_e1.xml`) can collide with.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.parts.slide import NotesSlidePart


@dataclass(slots=True)
class _BlankNotes:
    xml: bytes  # a notes page with the master's placeholders and no text
    made: int = 0


# One per presentation part, forgotten with the presentation.
_blanks: WeakKeyDictionary = WeakKeyDictionary()


def set_notes(slide, text: str) -> None:
    """Give `slide` the speaker notes `text` (replacing any it has)."""
    part = slide.part
    presentation = part.package.presentation_part
    blank = _blanks.get(presentation)
    if part.has_notes_slide or blank is None:
        notes = slide.notes_slide  # python-pptx's own way, once per deck
        if blank is None and not notes.notes_text_frame.text:
            _blanks[presentation] = _BlankNotes(etree.tostring(notes._element))
        notes.notes_text_frame.text = text
        return
    blank.made += 1
    notes_part = NotesSlidePart(
        PackURI(f"/ppt/notesSlides/notesSlide_n{blank.made}.xml"),
        CT.PML_NOTES_SLIDE,
        part.package,
        parse_xml(blank.xml),
    )
    notes_part.relate_to(presentation.notes_master_part, RT.NOTES_MASTER)
    notes_part.relate_to(part, RT.SLIDE)
    part.relate_to(notes_part, RT.NOTES_SLIDE)
    notes_part.notes_slide.notes_text_frame.text = text
