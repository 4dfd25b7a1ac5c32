"""Ed25519 publisher keys for library packs: make a key pair, trust a publisher's public key."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from enabler.domain.profile import Profile
from enabler.errors import Conflict, ExportFailed, Fix, Hint, InvalidInput, NotFound
from enabler.store import audit
from enabler.store.connection.db import transaction
from enabler.store.team import trusted_keys as store

MAX_KEY_FILE = 64 * 1024
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@dataclass(frozen=True, slots=True)
class KeyPair:
    name: str
    private_path: Path
    public_path: Path
    fingerprint: str


def fingerprint(public_key: Ed25519PublicKey) -> str:
    """SHA-256 of the raw 32-byte public key, in hex: what people compare by phone."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def public_pem(public_key: Ed25519PublicKey) -> str:
    return public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def _write_new(path: Path, data: bytes, mode: int) -> None:
    """Create `path` with `mode`, refusing to overwrite: a lost private key cannot come back."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        raise Conflict(
            f"{path} already exists; choose another name or folder.",
            hint=Hint(Fix.GIVE, "key_name"),
        ) from None
    except OSError as exc:
        raise ExportFailed(f"Cannot write {path}: {exc.strerror}.") from exc
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def new_key_pair(out_dir: Path, name: str) -> KeyPair:
    """Write out_dir/NAME.key (private, owner-only) and out_dir/NAME.pub (to share)."""
    if not _NAME.fullmatch(name):
        raise InvalidInput(f"Key name {name!r}: use letters, digits, '.', '-' or '_'.")
    if not out_dir.is_dir():
        raise ExportFailed(f"The folder {out_dir} does not exist; create it first.")
    private_path, public_path = out_dir / f"{name}.key", out_dir / f"{name}.pub"
    for path in (private_path, public_path):
        if path.exists():
            raise Conflict(
                f"{path} already exists; choose another name or folder.",
                hint=Hint(Fix.GIVE, "key_name"),
            )
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write_new(private_path, private_pem, 0o600)
    try:
        _write_new(public_path, public_pem(key.public_key()).encode("ascii"), 0o644)
    except BaseException:
        with contextlib.suppress(OSError):
            private_path.unlink()
        raise
    return KeyPair(name, private_path, public_path, fingerprint(key.public_key()))


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise InvalidInput(f"{path} is too large to be a key file.")
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"No key file at {path}.") from None
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.") from exc


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(_read(path), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise InvalidInput(
            f"{path} is not an unencrypted Enabler signing key.",
            hint=Hint(Fix.DO_FIRST, "new_key"),
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInput(
            f"{path} is not an Ed25519 key; make one with Enabler.",
            hint=Hint(Fix.DO_FIRST, "new_key"),
        )
    return key


def load_public_key(pem: bytes, where: str) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise InvalidInput(f"{where} is not a public key file (NAME.pub).") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidInput(
            f"{where} is not an Ed25519 public key made by Enabler.",
            hint=Hint(Fix.DO_FIRST, "new_key"),
        )
    return key


def trust(
    db: sqlite_utils.Database, profile: Profile, path: Path, name: str | None = None
) -> store.TrustedKey:
    """Accept packs signed by the key in `path` from now on."""
    key = load_public_key(_read(path), str(path))
    entry = store.TrustedKey(
        fingerprint(key), (name or path.stem).strip() or "publisher", public_pem(key), profile.name
    )
    with transaction(db):
        before = store.find(db, entry.fingerprint)
        saved = store.add(db, entry)
        audit.record(
            db,
            actor=profile.name,
            action="trust",
            entity="key",
            entity_id=saved.fingerprint,
            before={"name": before.name} if before else None,
            after={"name": saved.name, "fingerprint": saved.fingerprint},
        )
    return saved


def untrust(db: sqlite_utils.Database, profile: Profile, fingerprint_prefix: str) -> None:
    matches = [
        k for k in store.list_keys(db) if k.fingerprint.startswith(fingerprint_prefix.lower())
    ]
    if len(matches) != 1 or len(fingerprint_prefix) < 8:
        raise NotFound(
            f"No single trusted key starts with {fingerprint_prefix!r}; give at least 8 "
            "characters of one.",
            hint=Hint(Fix.LOOK_UP, "keys"),
        )
    with transaction(db):
        store.remove(db, matches[0].fingerprint)
        audit.record(
            db,
            actor=profile.name,
            action="untrust",
            entity="key",
            entity_id=matches[0].fingerprint,
            before={"name": matches[0].name},
        )


def trusted_public_keys(db: sqlite_utils.Database) -> dict[str, tuple[str, Ed25519PublicKey]]:
    """{fingerprint: (name, key)} for pack verification."""
    return {
        k.fingerprint: (k.name, load_public_key(k.public_key.encode("ascii"), f"key {k.name}"))
        for k in store.list_keys(db)
    }
