"""File ▸ Team channel… and the Library page's Publish…, and a sync that never blocks the window
(pytest-qt, offscreen)."""

from __future__ import annotations

import json
import threading

import pytest
from PySide6.QtCore import QTimer

from enabler.app.channel.dialog import EMPTY, ChannelDialog
from enabler.services.channel import sync
from enabler.services.library import governance
from enabler.services.packs import keys
from enabler.store.connection.db import open_db


def wait_done(qtbot, runner):
    qtbot.waitUntil(lambda: not any(op.running for op in runner.ops), timeout=30000)


@pytest.fixture
def marketing_path(app_db_path):
    governance.set_profile(open_db(app_db_path), "Lena Brandt", "marketing")
    return app_db_path


class DescribeChannelDialog:
    def it_explains_what_a_channel_is_when_there_is_none(self, qtbot, app_db_path):
        dialog = ChannelDialog(app_db_path)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.info is not None, timeout=30000)
        assert dialog.intro.text() == EMPTY
        assert "synced folder" in EMPTY and "WebDAV" in EMPTY
        assert dialog.location.text() == "" and dialog.share.isChecked()

    def it_saves_the_location_and_sharing_setting_in_the_background(
        self, qtbot, app_db_path, tmp_path
    ):
        dialog = ChannelDialog(app_db_path)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.info is not None, timeout=30000)
        dialog.location.setText(str(tmp_path / "team"))
        dialog.share.setChecked(False)
        with qtbot.waitSignal(dialog.saved, timeout=30000):
            dialog.buttons.accepted.emit()
        info = sync.show(open_db(app_db_path))
        assert info.location == str(tmp_path / "team") and not info.share_company_names
        assert (tmp_path / "team" / "reports").is_dir()
        assert dialog.reporter.text() == info.reporter_fingerprint[:16]

        again = ChannelDialog(app_db_path)
        qtbot.addWidget(again)
        qtbot.waitUntil(lambda: again.info is not None, timeout=30000)
        assert again.location.text() == str(tmp_path / "team")
        assert not again.share.isChecked() and again.intro.text() != EMPTY
        assert again.last_sync.text() == "never"

    def it_says_when_the_library_last_synced_in_words(self):
        from enabler.app.channel.dialog import when

        assert when("2026-12-07T09:30:12+00:00") == "2026-12-07 09:30 UTC"
        assert when("2026-12-07T10:30:12+01:00") == "2026-12-07 09:30 UTC"
        assert when(None) == "never"

    def it_says_what_is_wrong_inside_the_dialog(self, qtbot, app_db_path):
        dialog = ChannelDialog(app_db_path)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.info is not None, timeout=30000)
        dialog.location.setText("ftp://files.example.com/team")
        with qtbot.waitSignal(dialog.error, timeout=30000):
            dialog.buttons.accepted.emit()
        assert "ftp://files.example.com/team" in dialog.problem.text()
        assert not dialog.problem.isHidden() and dialog.buttons.isEnabled()
        assert sync.show(open_db(app_db_path)).location is None

    def it_opens_from_the_file_menu(self, qtbot, app_window):
        file_menu = app_window.menuBar().actions()[0].menu()
        assert "&Team channel…" in [a.text() for a in file_menu.actions()]
        dialog = app_window.open_channel_settings()
        assert dialog.isVisible() and dialog.windowTitle() == "Team channel"
        wait_done(qtbot, dialog.runner)
        dialog.close()


class DescribePublish:
    def it_publishes_a_signed_release_in_the_background(self, qtbot, marketing_path, tmp_path):
        from enabler.app.pages.library.page import LibraryPage

        sync.set_channel(open_db(marketing_path), str(tmp_path / "team"))
        pair = keys.new_key_pair(tmp_path, "hq")
        page = LibraryPage(marketing_path)
        qtbot.addWidget(page)
        with qtbot.waitSignal(page.status, timeout=60000) as said:
            op = page.publish(pair.private_path)
            assert op.label == "publishing the library" and not page.publish_button.isEnabled()
        assert said.args[0].startswith("Published release 1:")
        (envelope,) = (tmp_path / "team" / "releases").glob(f"{pair.fingerprint}-00000001.json")
        assert json.loads(json.loads(envelope.read_text())["body"])["seq"] == 1
        assert (tmp_path / "team" / "releases" / f"{envelope.stem}.pack").is_file()
        assert page.publish_button.isEnabled()

    def it_points_to_the_channel_setting_when_there_is_none(self, qtbot, marketing_path, tmp_path):
        from enabler.app.pages.library.page import LibraryPage

        pair = keys.new_key_pair(tmp_path, "hq")
        page = LibraryPage(marketing_path)
        qtbot.addWidget(page)
        with qtbot.waitSignal(page.error, timeout=30000) as said:
            page.publish(pair.private_path)
        assert "File ▸ Team channel…" in said.args[0] and "enabler" not in said.args[0]

    def it_leaves_publishing_to_marketing(self, qtbot, app_db_path, tmp_path):
        from enabler.app.pages.library.page import LibraryPage

        db = open_db(app_db_path)
        governance.set_profile(db, "Dana Rep", "sales")
        sync.set_channel(db, str(tmp_path / "team"))
        page = LibraryPage(app_db_path)
        qtbot.addWidget(page)
        with qtbot.waitSignal(page.error, timeout=30000) as said:
            page.publish(keys.new_key_pair(tmp_path, "hq").private_path)
        assert said.args[0].startswith("Only marketing publishes")
        assert list((tmp_path / "team" / "releases").iterdir()) == []


class DescribeBackgroundSync:
    def it_keeps_the_window_responsive_while_a_sync_hangs(self, qtbot, app_window, monkeypatch):
        from enabler.app.channel import status as channel_status

        release = threading.Event()
        started = threading.Event()

        def slow_sync(_ctx):
            started.set()
            release.wait(30)
            return None

        monkeypatch.setattr(channel_status, "_sync", slow_sync)
        status = app_window.channel_status
        wait_done(qtbot, status)  # the start-up sync (no channel: nothing to do)
        status.sync_now()
        qtbot.waitUntil(started.is_set, timeout=30000)
        ticked = []
        QTimer.singleShot(0, lambda: ticked.append(True))
        qtbot.waitUntil(lambda: ticked == [True], timeout=5000)  # the event loop still runs
        app_window.show_page("Prospects")  # and pages still open
        assert app_window.current_page_name() == "Prospects"
        status.sync_now()  # a second request while one runs starts nothing new
        assert len(status.ops) == 1
        with qtbot.waitSignal(status.synced, timeout=30000):
            release.set()

    def it_refreshes_the_page_when_a_sync_brings_something(self, qtbot, app_window, monkeypatch):
        from enabler.services.channel.releases import Down
        from enabler.services.channel.reports import Merge
        from enabler.services.channel.sync import SyncResult

        app_window.show_page("Insights")
        page = app_window.pages["Insights"]
        calls = []
        monkeypatch.setattr(page, "refresh", lambda: calls.append(True))
        app_window.channel_status.synced.emit(SyncResult(merge=Merge(), down=Down()))
        assert calls == []  # nothing new: no reload
        app_window.channel_status.synced.emit(SyncResult(merge=Merge(new_events=3)))
        assert calls == [True]
