"""Where the Build page's widgets go: the deck in the centre, the rep's path around it.

Left, step 1: the prospect. Centre: a large picture of the selected slide over the filmstrip of
every slide. Right, step 2: the slides in order with why each is there, and the fields they
fill. Bottom, step 3: where to save, the primary *Build deck* and the exports after it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)


def step(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "step")
    return label


def arrange(page, browse_button, stage) -> None:
    """Lay out `page` (a BuildPage) around `stage` (the slide picture and filmstrip)."""
    left = QWidget()
    lv = QVBoxLayout(left)
    lv.setContentsMargins(0, 0, 0, 0)
    lv.addWidget(step("1 · Prospect"))
    lv.addWidget(page.search)
    lv.addWidget(page.prospect_view, 1)
    lv.addWidget(page.closed_box)

    centre = QWidget()
    cv = QVBoxLayout(centre)
    cv.setContentsMargins(0, 0, 0, 0)
    cv.addWidget(page.heading)
    cv.addWidget(stage, 1)

    slides = QWidget()
    sv = QVBoxLayout(slides)
    sv.setContentsMargins(4, 4, 4, 4)
    plan_column = QSplitter(Qt.Orientation.Vertical)
    plan_column.setObjectName("plan-split")  # settings remember it by this name
    plan_column.addWidget(page.plan_view)
    plan_column.addWidget(page.why)
    plan_column.setSizes([330, 90])
    page.why.setMinimumHeight(70)
    sv.addWidget(plan_column, 1)
    moves = QHBoxLayout()
    for w in (page.up_button, page.down_button, page.remove_button):
        moves.addWidget(w)
    sv.addLayout(moves)
    page.add_box.setSizeAdjustPolicy(
        QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
    )
    page.add_box.setMinimumContentsLength(16)
    page.add_box.view().setMinimumWidth(420)  # the list shows whole titles
    adding = QHBoxLayout()
    adding.addWidget(page.add_box, 1)
    adding.addWidget(page.add_button)
    sv.addLayout(adding)
    rating = QGridLayout()
    rating.addWidget(page.stars, 0, 0)
    rating.addWidget(page.flag, 0, 1)
    rating.addWidget(page.rate_button, 0, 2)
    rating.addWidget(page.comment, 1, 0, 1, 3)
    sv.addLayout(rating)
    page.side = QTabWidget()
    page.side.setAccessibleName("Slides and fields")
    page.side.addTab(slides, "2 · Slides")
    page.side.addTab(page.fields, "Fields")

    left.setMinimumWidth(160)
    page.side.setMinimumWidth(260)
    centre.setMinimumWidth(300)
    page.thumbs.state.setWordWrap(True)
    page.output.setMinimumWidth(120)
    splitter = QSplitter()
    splitter.setObjectName("build-split")  # settings remember it by this name
    for w in (left, centre, page.side):
        splitter.addWidget(w)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([180, 600, 300])
    splitter.setChildrenCollapsible(False)

    bar = QHBoxLayout()
    bar.addWidget(step("3 · Build"))
    bar.addWidget(QLabel("Save as"))
    bar.addWidget(page.output, 1)
    bar.addWidget(browse_button)
    for w in (page.progress, page.cancel_button, page.pdf_button, page.leave_button):
        bar.addWidget(w)
    bar.addWidget(page.open_button)
    page.build_button.setProperty("primary", True)
    bar.addWidget(page.build_button)
    layout = QVBoxLayout(page)
    layout.addWidget(splitter, 1)
    layout.addLayout(bar)
    layout.addWidget(page.result)
