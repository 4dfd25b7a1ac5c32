"""One small file API over a channel location, through fsspec: a folder, WebDAV, and with the
optional extras S3 (`s3://bucket/prefix`, s3fs) and SFTP (`sftp://host/path`, sshfs).

WebDAV credentials come from the environment (ENABLER_CHANNEL_USER / ENABLER_CHANNEL_PASSWORD),
the OS keyring (if `keyring` is installed) or ~/.netrc, never from the library; S3 and SFTP use
their own usual sources (AWS configuration, SSH keys and agent). Writes go to a unique hidden name
first and are then moved into place, so readers never see a half-written file where the backend
can rename atomically.
"""

from __future__ import annotations

import contextlib
import netrc
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from enabler.errors import ExportFailed, InvalidInput

# Sync engines keep both copies of a conflict as "name (1).ext" or "name-conflict-…"; temp
# files start with "." or "~" or end in ".part"/".tmp". Readers skip all of them.
_SKIP = re.compile(r"(^[.~])|( \(\d+\)\.)|(\.(part|tmp|partial)$)|(conflict)", re.IGNORECASE)


class Missing(Exception):
    """A listed file is gone or not there yet (a sync engine moved it): retry later."""


def is_candidate(name: str) -> bool:
    """A complete, original file a reader should consider (not a temp or sync duplicate)."""
    return not _SKIP.search(name)


# Optional backends: URL scheme → (the extra that installs it, what it is called).
EXTRAS = {"s3": ("s3", "S3"), "sftp": ("sftp", "SFTP")}
KEYRING_SERVICE = "enabler-channel"


@dataclass(frozen=True, slots=True)
class Location:
    """Where the channel lives: a local folder path, an http(s) WebDAV URL, s3:// or sftp://."""

    url: str

    @property
    def is_webdav(self) -> bool:
        return self.url.startswith(("http://", "https://"))

    @property
    def scheme(self) -> str | None:
        """The optional backend's URL scheme (s3, sftp), None for a folder or WebDAV."""
        scheme = self.url.split("://", 1)[0] if "://" in self.url else ""
        return scheme if scheme in EXTRAS else None

    @property
    def kind(self) -> str:
        return "webdav" if self.is_webdav else (self.scheme or "folder")

    @staticmethod
    def parse(text: str) -> Location:
        text = text.strip()
        if not text:
            raise InvalidInput("Give the channel a location: a folder path or an https:// URL.")
        if text.startswith(("http://", "https://")):
            parts = urlsplit(text)
            if not parts.hostname:
                raise InvalidInput(f"{text!r} is not a WebDAV address (no host).")
            if parts.username or parts.password:
                raise InvalidInput(
                    "Leave the user name and password out of the address; set "
                    "ENABLER_CHANNEL_USER and ENABLER_CHANNEL_PASSWORD or a ~/.netrc entry."
                )
            return Location(text.rstrip("/"))
        scheme = text.split("://", 1)[0].lower() if "://" in text else ""
        if scheme in EXTRAS:
            parts = urlsplit(text)
            if not parts.hostname:
                raise InvalidInput(f"{text!r} names no bucket or host.")
            if parts.password:
                raise InvalidInput(
                    "Leave the password out of the address: S3 uses your AWS configuration, "
                    "SFTP your SSH keys or agent."
                )
            return Location(f"{scheme}://{text.split('://', 1)[1]}".rstrip("/"))
        if "://" in text:
            raise InvalidInput(
                f"{text!r}: use a folder path, an http(s):// WebDAV address, or s3:// or "
                "sftp:// (optional extras)."
            )
        return Location(str(Path(text).expanduser().resolve()))


