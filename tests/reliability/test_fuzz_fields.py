"""Fuzzing every text that reaches a deck: the deck always reopens and passes the integrity check.

Strings mix XML-invalid control characters, emoji, combining marks, right-to-left text, very long
values and empty strings; numbers run to the limits. Values are set on the deck plan itself (no
database write per example), so a few hundred examples stay cheap.
"""

from __future__ import annotations

import dataclasses
import io
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation

from enabler.domain.modules import Column, SmartContent, SmartLayout
from enabler.domain.prospects import Contact, Prospect
from enabler.errors import RenderError
from enabler.render.deck import to_bytes
from enabler.render.integrity import check_integrity
from enabler.render.templating import engine as templating
from enabler.services.deck.build import plan_deck, render_plan
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction
from tests.conftest import add_module

NASTY = [
    "\x00",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1b",
    "\ufffe",
    "\uffff",
    "\ud800",  # a lone surrogate
    "\u202e",  # right-to-left override
    "\u200f",
    "\u0301\u0301\u0301",  # stacked combining marks
    "\U0001f600",
    "\U0001f469\u200d\U0001f4bb",  # an emoji sequence with a zero-width joiner
    "שלום",
    "مرحبا",
    "&<>\"'",
    "\r\n",
    "\t",
]

# Plain text (module text is edited separately from the fields: no `{` here).
chunks = st.one_of(
    st.sampled_from(NASTY),
    st.text(alphabet=st.characters(exclude_characters="{}"), max_size=30),
)
texts = st.one_of(
    st.just(""),
    st.lists(chunks, max_size=8).map("".join),
    st.builds(lambda c, n: (c or "x") * n, chunks, st.integers(1, 5000)).map(lambda s: s[:5000]),
)


@pytest.fixture
def base_plan(db):
    """One module per text-bearing layout, each filling prospect and contact fields."""
    fields = "{{ prospect.company }} · {{ prospect.industry }} · {{ prospect.top_pain }}"
    contents = {
        "section": SmartContent(SmartLayout.SECTION, "Why", subtitle=fields),
        "bullets": SmartContent(
            SmartLayout.BULLETS,
            "For {{ prospect.company }}",
            bullets=(fields, "{{ contact.name }}"),
        ),
        "quote": SmartContent(
            SmartLayout.QUOTE, "Said", quote=fields, attribution="{{ contact.title }}"
        ),
        "number": SmartContent(
            SmartLayout.BIG_NUMBER, "{{ prospect.company }}", metric="42", metric_label=fields
        ),
        "table": SmartContent(
            SmartLayout.TABLE, "Table", table=(("Who", "What"), ("{{ prospect.company }}", fields))
        ),
        "columns": SmartContent(
            SmartLayout.TWO_COLUMN,
            "Cols",
            columns=(Column("{{ prospect.company }}", (fields,)), Column("B", ("b",))),
        ),
    }
    for key, content in contents.items():
        add_module(db, key, content)
    with transaction(db):
        prospect_store.create(db, Prospect(id=0, company="Acme"))
    return db, plan_deck(db, "Acme", list(contents))


def assert_deck_sound(blob: bytes) -> None:
    prs = Presentation(io.BytesIO(blob))
    assert len(prs.slides) >= 6
    report = check_integrity(blob)
    assert report.ok, report.problems


def with_fields(plan, company, industry, pain, name, title):
    prospect = dataclasses.replace(
        plan.prospect, company=company, industry=industry, pains=(pain,), goals=(pain,)
    )
    contact = Contact(id=1, prospect_id=prospect.id, name=name, title=title)
    return dataclasses.replace(plan, prospect=prospect, contact=contact, rep=name)


def with_module_text(plan, text: str):
    """Every module's own text replaced by `text` (what marketing types in the editor)."""
    plan = with_fields(plan, "Acme", "Health", "Slow claims", "Jo Buyer", "CFO")
    planned = []
    for p in plan.modules:
        c = p.version.content
        new = dataclasses.replace(
            c,
            title=text,
            subtitle=text if c.subtitle else "",
            bullets=tuple(text for _ in c.bullets),
            quote=text if c.quote else "",
            metric_label=text if c.metric_label else "",
            table=tuple(tuple(text for _ in row) for row in c.table),
            columns=tuple(Column(text, (text,)) for _ in c.columns),
        )
        planned.append(dataclasses.replace(p, version=dataclasses.replace(p.version, content=new)))
    return dataclasses.replace(plan, modules=tuple(planned))


def check_fields(db, plan, company, industry, pain, name, title):
    assert_deck_sound(
        to_bytes(render_plan(db, with_fields(plan, company, industry, pain, name, title)))
    )


def check_module_text(db, plan, text):
    assert_deck_sound(to_bytes(render_plan(db, with_module_text(plan, text))))


def check_number(value):
    """A number filled through each formatting filter renders as text or gives a clear error."""
    for source in ("{{ n }}", "{{ n|money }}", "{{ n|number }}", "{{ n|compact }}"):
        try:
            out = templating.render(source, {"n": value}, "fuzz")
        except RenderError as exc:
            assert str(exc).startswith("fuzz:")
        else:
            assert isinstance(out, str)
            assert len(out) <= templating.MAX_OUTPUT


numbers = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -0.0, 1e308, -1e308, 5e-324, math.inf, -math.inf, math.nan, 10**30]),
)


class DescribeFieldFuzzing:
    @settings(settings.get_profile("reliability"), max_examples=50)
    @given(texts, texts, texts, texts, texts)
    def it_builds_a_sound_deck_from_any_field_values(self, base_plan, c, i, p, n, t):
        check_fields(*base_plan, c, i, p, n, t)

    @settings(settings.get_profile("reliability"), max_examples=40)
    @given(texts)
    def it_builds_a_sound_deck_from_any_module_text(self, base_plan, text):
        check_module_text(*base_plan, text)

    @settings(settings.get_profile("reliability"), max_examples=150)
    @given(numbers)
    def it_formats_any_number_or_says_why_not(self, value):
        check_number(value)


@pytest.mark.slow
class DescribeFieldFuzzingAtLength:
    @settings(settings.get_profile("bench"))
    @given(texts, texts, texts, texts, texts)
    def it_builds_a_sound_deck_from_any_field_values(self, base_plan, c, i, p, n, t):
        check_fields(*base_plan, c, i, p, n, t)

    @settings(settings.get_profile("bench"))
    @given(texts)
    def it_builds_a_sound_deck_from_any_module_text(self, base_plan, text):
        check_module_text(*base_plan, text)

    @settings(settings.get_profile("bench"))
    @given(numbers)
    def it_formats_any_number_or_says_why_not(self, value):
        check_number(value)
