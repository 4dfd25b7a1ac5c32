"""Deck → PDF as a use case: preflight gates the conversion; batches and the CLI."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from enabler.domain.modules import SmartContent, SmartLayout
from enabler.errors import ExportFailed, InvalidInput
from enabler.export.libreoffice import Conversion
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.export import deck_to_pdf, export_pdfs
from tests.conftest import add_module, run_cli

LONG = "Every intake document is classified, extracted and validated before it reaches a person"


class StubConverter:
    """Records conversions and writes a tiny PDF, so gating can be tested without LibreOffice."""

    def __init__(self):
        self.calls = []

    def convert(self, src, dst):
        self.calls.append((src, dst))
        dst.write_bytes(b"%PDF-1.4 stub")
        return dst

    def convert_many(self, jobs):
        return [Conversion(src, self.convert(src, dst)) for src, dst in jobs]


@pytest.fixture
def decks(small_library, tmp_path):
    add_module(
        small_library,
        "wall-of-text",
        SmartContent(SmartLayout.BULLETS, "Everything", bullets=(LONG,) * 30),
    )
    good = build_deck(
        small_library, plan_deck(small_library, "Acme Clinics", ["pillars"]), tmp_path / "good.pptx"
    )
    bad = build_deck(
        small_library,
        plan_deck(small_library, "Acme Clinics", ["wall-of-text"]),
        tmp_path / "bad.pptx",
    )
    return good, bad


class DescribeExportPdfs:
    def it_blocks_a_deck_with_preflight_errors(self, small_library, decks, tmp_path):
        good, bad = decks
        stub = StubConverter()
        results = export_pdfs([good.path, bad.path], db=small_library, converter=stub)
        assert [r.ok for r in results] == [True, False]
        assert results[0].pdf == tmp_path / "good.pdf"
        assert "preflight found 1 error" in results[1].error
        assert results[1].error.endswith("or export anyway")
        assert [src for src, _ in stub.calls] == [good.path]
        assert not (tmp_path / "bad.pdf").exists()

    def it_exports_anyway_when_forced(self, small_library, decks, tmp_path):
        stub = StubConverter()
        (result,) = export_pdfs([decks[1].path], db=small_library, force=True, converter=stub)
        assert result.ok and result.preflight.errors
        assert result.pdf == tmp_path / "bad.pdf"

    def it_names_one_pdf_only_for_one_deck(self, small_library, decks, tmp_path):
        with pytest.raises(InvalidInput, match="single PDF"):
            export_pdfs([d.path for d in decks], out=tmp_path / "x.pdf", converter=StubConverter())

    def it_reports_a_broken_deck_and_goes_on(self, small_library, decks, tmp_path):
        broken = tmp_path / "broken.pptx"
        broken.write_bytes(b"garbage")
        results = export_pdfs([broken, decks[0].path], db=small_library, converter=StubConverter())
        assert [r.ok for r in results] == [False, True]
        assert "broken.pptx: not a PowerPoint file" in results[0].error

    def it_refuses_a_just_built_deck_with_errors(self, decks):
        with pytest.raises(ExportFailed, match=r"No PDF for bad\.pptx: preflight found 1 error"):
            deck_to_pdf(decks[1].path, decks[1].preflight, converter=StubConverter())

    def it_reuses_the_last_pdf_of_an_unchanged_deck(self, decks):
        stub = StubConverter()
        first = deck_to_pdf(decks[0].path, decks[0].preflight, converter=stub)
        first.write_bytes(b"%PDF-1.4 overwritten by hand")  # the cache keeps its own copy
        again = deck_to_pdf(decks[0].path, decks[0].preflight, converter=stub)
        assert len(stub.calls) == 1
        assert again.read_bytes() == b"%PDF-1.4 stub"
        deck_to_pdf(decks[0].path, decks[0].preflight, converter=stub, reuse_pages=False)
        assert len(stub.calls) == 2

    def it_reuses_the_last_pdf_when_one_deck_is_named(self, decks, tmp_path):
        stub = StubConverter()
        export_pdfs([decks[0].path], out=tmp_path / "one.pdf", converter=stub)
        export_pdfs([decks[0].path], out=tmp_path / "one.pdf", converter=stub)
        assert len(stub.calls) == 1


@pytest.mark.libreoffice
class DescribeCommands:
    def it_builds_with_a_pdf_and_converts_a_batch(self, soffice, small_library, decks, tmp_path):
        db = tmp_path / "library.db"
        deck = tmp_path / "built.pptx"
        built = run_cli(
            "build",
            "--prospect",
            "Acme Clinics",
            "--modules",
            "pillars,proof",
            "--out",
            deck,
            "--pdf",
            "--db",
            db,
        )
        assert built.returncode == 0, built.stderr
        assert f"PDF: {tmp_path / 'built.pdf'}" in built.stdout
        assert len(PdfReader(str(tmp_path / "built.pdf")).pages) == 4  # title, 2, closing

        blocked = run_cli(
            "build",
            "--prospect",
            "Acme Clinics",
            "--modules",
            "wall-of-text",
            "--out",
            tmp_path / "wall.pptx",
            "--pdf",
            "--db",
            db,
        )
        assert blocked.returncode == 1 and "--force" in blocked.stderr
        assert (tmp_path / "wall.pptx").exists() and not (tmp_path / "wall.pdf").exists()

        batch = run_cli("pdf", decks[0].path, deck, "--db", db)
        assert batch.returncode == 0, batch.stderr
        assert "Acme Clinics" in PdfReader(str(tmp_path / "good.pdf")).pages[0].extract_text()
        assert batch.stdout.count("Wrote ") == 2
