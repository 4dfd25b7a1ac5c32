"""Slide previews made by LibreOffice, when it is installed.

All slides of an import go to one `soffice --convert-to png` run (one start-up for the lot),
with a private, locked-down profile (nothing linked is fetched, no macro runs), a time limit
and the whole process group killed on a hang. Previews are a convenience: any failure means
"no thumbnail", never a failed import.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from enabler.export.leash import popen_leashed
from enabler.export.leftovers import sweep_once
from enabler.export.soffice import kill_group, lock_down_profile

WIDTH = 480  # pixels; enough for a library grid, small in the database
_TIMEOUT_BASE, _TIMEOUT_PER_SLIDE = 60, 4


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _shrink(png: bytes) -> bytes | None:
    try:
        with Image.open(io.BytesIO(png)) as im:
            im.thumbnail((WIDTH, WIDTH))
            out = io.BytesIO()
            im.convert("RGB").save(out, format="PNG", optimize=True)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def render_thumbnails(packages: list[bytes]) -> list[bytes | None]:
    """A PNG preview of each single-slide package (None where LibreOffice made none)."""
    soffice = soffice_binary()
    if soffice is None or not packages:
        return [None] * len(packages)
    sweep_once()
    with tempfile.TemporaryDirectory(prefix=f"enabler-thumbs-{os.getpid()}-") as tmp:
        tmp_path = Path(tmp)
        inputs = []
        for n, blob in enumerate(packages, start=1):
            path = tmp_path / f"slide{n:04d}.pptx"
            path.write_bytes(blob)
            inputs.append(str(path))
        out = tmp_path / "out"
        lock_down_profile(tmp_path / "profile")
        cmd = [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nologo",
            "--convert-to",
            "png",
            "--outdir",
            str(out),
            *inputs,
        ]
        proc = popen_leashed(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=_TIMEOUT_BASE + _TIMEOUT_PER_SLIDE * len(packages))
        except subprocess.TimeoutExpired:
            pass
        finally:
            kill_group(proc)  # soffice.bin outlives its launcher otherwise
        results = []
        for n in range(1, len(packages) + 1):
            png = out / f"slide{n:04d}.png"
            results.append(_shrink(png.read_bytes()) if png.exists() else None)
        return results
