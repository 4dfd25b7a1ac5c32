"""Preflight on real decks: built by Enabler, edited afterwards, or made elsewhere."""

from __future__ import annotations

import json

import pytest
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from enabler.domain.modules import SmartContent, SmartLayout
from enabler.domain.preflight import Check, Severity
from enabler.errors import InvalidInput, NotFound
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.deck.preflight import check_deck
from enabler.services.images import add_image
from enabler.store.connection.db import transaction
from tests.conftest import add_module, png_bytes, run_cli

LONG = "Every intake document is classified, extracted and validated before it reaches a person"


def build(db, tmp_path, keys, name="deck.pptx"):
    plan = plan_deck(db, "Acme Clinics", keys)
    return build_deck(db, plan, tmp_path / name)


def of(report, check):
    return [f for f in report.findings if f.check is check]


class DescribeBuiltDecks:
    def it_finds_nothing_wrong_with_a_good_deck(self, small_library, tmp_path):
        result = build(small_library, tmp_path, ["why-section", "pillars"])
        assert result.preflight is not None
        assert result.preflight.findings == ()

    def it_catches_a_deliberately_overflowing_frame(self, small_library, tmp_path):
        add_module(
            small_library,
            "wall-of-text",
            SmartContent(SmartLayout.BULLETS, "Everything", bullets=(LONG,) * 30),
        )
        result = build(small_library, tmp_path, ["pillars", "wall-of-text"])
        (finding,) = result.preflight.errors
        assert finding.check is Check.OVERFLOW
        assert finding.slide == 3  # title, pillars, then the wall of text
        assert finding.shape.startswith("Text Placeholder")
        assert "Slide 3" in finding.message and "even at 70% size" in finding.message
        # The same deck read back from disk gives the same verdict.
        again = check_deck(result.path, small_library)
        assert [f.message for f in again.errors] == [finding.message]

    def it_lets_text_shrink_a_little_without_complaint(self, small_library, tmp_path):
        add_module(
            small_library,
            "snug",
            SmartContent(SmartLayout.BULLETS, "Snug", bullets=(LONG,) * 5),
        )
        result = build(small_library, tmp_path, ["snug"])
        assert of(result.preflight, Check.OVERFLOW) == []

    def it_reports_a_field_left_in_the_text(self, small_library, tmp_path):
        result = build(small_library, tmp_path, ["pillars"])
        prs = Presentation(str(result.path))
        prs.slides[1].shapes.title.text_frame.paragraphs[0].runs[
            0
        ].text = "Hi {{ prospect.cmpany }}"
        prs.save(str(result.path))
        (finding,) = check_deck(result.path, small_library).errors
        assert finding.check is Check.UNFILLED_FIELD and finding.slide == 2
        assert "{{ prospect.cmpany }}" in finding.message

    def it_reports_a_module_retired_after_the_build(self, small_library, tmp_path):
        result = build(small_library, tmp_path, ["pillars"])
        with transaction(small_library):
            small_library.execute("UPDATE modules SET state = 'retired' WHERE key = 'pillars'")
        (finding,) = check_deck(result.path, small_library).errors
        assert finding.check is Check.RETIRED_MODULE and "'pillars'" in finding.message

    def it_warns_when_a_module_has_moved_on(self, small_library, tmp_path):
        result = build(small_library, tmp_path, ["pillars"])
        with transaction(small_library):
            module = small_library.execute("SELECT id FROM modules WHERE key='pillars'").fetchone()
            vid = (
                small_library["module_versions"]
                .insert(
                    {
                        "module_id": module[0],
                        "number": 2,
                        "kind": "smart",
                        "content": json.dumps({"layout": "bullets", "title": "New"}),
                        "created_at": "2026-11-01T00:00:00",
                    }
                )
                .last_pk
            )
            small_library.execute(
                "UPDATE modules SET current_version_id = ?, review_by = '2020-01-01' WHERE id = ?",
                [vid, module[0]],
            )
        report = check_deck(result.path, small_library)
        assert report.ok
        assert {f.check for f in report.warnings} == {Check.OUTDATED_VERSION, Check.STALE_MODULE}

    def it_warns_about_a_small_image_stretched_large(self, small_library, tmp_path):
        with transaction(small_library):
            tiny = add_image(small_library, png_bytes(size=(64, 40)), "tiny.png")
        add_module(
            small_library,
            "blurry",
            SmartContent(SmartLayout.IMAGE_TEXT, "Blurry", image=tiny, bullets=("x",)),
        )
        result = build(small_library, tmp_path, ["blurry"])
        (warning,) = result.preflight.warnings
        assert warning.check is Check.LOW_RESOLUTION and warning.slide == 2


class DescribeOtherDecks:
    def it_measures_a_plain_text_box_that_does_not_shrink(self, tmp_path):
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1))
        box.name = "Too much"
        box.text_frame.word_wrap = True
        box.text_frame.auto_size = MSO_AUTO_SIZE.NONE
        box.text_frame.text = LONG * 3
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
        box.text_frame.paragraphs[0].runs[0].font.name = "Lato"  # a font preflight has
        path = tmp_path / "plain.pptx"
        prs.save(str(path))
        report = check_deck(path)
        (error,) = report.errors
        assert error.check is Check.OVERFLOW and error.shape == "Too much"
        assert [f.check for f in report.warnings] == [Check.NO_PROVENANCE]

    def it_refuses_what_is_not_a_deck(self, tmp_path):
        bad = tmp_path / "bad.pptx"
        bad.write_bytes(b"not a zip")
        with pytest.raises(InvalidInput, match=r"bad\.pptx: not a PowerPoint file"):
            check_deck(bad)
        with pytest.raises(NotFound):
            check_deck(tmp_path / "missing.pptx")


class DescribeCheckCommand:
    def it_exits_1_and_lists_errors_as_json(self, small_library, tmp_path):
        add_module(
            small_library,
            "wall-of-text",
            SmartContent(SmartLayout.BULLETS, "Everything", bullets=(LONG,) * 30),
        )
        result = build(small_library, tmp_path, ["wall-of-text"])
        db_file = tmp_path / "library.db"
        out = run_cli("check", result.path, "--json", "--db", db_file)
        assert out.returncode == 1, out.stderr
        data = json.loads(out.stdout)
        assert data["errors"] == 1 and data["findings"][0]["check"] == "overflow"
        assert data["findings"][0]["severity"] == Severity.ERROR.value

    def it_says_ready_for_a_clean_deck(self, small_library, tmp_path):
        result = build(small_library, tmp_path, ["pillars"])
        out = run_cli("check", result.path, "--db", tmp_path / "library.db")
        assert out.returncode == 0, out.stderr
        assert "ready: no errors or warnings" in out.stdout


class DescribeCorpus:
    def it_checks_every_real_world_deck_without_crashing(self):
        from tests.conftest import CORPUS

        files = sorted(CORPUS.glob("*.pptx")) if CORPUS.is_dir() else []
        if not files:
            pytest.skip("the shared .pptx corpus is not here")
        checked = 0
        for path in files:
            try:
                report = check_deck(path)
            except (InvalidInput, NotFound):
                continue  # a clear, expected refusal
            checked += 1
            assert all(f.message for f in report.findings), path.name
        assert checked >= len(files) // 2
