"""CSV that a spreadsheet opens as data, never as formulas (OWASP "CSV injection").

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+cmd|…`). Such text
gets a leading apostrophe, which the spreadsheet shows as plain text. Numbers, including
negative ones, are kept as numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """`value` as it may go into a CSV cell: formula-like text neutralised, numbers kept."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_bytes(rows: Iterable[Iterable[object]]) -> bytes:
    """UTF-8 CSV of `rows` (RFC 4180), every cell passed through `safe_cell`."""
    buf = io.StringIO()
    # CRLF rows (RFC 4180): a CR inside a cell is then quoted too, so it cannot start a new
    # row whose first cell is a formula.
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerows([safe_cell(c) for c in row] for row in rows)
    return buf.getvalue().encode("utf-8")
