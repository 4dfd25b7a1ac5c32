"""`make screenshots` renders every page of the app, under Xvfb (real xcb) where it exists."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from PIL import Image, ImageStat

from tests.conftest import IN_CI

SHOTS = [
    "build",
    "library",
    "library-review-queue",
    "library-stale",
    "library-editor",
    "library-glossary",
    "prospects",
    "roi",
    "objections",
    "decision",
    "insights",
]


@pytest.fixture
def display_command():
    """xvfb-run with Qt's xcb platform; without Xvfb, Qt's offscreen platform (not in CI,
    where .ci/run installs Xvfb and the xcb libraries Qt needs on a bare Debian)."""
    xvfb = shutil.which("xvfb-run")
    env = dict(os.environ)
    if xvfb:
        env.pop("QT_QPA_PLATFORM", None)
        return [xvfb, "-a"], env
    if IN_CI:
        pytest.fail("xvfb-run is required in CI (apt install xvfb) but is not installed.")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return [], env


def test_it_renders_each_page_to_a_png(display_command, tmp_path):
    prefix, env = display_command
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "enabler.app.screenshots", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.stem for p in tmp_path.glob("*.png")) == sorted(SHOTS)
    for name in SHOTS:
        with Image.open(tmp_path / f"{name}.png") as shot:
            assert shot.size == (1100, 700)  # the default window: what a new user sees
            # A page drawn, not a blank window: many distinct colours and real contrast.
            assert len(shot.convert("RGB").getcolors(1 << 20) or ()) > 50, name
            assert max(ImageStat.Stat(shot.convert("L")).stddev) > 8, name
