"""The warm LibreOffice converter: real conversions, hangs, crashes, threads, bad input."""

from __future__ import annotations

import os
import signal
import stat
import threading
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from enabler.errors import ExportFailed, InvalidInput
from enabler.export.libreoffice import Converter
from enabler.services.deck.build import build_deck, plan_deck
from tests.conftest import IN_CI, copy_library

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def decks(tmp_path_factory, demo_db_file):
    """Two short demo decks (title + three modules), built once for the whole module."""
    from enabler.store.connection.db import open_db

    folder = tmp_path_factory.mktemp("decks")
    db = open_db(copy_library(demo_db_file, folder / "lib.db"))
    out = []
    for company in ("Northwind Health", "Harborview Bank"):
        path = folder / (company.split()[0].lower() + ".pptx")
        plan = plan_deck(db, company)
        keys = [p.module.key for p in plan.modules[:3]]
        build_deck(db, plan_deck(db, company, keys), path)
        out.append(path)
    return out


@pytest.fixture(scope="module")
def warm():
    """One converter shared by the tests that leave it healthy (starting one takes seconds)."""
    conv = Converter(timeout=120)
    yield conv
    conv.close()


@pytest.fixture
def converter():
    """A converter of its own, for tests that hang or crash it."""
    conv = Converter(timeout=120)
    yield conv
    conv.close()


def pages_and_text(pdf: Path) -> tuple[int, str]:
    reader = PdfReader(str(pdf))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes in a process group, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def wait_gone(pgid: int) -> list[int]:
    """Members still alive after a bounded wait (killed processes are reaped asynchronously)."""
    for _ in range(100):
        alive = group_members(pgid)
        if not alive:
            return []
        threading.Event().wait(0.1)
    return group_members(pgid)


