"""Building decks: open what was written and check it."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from pptx import Presentation

from enabler.domain.modules import SmartContent, SmartLayout
from enabler.errors import RenderError
from enabler.render import provenance
from enabler.render.deck import assemble
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.deck.context import template_context
from enabler.store import assets
from tests.conftest import add_module
from tests.helpers import all_text, shape_ids_unique, summary


class DescribeBuildDeck:
    def it_personalises_the_title_slide(self, small_library, tmp_path):
        plan = plan_deck(small_library, "acme clinics", date=dt.date(2026, 11, 23))
        build_deck(small_library, plan, tmp_path / "d.pptx")
        title = summary(tmp_path / "d.pptx")[0]
        assert title["layout"] == "Title"
        assert "Brightwave for Acme Clinics" in title["texts"]
        assert "Prepared for Jo Buyer, CFO" in title["texts"]
        assert "Dana Rep · November 23, 2026" in title["texts"]

    def it_puts_the_prospect_logo_on_the_title_slide(self, small_library, tmp_path):
        build_deck(small_library, plan_deck(small_library, "Acme Clinics"), tmp_path / "d.pptx")
        slide = Presentation(str(tmp_path / "d.pptx")).slides[0]
        assert [s.shape_type for s in slide.shapes].count(13) == 1  # one picture

    def it_follows_the_default_selection_in_order(self, small_library, tmp_path):
        result = build_deck(
            small_library, plan_deck(small_library, "Acme Clinics"), tmp_path / "d.pptx"
        )
        assert result.modules == ("why-section", "pillars", "proof")
        layouts = [s["layout"] for s in summary(tmp_path / "d.pptx")]
        assert layouts == [
            "Title",
            "Agenda",
            "Section",
            "Title and Bullets",
            "Image and Text",
            "Closing",  # no module closes the deck: a contact slide does
        ]
        assert result.slides == 6

    def it_builds_an_agenda_from_section_modules(self, small_library, tmp_path):
        build_deck(small_library, plan_deck(small_library, "Acme Clinics"), tmp_path / "d.pptx")
        agenda = summary(tmp_path / "d.pptx")[1]
        assert agenda["texts"][0] == "Agenda"
        assert agenda["texts"][1] == "Why change\nWhat Acme Clinics gets\nSee it"
        frame = Presentation(str(tmp_path / "d.pptx")).slides[1].placeholders[1].text_frame
        assert [p.level for p in frame.paragraphs] == [0, 1, 1]

    def it_renders_tables_with_every_cell(self, small_library, tmp_path):
        add_module(
            small_library,
            "grid",
            SmartContent(
                SmartLayout.TABLE,
                "Compare",
                table=(("Need", "Us"), ("Speed", "{{ prospect.company }} fast")),
            ),
        )
        build_deck(
            small_library, plan_deck(small_library, "Acme Clinics", ["grid"]), tmp_path / "d.pptx"
        )
        slide = Presentation(str(tmp_path / "d.pptx")).slides[1]
        tables = [s.table for s in slide.shapes if s.has_table]
        assert len(tables) == 1
        cells = [[c.text for c in row.cells] for row in tables[0].rows]
        assert cells == [["Need", "Us"], ["Speed", "Acme Clinics fast"]]

    def it_honours_an_explicit_module_order(self, small_library, tmp_path):
        plan = plan_deck(small_library, "Acme Clinics", ["proof", "pillars"])
        build_deck(small_library, plan, tmp_path / "d.pptx")
        rows = summary(tmp_path / "d.pptx")
        layouts = [r["layout"] for r in rows]
        assert layouts == ["Title", "Image and Text", "Title and Bullets", "Closing"]
        assert rows[2]["texts"][0] == "What Acme Clinics gets"

    def it_fills_fields_and_leaves_no_tags(self, small_library, tmp_path):
        build_deck(small_library, plan_deck(small_library, "Acme Clinics"), tmp_path / "d.pptx")
        text = all_text(tmp_path / "d.pptx")
        assert "Fewer denials for Jo" in text
        assert "Open with their pain: Slow claims." in text
        assert "{{" not in text and "}}" not in text
        with zipfile.ZipFile(tmp_path / "d.pptx") as z:
            for name in z.namelist():
                if name.startswith("ppt/slides/"):
                    assert b"{{" not in z.read(name)

    def it_writes_speaker_notes_from_talking_points(self, small_library, tmp_path):
        build_deck(small_library, plan_deck(small_library, "Acme Clinics"), tmp_path / "d.pptx")
        notes = [r["notes"] for r in summary(tmp_path / "d.pptx")[2:5]]
        assert notes == [
            "Open with their pain: Slow claims.",
            "Walk through the pillars.",
            "Show the screen.",
        ]

    def it_records_provenance_in_the_file_and_the_library(self, small_library, tmp_path):
        plan = plan_deck(small_library, "Acme Clinics")
        result = build_deck(small_library, plan, tmp_path / "d.pptx")
        record = provenance.read(Presentation(str(tmp_path / "d.pptx")))
        assert record["prospect"]["company"] == "Acme Clinics"
        assert [m["key"] for m in record["modules"]] == ["why-section", "pillars", "proof"]
        assert all(m["version"] == 1 for m in record["modules"])
        row = small_library["decks"].get(result.deck_id)
        assert row["output_path"].endswith("d.pptx")
        assert '"why-section"' in row["plan"]

    def it_keeps_shape_ids_unique_and_removes_empty_placeholders(self, small_library, tmp_path):
        build_deck(small_library, plan_deck(small_library, "Acme Clinics"), tmp_path / "d.pptx")
        prs = Presentation(str(tmp_path / "d.pptx"))
        assert shape_ids_unique(prs)
        for slide in prs.slides:
            for ph in slide.placeholders:
                assert not ph.has_text_frame or ph.text_frame.text.strip()

    def it_survives_hostile_field_values(self, small_library, tmp_path):
        nasty = "Acme\x00\x07\x1f\ufffe Clínicas 🚀 شركة\x0bsecond line " + "x" * 5000
        plan = plan_deck(small_library, "Acme Clinics", overrides={"prospect.company": nasty})
        build_deck(small_library, plan, tmp_path / "d.pptx")
        text = all_text(tmp_path / "d.pptx")
        assert "Brightwave for Acme Clínicas 🚀 شركة\vsecond line" in text
        assert "\x00" not in text and "\x07" not in text

    def it_refuses_template_payloads_naming_the_module(self, small_library, tmp_path):
        add_module(
            small_library,
            "evil",
            SmartContent(SmartLayout.BULLETS, "Hi", bullets=("{{ ''.__class__.__mro__ }}",)),
        )
        plan = plan_deck(small_library, "Acme Clinics", ["evil"])
        with pytest.raises(RenderError, match=r"'evil'.*unsafe"):
            build_deck(small_library, plan, tmp_path / "d.pptx")
        assert not (tmp_path / "d.pptx").exists()
        assert list(tmp_path.glob("*.tmp")) == []

    def it_names_a_missing_field(self, small_library, tmp_path):
        add_module(
            small_library,
            "needs-roi",
            SmartContent(SmartLayout.BULLETS, "ROI", bullets=("{{ roi.npv }}",)),
        )
        plan = plan_deck(small_library, "Acme Clinics", ["needs-roi"])
        with pytest.raises(RenderError, match=r"needs-roi.*\{\{ roi.npv \}\}"):
            build_deck(small_library, plan, tmp_path / "d.pptx")

    def it_does_not_let_field_values_inject_templates(self, small_library, tmp_path):
        plan = plan_deck(small_library, "Acme Clinics", overrides={"prospect.company": "{{ 7*7 }}"})
        build_deck(small_library, plan, tmp_path / "d.pptx")
        text = all_text(tmp_path / "d.pptx")
        assert "{{ 7*7 }}" in summary(tmp_path / "d.pptx")[3]["texts"][0]
        assert "49" not in text


class DescribeModuleSlides:
    def it_tells_which_slides_each_module_added(self, demo_db):
        plan = plan_deck(demo_db, "Northwind Health")
        seen = []
        prs = assemble(
            plan,
            template_context(demo_db, plan),
            lambda sha: assets.get(demo_db, sha),
            on_module=lambda planned, first, added: seen.append((planned, first, added)),
        )
        assert [p for p, _, _ in seen] == list(plan.modules)
        starts = [first for _, first, _ in seen]
        ends = [first + added for _, first, added in seen]
        assert starts[0] in (1, 2)  # after the title slide and the agenda, if any
        assert all(a <= b for a, b in zip(ends, starts[1:], strict=False))  # in plan order
        # between them only the closing slide and the appendix divider, which no module owns
        owned = sum(added for _, _, added in seen)
        assert len(prs.slides) - starts[0] - owned <= 2
        assert ends[-1] == len(prs.slides)
        assert any(added > 1 for _, _, added in seen)  # e.g. the objection appendix runs over
