"""The Build page's words for what the automatic plan left out."""

from __future__ import annotations

from enabler.app.pages.build.text import left_out_html
from enabler.domain.deck.notes import PlanNote, PlanNoteKind
from enabler.errors import fixes_for


class DescribeLeftOut:
    def it_names_the_module_the_field_and_where_to_fill_it(self):
        note = PlanNote(
            PlanNoteKind.LEFT_OUT,
            "pillars",
            "What <Acme> gets",
            field="contact.first_name",
            fixes=fixes_for("contact.first_name"),
        )
        added = PlanNote(PlanNoteKind.ADDED, "roi", "Business case", "has a case")
        text = left_out_html([note, added])
        assert "“What &lt;Acme&gt; gets” needs contact.first_name" in text
        assert "add a contact on the Prospects page" in text
        assert "Business case" not in text

    def it_says_nothing_when_nothing_was_left_out(self):
        assert left_out_html([]) == ""
