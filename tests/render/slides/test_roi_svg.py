"""The leave-behind's cumulative-cash chart: well-formed SVG, escaped text, points in place."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from enabler.render.slides.roi_svg import HEIGHT, cumulative_svg, nice_step

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


class DescribeCumulativeSvg:
    def it_draws_one_point_and_label_per_year(self):
        root = parse(cumulative_svg(["Year 0", "Year 1", "Year 2"], [-100, 50, 300], str, "Cash"))
        assert root.tag == f"{SVG}svg"
        assert len(root.findall(f"{SVG}circle")) == 3
        texts = [t.text for t in root.iter(f"{SVG}text")]
        assert {"Year 0", "Year 1", "Year 2", "-100", "50", "300"} <= set(texts)
        assert root.find(f"{SVG}title").text == "Cash"

    def it_puts_higher_values_higher_and_negatives_below_zero(self):
        root = parse(cumulative_svg(["a", "b", "c"], [-100, 0, 300], str, "t"))
        ys = [float(c.get("cy")) for c in root.findall(f"{SVG}circle")]
        assert ys[0] > ys[1] > ys[2]  # SVG y grows downwards
        assert all(0 < y < HEIGHT for y in ys)

    def it_escapes_text_from_reps(self):
        title = 'Acme <R&D> "Labs"\x07'
        svg = cumulative_svg(["<Y0>", "Y1"], [1, 2], lambda v: f"{v}&", title)
        root = parse(svg)  # would raise if anything were unescaped
        assert root.find(f"{SVG}title").text == 'Acme <R&D> "Labs"'
        assert "<Y0>" in [t.text for t in root.iter(f"{SVG}text")]

    def it_copes_with_flat_all_zero_flows(self):
        root = parse(cumulative_svg(["Y0", "Y1"], [0.0, 0.0], str, "t"))
        assert len(root.findall(f"{SVG}circle")) == 2

    @pytest.mark.parametrize(("span", "step"), [(10, 5), (1000, 500), (7, 2), (0.3, 0.1)])
    def it_picks_round_axis_steps(self, span, step):
        assert nice_step(span) == pytest.approx(step)
