"""The one-page rep prep sheet: render the PDF with WeasyPrint and read it back with pypdf."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from enabler.errors import ExportFailed
from enabler.export.html_pdf import render_html
from enabler.export.prep_sheet import write_fitting_pdf
from enabler.services.objections import checklists as service
from enabler.services.objections.prep_sheet import write_prep_sheet
from tests.conftest import copy_library

DAY = dt.date(2026, 11, 24)

# fixtures ---------------------------------------------------------------------------------


def pdf_text(path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


@pytest.fixture(scope="module")
def northwind_sheet(demo_db_file, tmp_path_factory):
    """The Northwind prep sheet from a private copy of the demo library (rendered once)."""
    from enabler.store.connection.db import open_db

    folder = tmp_path_factory.mktemp("sheet")
    db_path = copy_library(demo_db_file, folder / "lib.db")
    result = write_prep_sheet(open_db(db_path), "Northwind Health", folder / "prep.pdf", DAY)
    return result


# specs ------------------------------------------------------------------------------------


class DescribePrepSheet:
    def it_fits_the_checklist_answers_and_battlecard_on_one_page(self, northwind_sheet):
        pages, text = pdf_text(northwind_sheet.path)
        assert pages == northwind_sheet.pages == 1
        assert "Northwind Health" in text
        assert "2 of 9 answered" in text
        assert "Paperbridge offered us a big discount on a multi-year term." in text
        assert "Rachel mentioned the 20% first-year discount" in text  # the rep's note
        assert "Versus Paperbridge" in text and "Won 1 · Lost 1" in text
        assert "Variable layouts without templates" in text  # differentiator
        assert "How many templates will we maintain" in text  # landmine question
        assert "Compare cost per document processed straight through" in text  # the answer

    def it_lists_raised_items_before_answered_ones(self, northwind_sheet):
        _, text = pdf_text(northwind_sheet.path)
        assert text.index("You are more expensive") < text.index("It won't integrate with our EHR")

    def it_stays_on_one_page_with_long_hostile_notes_and_escapes_them(self, demo_db, tmp_path):
        hostile = '<script>alert(1)</script><img src="file:///etc/passwd"> </p></table>'
        for n in range(22):
            note = "Lange Notiz — ملاحظة طويلة " * 500
            service.add_item(demo_db, "Northwind Health", f"Worry {n} {hostile}", "risk", note)
        result = write_prep_sheet(demo_db, "Northwind Health", tmp_path / "long.pdf", DAY)
        pages, text = pdf_text(result.path)
        assert pages == 1
        assert "<script>alert(1)</script>" in text  # shown as text, never run as markup
        assert "root:" not in text
        assert "2 of 31 answered" in text

    def it_writes_nothing_when_the_folder_is_missing(self, demo_db, tmp_path):
        out = tmp_path / "missing" / "prep.pdf"
        with pytest.raises(ExportFailed, match="does not exist"):
            write_prep_sheet(demo_db, "Northwind Health", out, DAY)
        assert not out.parent.exists()


class DescribeWriteFittingPdf:
    def it_writes_the_first_candidate_that_fits_the_page_budget(self, tmp_path):
        long = "<p style='page-break-after: always'>Long</p>" * 3
        result = write_fitting_pdf([long, "<p>Short</p>"], "prep_sheet", tmp_path / "x.pdf")
        assert (result.variant, result.pages) == (1, 1)
        assert pdf_text(result.path) == (1, "Short")

    def it_cuts_the_most_compact_candidate_when_none_fits(self, tmp_path):
        long = "<p style='page-break-after: always'>Page</p>" * 3
        result = write_fitting_pdf([long, long], "prep_sheet", tmp_path / "x.pdf")
        assert (result.variant, result.pages) == (1, 1)
        assert pdf_text(result.path) == (1, "Page")

    def it_leaves_out_resources_outside_the_project(self, tmp_path, error_logs):
        secret = tmp_path / "secret.css"
        secret.write_text("p { display: none }", encoding="utf-8")
        html = f'<link rel="stylesheet" href="{secret.as_uri()}"><p>Fetched: none</p>'
        result = write_fitting_pdf([html], "prep_sheet", tmp_path / "x.pdf")
        assert pdf_text(result.path) == (1, "Fetched: none")
        assert result.refused == (secret.as_uri(),)
        assert [r.name for r in error_logs] == ["weasyprint"]  # it logs the refusal


class DescribeTemplate:
    def it_escapes_every_value(self):
        html = render_html("prep_sheet", "prep_sheet.html", sample_data(company="<b>Acme</b> & Co"))
        assert "&lt;b&gt;Acme&lt;/b&gt; &amp; Co" in html and "<b>Acme" not in html

    def it_names_a_missing_value(self):
        data = sample_data()
        del data["progress"]
        with pytest.raises(ExportFailed, match="progress"):
            render_html("prep_sheet", "prep_sheet.html", data)


def sample_data(company="Acme") -> dict:
    return {
        "density": "",
        "vendor": "Flow",
        "generated": "2026-11-24",
        "prospect": {
            "company": company,
            "industry": "",
            "stage": "Decision",
            "next_meeting": "",
            "rep": "",
            "competitors": [],
        },
        "progress": {"label": "0 of 0 answered"},
        "items": [],
        "more_items": 0,
        "answers": [],
        "battlecards": [],
        "more_cards": 0,
    }
