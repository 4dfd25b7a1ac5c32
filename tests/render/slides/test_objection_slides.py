"""The why-us and objection-appendix slides: open the deck and read them back."""

from __future__ import annotations

import pytest
from pptx import Presentation

from enabler.domain.modules import Column, SmartContent, SmartLayout
from enabler.render.deck import DEFAULT_TEMPLATE
from enabler.render.slides.objections import (
    ROWS_PER_SLIDE,
    objection_appendix_slides,
    why_us_slides,
)
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.objections import checklists as service
from tests.helpers import shape_ids_unique, slide_texts, summary

# fixtures ---------------------------------------------------------------------------------

WHY_US = SmartContent(
    SmartLayout.WHY_US,
    "Why {{ product }}",
    columns=(Column("What sets us apart"), Column("")),
)
APPENDIX = SmartContent(SmartLayout.OBJECTION_APPENDIX, "Answers")


def fill(text: str) -> str:
    return text.replace("{{ product }}", "Flow")


@pytest.fixture
def prs():
    return Presentation(str(DEFAULT_TEMPLATE))


@pytest.fixture
def layouts(prs):
    return {layout.name: layout for layout in prs.slide_layouts}


def card(name, **kw):
    return {
        "competitor": name,
        "differentiators": kw.get("diffs", [{"claim": "Review built in", "proof": "Bayfront"}]),
        "landmines": kw.get("landmines", ["Who builds the review screen?"]),
        "pitches": [{"claim": "We're cheaper", "neutralise": "Price the whole process"}],
        "strengths": ["Accurate models"],
    }


def answer(n):
    return {"text": f"Objection {n}", "reframe": f"Answer {n}", "proof": f"Proof {n}"}


def table_rows(slide) -> list[list[str]]:
    table = next(s.table for s in slide.shapes if s.has_table)
    return [[c.text for c in row.cells] for row in table.rows]


def northwind_deck(db, tmp_path):
    path = tmp_path / "northwind.pptx"
    build_deck(db, plan_deck(db, "Northwind Health"), path)
    return path


# specs ------------------------------------------------------------------------------------


class DescribeWhyUsSlides:
    def it_adds_one_two_column_slide_per_battlecard(self, prs, layouts):
        ctx = {"battlecards": [card("Paperbridge"), card("Arcline")]}
        added = why_us_slides(prs, layouts, WHY_US, ctx, fill)
        assert [s.slide_layout.name for s in added] == ["Two Column", "Two Column"]
        assert slide_texts(added[0]) == [
            "Why Flow versus Paperbridge",
            "What sets us apart",
            "Review built in — Bayfront",
            "Questions worth asking every vendor",
            "Who builds the review screen?",
        ]
        assert slide_texts(added[1])[0] == "Why Flow versus Arcline"
        runs = added[0].placeholders[2].text_frame.paragraphs[0].runs
        assert [(r.text, r.font.bold) for r in runs] == [
            ("Review built in", True),
            (" — Bayfront", None),
        ]

    def it_puts_the_internal_side_in_the_speaker_notes(self, prs, layouts):
        added = why_us_slides(prs, layouts, WHY_US, {"battlecards": [card("Arcline")]}, fill)
        notes = added[0].notes_slide.notes_text_frame.text
        assert "They will say: We're cheaper" in notes
        assert "Get ahead of it: Price the whole process" in notes
        assert "Where they are strong (do not argue): Accurate models" in notes

    def it_adds_nothing_without_battlecards(self, prs, layouts):
        assert why_us_slides(prs, layouts, WHY_US, {}, fill) == []
        assert why_us_slides(prs, layouts, WHY_US, {"battlecards": []}, fill) == []
        assert len(prs.slides) == 0

    def it_drops_the_landmine_column_when_there_are_none_and_survives_control_characters(
        self, prs, layouts, tmp_path
    ):
        diffs = [{"claim": "Fast\x00 \x07setup", "proof": ""}]
        ctx = {"battlecards": [card("Arc\x1bline", diffs=diffs, landmines=[])]}
        slide = why_us_slides(prs, layouts, WHY_US, ctx, fill)[0]
        assert slide_texts(slide) == ["Why Flow versus Arcline", "What sets us apart", "Fast setup"]
        prs.save(tmp_path / "x.pptx")
        assert len(Presentation(str(tmp_path / "x.pptx")).slides) == 1


