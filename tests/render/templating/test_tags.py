"""Finding and filling {{ fields }} in slide text, whatever runs PowerPoint split them into."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn

from enabler.errors import RenderError
from enabler.render.templating import engine as templating
from enabler.render.templating.tags import fill_tags, paragraph_text, tag_sources

CTX = {"prospect": {"company": "Acme Clinics", "region": "EU"}, "contact": {"first_name": "Jo"}}


# fixtures ---------------------------------------------------------------------------------


def body(inner: str):
    """A text body with one or more hand-written paragraphs."""
    return parse_xml(f"<p:txBody {nsdecls('p', 'a')}><a:bodyPr/>{inner}</p:txBody>")


def run(text: str, attrs: str = "") -> str:
    return f'<a:r><a:rPr lang="en-US" {attrs}/><a:t>{text}</a:t></a:r>'


def runs(el) -> list[tuple[str, dict]]:
    """(text, rPr attributes) of each run, in order."""
    out = []
    for r in el.iter(qn("a:r")):
        rpr = r.find(qn("a:rPr"))
        attrs = {k: v for k, v in (rpr.attrib.items() if rpr is not None else []) if k != "lang"}
        out.append((r.findtext(qn("a:t")), attrs))
    return out


def fill(el, ctx=CTX) -> int:
    return fill_tags(el, lambda source: templating.render(source, ctx, "Module 'm'"))


class DescribeFillTags:
    def it_fills_a_tag_split_over_three_differently_formatted_runs(self):
        el = body(
            "<a:p>"
            + run("Why ", 'b="0"')
            + run("{{ prosp", 'b="1"')
            + run("ect.comp", 'i="1" err="1"')
            + run("any }}", 'sz="4000"')
            + run("?", 'u="sng"')
            + "</a:p>"
        )
        assert fill(el) == 1
        assert runs(el) == [
            ("Why ", {"b": "0"}),
            ("Acme Clinics", {"b": "1"}),  # the run where the tag starts keeps its formatting
            ("?", {"u": "sng"}),
        ]

    def it_handles_braces_in_runs_of_their_own(self):
        el = body("<a:p>" + run("{", 'b="1"') + run("{ contact.first_name }") + run("}") + "</a:p>")
        fill(el)
        assert runs(el) == [("Jo", {"b": "1"})]

    def it_leaves_text_outside_tags_in_its_own_runs_and_formats(self):
        el = body(
            "<a:p>"
            + run("Hello {{ contact.", 'i="1"')
            + run("first_name }} from ", 'b="1"')
            + run("{{ prospect.region }}", 'sz="900"')
            + run(" today", 'u="sng"')
            + "</a:p>"
        )
        fill(el)
        assert runs(el) == [
            ("Hello Jo", {"i": "1"}),
            (" from ", {"b": "1"}),
            ("EU", {"sz": "900"}),
            (" today", {"u": "sng"}),
        ]

    def it_fills_several_tags_in_one_run(self):
        el = body("<a:p>" + run("{{ contact.first_name }} at {{ prospect.company }}!") + "</a:p>")
        fill(el)
        assert paragraph_text(el.find(qn("a:p"))) == "Jo at Acme Clinics!"

    def it_straightens_smart_quotes_inside_tags_only(self):
        el = body("<a:p>" + run("“{{ prospect.missing|default(“n/a”) }}”") + "</a:p>")
        fill(el, {"prospect": {}})
        assert paragraph_text(el.find(qn("a:p"))) == "“n/a”"

    def it_joins_a_tag_across_a_line_break(self):
        el = body("<a:p>" + run("{{ prospect.") + "<a:br/>" + run("company }} rocks") + "</a:p>")
        fill(el)
        p = el.find(qn("a:p"))
        assert paragraph_text(p) == "Acme Clinics rocks"
        assert p.find(qn("a:br")) is None

    def it_turns_newlines_in_values_into_line_breaks_in_the_same_format(self):
        el = body("<a:p>" + run("{{ prospect.company }}", 'b="1"') + "</a:p>")
        fill(el, {"prospect": {"company": "Acme\nClinics"}})
        p = el.find(qn("a:p"))
        assert paragraph_text(p) == "Acme\nClinics"
        assert [a for _, a in runs(el)] == [{"b": "1"}, {"b": "1"}]

    def it_strips_characters_xml_cannot_hold(self):
        el = body("<a:p>" + run("{{ prospect.company }}") + "</a:p>")
        fill(el, {"prospect": {"company": "Ac\x00me\x07\ufffe"}})
        assert paragraph_text(el.find(qn("a:p"))) == "Acme"
        etree.tostring(el)  # serialisable

    def it_renders_a_paragraph_with_a_block_tag_whole(self):
        el = body(
            "<a:p>"
            + run("{% if prospect.region == 'EU' %}", 'b="1"')
            + run("GDPR ready")
            + run("{% endif %}")
            + "</a:p>"
        )
        fill(el)
        assert runs(el) == [("GDPR ready", {"b": "1"})]

    def it_fills_table_cells_and_grouped_text(self):
        frame = parse_xml(
            f"<p:grpSp {nsdecls('p', 'a')}><p:sp><p:txBody><a:bodyPr/><a:p>"
            + run("{{ prospect.company }}")
            + "</a:p></p:txBody></p:sp><p:graphicFrame><a:graphic><a:graphicData><a:tbl>"
            "<a:tr><a:tc><a:txBody><a:bodyPr/><a:p>"
            + run("{{ prospect.")
            + run("region }}")
            + "</a:p></a:txBody></a:tc></a:tr></a:tbl></a:graphicData></a:graphic>"
            "</p:graphicFrame></p:grpSp>"
        )
        assert fill(frame) == 2
        assert [t for t, _ in runs(frame)] == ["Acme Clinics", "EU"]

    def it_stops_on_an_unknown_field_naming_it(self):
        el = body("<a:p>" + run("{{ roi.np") + run("v }}") + "</a:p>")
        with pytest.raises(RenderError, match=r"'m'.*\{\{ roi.npv \}\}"):
            fill(el)

    def it_leaves_paragraphs_without_tags_untouched(self):
        el = body("<a:p>" + run("Plain {text}", 'b="1"') + "</a:p>")
        before = etree.tostring(el)
        assert fill(el) == 0
        assert etree.tostring(el) == before


@settings(max_examples=60, deadline=None)
@given(value=st.text(max_size=200))
def test_any_field_value_gives_well_formed_xml(value):
    el = body("<a:p>" + run("Hi {{ prospect.", 'b="1"') + run("company }}!") + "</a:p>")
    fill(el, {"prospect": {"company": value}})
    again = parse_xml(etree.tostring(el))
    text = paragraph_text(again.find(qn("a:p")))
    assert text.startswith("Hi ") and text.endswith("!")


class DescribeTagSources:
    def it_lists_joined_tags_and_whole_block_paragraphs(self):
        el = body(
            "<a:p>"
            + run("{{ prospect")
            + run(".company }} and {{ contact.first_name }}")
            + "</a:p>"
            "<a:p>" + run("{% if x %}y{% endif %}") + "</a:p>"
        )
        assert list(tag_sources(el)) == [
            "{{ prospect.company }}",
            "{{ contact.first_name }}",
            "{% if x %}y{% endif %}",
        ]
