"""ROI slides: open the built deck and check chart types, series, categories and table text."""

from __future__ import annotations

import subprocess

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn
from pypdf import PdfReader

from enabler.domain.modules import SmartContent, SmartLayout
from enabler.domain.roi.case import business_case
from enabler.errors import RenderError
from enabler.render.slides.roi import label_positions
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.roi import business_case as roi_service
from tests.conftest import add_module
from tests.helpers import shape_ids_unique, slide_texts

MODEL = {
    "horizon_years": 3,
    "discount_rate": 10,
    "benefits": [
        {"name": "Claims keying", "amount": 400000, "ramp": [50, 100], "risk_pct": 10},
        {"name": "Reviewer time", "kind": "productivity", "hours": 5000, "rate": 40},
    ],
    "costs": [
        {"name": "Setup", "kind": "one_off", "amount": 150000, "risk_pct": 20},
        {"name": "Licence", "amount": 120000},
    ],
    "current_state": [{"name": "Clerks", "amount": 600000}],
}
ROI_KEYS = ["roi-summary-gen", "roi-cash", "roi-tornado"]


@pytest.fixture
def roi_library(small_library):
    for key, layout, title in (
        ("roi-summary-gen", SmartLayout.ROI_SUMMARY, "Business case for {{ prospect.company }}"),
        ("roi-cash", SmartLayout.ROI_CASHFLOW, "Cash flow over {{ roi.horizon_years }} years"),
        ("roi-tornado", SmartLayout.ROI_TORNADO, "What moves the case"),
    ):
        add_module(small_library, key, SmartContent(layout, title), tags=("roi",), notes="Say it.")
    roi_service.set_model(small_library, "Acme Clinics", MODEL)
    return small_library


def build(db, tmp_path, keys=ROI_KEYS):
    out = tmp_path / "roi.pptx"
    build_deck(db, plan_deck(db, "Acme Clinics", keys), out)
    return Presentation(str(out))


def charts(slide):
    return [s.chart for s in slide.shapes if s.has_chart]


def expected_case():
    return business_case(roi_service.parse(MODEL))


class DescribeCashFlowSlide:
    def it_draws_net_benefit_as_clustered_columns(self, roi_library, tmp_path):
        slide = build(roi_library, tmp_path, ["roi-cash"]).slides[1]
        assert slide.slide_layout.name == "Title Only"
        assert slide.shapes.title.text == "Cash flow over 3 years"
        columns = charts(slide)[0]
        assert columns.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
        plot = columns.plots[0]
        assert list(plot.categories) == ["Year 0", "Year 1", "Year 2", "Year 3"]
        f = expected_case().result.adjusted
        series = {s.name: s.values for s in plot.series}
        assert list(series) == ["Benefits", "Costs", "Net benefit"]
        assert series["Benefits"] == pytest.approx(f.benefits)
        assert series["Costs"] == pytest.approx([-c for c in f.costs])
        assert series["Net benefit"] == pytest.approx(f.net)
        assert series["Net benefit"] == pytest.approx((-180000, 260000, 440000, 440000))

    def it_draws_cumulative_cash_as_a_line(self, roi_library, tmp_path):
        slide = build(roi_library, tmp_path, ["roi-cash"]).slides[1]
        line = charts(slide)[1]
        assert line.chart_type == XL_CHART_TYPE.LINE_MARKERS
        assert list(line.plots[0].categories) == ["Year 0", "Year 1", "Year 2", "Year 3"]
        assert line.plots[0].series[0].values == pytest.approx((-180000, 80000, 520000, 960000))
        assert line.value_axis.tick_labels.number_format == '"$"#,##0'

    def it_keeps_the_charts_editable_with_their_workbooks(self, roi_library, tmp_path):
        slide = build(roi_library, tmp_path, ["roi-cash"]).slides[1]
        for chart in charts(slide):
            assert chart.part.chart_workbook.xlsx_part is not None
        assert shape_ids_unique(slide.part.package.presentation_part.presentation)

    def it_states_the_npv_convention_in_plain_words_and_the_formula_in_the_notes(
        self, roi_library, tmp_path
    ):
        slide = build(roi_library, tmp_path, ["roi-cash"]).slides[1]
        text = " ".join(slide_texts(slide))
        assert "Year 0 is today and is counted in full" in text
        assert "Excel" not in text and "NPV(" not in text  # no spreadsheet jargon for a buyer
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith("Say it.")  # the talking points, then the method for the rep
        assert "NPV = Excel NPV(rate, year 1…n) + year 0" in notes

    def it_labels_only_points_the_line_leaves_room_for(self, roi_library, tmp_path):
        slide = build(roi_library, tmp_path, ["roi-cash"]).slides[1]
        line = charts(slide)[1]
        assert not line.plots[0].data_labels.show_value  # no label on every point
        d_lbls = line.plots[0].series[0]._element.findall(f"{qn('c:dLbls')}/{qn('c:dLbl')}")
        placed = {
            int(d.find(qn("c:idx")).get("val")): d.find(qn("c:dLblPos")).get("val") for d in d_lbls
        }
        assert placed == {0: "b", 3: "t"}  # start below the rising line, end above it

    @pytest.mark.parametrize(
        ("values", "expected"),
        [
            ([-342000, 169300, 1192300, 2390300], {0: "BELOW", 3: "ABOVE"}),
            ([-5, 10, 4, 8], {0: "BELOW", 1: "ABOVE", 2: "BELOW", 3: "ABOVE"}),
            ([5], {0: "ABOVE"}),
        ],
    )
    def it_puts_labels_on_the_free_side_of_the_line(self, values, expected):
        placed = {i: p.name for i, p in label_positions(values).items()}
        assert placed == expected


