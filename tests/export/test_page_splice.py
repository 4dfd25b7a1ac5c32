"""Splicing pages: the replaced page objects keep their place; unsafe cases are refused."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from enabler.export.page_splice import SpliceRefused, splice_pages

# fixtures -------------------------------------------------------------------------------------


def make_pdf(path: Path, words: list[str], size=(720, 540), outline: bool = True) -> Path:
    """One page per word, its content stream naming the word; an outline entry per page."""
    pdf = pikepdf.new()
    for word in words:
        pdf.add_blank_page(page_size=size)
        page = pdf.pages[-1]
        page.obj.Contents = pdf.make_stream(f"% {word}\n".encode())
    if outline:
        with pdf.open_outline() as tree:
            for n, word in enumerate(words):
                tree.root.append(pikepdf.OutlineItem(word, n))
    pdf.save(path)
    return path


def contents(path: Path) -> list[bytes]:
    with pikepdf.open(path) as pdf:
        return [bytes(p.obj.Contents.read_bytes()) for p in pdf.pages]


class DescribeSplicePages:
    def it_replaces_pages_in_place_and_retitles_their_outline_entries(self, tmp_path):
        base = make_pdf(tmp_path / "base.pdf", ["one", "two", "three"])
        fresh = make_pdf(tmp_path / "fresh.pdf", ["TWO"])
        out = tmp_path / "out.pdf"
        out.write_bytes(splice_pages(base, fresh, [1]))
        assert contents(out) == [b"% one\n", b"% TWO\n", b"% three\n"]
        with pikepdf.open(out) as pdf, pdf.open_outline() as tree:
            assert [item.title for item in tree.root] == ["one", "TWO", "three"]

    def it_refuses_a_page_with_links(self, tmp_path):
        base = make_pdf(tmp_path / "base.pdf", ["one", "two"])
        with pikepdf.open(base, allow_overwriting_input=True) as pdf:
            pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array())
            pdf.save(base)
        fresh = make_pdf(tmp_path / "fresh.pdf", ["ONE"])
        with pytest.raises(SpliceRefused, match="links"):
            splice_pages(base, fresh, [0])

    def it_refuses_a_page_of_another_size(self, tmp_path):
        base = make_pdf(tmp_path / "base.pdf", ["one", "two"])
        fresh = make_pdf(tmp_path / "fresh.pdf", ["ONE"], size=(612, 792))
        with pytest.raises(SpliceRefused, match="size"):
            splice_pages(base, fresh, [0])

    def it_refuses_when_only_one_side_has_an_outline(self, tmp_path):
        base = make_pdf(tmp_path / "base.pdf", ["one", "two"])
        fresh = make_pdf(tmp_path / "fresh.pdf", ["ONE"], outline=False)
        with pytest.raises(SpliceRefused, match="outline"):
            splice_pages(base, fresh, [0])
