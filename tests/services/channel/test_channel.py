"""The team channel over a plain folder and a real WebDAV server: releases down, reports up."""

from __future__ import annotations

import json

import pytest

from enabler.domain.profile import make_profile
from enabler.domain.prospects import Contact, Prospect
from enabler.errors import ExportFailed
from enabler.services.channel import events, reporters, sync
from enabler.services.channel.transport import Channel, Location, is_candidate
from enabler.services.feedback import ratings as feedback
from enabler.services.packs import keys
from enabler.store import decks, users
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import open_db, transaction
from tests.services.webdav_server import PASSWORD, USER, webdav_server

LENA = make_profile("Lena Brandt", "marketing")


def make_rep(tmp_path, name: str, location: str, pair):
    """A rep's library: trusts marketing's key, has a prospect with a contact, uses the channel."""
    db = open_db(tmp_path / f"{name.split()[0].lower()}.db")
    profile = make_profile(name, "sales")
    with transaction(db):
        users.put_profile(db, profile)
    add_prospect(db)
    keys.trust(db, profile, pair.public_path, "hq")
    sync.set_channel(db, location)
    return db


def add_prospect(db) -> None:
    """Acme Clinics, with a contact whose name must never leave this library."""
    with transaction(db):
        prospect = prospect_store.create(
            db, Prospect(id=0, company="Acme Clinics", industry="Healthcare")
        )
        prospect_store.add_contact(
            db, Contact(id=0, prospect_id=prospect.id, name="Jo Buyer", title="CFO")
        )


def do_field_work(db, name: str) -> None:
    """Build a deck (recorded), rate a module, close the deal: three field events."""
    proof = module_store.get_module(db, "proof")
    version = module_store.current_version(db, proof)
    prospect = prospect_store.find(db, "Acme Clinics")
    provenance = {
        "prospect": {"id": prospect.id, "company": prospect.company},
        "contact_id": 1,
        "title": "Acme pitch",
        "modules": [{"module_id": proof.id, "key": "proof", "version_id": version.id}],
    }
    with transaction(db):
        decks.record(db, provenance=provenance, output_path="x.pptx", sha256="", built_by=name)
    feedback.rate(db, "proof", 4, flag="needs_update")
    feedback.record_outcome(db, "Acme Clinics", "won", reason="fast rollout")


def channel_text(root) -> str:
    return "".join(p.read_text(errors="replace") for p in root.rglob("*.json"))


# fixtures -------------------------------------------------------------------------------


@pytest.fixture
def marketing(small_library, tmp_path):
    db = small_library
    with transaction(db):
        users.put_profile(db, LENA)
    pair = keys.new_key_pair(tmp_path, "hq")
    return db, pair


@pytest.fixture
def folder_team(marketing, tmp_path):
    """Marketing and two reps on a plain folder channel; release 1 published and applied."""
    db, pair = marketing
    root = tmp_path / "channel"
    sync.set_channel(db, str(root))
    from enabler.services.channel import releases

    releases.publish(db, LENA, sync.channel_of(db), pair.private_path)
    reps = [make_rep(tmp_path, n, str(root), pair) for n in ("Dana Rep", "Sam Field")]
    for rep in reps:
        result = sync.sync(rep, users.get_profile(rep))
        assert [a.seq for a in result.down.applied] == [1]
    return db, pair, reps, root


def trust_all(db) -> None:
    for r in reporters.list_reporters(db):
        reporters.set_trust(db, LENA, r.fingerprint[:16], True)


