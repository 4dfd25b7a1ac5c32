"""`enabler channel`, `publish`, `sync`, `reporters` and the team part of `report`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from enabler.cli import cli
from enabler.store.connection.db import open_db
from tests.services.channel.test_channel import add_prospect, do_field_work


def invoke(*args, db):
    env = {"ENABLER_DB": str(db)}
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def ok(*args, db) -> str:
    result = invoke(*args, db=db)
    assert result.exit_code == 0, result.output
    return result.stdout


def fails(*args, db) -> str:
    result = invoke(*args, db=db)
    assert result.exit_code == 1, result.output
    assert "Internal error" not in result.output and "Traceback" not in result.output
    return result.output


# fixtures -------------------------------------------------------------------------------


@pytest.fixture
def team(small_library, tmp_path):
    """Marketing's library file, a rep's library file and a folder channel, set up by CLI."""
    hq = tmp_path / "library.db"  # small_library's file
    rep = tmp_path / "rep.db"
    channel = tmp_path / "channel"
    ok("profile", "set", "--name", "Lena Brandt", "--role", "marketing", db=hq)
    ok("keys", "new", "--out", tmp_path, "--name", "hq", db=hq)
    ok("channel", "set", channel, db=hq)
    ok("profile", "set", "--name", "Dana Rep", "--role", "sales", db=rep)
    ok("keys", "trust", tmp_path / "hq.pub", db=rep)
    ok("channel", "set", channel, db=rep)
    return hq, rep, tmp_path


class DescribeChannelCommands:
    def it_shows_the_channel_and_this_reporter(self, team):
        hq, _, tmp_path = team
        shown = json.loads(ok("channel", "show", "--json", db=hq))
        assert shown["location"] == str(tmp_path / "channel") and shown["kind"] == "folder"
        assert len(shown["reporter_fingerprint"]) == 64 and shown["share_company_names"]
        assert (tmp_path / "library.reporter.key").exists()
        assert "Last sync: never" in ok("channel", "show", db=hq)
        ok("channel", "set", tmp_path / "channel", "--no-share-company-names", db=hq)
        assert not json.loads(ok("channel", "show", "--json", db=hq))["share_company_names"]

    def it_explains_what_it_cannot_do(self, team, tmp_path):
        hq, rep, _ = team
        assert "s3:// or sftp:// (optional extras)" in fails("channel", "set", "ftp://b/p", db=hq)
        other = tmp_path / "other.db"
        ok("profile", "set", "--name", "Sam", "--role", "sales", db=other)
        assert "channel set" in fails("sync", db=other)
        assert "Only marketing" in fails("publish", "--key", tmp_path / "hq.key", db=rep)
        assert "at least 8" in fails("reporters", "trust", "abc", db=hq)


class DescribeTheLoop:
    def it_publishes_syncs_trusts_and_reports(self, team):
        hq, rep, tmp_path = team
        assert "Published release 1" in ok("publish", "--key", tmp_path / "hq.key", db=hq)
        down = json.loads(ok("sync", "--json", db=rep))
        assert [a["seq"] for a in down["releases_applied"]] == [1]
        rep_db = open_db(rep)
        add_prospect(rep_db)
        do_field_work(rep_db, "Dana Rep")
        from enabler.services import insights

        note = insights.add_insight(rep_db, "Acme Clinics", "pain", "Audits eat a week a quarter.")
        insights.promote_insight(rep_db, note.id, actor="Dana Rep")
        assert "4 field event(s) would be sent" in ok("sync", "--dry-run", db=rep)
        assert "Sent 4 field event(s)." in ok("sync", db=rep)

        assert "1 batch(es) in the channel are not merged yet" in ok("sync", "--dry-run", db=hq)
        assert "Waiting for trust" in ok("sync", db=hq)
        (pending,) = json.loads(ok("reporters", "list", "--json", db=hq))
        assert (pending["name"], pending["status"], pending["events"]) == ("Dana Rep", "pending", 0)
        assert "Trusted Dana Rep" in ok("reporters", "trust", pending["id"][:10], db=hq)
        merged = ok("sync", db=hq)
        assert "Merged 1 batch(es), 4 new event(s)." in merged
        assert "1 segment research proposal(s) wait for your review" in merged
        assert "Audits eat a week" in ok("segments", "list", "--pending", db=hq)

        team_json = json.loads(ok("report", "--json", db=hq))["team"]
        assert team_json["contributors"] == 1 and team_json["win_rate"] == 1.0
        assert team_json["reporters"][0]["age_days"] < 1
        (dana,) = team_json["reps"]
        assert (dana["name"], dana["decks"], dana["won"], dana["events"]) == ("Dana Rep", 1, 1, 4)
        text = ok("report", db=hq)
        assert "Team: 1 reporter(s) contributed" in text and "100% of 1" in text
        assert "Revoked Dana Rep" in ok("reporters", "revoke", pending["id"][:10], db=hq)
        assert "revoked" in ok("reporters", "list", db=hq)
        assert json.loads(ok("report", "--json", db=hq))["team"]["contributors"] == 0


class DescribeLibraryReleases:
    def it_says_what_a_release_brought_and_holds_back_one_over_local_changes(self, team):
        import dataclasses

        from enabler.store import objections as objection_store
        from enabler.store.connection.db import transaction
        from tests.services.packs.marketing_library import add_marketing_items

        hq, rep, tmp_path = team
        add_marketing_items(open_db(hq))
        published = ok("publish", "--key", tmp_path / "hq.key", db=hq)
        assert "9 other library item(s)" in published
        assert "Applied release 1 from hq:" in ok("sync", db=rep)
        for path, text in ((rep, "Dana's wording"), (hq, "Marketing's wording")):
            lib = open_db(path)
            with transaction(lib):
                ours = objection_store.get_objection(lib, "too-expensive")
                objection_store.replace_objection(
                    lib, ours.id, dataclasses.replace(ours, text=text), "someone", ""
                )
        ok("publish", "--key", tmp_path / "hq.key", db=hq)
        held = ok("sync", db=rep)
        assert "Held back: release 2 from hq" in held and "--replace-local" in held
        taken = ok("sync", "--replace-local", db=rep)
        assert "Applied release 2 from hq: 0 new, 1 changed, 0 retired." in taken
        assert "Marketing's wording" in ok("objections", "library", db=rep)
