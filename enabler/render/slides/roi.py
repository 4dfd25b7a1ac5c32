"""Generated business-case slides with native, editable PowerPoint charts (see `generated.py`).

- ROI summary (Table layout): headline figures, risk-adjusted next to unadjusted, and the
  assumptions behind them, as two native tables (every line: long ones continue on a second
  slide), with the conventions in plain words as a footnote and the formulas in the notes.
- Cash flow (Title Only): net benefit by year as clustered columns (benefits, costs, net) and
  cumulative cash as a line, side by side.
- Sensitivity (Title Only): a tornado — a bar chart of the change in NPV when each driver moves
  down or up by the swing, biggest effect on top.

They draw from `ctx["roi"]`, which the build's ROI context provider fills when the prospect has
a model (`services/roi/deck.py`). Charts are python-pptx chart parts with their embedded
workbook, so the rep can edit the numbers in PowerPoint. Only the module's title goes through
`fill`; the figures are already text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.chart import XL_TICK_LABEL_POSITION as TICKS
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from enabler.domain.modules import SmartContent
from enabler.errors import Fix, Hint, RenderError
from enabler.render.layout import placement
from enabler.render.smart import (
    drop_empty_placeholders,
    insert_table,
    set_lines,
    slots,
    substitute_slot,
)

CHART_LAYOUT = "Title Only"
SUMMARY_LAYOUT = "Table"
LEFT, TOP, WIDTH, HEIGHT = Inches(0.6), Inches(1.5), Inches(12.133), Inches(4.35)
GAP = Inches(0.3)
NOTE_TOP, NOTE_HEIGHT = Inches(6.05), Inches(0.4)
MAX_ASSUMPTION_ROWS = 16  # a longer table continues on another slide
WARNING = RGBColor(0xB4, 0x23, 0x18)
Fill = Callable[[str], str]


def _roi(ctx: Mapping) -> Mapping:
    if "roi" not in ctx:
        raise RenderError(
            "The ROI slides need a business case for this prospect: set one or leave the ROI "
            "modules out.",
            hint=Hint(Fix.DO_FIRST, "set_roi"),
        )
    return ctx["roi"]


def _slide(prs, layouts: Mapping, name: str, title: str):
    if name not in layouts:
        raise RenderError(
            f"The brand template lacks the {name!r} layout. "
            "Rebuild it with `python templates/make_brand.py`."
        )
    slide = prs.slides.add_slide(layouts[name])
    placement.bind(slide, name)
    if slide.shapes.title is not None:
        slide.shapes.title.text_frame.text = title.replace("\n", "\v")
    return slide


def _note(slide, lines: list[str], warn: bool = False) -> None:
    box = slide.shapes.add_textbox(LEFT, NOTE_TOP, WIDTH, NOTE_HEIGHT)
    box.name = "ROI footnote"
    box.text_frame.word_wrap = True
    set_lines(box.text_frame, lines)
    for para in box.text_frame.paragraphs:
        for run in para.runs:
            run.font.size = Pt(9)
            if warn:
                run.font.color.rgb = WARNING


def _style_chart(chart, number_format: str, title: str, legend: bool) -> None:
    chart.font.size = Pt(11)
    chart.has_title = True
    chart.chart_title.text_frame.text = title
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(13)
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    axis = chart.value_axis
    axis.tick_labels.number_format = number_format
    axis.tick_labels.number_format_is_linked = False
    axis.has_major_gridlines = True
    chart.category_axis.tick_label_position = TICKS.LOW  # labels stay clear of negative bars


def _colour(series, theme: MSO_THEME_COLOR) -> None:
    series.format.fill.solid()
    series.format.fill.fore_color.theme_color = theme


def roi_cashflow_slides(prs, layouts, content: SmartContent, ctx, fill: Fill) -> list:
    """Net benefit by year (clustered columns) and cumulative cash (line)."""
    roi = _roi(ctx)
    chart = roi["chart"]
    slide = _slide(prs, layouts, CHART_LAYOUT, fill(content.title))
    half = (WIDTH - GAP) // 2
    fmt = chart["number_format"]

    columns = CategoryChartData(number_format=fmt)
    columns.categories = chart["years"]
    columns.add_series("Benefits", chart["benefits"])
    columns.add_series("Costs", chart["costs"])
    columns.add_series("Net benefit", chart["net"])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, LEFT, TOP, half, HEIGHT, columns)
    frame.name = "Net benefit by year"
    bars = frame.chart
    _style_chart(bars, fmt, "Net benefit by year (risk-adjusted)", legend=True)
    bars.plots[0].gap_width = 60
    for series, theme in zip(
        bars.plots[0].series,
        (MSO_THEME_COLOR.ACCENT_3, MSO_THEME_COLOR.ACCENT_2, MSO_THEME_COLOR.ACCENT_1),
        strict=True,
    ):
        _colour(series, theme)

    line_data = CategoryChartData(number_format=fmt)
    line_data.categories = chart["years"]
    line_data.add_series("Cumulative cash", chart["cumulative"])
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.LINE_MARKERS, LEFT + half + GAP, TOP, half, HEIGHT, line_data
    )
    frame.name = "Cumulative cash"
    line = frame.chart
    _style_chart(line, fmt, "Cumulative cash (risk-adjusted)", legend=False)
    plot = line.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = fmt
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.ABOVE
    labels.font.size = Pt(10)
    labels.show_value = False  # only the points `_label_points` picks show their value
    series = plot.series[0]
    _label_points(series, chart["cumulative"], fmt)
    series.smooth = False
    series.format.line.width = Pt(3)
    series.format.line.fill.solid()
    series.format.line.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
    _note(slide, [_conventions(roi)])
    _method_notes(slide, roi)
    drop_empty_placeholders(slide)
    return [slide]


def label_positions(values: list[float]) -> dict[int, XL_LABEL_POSITION]:
    """Which points of a line carry their value, and where, so no label sits on the line: the
    start and the end, and every turning point, on the side the line leaves free. A point the
    line runs straight through (rising or falling on both sides) has no free side: no label."""
    out: dict[int, XL_LABEL_POSITION] = {}
    last = len(values) - 1
    for i, v in enumerate(values):
        before = values[i - 1] if i > 0 else None
        after = values[i + 1] if i < last else None
        if before is None:  # the line leaves towards `after` (if any): the other side is free
            below = after is not None and after >= v
            out[i] = XL_LABEL_POSITION.BELOW if below else XL_LABEL_POSITION.ABOVE
        elif after is None:
            out[i] = XL_LABEL_POSITION.ABOVE if before <= v else XL_LABEL_POSITION.BELOW
        elif before <= v >= after:
            out[i] = XL_LABEL_POSITION.ABOVE  # a peak
        elif before >= v <= after:
            out[i] = XL_LABEL_POSITION.BELOW  # a trough
    return out


def _label_points(series, values: list[float], fmt: str) -> None:
    for i, position in label_positions(values).items():
        label = series.points[i].data_label
        label.position = position
        label.font.size = Pt(10)
        # A point's own label shows its value (python-pptx writes showVal="1"); it needs the
        # number format itself, placed right after c:idx as the schema orders it.
        d_lbl = label._get_or_add_dLbl()
        if d_lbl.find(qn("c:numFmt")) is None:
            num_fmt = OxmlElement("c:numFmt")
            num_fmt.set("formatCode", fmt)
            num_fmt.set("sourceLinked", "0")
            d_lbl.find(qn("c:idx")).addnext(num_fmt)


def _method_notes(slide, roi: Mapping) -> None:
    """The technical conventions, for the rep: the footnote says them in plain words."""
    method = roi["table"].get("method_notes") or []
    if method:
        frame = slide.notes_slide.notes_text_frame
        frame.text = "\n".join([t for t in (frame.text,) if t] + list(method))


def roi_tornado_slides(prs, layouts, content: SmartContent, ctx, fill: Fill) -> list:
    """Tornado: change in NPV per driver at −swing and +swing, biggest effect on top.

    Categories run from the smallest effect to the biggest because bar charts draw the first
    category at the bottom (reversing the axis instead would move the value axis to the top).
    """
    roi = _roi(ctx)
    chart = roi["chart"]
    swing = f"{chart['swing_pct']:g} %"
    slide = _slide(prs, layouts, CHART_LAYOUT, fill(content.title))
    bars = list(reversed(chart["tornado"]))  # bar charts draw the first category at the bottom
    data = CategoryChartData(number_format=chart["number_format"])
    data.categories = [b["driver"] for b in bars]
    data.add_series(f"Driver −{swing}", [b["low"] for b in bars])
    data.add_series(f"Driver +{swing}", [b["high"] for b in bars])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, LEFT, TOP, WIDTH, HEIGHT, data)
    frame.name = "NPV sensitivity"
    tornado = frame.chart
    _style_chart(
        tornado,
        chart["number_format"],
        f"Change in NPV ({roi['npv_text']}) when each driver moves ±{swing}",
        legend=True,
    )
    plot = tornado.plots[0]
    plot.overlap = 100  # the two bars of a driver share one row: left and right of zero
    plot.gap_width = 40
    for series, theme in zip(
        plot.series, (MSO_THEME_COLOR.ACCENT_5, MSO_THEME_COLOR.ACCENT_1), strict=True
    ):
        _colour(series, theme)
    _note(slide, [f"Each bar moves one input by ±{swing} with everything else unchanged."])
    drop_empty_placeholders(slide)
    return [slide]


def roi_summary_slides(prs, layouts, content: SmartContent, ctx, fill: Fill) -> list:
    """Headline figures (risk-adjusted and unadjusted) and the assumptions, as tables."""
    roi = _roi(ctx)
    table = roi["table"]
    slide = _slide(prs, layouts, SUMMARY_LAYOUT, fill(content.title))
    found = slots(slide)
    headline = [["Figure", "Risk-adjusted", "Unadjusted"], *table["headline"]]
    slot = found.get(1) or substitute_slot(slide, 1, set(found))
    left, top, width = slot.left, slot.top, slot.width  # the slot element goes on insert
    frame = insert_table(slot, len(headline), 3)
    left_w = Emu(int(width * 0.5))
    frame.width = left_w
    _fill_table(frame.table, headline, (0.44, 0.28, 0.28), left_w)
    header = ["Assumption", "Value"]
    rows = [list(r) for r in table["assumptions"]]
    per_slide = MAX_ASSUMPTION_ROWS - 1  # every line shown: the rest continue on more slides
    right_w = Emu(width - left_w - GAP)
    chunk = [header, *rows[:per_slide]]
    shape = slide.shapes.add_table(len(chunk), 2, left + left_w + GAP, top, right_w, Inches(0.3))
    shape.name = "ROI assumptions"
    _fill_table(shape.table, chunk, (0.4, 0.6), right_w)
    added = [slide]
    for start in range(per_slide, len(rows), per_slide):
        more = _slide(prs, layouts, SUMMARY_LAYOUT, f"{fill(content.title)} (continued)")
        found_more = slots(more)
        place = found_more.get(1) or substitute_slot(more, 1, set(found_more))
        chunk = [header, *rows[start : start + per_slide]]
        frame = insert_table(place, len(chunk), 2)
        frame.width = Emu(width)
        frame.name = "ROI assumptions (continued)"
        _fill_table(frame.table, chunk, (0.4, 0.6), width)
        drop_empty_placeholders(more)
        added.append(more)
    flags = list(roi.get("flags", ()))
    for n, each in enumerate(added):
        if flags:  # the rep's warning, on the slide so it cannot be missed before presenting
            _note(each, ["Check before presenting: " + " ".join(flags)], warn=True)
        elif n == len(added) - 1:
            _note(each, [_conventions(roi)])
        _method_notes(each, roi)
    drop_empty_placeholders(slide)
    return added


def _conventions(roi: Mapping) -> str:
    return " ".join(roi["table"]["notes"])


def _fill_table(table, rows: list[list[str]], shares: tuple[float, ...], width: int) -> None:
    size = Pt(12) if len(rows) <= 9 else Pt(10) if len(rows) <= 12 else Pt(9)
    height = Inches(0.3) if len(rows) <= 12 else Inches(0.24)
    for c, share in enumerate(shares):
        table.columns[c].width = Emu(int(width * share))
    for r, row in enumerate(rows):
        table.rows[r].height = height
        for c in range(len(shares)):
            cell = table.cell(r, c)
            cell.text = row[c] if c < len(row) else ""
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            for para in cell.text_frame.paragraphs:
                for run in para.runs:
                    run.font.size = size
