"""The status bar's team-channel line: its text, and a real sync in the background."""

from __future__ import annotations

import datetime as dt

from enabler.app.channel.status import ChannelStatus, status_text
from enabler.services.channel.releases import Applied, Down
from enabler.services.channel.reports import Merge
from enabler.services.channel.sync import SyncResult

NOW = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC)


class DescribeStatusText:
    def it_says_nothing_without_a_channel(self):
        assert status_text(None, None, NOW) == ""

    def it_says_how_long_ago_the_library_was_synced(self):
        result = SyncResult(merge=Merge(waiting_reporters=("a" * 64,)), down=Down())
        text = status_text(result, NOW - dt.timedelta(minutes=2), NOW)
        assert text == "Library up to date · synced 2 min ago · 1 reporter(s) wait for trust"

    def it_counts_what_an_update_brought(self):
        applied = Applied("hq", 3, {"new": ["a", "b"], "changed": ["c"], "retired": ["d"]})
        text = status_text(SyncResult(down=Down(applied=(applied,))), NOW, NOW)
        assert text == "Library updated: 2 new, 1 changed, 1 retired"

    def it_says_when_an_update_waits_for_the_rep(self):
        down = Down(held=("release 2 from hq: it would replace objection:x",))
        text = status_text(SyncResult(down=down), NOW, NOW)
        assert text.startswith("Channel: an update waits")

    def it_says_when_reports_wait_for_the_channel(self):
        text = status_text(SyncResult(offline="unreachable", queued_events=4), NOW, NOW)
        assert text == "Channel offline · 4 report(s) queued"


class DescribeChannelStatusWidget:
    def it_syncs_in_the_background_and_shows_the_result(self, qtbot, tmp_path):
        from enabler.domain.profile import make_profile
        from enabler.services.channel import sync
        from enabler.store import users
        from enabler.store.connection.db import open_db, transaction

        path = tmp_path / "lib.db"
        db = open_db(path)
        with transaction(db):
            users.put_profile(db, make_profile("Lena Brandt", "marketing"))
        sync.set_channel(db, str(tmp_path / "channel"))
        widget = ChannelStatus(path, auto=False)
        qtbot.addWidget(widget)
        with qtbot.waitSignal(widget.synced, timeout=30000):
            widget.sync_now()
        assert widget.text() == "Library up to date · synced just now"

    def it_shows_a_failure_on_the_line_not_in_a_dialog(self, qtbot, tmp_path):
        from enabler.services.channel import sync
        from enabler.store.connection.db import open_db

        path = tmp_path / "lib.db"
        sync.set_channel(open_db(path), str(tmp_path / "channel"))  # no profile yet
        widget = ChannelStatus(path, auto=False)
        qtbot.addWidget(widget)
        with qtbot.waitSignal(widget.error, timeout=30000):
            widget.sync_now()
        assert widget.text().startswith("Channel: Tell Enabler who you are first")


class DescribeLibraryItemsInTheUpdateLine:
    def it_counts_objections_presets_and_the_rest_with_modules(self, small_library, tmp_path):
        from enabler.domain.profile import make_profile
        from enabler.services.channel import releases, sync
        from enabler.services.packs import keys
        from enabler.store import users
        from enabler.store.connection.db import open_db, transaction
        from tests.services.packs.marketing_library import add_marketing_items

        lena = make_profile("Lena Brandt", "marketing")
        with transaction(small_library):
            users.put_profile(small_library, lena)
        add_marketing_items(small_library)
        pair = keys.new_key_pair(tmp_path, "hq")
        sync.set_channel(small_library, str(tmp_path / "channel"))
        published = releases.publish(
            small_library, lena, sync.channel_of(small_library), pair.private_path
        )
        rep = open_db(tmp_path / "rep.db")
        dana = make_profile("Dana Rep", "sales")
        with transaction(rep):
            users.put_profile(rep, dana)
        keys.trust(rep, dana, pair.public_path, "hq")
        sync.set_channel(rep, str(tmp_path / "channel"))

        result = sync.sync(rep, dana)

        new = result.down.applied[0].summary["new"]
        assert len(new) == published.modules + published.library
        assert (
            status_text(result, NOW, NOW)
            == f"Library updated: {len(new)} new, 0 changed, 0 retired"
        )
        assert published.library == 9


class DescribeHeldUpdateReview:
    def it_offers_a_held_update_and_takes_it_when_the_rep_agrees(
        self, qtbot, small_library, tmp_path
    ):
        import dataclasses

        from enabler.domain.profile import make_profile
        from enabler.services.channel import releases, sync
        from enabler.services.packs import keys
        from enabler.store import objections as objection_store
        from enabler.store import users
        from enabler.store.connection.db import open_db, transaction
        from tests.services.packs.marketing_library import add_marketing_items

        lena = make_profile("Lena Brandt", "marketing")
        with transaction(small_library):
            users.put_profile(small_library, lena)
        add_marketing_items(small_library)
        pair = keys.new_key_pair(tmp_path, "hq")
        sync.set_channel(small_library, str(tmp_path / "channel"))
        channel = sync.channel_of(small_library)
        releases.publish(small_library, lena, channel, pair.private_path)
        rep_path = tmp_path / "rep.db"
        rep = open_db(rep_path)
        dana = make_profile("Dana Rep", "sales")
        with transaction(rep):
            users.put_profile(rep, dana)
        keys.trust(rep, dana, pair.public_path, "hq")
        sync.set_channel(rep, str(tmp_path / "channel"))
        assert sync.sync(rep, dana).down.applied

        def reword(lib, text):
            with transaction(lib):
                ours = objection_store.get_objection(lib, "too-expensive")
                objection_store.replace_objection(
                    lib, ours.id, dataclasses.replace(ours, text=text), "someone", ""
                )

        reword(rep, "Dana's wording")
        reword(small_library, "Marketing's wording")
        releases.publish(small_library, lena, channel, pair.private_path)

        widget = ChannelStatus(rep_path, auto=False)
        qtbot.addWidget(widget)
        with qtbot.waitSignal(widget.synced, timeout=30000):
            widget.sync_now()
        assert widget.held() and "Review…" in widget.text()
        assert widget.text().startswith("Channel: an update waits")

        asked = []
        widget.review_held(ask=lambda _parent, held: asked.append(held) or False)
        assert asked and not widget.ops  # kept: nothing runs, the update still waits
        assert objection_store.get_objection(rep, "too-expensive").text == "Dana's wording"

        with qtbot.waitSignal(widget.synced, timeout=30000):
            widget.review_held(ask=lambda _parent, _held: True)
        assert widget.text() == "Library updated: 0 new, 1 changed, 0 retired"
        assert widget.held() == ()
        fresh = open_db(rep_path)
        assert objection_store.get_objection(fresh, "too-expensive").text == "Marketing's wording"


class DescribeHeldQuestion:
    def it_names_each_held_release_and_both_choices(self):
        from enabler.app.channel.status import held_question

        text = held_question(("release 2 from hq: it would replace objection:x",))
        assert "• release 2 from hq: it would replace objection:x" in text
        assert "Take the update" in text and "keep yours" in text
        assert "--" not in text  # no command-line wording in the app
