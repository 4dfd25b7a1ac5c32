"""The status bar's team-channel line: syncs at start and every few minutes, off the GUI thread.

"Library up to date · synced 2 min ago", "Library updated: 3 new, 1 retired", "Channel offline ·
4 reports queued". Nothing shows while no channel is set. A failed sync never opens a dialog:
background work should not interrupt; the line says what went wrong. An update held back
because it would replace items changed here offers *Review…*: the rep takes it or keeps theirs.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from enabler.app.ops import Operation

SYNC_EVERY_MS = 5 * 60 * 1000
REFRESH_EVERY_MS = 60 * 1000


def _sync(ctx, replace_local: bool = False):
    from enabler.services.channel import sync
    from enabler.services.library.governance import require_profile

    db = ctx.open_db()
    if sync.show(db).location is None:
        return None
    return sync.sync(db, require_profile(db), replace_local=replace_local)


def held_question(held) -> str:
    """What the rep is asked before an update replaces what they changed on this machine."""
    lines = "\n".join(f"• {h}" for h in held)
    return (
        "Marketing's update would replace library items you changed on this machine:\n\n"
        f"{lines}\n\nTake the update (your changes are replaced; the audit log keeps them), or "
        "keep yours for now (the update waits and is offered again at the next sync)."
    )


def ask_take_update(parent: QWidget | None, held) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, "Library update waits", held_question(held))
    box.setParent(parent, box.windowFlags())
    take = box.addButton("Take the update", QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("Keep mine for now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is take


def _ago(synced_at: dt.datetime, now: dt.datetime) -> str:
    minutes = int((now - synced_at).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    return f"{minutes // 60} h ago"


def status_text(result, synced_at: dt.datetime | None, now: dt.datetime) -> str:
    """One line for the status bar from the last SyncResult (None: no channel set)."""
    if result is None or synced_at is None:
        return ""
    if result.offline:
        return f"Channel offline · {result.queued_events} report(s) queued"
    down = result.down
    if down and down.applied:
        new = sum(len(a.summary.get("new", [])) for a in down.applied)
        changed = sum(len(a.summary.get("changed", [])) for a in down.applied)
        retired = sum(len(a.summary.get("retired", [])) for a in down.applied)
        return f"Library updated: {new} new, {changed} changed, {retired} retired"
    if down and down.held:
        return "Channel: an update waits — it would replace library items changed on this machine"
    if down and down.refused:
        return f"Channel: an update was refused ({down.refused[0]})"
    waiting = result.merge.waiting_reporters if result.merge else ()
    extra = f" · {len(waiting)} reporter(s) wait for trust" if waiting else ""
    return f"Library up to date · synced {_ago(synced_at, now)}{extra}"


class ChannelStatus(QLabel):
    """A permanent status-bar widget; `sync_now()` runs one sync in the background."""

    error = Signal(str)
    synced = Signal(object)  # SyncResult or None

    def __init__(self, db_path: Path, parent=None, *, auto: bool = True) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.ops: list = []
        self.op = None
        self.result = None
        self.synced_at: dt.datetime | None = None
        self.setAccessibleName("Team channel status")
        self.pool = QThreadPool(self)  # its own pool: a slow channel never holds up other work
        self.pool.setMaxThreadCount(1)
        self.sync_timer = QTimer(self, interval=SYNC_EVERY_MS, timeout=self.sync_now)
        self.refresh_timer = QTimer(self, interval=REFRESH_EVERY_MS, timeout=self.refresh)
        self.error.connect(self._failed)
        self.linkActivated.connect(lambda _link: self.review_held())
        if auto:
            self.sync_timer.start()
            self.refresh_timer.start()
            QTimer.singleShot(0, self.sync_now)

    def sync_now(self, replace_local: bool = False) -> None:
        if self.ops:  # one sync at a time
            return
        task = functools.partial(_sync, replace_local=True) if replace_local else _sync
        op = Operation(task, self.db_path, self)
        op.succeeded.connect(self._done)
        op.failed.connect(self.error)
        op.done.connect(lambda: self.ops.remove(op))
        self.ops.append(op)
        self.op = op
        op.start(self.pool)

    def _done(self, result) -> None:
        self.result = result
        self.synced_at = dt.datetime.now(dt.UTC) if result is not None else None
        self.refresh()
        self.synced.emit(result)

    def _failed(self, message: str) -> None:
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(f"Channel: {message}")
        self.setToolTip(message)

    def held(self) -> tuple[str, ...]:
        """Releases the last sync held back over changes made here (empty: none)."""
        down = self.result.down if self.result is not None else None
        return tuple(down.held) if down is not None and not down.applied else ()

    def refresh(self) -> None:
        text = status_text(self.result, self.synced_at, dt.datetime.now(dt.UTC))
        if self.held():
            self.setTextFormat(Qt.TextFormat.RichText)
            self.setText(f"{html.escape(text)} · <a href='review'>Review…</a>")
            self.setToolTip("\n".join(self.held()))
        else:
            self.setTextFormat(Qt.TextFormat.PlainText)
            self.setText(text)
            self.setToolTip("")

    def review_held(self, ask: Callable[[QWidget | None, tuple[str, ...]], bool] = ask_take_update):
        """Offer the held update; taking it syncs again, replacing the changes made here."""
        held = self.held()
        if held and ask(self.window(), held):
            self.sync_now(replace_local=True)
