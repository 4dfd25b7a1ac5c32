"""The team channel under injected faults (see `faulty_channel`): files listed before their
content, files that appear late or one by one, partial reads, sync-engine duplicates, and reps
whose clocks run ahead or behind. Every library stays consistent; each event counts once."""

from __future__ import annotations

import datetime as dt

import pytest

from enabler.services.channel import events, releases, reporters, reports, sync
from enabler.services.channel.team import team_figures
from enabler.store import users
from tests.reliability.team.faulty_channel import install
from tests.services.channel import test_channel as team_support
from tests.services.channel.test_channel import LENA, do_field_work, trust_all

marketing = team_support.marketing
folder_team = team_support.folder_team


@pytest.fixture
def faults(monkeypatch):
    return install(monkeypatch)


def rep_sync(rep):
    return sync.sync(rep, users.get_profile(rep))


def batch_names(root) -> list[str]:
    return sorted(p.name for p in (root / "reports").glob("*.json"))


def counted(db) -> dict[str, int]:
    return {r.name: r.events for r in reporters.list_reporters(db)}


class DescribeLateFiles:
    def it_retries_a_batch_listed_before_its_content_arrives(self, folder_team, faults):
        db, _, reps, root = folder_team
        do_field_work(reps[0], "Dana Rep")
        rep_sync(reps[0])
        rep_sync(reps[1])  # nothing to send yet
        sync.sync(db, LENA)
        trust_all(db)
        (name,) = batch_names(root)
        faults.listed_early.add(name)
        merge = sync.sync(db, LENA).merge
        assert (merge.incomplete, merge.refused, merge.new_events) == ((name,), (), 0)
        faults.listed_early.clear()
        assert sync.sync(db, LENA).merge.new_events == 3
        assert sync.sync(db, LENA).merge.merged_batches == 0

    def it_merges_a_batch_that_appears_after_a_sync(self, folder_team, faults):
        db, _, reps, root = folder_team
        for rep, name in zip(reps, ("Dana Rep", "Sam Field"), strict=True):
            do_field_work(rep, name)
            rep_sync(rep)
        sync.sync(db, LENA)
        trust_all(db)
        late = batch_names(root)[1]
        faults.hidden.add(late)
        assert sync.sync(db, LENA).merge.new_events == 3
        faults.hidden.clear()
        assert sync.sync(db, LENA).merge.new_events == 3
        assert counted(db) == {"Dana Rep": 3, "Sam Field": 3}

    def it_applies_a_release_only_once_both_its_files_are_whole(self, folder_team, faults):
        db, pair, reps, _ = folder_team
        releases.publish(db, LENA, sync.channel_of(db), pair.private_path)
        stem = f"{pair.fingerprint}-00000002"
        faults.hidden |= {f"{stem}.json", f"{stem}.pack"}  # nothing has arrived
        assert rep_sync(reps[0]).down == releases.Down()
        faults.hidden = {f"{stem}.pack"}  # the envelope first
        assert "not arrived yet" in rep_sync(reps[0]).down.waiting[0]
        faults.hidden.clear()
        faults.truncated.add(f"{stem}.pack")  # then the pack, still copying
        assert "not complete yet" in rep_sync(reps[0]).down.waiting[0]
        faults.truncated.add(f"{stem}.json")
        assert "still arriving" in rep_sync(reps[0]).down.waiting[0]
        faults.truncated.clear()
        (applied,) = rep_sync(reps[0]).down.applied
        assert applied.seq == 2
        assert rep_sync(reps[0]).down == releases.Down()


class DescribePartialAndDuplicated:
    def it_never_half_applies_a_partial_batch(self, folder_team, faults):
        db, _, reps, root = folder_team
        do_field_work(reps[0], "Dana Rep")
        rep_sync(reps[0])
        sync.sync(db, LENA)
        trust_all(db)
        faults.truncated.add(batch_names(root)[0])
        merge = sync.sync(db, LENA).merge
        assert merge.incomplete and not merge.refused
        assert db["field_events"].count == 0 and db["channel_batches"].count == 0
        faults.truncated.clear()
        assert sync.sync(db, LENA).merge.new_events == 3

    def it_ignores_sync_engine_copies_of_every_file(self, folder_team, faults):
        db, pair, reps, _ = folder_team
        faults.duplicates = True
        releases.publish(db, LENA, sync.channel_of(db), pair.private_path)
        for rep, name in zip(reps, ("Dana Rep", "Sam Field"), strict=True):
            do_field_work(rep, name)
            assert [a.seq for a in rep_sync(rep).down.applied] == [2]
        sync.sync(db, LENA)
        trust_all(db)
        merge = sync.sync(db, LENA).merge
        assert (merge.merged_batches, merge.new_events, merge.refused) == (2, 6, ())
        assert not [n for n in faults.reads if "(1)" in n or "conflict" in n]
        assert counted(db) == {"Dana Rep": 3, "Sam Field": 3}


class DescribeClockSkew:
    def it_merges_by_event_id_and_shows_freshness_sensibly(self, folder_team, monkeypatch):
        db, _, reps, root = folder_team
        now = dt.datetime.now(dt.UTC)
        real_collect = events.collect
        for rep, name, years in zip(reps, ("Dana Rep", "Sam Field"), (3, -3), strict=True):
            skew = dt.timedelta(days=365 * years)
            stamp = (now + skew).isoformat(timespec="seconds")
            do_field_work(rep, name)
            with monkeypatch.context() as m:
                m.setattr(reports, "now_iso", lambda stamp=stamp: stamp)
                m.setattr(
                    events,
                    "collect",
                    lambda d, skew=skew: [
                        events.FieldEvent(e.event_id, e.kind, _shift(e.at, skew), e.payload)
                        for e in real_collect(d)
                    ],
                )
                assert rep_sync(rep).uploaded_events == 3
        sync.sync(db, LENA)
        trust_all(db)
        assert sync.sync(db, LENA).merge.new_events == 6
        (ahead,) = [n for n in batch_names(root) if _reporter(db, n) == "Dana Rep"]
        replay = root / "reports" / f"{ahead.rsplit('-', 1)[0]}-replay00.json"
        replay.write_bytes((root / "reports" / ahead).read_bytes())
        again = sync.sync(db, LENA).merge
        assert (again.merged_batches, again.new_events) == (1, 0)  # a replay counts once

        figures = {r.name: r for r in team_figures(db).reps}
        dana, sam = figures["Dana Rep"], figures["Sam Field"]
        last = dt.datetime.fromisoformat(dana.reporter.last_batch_at)
        assert last < now + dt.timedelta(hours=1)  # not 2029: the batch's claim is capped
        assert dana.reporter.age_days() < 0.1  # "just now", not years in the future
        assert 1090 < sam.reporter.age_days() < 1100  # an old clock reads as old, not negative
        assert (dana.decks, dana.won, sam.decks, sam.won) == (1, 1, 1, 1)
        trend_months = set(team_figures(db).objection_trend or {})
        assert all(m <= now.strftime("%Y-%m") for m in trend_months)


def _shift(at: str, skew: dt.timedelta) -> str:
    try:
        stamp = dt.datetime.fromisoformat(at)
    except ValueError:
        return at
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return (stamp + skew).isoformat(timespec="seconds")


def _reporter(db, batch: str) -> str:
    row = db.execute(
        "SELECT r.name FROM channel_batches b JOIN channel_reporters r "
        "ON r.fingerprint = b.reporter WHERE b.name = ?",
        [batch],
    ).fetchone()
    return row[0] if row else ""