class DescribeObjectionAppendix:
    def it_lays_answers_out_as_native_tables_a_few_per_slide(self, prs, layouts):
        ctx = {"objections": [answer(n) for n in range(ROWS_PER_SLIDE + 1)]}
        added = objection_appendix_slides(prs, layouts, APPENDIX, ctx, fill)
        assert [s.slide_layout.name for s in added] == ["Table", "Table"]
        assert slide_texts(added[1])[0] == "Answers (continued)"
        first = table_rows(added[0])
        assert first[0] == ["What we heard", "Our answer", "Proof"]
        assert first[1] == ["Objection 0", "Answer 0", "Proof 0"]
        assert len(first) == ROWS_PER_SLIDE + 1
        assert table_rows(added[1])[1:] == [["Objection 4", "Answer 4", "Proof 4"]]

    def it_takes_headers_from_the_module_and_skips_items_without_an_answer(self, prs, layouts):
        content = SmartContent(
            SmartLayout.OBJECTION_APPENDIX, "A", table=(("Heard", "Said", "{{ product }}"),)
        )
        ctx = {"objections": [{"text": "No answer yet"}, answer(1)]}
        (slide,) = objection_appendix_slides(prs, layouts, content, ctx, fill)
        assert table_rows(slide) == [
            ["Heard", "Said", "Flow"],
            ["Objection 1", "Answer 1", "Proof 1"],
        ]

    def it_adds_nothing_without_objections(self, prs, layouts):
        assert objection_appendix_slides(prs, layouts, APPENDIX, {"objections": []}, fill) == []


class DescribeTheNorthwindDeck:
    def it_shows_why_us_versus_paperbridge_from_the_battlecard(self, demo_db, tmp_path):
        rows = summary(northwind_deck(demo_db, tmp_path))
        why = [r for r in rows if r["texts"][:1] == ["Why Brightwave Flow versus Paperbridge"]]
        assert len(why) == 1 and why[0]["layout"] == "Two Column"
        body = "\n".join(why[0]["texts"])
        assert "Variable layouts without templates — Models learn layouts" in body
        assert "How many templates will we maintain" in body
        assert "You already run Paperbridge" in why[0]["notes"]

    def it_ends_with_the_appendix_heard_first_then_anticipated(self, demo_db, tmp_path):
        path = northwind_deck(demo_db, tmp_path)
        prs = Presentation(str(path))
        titles = [slide_texts(s)[0] for s in prs.slides]
        appendix = [s for s, t in zip(prs.slides, titles, strict=True) if t.startswith("Your q")]
        likely = [s for s, t in zip(prs.slides, titles, strict=True) if t.startswith("Questions")]
        assert likely[-1] is prs.slides[len(prs.slides) - 1]
        assert titles.index(slide_texts(appendix[-1])[0]) < titles.index(slide_texts(likely[0])[0])
        items = service.checklist(demo_db, "Northwind Health").items
        came_up = {i.text for i in items if i.state.value in ("raised", "answered")}
        heard = [row[0] for s in appendix for row in table_rows(s)[1:]]
        assert set(heard) <= came_up
        assert "It won't integrate with our EHR." in heard  # answered: the buyer heard it
        assert table_rows(appendix[0])[0][0] == "What we heard"
        opened = {i.text for i in items if i.state.value == "open"}
        anticipated = [row[0] for s in likely for row in table_rows(s)[1:]]
        assert anticipated and set(anticipated) <= opened
        assert table_rows(likely[0])[0][0] == "Question"  # never "What we heard"
        assert shape_ids_unique(prs)