class DescribeTornadoSlide:
    def it_draws_a_bar_per_driver_biggest_on_top(self, roi_library, tmp_path):
        slide = build(roi_library, tmp_path, ["roi-tornado"]).slides[1]
        (chart,) = charts(slide)
        assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
        tornado = expected_case().tornado
        # Bar charts draw the first category at the bottom: the biggest driver comes last.
        names = list(chart.plots[0].categories)
        assert names[::-1] == [b.driver for b in tornado.bars]
        assert names[-1] == "Claims keying"
        low, high = chart.plots[0].series
        assert (low.name, high.name) == ("Driver −20 %", "Driver +20 %")
        base = tornado.base_npv
        assert high.values[::-1] == pytest.approx([b.high_npv - base for b in tornado.bars])
        assert low.values[::-1] == pytest.approx([b.low_npv - base for b in tornado.bars])
        assert chart.plots[0].overlap == 100


class DescribeSummarySlide:
    def it_shows_headline_figures_next_to_unadjusted_ones(self, roi_library, tmp_path):
        slide = build(roi_library, tmp_path, ["roi-summary-gen"]).slides[1]
        assert slide.slide_layout.name == "Table"
        tables = [s.table for s in slide.shapes if s.has_table]
        assert len(tables) == 2
        rows = [[c.text for c in r.cells] for r in tables[0].rows]
        assert rows[0] == ["Figure", "Risk-adjusted", "Unadjusted"]
        npv_row = next(r for r in rows if r[0] == "Net present value")
        r = expected_case().result
        assert npv_row[1] == f"${round(r.adjusted.npv):,}"
        assert npv_row[2] == f"${round(r.unadjusted.npv):,}"
        labels = [row[0] for row in rows]
        for label in ("Internal rate of return", "Payback", "3-year TCO, today → with solution"):
            assert label in labels

    def it_shows_every_assumption_line_continuing_on_a_second_slide(self, roi_library, tmp_path):
        model = dict(MODEL)
        model["costs"] = [*MODEL["costs"]] + [
            {"name": f"Cost line {n}", "amount": 1000 * n} for n in range(1, 15)
        ]
        model["costs"].append({"name": "Biggest line", "amount": 9_000_000})
        roi_service.set_model(roi_library, "Acme Clinics", model)
        prs = build(roi_library, tmp_path, ["roi-summary-gen"])
        titles = [slide_texts(s)[0] for s in prs.slides]
        assert "Business case for Acme Clinics (continued)" in titles
        shown = {
            r.cells[0].text
            for s in prs.slides
            for shape in s.shapes
            if shape.has_table and shape.name.startswith("ROI assumptions")
            for r in shape.table.rows
        }
        assert {"Biggest line", "Cost line 1", "Cost line 14", "Setup"} <= shown
        assert not any("more lines" in t for s in prs.slides for t in slide_texts(s))

    def it_lists_the_assumptions(self, roi_library, tmp_path):
        slide = build(roi_library, tmp_path, ["roi-summary-gen"]).slides[1]
        tables = [s.table for s in slide.shapes if s.has_table]
        cells = {r.cells[0].text: r.cells[1].text for r in tables[1].rows}
        assert cells["Discount rate"] == "10.0%"
        assert cells["Claims keying"] == "$400,000/yr; ramp 50/100 %; risk −10%"
        assert cells["Reviewer time"].startswith("5,000 h × $40 = $200,000/yr")
        assert cells["Setup"] == "$150,000 once, year 0; risk +20%"

    def it_marks_implausible_figures_for_the_rep_to_check(self, roi_library, tmp_path):
        roi_service.set_model(roi_library, "Acme Clinics", {"cash_flows": [-10, 5000, 5000]})
        slide = build(roi_library, tmp_path, ["roi-summary-gen"]).slides[1]
        texts = "\n".join(slide_texts(slide))
        assert "Check before presenting" in texts
        assert "(check)" in texts
        assert "Cash flows, year 0 first" in texts


class DescribeWithoutAModel:
    def it_says_how_to_add_one_when_asked_for_roi_slides(self, roi_library, tmp_path):
        roi_service.clear_model(roi_library, "Acme Clinics")
        with pytest.raises(RenderError, match="need a business case for this prospect: set one"):
            build(roi_library, tmp_path, ["roi-cash"])


class DescribeLocaleAndCurrency:
    def it_formats_for_the_prospects_locale_and_currency(self, roi_library, tmp_path):
        roi_library.execute("UPDATE prospects SET currency = 'EUR', locale = 'de_DE'")
        prs = build(roi_library, tmp_path, ["roi-summary-gen", "roi-cash"])
        table = next(s.table for s in prs.slides[1].shapes if s.has_table)
        npv = next(r.cells[1].text for r in table.rows if r.cells[0].text == "Net present value")
        assert npv.endswith("\xa0€") and "." in npv  # German grouping, euro after the amount
        line = charts(prs.slides[2])[1]
        assert line.value_axis.tick_labels.number_format == '#,##0"\xa0""€"'


@pytest.mark.libreoffice
def test_roi_deck_converts_with_one_page_per_slide(soffice, roi_library, tmp_path):
    deck = tmp_path / "roi.pptx"
    build_deck(roi_library, plan_deck(roi_library, "Acme Clinics", ROI_KEYS), deck)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
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
    reader = PdfReader(str(tmp_path / "roi.pdf"))
    assert len(reader.pages) == 5  # title, three ROI slides, the closing
    assert "Net present value" in reader.pages[1].extract_text()
