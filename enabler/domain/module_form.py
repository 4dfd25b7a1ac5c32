"""A smart module's content as an editor shows it: one plain text per form field.

Bullets are one per line, a table is one row per line with cells split by `|`, a two-column
slide has a heading and bullets per column. Which fields a form shows depends on the layout;
an image+text slide's picture and a logo strip's logos are chosen as stored assets (`Pictures`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from enabler.domain.modules import SmartContent, SmartLayout


@dataclass(frozen=True, slots=True)
class FormField:
    name: str
    label: str
    multiline: bool = False
    hint: str = ""


FIELDS: dict[str, FormField] = {
    f.name: f
    for f in (
        FormField("title", "Title"),
        FormField("subtitle", "Subtitle"),
        FormField("bullets", "Bullets", True, "One bullet per line."),
        FormField("left_heading", "Left heading"),
        FormField("left_bullets", "Left bullets", True, "One bullet per line."),
        FormField("right_heading", "Right heading"),
        FormField("right_bullets", "Right bullets", True, "One bullet per line."),
        FormField("quote", "Quote", True),
        FormField("attribution", "Attribution"),
        FormField("metric", "Metric"),
        FormField("metric_label", "Metric label"),
        FormField("caption", "Caption"),
        FormField("table", "Table", True, "One row per line, cells separated by |."),
    )
}

# The text fields each brand layout shows (see enabler.render.smart.render_smart).
LAYOUT_FIELDS: dict[SmartLayout, tuple[str, ...]] = {
    SmartLayout.SECTION: ("title", "subtitle"),
    SmartLayout.BULLETS: ("title", "bullets"),
    SmartLayout.TWO_COLUMN: (
        "title",
        "left_heading",
        "left_bullets",
        "right_heading",
        "right_bullets",
    ),
    SmartLayout.QUOTE: ("title", "quote", "attribution"),
    SmartLayout.BIG_NUMBER: ("title", "metric", "metric_label"),
    SmartLayout.IMAGE_TEXT: ("title", "bullets", "caption"),
    SmartLayout.TABLE: ("title", "table"),
    SmartLayout.LOGO_STRIP: ("title", "subtitle", "caption"),
    SmartLayout.CLOSING: ("title", "bullets", "subtitle"),
}
# The pictures each layout shows (a logo strip's are its `logos`).
LAYOUT_PICTURES: dict[SmartLayout, tuple[str, ...]] = {
    SmartLayout.IMAGE_TEXT: ("image",),
    SmartLayout.LOGO_STRIP: ("logos",),
}
_PLAIN = {"title", "subtitle", "quote", "attribution", "metric", "metric_label", "caption"}


@dataclass(frozen=True, slots=True)
class Pictures:
    """The pictures a form has chosen, as sha256s of stored assets (`enabler.store.assets`)."""

    image: str = ""  # an image+text slide's picture
    logos: tuple[str, ...] = ()  # a logo strip's logos, in order

    def shown(self, layout: SmartLayout) -> Pictures:
        """Only what `layout` shows (so switching layouts leaves no hidden picture behind)."""
        shown = LAYOUT_PICTURES.get(layout, ())
        return Pictures(
            self.image if "image" in shown else "",
            self.logos if "logos" in shown else (),
        )

    def refs(self) -> tuple[str, ...]:
        return tuple(s for s in (self.image, *self.logos) if s)


def form_pictures(content: Mapping) -> Pictures:
    """The pictures `content` (its JSON form) holds."""
    return Pictures(
        str(content.get("image", "") or ""),
        tuple(str(s) for s in content.get("logos") or () if s),
    )


def form_fields(layout: SmartLayout) -> tuple[FormField, ...]:
    """The fields to edit for `layout`; a generated layout (ROI, objections…) only has a title."""
    return tuple(FIELDS[name] for name in LAYOUT_FIELDS.get(layout, ("title",)))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _column(content: Mapping, n: int) -> Mapping:
    columns = content.get("columns") or ()
    return columns[n] if len(columns) > n and isinstance(columns[n], Mapping) else {}


def form_values(content: Mapping) -> dict[str, str]:
    """Every form field's text for `content` (its JSON form), empty when the field is unused."""
    values = {name: str(content.get(name, "") or "") for name in FIELDS}
    values["bullets"] = "\n".join(str(b) for b in content.get("bullets") or ())
    for n, side in enumerate(("left", "right")):
        column = _column(content, n)
        values[f"{side}_heading"] = str(column.get("heading", ""))
        values[f"{side}_bullets"] = "\n".join(str(b) for b in column.get("bullets") or ())
    values["table"] = "\n".join(
        " | ".join(str(cell) for cell in row) for row in content.get("table") or ()
    )
    return values


def content_from_form(
    layout: SmartLayout,
    values: Mapping[str, str],
    base: Mapping,
    pictures: Pictures | None = None,
) -> dict:
    """The JSON content for `layout` from the form's texts and chosen `pictures` (by default
    those of `base`).

    A text layout keeps only what it shows (so switching layouts leaves no hidden text behind);
    a generated layout keeps everything else of `base` (its tables and columns are data).
    """
    if layout not in LAYOUT_FIELDS:
        return {**base, "layout": layout.value, "title": values.get("title", "").strip()}
    content: dict = {"layout": layout.value}
    shown_pictures = (form_pictures(base) if pictures is None else pictures).shown(layout)
    if shown_pictures.image:
        content["image"] = shown_pictures.image
    if shown_pictures.logos:
        content["logos"] = list(shown_pictures.logos)
    shown = LAYOUT_FIELDS[layout]
    for name in shown:
        if name in _PLAIN and values.get(name, "").strip():
            content[name] = values[name].strip()
    content.setdefault("title", "")
    if "bullets" in shown and _lines(values.get("bullets", "")):
        content["bullets"] = _lines(values["bullets"])
    if "table" in shown and _lines(values.get("table", "")):
        content["table"] = [[c.strip() for c in row.split("|")] for row in _lines(values["table"])]
    if "left_heading" in shown:
        columns = [
            {
                "heading": values.get(f"{side}_heading", "").strip(),
                "bullets": _lines(values.get(f"{side}_bullets", "")),
            }
            for side in ("left", "right")
        ]
        while columns and not columns[-1]["heading"] and not columns[-1]["bullets"]:
            columns.pop()
        if columns:
            content["columns"] = columns
    return content


def labelled_texts(content: SmartContent) -> list[tuple[str, str]]:
    """Each templated text with a label saying where it goes, in reading order."""
    out = [("Title", content.title), ("Subtitle", content.subtitle)]
    out += [(f"Bullet {n}", b) for n, b in enumerate(content.bullets, start=1)]
    for n, column in enumerate(content.columns, start=1):
        out.append((f"Column {n} heading", column.heading))
        out += [(f"Column {n} bullet {m}", b) for m, b in enumerate(column.bullets, start=1)]
    out += [
        ("Quote", content.quote),
        ("Attribution", content.attribution),
        ("Metric", content.metric),
        ("Metric label", content.metric_label),
        ("Caption", content.caption),
    ]
    for r, row in enumerate(content.table, start=1):
        out += [(f"Table row {r} cell {c}", cell) for c, cell in enumerate(row, start=1)]
    return [(label, text) for label, text in out if text]
