"""A batch converts across several warm offices; one deck at a time uses one."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pypdf import PdfReader

from enabler.export.pool import ConverterPool
from enabler.services.deck.build import build_deck, plan_deck

pytestmark = pytest.mark.libreoffice


def test_a_batch_uses_two_offices_and_keeps_job_order(soffice, small_library, tmp_path):
    decks = []
    for n, keys in enumerate((["pillars"], ["why-section"], ["proof"], ["pillars", "proof"])):
        path = tmp_path / f"d{n}.pptx"
        build_deck(small_library, plan_deck(small_library, "Acme Clinics", keys), path)
        decks.append(path)
    pool = ConverterPool(2, timeout=120)
    try:
        pool.convert(decks[0], tmp_path / "single.pdf")
        pool.convert(decks[1], tmp_path / "single.pdf")
        assert pool.starts == 1  # one deck at a time never starts a second office
        bad = tmp_path / "bad.pptx"
        bad.write_bytes(b"nope")
        jobs = [(d, tmp_path / f"{d.stem}.pdf") for d in decks] + [(bad, tmp_path / "bad.pdf")]
        results = pool.convert_many(jobs)
    finally:
        pool.close()
    assert [r.source for r in results] == [*decks, bad]
    assert [bool(r.pdf) for r in results] == [True, True, True, True, False]
    assert pool.starts == 2
    pages = [len(PdfReader(str(r.pdf)).pages) for r in results[:4]]
    assert pages == [len(Presentation(str(d)).slides) for d in decks]