class DescribeTwoRepsAndMarketing:
    def it_delivers_the_release_and_merges_trusted_reports(self, folder_team):
        db, _, reps, root = folder_team
        for rep, name in zip(reps, ("Dana Rep", "Sam Field"), strict=True):
            assert module_store.get_module(rep, "proof") is not None
            do_field_work(rep, name)
            assert sync.sync(rep, users.get_profile(rep)).uploaded_events == 3

        first = sync.sync(db, LENA)
        assert first.merge.new_events == 0
        assert len(first.merge.waiting_reporters) == 2
        assert {r.status for r in reporters.list_reporters(db)} == {"pending"}

        trust_all(db)
        second = sync.sync(db, LENA)
        assert (second.merge.merged_batches, second.merge.new_events) == (2, 6)
        listed = {r.name: r for r in reporters.list_reporters(db)}
        assert set(listed) == {"Dana Rep", "Sam Field"}
        assert all(r.events == 3 and r.age_days() < 1 for r in listed.values())
        kinds = db.execute("SELECT kind, count(*) FROM field_events GROUP BY kind").fetchall()
        assert dict(kinds) == {"deck": 2, "rating": 2, "outcome": 2}
        rating = json.loads(
            db.execute("SELECT payload FROM field_events WHERE kind='rating'").fetchone()[0]
        )
        assert rating == {"module": "proof", "version": 1, "rating": 4, "flag": "needs_update"}

        text = channel_text(root)
        assert "Acme Clinics" in text and "Jo Buyer" not in text and "CFO" not in text
        assert sync.sync(db, LENA).merge.merged_batches == 0  # nothing new: listing only

    def it_keeps_company_names_home_when_the_setting_says_so(self, folder_team):
        _, _, reps, root = folder_team
        sync.set_share_companies(reps[0], False)
        do_field_work(reps[0], "Dana Rep")
        sync.sync(reps[0], users.get_profile(reps[0]))
        assert "Acme" not in channel_text(root / "reports")
        assert {e.payload.get("company") for e in events.collect(reps[0])} == {None}

    def it_queues_events_while_the_channel_is_unreachable(self, folder_team, tmp_path):
        _, _, reps, root = folder_team
        rep = reps[0]
        do_field_work(rep, "Dana Rep")
        (root / "reports").rename(tmp_path / "away")
        (root / "reports").write_text("not a folder")  # writes now fail
        result = sync.sync(rep, users.get_profile(rep))
        assert result.offline and result.queued_events == 3
        (root / "reports").unlink()
        (tmp_path / "away").rename(root / "reports")
        assert sync.sync(rep, users.get_profile(rep)).uploaded_events == 3


class DescribeFieldEvents:
    def it_reports_objections_by_category_stage_industry_and_competitor_only(self, demo_db):
        objections = [e for e in events.collect(demo_db) if e.kind == "objection"]
        assert objections
        for e in objections:
            assert set(e.payload) == {
                "objection",
                "category",
                "state",
                "stage",
                "industry",
                "competitor",
            }
            assert e.payload["state"] in ("raised", "answered")
        assert len({e.event_id for e in objections}) == len(objections)
        assert events.collect(demo_db) == events.collect(demo_db)  # stable ids


class DescribeUpload:
    def it_splits_many_events_into_batches_and_sends_each_once(self, folder_team, monkeypatch):
        _, _, reps, root = folder_team
        from enabler.services.channel import reports

        monkeypatch.setattr(reports, "MAX_EVENTS", 2)
        do_field_work(reps[0], "Dana Rep")
        assert sync.sync(reps[0], users.get_profile(reps[0])).uploaded_events == 3
        assert len(list((root / "reports").glob("*.json"))) == 2
        assert sync.sync(reps[0], users.get_profile(reps[0])).uploaded_events == 0

    def it_cleans_up_and_retries_when_the_final_rename_fails(self, folder_team, monkeypatch):
        _, _, reps, root = folder_team
        rep = reps[0]
        do_field_work(rep, "Dana Rep")
        fs_type = type(sync.channel_of(rep)._fs)
        monkeypatch.setattr(fs_type, "mv", lambda *a, **k: (_ for _ in ()).throw(OSError("EIO")))
        result = sync.sync(rep, users.get_profile(rep))
        assert result.offline and "EIO" in result.offline and result.queued_events == 3
        assert list((root / "reports").iterdir()) == []  # no temp file left behind
        monkeypatch.undo()
        assert sync.sync(rep, users.get_profile(rep)).uploaded_events == 3

    def it_resends_after_a_crash_between_upload_and_bookkeeping(self, folder_team, monkeypatch):
        db, _, reps, root = folder_team
        from enabler.store.team import channel as channel_store

        rep = reps[0]
        do_field_work(rep, "Dana Rep")
        with monkeypatch.context() as m:
            m.setattr(channel_store, "mark_sent", lambda *a: (_ for _ in ()).throw(SystemExit))
            with pytest.raises(SystemExit):
                sync.sync(rep, users.get_profile(rep))
        assert sync.sync(rep, users.get_profile(rep)).uploaded_events == 3
        assert len(list((root / "reports").glob("*.json"))) == 2
        sync.sync(db, LENA)
        trust_all(db)
        result = sync.sync(db, LENA)
        assert (result.merge.merged_batches, result.merge.new_events) == (2, 3)

    def it_never_reads_a_future_timestamp_as_negative_freshness(self):
        view = reporters.ReporterView("f" * 64, "Dana", "trusted", 1, "2999-01-01T00:00:00+00:00")
        assert view.age_days() == 0.0


