"""Slide keys: what each PDF page depends on, read from the package."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from enabler.export.slide_keys import DeckKeys, deck_keys

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "brand.pptx"


# fixtures -------------------------------------------------------------------------------------


def make_deck(path: Path, titles: list[str]) -> Path:
    prs = Presentation(str(TEMPLATE))
    for title in titles:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = title
        slide.notes_slide.notes_text_frame.text = f"notes for {title}"
    prs.save(str(path))
    return path


def with_part(deck: Path, name: str, blob: bytes, out: Path) -> Path:
    """A copy of `deck` with the part `name` replaced by `blob`."""
    with zipfile.ZipFile(deck) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, blob if info.filename == name else src.read(info))
    return out


class DescribeDeckKeys:
    def it_gives_equal_decks_equal_keys(self, tmp_path):
        a = deck_keys(make_deck(tmp_path / "a.pptx", ["One", "Two", "Three"]))
        b = deck_keys(make_deck(tmp_path / "b.pptx", ["One", "Two", "Three"]))
        assert a == b
        assert len(set(a.slides)) == 3  # the page number alone tells equal slides apart

    def it_names_the_slides_whose_pages_changed(self, tmp_path):
        a = deck_keys(make_deck(tmp_path / "a.pptx", ["One", "Two", "Three"]))
        b = deck_keys(make_deck(tmp_path / "b.pptx", ["One", "Deux", "Three"]))
        assert b.changed_since(a) == (1,)

    def it_ignores_speaker_notes(self, tmp_path):
        deck = make_deck(tmp_path / "a.pptx", ["One", "Two"])
        with zipfile.ZipFile(deck) as package:
            notes = next(n for n in package.namelist() if n.startswith("ppt/notesSlides/n"))
            blob = package.read(notes).replace(b"notes for One", b"other words")
        edited = with_part(deck, notes, blob, tmp_path / "b.pptx")
        assert deck_keys(edited).changed_since(deck_keys(deck)) == ()

    def it_sees_a_layout_change_on_every_slide_that_uses_it(self, tmp_path):
        deck = make_deck(tmp_path / "a.pptx", ["One", "Two"])
        with zipfile.ZipFile(deck) as package:
            blob = package.read("ppt/slideLayouts/slideLayout2.xml")
        edited = with_part(
            deck,
            "ppt/slideLayouts/slideLayout2.xml",
            blob.replace(b"<p:cSld", b"<p:cSld "),
            tmp_path / "b.pptx",
        )
        assert deck_keys(edited).changed_since(deck_keys(deck)) == (0, 1)

    def it_keys_an_embedded_workbook_by_its_content_not_its_dates(self, tmp_path):
        def workbook(created: str) -> bytes:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as book:
                book.writestr("xl/workbook.xml", "<workbook/>")
                book.writestr("docProps/core.xml", f"<created>{created}</created>")
            return buffer.getvalue()

        deck = make_deck(tmp_path / "a.pptx", ["One"])
        with zipfile.ZipFile(deck) as package:
            rels = package.read("ppt/slides/_rels/slide1.xml.rels")
        rels = rels.replace(
            b"</Relationships>",
            b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/package" Target="../embeddings/book.xlsx"/></Relationships>',
        )
        linked = with_part(deck, "ppt/slides/_rels/slide1.xml.rels", rels, tmp_path / "l.pptx")

        def embedded(created: str, name: str) -> DeckKeys:
            out = tmp_path / name
            with zipfile.ZipFile(linked) as src, zipfile.ZipFile(out, "w") as dst:
                for info in src.infolist():
                    dst.writestr(info.filename, src.read(info))
                dst.writestr("ppt/embeddings/book.xlsx", workbook(created))
            return deck_keys(out)

        assert embedded("2026-01-01", "x.pptx") == embedded("2026-12-31", "y.pptx")

    def it_asks_for_a_full_export_when_the_slide_count_changes(self, tmp_path):
        a = deck_keys(make_deck(tmp_path / "a.pptx", ["One", "Two"]))
        b = deck_keys(make_deck(tmp_path / "b.pptx", ["One", "Two", "Three"]))
        assert b.changed_since(a) is None

    @pytest.mark.parametrize("size", [(9144000, 6858000)])
    def it_asks_for_a_full_export_when_the_slide_size_changes(self, tmp_path, size):
        a_path = make_deck(tmp_path / "a.pptx", ["One"])
        prs = Presentation(str(a_path))
        prs.slide_width, prs.slide_height = size
        prs.save(str(tmp_path / "b.pptx"))
        assert deck_keys(tmp_path / "b.pptx").changed_since(deck_keys(a_path)) is None