def _credentials(host: str) -> tuple[str, str] | None:
    """The environment first (explicit), then the OS keyring, then ~/.netrc."""
    user = os.environ.get("ENABLER_CHANNEL_USER")
    if user:
        return user, os.environ.get("ENABLER_CHANNEL_PASSWORD", "")
    from_keyring = _keyring_credentials(host)
    if from_keyring:
        return from_keyring
    try:
        entry = netrc.netrc().authenticators(host)
    except (FileNotFoundError, netrc.NetrcParseError, OSError):
        return None
    return (entry[0] or "", entry[2] or "") if entry else None


def _keyring_credentials(host: str) -> tuple[str, str] | None:
    """`keyring set enabler-channel:HOST USER` stores them; absent or failing keyring: None."""
    try:
        import keyring
    except ImportError:
        return None
    try:
        found = keyring.get_credential(f"{KEYRING_SERVICE}:{host}", None)
    except Exception:  # no backend, locked or refused: fall back to ~/.netrc
        return None
    return (found.username, found.password) if found and found.username else None


def _optional_fs(location: Location):
    """The fsspec file system and root of an s3:// or sftp:// location."""
    import fsspec.core

    extra, name = EXTRAS[location.scheme or ""]
    try:
        return fsspec.core.url_to_fs(location.url)
    except ImportError as exc:
        raise InvalidInput(
            f"{name} channels need the optional extra: pip install 'enabler[{extra}]'."
        ) from exc


class Channel:
    """Files in the channel under two folders, `reports/` and `releases/`."""

    def __init__(self, location: Location):
        self.location = location
        if location.is_webdav:
            from webdav4.fsspec import WebdavFileSystem

            auth = _credentials(urlsplit(location.url).hostname or "")
            self._fs = WebdavFileSystem(location.url, auth=auth)
            self._root = ""
        elif location.scheme:
            self._fs, root = _optional_fs(location)
            self._root = str(root).rstrip("/")
        else:
            import fsspec

            self._fs = fsspec.filesystem("file")
            self._root = location.url.rstrip("/")

    def _path(self, rel: str) -> str:
        return f"{self._root}/{rel}" if self._root else rel

    def _fail(self, what: str, exc: Exception) -> ExportFailed:
        return ExportFailed(f"The team channel {self.location.url} {what}: {exc}.")

    def ensure(self) -> None:
        """Create the channel's folders (checks that it is reachable and writable)."""
        try:
            for folder in ("reports", "releases"):
                if not self._fs.exists(self._path(folder)):
                    self._fs.makedirs(self._path(folder), exist_ok=True)
        except Exception as exc:  # fsspec backends raise their own types
            raise self._fail("cannot be reached or written", exc) from exc

    def list(self, folder: str) -> dict[str, int]:
        """{file name: size} of the complete files directly in `folder` (listing only)."""
        try:
            entries = self._fs.ls(self._path(folder), detail=True)
        except FileNotFoundError:
            return {}
        except Exception as exc:
            raise self._fail("cannot be listed", exc) from exc
        out = {}
        for e in entries:
            if e.get("type") != "file":
                continue
            name = str(e["name"]).rstrip("/").rsplit("/", 1)[-1]
            if is_candidate(name):
                out[name] = int(e.get("size") or 0)
        return out

    def read(self, folder: str, name: str) -> bytes:
        try:
            return self._fs.cat_file(self._path(f"{folder}/{name}"))
        except FileNotFoundError as exc:
            raise Missing(f"{folder}/{name}") from exc
        except Exception as exc:
            raise self._fail(f"could not give {folder}/{name}", exc) from exc

    def write(self, folder: str, name: str, data: bytes) -> None:
        """Write under a unique hidden name, then move into place."""
        temp = self._path(f"{folder}/.{uuid.uuid4().hex}.part")
        final = self._path(f"{folder}/{name}")
        try:
            self._fs.pipe_file(temp, data)
            self._fs.mv(temp, final)
        except Exception as exc:
            with contextlib.suppress(Exception):  # best effort: readers skip .part files
                self._fs.rm_file(temp)
            raise self._fail(f"could not take {folder}/{name}", exc) from exc
