"""The criteria and path-to-decision slides: write the deck, open it and read it back."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import subprocess

import pytest
from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pypdf import PdfReader

from enabler.domain.modules import SmartContent, SmartLayout
from enabler.render.deck import DEFAULT_TEMPLATE
from enabler.render.slides.worksheets import (
    MAX_EVIDENCE,
    MAX_LABEL,
    criteria_slides,
    path_to_decision_slides,
)
from enabler.services.deck.build import build_deck, plan_deck
from tests.helpers import shape_ids_unique, slide_texts

TODAY = dt.date(2026, 11, 23)
CRITERIA = SmartContent(SmartLayout.CRITERIA, "Criteria for {{ company }}")
PATH = SmartContent(SmartLayout.PATH_TO_DECISION, "Path to decision")

# fixtures ---------------------------------------------------------------------------------


def fill(text: str) -> str:
    return text.replace("{{ company }}", "Acme")


def reopen(prs):
    buf = io.BytesIO()
    prs.save(buf)
    buf.seek(0)
    return Presentation(buf)


def render(generator, content, ctx):
    prs = Presentation(str(DEFAULT_TEMPLATE))
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    added = generator(prs, layouts, content, ctx, fill)
    return reopen(prs), len(added)


def criterion(ref, weight, status, label=None, **kw):
    labels = {"met": "Met", "partly": "Partly met", "gap": "Gap", "unknown": "Not assessed"}
    return {
        "ref": ref,
        "label": label or ref.title(),
        "weight": weight,
        "status": status,
        "status_label": labels[status],
        "evidence": kw.get("evidence", ""),
        "note": kw.get("note", ""),
        "known_gaps": kw.get("gaps", []),
    }


def criteria_ctx(items, percent=60, weak=()):
    counts = {s: sum(1 for i in items if i["status"] == s) for s in ("met", "partly", "gap")}
    counts["unknown"] = sum(1 for i in items if i["status"] == "unknown")
    return {
        "criteria": {"items": items, "fit_percent": percent, "counts": counts, "weak_spots": weak}
    }


def plan_step(number, name, due, status="planned", overdue=False, **kw):
    return {
        "number": number,
        "name": name,
        "due": due,
        "status": status,
        "overdue": overdue,
        "days_overdue": kw.get("days", 0),
        "next": kw.get("next", False),
        "our_owner": kw.get("ours", ""),
        "their_owner": kw.get("theirs", ""),
        "notes": kw.get("notes", ""),
    }


PLAN_STEPS = [
    plan_step(1, "Discovery", dt.date(2026, 11, 1), "done", ours="Dana", theirs="Rae"),
    plan_step(2, "Proof of value", dt.date(2026, 11, 20), "in_progress", True, days=3, next=True),
    plan_step(3, "Security review", dt.date(2026, 11, 27), "blocked"),
    plan_step(4, "Signature", dt.date(2026, 12, 15)),
]


def plan_ctx(steps=PLAN_STEPS):
    return {
        "action_plan": {
            "steps": steps,
            "next_step": "Proof of value",
            "next_step_date": dt.date(2026, 11, 20),
            "end_date": dt.date(2026, 12, 15),
            "done": 1,
            "total": len(steps),
            "overdue": [2],
        }
    }


def table(slide):
    return next(s for s in slide.shapes if s.has_table).table


def named(slide, prefix):
    return [s for s in slide.shapes if s.name.startswith(prefix)]


def ovals(slide, prefix):
    shapes = [s for s in named(slide, prefix) if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    return [s for s in shapes if s.auto_shape_type == MSO_SHAPE.OVAL]


# specs ------------------------------------------------------------------------------------


ITEMS = (
    criterion("security", 3, "gap", evidence="", gaps=[{"gap": "No ISO", "answer": "Q2"}]),
    criterion("hipaa", 5, "met", "HIPAA and BAA", evidence="BAA signed 18 Nov"),
    criterion("accuracy", 4, "partly", note="Handwriting is weak"),
    criterion("references", 2, "unknown"),
)


class DescribeCriteriaSlide:
    def it_lists_the_buyers_criteria_heaviest_first_in_a_native_table(self):
        prs, added = render(criteria_slides, CRITERIA, criteria_ctx(list(ITEMS)))
        slide = prs.slides[0]
        assert added == 1
        assert slide.slide_layout.name == "Title Only"
        assert slide.shapes.title.text == "Criteria for Acme"
        rows = [[c.text for c in row.cells] for row in table(slide).rows]
        assert rows[0] == ["Criterion", "Weight", "Status", "Evidence"]
        assert [r[:3] for r in rows[1:]] == [
            ["HIPAA and BAA", "5", "Met"],
            ["Accuracy", "4", "Partly met"],
            ["Security", "3", "Gap"],
            ["References", "2", "Not assessed"],
        ]
        assert rows[1][3] == "BAA signed 18 Nov"
        assert not [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]

    def it_colours_each_status_cell(self):
        prs, _ = render(criteria_slides, CRITERIA, criteria_ctx(list(ITEMS)))
        cells = [row.cells[2] for row in list(table(prs.slides[0]).rows)[1:]]
        assert [c.fill.fore_color.theme_color for c in cells] == [
            MSO_THEME_COLOR.ACCENT_6,
            MSO_THEME_COLOR.ACCENT_2,
            MSO_THEME_COLOR.ACCENT_5,
            MSO_THEME_COLOR.BACKGROUND_2,
        ]

    def it_shows_the_weighted_fit_and_the_count_per_status(self):
        prs, _ = render(criteria_slides, CRITERIA, criteria_ctx(list(ITEMS), percent=57))
        slide = prs.slides[0]
        assert named(slide, "Fit score")[0].text_frame.text == "57%"
        counts = [s.text_frame.text for s in named(slide, "Count ")]
        assert counts == ["1 met", "1 partly met", "1 gap", "1 not assessed"]

    def it_puts_weak_spots_and_honest_answers_in_the_speaker_notes(self):
        ctx = criteria_ctx(list(ITEMS), weak=["security", "accuracy"])
        prs, _ = render(criteria_slides, CRITERIA, ctx)
        notes = prs.slides[0].notes_slide.notes_text_frame.text
        assert "Known gap: No ISO Our answer: Q2" in notes
        assert "Note: Handwriting is weak" in notes
        assert "HIPAA" not in notes

    def it_splits_long_checklists_evenly_over_continued_slides(self):
        items = [criterion(f"c{n}", 5 - n % 5, "met") for n in range(11)]
        prs, added = render(criteria_slides, CRITERIA, criteria_ctx(items))
        assert added == 2
        assert [s.shapes.title.text for s in prs.slides] == [
            "Criteria for Acme",
            "Criteria for Acme (continued)",
        ]
        assert [len(table(s).rows) - 1 for s in prs.slides] == [6, 5]

    def it_clips_long_text_so_rows_keep_their_height(self):
        long = criterion("long", 5, "met", "word " * 40, evidence="proof " * 40)
        prs, _ = render(criteria_slides, CRITERIA, criteria_ctx([long]))
        label, _, _, evidence = [c.text for c in list(table(prs.slides[0]).rows)[1].cells]
        assert len(label) == MAX_LABEL and label.endswith("…")
        assert len(evidence) <= MAX_EVIDENCE and evidence.endswith("…")

    def it_adds_nothing_without_criteria(self):
        assert render(criteria_slides, CRITERIA, {})[1] == 0
        assert render(criteria_slides, CRITERIA, criteria_ctx([]))[1] == 0


class DescribePathToDecisionSlide:
    def it_draws_one_circle_per_step_left_to_right_in_plan_order(self):
        prs, added = render(path_to_decision_slides, PATH, plan_ctx())
        slide = prs.slides[0]
        assert added == 1
        circles = ovals(slide, "Step ")
        assert [c.text_frame.text for c in circles] == ["1", "2", "3", "4"]
        assert [c.left for c in circles] == sorted(c.left for c in circles)
        names = [s.text_frame.text.split("\n")[0] for s in named(slide, "Step name")]
        assert names == ["Discovery", "Proof of value", "Security review", "Signature"]
        assert "Us: Dana\nYou: Rae" in named(slide, "Step name")[0].text_frame.text
        assert not [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]

    def it_glues_a_connector_between_each_pair_of_steps(self):
        prs, _ = render(path_to_decision_slides, PATH, plan_ctx())
        slide = prs.slides[0]
        ids = [c.shape_id for c in ovals(slide, "Step ")]
        glued = []
        for line in named(slide, "Step connector"):
            props = line._element.nvCxnSpPr.cNvCxnSpPr
            start, end = props.find(qn("a:stCxn")), props.find(qn("a:endCxn"))
            glued.append(
                (int(start.get("id")), start.get("idx"), int(end.get("id")), end.get("idx"))
            )
        assert glued == [(a, "6", b, "2") for a, b in itertools.pairwise(ids)]
        assert shape_ids_unique(prs)

    def it_colours_steps_by_status_and_highlights_overdue_ones(self):
        prs, _ = render(path_to_decision_slides, PATH, plan_ctx())
        slide = prs.slides[0]
        fills = [c.fill.fore_color.theme_color for c in ovals(slide, "Step ")]
        assert fills == [
            MSO_THEME_COLOR.ACCENT_6,  # done
            MSO_THEME_COLOR.ACCENT_5,  # overdue (in progress, past its date)
            MSO_THEME_COLOR.ACCENT_2,  # blocked
            MSO_THEME_COLOR.BACKGROUND_1,  # planned
        ]
        dues = [s.text_frame.text for s in named(slide, "Due ")]
        assert dues == ["Nov 1", "Nov 20\nOverdue", "Nov 27", "Dec 15"]
        legend = [s.name for s in named(slide, "Legend ")]
        assert legend == ["Legend done", "Legend planned", "Legend blocked", "Legend overdue"]

    def it_flags_the_next_step_and_summarises_the_plan(self):
        prs, _ = render(path_to_decision_slides, PATH, plan_ctx())
        slide = prs.slides[0]
        flag = named(slide, "Next step flag")[0]
        second = ovals(slide, "Step ")[1]
        assert flag.text_frame.text == "NEXT"
        assert flag.left < second.left + second.width and second.left < flag.left + flag.width
        assert flag.top < second.top
        summary = named(slide, "Plan summary")[0].text_frame.text
        assert summary.startswith("Next: Proof of value (Nov 20, 2026)")
        assert "1 of 4 steps done" in summary and "1 overdue" in summary
        notes = slide.notes_slide.notes_text_frame.text
        assert "Overdue: step 2 Proof of value, 3 days" in notes

    def it_continues_long_plans_on_another_slide(self):
        steps = [plan_step(n, f"Step {n}", dt.date(2027, 1, n)) for n in range(1, 13)]
        prs, added = render(path_to_decision_slides, PATH, plan_ctx(steps))
        assert added == 2
        assert [len(ovals(s, "Step ")) for s in prs.slides] == [10, 2]
        assert prs.slides[1].shapes.title.text == "Path to decision (continued)"

    def it_adds_nothing_without_steps(self):
        assert render(path_to_decision_slides, PATH, {})[1] == 0


class DescribeDemoDeck:
    @pytest.fixture
    def deck(self, demo_db, tmp_path):
        path = tmp_path / "northwind.pptx"
        build_deck(demo_db, plan_deck(demo_db, "Northwind Health", date=TODAY), path)
        return path

    def it_puts_both_worksheet_slides_into_the_northwind_deck(self, deck):
        prs = Presentation(str(deck))
        titles = [s.shapes.title.text if s.shapes.title else "" for s in prs.slides]
        at = titles.index("How we meet Northwind Health's criteria")
        assert titles[at + 1] == "How we meet Northwind Health's criteria (continued)"
        assert titles[at + 2] == "Path to decision"
        path = prs.slides[at + 2]
        assert "Proof of value on 500 prior-auth requests" in slide_texts(path)[1]
        assert len(ovals(path, "Step ")) == 8
        assert shape_ids_unique(prs)

    @pytest.mark.libreoffice
    def it_converts_with_libreoffice_and_keeps_the_text(self, deck, soffice, tmp_path):
        profile = (tmp_path / "profile").as_uri()
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(deck),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        reader = PdfReader(str(tmp_path / "northwind.pdf"))
        assert len(reader.pages) == len(Presentation(str(deck)).slides)
        text = "\n".join(page.extract_text() for page in reader.pages)
        assert "weighted fit" in text
        assert "Path to decision" in text
        assert "Overdue" not in text  # the buyer's deck shows no internal status


class DescribeBuyerFacingStatus:
    """The deck is the buyer's: a past date is never "next", overdue only when the rep asks."""

    LATER = dt.date(2026, 12, 7)  # after Northwind's next step (Nov 20) and three due dates

    def path_slide(self, demo_db, tmp_path, **kw):
        out = tmp_path / "nw.pptx"
        build_deck(demo_db, plan_deck(demo_db, "Northwind Health", date=self.LATER, **kw), out)
        prs = Presentation(str(out))
        return next(
            s for s in prs.slides if s.shapes.title and s.shapes.title.text == "Path to decision"
        )

    def it_hides_overdue_status_and_past_dates_from_the_buyer(self, demo_db, tmp_path):
        slide = self.path_slide(demo_db, tmp_path)
        text = "\n".join(slide_texts(slide))
        assert "overdue" not in text.lower()
        assert "Next: Proof of value on 500 prior-auth requests  ·" in text
        assert "(Nov 20, 2026)" not in text  # not announced as upcoming
        assert "Overdue: step 3" in slide.notes_slide.notes_text_frame.text  # the rep still knows

    def it_shows_the_status_when_the_rep_chooses_to(self, demo_db, tmp_path):
        slide = self.path_slide(demo_db, tmp_path, show_status=True)
        text = "\n".join(slide_texts(slide))
        assert "3 overdue" in text and "Overdue" in text
