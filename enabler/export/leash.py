"""Start a helper (LibreOffice, the UNO bridge) so that it dies with Enabler, however Enabler ends.

`kill -9` or SIGTERM of Enabler runs no cleanup, and LibreOffice's `soffice.bin` is a grandchild
that outlives its launcher, so it would keep running (with a copy of the customer's deck open).
`popen_leashed` starts the command under a tiny watchdog, this file run as a script:

    python -I leash.py FD -- COMMAND…

The watchdog leads a new process group, starts COMMAND in it and blocks reading FD, the read end
of a pipe whose only write end Enabler holds. Enabler never writes; when it dies the kernel
closes the write end, the read returns, and the watchdog kills its whole group. When COMMAND
exits, the watchdog exits with its code. Parent-death signals (prctl) would not do: they fire
when the starting *thread* ends, and soffice.bin is started by LibreOffice's own launcher.
On Windows (no process groups to kill) the command is started directly, as before.

The script part uses only the standard library (it runs before anything is imported).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import weakref

_SCRIPT = os.path.abspath(__file__)


class _Leash:
    """The write end of the pipe; released once (after the process is reaped, or on collection)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def release(self) -> None:
        fd, self.fd = self.fd, -1
        if fd >= 0:
            os.close(fd)


def popen_leashed(cmd: list[str], **kwargs) -> subprocess.Popen:
    """`subprocess.Popen(cmd, **kwargs)` in its own process group, leashed to this process.

    The returned process is the watchdog (its pid is the group id, so `os.killpg(proc.pid, …)`
    still kills everything). Call `release(proc)` once it has been reaped.
    """
    if sys.platform == "win32":  # pragma: no cover - no process groups
        return subprocess.Popen(cmd, creationflags=subprocess.CREATE_NEW_PROCESS_GROUP, **kwargs)
    read, write = os.pipe()  # both not inheritable: no other child keeps the write end open
    try:
        proc = subprocess.Popen(
            [sys.executable, "-I", _SCRIPT, str(read), "--", *cmd],
            pass_fds=(read,),
            start_new_session=True,
            **kwargs,
        )
    except BaseException:
        os.close(write)
        raise
    finally:
        os.close(read)
    leash = _Leash(write)
    proc._enabler_leash = leash  # type: ignore[attr-defined]
    weakref.finalize(proc, leash.release)
    return proc


def release(proc: subprocess.Popen) -> None:
    """Let go of a reaped process's leash (closes our end of its pipe)."""
    leash = getattr(proc, "_enabler_leash", None)
    if leash is not None:
        leash.release()


def _watch(fd: int) -> None:
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass
    os.killpg(0, signal.SIGKILL)  # Enabler is gone: the command and all it started go too


def main(argv: list[str]) -> int:
    fd, command = int(argv[1]), argv[3:]
    child = subprocess.Popen(command)  # same process group; does not inherit `fd`
    threading.Thread(target=_watch, args=(fd,), daemon=True).start()
    code = child.wait()
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
