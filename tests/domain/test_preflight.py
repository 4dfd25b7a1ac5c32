"""Preflight rules: what is an error, what is a warning, and what each message says."""

from __future__ import annotations

import datetime as dt

from enabler.domain.modules import ModuleState
from enabler.domain.preflight import (
    Check,
    DeckFacts,
    PlacedImage,
    Policy,
    Severity,
    ShapeText,
    TextFit,
    UsedModule,
    check,
    policy_from,
)

TODAY = dt.date(2026, 11, 1)


def checks(report, severity=None):
    return [f.check for f in report.findings if severity is None or f.severity is severity]


class DescribeFields:
    def it_reports_an_unfilled_field_on_a_slide_as_an_error(self):
        facts = DeckFacts(3, texts=(ShapeText(2, "Title 1", "Hello {{ prospect.cmpany }}!"),))
        report = check(facts, today=TODAY)
        (finding,) = report.errors
        assert finding.check is Check.UNFILLED_FIELD
        assert finding.slide == 2 and finding.shape == "Title 1"
        assert "{{ prospect.cmpany }}" in finding.message and "Slide 2" in finding.message

    def it_catches_block_tags_and_an_unclosed_field(self):
        facts = DeckFacts(1, texts=(ShapeText(1, "Body", "{% if x %}yes\nand {{ broken"),))
        assert len(check(facts, today=TODAY).errors) == 2

    def it_only_warns_about_fields_in_speaker_notes(self):
        facts = DeckFacts(
            1, texts=(ShapeText(1, "Notes", "Say {{ name }}", in_notes=True),), modules=()
        )
        report = check(facts, today=TODAY)
        assert report.ok and checks(report) == [Check.UNFILLED_FIELD]

    def it_passes_plain_braces(self):
        facts = DeckFacts(1, texts=(ShapeText(1, "Body", "a { b } and {c}"),), modules=())
        assert check(facts, today=TODAY).findings == ()


class DescribeOverflow:
    def it_reports_text_that_does_not_fit_even_shrunk(self):
        fit = TextFit(4, "Content 2", False, 0.7, 400.0, 300.0, "A very long list")
        report = check(DeckFacts(5, fits=(fit,)), today=TODAY)
        (finding,) = report.errors
        assert finding.check is Check.OVERFLOW
        assert "Slide 4, 'Content 2'" in finding.message
        assert "3.5 cm taller" in finding.message and "70%" in finding.message

    def it_only_warns_when_a_stand_in_font_measured_it(self):
        fit = TextFit(1, "Box", False, 1.0, 200.0, 100.0, "Text", approximate=True)
        report = check(DeckFacts(1, fits=(fit,), modules=()), today=TODAY)
        assert report.ok and checks(report) == [Check.OVERFLOW]
        assert "stand-in" in report.warnings[0].message

    def it_accepts_text_that_fits_after_shrinking(self):
        fit = TextFit(4, "Content 2", True, 0.85, 290.0, 300.0)
        assert check(DeckFacts(5, fits=(fit,)), today=TODAY).ok


class DescribeImages:
    def it_errors_on_missing_and_linked_images(self):
        images = (PlacedImage(1, "Pic", missing=True), PlacedImage(2, "Pic", linked=True))
        report = check(DeckFacts(2, images=images), today=TODAY)
        assert checks(report, Severity.ERROR) == [Check.MISSING_IMAGE, Check.MISSING_IMAGE]

    def it_warns_about_low_resolution_at_the_placed_size(self):
        blurry = PlacedImage(
            1, "Logo", px_width=200, px_height=100, placed_width_in=4.0, placed_height_in=2.0
        )
        sharp = PlacedImage(
            1, "Shot", px_width=1600, px_height=800, placed_width_in=4.0, placed_height_in=2.0
        )
        assert blurry.dpi == 50 and sharp.dpi == 400
        report = check(DeckFacts(1, images=(blurry, sharp), modules=()), today=TODAY)
        assert report.ok and checks(report) == [Check.LOW_RESOLUTION]
        assert "50 dpi" in report.warnings[0].message


class DescribeModules:
    def it_errors_on_a_retired_or_unapproved_module(self):
        modules = (
            UsedModule("old-claim", 2, ModuleState.RETIRED),
            UsedModule("in-review", 1, ModuleState.IN_REVIEW),
        )
        report = check(DeckFacts(3, modules=modules), today=TODAY)
        assert checks(report, Severity.ERROR) == [Check.RETIRED_MODULE] * 2
        assert "'old-claim' (v2) has been retired" in report.errors[0].message

    def it_warns_about_review_dates_and_newer_versions(self):
        modules = (
            UsedModule("stale", 1, ModuleState.APPROVED, review_by=dt.date(2026, 6, 30)),
            UsedModule("moved-on", 1, ModuleState.APPROVED, current_version=3),
            UsedModule("fine", 2, ModuleState.APPROVED, dt.date(2027, 1, 1), 2),
        )
        report = check(DeckFacts(3, modules=modules), today=TODAY)
        assert report.ok
        assert checks(report) == [Check.STALE_MODULE, Check.OUTDATED_VERSION]
        assert "v3" in report.warnings[1].message

    def it_warns_when_a_deck_has_no_provenance_or_unknown_modules(self):
        assert checks(check(DeckFacts(1), today=TODAY)) == [Check.NO_PROVENANCE]
        unknown = DeckFacts(1, modules=(UsedModule("gone", 1),))
        assert checks(check(unknown, today=TODAY)) == [Check.UNKNOWN_MODULE]


class DescribeDeckLength:
    def it_warns_past_the_policy_limit(self):
        assert check(DeckFacts(30, modules=()), today=TODAY).findings == ()
        report = check(DeckFacts(12, modules=()), Policy(max_slides=10), today=TODAY)
        assert checks(report) == [Check.TOO_LONG] and report.ok


class DescribeReport:
    def it_orders_by_slide_and_serialises(self):
        facts = DeckFacts(
            40,
            texts=(ShapeText(5, "B", "{{ x }}"), ShapeText(1, "A", "{{ y }}")),
            modules=(),
        )
        data = check(facts, today=TODAY).to_dict()
        assert [f["slide"] for f in data["findings"]] == [1, 5, None]
        assert data["ok"] is False and data["errors"] == 2 and data["warnings"] == 1

    def it_reads_a_policy_from_settings(self):
        policy = policy_from({"max_slides": "12", "min_dpi": 96, "other": 1})
        assert policy == Policy(max_slides=12, min_dpi=96.0)
