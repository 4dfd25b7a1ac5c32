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


class DescribeStaleTemps:
    def it_removes_temps_a_killed_writer_left_behind(self, tmp_path):
        old = tmp_path / ".deck.pptx.abc123.tmp"
        old.write_bytes(b"half")
        os.utime(old, (0, 0))
        fresh = tmp_path / ".deck.pptx.def456.tmp"  # maybe another writer's, right now
        fresh.write_bytes(b"busy")
        other = tmp_path / ".other.pptx.xyz.tmp"
        other.write_bytes(b"x")
        os.utime(other, (0, 0))
        write_atomic(tmp_path / "deck.pptx", lambda fh: fh.write(b"ok"))
        assert not old.exists()
        assert fresh.exists() and other.exists()
        assert (tmp_path / "deck.pptx").read_bytes() == b"ok"
