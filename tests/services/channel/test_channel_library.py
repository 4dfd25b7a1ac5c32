"""Releases down the team channel carry marketing's whole library, over a folder and WebDAV."""

from __future__ import annotations

import dataclasses

import pytest

from enabler.domain.modules import ModuleState
from enabler.services.channel import releases, sync
from enabler.services.packs import keys
from enabler.store import objections as objection_store
from enabler.store import users
from enabler.store.connection.db import transaction
from tests.reliability.helpers import dump
from tests.services.channel.test_channel import LENA, make_rep
from tests.services.packs.marketing_library import add_marketing_items, library_view
from tests.services.packs.test_library import EXPECTED
from tests.services.webdav_server import PASSWORD, USER, webdav_server


def applied_labels(result) -> tuple[list, list, list]:
    (only,) = result.down.applied
    return only.summary["new"], only.summary["changed"], only.summary["retired"]


def check_release_flow(db, pair, tmp_path, location: str) -> None:
    """Marketing publishes, a rep syncs (every kind arrives), syncs again (nothing happens),
    marketing retires an objection and publishes again, the rep's copy is retired."""
    sync.set_channel(db, location)
    published = releases.publish(db, LENA, sync.channel_of(db), pair.private_path)
    assert published.library == 9
    rep = make_rep(tmp_path, "Dana Rep", location, pair)
    dana = users.get_profile(rep)

    new, _, _ = applied_labels(sync.sync(rep, dana))
    assert {"objection:too-expensive", "battlecard:rival corp", "recommend_weight:stage"} <= set(
        new
    )
    assert library_view(rep) == EXPECTED

    # The same release again (a replay, or simply the next sync): applied once only.
    before = dump(rep)
    again = sync.sync(rep, dana)
    assert again.down.applied == () and again.down.refused == ()
    assert [r for r in dump(rep) if "audit_log" in r] == [r for r in before if "audit_log" in r]
    assert library_view(rep) == EXPECTED

    with transaction(db):
        objection_store.set_objection_state(db, "no-time", ModuleState.RETIRED, LENA.name)
    assert releases.publish(db, LENA, sync.channel_of(db), pair.private_path).seq == 2
    result = sync.sync(rep, dana)
    assert applied_labels(result) == ([], [], ["objection:no-time"])
    assert library_view(rep)["objections"]["no-time"] == ("Not this quarter", "retired")


# fixtures -------------------------------------------------------------------------------


@pytest.fixture
def marketing(small_library, tmp_path):
    db = small_library
    with transaction(db):
        users.put_profile(db, LENA)
    add_marketing_items(db)
    return db, keys.new_key_pair(tmp_path, "hq")


class DescribeLibraryReleases:
    def it_delivers_every_kind_over_a_folder(self, marketing, tmp_path):
        db, pair = marketing
        check_release_flow(db, pair, tmp_path, str(tmp_path / "channel"))

    def it_delivers_every_kind_over_webdav(self, marketing, tmp_path, monkeypatch):
        db, pair = marketing
        monkeypatch.setenv("ENABLER_CHANNEL_USER", USER)
        monkeypatch.setenv("ENABLER_CHANNEL_PASSWORD", PASSWORD)
        served = tmp_path / "dav"
        (served / "team").mkdir(parents=True)
        with webdav_server(served) as url:
            check_release_flow(db, pair, tmp_path, f"{url}/team")
        assert len(list((served / "team" / "releases").glob("*.pack"))) == 2

    def it_refuses_a_release_whose_pack_was_swapped_and_keeps_the_library(
        self, marketing, tmp_path
    ):
        db, pair = marketing
        root = tmp_path / "channel"
        sync.set_channel(db, str(root))
        releases.publish(db, LENA, sync.channel_of(db), pair.private_path)
        rep = make_rep(tmp_path, "Dana Rep", str(root), pair)
        sync.sync(rep, users.get_profile(rep))
        with transaction(db):
            objection_store.set_objection_state(db, "no-time", ModuleState.RETIRED, LENA.name)
        releases.publish(db, LENA, sync.channel_of(db), pair.private_path)
        # Someone puts release 1's pack under release 2's name: its hash no longer matches.
        packs = sorted((root / "releases").glob("*.pack"))
        packs[1].write_bytes(packs[0].read_bytes())
        before = dump(rep)
        result = sync.sync(rep, users.get_profile(rep))
        assert result.down.applied == () and result.down.waiting
        assert [r for r in dump(rep) if "objections" in r] == [
            r for r in before if "objections" in r
        ]
        assert library_view(rep)["objections"]["no-time"] == ("Not this quarter", "approved")

    def it_holds_back_a_release_that_would_replace_what_the_rep_changed(self, marketing, tmp_path):
        db, pair = marketing
        root = tmp_path / "channel"
        sync.set_channel(db, str(root))
        releases.publish(db, LENA, sync.channel_of(db), pair.private_path)
        rep = make_rep(tmp_path, "Dana Rep", str(root), pair)
        dana = users.get_profile(rep)
        sync.sync(rep, dana)
        for lib, text in ((rep, "Dana's wording"), (db, "Marketing's wording")):
            with transaction(lib):
                ours = objection_store.get_objection(lib, "too-expensive")
                objection_store.replace_objection(
                    lib, ours.id, dataclasses.replace(ours, text=text), "someone", ""
                )
        releases.publish(db, LENA, sync.channel_of(db), pair.private_path)

        held = sync.sync(rep, dana)
        assert held.down.applied == () and held.down.refused == ()
        (line,) = held.down.held
        assert line.startswith("release 2 from hq") and "objection:too-expensive" in line
        assert held.to_dict()["releases_held"] == [line]
        assert library_view(rep)["objections"]["too-expensive"][0] == "Dana's wording"
        assert sync.sync(rep, dana).down.held == (line,)  # asked again at every sync

        taken = sync.sync(rep, dana, replace_local=True)
        assert [a.seq for a in taken.down.applied] == [2]
        assert library_view(rep)["objections"]["too-expensive"][0] == "Marketing's wording"
