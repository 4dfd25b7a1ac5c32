"""`make run`: start the desktop app, or on a machine without a display build the demo deck.

Kept free of Qt imports until a display is known to exist, so a headless machine gets a plain
message instead of a Qt abort.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DEMO_PROSPECT = "Northwind Health"


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def build_demo_outputs(out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    deck = out_dir / "northwind-health.pptx"
    cmd = [
        sys.executable,
        "-m",
        "enabler",
        "build",
        "--prospect",
        DEMO_PROSPECT,
        "--out",
        str(deck),
    ]
    result = subprocess.run(cmd, check=False)
    if result.returncode != 0:
        return result.returncode
    print(f"Demo deck: {deck.resolve()}")
    leave_behind = out_dir / "northwind-health-leave-behind.pdf"
    cmd = [sys.executable, "-m", "enabler", "leave-behind", "--prospect", DEMO_PROSPECT]
    result = subprocess.run([*cmd, "--out", str(leave_behind)], check=False)
    if result.returncode == 0:
        print(f"Leave-behind: {leave_behind.resolve()}")
    return result.returncode


def main() -> int:
    if has_display():
        try:
            from enabler.app.main import main as app_main
        except ImportError as exc:
            print(f"The desktop app cannot start here ({exc}).")
        else:
            return app_main()
    else:
        print("No display found (DISPLAY/WAYLAND_DISPLAY unset), so the desktop app cannot open.")
    print("Building the demo deck with the command line instead…")
    return build_demo_outputs(Path.cwd() / "out")


if __name__ == "__main__":
    sys.exit(main())
