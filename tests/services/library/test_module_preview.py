"""The module editor's live preview: unsaved content filled for a prospect, on a one-slide deck."""

from __future__ import annotations

import io
import sys
import types

import pytest
from pptx import Presentation

from enabler.domain.modules import SmartLayout
from enabler.errors import NotFound
from enabler.services.deck.field_check import check_fields, field_roots
from enabler.services.library.module_preview import preview_module
from tests.helpers import slide_texts


def deck(preview):
    return Presentation(io.BytesIO(preview.pptx))


def filled(preview) -> dict[str, str]:
    return {t.label: t.text for t in preview.texts}


# fixtures -------------------------------------------------------------------------------


@pytest.fixture
def no_sketch(monkeypatch):
    """As if enabler.render.sketch.draw were not installed."""
    monkeypatch.setitem(sys.modules, "enabler.render.sketch.draw", None)


@pytest.fixture
def stub_sketch(monkeypatch):
    """A stand-in sketcher that records the slide it was given."""
    calls = []

    def sketch_slide(slide, width=480):
        calls.append((slide_texts(slide), width))
        return b"\x89PNG stub"

    module = types.ModuleType("enabler.render.sketch.draw")
    module.sketch_slide = sketch_slide
    monkeypatch.setitem(sys.modules, "enabler.render.sketch.draw", module)
    return calls


class DescribePreviewModule:
    def it_fills_unsaved_text_for_the_prospect_on_one_slide(self, small_library):
        content = {
            "title": "Hello {{ prospect.company }}",
            "bullets": ["For {{ contact.first_name }}", "Plain"],
        }
        p = preview_module(
            small_library,
            content,
            SmartLayout.BULLETS,
            "Acme Clinics",
            talking_points="Ask about {{ prospect.top_pain }}",
        )
        assert p.problems == ()
        assert filled(p) == {
            "Title": "Hello Acme Clinics",
            "Bullet 1": "For Jo",
            "Bullet 2": "Plain",
            "Talking points": "Ask about Slow claims",
        }
        prs = deck(p)
        assert len(prs.slides) == 1
        slide = prs.slides[0]
        assert slide.slide_layout.name == "Title and Bullets"
        assert slide_texts(slide) == ["Hello Acme Clinics", "For Jo\nPlain"]
        assert slide.notes_slide.notes_text_frame.text == "Ask about Slow claims"

    def it_lays_the_same_content_out_as_the_chosen_layout(self, small_library):
        content = {"title": "{{ prospect.company }}", "subtitle": "Why now"}
        prs = deck(preview_module(small_library, content, "section", "Acme Clinics"))
        assert prs.slides[0].slide_layout.name == "Section"
        assert slide_texts(prs.slides[0]) == ["Acme Clinics", "Why now"]

    def it_refuses_a_sandbox_escape_with_a_sentence_and_still_draws(self, small_library):
        content = {"title": "{{ ''.__class__.__mro__[1].__subclasses__() }}", "bullets": ["Fine"]}
        p = preview_module(small_library, content, SmartLayout.BULLETS, "Acme Clinics")
        assert len(p.problems) == 1
        assert "unsafe template refused" in p.problems[0]
        assert "Edit the module text" in p.problems[0]
        title = p.texts[0]
        assert title.problem == p.problems[0] and title.text == title.source
        # the slide still shows the rest, and the payload as typed (never its result)
        texts = slide_texts(deck(p).slides[0])
        assert texts[1] == "Fine"
        assert "subclasses" in texts[0] and "<class" not in texts[0]

    def it_names_a_field_the_prospect_cannot_fill(self, small_library):
        content = {"title": "Hi {{ contact.shoe_size }}"}
        p = preview_module(small_library, content, SmartLayout.SECTION, "Acme Clinics")
        assert p.problems == (
            "This module: field {{ contact.shoe_size }} has no value. Fill it in for this "
            "prospect or remove the module from the deck.",
        )

    def it_reports_a_broken_tag_instead_of_failing(self, small_library):
        p = preview_module(
            small_library, {"title": "{% for x in y %}"}, SmartLayout.SECTION, "Acme Clinics"
        )
        assert "template error" in p.problems[0]
        assert p.pptx is not None

    def it_reports_content_that_is_not_valid(self, small_library):
        p = preview_module(small_library, {"title": "T", "colour": "red"}, "bullets", "Acme")
        assert p.pptx is None and "cannot be shown" in p.problems[0]

    def it_says_which_prospect_is_unknown(self, small_library):
        with pytest.raises(NotFound, match="Nobody"):
            preview_module(small_library, {"title": "T"}, "bullets", "Nobody Inc")

    def it_sketches_the_filled_slide(self, small_library, stub_sketch):
        content = {"title": "{{ prospect.company }}"}
        p = preview_module(small_library, content, "section", "Acme Clinics", sketch_width=320)
        assert p.png == b"\x89PNG stub"
        assert stub_sketch == [(["Acme Clinics"], 320)]

    def it_simply_has_no_picture_without_the_sketcher(self, small_library, no_sketch):
        p = preview_module(small_library, {"title": "T"}, "bullets", "Acme Clinics")
        assert p.png is None
        assert p.pptx is not None and p.problems == ()


class DescribeCheckFields:
    def it_lists_fields_and_flags_unknown_ones_and_broken_tags(self, small_library):
        check = check_fields(
            [
                "{{ prospect.company }} and {{ prospect.shoe_size }}",
                "{{ glossary.lead }} {{ nonsense.x }}",
                "{% if %}",
            ],
            field_roots(),
        )
        assert check.fields == (
            "glossary.lead",
            "nonsense.x",
            "prospect.company",
            "prospect.shoe_size",
        )
        assert check.unknown == ("nonsense.x", "prospect.shoe_size")
        assert len(check.errors) == 1 and "{% if %}" in check.errors[0]

    def it_knows_the_fields_only_some_prospects_have(self, db):
        # the ROI provider fails without a real prospect, but a deck for one with a model fills
        # roi: an empty library must not flag it
        check = check_fields(["{{ roi.npv }}"], field_roots())
        assert check.fields == ("roi.npv",)
        assert check.unknown == ()
