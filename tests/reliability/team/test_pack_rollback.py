"""Rollback protection: an older signed pack imported after a newer one would re-approve a
retired module and revert a corrected title. It is refused (the preview says it is older than
what you have) unless the user asks for the downgrade."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from enabler.cli import cli
from enabler.domain.modules import ModuleState
from enabler.errors import Conflict
from enabler.services.library import governance, revisions
from enabler.services.library.revisions import ModuleEdit
from enabler.services.packs import exchange as packs
from enabler.services.packs import keys
from enabler.services.packs.sequence import next_export_sequence
from enabler.store import modules as module_store
from enabler.store.connection.db import open_db
from tests.reliability.helpers import dump
from tests.services.packs.test_packs import LENA, REP, resign


@pytest.fixture
def hq(small_library, tmp_path):
    """Marketing's library and its key pair."""
    return small_library, keys.new_key_pair(tmp_path, "hq")


@pytest.fixture
def rep_library(tmp_path, hq):
    db = open_db(tmp_path / "rep.db")
    keys.trust(db, REP, hq[1].public_path)
    return db


@pytest.fixture
def releases(hq, tmp_path):
    """(v1, v2): v2 corrects the pillars title and retires retail-only."""
    db, pair = hq
    v1 = packs.export_pack(db, LENA, tmp_path / "v1.zip", pair.private_path).path
    revisions.edit_module(db, LENA, "pillars", ModuleEdit({"title": "Corrected title"}))
    governance.submit(db, LENA, "pillars")
    governance.approve(db, LENA, "pillars")
    governance.retire(db, LENA, "retail-only", replacement="proof")
    v2 = packs.export_pack(db, LENA, tmp_path / "v2.zip", pair.private_path).path
    return v1, v2


@pytest.fixture
def updated(rep_library, releases):
    """A rep's library that applied v1, then v2."""
    v1, v2 = releases
    packs.import_pack(rep_library, REP, v1)
    packs.import_pack(rep_library, REP, v2)
    governance.set_profile(rep_library, "Dana Rep", "sales")
    return rep_library


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


class DescribeRollback:
    def it_refuses_the_older_pack_and_changes_nothing(self, updated, releases):
        before = dump(updated)
        with pytest.raises(Conflict, match="older than what you have"):
            packs.import_pack(updated, REP, releases[0])
        assert dump(updated) == before
        assert module_store.module_status(updated, "retail-only").state is ModuleState.RETIRED
        assert module_store.get_module(updated, "pillars").title == "Corrected title"

    def it_says_so_in_the_preview_and_on_the_command_line(self, updated, releases, tmp_path):
        before = dump(updated)
        preview = packs.import_pack(updated, REP, releases[0], dry_run=True)
        assert preview.older_than is not None and preview.sequence < preview.older_than
        db = tmp_path / "rep.db"
        shown = run("pack", "import", releases[0], "--dry-run", "--db", db)
        assert shown.exit_code == 0 and "older than what you have" in shown.output
        refused = run("pack", "import", releases[0], "--db", db)
        assert refused.exit_code == 1
        assert "older than what you have" in refused.output
        assert "--allow-downgrade" in refused.output
        assert dump(updated) == before

    def it_applies_the_downgrade_only_when_asked(self, updated, releases, tmp_path):
        result = run(
            "pack", "import", releases[0], "--allow-downgrade", "--db", tmp_path / "rep.db"
        )
        assert result.exit_code == 0, result.output
        assert module_store.get_module(updated, "pillars").title != "Corrected title"
        assert module_store.module_status(updated, "retail-only").state is ModuleState.APPROVED

    def it_refuses_another_pack_with_the_same_sequence(self, updated, releases, hq, tmp_path):
        _, pair = hq
        key = keys.load_private_key(pair.private_path)

        def retitle(manifest: dict) -> None:  # same sequence, other content: not the same pack
            for entry in manifest["modules"]:
                if entry["key"] == "pillars":
                    entry["content"]["title"] = "Sneaky"

        twin = resign(releases[1], tmp_path / "twin.zip", key, retitle)
        with pytest.raises(Conflict, match="older than what you have"):
            packs.import_pack(updated, REP, twin)

    def it_takes_the_same_pack_again_as_already_applied(self, updated, releases):
        again = packs.import_pack(updated, REP, releases[1])
        assert (again.new, again.changed, again.retired, again.older_than) == ((), {}, (), None)


class DescribeExportSequence:
    def it_counts_up_even_within_one_second(self, hq, tmp_path):
        db, pair = hq
        fingerprint = keys.fingerprint(keys.load_private_key(pair.private_path).public_key())
        first = next_export_sequence(db, fingerprint)
        packs.export_pack(db, LENA, tmp_path / "a.zip", pair.private_path)
        packs.export_pack(db, LENA, tmp_path / "b.zip", pair.private_path)
        assert next_export_sequence(db, fingerprint) >= first + 2
