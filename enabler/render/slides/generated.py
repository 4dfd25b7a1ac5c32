"""Slides generated from prospect data (ROI, objections, criteria…) rather than module text.

A smart module whose layout is a key of `GENERATORS` is rendered by that function instead of
the text layouts in `smart.py`. A generator receives the presentation, the brand layouts by name,
the module's content, the template context and the `fill` function (templating for any text it
takes from the module), adds one or more slides and returns the slides it added; the first gets
the module's speaker notes.

Add a generator by importing it below and adding one entry; keep its code in its own module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from enabler.domain.modules import SmartContent, SmartLayout
from enabler.render.slides.objections import objection_appendix_slides, why_us_slides
from enabler.render.slides.roi import roi_cashflow_slides, roi_summary_slides, roi_tornado_slides
from enabler.render.slides.worksheets import criteria_slides, path_to_decision_slides

Generator = Callable[[object, Mapping, SmartContent, Mapping, Callable[[str], str]], list]

GENERATORS: dict[SmartLayout, Generator] = {
    SmartLayout.OBJECTION_APPENDIX: objection_appendix_slides,
    SmartLayout.WHY_US: why_us_slides,
    SmartLayout.ROI_SUMMARY: roi_summary_slides,
    SmartLayout.ROI_CASHFLOW: roi_cashflow_slides,
    SmartLayout.ROI_TORNADO: roi_tornado_slides,
    SmartLayout.CRITERIA: criteria_slides,
    SmartLayout.PATH_TO_DECISION: path_to_decision_slides,
}
