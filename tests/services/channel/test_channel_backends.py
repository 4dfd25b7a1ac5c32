"""Optional channel backends through fsspec (s3://, sftp://) and WebDAV credentials from the OS
keyring. The extras are not installed for the tests: an in-memory fsspec file system stands in
for S3, and a small stub stands in for `keyring`."""

from __future__ import annotations

import importlib
import sys
from types import SimpleNamespace

import pytest
from fsspec.implementations.memory import MemoryFileSystem

from enabler.errors import ExportFailed, InvalidInput
from enabler.services.channel import releases, reporters, sync
from enabler.services.channel.transport import Channel, Location
from enabler.services.packs import keys
from enabler.store import users
from tests.services.channel import test_channel as team_support
from tests.services.channel.test_channel import LENA, do_field_work, make_rep
from tests.services.webdav_server import PASSWORD, USER, webdav_server

marketing = team_support.marketing
fsspec_registry = importlib.import_module("fsspec.registry")  # the package shadows the name


@pytest.fixture
def s3_as_memory(monkeypatch):
    """`s3://` served by fsspec's in-memory file system, emptied afterwards."""
    monkeypatch.setitem(fsspec_registry._registry, "s3", MemoryFileSystem)
    yield
    MemoryFileSystem.store.clear()
    MemoryFileSystem.pseudo_dirs[:] = [""]


@pytest.fixture
def no_s3fs(monkeypatch):
    monkeypatch.delitem(fsspec_registry._registry, "s3", raising=False)
    monkeypatch.setitem(
        fsspec_registry.known_implementations,
        "s3",
        {"class": "enabler_no_such_module.S3FileSystem", "err": "Install s3fs to access S3"},
    )


class DescribeOptionalBackends:
    def it_runs_the_team_flow_on_an_s3_location(self, marketing, tmp_path, s3_as_memory):
        db, pair = marketing
        info = sync.set_channel(db, "s3://team-bucket/enabler/")
        assert (info.location, info.kind) == ("s3://team-bucket/enabler", "s3")
        releases.publish(db, LENA, sync.channel_of(db), pair.private_path)
        rep = make_rep(tmp_path, "Dana Rep", "s3://team-bucket/enabler", pair)
        assert [a.seq for a in sync.sync(rep, users.get_profile(rep)).down.applied] == [1]
        do_field_work(rep, "Dana Rep")
        assert sync.sync(rep, users.get_profile(rep)).uploaded_events == 3
        sync.sync(db, LENA)
        for r in reporters.list_reporters(db):
            reporters.set_trust(db, LENA, r.fingerprint[:16], True)
        assert sync.sync(db, LENA).merge.new_events == 3
        stored = [p for p in MemoryFileSystem.store if p.startswith("s3://team-bucket/enabler/")]
        assert len([p for p in stored if "/reports/" in p]) == 1
        assert not [p for p in stored if p.endswith(".part")]

    def it_names_the_extra_when_s3fs_is_missing(self, marketing, no_s3fs):
        db, _ = marketing
        with pytest.raises(InvalidInput, match=r"pip install 'enabler\[s3\]'"):
            sync.set_channel(db, "s3://team-bucket/enabler")
        assert sync.show(db).location is None

    def it_names_the_extra_when_sftp_support_is_missing(self, monkeypatch):
        monkeypatch.delitem(fsspec_registry._registry, "sftp", raising=False)
        monkeypatch.setitem(
            fsspec_registry.known_implementations,
            "sftp",
            {"class": "enabler_no_such_module.SSHFileSystem", "err": "needs sshfs"},
        )
        with pytest.raises(InvalidInput, match=r"SFTP channels need .*enabler\[sftp\]"):
            Channel(Location.parse("sftp://files.example.com/srv/enabler"))

    def it_keeps_secrets_out_of_s3_and_sftp_addresses(self):
        with pytest.raises(InvalidInput, match="SSH keys"):
            Location.parse("sftp://me:pw@files.example.com/srv")
        assert Location.parse("sftp://me@files.example.com/srv/").url == (
            "sftp://me@files.example.com/srv"
        )
        with pytest.raises(InvalidInput, match="s3:// or sftp://"):
            Location.parse("ftp://files.example.com/srv")


class DescribeKeyringCredentials:
    def it_takes_webdav_credentials_from_the_os_keyring(self, tmp_path, monkeypatch):
        asked = []

        def get_credential(service, username):
            asked.append(service)
            return SimpleNamespace(username=USER, password=PASSWORD)

        monkeypatch.setitem(sys.modules, "keyring", SimpleNamespace(get_credential=get_credential))
        monkeypatch.delenv("ENABLER_CHANNEL_USER", raising=False)
        monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.netrc
        (tmp_path / "dav").mkdir()
        with webdav_server(tmp_path / "dav") as url:
            Channel(Location.parse(url)).ensure()
        assert asked == ["enabler-channel:127.0.0.1"]
        assert (tmp_path / "dav" / "releases").is_dir()

    def it_falls_back_to_netrc_when_the_keyring_fails(self, tmp_path, monkeypatch):
        def broken(service, username):
            raise RuntimeError("No recommended backend was available")

        monkeypatch.setitem(sys.modules, "keyring", SimpleNamespace(get_credential=broken))
        monkeypatch.delenv("ENABLER_CHANNEL_USER", raising=False)
        monkeypatch.setenv("HOME", str(tmp_path))
        netrc = tmp_path / ".netrc"
        netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD}\n")
        netrc.chmod(0o600)
        (tmp_path / "dav").mkdir()
        with webdav_server(tmp_path / "dav") as url:
            Channel(Location.parse(url)).ensure()
            netrc.unlink()
            with pytest.raises(ExportFailed, match="401"):
                Channel(Location.parse(url)).list("reports")


def it_needs_no_extra_for_folders_and_webdav():
    assert Location.parse("/srv/team").kind == "folder"
    assert Location("https://dav.example/team").kind == "webdav"
    assert keys  # the publisher keys module stays importable without any extra
