"""Font metrics cached on disk: the second process measures text without parsing font files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from enabler.render.fit import font_cache
from enabler.render.fit.fonts import FONTS_DIR, _read_font

FONT = FONTS_DIR / "OpenSans-Regular.ttf"
MEASURE = (
    "import sys\n"
    "from enabler.render.fit.measure import font_book\n"
    "face = font_book().face('Open Sans')\n"
    "print(round(sum(face.advances.values()), 6), face.line_em, 'fontTools' in sys.modules)"
)


def _measure(cache_dir) -> list[str]:
    env = {**os.environ, "ENABLER_CACHE_DIR": str(cache_dir)}
    done = subprocess.run(
        [sys.executable, "-c", MEASURE], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


class DescribeFontCache:
    def it_lets_the_next_process_measure_without_fonttools(self, tmp_path):
        first = _measure(tmp_path)
        second = _measure(tmp_path)
        assert first[2] == "True" and second[2] == "False"
        assert first[:2] == second[:2]  # the same widths and line height
        assert len(list((tmp_path / "fonts").glob("*.json"))) == len(list(FONTS_DIR.glob("*.ttf")))

    def it_round_trips_what_the_font_file_says(self, tmp_path):
        read = _read_font(FONT)
        font_cache.store(FONT, read, tmp_path)
        assert font_cache.load(FONT, tmp_path) == read
        assert read.family == "Open Sans" and read.advances[ord("W")] > read.advances[ord("i")]

    def it_ignores_a_damaged_entry_and_a_folder_it_cannot_write(self, tmp_path):
        font_cache.store(FONT, _read_font(FONT), tmp_path)
        (entry,) = tmp_path.glob("*.json")
        entry.write_text(json.dumps({"family": "Open Sans"}))  # truncated by a crash
        assert font_cache.load(FONT, tmp_path) is None
        blocker = tmp_path / "file"
        blocker.write_text("not a folder")
        font_cache.store(FONT, _read_font(FONT), blocker / "fonts")  # no error
        assert font_cache.load(FONT, blocker / "fonts") is None
