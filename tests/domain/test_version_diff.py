"""Readable field-by-field diffs of module versions."""

from __future__ import annotations

from enabler.domain.version_diff import VersionSnapshot, diff_versions


def snap(content=None, notes="", **meta) -> VersionSnapshot:
    base = {"layout": "bullets", "title": "Pillars", "bullets": ["Fast", "Safe", "Cheap"]}
    return VersionSnapshot("smart", content or base, notes, {"stages": ["decision"]} | meta)


class DescribeDiffVersions:
    def it_finds_nothing_between_equal_versions(self):
        assert diff_versions(snap(), snap()) == []

    def it_says_what_happened_to_each_field_in_slide_order(self):
        before = snap(notes="Walk through")
        after = snap(
            {"layout": "bullets", "title": "Why us", "bullets": ["Fast", "Secure", "Cheap", "New"]},
            notes="",
            tags=["proof"],
        )
        summaries = [c.summary for c in diff_versions(before, after)]
        assert summaries == [
            'Title changed from "Pillars" to "Why us"',
            'Bullets: item 2 "Safe" → "Secure"; added "New" at 4',
            'Talking points cleared (was "Walk through")',
            'Tags: added "proof" at 1',
        ]

    def it_reports_removed_and_reordered_items(self):
        removed = diff_versions(
            snap(), snap({"layout": "bullets", "title": "Pillars", "bullets": ["Fast", "Cheap"]})
        )
        assert removed[0].summary == 'Bullets: removed "Safe"'
        assert removed[0].before == ["Fast", "Safe", "Cheap"]
        moved = diff_versions(
            snap(),
            snap({"layout": "bullets", "title": "Pillars", "bullets": ["Cheap", "Fast", "Safe"]}),
        )
        assert "Bullets:" in moved[0].summary and "Cheap" in moved[0].summary

    def it_names_columns_and_table_rows(self):
        a = snap(
            {
                "layout": "two_column",
                "title": "T",
                "columns": [{"heading": "Today", "bullets": ["Manual"]}],
            }
        )
        b = snap(
            {
                "layout": "two_column",
                "title": "T",
                "columns": [{"heading": "Now", "bullets": ["Manual"]}],
                "table": [["a", "b"]],
            }
        )
        labels = [c.label for c in diff_versions(a, b)]
        assert labels == ["Column 1 heading", "Table rows"]

    def it_sets_stages_and_shortens_hashes_and_long_text(self):
        long_text = "word " * 40
        changes = diff_versions(
            snap(stages=[]),
            VersionSnapshot(
                "smart",
                {"layout": "image_text", "title": long_text, "image": "ab" * 32},
                "",
                {"stages": ["awareness"]},
            ),
        )
        by_field = {c.field: c.summary for c in changes}
        assert by_field["image"] == "Image set to abababababab…"
        assert by_field["title"].endswith('…"') and len(by_field["title"]) < 140
        assert by_field["stages"] == 'Stages: added "awareness" at 1'
        assert by_field["layout"] == 'Layout changed from "bullets" to "image_text"'
