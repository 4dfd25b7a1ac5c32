"""Disk full and read-only folders, simulated: the previous file stays as it was, no temp file is
left behind, the library records nothing, and the message says what happened and what to do."""

from __future__ import annotations

import errno
import os
import tempfile

import pytest

from enabler.errors import ExportFailed
from enabler.export import html_pdf
from enabler.services.deck.build import build_deck, plan_deck
from tests.reliability.helpers import dump

OLD = b"the deck the rep sent yesterday"
FAILURES = {
    "disk full at fsync": ("fsync", errno.ENOSPC, "disk is full"),
    "disk full at write": ("write", errno.ENOSPC, "disk is full"),
    "read-only at rename": ("replace", errno.EROFS, "No permission"),
    "no permission for the temp file": ("mkstemp", errno.EACCES, "No permission"),
}


def fail(monkeypatch, where: str, code: int) -> None:
    def boom(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    if where == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", boom)
    elif where == "write":
        # The writer callback's first write fails, as a full disk does on flush.
        real_fdopen = os.fdopen

        def fdopen(fd, *args, **kwargs):
            fh = real_fdopen(fd, *args, **kwargs)

            class Full:
                def __getattr__(self, name):
                    return getattr(fh, name)

                def __enter__(self):
                    return self

                def __exit__(self, *exc):
                    return fh.__exit__(*exc)

                def write(self, data):
                    boom()

            return Full()

        monkeypatch.setattr(os, "fdopen", fdopen)
    else:
        monkeypatch.setattr(os, where, boom)


def assert_nothing_lost(tmp_path, out, message: str, err) -> None:
    assert message in str(err.value)
    assert "\n" not in str(err.value)
    assert out.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


class DescribeDiskFull:
    @pytest.mark.parametrize("case", list(FAILURES))
    def it_keeps_the_old_deck_and_records_nothing(self, case, small_library, tmp_path, monkeypatch):
        where, code, message = FAILURES[case]
        out = tmp_path / "deck.pptx"
        out.write_bytes(OLD)
        plan = plan_deck(small_library, "Acme Clinics", ["why-section", "pillars"])
        before = dump(small_library)
        fail(monkeypatch, where, code)
        with pytest.raises(ExportFailed) as err:
            build_deck(small_library, plan, out)
        monkeypatch.undo()
        assert_nothing_lost(tmp_path, out, message, err)
        assert dump(small_library) == before

    @pytest.mark.parametrize("case", ["disk full at fsync", "read-only at rename"])
    def it_keeps_the_old_pdf(self, case, tmp_path, monkeypatch):
        where, code, message = FAILURES[case]
        out = tmp_path / "leave-behind.pdf"
        out.write_bytes(OLD)
        fail(monkeypatch, where, code)
        with pytest.raises(ExportFailed) as err:
            html_pdf.write_pdf("<html><body><p>Thanks</p></body></html>", "leave_behind", out)
        monkeypatch.undo()
        assert_nothing_lost(tmp_path, out, message, err)

    def it_builds_normally_once_there_is_space_again(self, small_library, tmp_path):
        out = tmp_path / "deck.pptx"
        out.write_bytes(OLD)
        plan = plan_deck(small_library, "Acme Clinics", ["why-section"])
        build_deck(small_library, plan, out)
        assert out.read_bytes()[:2] == b"PK"