class DescribeMergeSafety:
    def it_counts_a_replayed_batch_once_and_skips_sync_engine_copies(self, folder_team):
        db, _, reps, root = folder_team
        do_field_work(reps[0], "Dana Rep")
        sync.sync(reps[0], users.get_profile(reps[0]))
        (batch,) = (root / "reports").glob("*.json")
        stem = batch.name.rsplit("-", 1)[0]
        (root / "reports" / f"{stem}-replay00.json").write_bytes(batch.read_bytes())
        (root / "reports" / f"{batch.stem} (1).json").write_bytes(batch.read_bytes())
        sync.sync(db, LENA)
        trust_all(db)
        result = sync.sync(db, LENA)
        assert (result.merge.merged_batches, result.merge.new_events) == (2, 3)
        assert db["field_events"].count == 3

    def it_refuses_a_tampered_batch_and_merges_the_others(self, folder_team):
        db, _, reps, root = folder_team
        for rep, name in zip(reps, ("Dana Rep", "Sam Field"), strict=True):
            do_field_work(rep, name)
            sync.sync(rep, users.get_profile(rep))
        sync.sync(db, LENA)
        trust_all(db)
        dana = keys.fingerprint(sync.identity.load_key(reps[0]).public_key())
        (bad,) = (root / "reports").glob(f"{dana}-*.json")
        bad.write_text(bad.read_text().replace('\\"rating\\":4', '\\"rating\\":1'))
        result = sync.sync(db, LENA)
        assert [n for n, _ in result.merge.refused] == [bad.name]
        assert "signature" in result.merge.refused[0][1]
        assert (result.merge.merged_batches, result.merge.new_events) == (1, 3)
        assert {r.name: r.events for r in reporters.list_reporters(db)} == {
            "Dana Rep": 0,
            "Sam Field": 3,
        }

    def it_retries_a_partial_batch_at_the_next_sync(self, folder_team):
        db, _, reps, root = folder_team
        do_field_work(reps[0], "Dana Rep")
        sync.sync(reps[0], users.get_profile(reps[0]))
        sync.sync(db, LENA)
        trust_all(db)
        (batch,) = (root / "reports").glob("*.json")
        whole = batch.read_bytes()
        batch.write_bytes(whole[: len(whole) // 2])
        result = sync.sync(db, LENA)
        assert result.merge.incomplete == (batch.name,) and not result.merge.refused
        batch.write_bytes(whole)
        assert sync.sync(db, LENA).merge.new_events == 3

    def it_lets_an_unknown_reporter_wait_and_ignores_a_revoked_one(self, folder_team):
        db, _, reps, _ = folder_team
        do_field_work(reps[0], "Dana Rep")
        sync.sync(reps[0], users.get_profile(reps[0]))
        assert sync.sync(db, LENA).merge.waiting_reporters
        assert sync.sync(db, LENA).merge.new_events == 0
        (dana,) = reporters.list_reporters(db)
        reporters.set_trust(db, LENA, dana.fingerprint[:12], False)
        assert sync.sync(db, LENA).merge.new_events == 0
        assert db["field_events"].count == 0


class DescribeReleases:
    def it_applies_a_newer_release_and_refuses_a_rollback(self, folder_team):
        db, pair, reps, root = folder_team
        from enabler.services.channel import releases
        from enabler.services.library import governance, revisions
        from enabler.services.library.revisions import ModuleEdit

        revisions.edit_module(db, LENA, "pillars", ModuleEdit({"title": "Why us, now"}))
        governance.submit(db, LENA, "pillars")
        governance.approve(db, LENA, "pillars")
        assert releases.publish(db, LENA, sync.channel_of(db), pair.private_path).seq == 2
        rep = reps[0]
        (applied,) = sync.sync(rep, users.get_profile(rep)).down.applied
        assert applied.seq == 2 and applied.summary["changed"] == ["pillars"]
        assert module_store.get_module(rep, "pillars").title == "Why us, now"

        for newer in (root / "releases").glob("*-00000002.*"):
            newer.unlink()  # the channel rolled back to release 1
        down = sync.sync(rep, users.get_profile(rep)).down
        assert not down.applied
        assert down.refused == ("release 1 from hq is older than release 2 already applied",)
        assert module_store.get_module(rep, "pillars").title == "Why us, now"

    def it_waits_for_a_pack_that_arrives_after_its_envelope(self, folder_team):
        db, pair, reps, root = folder_team
        from enabler.services.channel import releases

        releases.publish(db, LENA, sync.channel_of(db), pair.private_path)
        (pack,) = (root / "releases").glob("*-00000002.pack")
        held = pack.read_bytes()
        pack.unlink()
        down = sync.sync(reps[0], users.get_profile(reps[0])).down
        assert not down.applied and "not arrived yet" in down.waiting[0]
        pack.write_bytes(held[:100])  # still copying
        assert "not complete yet" in sync.sync(reps[0], users.get_profile(reps[0])).down.waiting[0]
        pack.write_bytes(held)
        (applied,) = sync.sync(reps[0], users.get_profile(reps[0])).down.applied
        assert applied.seq == 2

    def it_numbers_past_the_channel_when_this_machine_forgot(self, folder_team):
        db, pair, _, _ = folder_team
        from enabler.services.channel import releases
        from enabler.store import settings

        with transaction(db):
            settings.put(db, "channel.release_seq", {})
        assert releases.publish(db, LENA, sync.channel_of(db), pair.private_path).seq == 2

    def it_applies_only_the_trusted_publisher(self, folder_team, tmp_path):
        db, _, reps, root = folder_team
        from enabler.services.channel import releases

        rogue = keys.new_key_pair(tmp_path, "rogue")
        revisions_before = reps[0]["module_versions"].count
        releases.publish(db, LENA, sync.channel_of(db), rogue.private_path)
        assert len(list((root / "releases").glob(f"{rogue.fingerprint}-*"))) == 2
        down = sync.sync(reps[0], users.get_profile(reps[0])).down
        assert (down.applied, down.refused) == ((), ())
        assert reps[0]["module_versions"].count == revisions_before


class DescribeTransport:
    def it_skips_temp_files_and_sync_engine_duplicates(self):
        assert is_candidate("abc-1.json")
        for name in (".x.part", "abc (1).json", "abc-conflict-2.json", "~lock.json", "a.tmp"):
            assert not is_candidate(name)

    def it_keeps_credentials_out_of_the_address(self):
        from enabler.errors import InvalidInput

        with pytest.raises(InvalidInput, match="ENABLER_CHANNEL_USER"):
            Location.parse("https://me:pw@dav.example/team")


class DescribeOverWebDAV:
    def it_runs_the_whole_flow_against_a_real_server(self, marketing, tmp_path, monkeypatch):
        db, pair = marketing
        monkeypatch.setenv("ENABLER_CHANNEL_USER", USER)
        monkeypatch.setenv("ENABLER_CHANNEL_PASSWORD", PASSWORD)
        served = tmp_path / "dav"
        (served / "team").mkdir(parents=True)
        from enabler.services.channel import releases

        with webdav_server(served) as url:
            sync.set_channel(db, f"{url}/team")
            assert sync.show(db).kind == "webdav"
            releases.publish(db, LENA, sync.channel_of(db), pair.private_path)
            rep = make_rep(tmp_path, "Dana Rep", f"{url}/team", pair)
            assert [a.seq for a in sync.sync(rep, users.get_profile(rep)).down.applied] == [1]
            do_field_work(rep, "Dana Rep")
            assert sync.sync(rep, users.get_profile(rep)).uploaded_events == 3
            sync.sync(db, LENA)
            trust_all(db)
            assert sync.sync(db, LENA).merge.new_events == 3
            names = Channel(Location(f"{url}/team")).list("reports")
        assert len(names) == 1
        assert not list((served / "team").rglob(".*.part"))
        assert "s3cret" not in json.dumps(db.execute("SELECT * FROM settings").fetchall())

    def it_takes_credentials_from_netrc(self, tmp_path, monkeypatch):
        monkeypatch.delenv("ENABLER_CHANNEL_USER", raising=False)
        monkeypatch.setenv("HOME", str(tmp_path))
        netrc = tmp_path / ".netrc"
        netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD}\n")
        netrc.chmod(0o600)
        (tmp_path / "dav").mkdir()
        with webdav_server(tmp_path / "dav") as url:
            Channel(Location.parse(url)).ensure()
            netrc.write_text(f"machine 127.0.0.1 login {USER} password wrong\n")
            with pytest.raises(ExportFailed, match="401"):
                Channel(Location.parse(url)).list("reports")
        assert (tmp_path / "dav" / "reports").is_dir()
