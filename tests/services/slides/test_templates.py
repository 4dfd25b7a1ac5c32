"""Bring your own brand template: decks are built on it, smart and designed slides alike."""

from __future__ import annotations

import io
import zipfile

import pytest
from pptx import Presentation

from enabler.errors import InvalidInput
from enabler.render.integrity import check_integrity
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.slides.templates import (
    install_template,
    installed_template,
    remove_template,
    template_info,
)
from tests.helpers import all_text, summary
from tests.render.designed_decks import designed_deck, import_approved, pdf_pages

# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def customer_template(tmp_path):
    """PowerPoint's stock layouts (python-pptx's default template) with one example slide."""
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Example slide"
    prs.save(str(tmp_path / "Contoso.pptx"))
    return tmp_path / "Contoso.pptx"


def as_potx(path, dest):
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(dest, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(b"presentation.main+xml", b"template.main+xml")
            out.writestr(name, data)
    return dest


class DescribeInstallTemplate:
    def it_stores_the_template_without_its_example_slides(self, db, customer_template):
        info = install_template(db, customer_template, actor="Mia")
        assert info.name == "Contoso.pptx"
        assert "Title and Content" in info.layouts and info.installed_by == "Mia"
        prs = Presentation(io.BytesIO(installed_template(db)))
        assert len(prs.slides) == 0
        assert check_integrity(installed_template(db)).ok

    def it_accepts_a_potx(self, db, customer_template, tmp_path):
        info = install_template(db, as_potx(customer_template, tmp_path / "Contoso.potx"))
        assert info.name == "Contoso.potx"
        assert len(info.layouts) == 11

    def it_goes_back_to_the_brand_template_on_remove(self, db, customer_template):
        install_template(db, customer_template)
        remove_template(db)
        assert template_info(db) is None and installed_template(db) is None

    def it_refuses_a_file_that_is_not_a_presentation(self, db, tmp_path):
        (tmp_path / "x.potx").write_text("nope")
        with pytest.raises(InvalidInput, match="not a PowerPoint file"):
            install_template(db, tmp_path / "x.potx")
        assert template_info(db) is None

    def it_refuses_a_template_with_no_usable_layout_and_keeps_the_installed_one(
        self, db, customer_template, tmp_path
    ):
        install_template(db, customer_template)
        before = template_info(db)
        prs = Presentation()
        for layout in prs.slide_layouts:
            for ph in list(layout.placeholders):
                ph._element.getparent().remove(ph._element)
        prs.save(str(tmp_path / "Bare.pptx"))
        with pytest.raises(InvalidInput, match="none of its 11 layouts has a title"):
            install_template(db, tmp_path / "Bare.pptx")
        assert template_info(db) == before


class DescribeDecksOnAnInstalledTemplate:
    @pytest.fixture
    def built(self, small_library, customer_template, tmp_path):
        keys = import_approved(small_library, designed_deck(tmp_path / "designed.pptx"))
        install_template(small_library, customer_template)
        order = ["why-section", "pillars", keys[1], "proof", keys[2]]
        plan = plan_deck(small_library, "Acme Clinics", order)
        result = build_deck(small_library, plan, tmp_path / "deck.pptx")
        return result, tmp_path / "deck.pptx"

    def it_lays_smart_and_designed_slides_on_the_templates_layouts(self, built):
        result, path = built
        layouts = [row["layout"] for row in summary(path)]
        assert layouts == [
            "Title Slide",
            "Title and Content",  # the agenda
            "Section Header",
            "Title and Content",
            "Title and Bullets",  # designed: keeps its source layout (source formatting)
            "Picture with Caption",
            "Title Only",
            "Title Slide",  # the closing contact slide
        ]
        assert result.slides == 8

    def it_keeps_every_text_including_what_has_no_slot_there(self, built):
        _, path = built
        text = all_text(path)
        for expected in (
            "Brightwave for Acme Clinics",
            "Prepared for Jo Buyer, CFO",
            "Dana Rep · ",  # the brand's date slot has no twin: it gets a text box
            "What Acme Clinics gets",
            "Why Acme Clinics?",
        ):
            assert expected in text
        chart = next(s for s in Presentation(str(path)).slides[6].shapes if s.has_chart).chart
        assert chart.chart_title.text_frame.text == "Hours saved at Acme Clinics"

    @pytest.mark.libreoffice
    def it_writes_a_valid_deck_libreoffice_can_convert(self, built, soffice, tmp_path):
        result, path = built
        assert check_integrity(path).ok
        assert len(pdf_pages(soffice, path, tmp_path)) == result.slides
