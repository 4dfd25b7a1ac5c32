"""The app's one look: every text colour readable on its background, light and dark."""

from __future__ import annotations

import pytest

from enabler.app import theme


@pytest.mark.parametrize("c", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
class DescribeColours:
    def it_keeps_text_at_a_contrast_of_4_5_or_more(self, c):
        pairs = {
            "text on surface": (c.text, c.surface),
            "text on window": (c.text, c.window),
            "text on sidebar": (c.text, c.sidebar),
            "muted on surface": (c.muted, c.surface),
            "muted on window": (c.muted, c.window),
            "selected text": (c.on_accent, c.accent),
            "search match": (c.on_mark, c.mark),
            "problem": (c.problem, c.surface),
            "link": (c.link, c.surface),
        }
        low = {name: round(theme.contrast(*p), 2) for name, p in pairs.items()}
        assert all(ratio >= 4.5 for ratio in low.values()), low


class DescribeContrast:
    def it_matches_the_wcag_extremes(self):
        assert theme.contrast("#000000", "#ffffff") == pytest.approx(21)
        assert theme.contrast("#777777", "#777777") == pytest.approx(1)


class DescribeColourScheme:
    def it_follows_the_os_dark_mode(self):
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QColor

        white, black = QColor("#ffffff"), QColor("#202020")
        assert theme.scheme_is_dark(Qt.ColorScheme.Dark, white)
        assert not theme.scheme_is_dark(Qt.ColorScheme.Light, black)
        assert theme.scheme_is_dark(Qt.ColorScheme.Unknown, black)  # an older OS: its palette
        assert not theme.scheme_is_dark(Qt.ColorScheme.Unknown, white)


class DescribeHighlightedRows:
    def it_keeps_their_text_readable_in_light_and_dark_mode(self):
        from enabler.app import crm_models, decision_models
        from enabler.app.pages.build.fields import UNFILLED_BACKGROUND

        text = decision_models.ON_HIGHLIGHT.color().name()
        for brush in (
            decision_models.OVERDUE_BRUSH,
            decision_models.WEAK_BRUSH,
            crm_models.SKIPPED_BRUSH,
            crm_models.CHANGED_BRUSH,
        ):
            assert theme.contrast(text, brush.color().name()) >= 4.5
        assert theme.contrast("#1b1f24", UNFILLED_BACKGROUND.name()) >= 4.5
