"""The module editor's use cases: open, save as a new version, create (through the services)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from enabler.domain.modules import ModuleState, SmartContent, SmartLayout
from enabler.domain.profile import make_profile
from enabler.errors import Conflict, InvalidInput
from enabler.services.library import governance, revisions
from enabler.services.library.authoring import (
    create_module,
    editor_choices,
    open_module,
    save_module,
)
from enabler.store import audit
from enabler.store import modules as module_store
from tests.conftest import add_module

LENA = make_profile("Lena Brandt", "marketing")
DANA = make_profile("Dana Rep", "sales")
TODAY = dt.date(2026, 3, 1)


def edited(opened, **changes):
    content = changes.pop("content", {})
    return dataclasses.replace(opened.saved, content={**opened.saved.content, **content}, **changes)


# fixtures -------------------------------------------------------------------------------


@pytest.fixture
def library(db):
    add_module(
        db,
        "pillars",
        SmartContent(SmartLayout.BULLETS, "Pillars", bullets=("Fast", "Safe")),
        state=ModuleState.DRAFT,
        notes="Walk through",
    )
    add_module(db, "live", SmartContent(SmartLayout.SECTION, "Live", subtitle="Approved"))
    return db


class DescribeOpenModule:
    def it_starts_from_the_current_content_and_facets(self, library):
        opened = open_module(library, "pillars")
        assert opened.saved.content == {
            "layout": "bullets",
            "title": "Pillars",
            "bullets": ["Fast", "Safe"],
        }
        assert opened.saved.talking_points == "Walk through"
        assert opened.saved.stages == ("decision",)
        assert opened.saved.owner == "Marketing"
        assert opened.version == 1 and opened.locked == ""

    def it_says_why_a_module_in_review_cannot_be_edited(self, library):
        governance.submit(library, LENA, "pillars")
        assert "is in review" in open_module(library, "pillars").locked

    def it_lists_smart_modules_and_prospects(self, small_library):
        choices = editor_choices(small_library)
        assert {s.key for s in choices.modules} >= {"pillars", "proof", "draft"}
        assert [p.company for p in choices.prospects] == ["Acme Clinics"]
        assert "glossary" in choices.roots


class DescribeSaveModule:
    def it_saves_the_edit_as_a_new_draft_version(self, library):
        opened = open_module(library, "pillars")
        draft = edited(
            opened,
            content={"title": "Pillars for {{ prospect.company }}", "bullets": ["Fast"]},
            stages=("decision", "consideration"),
        )
        result = save_module(library, LENA, opened, draft, today=TODAY)
        assert result.version == 2
        again = open_module(library, "pillars")
        assert again.saved.content["title"] == "Pillars for {{ prospect.company }}"
        assert again.saved.content["bullets"] == ["Fast"]
        assert again.version == 2
        module = module_store.get_module(library, "pillars")
        assert [s.value for s in module.stages] == ["decision", "consideration"]
        assert [v.number for v in revisions.history(library, "pillars").versions] == [2, 1]

    def it_gives_an_approved_module_a_draft_revision(self, library):
        opened = open_module(library, "live")
        save_module(library, LENA, opened, edited(opened, content={"subtitle": "New"}))
        status = module_store.module_status(library, "live")
        assert status.state is ModuleState.APPROVED and status.has_revision
        current = module_store.current_version(library, module_store.get_module(library, "live"))
        assert current.content.subtitle == "Approved"  # reps keep the approved text

    def it_saves_owner_and_review_date_without_a_new_version(self, library):
        opened = open_module(library, "live")
        draft = edited(opened, owner="Owen Park", review_by=dt.date(2026, 9, 1))
        result = save_module(library, LENA, opened, draft, today=TODAY)
        assert result.version is None
        status = module_store.module_status(library, "live")
        assert (status.owner, status.review_by) == ("Owen Park", dt.date(2026, 9, 1))
        entry = audit.latest(library, entity="module")[0]
        assert (entry["actor"], entry["action"]) == ("Lena Brandt", "edit")
        assert json.loads(entry["after"]) == {"owner": "Owen Park", "review_by": "2026-09-01"}

    def it_refuses_a_save_over_someone_elses_change(self, library):
        opened = open_module(library, "pillars")
        other = open_module(library, "pillars")
        save_module(library, LENA, other, edited(other, content={"title": "Theirs"}))
        with pytest.raises(Conflict, match="changed by someone else"):
            save_module(library, LENA, opened, edited(opened, content={"title": "Mine"}))
        assert open_module(library, "pillars").saved.content["title"] == "Theirs"

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"content": {"title": " "}}, "Give the module a title"),
            ({"owner": ""}, "Name the module's owner"),
            ({"review_by": dt.date(2026, 1, 1)}, "review-by date in the future"),
            ({}, "Nothing has changed"),
        ],
    )
    def it_says_what_to_fix(self, library, change, message):
        opened = open_module(library, "pillars")
        with pytest.raises(InvalidInput, match=message):
            save_module(library, LENA, opened, edited(opened, **change), today=TODAY)
        assert open_module(library, "pillars").version == 1

    def it_is_for_marketing_only(self, library):
        opened = open_module(library, "pillars")
        with pytest.raises(InvalidInput, match="Only marketing"):
            save_module(library, DANA, opened, edited(opened, content={"title": "X"}))


class DescribeCreateModule:
    def it_creates_a_draft_smart_module(self, library):
        status = create_module(library, LENA, "pricing-overview", " Pricing ", "quote")
        assert status.state is ModuleState.DRAFT and status.owner == "Lena Brandt"
        assert open_module(library, "pricing-overview").saved.content == {
            "layout": "quote",
            "title": "Pricing",
        }

    @pytest.mark.parametrize(
        ("key", "title", "layout", "error", "message"),
        [
            ("pillars", "T", "quote", Conflict, "already exists"),
            ("Not A Key", "T", "quote", InvalidInput, "lower-case letters"),
            ("fine-key", "  ", "quote", InvalidInput, "title"),
            ("fine-key", "T", "poster", InvalidInput, "Unknown layout 'poster'"),
        ],
    )
    def it_refuses_bad_input(self, library, key, title, layout, error, message):
        with pytest.raises(error, match=message):
            create_module(library, LENA, key, title, layout)
        assert not module_store.module_exists(library, "fine-key")
