"""Real-world decks (python-pptx's own test files): each imports cleanly or is refused in one
line, and a deck assembled from everything that imported is valid."""

from __future__ import annotations

import pytest
from pptx import Presentation

from enabler.domain.prospects import Prospect
from enabler.errors import InvalidInput
from enabler.render.integrity import check_integrity
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.slides.import_slides import import_slides
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction
from tests.conftest import CORPUS
from tests.helpers import shape_ids_unique
from tests.render.designed_decks import pdf_pages

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")

# fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_deck(tmp_path_factory):
    """Import every corpus file into one library and build a deck of all imported slides."""
    from enabler.store.connection.db import open_db

    tmp = tmp_path_factory.mktemp("corpus")
    db = open_db(tmp / "library.db")
    with transaction(db):
        prospect_store.create(db, Prospect(id=0, company="Acme Clinics", industry="Healthcare"))
    refused, keys = {}, []
    files = sorted(p for p in CORPUS.iterdir() if p.suffix.lower() in (".pptx", ".pptm", ".potx"))
    for path in files:
        try:
            result = import_slides(db, path, thumbnails=False)
        except InvalidInput as exc:
            refused[path.name] = str(exc)
            continue
        keys += [s.module_key for s in result.slides]
    with db.conn:
        db.execute("UPDATE modules SET state = 'approved'")
    result = build_deck(db, plan_deck(db, "Acme Clinics", keys), tmp / "corpus.pptx")
    return files, refused, keys, result, tmp / "corpus.pptx"


class DescribeTheCorpus:
    def it_imports_each_file_or_refuses_it_in_one_line(self, corpus_deck):
        files, refused, keys, _, _ = corpus_deck
        assert len(keys) > 100
        for name, message in refused.items():
            assert message.startswith(f"{name}: ") and "\n" not in message
            assert "no slides to import" in message  # the corpus's only refusals: empty decks
        assert len(refused) < len(files) / 2

    def it_builds_one_valid_deck_from_everything_imported(self, corpus_deck):
        _, _, keys, result, path = corpus_deck
        assert result.slides == len(keys) + 2  # the title and closing slides
        assert check_integrity(path).problems == ()
        prs = Presentation(str(path))
        assert len(prs.slides) == result.slides
        assert shape_ids_unique(prs)

    @pytest.mark.slow
    @pytest.mark.libreoffice
    def it_converts_with_libreoffice_one_page_per_slide(self, corpus_deck, soffice, tmp_path):
        *_, result, path = corpus_deck
        assert len(pdf_pages(soffice, path, tmp_path)) == result.slides
