"""Read built decks back into plain data for assertions."""

from __future__ import annotations

from pptx import Presentation


def slide_texts(slide) -> list[str]:
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                out.extend(cell.text for cell in row.cells)
    return out


def summary(path) -> list[dict]:
    """Normalised view of a deck: layout, texts and notes per slide."""
    prs = Presentation(str(path))
    rows = []
    for slide in prs.slides:
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        rows.append(
            {"layout": slide.slide_layout.name, "texts": slide_texts(slide), "notes": notes}
        )
    return rows


def all_text(path) -> str:
    return "\n".join("\n".join(s["texts"]) + "\n" + s["notes"] for s in summary(path))


def shape_ids_unique(prs) -> bool:
    from pptx.oxml.ns import qn

    for slide in prs.slides:
        ids = [el.get("id") for el in slide.shapes._spTree.iter(qn("p:cNvPr"))]
        if len(ids) != len(set(ids)):
            return False
    return True