class DescribeConverter:
    def it_converts_a_deck_with_one_page_per_slide(self, soffice, warm, decks, tmp_path):
        pdf = warm.convert(decks[0], tmp_path / "out.pdf")
        pages, text = pages_and_text(pdf)
        assert pages == len(Presentation(str(decks[0])).slides) >= 4
        assert "Northwind Health" in text
        assert warm.mode == "warm"

    def it_reuses_one_office_for_a_batch(self, soffice, warm, decks, tmp_path):
        warm.convert(decks[0], tmp_path / "first.pdf")
        starts = warm.starts
        jobs = [(deck, tmp_path / f"{deck.stem}.pdf") for deck in decks]
        jobs.append((tmp_path / "missing.pptx", tmp_path / "missing.pdf"))
        results = warm.convert_many(jobs)
        assert [bool(r.pdf) for r in results] == [True, True, False]
        assert "does not exist" in results[2].error
        assert warm.starts == starts  # no restart between files
        assert "Harborview Bank" in pages_and_text(tmp_path / "harborview.pdf")[1]

    def it_serves_two_threads_at_once(self, soffice, warm, decks, tmp_path):
        results, errors = {}, []

        def work(i: int) -> None:
            try:
                results[i] = warm.convert(decks[i], tmp_path / f"t{i}.pdf")
            except Exception as exc:  # surfaced by the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(i,)) for i in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        assert errors == []
        assert "Northwind Health" in pages_and_text(results[0])[1]
        assert "Harborview Bank" in pages_and_text(results[1])[1]

    def it_kills_a_hung_office_and_converts_the_next_file(
        self, soffice, converter, decks, tmp_path
    ):
        converter.convert(decks[0], tmp_path / "warm.pdf")
        hung = converter.process_group
        os.killpg(hung, signal.SIGSTOP)  # LibreOffice and its bridge stop answering
        converter.timeout = 3
        with pytest.raises(ExportFailed, match=r"did not finish .* within 3 s"):
            converter.convert(decks[0], tmp_path / "hung.pdf")
        assert not (tmp_path / "hung.pdf").exists()
        assert wait_gone(hung) == []
        converter.timeout = 120
        pdf = converter.convert(decks[1], tmp_path / "after.pdf")
        assert "Harborview Bank" in pages_and_text(pdf)[1]
        assert converter.starts == 2 and converter.process_group != hung

    def it_recovers_from_a_crashed_office(self, soffice, converter, decks, tmp_path):
        converter.convert(decks[0], tmp_path / "first.pdf")
        group = converter.process_group
        for pid in group_members(group):
            if pid != group:  # kill LibreOffice itself, not the bridge
                os.kill(pid, signal.SIGKILL)
        pdf = converter.convert(decks[1], tmp_path / "second.pdf")
        assert "Harborview Bank" in pages_and_text(pdf)[1]
        assert converter.starts == 2

    def it_explains_a_damaged_deck_and_carries_on(self, soffice, warm, decks, tmp_path):
        damaged = tmp_path / "damaged.pptx"
        with zipfile.ZipFile(damaged, "w") as zf:
            zf.writestr("ppt/presentation.xml", "<not-xml")
        with pytest.raises(ExportFailed, match=r"could not convert damaged\.pptx"):
            warm.convert(damaged, tmp_path / "damaged.pdf")
        assert not (tmp_path / "damaged.pdf").exists()
        assert "Northwind Health" in pages_and_text(warm.convert(decks[0], tmp_path / "ok.pdf"))[1]

    def it_keeps_the_old_pdf_when_the_folder_is_not_writable(
        self, soffice, warm, decks, tmp_path, monkeypatch
    ):
        target = tmp_path / "keep.pdf"
        target.write_bytes(b"%PDF-old")

        def denied(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        warm.convert(decks[0], tmp_path / "warmup.pdf")
        monkeypatch.setattr("tempfile.mkstemp", denied)
        with pytest.raises(ExportFailed, match="No permission"):
            warm.convert(decks[0], target)
        assert target.read_bytes() == b"%PDF-old"


class DescribeBadSetup:
    def it_says_clearly_when_libreoffice_is_missing(self, decks, tmp_path, monkeypatch):
        monkeypatch.setenv("ENABLER_SOFFICE", str(tmp_path / "no-such-soffice"))
        conv = Converter()
        try:
            with pytest.raises(ExportFailed, match=r"ENABLER_SOFFICE is set to .*no-such-soffice"):
                conv.convert(decks[0], tmp_path / "x.pdf")
        finally:
            conv.close()
        assert not (tmp_path / "x.pdf").exists()

    def it_says_clearly_when_nothing_is_installed(self, decks, tmp_path, monkeypatch):
        monkeypatch.delenv("ENABLER_SOFFICE", raising=False)
        monkeypatch.setenv("PATH", str(tmp_path))  # no soffice anywhere on PATH
        conv = Converter(warm=False)
        try:
            with pytest.raises(ExportFailed, match="LibreOffice is not installed"):
                conv.convert(decks[0], tmp_path / "x.pdf")
        finally:
            conv.close()

    def it_stops_an_office_that_never_starts(self, decks, tmp_path, monkeypatch):
        fake = tmp_path / "soffice"
        pid_file = tmp_path / "pid"
        fake.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 600\n")
        fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
        monkeypatch.setenv("ENABLER_SOFFICE", str(fake))
        conv = Converter(start_timeout=2)
        if conv.mode != "warm":
            (pytest.fail if IN_CI else pytest.skip)("no Python with LibreOffice's uno module here")
        try:
            with pytest.raises(ExportFailed, match="could not be started"):
                conv.convert(decks[0], tmp_path / "x.pdf")
        finally:
            conv.close()
        pid = int(pid_file.read_text())
        for _ in range(100):
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                break
            if state == "Z":
                break
            threading.Event().wait(0.1)
        else:
            pytest.fail("the fake soffice was left running")

    def it_refuses_a_file_that_is_not_a_deck(self, tmp_path):
        bad = tmp_path / "bad.pptx"
        bad.write_bytes(b"PK\x03\x04 not really")
        conv = Converter()
        with pytest.raises(InvalidInput, match="not a PowerPoint file or is damaged"):
            conv.convert(bad, tmp_path / "bad.pdf")
        assert not (tmp_path / "bad.pdf").exists()
