"""Keep one LibreOffice warm and convert decks to PDF on request, over UNO.

This file is run as a script by a Python that has LibreOffice's `uno` module (Debian's
`/usr/bin/python3` with python3-uno), not by Enabler's own interpreter, so it uses only the
standard library and `uno`, and imports nothing from Enabler.

    python3 -I uno_bridge.py SOFFICE PROFILE_URL PIPE_NAME START_TIMEOUT_S

Protocol, one JSON object per line:
  first line out:  {"ready": true, "office_pid": N}  or  {"ok": false, "error": "..."} (exit 1)
  in:  {"op": "convert", "src": "/abs/in.pptx", "dst": "/abs/out.pdf"}
  out: {"ok": true} | {"ok": false, "error": "...", "fatal": bool}
  in:  {"op": "quit"}  (or end of input: the parent went away) → LibreOffice is closed.
A fatal error means LibreOffice itself died; the bridge exits and the parent starts a new one.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.lang import DisposedException

PDF_FILTER = "impress_pdf_Export"
IMPORT_FILTER = "Impress MS PowerPoint 2007 XML"
PRESENTATION = "com.sun.star.presentation.PresentationDocument"


def reply(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def props(**values) -> tuple:
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def start_office(soffice: str, profile_url: str, pipe: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile_url}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=sys.stderr,  # stdout is the protocol channel
        stderr=sys.stderr,
    )


def connect(office: subprocess.Popen, pipe: str, timeout: float):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + timeout
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if office.poll() is not None:
                raise RuntimeError(
                    f"LibreOffice exited with code {office.returncode} while starting"
                ) from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"LibreOffice did not start within {timeout:.0f} s") from None
            time.sleep(0.1)
    return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def convert(desktop, src: str, dst: str) -> None:
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(src),
        "_blank",
        0,
        # Hidden, read-only, no macros, no link updates: the deck cannot run or fetch anything.
        # The explicit import filter skips type detection and refuses non-PowerPoint bytes.
        props(
            Hidden=True,
            ReadOnly=True,
            MacroExecutionMode=0,
            UpdateDocMode=0,
            FilterName=IMPORT_FILTER,
        ),
    )
    if doc is None:
        raise ValueError("LibreOffice could not open it")
    try:
        if not doc.supportsService(PRESENTATION):
            raise ValueError("LibreOffice did not read it as a presentation")
        doc.storeToURL(uno.systemPathToFileUrl(dst), props(FilterName=PDF_FILTER))
    finally:
        # A failed close must not hide the real outcome.
        with contextlib.suppress(Exception):
            doc.close(True)


def serve(desktop) -> None:
    for line in sys.stdin:
        try:
            request = json.loads(line)
        except ValueError:
            reply({"ok": False, "error": "bad request", "fatal": False})
            continue
        if request.get("op") == "quit":
            return
        try:
            convert(desktop, request["src"], request["dst"])
        except DisposedException:
            reply({"ok": False, "error": "LibreOffice stopped during conversion", "fatal": True})
            return
        except Exception as exc:  # UNO raises many kinds; report each
            # A dead office shows up as a generic bridge RuntimeException.
            message = getattr(exc, "Message", "") or str(exc) or type(exc).__name__
            fatal = type(exc).__name__ == "RuntimeException"
            reply({"ok": False, "error": message.splitlines()[0][:300], "fatal": fatal})
            if fatal:
                return
        else:
            reply({"ok": True})


def main(argv: list[str]) -> int:
    soffice, profile_url, pipe, start_timeout = argv[1], argv[2], argv[3], float(argv[4])
    office = start_office(soffice, profile_url, pipe)
    try:
        try:
            desktop = connect(office, pipe, start_timeout)
        except Exception as exc:
            reply({"ok": False, "error": str(exc)})
            return 1
        reply({"ready": True, "office_pid": office.pid})
        serve(desktop)
        with contextlib.suppress(Exception):  # it may already be gone
            desktop.terminate()
        office.wait(timeout=15)
    except subprocess.TimeoutExpired:
        pass
    finally:
        if office.poll() is None:
            office.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
