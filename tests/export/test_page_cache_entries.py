"""The page cache's bookkeeping, with a stub converter (no LibreOffice)."""

from __future__ import annotations

from pathlib import Path

from enabler.export.page_cache import PdfPageCache
from tests.export.test_slide_keys import make_deck


class StubConverter:
    """Counts conversions and writes a PDF-looking file naming its source."""

    def __init__(self):
        self.calls = 0

    def convert(self, src, dst):
        self.calls += 1
        Path(dst).write_bytes(b"%PDF-1.4 from " + Path(src).name.encode())
        return Path(dst)


class DescribePageCacheEntries:
    def it_reuses_the_pdf_of_an_unchanged_deck(self, tmp_path):
        deck = make_deck(tmp_path / "a.pptx", ["One", "Two"])
        stub = StubConverter()
        cache = PdfPageCache(stub, tmp_path / "cache")
        cache.export(deck, tmp_path / "a.pdf")
        again = cache.export(deck, tmp_path / "a.pdf")
        assert stub.calls == 1 and again.rendered == () and again.reused == 2
        assert (tmp_path / "a.pdf").read_bytes() == b"%PDF-1.4 from a.pptx"

    def it_converts_again_when_the_kept_pdf_was_altered(self, tmp_path):
        deck = make_deck(tmp_path / "a.pptx", ["One", "Two"])
        stub = StubConverter()
        cache = PdfPageCache(stub, tmp_path / "cache")
        cache.export(deck, tmp_path / "a.pdf")
        (kept,) = (tmp_path / "cache").glob("*.pdf")
        kept.write_bytes(b"%PDF-1.4 something else")
        again = cache.export(deck, tmp_path / "a.pdf")
        assert stub.calls == 2 and again.rendered == (1, 2)

    def it_keeps_one_entry_per_target(self, tmp_path):
        stub = StubConverter()
        cache = PdfPageCache(stub, tmp_path / "cache")
        for name in ("a", "b"):
            deck = make_deck(tmp_path / f"{name}.pptx", ["One"])
            cache.export(deck, tmp_path / "out.pdf")
            cache.export(deck, tmp_path / f"{name}.pdf")
        assert len(list((tmp_path / "cache").glob("*.pdf"))) == 3
        assert len(list((tmp_path / "cache").glob("*.json"))) == 3

    def it_leaves_an_unreadable_deck_to_the_converter(self, tmp_path):
        broken = tmp_path / "broken.pptx"
        broken.write_bytes(b"not a zip")
        stub = StubConverter()
        PdfPageCache(stub, tmp_path / "cache").export(broken, tmp_path / "x.pdf")
        assert stub.calls == 1 and not list((tmp_path / "cache").glob("*"))
