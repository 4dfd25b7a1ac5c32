"""Read a CSV file as CRMs and spreadsheets write it: guess the encoding and the delimiter.

Encodings: UTF-8 with or without a byte-order mark, UTF-16 with a mark (Excel's "Unicode
text"), else Windows-1252 (what Excel and older Salesforce exports use on Windows). These are
the encodings CRM exports come in; a general charset guesser would add a dependency and
guess wrongly on short files, so we check the few that occur, strictly, in order.

The file is never held in memory: its size is checked before anything is read, the encoding
is checked in chunks, and rows are streamed from disk each time they are asked for.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from enabler.errors import InvalidInput

MAX_BYTES = 64 * 1024 * 1024
# A CRM import is a rep's or a team's accounts; past this, the per-row report is unreadable
# and the plan would not fit in memory on a laptop.
MAX_ROWS = 100_000
DELIMITERS = (",", ";", "\t", "|")
_CHUNK = 1024 * 1024
_SNIFF_CHARS = 65536
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_MAGIC = {
    b"PK\x03\x04": "an Excel workbook or other zip file",
    b"%PDF": "a PDF",
    b"\xd0\xcf\x11\xe0": "an old Excel (.xls) workbook",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
}


@dataclass(frozen=True, slots=True)
class CsvFile:
    """An export on disk: its header and how to read it; `rows()` streams the data rows."""

    path: Path
    header: tuple[str, ...]
    encoding: str  # as shown to the user: "utf-8 (with BOM)", "cp1252"…
    codec: str  # as Python names it
    delimiter: str

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def delimiter_name(self) -> str:
        return _DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))

    def rows(self) -> Iterator[tuple[int, tuple[str, ...]]]:
        """(line where the row starts, cells) of each data row; blank rows and a footer left out."""
        header_seen = after_blank = False
        count = 0
        try:
            with self.path.open(encoding=self.codec, newline="") as fh:
                for line, cells in _records(fh, self.delimiter):
                    if not any(c.strip() for c in cells):
                        after_blank = header_seen
                        continue
                    if not header_seen:
                        header_seen = True
                        continue
                    # Salesforce ends reports with a blank row and one-cell lines ("Grand
                    # Totals", "Confidential Information", "Copyright…"): not data.
                    if after_blank and sum(1 for c in cells if c.strip()) <= 1:
                        continue
                    count += 1
                    if count > MAX_ROWS:
                        raise InvalidInput(
                            f"{self.name} has more than {MAX_ROWS:,} rows (line {line} is row "
                            f"{count:,}): split the export, or filter it in the CRM, and import "
                            "the parts one by one."
                        )
                    yield line, tuple(cells)
        except csv.Error as exc:
            raise InvalidInput(f"{self.name} is not valid CSV ({exc}).") from None
        except OSError as exc:
            raise InvalidInput(f"Cannot read {self.path}: {exc.strerror}.") from None

    def count_rows(self) -> int:
        return sum(1 for _ in self.rows())


def _records(source, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(source, delimiter=delimiter, strict=False)
    start = 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most, equally wide columns."""
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths = []
        try:
            for _, cells in _records(io.StringIO(text, newline=""), delimiter):
                if any(c.strip() for c in cells):
                    widths.append(len(cells))
                if len(widths) >= 20:
                    break
        except csv.Error:
            continue
        if not widths:
            continue
        consistent = sum(1 for w in widths if w == widths[0])
        score = (consistent if widths[0] > 1 else 0, widths[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _candidates(head: bytes, name: str) -> list[str]:
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise InvalidInput(f"{name} is {what}, not a CSV file: export the report as CSV.")
    if head.startswith(codecs.BOM_UTF8):
        return ["utf-8-sig"]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ["utf-16"]
    if b"\x00" in head:
        raise InvalidInput(f"{name} is a binary file, not CSV text: export the report as CSV.")
    return ["utf-8", "cp1252"]


def _decodes(path: Path, codec: str) -> tuple[bool, str, bool]:
    """(whole file decodes, its first characters, any non-blank text) — read in chunks."""
    decoder = codecs.getincrementaldecoder(codec)()
    prefix: list[str] = []
    kept = 0
    text_seen = False
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                text = decoder.decode(chunk)
                text_seen = text_seen or bool(text.strip(" \t\r\n\ufeff"))
                if kept < _SNIFF_CHARS:
                    prefix.append(text[: _SNIFF_CHARS - kept])
                    kept += len(prefix[-1])
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False, "", False
    return True, "".join(prefix), text_seen


def open_csv(path: Path | str) -> CsvFile:
    """Check an export's size, kind and encoding, read its header; rows are read later."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InvalidInput(f"{path} is a folder; give the CSV file inside it.")
        if size > MAX_BYTES:
            raise InvalidInput(
                f"{name} is {size / 2**20:,.0f} MB, larger than {MAX_BYTES // 2**20} MB; "
                "split the export."
            )
        with path.open("rb") as fh:
            head = fh.read(_CHUNK)
    except FileNotFoundError:
        raise InvalidInput(f"No file {path}; check the path.") from None
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.") from None
    for codec in _candidates(head, name):
        ok, prefix, text_seen = _decodes(path, codec)
        if not ok:
            continue
        if not text_seen:
            raise InvalidInput(
                f"{name} is empty: export the report again (CSV, with its header row)."
            )
        controls = sum(1 for c in prefix if c < " " and c not in "\t\r\n")
        if controls > max(8, len(prefix) // 200):
            raise InvalidInput(f"{name} looks binary, not like CSV text: export it as CSV.")
        delimiter = sniff_delimiter(prefix)
        header = _header(path, codec, delimiter, name)
        shown = {"utf-8-sig": "utf-8 (with BOM)"}.get(codec, codec)
        return CsvFile(path, header, shown, codec, delimiter)
    raise InvalidInput(
        f"{name} is neither UTF-8 nor Windows-1252 text: save it as CSV UTF-8 and try again."
    )


def _header(path: Path, codec: str, delimiter: str, name: str) -> tuple[str, ...]:
    try:
        with path.open(encoding=codec, newline="") as fh:
            for _, cells in _records(fh, delimiter):
                if any(c.strip() for c in cells):
                    return tuple(c.replace("\ufeff", "").strip() for c in cells)
    except csv.Error as exc:
        raise InvalidInput(f"{name} is not valid CSV ({exc}).") from None
    raise InvalidInput(f"{name} has no header row.")
