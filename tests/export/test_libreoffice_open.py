"""Built decks open in LibreOffice: convert one and check the pages and text."""

from __future__ import annotations

import subprocess

import pytest
from pptx import Presentation
from pypdf import PdfReader

from enabler.services.deck.build import build_deck, plan_deck


def convert(soffice, pptx, out_dir, profile):
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(pptx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out_dir / (pptx.stem + ".pdf")


@pytest.mark.libreoffice
def test_demo_deck_converts_with_one_page_per_slide(soffice, demo_db, tmp_path):
    deck = tmp_path / "northwind.pptx"
    build_deck(demo_db, plan_deck(demo_db, "Northwind Health"), deck)
    pdf = convert(soffice, deck, tmp_path, tmp_path / "profile")
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == len(Presentation(str(deck)).slides)
    first_page = reader.pages[0].extract_text()
    assert "Northwind Health" in first_page
