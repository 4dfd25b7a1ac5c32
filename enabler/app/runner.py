"""One helper carries every background call, under a policy the caller names.

Two kinds of work, as a desktop app that edits a library needs them:

* a **refresh** reads and changes nothing; a newer refresh with the same key replaces an older
  one (the older is asked to stop and its answer is dropped), so a view shows the latest state;
* a **write** is something the user started (build, export, rate, save, import). No other action
  ever cancels it: writes in the same *lane* wait for each other in the order started (export
  waits for the build it needs), writes in other lanes run beside them. Only `cancel_lane` — the
  user's own Cancel — stops one.

Each call is an `Operation` (see `enabler.app.ops`): off the GUI thread, errors turned into a
sentence. The runner keeps every operation until it is done, so quitting can ask about labelled
writes still running.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from enabler.app.ops import OpContext, Operation


class Policy(Enum):
    REFRESH = "refresh"  # read-only; replaced by a newer refresh with the same key
    WRITE = "write"  # never cancelled by another action; queued behind its lane


Work = Callable[[OpContext], object]


class Runner(QObject):
    """The background calls of one widget (or window)."""

    lane_busy = Signal(str, bool)  # a lane started or finished its writes

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.ops: list[Operation] = []  # running or queued, oldest first
        self.latest: Operation | None = None
        self._refreshes: dict[str, Operation] = {}
        self._lanes: dict[str, deque[Operation]] = {}

    # starting ---------------------------------------------------------------------------------

    def refresh(
        self,
        fn: Work,
        on_success: Callable,
        on_failure: Callable[[str], None] | None = None,
        *,
        key: str = "",
    ) -> Operation:
        """Read in the background; replaces a refresh with the same key still running."""
        older = self._refreshes.get(key)
        if older is not None and older.running:
            older.cancel()  # read-only: stopping it loses nothing
        op = self._make(fn, None)
        op.policy = Policy.REFRESH
        self._refreshes[key] = op
        op.succeeded.connect(lambda result: self._refreshes.get(key) is op and on_success(result))
        if on_failure is not None:  # a replaced refresh's failure is as stale as its answer
            op.failed.connect(
                lambda message: self._refreshes.get(key) is op and on_failure(message)
            )
        op.done.connect(lambda: self._refreshes.get(key) is op and self._refreshes.pop(key))
        return op.start()

    def write(
        self,
        fn: Work,
        on_success: Callable,
        on_failure: Callable[[str], None] | None = None,
        *,
        lane: str | None = None,
        label: str = "",
    ) -> Operation:
        """Change something the user asked for: at once beside everything (no lane), or after
        the earlier writes of `lane`."""
        op = self._make(fn, on_failure)
        op.policy = Policy.WRITE
        op.label = label
        op.succeeded.connect(on_success)
        if lane is None:
            return op.start()
        op.lane = lane
        queue = self._lanes.setdefault(lane, deque())
        queue.append(op)
        op.running = True  # queued counts as running: quitting asks, tests wait
        op.done.connect(lambda: self._next_in(lane, op))
        if len(queue) == 1:
            self.lane_busy.emit(lane, True)
            op.start()
        return op

    def _make(self, fn: Work, on_failure) -> Operation:
        op = Operation(fn, self.db_path, self)
        if on_failure is not None:
            op.failed.connect(on_failure)
        op.done.connect(lambda: op in self.ops and self.ops.remove(op))
        self.ops.append(op)
        self.latest = op
        return op

    def _next_in(self, lane: str, finished: Operation) -> None:
        queue = self._lanes[lane]
        if finished in queue:
            queue.remove(finished)
        if queue:
            queue[0].start()
        else:
            self.lane_busy.emit(lane, False)

    # asking and stopping ------------------------------------------------------------------------

    def busy(self, lane: str | None = None) -> bool:
        """Whether writes of `lane` (any write when None) are running or queued."""
        if lane is None:
            return any(op.running for op in self.ops if op.policy is Policy.WRITE)
        return bool(self._lanes.get(lane))

    def current(self) -> Operation | None:
        """The newest operation still running, else the newest of all (tests wait on it)."""
        return next((op for op in reversed(self.ops) if op.running), self.latest)

    def cancel_lane(self, lane: str = "") -> None:
        """The user's Cancel: stop the running write of `lane` and drop those queued behind it."""
        for op in list(self._lanes.get(lane, ())):
            op.cancel()

    def cancel_all(self) -> None:
        """Quitting: ask everything to stop at its next safe point."""
        for op in list(self.ops):
            op.cancel()
