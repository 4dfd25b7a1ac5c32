"""Field-by-field differences between two module versions, in words a reviewer can read."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as default

# Display order and names; fields not listed here come after them under their own name.
LABELS = {
    "layout": "Layout",
    "title": "Title",
    "subtitle": "Subtitle",
    "bullets": "Bullets",
    "columns": "Columns",
    "quote": "Quote",
    "attribution": "Attribution",
    "metric": "Metric",
    "metric_label": "Metric label",
    "image": "Image",
    "caption": "Caption",
    "table": "Table rows",
    "logos": "Logos",
    "talking_points": "Talking points",
    "stages": "Stages",
    "industries": "Industries",
    "personas": "Personas",
    "competitors": "Competitors",
    "tags": "Tags",
    "kind": "Kind",
    "source_blob": "Source slide",
    "fields": "Fields",
}
_HASHES = {"image", "logos", "source_blob"}
_CLIP = 80


@dataclass(frozen=True, slots=True)
class VersionSnapshot:
    """Everything a version says: content (JSON form), notes and the metadata it carries."""

    kind: str
    content: Mapping = default(default_factory=dict)
    talking_points: str = ""
    meta: Mapping = default(default_factory=dict)
    source_blob: str = ""
    fields: tuple[str, ...] = ()
    # Version columns added by other features (a designed slide's condition, thumbnail…),
    # carried along so edits, restores and packs keep them.
    extra: Mapping = default(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One changed field: its name, a label, and a sentence saying what changed."""

    field: str
    label: str
    summary: str
    before: object
    after: object


def flatten(snapshot: VersionSnapshot) -> dict[str, object]:
    """One flat field map: content fields, then metadata, notes and kind."""
    flat: dict[str, object] = {}
    for name, value in snapshot.content.items():
        if name == "columns":
            for i, col in enumerate(value, 1):
                flat[f"column{i}.heading"] = col.get("heading", "")
                flat[f"column{i}.bullets"] = list(col.get("bullets", ()))
        elif name == "table":
            flat["table"] = [" | ".join(str(c) for c in row) for row in value]
        else:
            flat[name] = value
    flat.update(snapshot.meta)
    flat.update(snapshot.extra)
    flat["talking_points"] = snapshot.talking_points
    flat["kind"] = snapshot.kind
    flat["source_blob"] = snapshot.source_blob
    flat["fields"] = list(snapshot.fields)
    return flat


def _label(field: str) -> str:
    if field.startswith("column") and "." in field:
        number, part = field[len("column") :].split(".", 1)
        return f"Column {number} {'heading' if part == 'heading' else 'bullets'}"
    return LABELS.get(field, field.replace("_", " ").capitalize())


def _order(field: str) -> tuple[int, str]:
    base = "columns" if field.startswith("column") and "." in field else field
    keys = list(LABELS)
    return (keys.index(base) if base in keys else len(keys), field)


def _show(value: object, field: str) -> str:
    if value in (None, "", [], ()):
        return "(empty)"
    text = str(value)
    if field in _HASHES:
        return text[:12] + "…" if len(text) > 12 else text
    text = " ".join(text.split())
    return f'"{text[: _CLIP - 1]}…"' if len(text) > _CLIP else f'"{text}"'


def _list_summary(label: str, before: list, after: list, field: str) -> str:
    """Items added, removed and changed, found by sequence matching like a text diff."""
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and a2 - a1 == b2 - b1:
            for offset in range(a2 - a1):
                old, new = before[a1 + offset], after[b1 + offset]
                parts.append(f"item {b1 + offset + 1} {_show(old, field)} → {_show(new, field)}")
            continue
        removed, added = before[a1:a2], after[b1:b2]
        parts += [f"removed {_show(v, field)}" for v in removed]
        parts += [f"added {_show(v, field)} at {b1 + i + 1}" for i, v in enumerate(added)]
    if not parts and before != after:
        parts.append("reordered")
    return f"{label}: " + "; ".join(parts)


def _as_list(value: object) -> list:
    """A list value as a list; None or "" as an empty one."""
    if not value:
        return []
    if isinstance(value, Iterable):
        return list(value)
    raise TypeError(f"not a list: {value!r}")


def _summary(field: str, before: object, after: object) -> str:
    label = _label(field)
    if isinstance(before, list | tuple) or isinstance(after, list | tuple):
        return _list_summary(label, _as_list(before), _as_list(after), field)
    if before in (None, ""):
        return f"{label} set to {_show(after, field)}"
    if after in (None, ""):
        return f"{label} cleared (was {_show(before, field)})"
    return f"{label} changed from {_show(before, field)} to {_show(after, field)}"


def diff_versions(before: VersionSnapshot, after: VersionSnapshot) -> list[FieldChange]:
    """What changed from snapshot `before` to `after`, one entry per field, in slide order."""
    old, new = flatten(before), flatten(after)
    changes = []
    for field in sorted(old.keys() | new.keys(), key=_order):
        a, b = old.get(field), new.get(field)
        if (a or None) == (b or None):
            continue
        changes.append(FieldChange(field, _label(field), _summary(field, a, b), a, b))
    return changes
