"""A smart module's content as the editor's form texts, and back."""

from __future__ import annotations

import pytest

from enabler.domain.module_form import (
    Pictures,
    content_from_form,
    form_fields,
    form_pictures,
    form_values,
    labelled_texts,
)
from enabler.domain.modules import SmartLayout, content_from_dict


class DescribeModuleForm:
    @pytest.mark.parametrize(
        "content",
        [
            {"layout": "bullets", "title": "T", "bullets": ["a", "b"]},
            {
                "layout": "two_column",
                "title": "T",
                "columns": [{"heading": "L", "bullets": ["x"]}, {"heading": "R", "bullets": []}],
            },
            {"layout": "table", "title": "T", "table": [["h1", "h2"], ["a", ""]]},
            {"layout": "image_text", "title": "T", "image": "abc", "caption": "C"},
            {"layout": "quote", "title": "T", "quote": "Line 1\nLine 2", "attribution": "A"},
        ],
    )
    def it_round_trips_content_through_the_form(self, content):
        layout = SmartLayout(content["layout"])
        assert content_from_form(layout, form_values(content), content) == content

    def it_keeps_only_what_the_new_layout_shows(self):
        base = {"layout": "bullets", "title": "T", "bullets": ["a"], "image": "abc"}
        values = form_values(base) | {"metric": "80%", "metric_label": "faster"}
        assert content_from_form(SmartLayout.BIG_NUMBER, values, base) == {
            "layout": "big_number",
            "title": "T",
            "metric": "80%",
            "metric_label": "faster",
        }

    def it_keeps_a_generated_layouts_data(self):
        base = {"layout": "why_us", "title": "Old", "table": [["a"]]}
        values = form_values(base) | {"title": "Why {{ vendor.product }}"}
        assert content_from_form(SmartLayout.WHY_US, values, base) == {
            "layout": "why_us",
            "title": "Why {{ vendor.product }}",
            "table": [["a"]],
        }
        assert [f.name for f in form_fields(SmartLayout.WHY_US)] == ["title"]

    def it_drops_blank_lines_and_trims_cells(self):
        values = {"title": " T ", "table": "a |b\n\n c| d "}
        assert content_from_form(SmartLayout.TABLE, values, {})["table"] == [
            ["a", "b"],
            ["c", "d"],
        ]

    def it_labels_each_text_where_it_goes(self):
        content = content_from_dict(
            {
                "layout": "two_column",
                "title": "T",
                "columns": [{"heading": "L", "bullets": ["x", "y"]}],
            }
        )
        assert labelled_texts(content) == [
            ("Title", "T"),
            ("Column 1 heading", "L"),
            ("Column 1 bullet 1", "x"),
            ("Column 1 bullet 2", "y"),
        ]


class DescribeChosenPictures:
    def it_puts_the_chosen_pictures_in_the_content(self):
        base = {"layout": "image_text", "title": "T", "image": "old"}
        chosen = Pictures(image="new", logos=("l1",))
        content = content_from_form(SmartLayout.IMAGE_TEXT, form_values(base), base, chosen)
        assert content["image"] == "new" and "logos" not in content

    def it_drops_a_picture_the_new_layout_does_not_show(self):
        base = {"layout": "logo_strip", "title": "T", "logos": ["a", "b"]}
        chosen = form_pictures(base)
        assert chosen == Pictures("", ("a", "b"))
        content = content_from_form(SmartLayout.BULLETS, form_values(base), base, chosen)
        assert "logos" not in content and "image" not in content
        assert chosen.shown(SmartLayout.LOGO_STRIP).refs() == ("a", "b")

    def it_removes_a_picture_when_none_is_chosen(self):
        base = {"layout": "image_text", "title": "T", "image": "old"}
        content = content_from_form(SmartLayout.IMAGE_TEXT, form_values(base), base, Pictures())
        assert "image" not in content
