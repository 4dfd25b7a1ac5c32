"""Slide previews of a plan: one PNG per slide, labelled, cached in memory and on disk."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from enabler.domain.modules import SmartContent, SmartLayout
from enabler.errors import RenderError
from enabler.services.deck.build import build_deck, plan_deck, render_plan
from enabler.services.slides import previews as slide_previews
from enabler.services.slides.preview_cache import PreviewCache, default_cache, default_folder
from enabler.services.slides.previews import (
    AGENDA_LABEL,
    TITLE_LABEL,
    Fidelity,
    PreviewsCancelled,
    preview_plan,
)
from tests.conftest import add_module

KEYS = ["why-section", "pillars", "proof"]


def size(png: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(png)).size


# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def cache(tmp_path):
    return PreviewCache(tmp_path / "previews")


@pytest.fixture
def renders(monkeypatch):
    """Counts real renders (a cache hit renders nothing)."""
    calls = []
    real = slide_previews.render_with_owners

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(slide_previews, "render_with_owners", counting)
    return calls


class DescribePreviewPlan:
    def it_makes_one_labelled_preview_per_slide(self, small_library, cache):
        plan = plan_deck(small_library, "Acme Clinics", KEYS)
        previews = preview_plan(small_library, plan, cache=cache, width=320)
        assert len(previews) == len(render_plan(small_library, plan).slides)
        assert [p.number for p in previews] == list(range(1, len(previews) + 1))
        assert (previews[0].label, previews[0].module_key) == (TITLE_LABEL, "")
        assert (previews[1].label, previews[1].module_key) == (AGENDA_LABEL, "")
        assert [p.module_key for p in previews[2:-1]] == KEYS
        assert (previews[-1].label, previews[-1].module_key) == ("Thank you", "")
        assert previews[3].label == "What Acme Clinics gets"  # the title, filled
        assert all(size(p.png) == (320, 180) for p in previews)

    def it_maps_modules_that_make_several_slides(self, demo_db, cache):
        plan = plan_deck(demo_db, "Northwind Health")
        previews = preview_plan(demo_db, plan, cache=cache, width=160)
        assert len(previews) == len(render_plan(demo_db, plan).slides)
        keys = [p.module_key for p in previews if p.module_key]
        assert list(dict.fromkeys(keys)) == [p.module.key for p in plan.modules]
        assert len(keys) > len(plan.modules)  # e.g. the objection appendix runs over

    def it_serves_the_second_call_from_the_cache(self, small_library, cache, renders):
        plan = plan_deck(small_library, "Acme Clinics", KEYS)
        first = preview_plan(small_library, plan, cache=cache)
        assert preview_plan(small_library, plan, cache=cache) is first
        again = PreviewCache(cache.folder)  # a new session: from disk
        assert preview_plan(small_library, plan, cache=again) == first
        assert len(renders) == 1

    def it_renders_again_when_an_override_changes(self, small_library, cache, renders):
        plan = plan_deck(small_library, "Acme Clinics", KEYS)
        first = preview_plan(small_library, plan, cache=cache)
        typed = plan_deck(
            small_library, "Acme Clinics", KEYS, overrides={"prospect.company": "Acme Group"}
        )
        second = preview_plan(small_library, typed, cache=cache)
        assert len(renders) == 2
        assert second[0].png != first[0].png  # the title slide names the company
        assert second[3].label == "What Acme Group gets"

    def it_renders_again_when_the_plan_changes(self, small_library, cache, renders):
        preview_plan(small_library, plan_deck(small_library, "Acme Clinics", KEYS), cache=cache)
        shorter = plan_deck(small_library, "Acme Clinics", KEYS[:2])
        assert len(preview_plan(small_library, shorter, cache=cache)) == 5  # with the closing
        assert len(renders) == 2

    def it_ignores_a_corrupt_cache_file(self, small_library, cache, renders):
        plan = plan_deck(small_library, "Acme Clinics", KEYS)
        first = preview_plan(small_library, plan, cache=cache)
        (entry,) = cache.folder.glob("*.zip")
        entry.write_bytes(b"PK\x03\x04 not really a zip")
        fresh = PreviewCache(cache.folder)
        assert preview_plan(small_library, plan, cache=fresh) == first
        assert len(renders) == 2
        assert PreviewCache(cache.folder).get(entry.stem) == first  # rewritten whole

    def it_shows_unfilled_fields_instead_of_failing(self, small_library, cache, tmp_path):
        add_module(
            small_library,
            "offer",
            SmartContent(SmartLayout.BULLETS, "Offer", bullets=("{{ fields.offer }}",)),
        )
        plan = plan_deck(small_library, "Acme Clinics", ["offer"])
        with pytest.raises(RenderError):
            build_deck(small_library, plan, tmp_path / "deck.pptx")
        previews = preview_plan(small_library, plan, cache=cache)
        assert [p.module_key for p in previews] == ["", "offer", ""]

    def it_stops_when_cancelled_and_caches_nothing(self, small_library, cache):
        plan = plan_deck(small_library, "Acme Clinics", KEYS)
        with pytest.raises(PreviewsCancelled):
            preview_plan(small_library, plan, cache=cache, cancelled=lambda: True)
        assert not cache.folder.exists() or not list(cache.folder.glob("*.zip"))

    @pytest.mark.slow
    @pytest.mark.libreoffice
    def it_rasterises_through_libreoffice_on_request(self, small_library, cache, soffice):
        plan = plan_deck(small_library, "Acme Clinics", KEYS)
        previews = preview_plan(
            small_library, plan, cache=cache, width=200, fidelity=Fidelity.LIBREOFFICE
        )
        sketches = preview_plan(small_library, plan, cache=cache, width=200)
        assert len(previews) == len(sketches) == 5
        assert size(previews[0].png)[0] == 200
        assert previews[0].png != sketches[0].png


class DescribeDefaultCache:
    def it_lives_in_the_folder_named_by_the_environment(self, monkeypatch, tmp_path):
        monkeypatch.setenv("ENABLER_CACHE_DIR", str(tmp_path / "c"))
        assert default_folder() == tmp_path / "c" / "previews"
        assert default_cache().folder == default_folder()

    def it_keeps_only_the_most_recently_used_files_on_disk(self, tmp_path):
        cache = PreviewCache(tmp_path, disk_entries=2)
        cache.put("a", ())
        cache.put("b", ())
        os.utime(tmp_path / "a.zip", (1000, 1000))  # a is older than b…
        os.utime(tmp_path / "b.zip", (2000, 2000))
        PreviewCache(tmp_path).get("a")  # …until it is read from disk
        cache.put("c", ())
        assert sorted(p.stem for p in tmp_path.glob("*.zip")) == ["a", "c"]

    def it_keeps_only_the_most_recent_entries_in_memory(self):
        cache = PreviewCache(None, capacity=2)
        for key in "abc":
            cache.put(key, ())
        assert cache.get("a") is None and cache.get("c") == ()
