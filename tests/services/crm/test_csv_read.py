"""Reading CSV exports from disk: size checked before reading, rows streamed, row limit."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from enabler.errors import InvalidInput
from enabler.services.crm import csv_read
from enabler.services.crm.csv_read import open_csv


def write(tmp_path, data: bytes, name="export.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


class DescribeOpenCsv:
    def it_refuses_an_oversized_file_before_reading_a_byte(self, tmp_path, monkeypatch):
        path = tmp_path / "huge.csv"
        with path.open("wb") as fh:
            fh.truncate(400 * 2**20)  # sparse: 400 MB on paper, nothing on disk

        def no_reading(*args, **kwargs):
            raise AssertionError("the file was opened")

        monkeypatch.setattr(Path, "open", no_reading)
        monkeypatch.setattr(Path, "read_bytes", no_reading)
        with pytest.raises(InvalidInput, match=r"huge\.csv is 400 MB, larger than 64 MB"):
            open_csv(path)

    def it_reads_the_header_encoding_and_delimiter(self, tmp_path):
        path = write(tmp_path, codecs.BOM_UTF8 + "Name;Ville\nSociété;Paris\n".encode())
        file = open_csv(path)
        assert (file.header, file.encoding, file.delimiter_name) == (
            ("Name", "Ville"),
            "utf-8 (with BOM)",
            "semicolon",
        )
        assert list(file.rows()) == [(2, ("Société", "Paris"))]

    def it_falls_back_to_windows_1252_when_a_late_byte_is_not_utf8(self, tmp_path):
        body = b"Name\n" + (b"A" * 99 + b"\n") * 20_000 + "Société\n".encode("cp1252")
        file = open_csv(write(tmp_path, body))  # the odd byte is past the first chunk
        assert file.encoding == "cp1252"
        assert list(file.rows())[-1] == (20_002, ("Société",))

    def it_leaves_out_blank_rows_and_a_report_footer(self, tmp_path):
        text = "Account Name,Amount\n\nAcme,5\n\nGrand Totals (1 record)\nCopyright\n"
        assert list(open_csv(write(tmp_path, text.encode())).rows()) == [(3, ("Acme", "5"))]


class DescribeRowLimit:
    def it_stops_past_the_limit_naming_the_line(self, tmp_path, monkeypatch):
        monkeypatch.setattr(csv_read, "MAX_ROWS", 3)
        file = open_csv(write(tmp_path, b"Name\n" + b"a\n" * 3))
        assert len(list(file.rows())) == 3
        file = open_csv(write(tmp_path, b"Name\n" + b"a\n" * 10, "more.csv"))
        rows = file.rows()
        assert [next(rows) for _ in range(3)]  # rows come one by one, not all at once
        with pytest.raises(InvalidInput, match=r"more than 3 rows \(line 5 is row 4\)"):
            next(rows)
