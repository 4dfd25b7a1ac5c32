"""Signed library packs: export, verified import, read-only modules, hostile packs."""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile

import pytest

from enabler.domain.modules import ModuleState, SmartContent, SmartLayout
from enabler.domain.profile import make_profile
from enabler.errors import Conflict, Fix, Hint, InvalidInput
from enabler.services.library import governance, revisions
from enabler.services.library.glossary import set_term
from enabler.services.library.revisions import ModuleEdit
from enabler.services.packs import exchange as packs
from enabler.services.packs import keys
from enabler.services.packs.file_format import PackLimits
from enabler.store import glossary as glossary_store
from enabler.store import modules as module_store
from enabler.store.connection.db import open_db
from tests.conftest import add_module

LENA = make_profile("Lena Brandt", "marketing")
REP = make_profile("Dana Rep", "sales")


def counts(db) -> dict:
    tables = ("modules", "module_versions", "assets", "glossary", "audit_log", "pack_imports")
    return {t: db[t].count for t in tables}


def rewrite(src, dest, change=None, extra=(), drop=()):
    """Copy a pack, changing entries: change(name, data) -> data; extra (name, data) entries."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = zin.read(info)
            zout.writestr(info.filename, change(info.filename, data) if change else data)
        for name, data in extra:
            zout.writestr(name, data)
    return dest


def resign(src, dest, key, edit):
    """A validly signed pack whose manifest `edit(manifest)` changed."""
    with zipfile.ZipFile(src) as zin:
        manifest = json.loads(zin.read("manifest.json"))
        entries = {i.filename: zin.read(i) for i in zin.infolist()}
    edit(manifest)
    body = json.dumps(manifest).encode()
    entries |= {"manifest.json": body, "manifest.sig": key.sign(body)}
    with zipfile.ZipFile(dest, "w") as zout:
        for name, data in entries.items():
            zout.writestr(name, data)
    return dest


# fixtures -------------------------------------------------------------------------------


@pytest.fixture
def publisher(small_library, tmp_path):
    """Marketing's library with a key pair, a glossary term and a retired module."""
    db = small_library
    set_term(db, LENA, "Qualified lead", "Fits our customer profile")
    pair = keys.new_key_pair(tmp_path, "hq")
    return db, pair


@pytest.fixture
def pack_file(publisher, tmp_path):
    db, pair = publisher
    packs.export_pack(db, LENA, tmp_path / "library.zip", pair.private_path)
    return tmp_path / "library.zip"


@pytest.fixture
def rep_db(tmp_path, publisher):
    _, pair = publisher
    db = open_db(tmp_path / "rep.db")
    keys.trust(db, REP, pair.public_path)
    return db


class DescribeKeys:
    def it_writes_a_private_and_a_public_key(self, tmp_path):
        pair = keys.new_key_pair(tmp_path, "team")
        assert stat.S_IMODE(pair.private_path.stat().st_mode) == 0o600
        assert b"PRIVATE KEY" in pair.private_path.read_bytes()
        assert b"PUBLIC KEY" in pair.public_path.read_bytes()
        assert keys.fingerprint(keys.load_private_key(pair.private_path).public_key()) == (
            pair.fingerprint
        )
        with pytest.raises(Conflict, match="already exists"):
            keys.new_key_pair(tmp_path, "team")

    def it_refuses_files_that_are_not_keys(self, db, tmp_path):
        junk = tmp_path / "x.pub"
        junk.write_text("hello")
        with pytest.raises(InvalidInput, match="not a public key"):
            keys.trust(db, LENA, junk)


class DescribeExportAndImport:
    def it_delivers_approved_modules_assets_and_glossary_read_only(self, pack_file, rep_db):
        result = packs.import_pack(rep_db, REP, pack_file)
        assert result.applied
        assert sorted(result.new) == ["pillars", "proof", "retail-only", "why-section"]
        assert result.glossary == ("qualified_lead",)
        proof = module_store.get_module(rep_db, "proof")
        assert proof.state is ModuleState.APPROVED
        image = module_store.current_version(rep_db, proof).content.image
        assert rep_db["assets"].get(image)["size"] > 0
        status = module_store.module_status(rep_db, "proof")
        assert status.read_only and "hq" in status.origin
        assert glossary_store.get(rep_db, "qualified_lead").read_only
        with pytest.raises(Conflict, match="read-only"):
            revisions.edit_module(rep_db, LENA, "proof", ModuleEdit({"title": "Mine"}))

    def it_shows_changes_and_retirements_on_the_next_pack(
        self, publisher, pack_file, rep_db, tmp_path
    ):
        packs.import_pack(rep_db, REP, pack_file)
        db, pair = publisher
        revisions.edit_module(db, LENA, "pillars", ModuleEdit({"title": "Why us"}))
        governance.submit(db, LENA, "pillars")
        governance.approve(db, LENA, "pillars")
        governance.retire(db, LENA, "retail-only", replacement="proof")
        second = packs.export_pack(db, LENA, tmp_path / "v2.zip", pair.private_path).path
        preview = packs.import_pack(rep_db, REP, second, dry_run=True)
        assert not preview.applied
        assert module_store.get_module(rep_db, "pillars").title != "Why us"
        result = packs.import_pack(rep_db, REP, second)
        assert list(result.changed) == ["pillars"]
        assert any("Why us" in c for c in result.changed["pillars"])
        assert result.retired == ("retail-only",)
        assert sorted(result.unchanged) == ["proof", "why-section"]
        assert module_store.get_module(rep_db, "pillars").title == "Why us"
        retired = module_store.module_status(rep_db, "retail-only")
        assert retired.state is ModuleState.RETIRED
        assert retired.replaced_by == module_store.get_module(rep_db, "proof").id
        again = packs.import_pack(rep_db, REP, second)
        assert (again.new, again.changed, again.retired) == ((), {}, ())

    def it_will_not_overwrite_local_work_unless_asked(self, pack_file, rep_db):
        add_module(rep_db, "pillars", SmartContent(SmartLayout.BULLETS, "Local"))
        before = counts(rep_db)
        with pytest.raises(Conflict, match="takes the publisher's versions") as err:
            packs.import_pack(rep_db, REP, pack_file)
        assert err.value.hint == Hint(Fix.CONFIRM, "replace_local")
        assert counts(rep_db) == before
        result = packs.import_pack(rep_db, REP, pack_file, replace_local=True)
        assert "pillars" in result.changed

    def it_needs_an_approved_library_and_a_marketing_publisher(self, db, tmp_path):
        pair = keys.new_key_pair(tmp_path, "k")
        with pytest.raises(InvalidInput, match="no approved modules"):
            packs.export_pack(db, LENA, tmp_path / "p.zip", pair.private_path)
        with pytest.raises(InvalidInput, match="Only marketing"):
            packs.export_pack(db, REP, tmp_path / "p.zip", pair.private_path)


