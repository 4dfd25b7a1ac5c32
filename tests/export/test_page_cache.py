"""Re-export through the page cache: only changed slides are rendered, and the PDF cannot be
told apart from a full export (same pdftoppm PNGs, same pdftotext, same outline)."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from enabler.export.libreoffice import Converter
from enabler.export.page_cache import PdfPageCache
from enabler.export.slide_keys import deck_keys
from enabler.services.deck.build import build_deck, plan_deck

pytestmark = pytest.mark.libreoffice


# fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def decks(tmp_path_factory, demo_db_file):
    """Northwind Health decks: as exported, after the rep changed, and one module shorter."""
    from enabler.store.connection.db import open_db

    folder = tmp_path_factory.mktemp("reexport")
    open_db(demo_db_file).conn.execute("VACUUM INTO ?", [str(folder / "lib.db")])
    db = open_db(folder / "lib.db")
    keys = [p.module.key for p in plan_deck(db, "Northwind Health").modules[:3]]
    made = {}
    for name, plan in (
        ("before", plan_deck(db, "Northwind Health", keys)),
        ("after", plan_deck(db, "Northwind Health", keys, rep="Zed Quinn")),
        ("shorter", plan_deck(db, "Northwind Health", keys[:2], rep="Zed Quinn")),
    ):
        made[name] = build_deck(db, plan, folder / f"{name}.pptx").path
    return made


@pytest.fixture(scope="module")
def warm():
    conv = Converter(timeout=120)
    yield conv
    conv.close()


def slide_count(deck: Path) -> int:
    return len(deck_keys(deck).slides)


def looks(pdf: Path, folder: Path) -> tuple[list[str], str, list[str]]:
    """What a reader sees: page images at 50 dpi, the text, the outline titles."""
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(folder / "p")], check=True)
    pngs = [hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.png"))]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    titles = [item.title for item in PdfReader(str(pdf)).outline]
    return pngs, text.decode(), titles


class DescribePdfPageCache:
    def it_renders_only_the_changed_slides_and_matches_a_full_export(
        self, soffice, warm, decks, tmp_path
    ):
        cache = PdfPageCache(warm, tmp_path / "cache")
        first = cache.export(decks["before"], tmp_path / "deck.pdf")
        changed = deck_keys(decks["after"]).changed_since(deck_keys(decks["before"]))
        again = cache.export(decks["after"], tmp_path / "deck.pdf")
        warm.convert(decks["after"], tmp_path / "full.pdf")

        total = slide_count(decks["after"])
        assert first.rendered == tuple(range(1, total + 1)) and first.reused == 0
        assert changed and again.rendered == tuple(n + 1 for n in changed)
        assert again.reused == total - len(changed) > 0
        spliced = looks(tmp_path / "deck.pdf", tmp_path / "spliced")
        full = looks(tmp_path / "full.pdf", tmp_path / "full")
        assert spliced == full
        assert "Zed Quinn" in spliced[1] and len(spliced[0]) == total

    def it_reuses_every_page_when_nothing_changed(self, soffice, warm, decks, tmp_path):
        cache = PdfPageCache(warm, tmp_path / "cache")
        cache.export(decks["before"], tmp_path / "deck.pdf")
        starts = warm.starts
        again = cache.export(decks["before"], tmp_path / "deck.pdf")
        total = slide_count(decks["before"])
        assert again.rendered == () and again.reused == total
        assert warm.starts == starts
        assert len(PdfReader(str(tmp_path / "deck.pdf")).pages) == total

    def it_exports_the_whole_deck_when_a_slide_is_added_or_removed(
        self, soffice, warm, decks, tmp_path
    ):
        cache = PdfPageCache(warm, tmp_path / "cache")
        cache.export(decks["after"], tmp_path / "deck.pdf")
        shorter = cache.export(decks["shorter"], tmp_path / "deck.pdf")
        total = slide_count(decks["shorter"])
        assert total < slide_count(decks["after"])
        assert shorter.rendered == tuple(range(1, total + 1)) and shorter.reused == 0
        assert len(PdfReader(str(tmp_path / "deck.pdf")).pages) == total
