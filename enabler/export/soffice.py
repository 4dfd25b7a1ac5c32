"""Find LibreOffice, give it the project's fonts and a locked-down profile, run it, kill it cleanly.

Shared by the warm converter (`enabler.export.libreoffice`), the cold one-shot conversion used
as a fallback and as the benchmark's baseline, and slide thumbnails.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import zipfile
from html import escape as _html_escape
from pathlib import Path

from enabler.errors import ExportFailed, InvalidInput
from enabler.export.leash import popen_leashed, release

FONTS_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
SOFFICE_ENV = "ENABLER_SOFFICE"
UNO_PYTHON_ENV = "ENABLER_UNO_PYTHON"
# Interpreters that ship LibreOffice's `uno` module: Debian's python3-uno, or LibreOffice's own.
_UNO_PYTHONS = (
    "/usr/bin/python3",
    "/usr/lib/libreoffice/program/python",
    "/opt/libreoffice/program/python",
    "/Applications/LibreOffice.app/Contents/Resources/python",
)
INSTALL_HINT = "Install it (Debian/Ubuntu: `apt install libreoffice-impress python3-uno`)"


def find_soffice() -> str:
    """LibreOffice's launcher: `ENABLER_SOFFICE` if set, else `soffice` on PATH.

    Raises ExportFailed with what to do when there is none.
    """
    configured = os.environ.get(SOFFICE_ENV, "").strip()
    if configured:
        found = shutil.which(configured)
        if not found:
            raise ExportFailed(
                f"{SOFFICE_ENV} is set to {configured!r}, which is not an executable "
                f"LibreOffice. Fix the path or unset {SOFFICE_ENV}."
            )
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ExportFailed(
        f"LibreOffice is not installed, so no PDF can be made. {INSTALL_HINT} "
        f"or set {SOFFICE_ENV} to its `soffice`."
    )


def find_uno_python() -> str | None:
    """A Python interpreter that can `import uno`, or None (then conversions run cold)."""
    configured = os.environ.get(UNO_PYTHON_ENV, "").strip()
    candidates = [configured] if configured else list(_UNO_PYTHONS)
    for candidate in candidates:
        path = shutil.which(candidate)
        if not path:
            continue
        try:
            probe = subprocess.run(
                [path, "-I", "-c", "import uno"],
                capture_output=True,
                timeout=30,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return path
    return None


def escape(text: str) -> str:
    """Escape &, < and > for XML text (xml.sax.saxutils would pull in urllib and ssl)."""
    return _html_escape(text, quote=False)


def write_fontconfig(folder: Path) -> Path:
    """A fontconfig file that adds assets/fonts to the system's fonts, for FONTCONFIG_FILE.

    LibreOffice then lays out Lato and Open Sans from the same files preflight measures with,
    instead of silently substituting a wider fallback.
    """
    cache = folder / "fontconfig-cache"
    cache.mkdir(parents=True, exist_ok=True)
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<fontconfig>\n"
        f"  <dir>{escape(str(FONTS_DIR))}</dir>\n"
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <cachedir>{escape(str(cache))}</cachedir>\n"
        "</fontconfig>\n"
    )
    path = folder / "fonts.conf"
    path.write_text(text, encoding="utf-8")
    return path


# Every profile we start LibreOffice with: nothing a document links to is fetched (a picture
# linked to file:///… or http://… stays blank instead of being read into the PDF), and no macro
# runs. `BlockUntrustedRefererLinks` makes LibreOffice refuse every URL a document refers to
# unless the document is in a trusted location, and we trust none.
_LOCKED_DOWN = {
    "/org.openoffice.Office.Common/Security/Scripting": {
        "BlockUntrustedRefererLinks": "true",
        "DisableMacrosExecution": "true",
        "MacroSecurityLevel": "3",
    },
}
_XCU_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/'
    'registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
)


def _xcu_items() -> list[str]:
    return [
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value>'
        "</prop></item>"
        for path, props in _LOCKED_DOWN.items()
        for name, value in props.items()
    ]


def lock_down_profile(profile: Path) -> Path:
    """Give the LibreOffice profile folder `profile` our settings (see `_LOCKED_DOWN`).

    Written before LibreOffice first starts on it, and added again to a profile it has written
    since (LibreOffice keeps items it does not know it changed, so a restart keeps them).
    """
    xcu = profile / "user" / "registrymodifications.xcu"
    xcu.parent.mkdir(parents=True, exist_ok=True)
    try:
        text = xcu.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    if "</oor:items>" not in text:
        text = _XCU_HEAD + "</oor:items>\n"
    missing = "".join(item + "\n" for item in _xcu_items() if item not in text)
    if missing:
        text = text.replace("</oor:items>", missing + "</oor:items>", 1)
        tmp = xcu.with_name(xcu.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, xcu)
    return profile


def office_env(fontconfig: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(fontconfig)
    # A venv's Python settings must not leak into LibreOffice's own Python or Debian's.
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(name, None)
    return env


def check_pptx(path: Path) -> None:
    """Refuse what is not a readable .pptx before LibreOffice sees it.

    LibreOffice opens unknown bytes as plain text and would happily print them to PDF.
    """
    if not path.is_file():
        raise InvalidInput(f"{path} does not exist. Check the path.")
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise InvalidInput(
            f"{path} is not a PowerPoint file or is damaged ({exc}). Rebuild or re-save it."
        ) from exc
    if "ppt/presentation.xml" not in names:
        raise InvalidInput(f"{path} is not a PowerPoint deck (no ppt/presentation.xml).")


def kill_group(proc: subprocess.Popen) -> None:
    """Kill `proc` and everything it started (soffice → oosplash → soffice.bin)."""
    if sys.platform == "win32":
        if proc.poll() is None:
            subprocess.run(
                ["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, check=False
            )
    else:
        # Even when the leader has exited, soffice.bin may live on in the group.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)
    release(proc)


def cold_convert(
    soffice: str, src: Path, out_dir: Path, profile: Path, env: dict, timeout: float
) -> Path:
    """One `soffice --convert-to pdf` run: start, convert one file, exit. Slow but simple."""
    lock_down_profile(profile)
    cmd = [
        soffice,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        str(src),
    ]
    proc = popen_leashed(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise ExportFailed(
            f"LibreOffice did not finish {src.name} within {timeout:.0f} s and was stopped."
        ) from exc
    finally:
        kill_group(proc)  # also what soffice.bin may have left behind
    out = out_dir / (src.stem + ".pdf")
    if not out.is_file():
        raise ExportFailed(
            f"LibreOffice could not convert {src.name} (exit code {proc.returncode})."
        )
    return out