class DescribeHostilePacks:
    def it_rejects_an_untrusted_publisher(self, pack_file, tmp_path):
        db = open_db(tmp_path / "other.db")
        with pytest.raises(InvalidInput, match=r"key you do not trust.*public key") as err:
            packs.import_pack(db, REP, pack_file)
        assert err.value.hint == Hint(Fix.DO_FIRST, "trust_key")
        assert db["modules"].count == 0

    @pytest.mark.parametrize(
        ("tamper", "reason"),
        [
            (
                lambda n, d: d.replace(b"pillars", b"pillows") if n == "manifest.json" else d,
                "signature does not match",
            ),
            (lambda n, d: b"\x00" * 64 if n == "manifest.sig" else d, "signature does not match"),
            (lambda n, d: d + b"x" if n.startswith("assets/") else d, "does not match its hash"),
        ],
    )
    def it_rejects_modified_packs_and_changes_nothing(
        self, pack_file, rep_db, tmp_path, tamper, reason
    ):
        before = counts(rep_db)
        bad = rewrite(pack_file, tmp_path / "bad.zip", change=tamper)
        with pytest.raises(InvalidInput, match=reason):
            packs.import_pack(rep_db, REP, bad)
        assert counts(rep_db) == before

    @pytest.mark.parametrize(
        ("kwargs", "reason"),
        [
            ({"drop": ("manifest.sig",)}, "not signed"),
            ({"drop": ("manifest.json",)}, "no manifest"),
            ({"extra": (("../evil.txt", b"x"),)}, r"outside the pack \('\.\.'\)"),
            ({"extra": (("/etc/evil", b"x"),)}, "absolute path"),
            ({"extra": (("C:/evil", b"x"),)}, "absolute path"),
            ({"extra": (("notes.txt", b"x"),)}, "unexpected entry"),
            ({"extra": ((f"assets/{'0' * 64}", b"x"),)}, "do not match the manifest"),
        ],
    )
    def it_rejects_malformed_packs(self, pack_file, rep_db, tmp_path, kwargs, reason):
        bad = rewrite(pack_file, tmp_path / "bad.zip", **kwargs)
        with pytest.raises(InvalidInput, match=reason):
            packs.import_pack(rep_db, REP, bad)
        assert rep_db["modules"].count == 0

    def it_rejects_a_signed_manifest_that_does_not_match_its_files(
        self, publisher, pack_file, rep_db, tmp_path
    ):
        key = keys.load_private_key(publisher[1].private_path)
        first = next(iter(json.loads(zipfile.ZipFile(pack_file).read("manifest.json"))["files"]))
        bad = resign(pack_file, tmp_path / "bad.zip", key, lambda m: m["files"].pop(first))
        with pytest.raises(InvalidInput, match="do not match the manifest"):
            packs.import_pack(rep_db, REP, bad)
        sha = hashlib.sha256(b"other").hexdigest()
        bad = resign(
            pack_file,
            tmp_path / "bad2.zip",
            key,
            lambda m: m["modules"][0]["content"].update(image=sha),
        )
        with pytest.raises(InvalidInput, match="does not contain"):
            packs.import_pack(rep_db, REP, bad)
        assert rep_db["modules"].count == 0

    def it_enforces_size_and_count_limits(self, pack_file, rep_db, tmp_path):
        cases = [
            (PackLimits(max_entry_bytes=10), "larger than the 10-byte limit"),
            (PackLimits(max_entries=2), "more than 2 entries"),
            (PackLimits(max_total_bytes=100), "content exceeds"),
            (PackLimits(max_pack_bytes=100), "file is larger"),
        ]
        for limits, reason in cases:
            with pytest.raises(InvalidInput, match=reason):
                packs.import_pack(rep_db, REP, pack_file, limits=limits)
        assert rep_db["modules"].count == 0

    def it_rejects_files_that_are_not_zips(self, rep_db, tmp_path):
        junk = tmp_path / "junk.zip"
        junk.write_bytes(b"not a zip at all")
        with pytest.raises(InvalidInput, match="not a zip file"):
            packs.import_pack(rep_db, REP, junk)
