"""Agenda, closing and appendix: the deck's frame around the content (issue 20, item 3)."""

from __future__ import annotations

import pytest

from enabler.services.deck.build import build_deck, plan_deck
from tests.helpers import summary


def titles(rows) -> list[str]:
    return [r["texts"][0] if r["texts"] else "" for r in rows]


# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def northwind(demo_db, tmp_path):
    plan = plan_deck(demo_db, "Northwind Health")
    return plan, summary(build_deck(demo_db, plan, tmp_path / "nw.pptx").path)


class DescribeAgenda:
    def it_lists_every_content_slide_of_the_deck(self, northwind):
        _, rows = northwind
        agenda = next(r for r in rows if r["layout"] == "Agenda")
        body = "\n".join(agenda["texts"])
        for title in (
            "Why Brightwave Flow",
            "Business case for Northwind Health",
            "Cash flow over 3 years",
            "What moves the business case most",
            "How we meet Northwind Health's criteria",
            "Path to decision",
        ):
            assert title in body
        assert "Appendix" in body and "Your questions, answered" in body

    def it_fills_the_side_panel_with_who_the_meeting_is_for(self, northwind):
        _, rows = northwind
        agenda = next(r for r in rows if r["layout"] == "Agenda")
        assert any("Northwind Health" in t and "Rachel Okafor" in t for t in agenda["texts"])


class DescribeClosingAndAppendix:
    def it_closes_after_the_content_and_before_an_appendix_divider(self, northwind):
        _, rows = northwind
        names = titles(rows)
        closing = names.index("Path to go-live for Northwind Health")
        divider = names.index("Appendix")
        answers = names.index("Your questions, answered")
        assert closing < divider < answers
        assert rows[divider]["layout"] == "Section"
        assert all(rows[n]["layout"] != "Closing" for n in range(closing + 1, len(rows)))

    @pytest.mark.parametrize(
        "company",
        [
            "Keystone Manufacturing",
            "Harborview Bank",
            "Meridian Care Partners",
            "Summit Credit Union",
            "Alder Precision",
        ],
    )
    def it_gives_every_deck_a_closing_slide_with_how_to_reach_us(self, demo_db, tmp_path, company):
        rows = summary(build_deck(demo_db, plan_deck(demo_db, company), tmp_path / "d.pptx").path)
        names = titles(rows)
        end = names.index("Appendix") if "Appendix" in names else len(rows)
        assert rows[end - 1]["layout"] == "Closing"
        assert "brightwave.example" in "\n".join(rows[end - 1]["texts"])

    def it_has_no_divider_when_nothing_is_behind_it(self, demo_db, tmp_path):
        plan = plan_deck(demo_db, "Keystone Manufacturing")
        names = titles(summary(build_deck(demo_db, plan, tmp_path / "k.pptx").path))
        assert "Appendix" not in names
