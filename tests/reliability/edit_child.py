"""One of two writers in the concurrency test: adds its own bullets to one module, one edit at a
time, the way an editor does (read the working copy, change it, save with the version read).

Run as `python -m tests.reliability.edit_child DB MODULE TAG COUNT`. A Conflict is reported
(`CONFLICT`) and the edit is made again on fresh data; any other error ends the run with its
message (`ERROR <message>`), which the test turns into a failure.
"""

from __future__ import annotations

import sys
import time

from enabler.domain.profile import make_profile
from enabler.errors import Conflict, EnablerError
from enabler.services.library.revisions import ModuleEdit, edit_module, working_copy
from enabler.store.connection.db import open_db

LENA = make_profile("Lena Brandt", "marketing")


def add_bullet(db, module: str, bullet: str) -> None:
    while True:
        copy = working_copy(db, module)
        bullets = [*copy.snapshot.content.get("bullets", ()), bullet]
        time.sleep(0.01)  # an editor's think time: lets the other writer get in between
        try:
            edit_module(
                db,
                LENA,
                module,
                ModuleEdit(content={"bullets": bullets}),
                expected=copy.status.row_version,
            )
        except Conflict as exc:
            print(f"CONFLICT {exc}", flush=True)
            continue
        print(f"SAVED {bullet}", flush=True)
        return


def main(db_path: str, module: str, tag: str, count: str) -> None:
    db = open_db(db_path)
    print("READY", flush=True)
    sys.stdin.readline()  # both writers start together
    try:
        for i in range(int(count)):
            add_bullet(db, module, f"{tag}-{i}")
    except EnablerError as exc:
        print(f"ERROR {exc}", flush=True)
    except Exception as exc:  # e.g. sqlite3.OperationalError: database is locked
        print(f"ERROR {type(exc).__name__}: {exc}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
