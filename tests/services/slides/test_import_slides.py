"""Importing designed slides: drafts with fields, stable identity, versions, one transaction."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image
from pptx import Presentation

from enabler.domain.designed import ImportStatus
from enabler.domain.modules import ModuleKind, ModuleState, Stage
from enabler.services.slides import import_slides as import_service
from enabler.services.slides.import_slides import import_slides
from enabler.store import assets
from enabler.store import modules as module_store
from enabler.store.designed import slides as designed_store
from tests.render.designed_decks import designed_deck, dump, plain_deck, with_body_text

# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def deck(tmp_path):
    return designed_deck(tmp_path / "Q3 story.pptx")


def imported(db, path, **kwargs):
    return import_slides(db, path, thumbnails=False, **kwargs)


class DescribeImportSlides:
    def it_makes_a_draft_designed_module_per_slide(self, db, deck):
        result = imported(
            db, deck, owner="Mia", stages=[Stage.DECISION], industries=["Healthcare"], tags=["q3"]
        )
        assert [s.status for s in result.slides] == [ImportStatus.CREATED] * 4
        assert [s.title for s in result.slides] == [
            "Why {{ prospect.company }}?",
            "Savings",
            "Your team",
            "Watch",
        ]
        module = module_store.get_module(db, result.slides[0].module_key)
        assert (module.state, module.owner, module.stages) == (
            ModuleState.DRAFT,
            "Mia",
            (Stage.DECISION,),
        )
        assert (module.industries, module.tags) == (("Healthcare",), ("q3",))
        version = module_store.current_version(db, module)
        assert version.kind is ModuleKind.DESIGNED
        assert version.talking_points == "Ask {{ contact.first_name }} about the pilot"

    def it_lists_the_fields_each_slide_uses(self, db, deck):
        result = imported(db, deck)
        assert [s.fields for s in result.slides] == [
            ("contact.first_name", "prospect.company", "prospect.industry"),
            ("prospect.company", "prospect.region"),
            ("contact.name", "rep.name"),
            (),
        ]
        version = module_store.current_version(
            db, module_store.get_module(db, result.slides[1].module_key)
        )
        assert version.fields == ("prospect.company", "prospect.region")

    def it_lists_fields_no_deck_can_fill_and_tags_that_do_not_parse(self, db, tmp_path):
        path = plain_deck(
            tmp_path / "odd.pptx", ["{{ budget.total }} for {{ prospect.colour }}", "{{ x"]
        )
        result = imported(db, path)
        assert result.slides[0].unknown_fields == ("budget.total", "prospect.colour")
        assert result.slides[1].problems and "does not parse" in result.slides[1].problems[0]

    def it_knows_every_name_a_feature_adds_to_decks(self, db, tmp_path):
        path = plain_deck(tmp_path / "roi.pptx", ["NPV {{ roi.npv }}"])
        result = imported(db, path)
        assert result.slides[0].fields == ("roi.npv",)
        assert result.slides[0].unknown_fields == ()

    def it_keeps_each_slide_as_a_single_slide_pptx(self, db, deck):
        result = imported(db, deck)
        version = module_store.current_version(
            db, module_store.get_module(db, result.slides[1].module_key)
        )
        prs = Presentation(io.BytesIO(assets.get(db, version.source_blob)))
        assert len(prs.slides) == 1
        assert prs.slides[0].shapes.title.text == "Savings"
        assert any(shape.has_chart for shape in prs.slides[0].shapes)

    def it_reports_progress_slide_by_slide(self, db, deck):
        seen = []
        imported(db, deck, progress=lambda done, total, title: seen.append((done, total, title)))
        assert seen == [
            (1, 4, "Why {{ prospect.company }}?"),
            (2, 4, "Savings"),
            (3, 4, "Your team"),
            (4, 4, "Watch"),
        ]

    def it_removes_click_actions_that_start_programs(self, db, tmp_path):
        path = plain_deck(tmp_path / "act.pptx", ["Click me"])
        prs = Presentation(str(path))
        run = prs.slides[0].shapes.title.text_frame.paragraphs[0].runs[0]
        run.hyperlink.address = "https://example.com"
        run.hyperlink._hlinkClick.set("action", "ppaction://program")
        prs.save(str(path))
        result = imported(db, path)
        assert "start a program or macro" in result.slides[0].problems[0]
        version = module_store.current_version(
            db, module_store.get_module(db, result.slides[0].module_key)
        )
        assert b"ppaction://program" not in assets.get(db, version.source_blob)


class DescribeReimport:
    def it_changes_nothing_when_the_file_is_the_same(self, db, deck):
        first = imported(db, deck)
        again = imported(db, deck)
        assert [s.status for s in again.slides] == [ImportStatus.UNCHANGED] * 4
        assert [s.module_key for s in again.slides] == [s.module_key for s in first.slides]
        assert len(module_store.list_modules(db)) == 4

    def it_adds_a_version_for_a_changed_slide_and_a_module_for_a_new_one(self, db, deck):
        first = imported(db, deck)
        with_body_text(deck, 1, "Now with {{ prospect.employees }} staff")
        prs = Presentation(str(deck))
        prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Brand new"
        prs.save(str(deck))
        again = imported(db, deck)
        assert [s.status for s in again.slides] == [
            ImportStatus.UNCHANGED,
            ImportStatus.UPDATED,
            ImportStatus.UNCHANGED,
            ImportStatus.UNCHANGED,
            ImportStatus.CREATED,
        ]
        assert again.slides[1].module_key == first.slides[1].module_key
        assert again.slides[1].version == 2
        assert "prospect.employees" in again.slides[1].fields
        assert len(module_store.list_modules(db)) == 5

    def it_follows_slides_that_moved_in_the_file(self, db, deck):
        first = imported(db, deck)
        prs = Presentation(str(deck))
        ids = prs.slides._sldIdLst
        ids.append(ids[0])  # first slide moves to the end
        prs.save(str(deck))
        again = imported(db, deck)
        assert [s.module_key for s in again.slides] == [
            first.slides[n].module_key for n in (1, 2, 3, 0)
        ]
        assert {s.status for s in again.slides} == {ImportStatus.UNCHANGED}

    def it_gives_an_approved_module_a_draft_revision_reps_do_not_see(self, db, deck):
        first = imported(db, deck)
        module_id = first.slides[1].module_id
        db.execute("UPDATE modules SET state = 'approved' WHERE id = ?", [module_id])
        served = module_store.get_module(db, module_id).current_version_id
        with_body_text(deck, 1, "Edited")
        imported(db, deck)
        status = module_store.module_status(db, module_id)
        assert status.state is ModuleState.APPROVED
        assert status.current_version_id == served
        assert status.revision_state is ModuleState.DRAFT
        assert status.revision_version_id != served

    def it_skips_a_module_in_review_saying_why(self, db, deck):
        first = imported(db, deck)
        module_id = first.slides[1].module_id
        db.execute("UPDATE modules SET state = 'in_review' WHERE id = ?", [module_id])
        with_body_text(deck, 1, "Edited")
        again = imported(db, deck)
        assert again.slides[1].status is ImportStatus.SKIPPED
        assert "in review" in again.slides[1].reason
        assert designed_store.latest_fingerprint(db, module_id) != ""


class DescribeOneTransaction:
    def it_leaves_the_library_unchanged_when_a_slide_fails_to_store(self, db, deck, monkeypatch):
        imported(db, plain_deck(deck.parent / "other.pptx", ["Existing"]))
        before = dump(db)
        calls = []

        def failing(*args, **kwargs):
            calls.append(1)
            if len(calls) == 3:
                raise OSError("disk full")
            return real(*args, **kwargs)

        real = designed_store.create_designed
        monkeypatch.setattr(designed_store, "create_designed", failing)
        with pytest.raises(OSError):
            imported(db, deck)
        assert dump(db) == before


@pytest.mark.libreoffice
def test_thumbnails_come_from_libreoffice(db, deck, soffice):
    result = import_slides(db, plain_deck(deck.parent / "t.pptx", ["Hello", "World"]))
    assert all(s.thumbnail for s in result.slides)
    version = module_store.current_version(
        db, module_store.get_module(db, result.slides[0].module_key)
    )
    with Image.open(io.BytesIO(assets.get(db, version.thumbnail))) as im:
        assert im.format == "PNG" and im.width == 480


def test_no_thumbnails_without_libreoffice(db, deck, monkeypatch):
    monkeypatch.setattr("enabler.services.slides.thumbnails.soffice_binary", lambda: None)
    result = import_service.import_slides(db, deck)
    assert not any(s.thumbnail for s in result.slides)
    assert len(result.slides) == 4


def test_a_template_with_slides_imports_as_a_presentation(db, deck, tmp_path):
    potx = tmp_path / "brand.potx"
    with zipfile.ZipFile(deck) as src, zipfile.ZipFile(potx, "w") as dest:
        for name in src.namelist():
            data = src.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(b"presentation.main+xml", b"template.main+xml")
            dest.writestr(name, data)
    assert len(imported(db, potx).slides) == 4
