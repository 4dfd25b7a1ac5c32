"""Reading an untrusted deck in a limited child process (`isolated_read`)."""

from __future__ import annotations

import os

import pytest
from pptx import Presentation

from enabler.errors import InvalidInput
from enabler.services.slides.isolated_read import read_slides_isolated
from enabler.services.slides.reader import read_slides


def deck(path, titles):
    prs = Presentation()
    for title in titles:
        prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = title
    prs.save(str(path))
    return path


class DescribeReadSlidesIsolated:
    def it_reads_what_the_in_process_reader_reads(self, tmp_path):
        path = deck(tmp_path / "team.pptx", ["Hello {{ prospect.company }}", "Roadmap"])
        steps = []
        isolated = read_slides_isolated(path, progress=lambda *a: steps.append(a))
        direct = read_slides(path)
        assert [s.title for s in isolated] == ["Hello {{ prospect.company }}", "Roadmap"]
        assert [s.fields for s in isolated] == [s.fields for s in direct]
        assert [len(s.blob) > 0 for s in isolated] == [True, True]
        assert [step[:2] for step in steps] == [(1, 2), (2, 2)]

    def it_passes_the_readers_sentence_through(self, tmp_path):
        bad = tmp_path / "notes.pptx"
        bad.write_text("not a deck")
        with pytest.raises(InvalidInput, match=r"notes\.pptx: not a PowerPoint file"):
            read_slides_isolated(bad)

    def it_stops_a_reader_that_runs_out_of_memory(self, tmp_path):
        path = deck(tmp_path / "big.pptx", ["Big"])
        with pytest.raises(InvalidInput, match="needed more than 24 MB of memory"):
            read_slides_isolated(path, memory_mb=24)

    def it_stops_a_reader_that_never_finishes(self, tmp_path):
        fifo = tmp_path / "stuck.pptx"
        os.mkfifo(fifo)  # reading it blocks for ever: no writer
        with pytest.raises(InvalidInput, match="took longer than 3 s"):
            read_slides_isolated(fifo, time_s=3)

    def it_kills_the_reader_when_the_caller_cancels(self, tmp_path):
        path = deck(tmp_path / "many.pptx", [f"Slide {n}" for n in range(5)])

        class Cancel(Exception):
            pass

        def cancel(done, total, title):
            raise Cancel

        with pytest.raises(Cancel):
            read_slides_isolated(path, progress=cancel)
