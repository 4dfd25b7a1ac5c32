"""The deck scan resolves each list-style chain once per deck and measures as if it did not."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn

from enabler.export import deck_scan
from enabler.export.deck_scan import scan
from enabler.export.text_style import TextStyle
from enabler.services.deck.build import plan_deck, render_plan
from tests.conftest import CORPUS

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
TEXT = "Every intake document is classified and validated before it reaches a person. " * 2
# Corpus decks with inherited text properties, spacing, tables and groups.
CORPUS_DECKS = [
    "features_steps_test_files_ph-inherit-props.pptx",
    "features_steps_test_files_txt-paragraph-spacing.pptx",
    "features_steps_test_files_txt-font-props.pptx",
    "features_steps_test_files_txt-text-frame.pptx",
    "features_steps_test_files_tbl-cell.pptx",
    "features_steps_test_files_shp-groupshape.pptx",
    "tests_test_files_test.pptx",
]


class _Unshared(TextStyle):
    """The plain resolution: every text body works out its list styles on its own."""

    @classmethod
    def for_shape(cls, sp, bases, default_style, fonts, levels=None):
        return super().for_shape(sp, bases, default_style, fonts)

    @classmethod
    def for_cell(cls, txbody, default_style, fonts, levels=None):
        return super().for_cell(txbody, default_style, fonts)


def unshared_scan(prs, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(deck_scan, "TextStyle", _Unshared)
        return scan(prs)


def body_slide(prs, own_size: str | None = None):
    """A 'Title and Content' slide with TEXT in its body, optionally in its own list style."""
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Intake"
    body = slide.placeholders[1]
    body.text_frame.text = TEXT
    if own_size:
        lst = body.text_frame._txBody.find(qn("a:lstStyle"))
        lst.append(
            etree.fromstring(f'<a:lvl1pPr xmlns:a="{A}"><a:defRPr sz="{own_size}"/></a:lvl1pPr>')
        )
    return body


class DescribeSharedLevels:
    def it_keeps_a_shapes_own_list_style_apart_from_its_layouts(self):
        prs = Presentation()
        bodies = [body_slide(prs), body_slide(prs, "4000"), body_slide(prs)]
        first, own, last = (f for f in scan(prs).fits if f.shape == bodies[0].name)
        assert own.needed_pt > first.needed_pt * 1.3  # 40 pt text takes more room than 28 pt
        # The layout's chain, resolved once, is not spoilt by the shape measured before.
        assert (last.slide, own.slide) == (3, 2) and replace(last, slide=1) == first

    @pytest.mark.parametrize("company", ["Northwind Health", "Harborview Bank"])
    def it_measures_the_demo_decks_as_each_body_on_its_own(self, demo_db, company, monkeypatch):
        prs = render_plan(demo_db, plan_deck(demo_db, company))
        shared, alone = scan(prs), unshared_scan(prs, monkeypatch)
        assert shared.fits and shared == alone

    @pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")
    @pytest.mark.parametrize("name", CORPUS_DECKS)
    def it_measures_real_decks_as_each_body_on_its_own(self, name, monkeypatch):
        prs = Presentation(str(CORPUS / name))
        assert scan(prs) == unshared_scan(prs, monkeypatch)
