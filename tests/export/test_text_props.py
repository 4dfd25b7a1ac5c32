"""What one text element sets, and how the nearest setting wins along a chain."""

from __future__ import annotations

from lxml import etree

from enabler.export.text_props import NONE, TextProps, spacing_value

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


class DescribeTextProps:
    def it_reads_a_run_and_treats_empty_values_as_unset(self):
        rpr = etree.fromstring(
            f'<a:rPr xmlns:a="{A}" sz="2400" b="" i="1"><a:latin typeface=""/></a:rPr>'
        )
        assert TextProps.of_run(rpr)[:4] == ("2400", None, "1", None)
        assert TextProps.of_run(None) == NONE

    def it_reads_a_level_with_its_default_run_and_spacing(self):
        lvl = etree.fromstring(
            f'<a:lvl1pPr xmlns:a="{A}" marL="342900">'
            '<a:lnSpc/><a:spcBef><a:spcPts val="600"/></a:spcBef>'
            '<a:defRPr sz="1800"><a:latin typeface="+mj-lt"/></a:defRPr></a:lvl1pPr>'
        )
        props = TextProps.of_level(lvl)
        assert (props.size, props.face, props.left, props.indent) == (
            "1800",
            "+mj-lt",
            "342900",
            None,
        )
        assert props.line is None  # a spacing element without a value sets nothing
        assert spacing_value(props.before) == ("pts", 6.0)

    def it_lets_the_nearest_setting_win_and_inherits_the_rest(self):
        near = TextProps(size="2400", left="0")
        far = TextProps(size="1800", bold="1", left="457200", line=("pct", "90000"))
        merged = near.over(far)
        assert merged == TextProps(size="2400", bold="1", left="0", line=("pct", "90000"))
        assert spacing_value(merged.line) == ("pct", 0.9)
