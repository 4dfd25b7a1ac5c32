"""A build computes only the context data its plan can show, and gets the same deck for it."""

from __future__ import annotations

import pytest
from pptx import Presentation

from enabler.domain.modules import SmartContent, SmartLayout
from enabler.export.deck_scan import scan
from enabler.render import deck as deck_render
from enabler.render.templating.context_reads import plan_reads
from enabler.services.deck.build import build_deck, plan_deck, render_plan
from enabler.services.deck.context import CONTEXT_PROVIDERS, PROVIDED_NAMES, template_context
from enabler.services.deck.preflight import check_presentation, planned_modules
from enabler.store import assets
from tests.conftest import add_module

PROSPECT = "Northwind Health"  # the demo prospect with ROI model, objections and worksheets
# Smart modules of the demo library across its text layouts (no generated slides).
SMART_KEYS = [
    "awareness-section",
    "value-pillars",
    "cost-of-manual-work",
    "benchmark-rekeying",
    "awareness-peer-quote",
    "messaging-by-persona",
    "demo-dashboard",
    "consideration-next-steps",
]
# A text using every provider's data.
USES_DATA = SmartContent(
    SmartLayout.BULLETS,
    "Your case, {{ contact.first_name }}",
    bullets=(
        "NPV {{ roi.npv_text }}",
        "{{ objections | length }} objections, {{ battlecards | length }} battlecards",
        "Fit {{ criteria.fit_percent }} %, {{ action_plan.total }} steps",
        "{{ contacts | length }} contacts; SLA means {{ glossary.decision }}",
    ),
)


def summary(prs) -> list:
    """Each slide's layout, shape names and texts, and notes."""
    out = []
    for slide in prs.slides:
        shapes = [(s.name, s.text_frame.text if s.has_text_frame else "") for s in slide.shapes]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append((slide.slide_layout.name, shapes, notes))
    return out


def with_every_provider(db, plan):
    """The deck as built before providers could be skipped: the full context."""
    return deck_render.assemble(plan, template_context(db, plan), lambda s: assets.get(db, s))


class DescribeTemplateContext:
    def it_skips_providers_whose_names_the_plan_does_not_read(self, demo_db):
        plan = plan_deck(demo_db, PROSPECT, SMART_KEYS)
        full = template_context(demo_db, plan)
        lean = template_context(demo_db, plan, plan_reads(plan))
        skipped = {"roi", "objections", "battlecards", "criteria", "action_plan", "glossary"}
        assert skipped | {"contacts"} <= full.keys()
        assert not (skipped | {"contacts"}) & lean.keys()
        assert {k: v for k, v in full.items() if k in lean} == lean

    def it_runs_a_provider_when_a_text_reads_its_name(self, demo_db):
        plan = plan_deck(demo_db, PROSPECT, ["value-pillars"])
        lean = template_context(demo_db, plan, frozenset({"prospect", "roi"}))
        assert lean["roi"] == template_context(demo_db, plan)["roi"]
        assert "objections" not in lean

    @pytest.mark.parametrize("company", ["Northwind Health", "Harborview Bank", "Alder Precision"])
    def it_knows_every_name_each_provider_adds(self, demo_db, company):
        # A provider adding a name it does not declare would be skipped for a text using it.
        plan = plan_deck(demo_db, company, ["value-pillars"], overrides={"roi.npv": "x"})
        for provider in CONTEXT_PROVIDERS:
            if provider in PROVIDED_NAMES:
                assert provider(demo_db, plan).keys() <= PROVIDED_NAMES[provider], provider


class DescribeLeanBuilds:
    @pytest.mark.parametrize("with_data", [False, True])
    def it_renders_the_same_deck_and_preflight_as_with_every_provider(self, demo_db, with_data):
        keys = list(SMART_KEYS)
        if with_data:
            add_module(demo_db, "uses-data", USES_DATA, notes="Ask about {{ roi.payback_text }}")
            keys.append("uses-data")
        plan = plan_deck(demo_db, PROSPECT, keys)
        lean, full = render_plan(demo_db, plan), with_every_provider(demo_db, plan)
        assert summary(lean) == summary(full)
        lean_scan, full_scan = scan(lean), scan(full)
        assert lean_scan.texts == full_scan.texts and lean_scan.fits == full_scan.fits
        assert lean_scan.images == full_scan.images
        modules = planned_modules(plan)
        assert check_presentation(lean, demo_db, modules=modules) == check_presentation(
            full, demo_db, modules=modules
        )
        if with_data:
            shown = [text for _, shapes, _ in summary(lean) for _, text in shapes]
            assert any(t.startswith("NPV $") for t in "\n".join(shown).splitlines())

    def it_builds_a_deck_whose_texts_use_provider_data(self, demo_db, tmp_path):
        add_module(demo_db, "uses-data", USES_DATA)
        plan = plan_deck(demo_db, PROSPECT, ["uses-data"])
        result = build_deck(demo_db, plan, tmp_path / "deck.pptx")
        body = "\n".join(
            s.text_frame.text for s in Presentation(str(result.path)).slides[1].placeholders
        )
        full = template_context(demo_db, plan)
        assert f"NPV {full['roi']['npv_text']}" in body
        assert (
            f"{len(full['objections'])} objections, {len(full['battlecards'])} battlecards" in body
        )
        assert full["objections"] and full["contacts"]  # the demo prospect has both


class Stop(Exception):
    pass


class DescribeBuildProgress:
    def it_reports_each_module_then_the_checks_and_the_write(self, demo_db, tmp_path):
        plan = plan_deck(demo_db, PROSPECT, SMART_KEYS)
        heard: list[tuple[int, int, str]] = []
        build_deck(demo_db, plan, tmp_path / "deck.pptx", progress=lambda *a: heard.append(a))
        total = len(SMART_KEYS)
        assert [done for done, _, _ in heard[:total]] == list(range(1, total + 1))
        assert {t for _, t, _ in heard} == {total}
        assert [m for _, _, m in heard[total:]] == ["Checking the deck", "Writing the file"]

    def it_stops_when_progress_raises_and_writes_nothing(self, demo_db, tmp_path):
        plan = plan_deck(demo_db, PROSPECT, SMART_KEYS)
        out = tmp_path / "decks" / "deck.pptx"
        out.parent.mkdir()
        builds_before = demo_db["decks"].count

        def stop_at_third(done: int, _total: int, _message: str) -> None:
            if done == 3:
                raise Stop

        with pytest.raises(Stop):
            build_deck(demo_db, plan, out, progress=stop_at_third)
        assert list(out.parent.iterdir()) == []
        assert demo_db["decks"].count == builds_before


class DescribePlanLines:
    def it_gives_each_module_the_recommenders_reasons_strongest_first(self, demo_db):
        from enabler.services.deck.preview import plan_lines
        from enabler.services.recommend import recommend

        plan = plan_deck(demo_db, PROSPECT)
        lines = plan_lines(demo_db, plan)
        assert [line.key for line in lines] == [p.module.key for p in plan.modules]
        scores = {r.module.key: r for r in recommend(demo_db, PROSPECT, limit=None).results}
        quote = next(line for line in lines if line.key == "case-study-healthcare-quote")
        assert quote.score == pytest.approx(scores[quote.key].score)
        points = [r.points for r in quote.reasons]
        assert points == sorted(points, reverse=True)
        texts = " ".join(r.text for r in quote.reasons)
        assert "made for the decision stage" in texts and "answers their pain" in texts
