"""The demo deck on a customer template, as LibreOffice renders it: no words over each other,
none off the page (the check `make fidelity` runs on the real templates)."""

from __future__ import annotations

import pytest
from pptx import Presentation

from enabler.export.libreoffice import Converter
from enabler.export.pdf_words import pdf_words
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.slides.templates import install_template


@pytest.mark.libreoffice
class DescribeDemoDeckOnAForeignTemplate:
    def it_renders_without_overlapping_or_off_page_words(self, soffice, demo_db, tmp_path):
        template = tmp_path / "stock.pptx"
        Presentation().save(template)  # 4:3, PowerPoint's stock layout names, none of ours
        install_template(demo_db, template)
        result = build_deck(demo_db, plan_deck(demo_db, "Northwind Health"), tmp_path / "d.pptx")
        converter = Converter()
        try:
            pdf = converter.convert(result.path, tmp_path / "d.pdf")
        finally:
            converter.close()
        pages = pdf_words(pdf)
        assert len(pages) == result.slides
        assert [p.number for p in pages if p.collisions()] == []
        assert [(p.number, w.text) for p in pages for w in p.off_page()] == []
        assert not [f for f in result.preflight.findings if f.check.value == "off_slide"]
