"""Atomic writes never leave half a file."""

from __future__ import annotations

import errno
import os

import pytest

from enabler.errors import ExportFailed
from enabler.export.atomic import write_atomic


class DescribeWriteAtomic:
    def it_writes_the_content(self, tmp_path):
        write_atomic(tmp_path / "a.bin", lambda fh: fh.write(b"hello"))
        assert (tmp_path / "a.bin").read_bytes() == b"hello"

    def it_keeps_the_old_file_when_writing_fails(self, tmp_path):
        target = tmp_path / "a.bin"
        target.write_bytes(b"old")

        def boom(fh):
            fh.write(b"partial")
            raise OSError(errno.ENOSPC, "No space left on device")

        with pytest.raises(ExportFailed, match="disk is full"):
            write_atomic(target, boom)
        assert target.read_bytes() == b"old"
        assert os.listdir(tmp_path) == ["a.bin"]

    def it_explains_a_missing_folder(self, tmp_path):
        with pytest.raises(ExportFailed, match="does not exist"):
            write_atomic(tmp_path / "nope" / "a.bin", lambda fh: fh.write(b"x"))

    def it_explains_a_read_only_folder(self, tmp_path, monkeypatch):
        def denied(*args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr("tempfile.mkstemp", denied)
        with pytest.raises(ExportFailed, match="No permission"):
            write_atomic(tmp_path / "a.bin", lambda fh: fh.write(b"x"))
        assert os.listdir(tmp_path) == []

    def it_refuses_a_folder_as_target(self, tmp_path):
        with pytest.raises(ExportFailed, match="is a folder"):
            write_atomic(tmp_path, lambda fh: fh.write(b"x"))
