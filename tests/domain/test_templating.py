"""The slide-text sandbox."""

from __future__ import annotations

import datetime as dt

import pytest

from enabler.errors import RenderError
from enabler.render.templating.engine import names_read, render

CTX = {"prospect": {"company": "Northwind", "revenue": 1250000}, "today": dt.date(2026, 3, 5)}

PAYLOADS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ self._TemplateReference__context }}",
    "{{ config }}",
    "{{ request }}",
    "{{ ''|attr('__class__') }}",
    "{{ ()|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "{{ 'x' * 100000000 }}",
    "{{ range(10**9)|list }}",
    "{{ 9 ** 999999 }}",
    "{% for a in range(999) %}{% for b in range(999) %}x{% endfor %}{% endfor %}",
    "{{ prospect.company.__class__ }}",
]


class DescribeRender:
    def it_fills_fields_and_filters(self):
        assert render("Hi {{ prospect.company }}", CTX, "m") == "Hi Northwind"
        assert render("{{ prospect.revenue | money }}", CTX, "m") == "$1,250,000"
        assert render("{{ prospect.revenue | compact }}", CTX, "m") == "1.2M"
        assert render("{{ today | date('long') }}", CTX, "m") == "March 5, 2026"
        assert render("{{ prospect.region | default('n/a') }}", {"prospect": {}}, "m") == "n/a"

    def it_leaves_plain_text_alone(self):
        assert render("No fields here { } }", CTX, "m") == "No fields here { } }"

    def it_straightens_smart_quotes_inside_tags(self):
        assert render("{{ prospect.x | default(“n/a”) }} “kept”", {"prospect": {}}, "m") == (
            "n/a “kept”"
        )

    def it_strips_xml_invalid_characters_from_output(self):
        out = render("{{ v }}", {"v": "a\x00b\x1bc\ufffe"}, "m")
        assert out == "abc"

    @pytest.mark.parametrize("payload", PAYLOADS)
    def it_refuses_sandbox_escapes(self, payload):
        with pytest.raises(RenderError, match="Module X"):
            render(payload, CTX, "Module X")

    def it_names_an_unknown_field(self):
        with pytest.raises(RenderError, match=r"\{\{ contact.name \}\} has no value"):
            render("Dear {{ contact.name }}", CTX, "m")

    def it_reports_syntax_errors(self):
        with pytest.raises(RenderError, match="template error"):
            render("{{ prospect.company ", CTX, "m")


class DescribeLocaleDefaults:
    def it_formats_money_in_the_prospects_currency_and_locale(self):
        ctx = {"prospect": {"currency": "EUR", "locale": "de_DE"}, "v": 1234567}
        assert render("{{ v | money }}", ctx, "m") == "1.234.567\xa0€"
        assert render("{{ v | money('USD', 'en_US') }}", ctx, "m") == "$1,234,567"
        assert render("{{ v | number }}", ctx, "m") == "1.234.567"


class DescribeNamesRead:
    def it_finds_nothing_in_plain_text(self):
        assert names_read("Why now: costs are rising") == frozenset()

    def it_finds_the_top_level_names_a_text_looks_up(self):
        text = "Hi {{ contact.first_name }}, {% if roi %}{{ roi['npv_text'] }}{% endif %}"
        assert names_read(text) == {"contact", "roi"}

    def it_counts_a_filter_as_reading_the_prospect(self):
        assert names_read("{{ roi.npv | money }}") == {"roi", "prospect"}

    def it_keeps_names_the_text_binds_itself(self):
        # After the loop `roi` is the context's again: dropping bound names would miss it.
        text = "{% for roi in [1] %}{{ roi }}{% endfor %}{{ roi.npv_text }}"
        assert "roi" in names_read(text)

    def it_reads_curly_quotes_as_render_does(self):
        assert names_read("{{ glossary[“sla”] }}") == {"glossary"}

    @pytest.mark.parametrize(
        "text", ["{{ prospect.company ", "{% include 'other' %}", "{% import 'm' as m %}"]
    )
    def it_cannot_tell_for_broken_tags_or_other_templates(self, text):
        assert names_read(text) is None
