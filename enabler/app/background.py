"""The mixin through which a widget runs its background calls (see `enabler.app.runner`)."""

from __future__ import annotations

from enabler.app.ops import Operation
from enabler.app.runner import Runner


class Background:
    """Mixed into a widget (before QWidget) that runs background calls through a
    `enabler.app.runner.Runner`. The widget provides `db_path`, an `ops` list and an `error`
    signal; each operation stays in `ops` until it is done, and the latest is `op` (tests and
    the main window wait on them)."""

    def _runner(self):
        if getattr(self, "_background_runner", None) is None:
            self._background_runner = Runner(self.db_path, self)
        return self._background_runner

    def _track(self, op: Operation) -> Operation:
        op.done.connect(lambda: op in self.ops and self.ops.remove(op))
        self.ops.append(op)
        self.op = op
        return op

    def _start(self, fn, on_success, on_failure=None) -> Operation:
        """Write (or read once) off the GUI thread: never cancelled by another action, run
        beside the rest; failures go to `on_failure` or `error`."""
        return self._track(self._runner().write(fn, on_success, on_failure or self.error))

    def _refresh(self, fn, on_success, on_failure=None, key: str = "") -> Operation:
        """A read-only load: a newer one with the same key replaces it."""
        runner = self._runner()
        return self._track(runner.refresh(fn, on_success, on_failure or self.error, key=key))
