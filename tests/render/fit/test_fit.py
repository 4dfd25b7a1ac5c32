"""Text fit measured with the real fonts in assets/fonts."""

from __future__ import annotations

import pytest

from enabler.render.fit.measure import Autofit, Frame, Paragraph, Run, fit, font_book, text_width
from tests.conftest import IN_CI


def frame(texts, size=20, width=300, height=100, family="Open Sans", **kw):
    paras = tuple(Paragraph((Run(t, family, size),), end_size_pt=size) for t in texts)
    return Frame(width_pt=width, height_pt=height, paragraphs=paras, **kw)


class DescribeFontBook:
    def it_finds_each_family_and_style_in_assets_fonts(self):
        book = font_book()
        assert book.face("Lato", bold=True).path.name == "Lato-Bold.ttf"
        assert book.face("open sans", italic=True).path.name == "OpenSans-Italic.ttf"

    def it_measures_real_advance_widths(self):
        book = font_book()
        regular, bold = book.face("Lato"), book.face("Lato", bold=True)
        assert text_width(bold, "Northwind", 20) > text_width(regular, "Northwind", 20) > 0
        # Open Sans is a wider face than Lato: the same words take more room.
        assert text_width(book.face("Open Sans"), "Northwind", 20) > text_width(
            regular, "Northwind", 20
        )
        assert text_width(regular, "iiii", 20) < text_width(regular, "WWWW", 20)

    def it_falls_back_to_the_body_font_for_unknown_families(self):
        book = font_book()
        assert book.face("Comic Nonsense").family == "Open Sans"
        assert "Comic Nonsense" in book.missing
        result = fit(frame(["Hello"], family="Comic Nonsense"))
        assert result.fits and result.approximate
        assert not fit(frame(["Hello"])).approximate

    def it_measures_calibri_with_its_metric_twin_when_installed(self):
        book = font_book()
        face = book.face("Calibri", bold=True)
        if "Calibri" in book.missing:
            (pytest.fail if IN_CI else pytest.skip)(
                "Carlito is not installed (apt install fonts-crosextra-carlito)"
            )
        assert face.family == "Carlito" and face.path.name == "Carlito-Bold.ttf"


class DescribeFit:
    def it_fits_a_short_line(self):
        result = fit(frame(["Hello"]))
        assert result.fits and result.lines == 1 and result.scale == 1.0

    def it_wraps_long_text_onto_more_lines(self):
        short = fit(frame(["word " * 5], height=1000))
        long = fit(frame(["word " * 40], height=1000))
        assert long.lines > short.lines >= 1
        assert long.needed_pt > short.needed_pt

    def it_breaks_a_word_longer_than_the_line(self):
        result = fit(frame(["x" * 200], width=100, height=1000))
        assert result.lines > 3

    def it_reports_overflow_when_the_frame_does_not_shrink(self):
        result = fit(frame(["Line"] * 10, height=100))
        assert not result.fits and result.needed_pt > result.available_pt == 100

    def it_shrinks_within_the_limit(self):
        # 5 lines of 20 pt Open Sans ≈ 136 pt: too tall for 120 pt at full size, fits smaller.
        result = fit(frame(["Line"] * 5, height=120, autofit=Autofit.SHRINK))
        assert result.fits and 0.7 <= result.scale < 1.0
        assert result.needed_pt <= 120.5

    def it_gives_up_below_the_floor(self):
        result = fit(frame(["Line"] * 20, height=120, autofit=Autofit.SHRINK), min_scale=0.7)
        assert not result.fits and result.scale == pytest.approx(0.7)

    def it_lets_a_growing_frame_use_the_room_below_it(self):
        tall = frame(["Line"] * 5, height=40, autofit=Autofit.GROW, grow_room_pt=400)
        assert fit(tall).fits
        assert not fit(frame(["Line"] * 5, height=40, autofit=Autofit.GROW, grow_room_pt=60)).fits

    def it_flags_an_unwrapped_line_wider_than_the_frame(self):
        result = fit(frame(["a rather long title"], width=60, height=200, wrap=False))
        assert not result.fits and result.too_wide

    def it_counts_explicit_line_breaks(self):
        result = fit(frame(["one\vtwo\vthree"], height=1000))
        assert result.lines == 3

    def it_respects_line_spacing_and_space_after(self):
        base = Paragraph((Run("Line", "Lato", 20),))
        airy = Paragraph((Run("Line", "Lato", 20),), line_spacing=1.5, space_after_pt=10)
        tight = Frame(300, 1000, (base, base))
        loose = Frame(300, 1000, (airy, airy))
        assert fit(loose).needed_pt > fit(tight).needed_pt * 1.5
