"""The leave-behind PDF: content, contributed sections, and hostile text."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from enabler.domain.prospects import Insight, InsightKind
from enabler.export.html_pdf import allowed, project_fetcher
from enabler.services.leave_behind import document as lb
from enabler.services.leave_behind.content import SectionItem
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction
from tests.conftest import run_cli

CHART = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120">'
    '<rect x="10" y="40" width="300" height="40" fill="#13A89E"/>'
    '<text x="10" y="30" font-family="Lato" font-size="14">Cumulative cash</text></svg>'
)


def fake_roi(db, prospect):
    return lb.LeaveBehindSection(
        key="roi",
        title=f"Business case for {prospect.company}",
        table=(("", "Expected"), ("Net present value", "$1,234,567"), ("Payback", "7 months")),
        chart_svg=CHART,
        chart_title="Cumulative cash flow",
        notes=("Year 0 = today, undiscounted.",),
    )


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


class DescribeLeaveBehind:
    def it_shows_the_prospect_their_words_and_our_answers(self, demo_db, tmp_path, monkeypatch):
        monkeypatch.setattr(lb, "SECTION_PROVIDERS", (fake_roi,))
        result = lb.build_leave_behind(demo_db, "Northwind Health", tmp_path / "lb.pdf")
        text = pdf_text(result.path)
        assert result.company == "Northwind Health" and result.pages >= 3
        assert "Northwind Health" in text
        assert "Prior auth queue hit 2,900" in text  # an insight, in their words
        assert "How we address them" in text
        assert "$1,234,567" in text and "7 months" in text  # the registered ROI section
        assert "Business case for Northwind Health" in result.sections
        assert "dana.whitfield@brightwave.example" in text  # the rep's contact
        assert "Next steps" in text

    def it_never_leaves_a_heading_and_its_intro_alone_at_a_page_foot(self, demo_db, tmp_path):
        result = lb.build_leave_behind(demo_db, "Northwind Health", tmp_path / "lb.pdf")
        pages = [page.extract_text() for page in PdfReader(str(result.path)).pages]
        for heading, first in (
            ("Questions teams like yours often ask", "We can't take on another big project"),
            ("Your questions, answered", "You are more expensive than the alternatives"),
        ):
            (page,) = [n for n, text in enumerate(pages) if heading in text]
            assert first in pages[page], f"{heading!r} is parted from its first item"

    def it_is_complete_without_any_contributed_section(self, demo_db, tmp_path, monkeypatch):
        monkeypatch.setattr(lb, "SECTION_PROVIDERS", ())
        result = lb.build_leave_behind(demo_db, "Northwind Health", tmp_path / "lb.pdf")
        assert result.sections[0] == "Cover"
        assert result.sections[-3:] == ("Next steps", "References", "Contact")  # the back page
        text = pdf_text(result.path)
        assert "Your priorities" in text and "Teams like yours" in text

    def it_uses_only_project_fonts(self, demo_db, tmp_path, monkeypatch):
        monkeypatch.setattr(lb, "SECTION_PROVIDERS", ())
        result = lb.build_leave_behind(demo_db, "Northwind Health", tmp_path / "lb.pdf")
        fonts = set()
        for page in PdfReader(str(result.path)).pages:
            for font in page["/Resources"]["/Font"].values():
                fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
        assert fonts and all(f.startswith(("Lato", "Open-Sans")) for f in fonts), fonts


class DescribeHostileText:
    def it_renders_markup_as_text_and_fetches_nothing(
        self, demo_db, tmp_path, monkeypatch, error_logs
    ):
        prospect = prospect_store.find(demo_db, "Northwind Health")
        hostile = (
            '<img src="file:///etc/passwd"> and <a href="http://169.254.169.254/latest">'
            "metadata</a> <link rel=attachment href=file:///etc/hostname>"
        )
        with transaction(demo_db):
            prospect_store.add_insight(
                demo_db,
                Insight(0, prospect.id, InsightKind.PAIN, hostile, date=dt.date(2026, 12, 1)),
            )

        def sneaky(db, p):
            svg = (
                '<svg xmlns="http://www.w3.org/2000/svg" '
                'xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
                '<image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>'
            )
            item = SectionItem(heading='<script>alert("x")</script>', text="&amp; fine")
            return lb.LeaveBehindSection("x", "Provided", items=(item,), chart_svg=svg)

        monkeypatch.setattr(lb, "SECTION_PROVIDERS", (sneaky,))
        fetcher = project_fetcher()
        html = lb.render_leave_behind(lb.document_data(demo_db, prospect))
        assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
        assert '<img src="file:///etc/passwd">' not in html and "<script>" not in html
        result = lb.build_leave_behind(
            demo_db, "Northwind Health", tmp_path / "lb.pdf", fetcher=fetcher
        )
        text = pdf_text(result.path)
        assert '<img src="file:///etc/passwd">' in " ".join(text.split("\n"))
        assert "root:" not in text
        asked = " ".join(fetcher.requested)
        assert "169.254" not in asked and "hostname" not in asked
        # The only outside file asked for came from the provider's SVG, and it was refused.
        assert fetcher.refused == ["file:///etc/passwd"]  # asked by the provider's SVG
        assert all(allowed(u) for u in fetcher.requested if u not in fetcher.refused)
        # WeasyPrint logs the refused picture as an error: the only one
        assert [(r.name, "etc/passwd" in r.getMessage()) for r in error_logs] == [
            ("weasyprint", True)
        ]


class DescribeFetcher:
    @pytest.mark.parametrize(
        "url",
        [
            "file:///etc/passwd",
            "http://169.254.169.254/latest/meta-data",
            "https://example.com/font.ttf",
            "ftp://example.com/x",
            "file://otherhost/work/main/assets/fonts/Lato-Regular.ttf",
        ],
    )
    def it_refuses_anything_outside_the_project(self, url):
        assert not allowed(url)

    def it_refuses_a_path_that_climbs_out(self):
        from enabler.export.html_pdf import TEMPLATES

        assert not allowed((TEMPLATES / "leave_behind").as_uri() + "/../../../../etc/passwd")

    def it_allows_data_and_project_files(self):
        from enabler.export.html_pdf import ROOT

        assert allowed("data:image/png;base64,AAAA")
        assert allowed((ROOT / "assets" / "fonts" / "Lato-Regular.ttf").as_uri())


class DescribeCommand:
    def it_writes_the_pdf_and_names_an_unknown_prospect(self, demo_db_path, tmp_path):
        db = demo_db_path
        out = tmp_path / "lb.pdf"
        ok = run_cli("leave-behind", "--prospect", "Harborview Bank", "--out", out, "--db", db)
        assert ok.returncode == 0, ok.stderr
        assert "Harborview Bank" in pdf_text(out)
        bad = run_cli("leave-behind", "--prospect", "Harborvew Bank", "--out", out, "--db", db)
        assert bad.returncode == 1 and "Did you mean 'Harborview Bank'" in bad.stderr
